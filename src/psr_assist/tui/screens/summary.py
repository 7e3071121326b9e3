"""At a glance: screening against its bands, RoSH as a grid, completeness, enquiries still out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import ProgressBar

from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static
from psr_assist.tui.widgets.score_bar import band_key, score_bar, score_saved, score_words
from psr_assist.tui.widgets.wizard_parts import outstanding_enquiries

if TYPE_CHECKING:
    from psr_assist.tui.screens.wizard import WizardScreen



class SummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    SummaryScreen VerticalScroll { padding: 0 2; }
    SummaryScreen .sum-heading { text-style: bold; margin-top: 1; border-bottom: solid $primary 50%; width: 100%; }
    SummaryScreen .progress-row { height: auto; }
    SummaryScreen .progress-row > .progress-title { width: 30; }
    SummaryScreen .progress-row ProgressBar { padding-left: 1; }
    SummaryScreen .progress-row .progress-words { width: 1fr; padding-left: 1; color: $text-muted; }
    SummaryScreen ProgressBar Bar { width: 20; }
    SummaryScreen.-narrow ProgressBar Bar { width: 12; }
    """

    NARROW_WIDTH = 100  # columns below which the bars are shorter, so the words beside them fit

    BINDINGS = [
        Binding("escape,ctrl+o,q", "close", "Back to the form"),
        Binding("f1", "help", "Help", tooltip="What this view shows, and every key"),
    ]

    def __init__(self, wizard: WizardScreen) -> None:
        super().__init__(classes="summary")
        self.wizard = wizard

    def compose(self) -> ComposeResult:
        wizard = self.wizard
        case = wizard.session.case
        with VerticalScroll():
            yield Label(f"At a glance: {wizard.who()}", classes="sum-heading")
            yield Label("Screening", classes="sum-heading")
            yield Static(self._screening(), id="sum-screening")
            yield Label("Risk of serious harm", classes="sum-heading")
            yield Static(self._rosh(), id="sum-rosh")
            yield Label("Completeness by step", classes="sum-heading")
            for status in wizard.statuses():
                with Horizontal(classes="progress-row"):
                    title = status.title if len(status.title) <= 26 else status.title[:25] + "…"
                    yield Label(f"{status.mark} {title}", classes="progress-title")
                    bar = ProgressBar(total=max(status.total, 1), show_eta=False, show_percentage=True)
                    bar.progress = status.answered if status.total else 1
                    yield bar
                    yield Label(f"{status.answered} of {status.total} · {status.words}", classes="progress-words")
            yield Label("Outstanding enquiries", classes="sum-heading")
            lines = outstanding_enquiries(case, wizard.bank, wizard.now())
            yield Static("\n".join(lines) if lines else "None: no source is waiting for a reply.", id="sum-enquiries")
        yield AppFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < self.NARROW_WIDTH, "-narrow")

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW_WIDTH, "-narrow")

    def _screening(self) -> Text:
        case = self.wizard.session.case
        text = Text()
        if not case.screening.results and not case.screening.results_only:
            text.append("No screening recorded yet.", style="italic")
            return text
        for result in case.screening.results:
            try:
                inst, scored = score_saved(result)
            except Exception:  # noqa: BLE001 - a bad entry must not stop the overview
                text.append(f"{result.instrument}: cannot be scored\n\n")
                continue
            text.append(f"{inst.short_name}  {score_words(inst, scored)}\n", style="bold")
            if scored.critical_items:
                items = ", ".join(str(n) for n in scored.critical_items)
                text.append(f"⚠ critical answer on question {items}\n", style="bold reverse")
            text.append_text(score_bar(inst, scored.total, width=48))
            text.append("\n")
            text.append(band_key(inst), style="dim")
            text.append("\n\n")
        for entry in case.screening.results_only:
            name = self.wizard.bank.choice_label(entry.tool) if entry.tool else "Other tool"
            if entry.tool_name:
                name = f"{name}: {entry.tool_name}"
            outcome = "positive" if entry.positive else "negative" if entry.positive is False else "result not recorded"
            text.append(f"{name} · {outcome}\n", style="bold")
        text.append("A screen is not a diagnosis: the report says “screening indicates…”.", style="italic")
        return text

    def _rosh(self) -> Table:
        from psr_assist.domain.risk_levels import ROSH_LEVEL_ORDER, rosh_group_words, rosh_levels

        rosh = rosh_levels(self.wizard.session.case.risk.rosh)
        table = Table(show_edge=True, box=None, pad_edge=False, header_style="bold")
        table.add_column("Who")
        levels = ROSH_LEVEL_ORDER
        for level in levels:
            table.add_column(self.wizard.bank.choice_label(level), justify="center")
        for attr, words in rosh_group_words().items():
            value = rosh[attr]
            words = words[:1].upper() + words[1:]
            cells = ["●" if value is level else "·" for level in levels]
            if value is None:
                words = f"{words} (not recorded)"
            table.add_row(words, *cells)
        return table

    def action_help(self) -> None:
        from psr_assist.tui.screens.dialogs import HelpScreen

        sections = [("At a glance", self.wizard.bank.glance_help)]
        self.app.push_screen(HelpScreen(sections, self.app.key_table(self)))  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss(None)
