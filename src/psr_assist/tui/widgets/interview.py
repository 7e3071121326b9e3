"""Interview mode: one question at a time, in words to read aloud, answered in a key or a few words.

It writes to the same case through the same host as the desk forms, so switching modes
loses nothing.
"""

from __future__ import annotations

import time
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

from psr_assist.domain.wording import article, join_words, lower_first
from psr_assist.tui.form_spec import Leaf
from psr_assist.tui.widgets.fields import (
    FieldWidget,
    FormHost,
    ListField,
    build_field,
)
from psr_assist.tui.widgets.plain import Static

END_NOTICE_SECONDS = 5.0


def pack_keys(keys: list[str], width: int) -> list[str]:
    """Keys and what they do, one after another in lines of ``width``; a line breaks only
    between two of them ("Ctrl+N: next question" is never split)."""
    lines: list[str] = []
    for key in keys:
        if lines and len(lines[-1]) + 3 + len(key) <= width:
            lines[-1] += " · " + key
        else:
            lines.append(key)
    return lines


class KeyLine(Widget):
    """The interview's keys, wrapped between keys, never inside one."""

    DEFAULT_CSS = "KeyLine { height: auto; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys: list[str] = []

    def show(self, keys: list[str]) -> None:
        self.keys = keys
        self.refresh(layout=True)

    def render(self) -> Text:
        return Text("\n".join(pack_keys(self.keys, max(1, self.content_size.width))))

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return max(1, len(pack_keys(self.keys, max(1, width))))


class NumberedChoice(Widget, can_focus=True):
    """The answers numbered 1, 2, 3…: one digit answers. Delete clears."""

    DEFAULT_CSS = """
    NumberedChoice { height: auto; padding: 0 1; background: $boost; }
    NumberedChoice:focus { background-tint: $accent 15%; }
    """

    # Delete only: Backspace is pressed by habit, and cleared an answer without a word.
    BINDINGS = [Binding("delete", "clear", "Clear answer", show=False)]

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
    InterviewView { padding: 0 1 0 2; }
    InterviewView #iv-where { color: $text-muted; margin-top: 1; }
    InterviewView #iv-ask { text-style: bold; padding: 0 1; margin: 1 0; border: tall $accent; background: $boost;
        height: auto; }
    InterviewView #iv-note { color: $text; text-style: italic; height: auto; }
    InterviewView #iv-note.-empty { display: none; }
    /* The answer takes the room left, and scrolls within it: at 80x24 every choice, every item
       and the line being typed stay in sight. */
    InterviewView #iv-answer { height: 1fr; }
    InterviewView #iv-answer > LongTextField, InterviewView #iv-answer > ListField { height: 100%; margin: 0; }
    InterviewView #iv-answer > LongTextField > TextArea,
    InterviewView #iv-answer > LongTextField > TextArea:focus { height: 1fr; min-height: 3; }
    InterviewView #iv-answer > ListField > ItemList { height: 1fr; max-height: 100%; }
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
        self.left_at: int | None = None  # the question showing when the officer went to the desk
        # Lists moved past in this interview: an empty one was answered ("there's no one"), so
        # coming back to the interview does not stop there again.
        self.passed_lists: set[str] = set()
        self._after_opening = 0  # the question Enter goes on to from the opening
        self._said_last = -END_NOTICE_SECONDS  # when "that was the last question" was last said

    def compose(self) -> ComposeResult:
        yield Static("", id="iv-where")
        yield Static("", id="iv-ask")
        yield Static("", id="iv-note")
        with VerticalScroll(id="iv-answer") as holder:
            # Tab goes to the answer, never to the area around it (it shows no focus, so a paste
            # after Tab from the step list went nowhere the officer could see).
            holder.can_focus = False
        yield KeyLine(id="iv-keys")

    @property
    def current(self) -> Leaf | None:
        return self.leaves[self.index] if self.leaves else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self.on_opening  # Enter goes on from the opening only (not in F1's keys after)
        return True

    def asked(self, leaf: Leaf) -> bool:
        """Whether the question is asked, given the answers beside it (``asked_if``): "Which
        surgery?" is not asked of someone who has said they have no GP."""
        from psr_assist.domain.questions import is_asked

        return is_asked(leaf.spec.question, leaf.path, self.host.read)

    def number(self, index: int) -> tuple[int, int]:
        """Question ``index`` as the officer counts it, and how many there are: only questions
        asked given the answers so far, so skipping a follow-up does not jump the count by two."""
        asked = [self.asked(leaf) for leaf in self.leaves]
        number = sum(asked[:index]) + 1
        return number, max(number, sum(asked))

    def first_unanswered_from(self, step_id: str) -> int:
        from psr_assist.tui.model_path import is_answered

        start = next((i for i, leaf in enumerate(self.leaves) if leaf.step.id == step_id), 0)
        for offset in range(len(self.leaves)):
            i = (start + offset) % len(self.leaves)
            leaf = self.leaves[i]
            if leaf.path in self.passed_lists:
                continue
            if self.asked(leaf) and not is_answered(self.host.read(leaf.path)):
                return i
        return start

    def refresh_keys(self) -> None:
        """Say the keys and the note again (a list has just gained its first item, or lost its
        last; a licensed tool's result has just been kept)."""
        if not self.on_opening and self.current is not None:
            self.query_one("#iv-keys", KeyLine).show(self._keys(self.current))
            self._show_note(self.current)

    def _show_note(self, leaf: Leaf) -> None:
        notes = []
        question, bank = leaf.spec.question, self.host.bank
        if question.verbatim:
            notes.append(bank.interview_verbatim_note)
        elif leaf.spec.control == "longtext":
            notes.append(bank.interview_account_note)  # printed as the officer's prose
        notes = [note for note in notes if note]
        licensed = self._licensed_given(leaf)
        if licensed:
            notes.append(licensed)
        note_box = self.query_one("#iv-note", Static)
        note_box.update("\n".join(notes))
        note_box.set_class(not notes, "-empty")

    def _licensed_given(self, leaf: Leaf) -> str:
        """Beside the screening tools: the licensed tools given, whose results the interview's
        list (the scored tools) does not show, so that "None yet" is not read as none given."""
        if leaf.path != "screening.results":
            return ""
        from psr_assist.domain.scoring import results_only_short_name

        names = []
        for entry in self.host.read("screening.results_only") or []:
            if entry.tool is None:
                continue
            name = results_only_short_name(entry) or entry.tool.value
            if name not in names:
                names.append(name)
        if not names:
            return ""
        return f"Also recorded on the screening step, results only: {join_words(names)}."

    def _keys(self, leaf: Leaf) -> list[str]:
        """The keys that do something at this question, and only those."""
        read_only = self.host.read_only
        control = leaf.spec.control
        if read_only and control != "list":
            keys = ["Ctrl+N: next question"]  # a read-only answer takes no keys
        elif control in ("choice", "bool"):
            keys = ["A number: answer and go on", "Delete: clear", "Ctrl+N: skip"]
        elif control == "list":
            word = lower_first(leaf.spec.item_label)
            empty = not self.host.read(leaf.path)
            if read_only:
                keys = [] if empty else ["Enter: open the highlighted"]
            elif empty:
                keys = [f"A or Enter: add {article(word)} {word}"]
            else:
                keys = [f"A: add {article(word)} {word}", "Enter: open the highlighted"]
            keys.append("Ctrl+N: next question")
        elif control == "longtext":
            keys = ["Ctrl+N: next question", "Enter: new line"]
        else:
            keys = ["Enter: next question"]
        keys.append("Ctrl+B: back")
        # A read-only case gives no screening tool.
        keys += ["F2: desk mode"] if read_only else ["F3: screening tool", "F2: desk mode"]
        return keys

    async def show_opening(self, then: int = 0) -> None:
        """Before question 1: who the officer is, what the report is for, who reads it, the limits
        of confidentiality and the right not to answer. No answer is recorded; Enter goes on to
        question ``then`` (the first unanswered one, when the interview starts part-way through)."""
        self.opening_due, self.on_opening, self.index = False, True, 0
        self._after_opening = then
        self.query_one("#iv-where", Static).update("Interview · before the first question")
        self.query_one("#iv-ask", Static).update(Text(self.host.bank.interview_opening))
        self.query_one("#iv-note", Static).update("")
        self.query_one("#iv-note", Static).add_class("-empty")
        onward = "the first question" if then == 0 else f"question {self.number(then)[0]}, the first not yet answered"
        self.query_one("#iv-keys", KeyLine).show([f"Enter or Ctrl+N: {onward}", "F2: desk mode"])
        await self.query_one("#iv-answer", VerticalScroll).remove_children()
        self.can_focus = True
        self.focus()

    async def action_begin(self) -> None:
        if self.on_opening:
            await self.show_question(self._after_opening)

    async def show_question(self, index: int) -> None:
        if not self.leaves:
            self.query_one("#iv-ask", Static).update("There are no interview questions in the question bank.")
            return
        if self.opening_due:
            # Said first, wherever the interview starts: question 1 may have been answered at the
            # desk, and the person still needs to hear who reads the report and that they may
            # decline to answer.
            await self.show_opening(then=max(0, index))
            return
        self.on_opening = False
        self.can_focus = False
        self.index = max(0, min(index, len(self.leaves) - 1))
        leaf = self.leaves[self.index]
        question = leaf.spec.question
        remember = getattr(self.host, "remember_step", None)
        if remember is not None:
            remember(leaf.step.id)  # a case left mid-interview opens at the step it had reached
        number, total = self.number(self.index)
        self.query_one("#iv-where", Static).update(f"Interview · question {number} of {total} · {leaf.step.title}")
        self.query_one("#iv-ask", Static).update(Text(question.ask or question.label))
        self.query_one("#iv-keys", KeyLine).show(self._keys(leaf))
        self._show_note(leaf)
        holder = self.query_one("#iv-answer", VerticalScroll)
        await holder.remove_children()
        if leaf.spec.control in ("choice", "bool"):
            field: Any = InterviewChoiceField(leaf.spec, leaf.path, self.host)
        else:
            field = build_field(leaf.spec, leaf.path, self.host)
            if isinstance(field, ListField):
                field.show_keys = False  # the interview's own key line says them
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
                await self.show_question(self._after_opening)
            return
        field = self.current_field()
        if field is not None:
            field.commit(show_errors=True)
            self.host.field_left(field)
        current = self.current
        if delta > 0 and current is not None and current.spec.control == "list":
            self.passed_lists.add(current.path)
        target = self.index + delta
        step = 1 if delta >= 0 else -1
        while 0 <= target < len(self.leaves) and not self.asked(self.leaves[target]):
            target += step  # a follow-up the last answer rules out: on to the next question
        if target < 0 and self.host.bank.interview_opening:
            await self.show_opening()  # back before question 1: the opening, to read again
            return
        if not 0 <= target < len(self.leaves):
            target = self.index  # nothing further that way: stay
            if delta > 0 and time.monotonic() - self._said_last > END_NOTICE_SECONDS:
                # Once, not once per press: Textual leaves a pile of quick notices on screen.
                self._said_last = time.monotonic()
                self.app.notify(
                    "That was the last question. F2 goes to the desk, to write the analysis and the proposal.",
                    title="End of the interview",
                    timeout=END_NOTICE_SECONDS,
                )
        await self.show_question(target)
