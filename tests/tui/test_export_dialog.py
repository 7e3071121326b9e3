"""The export dialog by keys, as a real terminal drives it: Enter exports from anywhere in it,
the marking's state shows without colour, and answers on screen that were not kept are named
before anything is exported."""

from __future__ import annotations

import datetime as dt

import docx
from textual.widgets import Checkbox

from psr_assist.domain.case_file import read_case_file
from psr_assist.tui.screens.export import ExportScreen, export_names

from .helpers import DEMO_CASE, EXAMPLES, field, make_app, open_case, screen_lines

DEMO_ID = "demo-fdr-sam-okoro"  # the demo case: blockers remain, so the dialog offers a draft
READY = EXAMPLES / "community-order-dual-diagnosis.json"  # no blockers: "Export (Enter)"
READY_ID = "example-community-order-dual-diagnosis"
DOB = "case_details.defendant.date_of_birth"
HEARING = "case_details.hearing_date"
MARKED = "OFFICIAL-SENSITIVE"


def _report(folder, wizard) -> docx.Document:
    name, _ = export_names(wizard.session.case)
    return docx.Document(str(folder / name))


def _text(document: docx.Document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _headers(document: docx.Document) -> list[str]:
    return [p.text for p in document.sections[0].header.paragraphs]


async def _open_export(pilot, case_id: str):
    wizard = await open_case(pilot, case_id)
    await pilot.press("ctrl+r", "e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportScreen)
    return wizard, dialog


async def _finish(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _words(app) -> str:
    """The words on screen, in reading order: frames dropped, wrapped lines joined."""
    frames = str.maketrans("", "", "█▊▎▔▁▀▄")
    return " ".join(" ".join(line.translate(frames) for line in screen_lines(app)).split())


def _marking_line(app) -> str:
    lines = [line for line in screen_lines(app) if f"Mark {MARKED}" in line]
    assert len(lines) == 1, lines
    return lines[0]


# --------------------------------------------------------------------------- Enter exports


async def test_enter_on_the_ticked_marking_exports_a_marked_report_and_keeps_the_tick(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, READY_ID)
        assert dialog.query_one("#export")  # no blockers: the button says "Export (Enter)"
        marking = dialog.query_one("#ex-marking", Checkbox)
        await pilot.press("tab")
        assert app.focused is marking
        await pilot.press("space")
        assert marking.value is True  # Space still ticks it
        await pilot.press("enter")
        await _finish(pilot)
        assert app.screen is wizard, "Enter on the marking must export, as the button says"
        assert MARKED in _headers(_report(export_dir, wizard))
        # The tick is what was exported, and what the next export offers.
        await pilot.press("e")
        assert app.screen.query_one("#ex-marking", Checkbox).value is True


async def test_space_unticks_and_enter_on_the_unticked_marking_exports_an_unmarked_report(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    app.export_marking = True  # the officer ticked it last time
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, READY_ID)
        marking = dialog.query_one("#ex-marking", Checkbox)
        assert marking.value is True  # the officer's last choice
        await pilot.press("tab", "space")
        assert marking.value is False
        await pilot.press("enter")
        await _finish(pilot)
        assert app.screen is wizard
        report = _report(export_dir, wizard)
        assert MARKED not in _headers(report) and not report.core_properties.keywords


async def test_enter_on_the_marking_with_blockers_exports_a_draft_as_enter_in_the_folder_does(
    store, export_dir
) -> None:
    store.create(read_case_file(DEMO_CASE))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, DEMO_ID)
        assert dialog.blockers and dialog.query_one("#draft")
        await pilot.press("tab", "space", "enter")
        await _finish(pilot)
        assert app.screen is wizard
        report = _report(export_dir, wizard)
        assert "DRAFT" in _text(report)
        assert MARKED in _headers(report)


async def test_enter_on_cancel_still_cancels(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, READY_ID)
        await pilot.press("tab", "tab", "tab")
        assert app.focused is dialog.query_one("#cancel")
        await pilot.press("enter")
        await _finish(pilot)
        assert app.screen is wizard
        assert not list(export_dir.iterdir())


# --------------------------------------------------------------------------- never colour alone


async def test_the_marking_shows_ticked_or_not_without_colour(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        _wizard, dialog = await _open_export(pilot, READY_ID)
        marking = dialog.query_one("#ex-marking", Checkbox)
        unticked = _marking_line(app)
        assert "X" not in unticked.split("Mark")[0], unticked
        await pilot.press("tab", "space")
        await pilot.pause()
        assert marking.value is True
        ticked = _marking_line(app)
        assert "X" in ticked.split("Mark")[0], ticked
        # Same place, same width: only the mark inside the box changes.
        assert len(ticked) == len(unticked) and ticked != unticked
        await pilot.press("space")
        await pilot.pause()
        assert _marking_line(app) == unticked


# --------------------------------------------------------------------------- answers not kept


async def _make_date_of_birth_invalid(pilot, wizard) -> None:
    await wizard.goto_step("case")
    await pilot.pause()
    dob = field(pilot.app, DOB)
    dob.focus_control()
    await pilot.pause()
    await pilot.pause()
    dob.control.value = "01/02/1990"
    await pilot.press("tab")  # leave it: kept
    assert wizard.session.case.case_details.defendant.date_of_birth == dt.date(1990, 2, 1)
    dob.focus_control()
    await pilot.pause()
    await pilot.pause()
    dob.control.value = "31/02/1990"
    await pilot.press("tab")  # an error beside it, not kept
    assert dob.pending_invalid
    assert wizard.session.case.case_details.defendant.date_of_birth == dt.date(1990, 2, 1)



async def _export_with_date_of_birth_not_kept(pilot, case_id: str):
    """Open the case, leave its date of birth showing a date that is not valid, open the export."""
    wizard = await open_case(pilot, case_id)
    await _make_date_of_birth_invalid(pilot, wizard)
    await pilot.press("ctrl+r", "e")
    assert isinstance(pilot.app.screen, ExportScreen)
    return wizard, pilot.app.screen

async def test_the_dialog_names_answers_on_screen_that_are_not_valid_before_exporting(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, _dialog = await _export_with_date_of_birth_not_kept(pilot, READY_ID)
        text = _words(app)
        label = field(app, DOB).label_text
        assert f"Not valid on screen, so not kept and not in the report: {label}." in text, text
        assert "Press Esc to correct it, or export without it." in text, text
        assert "31/02/1990" not in text  # the label only, never what was typed
        # Still the officer's choice: Enter exports what was kept.
        await pilot.press("enter")
        await _finish(pilot)
        assert app.screen is wizard
        assert "1 February 1990" in _text(_report(export_dir, wizard))  # the last answer kept


async def test_no_warning_when_every_answer_on_screen_was_kept(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_export(pilot, READY_ID)
        assert "Not valid" not in _words(app)


async def test_every_answer_not_kept_is_named_and_the_advice_says_them(store, export_dir) -> None:
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, READY_ID)
        await _make_date_of_birth_invalid(pilot, wizard)
        hearing = field(app, HEARING)
        hearing.focus_control()
        await pilot.pause()
        await pilot.pause()
        hearing.control.value = "31/02/2026"
        await pilot.press("tab")
        assert hearing.pending_invalid
        await pilot.press("ctrl+r", "e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        # In the order they are on screen (the hearing comes first on the case step).
        assert dialog.not_kept == [hearing.label_text, field(app, DOB).label_text]
        text = _words(app)
        assert f"not in the report: {hearing.label_text}, {field(app, DOB).label_text}." in text, text
        assert "Press Esc to correct them" in text, text
        # Esc goes back to the answers, nothing written.
        await pilot.press("escape")
        assert app.screen is wizard and not list(export_dir.iterdir())


async def test_the_warnings_and_the_buttons_fit_at_80x24(store, export_dir) -> None:
    store.create(read_case_file(DEMO_CASE))  # blockers: the longest gate
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _export_with_date_of_birth_not_kept(pilot, DEMO_ID)
        await pilot.pause()
        lines = screen_lines(app)
        text = _words(app)
        assert "blockers remain" in text and "Not valid on screen" in text, text
        assert f"not in the report: {field(app, DOB).label_text}." in text, text
        assert f"Mark {MARKED}" in text and "Files:" in text, text
        assert "Export a draft (Ctrl+D)" in text and "Cancel (Esc)" in text, text
        # The whole dialog is on screen: its top and bottom edges too.
        assert any("▀" * 20 in line for line in lines) and any("▄" * 20 in line for line in lines), text


async def test_a_draft_of_a_final_report_is_named_as_a_draft_in_the_dialog_and_on_disk(store, export_dir) -> None:
    """Ctrl+D on a final report wrote '… DRAFT.docx' while the dialog still named the final's files."""
    from psr_assist.domain.case import ReportStatus

    case = read_case_file(READY)
    case.sign_off.status = ReportStatus.FINAL
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, READY_ID)
        final_name, _ = export_names(wizard.session.case)
        assert not final_name.endswith("DRAFT.docx") and final_name in _words(app)
        await pilot.press("ctrl+d")
        await _finish(pilot)
        draft_name, _ = export_names(wizard.session.case, draft=True)
        assert (export_dir / draft_name).exists() and not (export_dir / final_name).exists()
        # What the officer is told names the file written.
        assert any(draft_name in n.message for n in app._notifications)
        assert not any(final_name in n.message for n in app._notifications)


async def test_a_final_report_with_blockers_shows_the_draft_names_it_will_write(store, export_dir) -> None:
    """A report finalised before a rule was added can have blockers: it is exported as a draft,
    and the dialog named the final's files instead."""
    from psr_assist.domain.case import ReportStatus

    case = read_case_file(READY)
    case.sign_off.status = ReportStatus.FINAL
    case.sign_off.signed_on = dt.date(2030, 1, 5)  # after today: a blocker
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, dialog = await _open_export(pilot, READY_ID)
        assert dialog.blockers
        draft_name, draft_companion = export_names(wizard.session.case, draft=True)
        shown = str(dialog.query_one("#ex-files").render())
        assert draft_name in shown and draft_companion in shown


async def test_one_blocker_remains_and_two_blockers_remain(store, export_dir) -> None:
    """Found in tmux: "✗ 1 blocker remain"."""
    case = read_case_file(READY)
    case.sign_off.signed_on = dt.date(2030, 1, 5)  # after today: one blocker
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        _wizard, dialog = await _open_export(pilot, READY_ID)
        assert dialog.blockers == 1
        assert str(dialog.query_one("#ex-gate").render()).startswith("✗ 1 blocker remains: ")


async def test_esc_from_the_warning_goes_to_the_answer_to_correct(store, export_dir) -> None:
    """"Press Esc to correct it": Esc went back to wherever the focus had been (found in tmux)."""
    store.create(read_case_file(READY))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard, _dialog = await _export_with_date_of_birth_not_kept(pilot, READY_ID)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is wizard
        assert wizard.current_step == "case" and wizard.focused_field.path == DOB


async def test_the_review_opens_at_its_top(store, export_dir) -> None:
    """Found in tmux: Ctrl+R opened the review mid-list, its heading and state out of sight."""
    store.create(read_case_file(DEMO_CASE))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_case(pilot, DEMO_ID)
        pane = await wizard.goto_step("review")
        await pilot.pause()
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert pane.scroll_y > 0
        await wizard.goto_step("case")
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.pause()
        assert pane.scroll_y == 0
