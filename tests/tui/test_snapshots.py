"""What a person sees: every step at 120×40 and the key screens at 80×24.

Deterministic: fixed case ids and dates, a frozen clock, store timestamps frozen, times in UTC,
no cursor blink. One app run per test takes many named snapshots (harlequin's pattern), which
keeps these fast. Run only these with ``pytest -m snapshot``; after checking a change, update
with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest

from psr_assist.domain.case import Case, CaseDetails, Defendant, ReportType
from psr_assist.domain.case_file import read_case_file
from psr_assist.tui.screens.dialogs import CriticalAlertScreen
from psr_assist.tui.screens.screening import ScreeningScreen

from .helpers import DEMO_CASE, make_app, open_case

pytestmark = pytest.mark.snapshot

DEMO_ID = "demo-fdr-sam-okoro"


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


async def test_each_step_at_120x40(app_snapshot, demo_store, export_dir) -> None:
    app = make_app(demo_store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, DEMO_ID)
        for step in app.bank.steps:
            await wizard.goto_step(step.id)
            assert await app_snapshot(pilot, step.id), step.id


async def test_key_screens_at_80x24(app_snapshot, demo_store, export_dir) -> None:
    app = make_app(demo_store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await app_snapshot(pilot, "case list")
        wizard = await open_case(pilot, DEMO_ID)
        assert await app_snapshot(pilot, "wizard")
        # A field error, shown beside the field on leaving it.
        hearing = wizard.fields["case_details.hearing_date"][0]
        hearing.focus_control()
        await pilot.pause()
        # The answer is scrolled into view after the next refresh (a frame later): let that happen
        # before the next key, as it does for anyone typing, so the next focus does not race it.
        await pilot.pause()
        hearing.control.value = "31/02/2026"
        await pilot.press("tab")
        assert await app_snapshot(pilot, "field error")
        hearing.control.value = "26/11/2026"
        hearing.commit(show_errors=True)
        await pilot.press("f2", "enter")  # past the opening, said first wherever the interview starts
        assert await app_snapshot(pilot, "interview mode")
        await pilot.press("f2")
        await pilot.press("ctrl+o")
        assert await app_snapshot(pilot, "at a glance")
        await pilot.press("escape")
        await pilot.press("ctrl+r")
        assert await app_snapshot(pilot, "review")
        await wizard.goto_step("screening")
        wizard.new_screening("phq9")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)
        await pilot.press("1", "0", "2")
        assert await app_snapshot(pilot, "screening")
        await pilot.press(*"000001")
        assert isinstance(app.screen, CriticalAlertScreen)
        assert await app_snapshot(pilot, "critical alert")
