"""Editing one item of a repeating group (a source, an offence, a requirement) in a dialog.

An item's dialog offers only what applies to it, as the domain says (the check asks the same
modules, so the two agree). Answers that do not apply are hidden, their values kept as they are;
a choice held that is no longer offered stays in view, marked, so it is changed rather than lost.

- A requirement (``domain.requirements``): answers that belong to other kinds of requirement are
  hidden, and "Kind of treatment" lists only the kinds the law allows for it. Choosing another
  kind of requirement changes both at once.
- A source (``domain.sources``): "Why it is not available" is shown only for a source not
  available on the day, and appears or goes as soon as the status is chosen.
- A licensed or other tool's result (``domain.scoring.results_only_field_applies``): only the
  answers its tool file lists (the LDSQ has no "name of the tool").
- A plan item: "Requirement that carries it" lists the requirements proposed in this case
  (``domain.requirements.proposed_kinds``); it is hidden while none is proposed.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from psr_assist.domain.case import PlanItem, Proposal, Requirement, ResultsOnlyEntry, Source
from psr_assist.domain.requirements import allowed_treatment_types, proposed_kinds, requirement_field_applies
from psr_assist.domain.scoring import results_only_field_applies
from psr_assist.domain.sources import source_field_applies
from psr_assist.tui.form_spec import FieldSpec
from psr_assist.tui.widgets.fields import ChoicePicker, FieldWidget, FormHost, build_fields, unfold
from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static

#: Items whose answers depend on one of their own answers: that answer (a path inside the item)
#: and the domain's test of whether another answer applies, given its value.
_DECIDED_BY: dict[type, tuple[str, Callable[[Any, str], bool]]] = {
    Requirement: ("kind", requirement_field_applies),
    Source: ("status", source_field_applies),
    ResultsOnlyEntry: ("tool", results_only_field_applies),
}


def _asks(spec: FieldSpec) -> bool:
    """Whether any answer of the item has words to ask in the interview."""
    return any((child.question.interview and child.question.ask) or _asks(child) for child in spec.children)


NEXT_TO_FIX = "next_to_fix"  # what the editor closes with when Ctrl+F asks for the next answer to fix


class ItemEditorScreen(ModalScreen[str | None]):
    """The fields of one list item. Every change is saved as it is made; Esc closes (with
    ``None``); Ctrl+F closes with :data:`NEXT_TO_FIX`, for the wizard to go on to the next fix."""

    DEFAULT_CSS = """
    ItemEditorScreen { align: center middle; }
    ItemEditorScreen > Vertical { width: 100; max-width: 100%; height: 100%; max-height: 100%;
        border: thick $primary; background: $surface; }
    ItemEditorScreen .editor-title { text-style: bold; padding: 0 1; background: $primary 30%; width: 100%; }
    ItemEditorScreen .editor-help { color: $text-muted; padding: 0 1; }
    ItemEditorScreen VerticalScroll { padding: 0 1; }
    ItemEditorScreen .editor-notice { padding: 0 1; margin: 0 1; border-left: thick $warning; height: auto; }
    ItemEditorScreen #editor-fix.-fixed { border-left: thick $success; }
    ItemEditorScreen #editor-fix { padding: 0 1; margin: 0 1; border-left: thick $error; height: auto;
        display: none; }
    """

    BINDINGS = [
        Binding("escape", "close", "Done", tooltip="Close this item; what you typed is kept"),
        Binding("ctrl+n", "close", "Done", show=False, priority=True),
        Binding("ctrl+f", f"close('{NEXT_TO_FIX}')", "Next to fix", priority=True,
                tooltip="Close this item (what you typed is kept) and go to the next answer to fix"),
        Binding("f1", "help", "Help", tooltip="Help for the answer in focus, and every key that works here"),
    ]

    def __init__(
        self,
        spec: FieldSpec,
        list_path: str,
        index: int,
        count: int,
        host: FormHost,
        notice: str = "",
        *,
        interview: bool = False,
    ) -> None:
        super().__init__(classes="item-editor")
        self.help_text = ""  # what the editor says about itself (compose), shown again on F1
        self.notice = notice
        self._fix: Any = ""  # what the check wants fixed here, when Next to fix opened it
        self._fix_line: Static | None = None
        self.interview = interview  # opened from the interview: its questions carry the words to ask
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
            back = "Esc goes back to the interview" if self.interview else "Esc closes"
            if self.host.read_only:
                help_text = f"Read only: these answers can be read here, not changed. {back}."
            else:
                help_text = f"Tab and Shift+Tab move between answers. {back}; everything is saved as you type."
                if self.interview and _asks(self.spec):
                    help_text = f"Ask in your own way what is in quotes; the rest can wait for the desk. {help_text}"
            self.help_text = help_text
            yield Static(help_text, classes="editor-help")
            if self.notice:
                yield Static(self.notice, classes="editor-notice")
            # What Next to fix opened this item for (show_fix), said until the editor closes.
            self._fix_line = Static(self._fix, id="editor-fix")
            self._fix_line.display = bool(self._fix)
            yield self._fix_line
            with VerticalScroll(id="item-fields") as answers:
                # Tab goes from the last answer back to the first, not to the scrolling area (it
                # showed no focus). Read-only, the area takes the keys that scroll it, as on the desk.
                answers.can_focus = self.host.read_only
                yield from build_fields(self.spec.children, self.item_path, self.host)
        yield AppFooter()

    def show_fix(self, title: str, message: str, *, key: tuple[str, str] | None = None) -> None:
        """Say above the answers what the check wants fixed in this item (opened by Next to
        fix). Plain text: a finding may quote the officer's own words. ``key``: the finding's
        (rule id, answer), to say when it is fixed (:meth:`fixed_unless`)."""
        from rich.text import Text

        words = Text()
        words.append(f"{title}: ", style="bold")
        words.append(message)
        self._fix, self._fix_key = words, key
        if self._fix_line is not None:  # else compose puts it in
            self._fix_line.update(words)
            self._fix_line.display = True
            self._fix_line.remove_class("-fixed")

    _fix_key: tuple[str, str] | None = None

    def fixed_unless(self, open_findings: set[tuple[str, str]]) -> None:
        """The check has run again: once the finding this editor was opened for is gone, say so
        rather than go on asking for what has been done (tmux run)."""
        if self._fix_key is None or self._fix_key in open_findings:
            return
        self.show_fix("✓ Fixed", "Esc closes this item; Ctrl+F goes on to the next answer to fix.")
        if self._fix_line is not None:
            self._fix_line.add_class("-fixed")

    def on_mount(self) -> None:
        if self.interview:
            for field in self.query(FieldWidget):
                question = field.spec.question
                if question.interview and question.ask:
                    field.ask = " ".join(question.ask.split())
                    field.update_label()
        deciding = _DECIDED_BY.get(self.spec.info.item_model)
        if deciding is not None:
            rel, _ = deciding
            self.fit_to(self.host.read(f"{self.item_path}.{rel}"))
            picker = self._picker(rel)
            if picker is not None:
                # The picker's value changes as the officer chooses, before it is stored.
                self.watch(picker, "value", self._deciding_answer_chosen, init=False)
        else:
            self.fit_to(None)
        fields = list(self.query(FieldWidget))
        if fields and not self.host.read_only:
            target = fields[0]
            decided = _DECIDED_BY.get(self.spec.info.item_model) is None or self._decided_by is not None
            if self.interview and decided:
                # The first answer the interview asks (a requirement's consent, folded away at the
                # desk), rather than the first of the item's answers; a new requirement starts
                # with its kind, which decides whether consent is asked at all.
                target = next((f for f in fields if f.ask and self.applies(f.path)), target)
            # Within the answers' scrolling area: the editor opens at their top when the answer
            # is on its first screen (at 80x24 it opened a row down, the answer's label hidden).
            answers = self.query_one("#item-fields")
            if unfold(target):
                self.call_after_refresh(target.focus_control, within=answers)
            else:
                target.focus_control(within=answers)

    # ------------------------------------------------------------------ what this item's answers are
    _decided_by: Any = None  # the value of the answer that decides the others (a requirement's kind…)
    _nothing_to_choose: frozenset[str] = frozenset()  # choices with no choice to offer, hidden

    def applies(self, path: str) -> bool:
        """Whether the answer at ``path`` is one this item has, as the domain says for its kind of item."""
        prefix = f"{self.item_path}."
        if not path.startswith(prefix):
            return True
        rel = path[len(prefix) :]
        if rel in self._nothing_to_choose:
            return False
        deciding = _DECIDED_BY.get(self.spec.info.item_model)
        return deciding is None or deciding[1](self._decided_by, rel)

    def _picker(self, rel: str) -> ChoicePicker | None:
        path = f"{self.item_path}.{rel}"
        for field in self.query(FieldWidget):
            if field.path == path and isinstance(field.control, ChoicePicker):
                return field.control
        return None

    def _deciding_answer_chosen(self, value: Any) -> None:
        if value is None or isinstance(value, Enum):
            self.fit_to(value)

    def fit_to(self, decided_by: Any) -> None:
        """Offer the choices, and show the answers, that apply while the deciding answer is
        ``decided_by`` (a requirement's kind, a source's status); hide the rest, keeping their values."""
        self._decided_by = decided_by
        model = self.spec.info.item_model
        empty: set[str] = set()
        if model is Requirement:
            allowed = allowed_treatment_types(decided_by)
            if allowed:  # otherwise not a treatment requirement: the treatment answers are hidden
                self._offer("treatment.treatment_type", allowed, "not allowed for this requirement")
        elif model is PlanItem:
            proposal = self.host.read(self.list_path.rpartition(".")[0])
            kinds = proposed_kinds(proposal) if isinstance(proposal, Proposal) else ()
            if not self._offer("requirement", kinds, "not proposed"):
                empty.add("requirement")  # no requirement is proposed yet: nothing to choose from
        self._nothing_to_choose = frozenset(empty)
        for widget in self.query("#item-fields .field, #item-fields .group"):
            widget.display = self.applies(getattr(widget, "path", ""))

    def _offer(self, rel: str, allowed: tuple[Enum, ...], not_allowed: str) -> bool:
        """Make the choice at ``rel`` list ``allowed``; say whether there is anything to choose."""
        picker = self._picker(rel)
        if picker is None:
            return True
        bank = self.host.bank
        options: list[tuple[str, Any]] = [(bank.choice_label(member), member) for member in allowed]
        held = self.host.read(f"{self.item_path}.{rel}")
        if held is not None and held not in allowed:
            # A choice made before (or in an older case file) stays visible, marked, until it is
            # changed: hiding it would lose it without a word. The check warns about it or blocks it.
            options.append((f"{bank.choice_label(held)} ({not_allowed})", held))
        if not options:
            return False  # the field is hidden; a picker with no choices cannot be stepped through
        picker.options = options
        picker.refresh()
        return True

    def focus_path(self, path: str) -> bool:
        """Focus the answer at ``path`` (or the first one inside it)."""
        from psr_assist.tui.form_spec import path_matches

        for widget in self.query(".field"):
            field_path = getattr(widget, "path", "")
            if not self.applies(field_path):
                continue
            if path_matches(field_path, path):
                # An answer in a part folded away (consent, treatment details) is opened first:
                # focus cannot go to what is not shown.
                if unfold(widget):
                    self.call_after_refresh(widget.focus_control)  # type: ignore[attr-defined]
                else:
                    widget.focus_control()  # type: ignore[attr-defined]
                return True
        return False

    def on_field_widget_done(self, event: FieldWidget.Done) -> None:
        event.stop()
        self.focus_next()

    def action_help(self) -> None:
        """F1: help for the answer in focus (as on the desk), what this editor is, and its keys."""
        from psr_assist.tui.screens.dialogs import HelpScreen, question_help

        sections: list[tuple[str, str]] = []
        focused = self.focused
        for field in self.query(FieldWidget):
            if focused is not None and focused in field.walk_children():
                sections.append(question_help(field))
                break
        title = f"{self.spec.label}: {self.spec.item_label} {self.index + 1} of {self.count}"
        sections.append((title, self.help_text))
        self.app.push_screen(HelpScreen(sections, self.app.key_table(self)))  # type: ignore[attr-defined]

    def action_close(self, then: str | None = None) -> None:
        focused = self.focused
        if focused is not None:
            # Leaving the dialog is leaving the field: store it and show any error first.
            for field in self.query(FieldWidget):
                if focused in field.walk_children():
                    already_told = field.error is not None
                    if not field.commit(show_errors=True) and not already_told:
                        return  # show the error once; a second Esc closes anyway
        self.dismiss(then)
