"""What a person sees: every step at 120×40 and the key screens at 80×24.

Deterministic: fixed case ids and dates, a frozen clock, store timestamps frozen, times in UTC,
no cursor blink. Run only these with ``pytest -m snapshot``; update with ``--snapshot-update``
after checking the report.
"""

from __future__ import annotations

import pytest

from psr_assist.domain.case import Case, CaseDetails, Defendant, ReportType
from psr_assist.domain.case_file import read_case_file
from psr_assist.domain.questions import question_bank

from .helpers import DEMO_CASE, make_app

pytestmark = pytest.mark.snapshot

STEPS = [step.id for step in question_bank().steps]


@pytest.fixture
def demo_store(store, monkeypatch, utc):
    monkeypatch.setattr("psr_assist.store.db._now", lambda: "2026-11-26T09:30:00.000000+00:00")
    store.create(read_case_file(DEMO_CASE))
    store.create(
        Case(
            id="snap-sdr",
            case_details=CaseDetails(
                court="Westford Magistrates' Court",
                report_type=ReportType.SDR,
                defendant=Defendant(name="Robin Example"),
            ),
        )
    )
    return store


def _opened(step: str | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        app.open_case("demo-fdr-sam-okoro")
        await pilot.pause()
        await pilot.pause()
        if step is not None and step != app.bank.steps[0].id:
            await app.screen.goto_step(step)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("step", STEPS)
def test_each_step_at_120x40(snap_compare, demo_store, export_dir, step) -> None:
    app = make_app(demo_store, export_dir)
    assert snap_compare(app, terminal_size=(120, 40), run_before=_opened(step))


def test_case_list_at_80x24(snap_compare, demo_store, export_dir) -> None:
    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24))


def test_wizard_at_80x24(snap_compare, demo_store, export_dir) -> None:
    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=_opened())


def test_review_at_80x24(snap_compare, demo_store, export_dir) -> None:
    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=_opened("review"))


def test_interview_mode_at_80x24(snap_compare, demo_store, export_dir) -> None:
    async def run_before(pilot) -> None:
        await _opened()(pilot)
        await pilot.press("f2")

    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=run_before)


def test_screening_at_80x24(snap_compare, demo_store, export_dir) -> None:
    async def run_before(pilot) -> None:
        await _opened("screening")(pilot)
        pilot.app.screen.new_screening("phq9")
        await pilot.pause()
        await pilot.press("1", "0", "2")

    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=run_before)


def test_critical_alert_at_80x24(snap_compare, demo_store, export_dir) -> None:
    async def run_before(pilot) -> None:
        await _opened("screening")(pilot)
        pilot.app.screen.new_screening("phq9")
        await pilot.pause()
        await pilot.press(*"000000001")

    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=run_before)


def test_at_a_glance_at_80x24(snap_compare, demo_store, export_dir) -> None:
    async def run_before(pilot) -> None:
        await _opened()(pilot)
        await pilot.press("ctrl+o")

    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=run_before)


def test_field_error_at_80x24(snap_compare, demo_store, export_dir) -> None:
    async def run_before(pilot) -> None:
        await _opened()(pilot)
        wizard = pilot.app.screen
        hearing = wizard.fields["case_details.hearing_date"][0]
        hearing.focus_control()
        await pilot.pause()
        hearing.control.value = "31/02/2026"
        await pilot.press("tab")

    assert snap_compare(make_app(demo_store, export_dir), terminal_size=(80, 24), run_before=run_before)
