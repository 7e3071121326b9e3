"""The source and plan item editors offer only what applies to the item being edited.

A source's "Why it is not available" is shown only for a source not available on the day (the
one status the check asks a reason for); a plan item's "Requirement that carries it" lists the
requirements proposed in this case, not every kind of requirement. Hidden answers keep their
values, and a choice held that is no longer offered stays in view, marked.
"""

from __future__ import annotations

from typing import Any

from psr_assist.domain.case import (
    Case,
    PlanItem,
    Proposal,
    Requirement,
    RequirementKind,
    SentenceKind,
    Source,
    SourceKind,
    SourceStatus,
)
from psr_assist.domain.check import check_case
from psr_assist.domain.requirements import proposed_kinds
from psr_assist.domain.sources import source_field_applies
from psr_assist.tui.screens.item_editor import ItemEditorScreen
from psr_assist.tui.widgets.fields import ChoicePicker
from tests.tui.helpers import list_field, make_app, open_step, put, wizard_of
from tests.tui.test_requirement_editor import editor_fields, offered, shown, visible_labels

REASON = "The police unit could not respond before the hearing."
REASON_LABEL = "Why it is not available"
CARRIES_LABEL = "Requirement that carries it"
NOT_ANSWERED = "Not answered (clear the answer)"
MHTR = RequirementKind.MENTAL_HEALTH_TREATMENT
RAR = RequirementKind.REHABILITATION_ACTIVITY
DRR = RequirementKind.DRUG_REHABILITATION


async def open_item(pilot: Any, step: str, list_path: str, index: int = 0) -> ItemEditorScreen:
    """Open item ``index`` of a list as the officer does: the list, Down to the item, Enter."""
    app = pilot.app
    await open_step(pilot, "items", step)
    list_field(app, list_path).focus_control()
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, ItemEditorScreen)
    return editor


# --------------------------------------------------------------------------- a source


async def test_a_received_source_does_not_ask_why_it_is_not_available(store, export_dir) -> None:
    source = Source(kind=SourceKind.GP, status=SourceStatus.RECEIVED, not_available_reason=REASON)
    store.create(Case(id="items", sources=[source]))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_item(pilot, "sources", "sources")
        fields = editor_fields(editor)
        assert not shown(fields["not_available_reason"])
        assert REASON_LABEL not in visible_labels(editor)
        for rel in ("kind", "status", "received_on", "verified", "summary"):
            assert shown(fields[rel]), rel
        # The hidden answer cannot be reached with Tab, nor by a finding that points at it.
        assert not editor.focus_path(f"{editor.item_path}.not_available_reason")
        await pilot.press("escape")
        assert app.screen is wizard_of(app)
        # Its words are kept as they were: the status may go back to 'not available'.
        assert wizard_of(app).session.case.sources[0].not_available_reason == REASON


async def test_the_reason_comes_and_goes_with_the_status(store, export_dir) -> None:
    store.create(Case(id="items", sources=[Source(kind=SourceKind.CMHT)]))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_item(pilot, "sources", "sources")
        fields = editor_fields(editor)
        # No status yet: nothing is ruled out.
        assert shown(fields["not_available_reason"])
        # The officer steps through the statuses with → on the status (requested, received,
        # not available on the day, not applicable); the reason is there only for 'not available'.
        fields["status"].focus_control()
        seen: dict[SourceStatus, bool] = {}
        for _ in SourceStatus:
            await pilot.press("right")
            await pilot.pause()
            status = fields["status"].control.value
            assert isinstance(status, SourceStatus)
            seen[status] = shown(fields["not_available_reason"])
        assert seen == {status: source_field_applies(status, "not_available_reason") for status in SourceStatus}
        assert seen == {
            SourceStatus.REQUESTED: False, SourceStatus.RECEIVED: False,
            SourceStatus.NOT_AVAILABLE: True, SourceStatus.NOT_APPLICABLE: False,
        }

        put(fields["status"], SourceStatus.NOT_AVAILABLE)
        await pilot.pause()
        assert REASON_LABEL in visible_labels(editor)
        put(fields["not_available_reason"], REASON)
        await pilot.pause()
        put(fields["status"], SourceStatus.RECEIVED)  # it arrived after all
        await pilot.pause()
        assert REASON_LABEL not in visible_labels(editor)
        await pilot.press("escape")
        assert app.screen is wizard_of(app)
        kept = wizard_of(app).session.case.sources[0]
        assert kept.status is SourceStatus.RECEIVED and kept.not_available_reason == REASON


# --------------------------------------------------------------------------- a plan item


def _proposal(*kinds: RequirementKind, plan: PlanItem) -> Proposal:
    return Proposal(
        sentence=SentenceKind.COMMUNITY_ORDER,
        requirements=[Requirement(kind=kind) for kind in kinds] + [Requirement()],  # one with no kind yet
        plan=[plan],
    )


async def test_a_plan_item_offers_the_requirements_proposed(store, export_dir) -> None:
    proposal = _proposal(MHTR, RAR, MHTR, plan=PlanItem(presenting_issue="Low mood"))
    store.create(Case(id="items", proposal=proposal))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_item(pilot, "proposal", "proposal.plan")
        assert CARRIES_LABEL in visible_labels(editor)
        bank = wizard_of(app).bank
        words = await offered(pilot, editor, "requirement")
        assert words == [bank.choice_label(MHTR), bank.choice_label(RAR), NOT_ANSWERED]
        assert bank.choice_label(RequirementKind.UNPAID_WORK) not in words

        # What is offered is exactly what the check accepts for a plan item.
        for kind in RequirementKind:
            case = wizard_of(app).session.case.model_copy(deep=True)
            case.proposal.plan[0].requirement = kind
            warned = any(f.rule_id == "proposal.plan-requirement-not-proposed" for f in check_case(case))
            assert warned is (kind not in proposed_kinds(case.proposal)), kind

        # The officer picks the second choice with its digit.
        editor_fields(editor)["requirement"].focus_control()
        await pilot.press("enter", "2")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("escape")
        assert wizard_of(app).session.case.proposal.plan[0].requirement is RAR


async def test_a_plan_item_keeps_a_requirement_no_longer_proposed_in_view(store, export_dir) -> None:
    proposal = _proposal(MHTR, plan=PlanItem(presenting_issue="Heroin use", requirement=DRR))
    store.create(Case(id="items", proposal=proposal))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_item(pilot, "proposal", "proposal.plan")
        bank = wizard_of(app).bank
        marked = f"{bank.choice_label(DRR)} (not proposed)"
        picker = editor_fields(editor)["requirement"].control
        assert isinstance(picker, ChoicePicker)
        assert picker.value is DRR and picker.words() == marked
        assert shown(editor_fields(editor)["requirement"])
        assert await offered(pilot, editor, "requirement") == [bank.choice_label(MHTR), marked, NOT_ANSWERED]
        # A finding about it opens straight onto it.
        assert editor.focus_path(f"{editor.item_path}.requirement")
        await pilot.press("escape")
        await pilot.pause()
        case = wizard_of(app).session.case
        assert case.proposal.plan[0].requirement is DRR
        warnings = [f.field for f in check_case(case) if f.rule_id == "proposal.plan-requirement-not-proposed"]
        assert warnings == ["proposal.plan[0].requirement"]


async def test_a_plan_item_does_not_ask_for_a_requirement_while_none_is_proposed(store, export_dir) -> None:
    proposal = Proposal(sentence=SentenceKind.COMMUNITY_ORDER, plan=[PlanItem(presenting_issue="Low mood")])
    store.create(Case(id="items", proposal=proposal))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_item(pilot, "proposal", "proposal.plan")
        fields = editor_fields(editor)
        assert not shown(fields["requirement"])
        for rel in ("presenting_issue", "link_to_offending", "intervention", "provider", "timescale"):
            assert shown(fields[rel]), rel
        # Tab goes round every answer without landing on the hidden one.
        for _ in range(8):
            await pilot.press("tab")
            assert app.focused is not fields["requirement"].control
        await pilot.press("escape")
        assert wizard_of(app).session.case.proposal.plan[0].presenting_issue == "Low mood"


async def test_a_licensed_tools_result_shows_only_the_answers_its_tool_has(store, export_dir) -> None:
    """The LDSQ's result asked for "Name of the tool" and whether it screens for risk to self,
    which only an "other" tool needs; the tool's own file says which answers it has."""
    from psr_assist.domain.case import CaseDetails, ReportType, ResultsOnlyEntry, ResultsOnlyTool
    from psr_assist.domain.scoring import results_only_field_applies
    from psr_assist.tui.screens.item_editor import ItemEditorScreen
    from psr_assist.tui.widgets.fields import FieldWidget

    assert not results_only_field_applies(ResultsOnlyTool.LDSQ, "tool_name")
    assert results_only_field_applies(ResultsOnlyTool.OTHER, "tool_name")
    assert results_only_field_applies(None, "tool_name")  # nothing ruled out before the tool is known
    case = Case(id="ldsq", case_details=CaseDetails(report_type=ReportType.FDR))
    case.screening.results_only = [ResultsOnlyEntry(tool=ResultsOnlyTool.LDSQ)]
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "ldsq", "screening")
        wizard.list_edit(list_field(app, "screening.results_only"), 0)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        shown = {f.path.rsplit(".", 1)[1] for f in editor.query(FieldWidget) if f.display}
        assert "tool_name" not in shown and "risk_to_self_screen" not in shown
        assert {"tool", "score", "positive"} <= shown


async def test_an_items_editor_says_when_what_it_was_opened_to_fix_is_fixed(store, export_dir) -> None:
    """Found in tmux: the editor went on saying "...there is no result yet" after the result was
    given. Once the check no longer finds it, the editor says it is fixed and what next."""
    import datetime as dt

    from psr_assist.domain.case import Case, CaseDetails, SignificantOther
    from psr_assist.tui.screens.item_editor import ItemEditorScreen

    from .helpers import field, make_app, open_case, put

    case = Case(id="fixed", case_details=CaseDetails())
    case.significant_others = [SignificantOther(name="Alys Example", relationship="Sister",
                                                contacted_on=dt.date(2026, 11, 2))]
    store.create(case)
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_case(pilot, "fixed")
        finding = next(f for f in wizard.session.findings if f.rule_id == "sources.significant-other-no-consent")
        await wizard.jump_to_finding(finding, top=True)
        wizard.say_what_to_fix(finding)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        line = editor.query_one("#editor-fix")
        assert "consent to contact them is not recorded" in str(line.render())
        wizard.run_check()  # nothing changed: still asked for
        assert "not recorded" in str(line.render()) and not line.has_class("-fixed")
        put(field(app, "significant_others[0].consent_to_contact"), True)
        wizard.run_check()
        await pilot.pause()
        assert str(line.render()).startswith("✓ Fixed") and line.has_class("-fixed")
        assert "Ctrl+F goes on to the next" in str(line.render())
