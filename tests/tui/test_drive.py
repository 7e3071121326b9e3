"""Whole cases through the UI: values set in the widgets, only navigation keys pressed.

* issue 2: one drive through every step of the wizard;
* issue 6: an FDR modelled on the guide's "advice to court" case, from an empty case to an
  exported report checked with python-docx, then signed and locked.
"""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from psr_assist.domain.case import ReportType
from psr_assist.domain.findings import Severity
from psr_assist.tui.screens.dialogs import ChoiceScreen, ConfirmScreen
from psr_assist.tui.screens.export import ExportScreen, export_names
from psr_assist.tui.screens.wizard import ReviewPane, StepPane, WizardScreen
from psr_assist.tui.widgets.wizard_parts import StepNav

from .helpers import EXAMPLES, example, fill_step, make_app, wizard_of

FDR = "fdr-adjournment-psychiatric-report.json"


async def _new_case(pilot, report_key: str) -> WizardScreen:
    await pilot.pause()
    await pilot.press("ctrl+n")
    assert isinstance(pilot.app.screen, ChoiceScreen)
    await pilot.press(report_key)
    await pilot.pause()
    return wizard_of(pilot.app)


@pytest.mark.slow
@pytest.mark.skipif(not (EXAMPLES / FDR).exists(), reason="needs the examples/ of a source checkout")
async def test_fdr_advice_to_court_from_an_empty_case_to_an_exported_signed_report(store, export_dir) -> None:
    """Also the drive through every step (issue 2): each step reached with Ctrl+N, mounted on its
    first visit, its first empty answer focused, and every answer the example has typed in."""
    target = example(FDR)
    hearing = target.case_details.hearing_date
    app = make_app(store, export_dir, now=dt.datetime.combine(hearing, dt.time(15, 0)))
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await _new_case(pilot, "2")  # FDR (after oral), hearing date today
        assert wizard.session.case.case_details.report_type is ReportType.FDR
        assert wizard.session.case.case_details.hearing_date == hearing
        steps = wizard.bank.steps
        # Only the first step is built when the case opens.
        assert [p.step.id for p in wizard.query(".step-pane")] == [steps[0].id]
        for index, step in enumerate(steps):
            if index:
                await pilot.press("ctrl+n")
            assert wizard.current_step == step.id
            assert isinstance(wizard.query_one(f"#pane-{step.id}"), ReviewPane if step.id == "review" else StepPane)
            assert wizard.query_one(StepNav).highlighted == index
            if step.id == "review":
                assert app.focused.id == "findings"
            else:  # the first empty answer has the focus
                assert wizard.focused_field is not None and app.focused in wizard.focused_field.walk_children()
            await fill_step(pilot, step.id, target)
        assert len(list(wizard.query(".step-pane"))) == len(steps)
        await pilot.press("ctrl+b")
        assert wizard.current_step == steps[-2].id
        await pilot.press("ctrl+g", "1")  # the step list, then a step's number
        assert wizard.current_step == steps[0].id
        case = wizard.session.case
        # Everything typed reached the case, exactly as the example has it.
        assert case.model_dump(exclude={"id"}) == target.model_dump(exclude={"id"})
        wizard.run_check()
        assert not [f for f in wizard.session.findings if f.severity is Severity.BLOCKER]
        # Review and export.
        await pilot.press("ctrl+r")
        assert wizard.current_step == "review"
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is wizard
        report_name, companion_name = export_names(case)
        report = docx.Document(str(export_dir / report_name))
        text = "\n".join(p.text for p in report.paragraphs)
        tables = "\n".join(c.text for t in report.tables for r in t.rows for c in r.cells)
        headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
        assert "Megan Ashby" in text + tables
        assert any("Sources" in h for h in headings) and any("Risk" in h for h in headings)
        assert "adjourn" in (text + tables).lower()
        assert "section 31 of the Sentencing Act 2020" in text
        assert (export_dir / companion_name).exists()
        # Sign and finalise: the report is locked.
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert wizard.session.read_only
        assert store.summary(case.id).status == "final"
        assert "READ-ONLY" in str(wizard.query_one("#banner").render())
        # The final report gets its own file: the draft's name ends in DRAFT, so the two are never
        # mistaken for each other in a folder, and exporting the final asks to replace nothing.
        assert report_name.endswith(" DRAFT.docx") and companion_name.endswith(" DRAFT.docx")
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is wizard  # no "Replace the files already there?"
        final_name, _ = export_names(wizard.session.case)
        assert final_name == report_name.removesuffix(" DRAFT.docx") + ".docx"
        final_text = "\n".join(p.text for p in docx.Document(str(export_dir / final_name)).paragraphs)
        assert "DRAFT" not in final_text and (export_dir / report_name).exists()
