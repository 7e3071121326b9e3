"""Pieces of the wizard around the form: the step list, the status line, the guidance panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from psr_assist.tui.step_status import StepStatus
from psr_assist.tui.widgets.plain import Static


class StepNav(OptionList):
    """The steps, each with a text mark and words for its state. Enter opens a step; digits jump."""

    BINDINGS = [Binding("enter", "choose", "Open step", show=False)]

    class Chosen(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    DEFAULT_CSS = """
    StepNav { scrollbar-size-vertical: 1; border-title-color: $foreground; border-title-style: bold; }
    """

    def __init__(self, statuses: list[StepStatus], width: int = 26, **kwargs: Any) -> None:
        self.wrap_at = max(10, width - 10)
        self.one_line = False
        super().__init__(*[self._option(i, s) for i, s in enumerate(statuses)], **kwargs)
        self.step_ids = [s.step_id for s in statuses]
        self.statuses = statuses
        self.border_title = "Steps"

    def _prompt(self, index: int, status: StepStatus) -> Text:
        import textwrap

        number = f"{index + 1}" if index < 9 else "0" if index == 9 else " "
        if self.one_line:
            # Narrow terminals: one line a step; the mark still says its state.
            room = self.wrap_at + 2
            title = status.title if len(status.title) <= room else status.title[: room - 1] + "…"
            return Text.assemble(f"{number} ", (f"{status.mark} ", "bold"), (title, "bold"))
        lines = textwrap.wrap(status.title, self.wrap_at) or [""]
        text = Text.assemble(f"{number} ", (f"{status.mark} ", "bold"), (lines[0], "bold"))
        for line in lines[1:]:
            text.append(f"\n    {line}", style="bold")
        text.append(f"\n    {status.words}", style="italic")
        return text

    def _option(self, index: int, status: StepStatus) -> Option:
        return Option(self._prompt(index, status), id=f"step-{status.step_id}")

    def update_statuses(self, statuses: list[StepStatus]) -> None:
        self.statuses = statuses
        for index, status in enumerate(statuses):
            self.replace_option_prompt(f"step-{status.step_id}", self._prompt(index, status))

    def set_width(self, width: int, compact: bool = False) -> None:
        """Re-wrap the titles for a new width (narrow terminals get one line a step)."""
        wrap_at = max(10, width - 10)
        self.styles.width = width
        # One line a step, whatever width the steps are measured at. The list works out each
        # step's height once and keeps it: measured while a scroll bar from the taller, wrapped
        # form was still showing, a long title came out two lines high and left a blank row
        # under it once the bar went (after a resize made while another screen was on top).
        self.styles.text_wrap = "nowrap" if compact else "wrap"
        self.styles.text_overflow = "ellipsis" if compact else "fold"
        if wrap_at != self.wrap_at or compact != self.one_line:
            self.wrap_at = wrap_at
            self.one_line = compact
            self.update_statuses(self.statuses)

    def show_current(self, step_id: str) -> None:
        if step_id in self.step_ids:
            self.highlighted = self.step_ids.index(step_id)

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.step_ids[self.highlighted]))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.step_ids[event.option_index]))

    def on_key(self, event: Any) -> None:
        char = event.character
        if char and char.isdigit():
            index = 9 if char == "0" else int(char) - 1
            if index < len(self.step_ids):
                event.stop()
                self.highlighted = index
                self.post_message(self.Chosen(self.step_ids[index]))


class StatusLine(Static):
    """Who the report is about, the mode, and the truth about saving. Always visible."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    _shown: tuple[str, ...] = ()

    def show(self, who: str, mode: str, save: str, save_style: str = "") -> None:
        if (who, mode, save, save_style) == self._shown:
            return  # called on every keystroke: repaint only when the words change
        self._shown = (who, mode, save, save_style)
        # The save state comes first: on a narrow terminal or with a long court name, the end of
        # the line is what gets cut (with an ellipsis, by the CSS), and the truth about saving
        # must never be.
        text = Text()
        text.append(save, style=save_style or "bold")
        text.append("  │  ")
        text.append(mode)
        text.append("  │  ")
        text.append(who, style="bold")
        self.update(text, layout=False)


def outstanding_enquiries(case: Any, bank: Any, now: dt.datetime) -> list[str]:
    """Sources requested and not yet received, with the time asked: one line each."""
    from psr_assist.domain.case import SourceStatus

    lines = []
    for source in case.sources:
        if source.status is not SourceStatus.REQUESTED:
            continue
        name = bank.choice_label(source.kind) if source.kind is not None else "Source"
        if source.label:
            name = f"{name} ({source.label})"
        if source.requested_at is not None:
            asked = source.requested_at
            if asked <= now:
                ago = _ago(now - asked)
            elif asked - now < dt.timedelta(minutes=1):
                ago = "just now"  # clocks a few seconds apart
            else:  # a time not yet come: a slip in the date or the hour the officer will want to see
                ago = "a time still to come: check the date and time"
            when = f"asked {asked.strftime('%d/%m %H:%M')}, {ago}"
        else:
            when = "time asked not recorded"
        lines.append(f"· {name}: {when}")
    return lines


def _ago(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, mins = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {mins} min ago" if mins else f"{hours} h ago"
    days = hours // 24
    return f"{days} day{'s' if days > 1 else ''} ago"
