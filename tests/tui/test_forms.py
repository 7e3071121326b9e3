"""The forms are built from the question bank and hold nothing themselves: what they show is the
case, and what is typed goes into the case with its proper type."""

from __future__ import annotations

import datetime as dt
import time
from contextlib import asynccontextmanager

import pytest
from textual import events

from psr_assist.domain.case import Case, CaseDetails, Offence, ReportType, SourceKind
from psr_assist.domain.case_file import read_case_file
from psr_assist.tui.screens.dialogs import ConfirmScreen
from psr_assist.tui.screens.item_editor import ItemEditorScreen
from psr_assist.tui.widgets.fields import FieldWidget, ListField

from .helpers import (
    DEMO_CASE,
    EXAMPLES,
    field,
    list_field,
    make_app,
    open_case,
    open_step,
    put,
    screen_lines,
    set_answer,
    shown,
)

# The largest example fills every step, every list and most groups; without a checkout's
# examples/ the built-in demo case is used.
BIGGEST = EXAMPLES / "community-order-dual-diagnosis.json"


async def test_every_answer_round_trips_through_the_forms(store, export_dir) -> None:
    case = read_case_file(BIGGEST if BIGGEST.exists() else DEMO_CASE)
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, case.id)
        checked = 0
        for step in wizard.bank.steps:
            await wizard.goto_step(step.id)
            await pilot.pause()
            for path_, widgets in list(wizard.fields.items()):
                for widget in widgets:
                    if isinstance(widget, FieldWidget):
                        assert shown(widget) == wizard.read(path_), path_
                        checked += 1
                    elif isinstance(widget, ListField):
                        assert widget.control.option_count == max(1, len(wizard.read(path_))), path_
        assert checked > 100
        assert wizard.save_now()
        # Visiting every step and showing every answer changed nothing.
        stored, _ = store.load(case.id)
        assert stored.model_dump() == case.model_dump()


async def test_typed_answers_are_stored_with_their_types(store, export_dir) -> None:
    import datetime as dt

    from psr_assist.domain.case import Plea, RoshLevel

    store.create(Case(id="typed", case_details=CaseDetails(report_type=ReportType.SDR)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "typed")
        await set_answer(pilot, "case_details.court", "Northgate Magistrates' Court")  # text
        await set_answer(pilot, "case_details.hearing_date", "03/12/2026")  # date, dd/mm/yyyy
        await set_answer(pilot, "case_details.plea", Plea.GUILTY_PLEA)  # choice
        await set_answer(pilot, "offence_analysis.analysis", "First line\nSecond line")  # long text
        await set_answer(pilot, "offence_analysis.no_previous_offences", False)  # yes / no
        await wizard.goto_step("risk")
        await pilot.pause()
        await set_answer(pilot, "risk.rosh.children", RoshLevel.MEDIUM)
        await set_answer(pilot, "risk.risk_to_self.action_taken_at", "26/11/2026 11:40")  # date and time
        await wizard.goto_step("proposal")
        await pilot.pause()
        await set_answer(pilot, "proposal.order_length_months", "18")  # whole number
        case = wizard.session.case
        assert case.case_details.court == "Northgate Magistrates' Court"
        assert case.case_details.hearing_date == dt.date(2026, 12, 3)
        assert case.case_details.plea is Plea.GUILTY_PLEA
        assert case.offence_analysis.analysis == "First line\nSecond line"
        assert case.offence_analysis.no_previous_offences is False
        assert case.risk.rosh.children is RoshLevel.MEDIUM
        assert case.risk.risk_to_self.action_taken_at == dt.datetime(2026, 11, 26, 11, 40)
        assert case.proposal.order_length_months == 18
        # Leaving each field saved it.
        stored, _ = store.load("typed")
        assert stored.model_dump() == case.model_dump()


async def test_errors_show_in_plain_words_when_leaving_the_field(store, export_dir) -> None:
    import datetime as dt

    store.create(Case(id="errs", case_details=CaseDetails(hearing_date=dt.date(2026, 11, 26))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "errs")
        hearing = field(app, "case_details.hearing_date")
        hearing.focus_control()
        await pilot.pause()
        hearing.control.value = "31/02/2026"
        await pilot.pause()
        # Nothing is shown while typing...
        assert hearing.error is None
        await pilot.press("tab")  # ...only on leaving the field
        assert hearing.error == "Date of the sentencing hearing must be a real date, like 26/11/2026"
        label = hearing.query_one(".field-label")
        assert "✗ Date of the sentencing hearing must be a real date" in str(label.render())
        await pilot.pause()
        assert label.size.height >= 2  # the error is on screen, under the label
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 26)  # last good value kept
        put(hearing, "26/11")
        assert hearing.error == "Date of the sentencing hearing must include a day, month and year, like 26/11/2026"
        put(hearing, "27/11/2026")
        assert hearing.error is None
        await pilot.pause()
        assert label.size.height == 1
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 27)
        await wizard.goto_step("proposal")
        await pilot.pause()
        months = field(app, "proposal.order_length_months")
        put(months, "700")
        assert months.error is not None and months.error.endswith("must be 600 or less")
        assert wizard.session.case.proposal.order_length_months is None


async def test_pasted_control_characters_are_removed_and_the_clean_text_shown(store, export_dir) -> None:
    store.create(Case(id="paste"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "paste")
        court = field(app, "case_details.court")
        put(court, "North\x07gate\x1b Court\u200b")
        await pilot.pause()
        assert wizard.session.case.case_details.court == "Northgate Court"
        assert court.control.value == "Northgate Court"
        # A paste into a narrative field is cleaned on the way in.
        analysis = field(app, "offence_analysis.analysis")
        analysis.focus_control()
        await pilot.pause()
        analysis.control.post_message(events.Paste("He said\x00 sorry\x1b[31m twice"))
        await pilot.pause()
        assert "\x00" not in analysis.control.text and "\x1b" not in analysis.control.text
        assert wizard.session.case.offence_analysis.analysis == analysis.control.text


async def test_a_long_one_line_answer_shows_its_beginning_once_left_and_its_cursor_when_back(
    store, export_dir
) -> None:
    """Found in tmux: a court's name longer than its box, once left, showed only its last words
    ("…courtroom three, afternoon list"), as if that were the court."""
    store.create(Case(id="court"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "court")
        court = field(app, "case_details.court")
        court.focus_control()
        await pilot.pause()
        words = "Northgate Magistrates' Court, sitting at the Civic Centre, courtroom three, afternoon list"
        await pilot.press(*words)
        await pilot.pause()
        box = court.control

        def shown() -> str:
            return "".join(segment.text for segment in box.render_line(0)).strip()

        assert len(words) > box.content_region.width  # longer than its box
        assert "afternoon list" in shown() and "Northgate" not in shown()  # typing: the cursor's end
        await pilot.press("tab")
        await pilot.pause()
        assert shown().startswith("Northgate Magistrates")
        court.focus_control()  # back in: the cursor (at the end) is in sight, to type on
        await pilot.pause()
        assert "afternoon list" in shown()
        await pilot.press(*" (1)")
        await pilot.pause()
        assert box.value == words + " (1)" and shown().endswith("(1)")


async def test_very_long_text_is_counted_refused_beyond_the_limit_and_does_not_freeze(store, export_dir) -> None:
    store.create(Case(id="long"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "long")
        analysis = field(app, "offence_analysis.analysis")
        put(analysis, "x" * 20_000)
        assert wizard.session.case.offence_analysis.analysis == "x" * 20_000
        started = time.perf_counter()
        put(analysis, "y" * 20_001)
        await pilot.pause()
        assert time.perf_counter() - started < 1.0
        assert "20,001 of 20,000 characters · too long" in str(analysis.query_one(".field-label").render())
        assert analysis.error == f"{analysis.label_text} must be 20,000 characters or fewer"
        # The case keeps the last text it could hold; the screen keeps what was typed.
        assert wizard.session.case.offence_analysis.analysis == "x" * 20_000
        assert analysis.control.text == "y" * 20_001


async def test_repeating_groups_are_added_edited_moved_and_removed_by_keyboard(store, export_dir) -> None:
    store.create(Case(id="lists"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "lists", "sources")
        sources = list_field(app, "sources")
        sources.focus_control()
        for kind in (SourceKind.GP, SourceKind.CMHT):
            await pilot.press("a")
            assert isinstance(app.screen, ItemEditorScreen)
            index = len(wizard.session.case.sources) - 1
            put(field(app, f"sources[{index}].kind"), kind)
            await pilot.press("escape")
            assert app.screen is wizard
        assert [s.kind for s in wizard.session.case.sources] == [SourceKind.GP, SourceKind.CMHT]
        assert app.focused is sources.control
        assert sources.control.highlighted == 1
        await pilot.press("shift+up")  # move the CMHT up
        assert [s.kind for s in wizard.session.case.sources] == [SourceKind.CMHT, SourceKind.GP]
        await pilot.press("enter")  # edit the highlighted item
        assert isinstance(app.screen, ItemEditorScreen) and app.screen.index == 0
        await pilot.press("escape")
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert [s.kind for s in wizard.session.case.sources] == [SourceKind.GP]
        stored, _ = store.load("lists")
        assert [s.kind for s in stored.sources] == [SourceKind.GP]


async def test_keys_typed_straight_after_tab_land_in_the_next_answer(store, export_dir) -> None:
    """A burst of keys (fast typing, a busy moment) must not leave text in the field just left."""
    store.create(Case(id="burst"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "burst")
        report_type = field(app, "case_details.report_type")  # a choice: letters jump between choices
        report_type.focus_control()
        await pilot.pause()
        for key, char in [("tab", "\t"), *[(c, c) for c in "North"]]:
            app.post_message(events.Key(key, char))
        await pilot.pause(0.2)
        assert wizard.session.case.case_details.report_type is None
        assert wizard.session.case.case_details.local_justice_area == "North"


async def paste(pilot, widget, text: str) -> None:
    """Paste as a terminal does: the app receives it and hands it to the focused control."""
    widget.focus_control()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_paste_lands_once_in_short_and_long_answers(store, export_dir) -> None:
    store.create(Case(id="once"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "once")
        court = field(app, "case_details.court")
        await paste(pilot, court, "Northgate\x07 Magistrates' Court")
        assert court.control.value == "Northgate Magistrates' Court"
        analysis = field(app, "offence_analysis.analysis")
        await paste(pilot, analysis, "He said\x00 sorry twice.")
        assert analysis.control.text == "He said sorry twice."
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.case_details.court == "Northgate Magistrates' Court"
        assert wizard.session.case.offence_analysis.analysis == "He said sorry twice."


@pytest.mark.parametrize(
    "pasted",
    ["2026-12-03", " 03/12/2026\n", "3-12-2026", "03.12.2026", "2026-12-03T10:30"],
)
async def test_a_date_pasted_in_a_common_form_becomes_the_answer(store, export_dir, pasted) -> None:
    store.create(Case(id="dates", case_details=CaseDetails(hearing_date=dt.date(2026, 11, 26))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "dates")
        hearing = field(app, "case_details.hearing_date")
        await paste(pilot, hearing, pasted)
        assert hearing.control.value == "03/12/2026"
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 12, 3)


async def test_the_time_can_be_typed_or_pasted_after_a_date_only_answer(store, export_dir) -> None:
    store.create(Case(id="times"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "times", "risk")
        acted = field(app, "risk.risk_to_self.action_taken_at")
        acted.focus_control()
        await pilot.pause()
        control = acted.control
        control.value = "26/11/2026"  # a date and no time yet: the cursor sits before the space
        control.cursor_position = len(control.value)
        await pilot.press("0", "9", "4", "0")  # Textual's mask alone stops the app here
        assert control.value == "26/11/2026 09:40"
        control.value = "26/11/2026"
        control.cursor_position = len(control.value)
        await paste(pilot, acted, "1015")
        assert control.value == "26/11/2026 10:15"
        await paste(pilot, acted, "2026-11-27T08:05")
        assert control.value == "27/11/2026 08:05"
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.risk.risk_to_self.action_taken_at == dt.datetime(2026, 11, 27, 8, 5)


async def test_a_paste_longer_than_the_answer_holds_is_cut_to_fit_and_says_so(store, export_dir) -> None:
    store.create(Case(id="long-paste"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case(pilot, "long-paste")
        analysis = field(app, "offence_analysis.analysis")
        put(analysis, "Seen twice. ")
        await paste(pilot, analysis, "z" * 20_005)
        text = analysis.control.text
        assert len(text) == 20_000  # the answer's limit, reached once (the paste is not doubled)
        assert text.count("Seen twice. ") == 1 and text.count("z") == 20_000 - len("Seen twice. ")
        assert any("characters were pasted" in str(n.message) for n in app._notifications)


async def test_a_one_line_paste_is_trimmed_joined_and_cut_to_fit(store, export_dir) -> None:
    store.create(Case(id="short-paste"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "short-paste")
        court = field(app, "case_details.court")
        await paste(pilot, court, "  Northgate Magistrates' Court\r\n")
        assert court.control.value == "Northgate Magistrates' Court"
        put(court, "")
        await paste(pilot, court, "Room 4\n12 Harbour Lane\n\nNorthgate")
        assert court.control.value == "Room 4 12 Harbour Lane Northgate"
        put(court, "")
        # Found in tmux: a paste's space joining it to the words already typed was lost
        # ("2QT" + " and more" gave "2QTand more"); at the start of an answer it is not wanted.
        put(court, "Northgate")
        court.control.cursor_position = len("Northgate")
        await paste(pilot, court, " Magistrates'")
        await paste(pilot, court, " Court \n")
        assert court.control.value == "Northgate Magistrates' Court"
        court.control.cursor_position = len("Northgate")
        await paste(pilot, court, "   ")  # nothing to paste: nothing changes
        await paste(pilot, court, " Central ")  # between two words: one space each side
        assert court.control.value == "Northgate Central Magistrates' Court"
        court.control.cursor_position = len(court.control.value)
        await paste(pilot, court, "\nSouth\n")  # line ends keep words apart as spaces do
        assert court.control.value == "Northgate Central Magistrates' Court South"
        put(court, "")
        await paste(pilot, court, "x" * 330)
        assert court.control.value == "x" * 300  # what fits, not nothing
        assert any("characters were pasted" in str(n.message) for n in app._notifications)
        await wizard.goto_step("proposal")
        await pilot.pause()
        months = field(app, "proposal.order_length_months")
        await paste(pilot, months, "18\n")
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.proposal.order_length_months == 18


@pytest.mark.parametrize("pasted", ["26 November 2026", "Thursday 26th Nov 2026", "\u202e26/11/2026\u202c"])
async def test_a_date_in_words_or_with_direction_marks_is_taken(store, export_dir, pasted) -> None:
    store.create(Case(id="words"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "words")
        hearing = field(app, "case_details.hearing_date")
        await paste(pilot, hearing, pasted)
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 26)


# Found in tmux: a short year, or a year first with slashes (not guessed at), did nothing, without a word.
@pytest.mark.parametrize("pasted", ["next Tuesday", "10/4/95", "26/11/26", "1997/06/13"])
async def test_a_paste_that_is_not_a_date_changes_nothing_and_says_so(store, export_dir, pasted) -> None:
    store.create(Case(id="not-date", case_details=CaseDetails(hearing_date=dt.date(2026, 11, 26))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "not-date")
        hearing = field(app, "case_details.hearing_date")
        await paste(pilot, hearing, pasted)
        assert hearing.control.value == "26/11/2026"
        assert any("not a date" in str(n.message) for n in app._notifications)
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 26)


async def test_delete_after_a_pasted_date_only_answer_does_not_stop_the_app(store, export_dir) -> None:
    store.create(Case(id="delete"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_step(pilot, "delete", "risk")
        acted = field(app, "risk.risk_to_self.action_taken_at")
        await paste(pilot, acted, "2026-11-26")
        await pilot.press("delete", "ctrl+d")
        await pilot.press("1", "0", "1", "5")
        assert acted.control.value == "26/11/2026 10:15"


async def test_adding_to_a_full_list_says_it_is_full_and_adds_nothing(store, export_dir) -> None:
    offences = [Offence(description=f"Theft {n}") for n in range(1, 51)]
    store.create(Case(id="full", case_details=CaseDetails(offences=offences)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "full")
        offences_list = list_field(app, "case_details.offences")
        offences_list.focus_control()
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert len(wizard.session.case.case_details.offences) == 50
        assert any("holds 50 at most" in str(n.message) for n in app._notifications)
        assert app.screen is wizard  # no editor opened for an item that is not there


async def test_leaving_a_date_shows_it_written_out_as_it_was_kept(store, export_dir) -> None:
    store.create(Case(id="blank-digit", case_details=CaseDetails(hearing_date=dt.date(2026, 11, 26))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "blank-digit")
        hearing = field(app, "case_details.hearing_date")
        hearing.focus_control()
        await pilot.pause()
        await pilot.press("home", "right", "right", "right", "delete")  # the second digit of the month
        assert hearing.control.value == "26/1 /2026"
        await pilot.press("tab")
        await pilot.pause()
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 1, 26)
        assert hearing.control.value == "26/01/2026"  # the officer sees the month that was kept


@asynccontextmanager
async def _at_filled_in_hearing_date(store, export_dir):
    """A case whose hearing date is 26/11/2026, the date reached by Tab from the court, as the
    officer reaches it: (pilot, app, wizard, the hearing date's field)."""
    store.create(Case(id="dated", case_details=CaseDetails(court="Northgate Magistrates' Court",
                                                          hearing_date=dt.date(2026, 11, 26))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "dated")
        await wizard.goto_step("case")
        field(app, "case_details.court").focus_control()
        await pilot.pause()
        await pilot.press("tab")
        yield pilot, app, wizard, field(app, "case_details.hearing_date")


async def test_typing_a_new_date_over_a_filled_in_one_replaces_it(store, export_dir) -> None:
    """A date answer reached by keyboard has all its text selected, so typing replaces the date
    (the mask is full: typed digits were otherwise dropped without a word)."""
    async with _at_filled_in_hearing_date(store, export_dir) as (pilot, app, wizard, hearing):
        assert app.focused is hearing.control and hearing.control.value == "26/11/2026"
        assert sorted(hearing.control.selection) == [0, 10]  # all of it, and drawn so
        selected = hearing.control.get_component_rich_style("input--selection").bgcolor
        assert any(seg.style and seg.style.bgcolor == selected for seg in hearing.control.render_line(0))
        await pilot.press(*"27112026")
        assert hearing.control.value == "27/11/2026"
        await pilot.press("tab")
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 27)


async def test_a_letter_typed_over_a_filled_in_date_is_refused_and_the_date_stays(store, export_dir) -> None:
    """Found in tmux: Tab onto a filled-in hearing date (all of it selected), then a letter (the
    court's name typed one answer too far): the answer showed "Q_/__/____" and the status line
    "Not kept"; the date was gone from the screen."""
    async with _at_filled_in_hearing_date(store, export_dir) as (pilot, _app, wizard, hearing):
        assert sorted(hearing.control.selection) == [0, 10]
        await pilot.press("Q", "x")
        assert hearing.control.value == "26/11/2026" and sorted(hearing.control.selection) == [0, 10]
        await pilot.press("tab")
        assert hearing.error is None
        assert wizard.session.case.case_details.hearing_date == dt.date(2026, 11, 26)
        # Part of it selected and typed over: the digits go in through the mask.
        hearing.control.focus()
        await pilot.pause()
        hearing.control.selection = hearing.control.selection.__class__(0, 2)
        await pilot.press("2", "7")
        assert hearing.control.value == "27/11/2026"


async def test_the_date_of_birth_shows_the_age_it_gives(store, export_dir) -> None:
    store.create(Case(id="age", case_details=CaseDetails(hearing_date=dt.date(2026, 12, 3))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case(pilot, "age")
        dob = field(app, "case_details.defendant.date_of_birth")
        assert "on the hearing date" not in dob.label_content().plain  # nothing to work out yet
        put(dob, "04/12/1990")
        dob.commit(show_errors=True)
        await pilot.pause()
        assert dob.label_content().plain.endswith("· 35 on the hearing date")  # 36 the day after
        put(field(app, "case_details.hearing_date"), "")
        field(app, "case_details.hearing_date").commit(show_errors=True)
        await pilot.pause()
        assert dob.label_content().plain.endswith("· 35 today")  # NOW is 26 November 2026


async def test_a_long_answer_shows_its_beginning_until_it_is_entered(store, export_dir) -> None:
    """Found in tmux: a filled-in history showed "overdose twice (2021 and 2024), each" — the end
    of its text, mid-sentence — because the cursor waits at the end for more words."""
    case = read_case_file(BIGGEST)
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_step(pilot, case.id, "mental_health")
        history = field(app, "mental_health.history")
        area = history.control
        await pilot.pause()
        assert area.wrapped_document.height > area.size.height  # more lines than it shows
        assert area.scroll_y == 0 and area.cursor_location == area.document.end
        area.focus()
        await pilot.pause()
        await pilot.pause()
        assert area.scroll_y > 0  # entered: the cursor, at the end, is in view to add to it
        await pilot.press(*" More.")
        assert area.text.endswith("sources. More.")
        app.screen.focus_next()
        await pilot.pause()
        await pilot.pause()
        assert area.scroll_y == 0  # left: it shows its beginning again


async def test_a_step_opens_on_an_answer_that_is_asked_not_one_its_neighbour_rules_out(store, export_dir) -> None:
    """Found in tmux: with the specialist assessment "Requested", the screening step opened in the
    empty "Why it is not needed" box, and a typed letter went into it."""
    from psr_assist.domain.case import ResultsOnlyEntry, ResultsOnlyTool, SpecialistAssessmentStatus

    case = read_case_file(BIGGEST)
    case.screening.results_only = [ResultsOnlyEntry(tool=ResultsOnlyTool.LDSQ, score="2", positive=False)]
    assessment = case.screening.specialist_assessment
    assessment.status = SpecialistAssessmentStatus.REQUESTED
    assessment.reason_not_needed = assessment.requested_from = None
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, case.id, "screening")
        assert wizard.focused_field.path == "screening.specialist_assessment.requested_from"
        # Still on screen, for an officer who means to change the answer to "not needed".
        assert field(app, "screening.specialist_assessment.reason_not_needed").display


async def test_f1_in_an_item_editor_shows_the_help_for_the_answer_in_focus(store, export_dir) -> None:
    """Found in tmux: F1 did nothing in an item's editor, where a new officer most needs to know
    what an answer is for."""
    from psr_assist.tui.screens.dialogs import HelpScreen

    store.create(Case(id="help-item"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot, "help-item")
        list_field(app, "case_details.offences").focus_control()
        await pilot.pause()
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        focused_field = next(f for f in editor.query(FieldWidget) if app.focused in f.walk_children())
        assert "f1 Help" in screen_lines(app)[-1]
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        headings = [heading for heading, _ in app.screen.sections]
        bodies = "\n".join(body for _, body in app.screen.sections)
        assert headings[0] == focused_field.label_text
        assert focused_field.spec.question.help and focused_field.spec.question.help in bodies
        assert "Offence 1 of 1" in headings[1]
        assert any("Done" in row[1] for row in app.screen.keys)
        await pilot.press("escape")
        assert app.screen is editor


async def test_tab_in_an_item_editor_goes_round_its_answers_and_never_onto_nothing(store, export_dir) -> None:
    """Found in tmux: one Tab past an editor's last answer focused its scrolling area, which
    shows no focus: the officer's next keys went nowhere they could see."""
    from textual.widgets._collapsible import CollapsibleTitle  # a folded section's title

    store.create(read_case_file(DEMO_CASE))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, "demo-fdr-sam-okoro")
        for step, path in (("sources", "sources"), ("mental_health", "mental_health.diagnoses"),
                           ("proposal", "proposal.requirements")):
            await wizard.goto_step(step)
            list_field(app, path).focus_control()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, ItemEditorScreen)
            first = app.focused
            for presses in range(1, 30):
                await pilot.press("tab")
                await pilot.pause()
                focused = app.focused
                in_an_answer = any(focused in f.walk_children() for f in editor.query(FieldWidget))
                assert in_an_answer or isinstance(focused, CollapsibleTitle), (path, presses, focused)
                if focused is first:
                    break
            assert focused is first, f"{path}: Tab never came back to the first answer"
            await pilot.press("escape")
            await pilot.pause()
