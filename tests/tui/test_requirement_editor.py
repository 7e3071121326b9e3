"""The requirement editor offers only what applies to the requirement being edited.

"Kind of treatment" lists the kinds the law allows for that requirement (the list the check
holds it to), and answers belonging to other kinds of requirement are not shown, their values
kept as they are.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Collapsible

from psr_assist.domain.case import (
    Case,
    Proposal,
    Requirement,
    RequirementKind,
    SentenceKind,
    TreatmentDetails,
    TreatmentType,
)
from psr_assist.domain.check import check_case
from psr_assist.domain.requirements import allowed_treatment_types, requirement_field_applies
from psr_assist.domain.rules.treatment import RULES
from psr_assist.tui.screens.dialogs import ChoiceScreen
from psr_assist.tui.screens.item_editor import ItemEditorScreen
from psr_assist.tui.widgets.fields import ChoicePicker, FieldWidget, GroupField
from tests.tui.helpers import list_field, make_app, open_step, put, wizard_of

ATR = RequirementKind.ALCOHOL_TREATMENT
MHTR = RequirementKind.MENTAL_HEALTH_TREATMENT
DRR = RequirementKind.DRUG_REHABILITATION

# What the exploratory tester saw offered where it does not belong.
DRR_ONLY = ("treatment.treatment_director", "treatment.testing", "treatment.intervals", "treatment.review_provision")
MHTR_ONLY = ("treatment.conditions.not_hospital_or_guardianship",)
SIZES = ("hours", "days", "hours_per_day", "hours_per_week")  # unpaid work, RAR, curfew


def shown(widget: Widget) -> bool:
    """Whether the officer can see the widget: it and every container round it are displayed,
    apart from a folded section (treatment arrangements, consent), which Enter opens."""
    return all(
        node.display
        for node in widget.ancestors_with_self
        if isinstance(node, Widget) and not isinstance(node, Collapsible.Contents)
    )


def editor_fields(editor: ItemEditorScreen) -> dict[str, FieldWidget]:
    """The editor's answers by their path inside the item."""
    prefix = f"{editor.item_path}."
    return {w.path[len(prefix):]: w for w in editor.query(FieldWidget)}


def visible_labels(editor: ItemEditorScreen) -> set[str]:
    return {w.label_text for w in editor.query(FieldWidget) if shown(w)}


async def new_requirement(pilot: Any, kind: RequirementKind) -> ItemEditorScreen:
    """Add a requirement on the proposal step (a), and choose its kind in the editor."""
    app = pilot.app
    await open_step(pilot, "req", "proposal")
    list_field(app, "proposal.requirements").focus_control()
    await pilot.press("a")
    editor = app.screen
    assert isinstance(editor, ItemEditorScreen)
    put(editor_fields(editor)["kind"], kind)
    await pilot.pause()
    return editor


async def offered(pilot: Any, editor: ItemEditorScreen, rel: str) -> list[str]:
    """Open a choice with Enter, as the officer does, read what it offers, close it with Esc."""
    editor_fields(editor)[rel].focus_control()
    await pilot.press("enter")
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceScreen)
    words = [w for w, _ in dialog.options]
    await pilot.press("escape")
    assert pilot.app.screen is editor
    return words


async def offered_kinds_of_treatment(pilot: Any, editor: ItemEditorScreen) -> list[str]:
    return await offered(pilot, editor, "treatment.treatment_type")


def expected_words(app: Any, kind: RequirementKind) -> list[str]:
    bank = wizard_of(app).bank
    return [bank.choice_label(t) for t in allowed_treatment_types(kind)] + ["Not answered (clear the answer)"]


def assert_shown_as_domain_says(editor: ItemEditorScreen, kind: RequirementKind) -> None:
    for rel, widget in editor_fields(editor).items():
        assert shown(widget) == requirement_field_applies(kind, rel), rel


async def test_an_alcohol_treatment_requirement_offers_only_what_applies_to_it(store, export_dir) -> None:
    store.create(Case(id="req", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await new_requirement(pilot, ATR)
        # The kinds of treatment are the law's list for an ATR, the one the check holds it to.
        assert list(allowed_treatment_types(ATR)) == list(RULES[ATR][0].types)
        words = await offered_kinds_of_treatment(pilot, editor)
        assert words == expected_words(app, ATR)
        assert len(words) == 4  # in-patient, out-patient, practitioner; and "not answered"
        bank = wizard_of(app).bank
        assert bank.choice_label(TreatmentType.NON_RESIDENT) not in words
        assert bank.choice_label(TreatmentType.RESIDENT) not in words
        # The tester's keys: Enter, 5 (was Non-resident). There is no fifth choice now.
        editor_fields(editor)["treatment.treatment_type"].focus_control()
        await pilot.press("enter", "5")
        await pilot.pause()
        if isinstance(app.screen, ChoiceScreen):
            await pilot.press("escape")
        assert wizard_of(app).session.case.proposal.requirements[0].treatment is None or (
            wizard_of(app).session.case.proposal.requirements[0].treatment.treatment_type is None
        )

        fields = editor_fields(editor)
        for rel in DRR_ONLY + MHTR_ONLY + SIZES:
            assert not shown(fields[rel]), rel
        for rel in ("kind", "period_months", "details", "treatment.provider", "treatment.place",
                    "treatment.practitioner", "treatment.treatment_type", "treatment.conditions.need_for_treatment",
                    "consent.given", "consent.in_writing"):
            assert shown(fields[rel]), rel
        labels = visible_labels(editor)
        assert not labels & {
            "Treatment director (drug rehabilitation)",
            "Drug testing arrangements (drug rehabilitation)",
            "How often treatment is provided (non-resident)",
            "A hospital or guardianship order is not warranted (MHTR)",
            "Unpaid work hours",
            "Curfew hours a day",
        }
        assert_shown_as_domain_says(editor, ATR)


async def test_a_mental_health_treatment_requirement_offers_only_what_applies_to_it(store, export_dir) -> None:
    store.create(Case(id="req", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await new_requirement(pilot, MHTR)
        assert list(allowed_treatment_types(MHTR)) == list(RULES[MHTR][0].types)
        assert await offered_kinds_of_treatment(pilot, editor) == expected_words(app, MHTR)
        fields = editor_fields(editor)
        for rel in DRR_ONLY + SIZES:
            assert not shown(fields[rel]), rel
        assert shown(fields["treatment.conditions.not_hospital_or_guardianship"])
        assert shown(fields["consent.in_writing"])
        assert not visible_labels(editor) & {
            "Unpaid work hours", "Curfew hours a day", "Curfew hours a week", "Rehabilitation activity days (maximum)",
        }
        assert_shown_as_domain_says(editor, MHTR)


async def test_choosing_another_kind_changes_what_is_offered_and_keeps_every_answer(store, export_dir) -> None:
    store.create(Case(id="req", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await new_requirement(pilot, DRR)
        fields = editor_fields(editor)
        assert await offered_kinds_of_treatment(pilot, editor) == expected_words(app, DRR)
        for rel in DRR_ONLY:
            assert shown(fields[rel]), rel
        put(fields["treatment.treatment_type"], TreatmentType.RESIDENT)
        put(fields["treatment.treatment_director"], "Dr Imaginary Person")
        await pilot.pause()

        put(fields["kind"], ATR)  # the officer changes their mind
        await pilot.pause()
        assert_shown_as_domain_says(editor, ATR)
        bank = wizard_of(app).bank
        # The DRR choice already made stays in view, marked, so it is changed rather than lost.
        resident = f"{bank.choice_label(TreatmentType.RESIDENT)} (not allowed for this requirement)"
        assert await offered_kinds_of_treatment(pilot, editor) == expected_words(app, ATR)[:-1] + [
            resident, "Not answered (clear the answer)",
        ]
        picker = fields["treatment.treatment_type"].control
        assert isinstance(picker, ChoicePicker) and picker.words() == resident

        put(fields["kind"], RequirementKind.UNPAID_WORK)
        await pilot.pause()
        assert shown(fields["hours"])
        treatment_group = [g for g in editor.query(GroupField) if g.path.endswith(".treatment")]
        assert treatment_group and not any(shown(g) for g in treatment_group)
        assert not shown(fields["consent.given"])
        await pilot.press("escape")
        assert app.screen is wizard_of(app)
        # Hidden answers are kept exactly as they were.
        requirement = wizard_of(app).session.case.proposal.requirements[0]
        assert requirement.kind is RequirementKind.UNPAID_WORK
        assert requirement.treatment is not None
        assert requirement.treatment.treatment_type is TreatmentType.RESIDENT
        assert requirement.treatment.treatment_director == "Dr Imaginary Person"


async def test_a_case_file_holding_a_disallowed_kind_of_treatment_shows_it_and_the_check_blocks_it(
    store, export_dir
) -> None:
    requirement = Requirement(
        kind=ATR,
        hours=40,  # left over from another kind: hidden, not lost
        treatment=TreatmentDetails(treatment_type=TreatmentType.NON_RESIDENT, testing="Weekly samples"),
    )
    store.create(Case(id="req", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER, requirements=[requirement])))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "req", "proposal")
        list_field(app, "proposal.requirements").focus_control()
        await pilot.press("enter")
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        fields = editor_fields(editor)
        picker = fields["treatment.treatment_type"].control
        assert isinstance(picker, ChoicePicker)
        assert picker.value is TreatmentType.NON_RESIDENT
        assert picker.words() == "Non-resident (not allowed for this requirement)"
        assert not shown(fields["hours"]) and not shown(fields["treatment.testing"])
        await pilot.press("escape")
        await pilot.pause()
        kept = wizard.session.case.proposal.requirements[0]
        assert kept.hours == 40 and kept.treatment is not None
        assert kept.treatment.treatment_type is TreatmentType.NON_RESIDENT
        assert kept.treatment.testing == "Weekly samples"
        blockers = [f for f in check_case(wizard.session.case) if f.rule_id == "proposal.atr-treatment-type-invalid"]
        assert [f.field for f in blockers] == ["proposal.requirements[0].treatment.treatment_type"]


async def test_a_consent_finding_opens_the_folded_consent_and_focuses_its_first_answer(store, export_dir) -> None:
    mhtr = Requirement(kind=RequirementKind.MENTAL_HEALTH_TREATMENT, period_months=6)
    store.create(Case(id="consent", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER, requirements=[mhtr])))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_step(pilot, "consent", "review")
        [finding] = [f for f in wizard.session.findings if f.rule_id == "proposal.mhtr-no-written-consent"]
        await wizard.jump_to_finding(finding)
        await pilot.pause()
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        focused = app.focused
        assert focused is not None and focused.region.height > 0  # in sight, not in a folded part
        field = next(node for node in focused.ancestors if isinstance(node, FieldWidget))
        assert field.path.startswith("proposal.requirements[0].consent.")
        assert all(not c.collapsed for c in field.ancestors if isinstance(c, Collapsible))


async def test_long_folded_titles_wrap_whole_at_80_columns(store, export_dir) -> None:
    from textual.widgets._collapsible import CollapsibleTitle

    mhtr = Requirement(kind=RequirementKind.MENTAL_HEALTH_TREATMENT, period_months=6)  # nothing arranged yet
    store.create(Case(id="wrap", proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER, requirements=[mhtr])))
    app = make_app(store, export_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = await open_step(pilot, "wrap", "proposal")
        wizard.list_edit(list_field(app, "proposal.requirements"), 0)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, ItemEditorScreen)
        for folded in editor.query(Collapsible):
            folded.collapsed = False  # as Enter opens them
        await pilot.pause()
        [title] = [t for t in editor.query(CollapsibleTitle) if "Conditions the court" in str(t.label)]
        # Inside its group, all of it shown: wrapped onto a second line, not cut at the edge.
        assert title.region.right <= title.parent.region.right
        assert title.region.height >= 2
