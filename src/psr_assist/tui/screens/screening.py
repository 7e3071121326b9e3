"""Administering a screening instrument: one key per answer, scored live.

The wording on screen is the instrument file's, word for word. Every answer is written into
the case at once (so the autosave has it and the critical-item check runs immediately); the
wizard raises the alert when a critical item is endorsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen

from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Static
from psr_assist.tui.widgets.score_bar import band_key, score_bar

if TYPE_CHECKING:
    from psr_assist.tui.screens.wizard import WizardScreen


def key_base(points: list[int | None]) -> int:
    """The number of the first answer's key: its points when the answers score 1, 2, 3… in order
    (the K10: "None of the time" is 1 on the form, so its key is 1, not 0), else 0."""
    if points and points[0] == 1 and points == list(range(1, len(points) + 1)) and len(points) <= 9:
        return 1
    return 0


class ScreeningScreen(Screen[None]):
    DEFAULT_CSS = """
    ScreeningScreen { layout: vertical; }
    ScreeningScreen #sc-head { height: auto; padding: 0 1; background: $panel; }
    ScreeningScreen #sc-body { height: 1fr; padding: 0 2; }
    ScreeningScreen #sc-item-no { color: $text-muted; margin-top: 1; }
    ScreeningScreen #sc-item { text-style: bold; padding: 1 2; border: tall $accent; height: auto; }
    ScreeningScreen #sc-options { height: auto; padding: 0 2; }
    ScreeningScreen #sc-score { height: auto; border: round $primary; padding: 0 1; margin: 0 1; }
    ScreeningScreen #sc-grid { height: auto; color: $text-muted; padding: 0 1; }
    ScreeningScreen #sc-next { height: auto; padding: 0 2; text-style: bold; }
    /* A short terminal: the question and the score box give up their spare rows (the band key
       goes; the band itself is still named beside the total), so the answers keep theirs. */
    ScreeningScreen.-short #sc-item-no { margin-top: 0; }
    ScreeningScreen.-short #sc-item { padding: 0 1; }
    ScreeningScreen.-short #sc-bands { display: none; }
    """

    SHORT_HEIGHT = 30  # rows below which the screen is laid out tighter

    # Finish first: at 80 columns the footer read "esc Finis" (found in tmux), the one key every
    # officer needs at the end; the arrows are also said on screen beside the answers.
    BINDINGS = [
        Binding("escape", "finish", "Finish"),
        Binding("up,backspace,k", "move(-1)", "Previous", tooltip="The previous question"),
        Binding("down,enter,j", "move(1)", "Next", tooltip="The next question"),
        Binding("f", "full_audit", "Go on to full AUDIT", show=False),
        Binding("m", "details", "Date, who, notes"),
        Binding("f1", "help", "Help", tooltip="How to give this tool, its bands and its notice, and every key"),
    ]

    def __init__(self, wizard: WizardScreen, index: int) -> None:
        super().__init__(classes="screening-screen")
        from psr_assist.domain.scoring import get_instrument

        self.wizard = wizard
        self.index = index
        self.path = f"screening.results[{index}]"
        result = wizard.read(self.path)
        self.instrument = get_instrument(result.instrument)
        self.extras = list(self.instrument.extra_questions)
        self.position = self._first_unanswered()

    # ------------------------------------------------------------------ data
    @property
    def count(self) -> int:
        return self.instrument.item_count

    def answers(self) -> list[int | None]:
        result = self.wizard.read(self.path)
        answers = list(result.answers)
        answers += [None] * (self.count - len(answers))
        return answers[: self.count]

    def extra_answers(self) -> dict[str, int | None]:
        return dict(self.wizard.read(self.path).extra_answers)

    def _first_unanswered(self) -> int:
        answers = self.answers()
        for i, a in enumerate(answers):
            if a is None:
                return i
        return self.count + len(self.extras)  # the end: show the result

    def score(self) -> Any:
        from psr_assist.domain.scoring import score

        return score(self.instrument.id, self.answers())

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        inst = self.instrument
        head = Text()
        head.append(f"{inst.short_name}", style="bold")
        head.append(f" · {inst.name}")
        head.append("\nA screen, not a diagnosis: the report says “screening indicates…”.", style="italic")
        yield Static(head, id="sc-head")
        with VerticalScroll(id="sc-body"):
            if inst.instruction:
                yield Static(Text(inst.instruction), id="sc-instruction")
            if inst.notes:
                yield Static(Text(inst.notes, style="italic"), id="sc-notes")
            yield Static("", id="sc-item-no")
            yield Static("", id="sc-item")
            yield Static("", id="sc-options")
            yield Static("", id="sc-next")
        with Vertical(id="sc-score"):
            yield Static("", id="sc-total")
            yield Static("", id="sc-bar")
            yield Static(Text(band_key(self.instrument), style="dim"), id="sc-bands")
        yield Static("", id="sc-grid")
        yield AppFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < self.SHORT_HEIGHT, "-short")
        self.refresh_view()

    def refresh_view(self) -> None:
        answers = self.answers()
        extras = self.extra_answers()
        inst = self.instrument
        item_no = self.query_one("#sc-item-no", Static)
        item = self.query_one("#sc-item", Static)
        options = self.query_one("#sc-options", Static)
        nxt = self.query_one("#sc-next", Static)
        nxt.update("")
        if self.position < self.count:
            number = self.position + 1
            item_no.update(f"Question {number} of {self.count}" + (f" · {inst.stem}" if inst.stem else ""))
            item.display = True
            item.update(Text(inst.item(number).text))
            chosen = answers[self.position]
            options.update(self._options_text([(o.label, o.points) for o in inst.options(number)], chosen))
        elif self.position < self.count + len(self.extras):
            extra = self.extras[self.position - self.count]
            item_no.update(
                f"Extra question (not scored){' · ask if ' + extra.ask_when if extra.ask_when else ''}"
            )
            item.display = True
            item.update(Text(extra.text))
            options.update(self._options_text([(label, None) for label in extra.options], extras.get(extra.id)))
        else:
            item_no.update("All questions asked")
            item.display = False
            options.update("")
            result = self.score()
            lines = Text()
            if result.missing_items:
                missing = ", ".join(str(n) for n in result.missing_items)
                lines.append(f"Not answered yet: question {missing}. Press ↑ to go back to them.\n")
            else:
                lines.append("Every question is answered. Press Esc to finish.\n")
            if result.leads_to:
                from psr_assist.domain.scoring import get_instrument

                target = get_instrument(result.leads_to)
                message = inst.leads_to.message if inst.leads_to else ""
                lines.append(f"{message}\nPress f to start the {target.short_name} now.\n")
            nxt.update(lines)
        self._update_score()
        self._update_grid(answers)
        # The answers stay in view however little room the question leaves them.
        self.call_after_refresh(self._show_options)

    def _show_options(self) -> None:
        options = self.query_one("#sc-options", Static)
        target = options if str(options.render()) else self.query_one("#sc-next", Static)
        target.scroll_visible(animate=False, immediate=True)

    def _options_text(self, options: list[tuple[str, int | None]], chosen: int | None) -> Text:
        text = Text()
        base = key_base([points for _, points in options])
        for position, (label, points) in enumerate(options):
            selected = chosen == position
            text.append(f" {position + base} ", style="reverse bold" if selected else "bold")
            text.append(f" {'● ' if selected else ''}{label}", style="bold" if selected else "")
            if points is not None and points != position + base:
                text.append(f"  ({points} point{'s' if points != 1 else ''})", style="dim")
            text.append("\n")
        text.append("Press the number of the answer.", style="dim italic")
        return text

    def _update_score(self) -> None:
        result = self.score()
        inst = self.instrument
        text = Text()
        if result.total is None:
            text.append("Total: nothing answered yet", style="bold")
        else:
            text.append(f"Total {result.total} of {result.max_total}", style="bold")
            if result.prorated:
                text.append(" (prorated)")
            if result.band_label:
                text.append(f" · {result.band_label}", style="bold")
            else:
                text.append(f" · {result.answered} of {self.count} answered; no band until all {self.count} are answered")
        if result.critical_items:
            items = ", ".join(str(n) for n in result.critical_items)
            text.append(f"\n⚠ Critical answer on question {items}: assess risk to self now.", style="bold reverse")
        self.query_one("#sc-total", Static).update(text)
        self.query_one("#sc-bar", Static).update(score_bar(inst, result.total, width=min(60, self.size.width - 12)))

    def _update_grid(self, answers: list[int | None]) -> None:
        text = Text("Answers: ")
        for i, a in enumerate(answers):
            mark = "·" if a is None else str(a)
            style = "reverse bold" if i == self.position else ""
            text.append(f"{i + 1}:{mark}", style=style)
            text.append(" ")
        self.query_one("#sc-grid", Static).update(text)

    def on_resize(self) -> None:
        self.set_class(self.size.height < self.SHORT_HEIGHT, "-short")
        self._update_score()
        self.call_after_refresh(self._show_options)

    # ------------------------------------------------------------------ keys
    def on_key(self, event: Any) -> None:
        char = event.character
        if not (char and char.isdigit()) or self.wizard.read_only:
            return
        choice = int(char)
        if self.position < self.count:
            number = self.position + 1
            options = self.instrument.options(number)
            choice -= key_base([o.points for o in options])
            if not 0 <= choice < len(options):
                return
            event.stop()
            self._answer(choice)
        elif self.position < self.count + len(self.extras):
            extra = self.extras[self.position - self.count]
            if choice >= len(extra.options):
                return
            event.stop()
            extras = self.extra_answers()
            extras[extra.id] = choice
            self.wizard.write(f"{self.path}.extra_answers", extras)
            self.wizard.save_now()
            self.position += 1
            self.refresh_view()

    def _answer(self, position: int) -> None:
        answers = self.answers()
        answers[self.position] = position
        # Writing through the wizard re-checks and raises the critical alert at once; each answer
        # is a field left, so it is saved straight away.
        self.wizard.write(f"{self.path}.answers", answers)
        self.wizard.save_now()
        self.position += 1
        if self.position >= self.count and self.position < self.count + len(self.extras):
            if all(a == 0 for a in answers if a is not None):
                self.position = self.count + len(self.extras)  # the extra question is asked only if a problem was ticked
        self.refresh_view()

    def action_move(self, delta: int) -> None:
        self.position = max(0, min(self.count + len(self.extras), self.position + delta))
        self.refresh_view()

    def action_full_audit(self) -> None:
        result = self.score()
        if not result.leads_to:
            return
        self.wizard.start_follow_on(self.index, result.leads_to)

    def action_details(self) -> None:
        self.wizard.edit_screening_details(self.index)

    def action_help(self) -> None:
        from psr_assist.tui.screens.dialogs import HelpScreen

        inst = self.instrument
        # The bands as the tool's screen keys them, one a line.
        about = [f"Asks about {inst.timeframe}. Scores {inst.score_range.min} to {inst.score_range.max}.\n"
                 + band_key(inst, sep="\n")]
        about += [f"Question {item.number} is a critical question. {item.critical.reason}"
                  for item in inst.items if item.critical is not None]
        about.append(inst.notice)
        sections = [
            (f"{inst.name} ({inst.short_name})", "\n\n".join(about)),
            ("Giving a screening tool", self.wizard.bank.screening_help),
        ]
        self.app.push_screen(HelpScreen(sections, self.app.key_table(self)))  # type: ignore[attr-defined]

    def action_finish(self) -> None:
        self.dismiss(None)
