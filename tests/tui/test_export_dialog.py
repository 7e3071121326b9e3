"""The export dialog by keys, as a real terminal drives it: Enter exports from anywhere in it,
and the marking's state shows without colour."""

from __future__ import annotations

import docx
from textual.widgets import Checkbox

from psr_assist.domain.case_file import read_case_file
from psr_assist.tui.screens.export import ExportScreen, export_names

from .helpers import DEMO_CASE, EXAMPLES, make_app, open_case, screen_lines

DEMO_ID = "demo-fdr-sam-okoro"  # the demo case: blockers remain, so the dialog offers a draft
READY = EXAMPLES / "community-order-dual-diagnosis.json"  # no blockers: "Export (Enter)"
READY_ID = "example-community-order-dual-diagnosis"
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
