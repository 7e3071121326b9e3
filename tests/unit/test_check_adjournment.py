"""Adjournment advice for same-day reports with complex needs, and the drafted request."""

from __future__ import annotations

import pytest

from psr_assist.domain.adjournment import complex_needs, draft_adjournment_request
from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case
from tests.fixtures.cases import PHQ9_MODERATE, TODAY, clean_adjournment_data, clean_data
from tests.fixtures.cases.mutate import seq, set_

ADVICE = "proposal.fdr-consider-adjournment"


def _fdr(*mutations):
    data = clean_data()
    seq(set_("case_details.report_type", "fdr"), *mutations)(data)
    return data


def _ids(data) -> set[str]:
    return {f.rule_id for f in check_case(Case.model_validate(data), TODAY)}


COMPLEX = {
    "severe_band": set_("screening.results[0]", {"instrument": "gad7", "administered_on": "2026-05-18",
                                                 "answers": [3, 3, 3, 3, 3, 3, 3]}),
    "critical_item": seq(
        set_("screening.results[0].answers", [*PHQ9_MODERATE[:8], 2]),
        set_("risk.risk_to_self.action_taken", "Crisis team called; assessed at court."),
    ),
    "psychosis": set_("mental_health.psychosis_indicated", True),
    "current_ideation": seq(
        set_("risk.risk_to_self.current_ideation", "yes"),
        set_("risk.risk_to_self.action_taken", "Crisis team called."),
    ),
    "specialist_requested": set_("screening.specialist_assessment",
                                 {"status": "requested", "requested_from": "Liaison team"}),
}


@pytest.mark.parametrize("code", sorted(COMPLEX))
def test_each_complex_need_in_an_fdr_advises_an_adjournment(code):
    data = _fdr(COMPLEX[code])
    needs = complex_needs(Case.model_validate(data), TODAY)
    assert code in {n.code for n in needs}
    findings = [f for f in check_case(Case.model_validate(data), TODAY) if f.rule_id == ADVICE]
    assert len(findings) == 1
    assert findings[0].field == "proposal.adjournment.requested"
    assert "psr-assist can draft the request" in findings[0].fix


def test_oral_reports_are_same_day_too():
    data = clean_data()
    seq(set_("case_details.report_type", "oral"), COMPLEX["psychosis"])(data)
    assert ADVICE in _ids(data)


def test_an_sdr_is_not_advised_to_adjourn():
    data = clean_data()
    COMPLEX["psychosis"](data)
    assert ADVICE not in _ids(data)


def test_an_fdr_without_complex_needs_is_not_advised_to_adjourn():
    assert ADVICE not in _ids(_fdr())


def test_a_moderate_band_is_not_complex():
    data = _fdr()  # PHQ-9 moderate in the clean case
    assert complex_needs(Case.model_validate(data), TODAY) == []


def test_no_advice_once_the_adjournment_is_requested():
    assert _ids(clean_adjournment_data()) == set()


def test_requesting_an_adjournment_replaces_the_proposal_rules():
    data = _fdr(COMPLEX["psychosis"])
    data["proposal"] = {"adjournment": {"requested": True}}
    ids = _ids(data)
    assert {
        "proposal.adjournment-reason-missing",
        "proposal.adjournment-assessment-missing",
        "proposal.adjournment-weeks-missing",
    } <= ids
    # Sentence, plan, consent and limits make no sense while the court is asked to adjourn.
    assert not {i for i in ids if i.startswith("proposal.") and "adjournment" not in i}


def test_lauren_style_fdr_draft():
    """Modelled on the guide's 'Advice to court' case: self-harm concerns emerge at an FDR."""
    data = _fdr(
        COMPLEX["critical_item"],
        set_("screening.specialist_assessment", {"status": "requested", "requested_from": "Affective disorders team"}),
    )
    case = Case.model_validate(data)
    draft = draft_adjournment_request(case, TODAY)
    assert draft.requested is True
    assert draft.weeks == 4  # psychiatric-level need: profiles.yaml adjournment.weeks.psychiatric_report
    assert draft.from_whom == "Affective disorders team"
    assert "PHQ-9 item 9" in draft.reason
    assert "Action has been taken today" in draft.reason
    assert "Affective disorders team" in draft.assessment_needed
    assert "risk to self" in draft.assessment_needed


def test_inserting_the_draft_clears_the_adjournment_findings():
    data = _fdr(COMPLEX["psychosis"], COMPLEX["severe_band"])
    case = Case.model_validate(data)
    assert ADVICE in {f.rule_id for f in check_case(case, TODAY)}
    case.proposal.adjournment = draft_adjournment_request(case, TODAY)
    remaining = {f.rule_id for f in check_case(case, TODAY)}
    assert not {i for i in remaining if "adjournment" in i}
    assert "review.acronym-not-spelled-out" not in remaining and "review.jargon" not in remaining


def test_psychosis_asks_for_a_psychiatric_report():
    draft = draft_adjournment_request(Case.model_validate(_fdr(COMPLEX["psychosis"])), TODAY)
    assert draft.assessment_needed.startswith("A psychiatric report")
    assert "indications of psychosis" in draft.reason
    assert draft.from_whom is None


def test_a_severe_band_alone_asks_for_a_specialist_assessment():
    draft = draft_adjournment_request(Case.model_validate(_fdr(COMPLEX["severe_band"])), TODAY)
    assert draft.assessment_needed.startswith("A specialist mental health assessment")
    assert draft.weeks == 3
    assert "GAD-7" in draft.reason and "Severe anxiety" in draft.reason


def test_draft_without_complex_needs_is_still_usable():
    draft = draft_adjournment_request(Case(), TODAY)
    assert draft.requested and draft.reason and draft.assessment_needed and draft.weeks
