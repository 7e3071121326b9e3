"""Editing one item of a repeating group (a source, an offence, a requirement) in a dialog.

A requirement's dialog offers only what applies to its kind, as the domain says
(``domain.requirements``, which the check uses too): answers that belong to other kinds of
requirement are hidden (their values are kept as they are), and "Kind of treatment" lists only
the kinds the law allows for it. Choosing another kind of requirement changes both at once.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from psr_assist.domain.case import Requirement, RequirementKind
from psr_assist.domain.requirements import allowed_treatment_types, requirement_field_applies
from psr_assist.tui.form_spec import FieldSpec
from psr_assist.tui.widgets.fields import ChoicePicker, FieldWidget, FormHost, build_fields
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
        if self.is_requirement:
            kind = self.host.read(f"{self.item_path}.kind")
            self.fit_to_kind(kind)
            picker = self._picker("kind")
            if picker is not None:
                # The picker's value changes as the officer chooses, before it is stored.
                self.watch(picker, "value", self._kind_chosen, init=False)
        fields = list(self.query(FieldWidget))
        if fields and not self.host.read_only:
            fields[0].focus_control()

    # ------------------------------------------------------------------ a requirement's own answers
    @property
    def is_requirement(self) -> bool:
        return self.spec.info.item_model is Requirement

    _kind: RequirementKind | None = None

    def applies(self, path: str) -> bool:
        """Whether the answer at ``path`` is one this item has (always, except a requirement's)."""
        if not self.is_requirement or not path.startswith(f"{self.item_path}."):
            return True
        return requirement_field_applies(self._kind, path[len(self.item_path) + 1 :])

    def _picker(self, rel: str) -> ChoicePicker | None:
        path = f"{self.item_path}.{rel}"
        for field in self.query(FieldWidget):
            if field.path == path and isinstance(field.control, ChoicePicker):
                return field.control
        return None

    def _kind_chosen(self, kind: Any) -> None:
        if kind is None or isinstance(kind, RequirementKind):
            self.fit_to_kind(kind)

    def fit_to_kind(self, kind: RequirementKind | None) -> None:
        """Show the answers and kinds of treatment a requirement of ``kind`` has; hide the rest."""
        self._kind = kind
        for widget in self.query("#item-fields .field, #item-fields .group"):
            widget.display = self.applies(getattr(widget, "path", ""))
        picker = self._picker("treatment.treatment_type")
        allowed = allowed_treatment_types(kind)
        if picker is None or not allowed:
            return  # not a treatment requirement: the treatment answers are hidden
        bank = self.host.bank
        options: list[tuple[str, Any]] = [(bank.choice_label(member), member) for member in allowed]
        held = self.host.read(f"{self.item_path}.treatment.treatment_type")
        if held is not None and held not in allowed:
            # A choice made before (or in an older case file) stays visible, marked, until it is
            # changed: hiding it would lose it without a word. The check blocks it.
            options.append((f"{bank.choice_label(held)} (not allowed for this requirement)", held))
        picker.options = options
        picker.refresh()

    def focus_path(self, path: str) -> bool:
        """Focus the answer at ``path`` (or the first one inside it)."""
        from psr_assist.tui.form_spec import path_matches

        for widget in self.query(".field"):
            field_path = getattr(widget, "path", "")
            if not self.applies(field_path):
                continue
            if path_matches(field_path, path):
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
