"""Editing one item of a repeating group (a source, an offence, a requirement) in a dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from psr_assist.tui.form_spec import FieldSpec
from psr_assist.tui.widgets.fields import FieldWidget, FormHost, build_fields
from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static


class ItemEditorScreen(ModalScreen[None]):
    """The fields of one list item. Every change is saved as it is made; Esc closes."""

    DEFAULT_CSS = """
    ItemEditorScreen { align: center middle; }
    ItemEditorScreen > Vertical { width: 100; max-width: 100%; height: 100%; max-height: 100%;
        border: thick $primary; background: $surface; }
    ItemEditorScreen .editor-title { text-style: bold; padding: 0 1; background: $primary 30%; width: 100%; }
    ItemEditorScreen .editor-help { color: $text-muted; padding: 0 1; }
    ItemEditorScreen VerticalScroll { padding: 0 1; }
    ItemEditorScreen .editor-notice { padding: 0 1; margin: 0 1; border-left: thick $warning; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "close", "Done", tooltip="Close this item; what you typed is kept"),
        Binding("ctrl+n", "close", "Done", show=False, priority=True),
    ]

    def __init__(
        self, spec: FieldSpec, list_path: str, index: int, count: int, host: FormHost, notice: str = ""
    ) -> None:
        super().__init__(classes="item-editor")
        self.notice = notice
        self.spec = spec
        self.list_path = list_path
        self.index = index
        self.count = count
        self.host = host
        self.item_path = f"{list_path}[{index}]"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                f"{self.spec.label}: {self.spec.item_label} {self.index + 1} of {self.count}",
                classes="editor-title",
            )
            yield Static(
                "Tab and Shift+Tab move between answers. Esc closes; everything is saved as you type.",
                classes="editor-help",
            )
            if self.notice:
                yield Static(self.notice, classes="editor-notice")
            with VerticalScroll(id="item-fields"):
                yield from build_fields(self.spec.children, self.item_path, self.host)
        yield AppFooter()

    def on_mount(self) -> None:
        fields = list(self.query(FieldWidget))
        if fields and not self.host.read_only:
            fields[0].focus_control()

    def focus_path(self, path: str) -> bool:
        """Focus the answer at ``path`` (or the first one inside it)."""
        from psr_assist.tui.form_spec import path_matches

        for widget in self.query(".field"):
            if path_matches(getattr(widget, "path", ""), path):
                widget.focus_control()  # type: ignore[attr-defined]
                return True
        return False

    def on_field_widget_done(self, event: FieldWidget.Done) -> None:
        event.stop()
        self.focus_next()

    def action_close(self) -> None:
        focused = self.focused
        if focused is not None:
            # Leaving the dialog is leaving the field: store it and show any error first.
            for field in self.query(FieldWidget):
                if focused in field.walk_children():
                    already_told = field.error is not None
                    if not field.commit(show_errors=True) and not already_told:
                        return  # show the error once; a second Esc closes anyway
        self.dismiss(None)
