"""The case list: every draft and final report in the store. Type to filter; Enter opens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input

from psr_assist.domain.case import ReportStatus
from psr_assist.tui.field_values import format_date
from psr_assist.tui.widgets.footer import AppFooter
from psr_assist.tui.widgets.plain import Label, Static

if TYPE_CHECKING:
    from psr_assist.store import CaseSummary
    from psr_assist.tui.app import PsrAssistApp

FILTER_DELAY = 0.12
# The table shows the most recent matches; typing narrows the rest. A DataTable with every one
# of 10,000 drafts takes seconds to lay out, and nobody scrolls that far.
MAX_ROWS = 300


class FilterInput(Input):
    """Typing filters the list; the arrows and Enter still work on the list below."""

    BINDINGS = [
        Binding("down", "screen.cursor(1)", "Down", show=False),
        Binding("up", "screen.cursor(-1)", "Up", show=False),
        Binding("pagedown", "screen.cursor(10)", show=False),
        Binding("pageup", "screen.cursor(-10)", show=False),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]


class CaseTable(DataTable):
    # No action on a letter: typing a name ("Xiaoyu", "David", "Nadia") only ever filters. With
    # "x", "d" and "n" as keys, "xiaoyu" opened the delete dialog and its "y" confirmed it.
    BINDINGS = [
        Binding("enter", "screen.open", "Open", id="open-case", tooltip="Open the highlighted case"),
        Binding("ctrl+d", "screen.duplicate", "Duplicate", id="duplicate-case",
                tooltip="Copy the highlighted case as a new draft"),
        Binding("delete", "screen.delete", "Delete", id="delete-case",
                tooltip="Delete the highlighted case (asks first)"),
    ]

    def on_paste(self, event: Any) -> None:
        # A name or CRN pasted from another system filters, as typing does (it was dropped).
        from psr_assist.domain.case import clean_text

        event.stop()
        text = " ".join(str(clean_text(event.text)).split())
        if text:
            self.screen.start_filter(text)  # type: ignore[attr-defined]

    def on_key(self, event: Any) -> None:
        # Type to filter: every printable key starts the filter (and "/" as well, as before).
        char = event.character
        if char and char.isprintable() and not event.key.startswith("ctrl"):
            event.stop()
            event.prevent_default()
            self.screen.start_filter(char)  # type: ignore[attr-defined]


# (key, heading, wide width, narrow width): narrow fits 80 columns, with room for a scroll bar.
# The status is never cut ("✓ Final v2"); the court gives up the columns it needs.
COLUMNS = (
    ("defendant", "Defendant", 26, 18),
    ("court", "Court", 26, 11),
    ("hearing", "Hearing", 10, 10),
    ("type", "Type", 5, 4),
    ("status", "Status", 10, 10),
    ("changed", "Last change", 16, 11),
)


NO_NAME = "(no name yet)"  # a case whose defendant is not named yet, as listed (and found by "no name")


def _row(summary: CaseSummary, app: PsrAssistApp, narrow: bool = False) -> tuple[Any, ...]:
    bank = app.bank
    report_type = bank.choice_label(summary.report_type) if summary.report_type else "—"
    short_type = bank.short_label(summary.report_type) if summary.report_type else report_type
    status = "✓ Final" if summary.status == ReportStatus.FINAL.value else "✎ Draft"
    if summary.version > 1:
        status += f" v{summary.version}"
    hearing = format_date(summary.hearing_date) or "—"
    changed = app.format_changed(summary.updated_at)
    if narrow:
        changed = changed[:5] + changed[10:]  # 26/11 09:30
    cells = (summary.defendant or NO_NAME, summary.court or "—", hearing, short_type, status, changed)
    return tuple(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells)


class CaseListScreen(Screen[None]):
    DEFAULT_CSS = """
    CaseListScreen { layout: vertical; }
    CaseListScreen #title { text-style: bold; background: $panel; padding: 0 1; width: 100%; }
    CaseListScreen #filter { margin: 0 1; }
    CaseListScreen #count { color: $text-muted; padding: 0 1; }
    CaseListScreen CaseTable { height: 1fr; margin: 0 1; }
    CaseListScreen #empty { padding: 1 2; display: none; }
    CaseListScreen.-empty #empty { display: block; }
    """

    BINDINGS = [
        Binding("ctrl+n", "new", "New", id="new-case", priority=True, tooltip="Start a new case (asks the report type)"),
        Binding("f1", "help", "Help", id="help"),
    ]
    # What the app-wide keys do here, in the help's key table (PsrAssistApp.key_table).
    KEY_WORDS = {
        "focus_next": ("Filter or list", "Move between the filter box and the list of cases"),
        "focus_previous": ("Filter or list", "Move between the filter box and the list of cases"),
    }

    def __init__(self) -> None:
        super().__init__(classes="case-list")
        self.summaries: list[CaseSummary] = []
        self.shown: list[CaseSummary] = []
        self._haystack: list[str] = []
        self._filter_timer: Timer | None = None

    @property
    def psr_app(self) -> PsrAssistApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        title = "psr-assist · your reports"
        if self.psr_app.demo:
            title += "  (DEMO: fictional cases in a throwaway store)"
        yield Label(title, id="title")
        # Not selected on focus: the letter that moved the focus here is already in the box, and
        # the next one must follow it, not replace it ("Alys" was filtered as "lys").
        yield FilterInput(placeholder="Type to filter by name, court, CRN or date", id="filter", compact=True,
                          select_on_focus=False)
        yield Static("", id="count")
        yield CaseTable(cursor_type="row", zebra_stripes=True, id="cases")
        yield Static(
            "No reports yet. Press Ctrl+N to start a new case.",
            id="empty",
        )
        yield AppFooter()

    narrow: bool | None = None
    _widths: tuple[int, ...] | None = None

    def _set_columns(self, width: int) -> bool:
        narrow = width < 112
        widths = [small if narrow else wide for _, _, wide, small in COLUMNS]
        if not narrow:
            # A wide terminal gives the court whatever the other columns leave (each cell has a
            # space either side; two columns for a scroll bar), so "Northgate Magistrates' Court" fits.
            court = [key for key, *_ in COLUMNS].index("court")
            spare = width - sum(widths) - 2 * len(COLUMNS) - 2
            widths[court] += max(0, spare)
        if (narrow, tuple(widths)) == (self.narrow, self._widths):
            return False
        self.narrow, self._widths = narrow, tuple(widths)
        table = self.query_one(CaseTable)
        table.clear(columns=True)
        for (key, heading, _, _), size in zip(COLUMNS, widths, strict=True):
            table.add_column(heading, key=key, width=size)
        return True

    def on_mount(self) -> None:
        self._set_columns(self.size.width or self.app.size.width)
        self.reload()
        self.query_one(CaseTable).focus()

    def on_resize(self, event: Any) -> None:
        if self._set_columns(event.size.width):
            self.apply_filter()

    return_to: str | None = None  # the case just closed: highlighted when the list is back

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            select, self.return_to = self.return_to, None
            self.reload(select_id=select)
            box = self.query_one(FilterInput)
            hidden = select is not None and all(s.id != select for s in self.shown[:MAX_ROWS])
            if hidden and any(s.id == select for s in self.summaries):
                # The filter typed before opening it hides the case just closed (a new case has
                # no name to match): clear it, so that case is in sight and highlighted.
                with box.prevent(Input.Changed):
                    box.value = ""
                self.apply_filter(select_id=select)
            elif select is not None and box.value:
                # Kept, and selected: a new name typed replaces it (appended, "Okoro" then
                # "Whitlock" matched nothing), while arrows and Enter still act on the list.
                from textual.widgets.input import Selection

                box.selection = Selection(0, len(box.value))

    # ------------------------------------------------------------------ data
    def reload(self, select_id: str | None = None) -> None:
        try:
            self.summaries = self.psr_app.store.list_cases()
        except Exception as exc:  # noqa: BLE001 - StoreError: one safe line
            self.summaries = []
            self.notify(_safe(exc), title="Cannot read the case list", severity="error")
        self._haystack = [
            " ".join(
                x
                for x in (
                    s.defendant or NO_NAME,
                    s.court or "",
                    s.crn or "",
                    s.id,
                    format_date(s.hearing_date),
                    s.hearing_date.isoformat() if s.hearing_date else "",
                )
            ).casefold()
            for s in self.summaries
        ]
        self.apply_filter(select_id=select_id)

    def apply_filter(self, select_id: str | None = None) -> None:
        needle = self.query_one(FilterInput).value.strip().casefold()
        table = self.query_one(CaseTable)
        current = select_id or self.selected_id()
        if needle:
            words = needle.split()
            self.shown = [s for s, hay in zip(self.summaries, self._haystack, strict=True) if all(w in hay for w in words)]
        else:
            self.shown = list(self.summaries)
        table.clear()
        app = self.psr_app
        table.add_rows([_row(s, app, bool(self.narrow)) for s in self.shown[:MAX_ROWS]])
        total = len(self.summaries)
        matched = len(self.shown)
        if needle:
            words = f"{matched:,} of {total:,} reports match"
        elif total == 0:
            words = "No reports yet"
        else:
            words = f"{total:,} report{'s' if total != 1 else ''}, most recently changed first"
        if matched > MAX_ROWS:
            words += f" · showing the first {MAX_ROWS}: type to find the others"
        self.query_one("#count", Static).update(words)
        self.set_class(total == 0, "-empty")
        if bool(matched) != self._offering:
            self._offering = bool(matched)
            self.refresh_bindings()  # Open, Duplicate and Delete only with a case to act on
        if current is not None:
            for index, summary in enumerate(self.shown[:MAX_ROWS]):
                if summary.id == current:
                    table.move_cursor(row=index, animate=False)
                    break

    def selected(self) -> CaseSummary | None:
        table = self.query_one(CaseTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= min(len(self.shown), MAX_ROWS):
            return None
        return self.shown[table.cursor_row]

    def selected_id(self) -> str | None:
        chosen = self.selected() if self.is_mounted and self.shown else None
        return chosen.id if chosen else None

    # ------------------------------------------------------------------ filter
    def start_filter(self, char: str) -> None:
        box = self.query_one(FilterInput)
        box.focus()
        start, end = sorted(box.selection)
        if start != end:  # the last filter, selected on coming back: a new name replaces it
            box.replace(char, start, end)
        else:
            box.insert_text_at_cursor(char)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._filter_due)

    def _filter_due(self) -> None:
        self._filter_timer = None
        self.apply_filter()

    def filter_now(self) -> None:
        """Apply a filter still waiting for typing to pause: a name typed and Enter (or an arrow)
        pressed at once must act on the cases that name matches, not on the list before it."""
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_due()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    def action_cursor(self, delta: int) -> None:
        self.filter_now()
        table = self.query_one(CaseTable)
        if self.shown:
            last = min(len(self.shown), MAX_ROWS) - 1
            table.move_cursor(row=max(0, min(last, table.cursor_row + delta)), animate=False)

    def action_clear_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.value = ""
        self.apply_filter()
        self.query_one(CaseTable).focus()

    def action_focus_filter(self) -> None:
        self.query_one(FilterInput).focus()

    # ------------------------------------------------------------------ actions
    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    _offering = True  # the footer offers Open, Duplicate and Delete (some case is listed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "duplicate", "delete"):
            return bool(self.shown)  # an empty list (or no match) has nothing to open, copy or delete
        return True

    def action_open(self) -> None:
        self.filter_now()
        chosen = self.selected()
        if chosen is not None:
            self.psr_app.open_case(chosen.id)

    def action_new(self) -> None:
        from psr_assist.domain.case import ReportType
        from psr_assist.tui.screens.dialogs import ChoiceScreen

        bank = self.psr_app.bank
        # In the order and words of prompts/choices.yaml (the loader checks it names every kind).
        kinds = [ReportType(value) for value in bank.choices[ReportType.__name__]]
        options = [(bank.choice_label(kind), kind) for kind in kinds]

        def chosen(report_type: Any) -> None:
            if report_type is not None:
                self.psr_app.new_case(report_type)

        self.app.push_screen(
            ChoiceScreen("New case: which kind of report?", options, body="You can change this later."),
            chosen,
        )

    def action_duplicate(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            copy = self.psr_app.store.duplicate(chosen.id)
        except Exception as exc:  # noqa: BLE001 - StoreError: one safe line
            self.notify(_safe(exc), title="Not copied", severity="error")
            return
        self.reload(select_id=copy.id)
        self.notify("Copied as a new draft (the copy is highlighted).", title="Duplicated")

    def action_delete(self) -> None:
        from psr_assist.tui.screens.dialogs import ConfirmScreen, if_yes

        chosen = self.selected()
        if chosen is None:
            return
        name = chosen.defendant or "this case"
        kind = "final report" if chosen.status == ReportStatus.FINAL.value else "draft"
        store = self.psr_app.store

        def open_elsewhere() -> bool:
            """Refused (and said so) while another window has the case: its officer is working on it."""
            here = any(session.case_id == chosen.id and not session.closed for session in self.psr_app.sessions)
            try:
                lock = None if here else store.acquire_edit_lock(chosen.id)
            except Exception:  # noqa: BLE001 - cannot tell: the delete itself says what is wrong
                return False
            if lock is None:
                self.notify(
                    f"The {kind} for {name} is open in another psr-assist window. Close it there first.",
                    title="Not deleted", severity="warning",
                )
                return True
            lock.release()
            return False

        if open_elsewhere():
            return

        def delete() -> None:
            if open_elsewhere():  # opened elsewhere while the question was on screen
                return
            try:
                store.delete(chosen.id)
                self.psr_app.remember_step(chosen.id, None)
            except Exception as exc:  # noqa: BLE001 - StoreError: one safe line
                self.notify(_safe(exc), title="Not deleted", severity="error")
                return
            self.reload()
            self.notify(f"Deleted the {kind} for {name}.", title="Deleted")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the {kind} for {name}?",
                "This deletes every saved version of it from this computer. It cannot be undone.",
                yes="Delete",
                no="Keep it",
            ),
            if_yes(delete),
        )

    def action_help(self) -> None:
        from psr_assist.tui.screens.dialogs import HelpScreen

        sections = [
            (
                "Your reports",
                "Every draft and final report kept on this computer, most recently changed first. "
                "Type a name (or a court, a CRN, a date) to filter; Enter opens; Ctrl+N starts a new "
                "case; Ctrl+D copies one; Delete removes one (it asks first).",
            )
        ]
        self.app.push_screen(HelpScreen(sections, self.psr_app.key_table(self)))


def _safe(exc: Exception) -> str:
    from psr_assist.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    from psr_assist.errors import describe_unexpected

    return describe_unexpected(exc).removeprefix("psr-assist: ")
