"""Interview mode: one question at a time, in words to read aloud, answered in a key or a few words.

It writes to the same case through the same host as the desk forms, so switching modes
loses nothing.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from psr_assist.domain.wording import article, lower_first
from psr_assist.tui.form_spec import Leaf
from psr_assist.tui.widgets.fields import (
    FieldWidget,
    FormHost,
    build_field,
)
from psr_assist.tui.widgets.plain import Static


class NumberedChoice(Widget, can_focus=True):
    """The answers numbered 1, 2, 3…: one digit answers. Delete clears."""

    DEFAULT_CSS = """
    NumberedChoice { height: auto; padding: 0 1; background: $boost; }
    NumberedChoice:focus { background-tint: $accent 15%; }
    """

    BINDINGS = [Binding("delete,backspace", "clear", "Clear answer", show=False)]

    value: reactive[Any] = reactive(None, always_update=True)

    class Answered(Message):
        def __init__(self, widget: NumberedChoice, value: Any, by_key: bool) -> None:
            super().__init__()
            self.widget = widget
            self.value = value
            self.by_key = by_key

        @property
        def control(self) -> NumberedChoice:
            return self.widget

    def __init__(self, options: list[tuple[str, Any]], value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options
        self.set_reactive(NumberedChoice.value, value)

    def render(self) -> Text:
        text = Text()
        for i, (words, value) in enumerate(self.options):
            chosen = value == self.value and self.value is not None
            key = str(i + 1) if i < 9 else " "
            text.append(f" {key} ", style="reverse bold" if chosen else "bold")
            text.append(f" {'● ' if chosen else ''}{words}", style="bold" if chosen else "")
            text.append("\n")
        if self.value is None:
            text.append("Not answered yet: press a number", style="dim italic")
        return text

    def on_key(self, event: Any) -> None:
        char = event.character
        if char and char.isdigit() and char != "0":
            index = int(char) - 1
            if index < len(self.options):
                event.stop()
                self.value = self.options[index][1]
                self.post_message(self.Answered(self, self.value, True))

    def action_clear(self) -> None:
        self.value = None
        self.post_message(self.Answered(self, None, False))


class InterviewChoiceField(FieldWidget):
    """A choice or yes/no answered with one digit."""

    def _options(self) -> list[tuple[str, Any]]:
        if self.spec.control == "bool":
            return [("Yes", True), ("No", False)]
        enum = self.spec.info.enum
        assert enum is not None
        bank = self.host.bank
        options: list[tuple[str, Any]] = bank.interview_options(enum, self.spec.question)
        held = self.host.read(self.path)
        if held is not None and held not in [value for _, value in options]:
            # Recorded at the desk ("Diagnosed or assessed by a professional"): shown, so the
            # interview neither hides it nor offers it to be changed by mistake.
            options.append((bank.choice_label(held), held))
        return options

    def compose_control(self, value: Any) -> ComposeResult:
        yield NumberedChoice(self._options(), value, classes="control")

    def raw(self) -> Any:
        return self.control.value  # type: ignore[attr-defined]

    def show(self, value: Any) -> None:
        self.control.set_reactive(NumberedChoice.value, value)
        self.control.refresh()

    @on(NumberedChoice.Answered)
    def _answered(self, event: NumberedChoice.Answered) -> None:
        if not self.query(".control"):
            # The question was taken down (another key arrived with the answer) before this
            # message was read: keep the answer all the same, straight into the case.
            if not self.host.read_only:
                with suppress(ValidationError):
                    self.host.write(self.path, event.value)
            return
        self.commit(show_errors=True)
        if event.by_key:
            self.post_message(InterviewView.Advance())


class InterviewView(Vertical):
    """The next question to ask, large and plain, with its answer below."""

    DEFAULT_CSS = """
    InterviewView { padding: 0 2; }
    InterviewView #iv-where { color: $text-muted; margin-top: 1; }
    InterviewView #iv-ask { text-style: bold; padding: 1 2; margin: 1 0; border: tall $accent; background: $boost;
        height: auto; }
    InterviewView #iv-note { color: $text; text-style: italic; height: auto; }
    InterviewView #iv-answer { height: auto; }
    /* The keys stay in sight at the foot of the view, whole (wrapped), however long the question. */
    InterviewView #iv-keys { color: $text-muted; dock: bottom; height: auto; border-top: solid $primary 30%; }
    """

    BINDINGS = [Binding("enter", "begin", "First question", show=False)]

    class Advance(Message):
        """A one-key answer was given: go on to the next question."""

    def __init__(self, host: FormHost, leaves: list[Leaf], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.host = host
        self.leaves = leaves
        self.index = 0
        # What to explain before the first question (steps.yaml: interview_opening), shown once,
        # on its own, the first time the interview reaches question 1.
        self.opening_due = bool(getattr(host.bank, "interview_opening", ""))
        self.on_opening = False

    def compose(self) -> ComposeResult:
        yield Static("", id="iv-where")
        yield Static("", id="iv-ask")
        yield Static("", id="iv-note")
        with VerticalScroll(id="iv-answer"):
            pass
        yield Static("", id="iv-keys")

    @property
    def current(self) -> Leaf | None:
        return self.leaves[self.index] if self.leaves else None

    def asked(self, leaf: Leaf) -> bool:
        """Whether the question is asked, given the answers beside it (``asked_if``): "Which
        surgery?" is not asked of someone who has said they have no GP."""
        from psr_assist.domain.questions import answer_is

        condition = leaf.spec.question.asked_if
        if not condition:
            return True
        beside = leaf.path.rsplit(".", 1)[0] + "." if "." in leaf.path else ""
        return all(answer_is(self.host.read(beside + name), values) for name, values in condition.items())

    def first_unanswered_from(self, step_id: str) -> int:
        from psr_assist.tui.model_path import is_answered

        start = next((i for i, leaf in enumerate(self.leaves) if leaf.step.id == step_id), 0)
        for offset in range(len(self.leaves)):
            i = (start + offset) % len(self.leaves)
            leaf = self.leaves[i]
            if self.asked(leaf) and not is_answered(self.host.read(leaf.path)):
                return i
        return start

    async def show_opening(self) -> None:
        """Before question 1: who the officer is, what the report is for, who reads it, the limits
        of confidentiality and the right not to answer. No answer is recorded; Enter goes on."""
        self.opening_due, self.on_opening, self.index = False, True, 0
        self.query_one("#iv-where", Static).update("Interview · before the first question")
        self.query_one("#iv-ask", Static).update(Text(self.host.bank.interview_opening))
        self.query_one("#iv-note", Static).update("")
        self.query_one("#iv-keys", Static).update("Enter or Ctrl+N: the first question · F2: desk mode")
        await self.query_one("#iv-answer", VerticalScroll).remove_children()
        self.can_focus = True
        self.focus()

    async def action_begin(self) -> None:
        if self.on_opening:
            await self.show_question(0)

    async def show_question(self, index: int) -> None:
        if not self.leaves:
            self.query_one("#iv-ask", Static).update("There are no interview questions in the question bank.")
            return
        if index <= 0 and self.opening_due:
            await self.show_opening()
            return
        self.on_opening = False
        self.can_focus = False
        self.index = max(0, min(index, len(self.leaves) - 1))
        leaf = self.leaves[self.index]
        question = leaf.spec.question
        self.query_one("#iv-where", Static).update(
            f"Interview · question {self.index + 1} of {len(self.leaves)} · {leaf.step.title}"
        )
        self.query_one("#iv-ask", Static).update(Text(question.ask or question.label))
        if leaf.spec.control in ("choice", "bool"):
            keys = "A number answers and moves on · Ctrl+N: skip · Ctrl+B: previous"
        elif leaf.spec.control == "list":
            word = lower_first(leaf.spec.item_label)
            adding = "" if self.host.read_only else f"A: add {article(word)} {word} · "
            keys = f"{adding}Enter: open the highlighted · Ctrl+N: next question · Ctrl+B: previous"
        elif leaf.spec.control == "longtext":
            keys = "Ctrl+N: next question (Enter starts a new line) · Ctrl+B: previous"
        else:
            keys = "Enter or Ctrl+N: next question · Ctrl+B: previous"
        # Only the keys that do something here: a read-only case gives no screening tool.
        keys += " · F2: desk mode" if self.host.read_only else " · F3: screening tool · F2: desk mode"
        self.query_one("#iv-keys", Static).update(keys)
        note = ""
        if question.verbatim:
            note = "✎ Write down their own words exactly as they say them."
        self.query_one("#iv-note", Static).update(note)
        holder = self.query_one("#iv-answer", VerticalScroll)
        await holder.remove_children()
        if leaf.spec.control in ("choice", "bool"):
            field: Any = InterviewChoiceField(leaf.spec, leaf.path, self.host)
        else:
            field = build_field(leaf.spec, leaf.path, self.host)
        await holder.mount(field)
        if isinstance(field, FieldWidget) or hasattr(field, "focus_control"):
            field.focus_control()

    def focus_answer(self) -> None:
        """Put the focus back on the current question's answer (after a dialog opened from it)."""
        for answer in self.query_one("#iv-answer").children:
            focus = getattr(answer, "focus_control", None)
            if focus is not None:
                focus()
                return

    def current_field(self) -> FieldWidget | None:
        fields = list(self.query_one("#iv-answer").query(FieldWidget))
        return fields[0] if fields else None

    async def move(self, delta: int) -> None:
        if self.on_opening:
            if delta > 0:
                await self.show_question(0)
            return
        field = self.current_field()
        if field is not None:
            field.commit(show_errors=True)
            self.host.field_left(field)
        target = self.index + delta
        step = 1 if delta >= 0 else -1
        while 0 <= target < len(self.leaves) and not self.asked(self.leaves[target]):
            target += step  # a follow-up the last answer rules out: on to the next question
        if not 0 <= target < len(self.leaves):
            target = self.index  # nothing further that way: stay
        await self.show_question(target)
