"""The case list: every report in the store, type to filter, open / new / duplicate / delete."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

from psr_assist.domain.case import Case, CaseDetails, Defendant, ReportType
from psr_assist.tui.screens.case_list import MAX_ROWS, CaseListScreen, CaseTable, FilterInput
from psr_assist.tui.screens.dialogs import ChoiceScreen, ConfirmScreen
from psr_assist.tui.screens.wizard import WizardScreen

from .helpers import make_app, set_answer


def _case(i: int) -> Case:
    return Case(
        id=f"case-{i:05d}",
        case_details=CaseDetails(
            court="Northgate Magistrates' Court",
            report_type=ReportType.FDR,
            hearing_date=dt.date(2026, 11, 1 + i % 28),
            defendant=Defendant(name=f"Person {i:05d} Example"),
        ),
    )


def _count(app) -> str:
    return str(app.screen.query_one("#count").render())


async def _new_fdr(pilot, name: str | None = None) -> str:
    """Ctrl+N, an FDR; the new case's id. ``name``: the defendant's name written in it."""
    await pilot.press("ctrl+n", "2")
    await pilot.pause()
    case_id = pilot.app.screen.session.case_id
    if name is not None:
        await set_answer(pilot, "case_details.defendant.name", name)
    return case_id


async def test_ten_thousand_drafts_open_fast_and_filter_as_you_type(store, export_dir) -> None:
    store.create_many(_case(i) for i in range(10_000))
    app = make_app(store, export_dir)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        ready = time.perf_counter() - started
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        assert ready < 2.0, f"case list took {ready:.2f}s"
        table = screen.query_one(CaseTable)
        assert table.row_count == MAX_ROWS
        assert "10,000 reports" in _count(app) and f"showing the first {MAX_ROWS}" in _count(app)
        # Type to filter: a letter on the list starts the filter.
        await pilot.press("p")
        assert isinstance(app.focused, FilterInput) and app.focused.value == "p"
        started = time.perf_counter()
        app.focused.value = "person 0999"
        screen.apply_filter()
        await pilot.pause()
        assert time.perf_counter() - started < 1.0
        assert "11 of 10,000 reports match" in _count(app)
        assert table.row_count == 11
        # The arrows still move the list while the filter has the focus; Enter opens.
        second = screen.shown[1].id
        await pilot.press("down")
        assert screen.selected().id == second
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.case_id == second


async def test_new_duplicate_and_delete_with_confirmation(store, export_dir) -> None:
    store.create(_case(1))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ChoiceScreen)
        # The kinds of report in the order and words of prompts/choices.yaml (content is data).
        assert app.screen.options == [
            ("Oral report", ReportType.ORAL),
            ("Fast delivery report (FDR)", ReportType.FDR),
            ("Standard delivery report (SDR)", ReportType.SDR),
        ]
        await pilot.press("3")  # SDR
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        assert wizard.session.case.case_details.report_type is ReportType.SDR
        new_id = wizard.session.case_id
        await set_answer(pilot, "case_details.defendant.name", "Robin Ashdown")  # kept: it holds a word
        await pilot.press("ctrl+l")  # back to the list
        await pilot.pause()
        assert app.screen is screen
        assert {s.id for s in screen.shown} == {"case-00001", new_id}
        table = screen.query_one(CaseTable)
        table.focus()
        table.move_cursor(row=[s.id for s in screen.shown].index("case-00001"))
        await pilot.press("ctrl+d")  # duplicate
        await pilot.pause()
        assert len(screen.shown) == 3
        copy = screen.selected()
        assert copy.id not in {"case-00001", new_id} and copy.defendant == "Person 00001 Example"
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        assert len(store.list_cases()) == 3
        await pilot.press("delete", "y")
        await pilot.pause()
        assert {s.id for s in store.list_cases()} == {"case-00001", new_id}
        assert len(screen.shown) == 2


async def test_an_unreadable_draft_gives_a_clear_message_not_a_crash(store, export_dir) -> None:
    store.create(_case(2))
    store.create(_case(3))
    with sqlite3.connect(store.home / "drafts.sqlite3") as conn:
        conn.execute("UPDATE revisions SET body = ? WHERE case_id = ?", (b"\x00\xffnot a case", "case-00002"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.open_case("case-00002")
        await pilot.pause()
        assert isinstance(app.screen, CaseListScreen)
        messages = [n.message for n in app._notifications]
        assert any("case-00002" in m and "cannot be read" in m for m in messages), messages
        assert any("psr-assist recover" in m for m in messages), messages  # and what to do about it
        app.open_case("case-00003")  # the others still open
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)


async def test_the_hearing_date_is_shown_and_found_as_dd_mm_yyyy(store, export_dir) -> None:
    store.create(_case(4))  # hearing 5 November 2026
    store.create(Case(id="case-no-hearing", case_details=CaseDetails(defendant=Defendant(name="Nobody Dated"))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(CaseTable)
        hearings = {s.id: str(table.get_row_at(i)[2]) for i, s in enumerate(screen.shown)}
        assert hearings == {"case-00004": "05/11/2026", "case-no-hearing": "—"}
        screen.query_one(FilterInput).value = "05/11/2026"
        screen.apply_filter()
        await pilot.pause()
        assert [s.id for s in screen.shown] == ["case-00004"]


async def test_a_wide_terminal_shows_the_whole_court_name(store, export_dir) -> None:
    from .helpers import screen_lines

    case = Case(id="wide")
    case.case_details.defendant.name = "Imogen Testcase"
    case.case_details.court = "Northgate Magistrates' Court"
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("Northgate Magistrates' Court" in line for line in screen_lines(app))
        await pilot.resize_terminal(80, 24)  # narrow again: the court gives up its room
        await pilot.pause()
        assert not any("Northgate Magistrates' Court" in line for line in screen_lines(app))
        assert any("Imogen" in line for line in screen_lines(app))


async def test_typing_a_name_only_ever_filters_the_list(store, export_dir) -> None:
    """Names that begin with the letters that were once keys (x delete, d duplicate, n new), typed
    at speed: the list is filtered, nothing is deleted, copied or started, no letter is lost."""
    from psr_assist.tui.screens.case_list import FilterInput

    for n in range(3):
        store.create(_case(n))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        for name in ("xiaoyu", "david", "nadia", "Alys"):
            screen.query_one(CaseTable).focus()
            await pilot.pause()
            await pilot.press(*name)
            await pilot.pause()
            assert app.screen is screen, f"{name!r} opened {type(app.screen).__name__}"
            assert screen.query_one(FilterInput).value == name  # every letter, the first too
            await pilot.press("escape")  # clear the filter
        assert len(store.list_cases()) == 3


async def test_a_case_open_in_another_window_is_not_deleted(store, export_dir) -> None:
    from psr_assist.session import CaseSession
    from psr_assist.store import open_store

    store.create(_case(7))
    other_store = open_store(store.home)
    other = CaseSession.open(other_store, "case-00007")  # another window is working on it
    try:
        app = make_app(store, export_dir)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            screen = app.screen
            screen.query_one(CaseTable).focus()
            await pilot.press("delete")
            await pilot.pause()
            assert app.screen is screen  # not even asked
            assert any("open in another psr-assist window" in n.message for n in app._notifications)
            assert [s.id for s in store.list_cases()] == ["case-00007"]
            other.close()  # closed there: now it can be deleted
            await pilot.press("delete")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            assert store.list_cases() == []
    finally:
        other.close()
        other_store.close()


async def test_back_from_a_case_the_list_highlights_that_case(store, export_dir) -> None:
    for n in range(3):
        store.create(_case(n))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(CaseTable)
        table.focus()
        table.move_cursor(row=2)  # some other case highlighted
        new_id = await _new_fdr(pilot, "Robin Ashdown")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen
        assert screen.selected().id == new_id  # not whichever row was highlighted before


async def test_a_new_case_left_with_nothing_written_in_it_is_not_kept(store, export_dir) -> None:
    """Found in tmux: Ctrl+N then Ctrl+L (or Ctrl+Q) left a nameless draft in the list for good.
    A new case holding only what it started with (its kind, today's hearing date) is deleted
    when it is left, and the officer is told; one with a word in it is kept."""
    store.create(_case(1))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        empty_id = await _new_fdr(pilot)
        assert {c.id for c in store.list_cases()} == {"case-00001", empty_id}  # stored at once
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen
        assert {s.id for s in screen.shown} == {"case-00001"}
        assert {c.id for c in store.list_cases()} == {"case-00001"}
        assert any("Nothing was written in the new case" in n.message for n in app._notifications)
        # Written in, saved, then emptied again: kept, for what was saved is in its history
        # (export-case --revision); only a case never saved since it started is deleted.
        emptied_id = await _new_fdr(pilot, "Robin Ashdown")
        app.screen.session.save_now()
        await set_answer(pilot, "case_details.defendant.name", None)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert {c.id for c in store.list_cases()} == {"case-00001", emptied_id}
        store.delete(emptied_id)
        app.screen.reload()
        # An opened old case is never deleted, however little it holds.
        await pilot.press("enter")  # case-00001, untouched
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert {c.id for c in store.list_cases()} == {"case-00001"}
        # A new case with a word in it is kept, through Ctrl+Q too.
        kept_id = await _new_fdr(pilot, "Robin Ashdown")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert {c.id for c in store.list_cases()} == {"case-00001", kept_id}


async def test_back_from_a_case_the_filter_typed_before_never_hides_it(store, export_dir) -> None:
    """Found in tmux: a name typed to find a case stayed in the filter after Ctrl+L, so a case
    started meanwhile (Ctrl+N) was not in the list it came back to. A filter that still shows
    the case is kept; one that hides it is cleared."""
    for n in range(3):
        store.create(_case(n))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"00001", "enter")  # found by name and opened
        await pilot.pause()
        assert app.screen.session.case_id == "case-00001"
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert screen.query_one(FilterInput).value == "00001"  # it still shows that case: kept
        assert [s.id for s in screen.shown] == ["case-00001"]
        await pilot.press(*"00002")  # another name: it replaces the last, not "0000100002"
        screen.filter_now()
        assert screen.query_one(FilterInput).value == "00002"
        assert [s.id for s in screen.shown] == ["case-00002"]
        new_id = await _new_fdr(pilot, "Robin Ashdown")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(FilterInput).value == ""
        assert len(screen.shown) == 4 and screen.selected().id == new_id
        assert "4 reports" in _count(app)


async def test_a_case_with_no_name_yet_is_found_by_the_words_the_list_shows(store, export_dir) -> None:
    """Found in tmux: the list shows a case whose defendant is not named yet as "(no name yet)",
    but typing "no name" found nothing."""
    store.create(_case(1))
    store.create(Case(id="nameless", case_details=CaseDetails(report_type=ReportType.FDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"no name")
        screen.filter_now()
        assert [s.id for s in screen.shown] == ["nameless"]


async def test_a_name_pasted_on_arrival_filters_the_list(store, export_dir) -> None:
    """Found in tmux: pasting a name (or a CRN from another system) on arriving at the list did
    nothing; only after typing a letter did a paste reach the filter."""
    from textual import events

    from .helpers import screen_lines

    for n in range(3):
        store.create(_case(n))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        wanted = store.load(screen.shown[-1].id)[0].case_details.defendant.name
        assert isinstance(app.focused, CaseTable)
        app.focused.post_message(events.Paste(f"  {wanted}\r\n"))
        await pilot.pause()
        screen.filter_now()
        await pilot.pause()
        assert screen.query_one(FilterInput).value == wanted
        assert [s.defendant for s in screen.shown] == [wanted]
        assert any(wanted in line for line in screen_lines(app))


async def test_the_case_lists_help_names_the_keys_that_work(store, export_dir) -> None:
    """Found in tmux: F1 said "n starts a new case; d copies one", but letters only filter
    (a name like "Nadia" must never start or copy anything); the keys are Ctrl+N and Ctrl+D."""
    from psr_assist.tui.screens.dialogs import HelpScreen

    store.create(_case(1))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        words = " ".join(body for _, body in app.screen.sections)
        assert "Ctrl+N starts a new case" in words and "Ctrl+D copies one" in words
        assert "n starts" not in words.replace("Ctrl+N starts", "")
        keys = " ".join(str(row[0]) for row in app.screen.keys).casefold()
        assert "ctrl+n" in keys.replace("^", "ctrl+") and "ctrl+d" in keys.replace("^", "ctrl+"), keys
        # Tab moves between the filter and the list: there are no answers here (tmux run).
        does = {str(key).casefold(): what for key, what, _ in app.screen.keys}
        assert "answer" not in " ".join(does.values()).casefold()
        assert does["tab"] == "Filter or list"


async def test_the_footer_offers_open_copy_and_delete_only_with_a_case_to_act_on(store, export_dir) -> None:
    """Found in tmux: the empty case list's footer offered "Open", "Duplicate" and "Delete"."""
    from .helpers import screen_lines

    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Open" not in footer and "Duplicate" not in footer and "Delete" not in footer, footer
        assert "New" in footer  # what there is to do
    store.create(_case(1))
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "Open" in footer and "Duplicate" in footer and "Delete" in footer, footer
        box = app.screen.query_one(FilterInput)
        box.value = "zzz"  # a filter that matches nothing (the list keeps the focus)
        await pilot.pause()
        app.screen.filter_now()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.focused, CaseTable)
        assert "Open" not in screen_lines(app)[-1]
        box.value = ""
        await pilot.pause()
        app.screen.filter_now()
        await pilot.pause()
        await pilot.pause()
        assert "Open" in screen_lines(app)[-1]


async def test_a_new_case_quit_with_nothing_written_in_it_is_not_kept(store, export_dir) -> None:
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "1")  # a new oral report
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen) and len(store.list_cases()) == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.list_cases() == []


async def test_a_new_case_with_nothing_written_in_it_is_not_kept_when_the_terminal_closes(store, export_dir) -> None:
    """Found in tmux: Ctrl+N then closing the terminal window (a hang-up) left the nameless
    draft that Ctrl+Q and Ctrl+L no longer leave."""
    import signal

    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "2")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen) and len(store.list_cases()) == 1
        app._stop_on_signal(signal.SIGHUP)  # what the hang-up handler runs
        await pilot.pause()
    assert store.list_cases() == []


async def test_an_empty_case_list_names_the_key_that_starts_a_case(store, export_dir) -> None:
    """It said "Press n", but n types into the filter; Ctrl+N starts a case."""
    from textual.widgets import Static

    from psr_assist.tui.screens.case_list import CaseListScreen

    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        words = str(screen.query_one("#empty", Static).render())
        assert "Press Ctrl+N to start a new case" in words
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen is not screen  # the choice of report type


async def test_a_name_typed_and_enter_pressed_at_once_opens_that_persons_case(store, export_dir) -> None:
    """The filter waits for typing to pause; Enter (or an arrow) pressed before it did acted on
    the list as it was, and opened the case highlighted before: another person's."""
    from psr_assist.tui.screens.case_list import FilterInput

    for n in range(3):
        store.create(_case(n))
    wanted = "case-00001"
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.selected_id() != wanted
        await pilot.press(*"00001", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.case.id == wanted
    app = make_app(store, export_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"0000", "down", "enter")  # the second of the cases that match
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.case.id == screen.shown[1].id
        assert screen.query_one(FilterInput).value == "0000"
