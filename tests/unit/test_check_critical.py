"""Critical answers and risk to self are decided once (domain.critical): the check and the app agree."""

from __future__ import annotations

import datetime as dt

from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case
from psr_assist.domain.critical import critical_signals, risk_to_self_addressed
from psr_assist.domain.rules.risk import CRITICAL

TODAY = dt.date(2026, 11, 26)


def _case(**screening) -> Case:
    return Case.model_validate({"screening": screening})


def test_phq9_item_9_and_a_positive_cssrs_are_critical():
    case = _case(
        results=[{"instrument": "phq9", "answers": [0, 0, 0, 0, 0, 0, 0, 0, 2]}],
        results_only=[{"tool": "ldsq", "positive": True}, {"tool": "cssrs", "positive": True}],
    )
    signals = critical_signals(case)
    assert [(s.source, s.number, s.field, s.instrument) for s in signals] == [
        ("phq9", 9, "screening.results[0].answers", True),
        ("cssrs", 1, "screening.results_only[1].positive", False),
    ]
    assert [s.label for s in signals] == ["PHQ-9 item 9", "C-SSRS screen"]


def test_other_tool_is_critical_only_when_it_screens_for_risk_to_self():
    assert not critical_signals(_case(results_only=[{"tool": "other", "positive": True}]))
    assert critical_signals(_case(results_only=[{"tool": "other", "positive": True, "risk_to_self_screen": True}]))
    assert not critical_signals(_case(results=[{"instrument": "phq9", "answers": [3] * 8 + [0]}]))


def test_the_rule_fires_exactly_while_risk_to_self_is_not_addressed():
    case = _case(results=[{"instrument": "phq9", "answers": [0] * 8 + [1]}])
    assert not risk_to_self_addressed(case)
    assert any(f.rule_id == CRITICAL.id for f in check_case(case, TODAY))
    case.risk.risk_to_self.analysis = "Assessed today."
    assert not risk_to_self_addressed(case)
    assert any(f.rule_id == CRITICAL.id for f in check_case(case, TODAY))
    case.risk.risk_to_self.action_taken = "   "
    assert not risk_to_self_addressed(case)
    case.risk.risk_to_self.action_taken = "Crisis team called."
    # Analysed and acted on, but whether there are current thoughts is not recorded: the report
    # would say they "have not been recorded" beside the positive answer, so it still blocks.
    assert not risk_to_self_addressed(case)
    [finding] = [f for f in check_case(case, TODAY) if f.rule_id == CRITICAL.id]
    assert finding.field == "risk.risk_to_self.current_ideation"
    assert "whether there are current thoughts of suicide or self-harm is not recorded" in finding.message
    case.risk.risk_to_self.current_ideation = "yes"
    assert risk_to_self_addressed(case)
    assert not any(f.rule_id == CRITICAL.id for f in check_case(case, TODAY))


def test_a_critical_answer_asks_first_whether_there_are_current_thoughts():
    case = _case(results=[{"instrument": "phq9", "answers": [0] * 8 + [1]}])
    [finding] = [f for f in check_case(case, TODAY) if f.rule_id == CRITICAL.id]
    assert finding.field == "risk.risk_to_self.current_ideation"  # where "next to fix" takes the officer
    assert finding.message == (
        "A question about risk to self was answered positively (PHQ-9 item 9), but whether there are current "
        "thoughts of suicide or self-harm is not recorded, risk to self is not analysed and no action taken is recorded."
    )


def test_a_refused_consent_says_so_and_how_to_put_it_right():
    """Refused and not recorded had one message ("consent is not recorded"), though the consent
    had been recorded: as refused, which means the requirement cannot be made."""
    from psr_assist.domain.check import check_case
    from tests.fixtures.cases import clean_case

    case = clean_case()
    case.proposal.requirements[0].consent.given = False
    (finding,) = [f for f in check_case(case) if f.rule_id == "proposal.mhtr-no-written-consent"]
    assert finding.message == (
        "The defendant did not consent to the mental health treatment requirement, so the court cannot make it."
    )
    assert finding.fix.startswith("Take the mental health treatment requirement out of the proposal")
    case.proposal.requirements[0].consent = None
    (finding,) = [f for f in check_case(case) if f.rule_id == "proposal.mhtr-no-written-consent"]
    assert finding.message.endswith("consent is not recorded.") and finding.fix.startswith("Get the defendant's")
