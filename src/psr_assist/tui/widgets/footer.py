"""The footer of every screen: key labels, made compact on narrow terminals so more of them fit.

Textual's Footer shows nothing until the screen first announces its bindings, then rebuilds
all its keys after every focus move. Most focus moves (one answer to the next) leave the keys
it shows exactly as they were, and each rebuild re-lays out the whole screen, so this footer
shows its keys from the start and rebuilds them only when what it shows would change.
"""

from __future__ import annotations

from typing import Any

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Footer

try:  # Textual's key widget is not public; a Textual that moves it just loses the pre-compacting
    from textual.widgets._footer import FooterKey
except ImportError:  # pragma: no cover - textual 8.2 has it here
    FooterKey = None  # type: ignore[assignment,misc]


class AppFooter(Footer):
    # Compact, Textual gives every key a right margin, the palette key too: docked right, its
    # margin left the last column to whatever key scrolled under it (a stray letter when the keys
    # overflow). The palette key covers that column itself.
    DEFAULT_CSS = """
    AppFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Compose the keys with the screen (Textual waits for the first bindings signal and then
        # recomposes): the screen's and the app's bindings are known by the time it composes.
        ready = getattr(Footer, "_bindings_ready", None)  # private: without it, Textual's own timing
        if isinstance(ready, Reactive):
            self.set_reactive(ready, True)
        self._shown: tuple | None = None
        self._rebuild_pending = False

    def on_resize(self, event: Any) -> None:
        self.compact = event.size.width < 110

    def shown_keys(self) -> tuple:
        """What the footer shows for the screen's bindings now (what its keys are built from)."""
        bindings = self.screen.active_bindings
        shown = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in bindings.values()
            if binding.show
        )
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            entry = bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if entry is not None:
                _node, binding, enabled, tooltip = entry
                palette = (binding.key, binding.description, enabled, binding.tooltip or tooltip)
        return shown, palette

    def compose(self) -> Any:
        self._shown = self.shown_keys()
        for widget in super().compose():
            if FooterKey is not None and isinstance(widget, FooterKey):
                # A key starts compact and takes the footer's compact (data-bound) once mounted:
                # two restyles of every key each time they are built. Give each key now the
                # value it ends with (the palette key is not bound and stays compact).
                compact = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            # On the footer's own queue: Textual runs an after-refresh callback on whichever
            # screen is on top when it is read, and a dialog closed before its next refresh
            # drops it (the rebuild never came, and the footer kept the keys of the last step).
            self.call_later(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self.shown_keys() != self._shown:
            await self.recompose()
