"""The proposal step shows only the answers that belong to the proposed sentence.

An exploratory tester chose "Community order" and was still asked for the custodial term and
the operational period, which belong to a suspended sentence order (or custody). What belongs
to which sentence is said once in ``domain.sentences``; the step asks it, hides the rest with
their values kept, and changes as soon as another sentence is chosen.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget

from psr_assist.domain.case import Case, Proposal, Requirement, RequirementKind, SentenceKind
from psr_assist.domain.sentences import proposal_field_applies
from psr_assist.tui.form_spec import leaves
from psr_assist.tui.screens.dialogs import ChoiceScreen
from psr_assist.tui.screens.wizard import StepPane
from tests.tui.helpers import field, list_field, make_app, open_step, put, wizard_of
from tests.tui.helpers import shown as value_shown
from tests.tui.test_requirement_editor import shown as displayed

CO = SentenceKind.COMMUNITY_ORDER
SSO = SentenceKind.SUSPENDED_SENTENCE_ORDER
TERM = "proposal.custodial_term_weeks"
OPERATIONAL = "proposal.operational_period_months"
SUPERVISION = "proposal.supervision_period_months"
LENGTH = "proposal.order_length_months"
REQUIREMENTS = "proposal.requirements"
SSO_ONLY = (TERM, OPERATIONAL, SUPERVISION)
ALWAYS = ("proposal.sentence", "proposal.sentence_text", "proposal.plan", "proposal.rationale",
          "proposal.alternatives", "proposal.custody_impact")


def seen(widget: Widget) -> bool:
    """Whether the officer can see the answer: displayed (a folded section still counts, Enter
    opens it) and taking up room on the screen."""
    return displayed(widget) and widget.region.height > 0


def answers(app: Any) -> dict[str, Widget]:
    """The proposal step's own answers (not those inside a group), by path."""
    pane = wizard_of(app).query_one("#pane-proposal", StepPane)
    return {w.path: w for w in pane.children if getattr(w, "path", None)}  # type: ignore[attr-defined]


def visible(app: Any) -> set[str]:
    return {path for path, widget in answers(app).items() if seen(widget)}


async def choose_with_keys(pilot: Any, kind: SentenceKind) -> None:
    """Choose the sentence as the officer does: Enter on "Proposed sentence", then its number."""
    field(pilot.app, "proposal.sentence").focus_control()
    await pilot.pause()
    await pilot.press("enter")
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceScreen)
    number = [value for _, value in dialog.options].index(("set", kind)) + 1
    await pilot.press(str(number))
    await pilot.pause()
    assert pilot.app.screen is wizard_of(pilot.app)


async def test_a_community_order_hides_the_custodial_answers_and_keeps_their_values(store, export_dir) -> None:
    store.create(Case(id="prop"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "prop", "proposal")
        # No sentence yet: every answer is shown, nothing is ruled out before it is known.
        assert set(SSO_ONLY + (LENGTH, REQUIREMENTS) + ALWAYS) <= visible(app)

        await choose_with_keys(pilot, SSO)
        put(field(app, TERM), 26)
        put(field(app, OPERATIONAL), 18)
        await pilot.pause()

        await choose_with_keys(pilot, CO)  # the officer changes their mind
        now = visible(app)
        for path in SSO_ONLY:
            assert path not in now, path
        assert {LENGTH, REQUIREMENTS} | set(ALWAYS) <= now
        labels = {w.spec.label for w in answers(app).values() if seen(w)}  # type: ignore[attr-defined]
        assert not labels & {"Custodial term (weeks)", "Operational period (months)", "Supervision period (months)"}
        # Hidden, not lost.
        proposal = wizard.session.case.proposal
        assert proposal.sentence is CO
        assert (proposal.custodial_term_weeks, proposal.operational_period_months) == (26, 18)
        # Moving through the step never lands on an answer that is not shown.
        for _ in range(12):
            await pilot.press("tab")
            focused = app.screen.focused
            assert focused is not None and seen(focused)

        put(field(app, "proposal.sentence"), SSO)
        await pilot.pause()
        now = visible(app)
        assert set(SSO_ONLY) | {REQUIREMENTS} <= now
        assert LENGTH not in now
        assert value_shown(field(app, TERM)) == 26  # the value typed earlier, still there
        assert value_shown(field(app, OPERATIONAL)) == 18

        await wizard.goto_step("review")  # saved with the hidden values
        await pilot.pause()
    saved, _ = store.load("prop")
    assert (saved.proposal.custodial_term_weeks, saved.proposal.operational_period_months) == (26, 18)


async def test_every_sentence_shows_what_the_domain_says_belongs_to_it(store, export_dir) -> None:
    store.create(Case(id="prop"))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_step(pilot, "prop", "proposal")
        for kind in [*SentenceKind, None]:
            put(field(app, "proposal.sentence"), kind)
            await pilot.pause()
            for path, widget in answers(app).items():
                assert seen(widget) == proposal_field_applies(kind, path.removeprefix("proposal.")), (kind, path)
        # Immediate custody has a term, but no operational period and no requirements.
        put(field(app, "proposal.sentence"), SentenceKind.CUSTODY)
        await pilot.pause()
        now = visible(app)
        assert TERM in now and OPERATIONAL not in now and REQUIREMENTS not in now


async def test_requirements_the_check_blocks_stay_in_view_until_removed(store, export_dir) -> None:
    # A fine cannot carry requirements: the check blocks them, so they are shown to be removed.
    held = Requirement(kind=RequirementKind.UNPAID_WORK, hours=80)
    store.create(Case(id="prop", proposal=Proposal(sentence=SentenceKind.FINE, requirements=[held],
                                                   custodial_term_weeks=12)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "prop", "proposal")
        now = visible(app)
        assert REQUIREMENTS in now
        assert TERM not in now  # kept, not asked for, and the check does not point at it
        blocked = [f for f in wizard.session.findings if f.rule_id == "proposal.requirements-not-available"]
        assert [f.field for f in blocked] == [REQUIREMENTS]
        await wizard.jump_to_finding(blocked[0])
        await pilot.pause()
        assert app.screen.focused is list_field(app, REQUIREMENTS).control

        await pilot.press("delete")  # remove it (asks first)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert wizard.session.case.proposal.requirements == []
        wizard.run_check()
        await pilot.pause()
        assert REQUIREMENTS not in visible(app)  # nothing left to change: not offered with a fine
        assert app.screen.focused is not None and seen(app.screen.focused)
        assert wizard.session.case.proposal.custodial_term_weeks == 12


async def test_completeness_counts_only_the_answers_the_sentence_asks_for(store, export_dir) -> None:
    # A community order proposed, with a custodial term and operational period kept from an
    # earlier choice: they are hidden, so they are neither "answered" nor still to do.
    store.create(Case(id="prop", proposal=Proposal(sentence=CO, custodial_term_weeks=26,
                                                   operational_period_months=18)))
    app = make_app(store, export_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        wizard = await open_step(pilot, "prop", "proposal")
        every = len(leaves(wizard.bank, wizard.bank.step("proposal")))
        [status] = [s for s in wizard.statuses() if s.step_id == "proposal"]
        assert not visible(app) & set(SSO_ONLY)
        assert status.total == every - len(SSO_ONLY)
        assert status.answered == 1  # the sentence alone: the kept term and period do not count

        put(field(app, "proposal.sentence"), SSO)  # now they are asked for, and answered
        await pilot.pause()
        [status] = [s for s in wizard.statuses() if s.step_id == "proposal"]
        assert set(SSO_ONLY) <= visible(app) and LENGTH not in visible(app)
        assert status.total == every - 1  # all but the community order's length
        assert status.answered == 3
