"""An unexpected error never shows case text: no traceback with locals on screen or in the terminal,
the case is saved first, and the process exits non-zero (issue 7.7)."""

from __future__ import annotations

import pytest

from psr_assist.domain.case import Case, CaseDetails, Defendant
from psr_assist.tui.app import CRASH_EXIT_CODE
from psr_assist.tui.screens.wizard import WizardScreen

from .helpers import field, make_app, put

NAME = "Zebedee Quartermaine-Fictitious"
NARRATIVE = "Told me about the night at Wrenfold Lock"


def test_a_crash_in_a_handler_prints_type_and_place_only_and_saves_first(
    store, export_dir, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create(Case(id="crash", case_details=CaseDetails(defendant=Defendant(name=NAME))))

    def explode(self: WizardScreen) -> None:
        secret = self.session.case.case_details.defendant.name  # a local holding case text
        raise RuntimeError(f"boom while showing {secret}: {self.session.case.offence_analysis.analysis}")

    monkeypatch.setattr(WizardScreen, "action_glance", explode)
    app = make_app(store, export_dir)

    async def drive(pilot) -> None:
        app.open_case("crash")
        await pilot.pause()
        await pilot.pause()
        # Typed but not yet saved when the error strikes.
        analysis = field(app, "offence_analysis.analysis")
        analysis.control.load_text(NARRATIVE)
        await pilot.pause()
        await pilot.press("ctrl+o")  # the handler that fails
        await pilot.pause()

    app.run(headless=True, size=(120, 40), auto_pilot=drive)
    out, err = capfd.readouterr()
    assert app.return_code == CRASH_EXIT_CODE
    printed = out + err
    assert "RuntimeError" in printed
    for secret in (NAME, "Zebedee", "Quartermaine", NARRATIVE, "Wrenfold", "boom"):
        assert secret not in printed
    assert "Traceback" not in printed and "locals" not in printed.lower()
    assert "saved just before" in printed
    # The text typed just before the crash was saved.
    assert store.load("crash")[0].offence_analysis.analysis == NARRATIVE


def test_no_screenshot_command_and_screenshots_to_disk_refused(store, export_dir, tmp_path) -> None:
    import asyncio

    app = make_app(store, export_dir)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert "Screenshot" not in titles
            assert "Quit" in titles
            before = set(tmp_path.rglob("*.svg"))
            app.save_screenshot(path=str(tmp_path))
            app.action_screenshot(path=str(tmp_path))
            await pilot.pause()
            assert set(tmp_path.rglob("*.svg")) == before

    asyncio.run(main())


async def test_markup_in_case_text_is_shown_as_typed(store, export_dir) -> None:
    """Square brackets in a name are text, never markup (a stray "[/" must not crash the app)."""
    tricky = "Sam [b]Bold[/b] [/] [link=x]O'Neil"
    store.create(Case(id="markup", case_details=CaseDetails(defendant=Defendant(name=tricky))))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        assert tricky in str(table.get_row_at(0)[0])
        app.open_case("markup")
        await pilot.pause()
        await pilot.pause()
        put(field(app, "offence_analysis.analysis"), "[red]not red[/red] [/]")
        app.notify(f"Deleted the draft for {tricky}.")  # notifications never parse markup
        await pilot.pause()
        assert tricky in str(app.screen.query_one("#status").render())
