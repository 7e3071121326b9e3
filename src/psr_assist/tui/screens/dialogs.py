"""Small dialogs: confirm, choose one, give a reason, the critical-item alert, help, text view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, TextArea
from textual.widgets.option_list import Option

from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that cannot be undone. y / Enter = yes, n / Esc = no."""

    KEYS_TYPED_AHEAD = False  # a "y" typed before the question was on screen is not its answer

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical { width: 64; max-width: 95%; height: auto; border: thick $warning; padding: 1 2;
        background: $surface; }
    ConfirmScreen .dialog-title { text-style: bold; margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No / cancel"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body)
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="warning")
                yield Button(f"{self.no} (n)", id="no")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


def if_yes(action: Callable[[], object]) -> Callable[[bool | None], None]:
    """The callback for a :class:`ConfirmScreen` that does ``action`` only if the officer says yes."""

    def answered(yes: bool | None) -> None:
        if yes:
            action()

    return answered


class ChoiceScreen(ModalScreen[Any]):
    """Choose one of a few options: a digit picks at once, or arrows and Enter. Esc cancels."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical { width: 70; max-width: 95%; height: auto; max-height: 90%; border: thick $primary;
        padding: 1 2; background: $surface; }
    ChoiceScreen .dialog-title { text-style: bold; }
    ChoiceScreen .dialog-body { color: $text-muted; margin-bottom: 1; }
    ChoiceScreen OptionList { height: auto; max-height: 20; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, options: Sequence[tuple[str, Any]], body: str = "", selected: int = -1) -> None:
        super().__init__()
        self.title_text = title
        self.options = list(options)
        self.body = body
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            if self.body:
                yield Static(self.body, classes="dialog-body")
            yield OptionList(
                *[
                    Option(Text.assemble((f"{(i + 1) % 10}  ", "bold") if i < 10 else "   ", words), id=f"choice-{i}")
                    for i, (words, _) in enumerate(self.options)
                ]
            )
        yield AppFooter()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if 0 <= self.selected < len(self.options):
            options.highlighted = self.selected
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Let the list scroll within the room the window leaves it: at 80x24 the tenth screening
        tool was cut off below the dialog, and the arrows moved the highlight out of sight."""
        box = self.query_one(Vertical)
        options = self.query_one(OptionList)
        others = sum(child.outer_size.height for child in box.children if child is not options)
        footer = self.query_one(AppFooter).outer_size.height
        frame = box.styles.gutter.height  # border and padding
        room = int(self.size.height * 0.9) - footer - frame - others
        height = max(3, min(20, room))
        if options.styles.max_height is None or options.styles.max_height.value != height:
            options.styles.max_height = height

    def on_key(self, event: Any) -> None:
        if event.character and event.character.isdigit():
            index = 9 if event.character == "0" else int(event.character) - 1
            if index < len(self.options):
                event.stop()
                self.dismiss(self.options[index][1])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(ModalScreen[str | None]):
    """Ask for a short reason (a new version of a final report)."""

    DEFAULT_CSS = """
    ReasonScreen { align: center middle; }
    ReasonScreen > Vertical { width: 70; max-width: 95%; height: auto; border: thick $primary; padding: 1 2;
        background: $surface; }
    ReasonScreen .dialog-title { text-style: bold; margin-bottom: 1; }
    ReasonScreen .field-error { color: $text-error; text-style: bold; }
    ReasonScreen .dialog-keys { color: $text-muted; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, body: str, label: str, *, keys: str = "Enter confirms. Esc cancels.") -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.label = label
        self.keys = keys  # said under the answer: the footer shows only Esc (Enter is the box's own)

    def compose(self) -> ComposeResult:
        from psr_assist.store import MAX_REASON_LENGTH  # the store's limit, so what is typed is kept

        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.body)
            yield Label(self.label)
            yield Input(id="reason", max_length=MAX_REASON_LENGTH)
            yield Static("", classes="field-error")
            yield Static(self.keys, classes="dialog-keys")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            from psr_assist.domain.wording import article, lower_first

            self.query_one(".field-error", Static).update(f"✗ Enter {article(self.label)} {lower_first(self.label)}")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CriticalAlertScreen(ModalScreen[str]):
    """A critical screening answer: cannot be missed, and one key goes to the risk-to-self questions.

    Dismisses with ``"risk"`` (go to risk to self) or ``"continue"``.
    """

    KEYS_TYPED_AHEAD = False  # read before it is answered: keys typed before it showed are dropped

    DEFAULT_CSS = """
    CriticalAlertScreen { align: center middle; background: $background 60%; }
    CriticalAlertScreen > Vertical { width: 76; max-width: 98%; height: auto; border: heavy $error;
        padding: 1 2; background: $surface; }
    CriticalAlertScreen .alert-title { text-style: bold reverse; color: $text-error; padding: 0 1; margin-bottom: 1;
        width: 100%; }
    CriticalAlertScreen .alert-body { margin-bottom: 1; }
    CriticalAlertScreen .alert-keys { text-style: bold; }
    CriticalAlertScreen Horizontal { height: auto; }
    CriticalAlertScreen Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("r", "choose('risk')", "Go to risk to self", priority=True),
        Binding("escape,c", "choose('continue')", "Continue", priority=True),
    ]

    def __init__(self, headline: str, body: str, *, continue_label: str = "Continue screening (Esc)") -> None:
        super().__init__(classes="critical-alert")
        self.headline = headline
        self.body = body
        self.continue_label = continue_label

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"⚠  CRITICAL ANSWER: {self.headline}", classes="alert-title")
            yield Static(self.body, classes="alert-body")
            yield Static(
                "Assess risk to self now, and record what you did (for example, crisis team called).",
                classes="alert-keys",
            )
            with Horizontal():
                yield Button("Go to risk to self (r)", id="risk", variant="error")
                yield Button(self.continue_label, id="continue")
        yield AppFooter()

    def on_mount(self) -> None:
        for button in self.query("#risk").results(Button):  # none if the app is closing meanwhile
            button.focus()
        self.app.bell()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "continue")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


def question_help(field: Any) -> tuple[str, str]:
    """F1's section for the answer in focus: its label, and its help text, own-words note and
    the words to ask in the interview (from prompts/)."""
    q = field.spec.question
    body = q.help or "No help text for this question."
    if q.verbatim:
        body += "\n\n✎ Own words: write exactly what the person says."
    if q.ask:
        body += f"\n\nTo ask in the interview: “{q.ask.strip()}”"
    return field.label_text, body


class HelpScreen(ModalScreen[None]):
    """F1: help for the question in focus, the step's take-away, and every key that works here."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 98%; height: 90%; border: thick $primary; padding: 0 2;
        background: $surface; }
    HelpScreen .help-heading { text-style: bold; margin-top: 1; }
    HelpScreen #help-keys { height: auto; }
    """

    BINDINGS = [Binding("escape,f1,q", "close", "Close help")]

    def __init__(self, sections: list[tuple[str, str]], keys: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="help")
        self.sections = sections
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for heading, body in self.sections:
                yield Label(heading, classes="help-heading")
                yield Static(body)
            yield Label("Keys", classes="help-heading")
            yield Static(self._key_table(), id="help-keys")
        yield AppFooter()

    def _key_table(self) -> Any:
        """Every key, what it does and more about it; the last column wraps to the dialog's width."""
        from rich.table import Table

        table = Table(box=None, expand=True, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column("Key", no_wrap=True)
        table.add_column("Does", no_wrap=True)
        table.add_column("More", ratio=1, overflow="fold")
        for key, does, more in self.keys:
            table.add_row(Text(key), Text(does), Text(more or ""))
        return table

    def on_mount(self) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.can_focus = True
        scroll.focus()  # the help text first; arrows and Page Down read on to the keys

    def action_close(self) -> None:
        self.dismiss(None)


class TextViewScreen(ModalScreen[None]):
    """Read a long text (the report preview). Read-only; Esc closes.

    It can open before its text is ready (saying so in ``text``): :meth:`show_text` puts the
    text in when it is.
    """

    DEFAULT_CSS = """
    TextViewScreen { align: center middle; }
    TextViewScreen > Vertical { width: 100%; height: 100%; border: thick $primary; background: $surface; }
    TextViewScreen .dialog-title { text-style: bold; padding: 0 1; }
    TextViewScreen TextArea { height: 1fr; }
    """

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__(classes="preview")
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, show_line_numbers=False, id="preview-text")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def show_text(self, text: str) -> None:
        self.text = text
        area = self.query_one(TextArea)
        area.load_text(text)
        area.move_cursor((0, 0))

    def action_close(self) -> None:
        self.dismiss(None)
