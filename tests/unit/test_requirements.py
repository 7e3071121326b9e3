"""Which answers and kinds of treatment apply to each kind of requirement (domain.requirements).

The app's requirement editor asks these, and the check tests cases against the same data, so
the tests below tie the two together: a kind of treatment is offered exactly when the check
accepts it, and no finding about a requirement points at an answer the editor hides.
"""

from __future__ import annotations

import json

import pytest

from psr_assist.domain.case import (
    TREATMENT_REQUIREMENTS,
    Case,
    ConsentRecord,
    Proposal,
    Requirement,
    RequirementKind,
    SentenceKind,
    StatutoryConditions,
    TreatmentDetails,
    TreatmentType,
)
from psr_assist.domain.case_file import case_to_json, parse_case
from psr_assist.domain.check import check_case
from psr_assist.domain.findings import Severity
from psr_assist.domain.questions import resolve_field
from psr_assist.domain.requirements import (
    ONLY_FOR,
    TREATMENT_TYPES,
    allowed_treatment_types,
    requirement_field_applies,
)
from psr_assist.domain.rules.treatment import RULES

K = RequirementKind
T = TreatmentType
MHTR, DRR, ATR = K.MENTAL_HEALTH_TREATMENT, K.DRUG_REHABILITATION, K.ALCOHOL_TREATMENT


def test_allowed_kinds_of_treatment_follow_the_law() -> None:
    hospital_or_practitioner = (T.IN_PATIENT, T.INSTITUTION_OUT_PATIENT, T.PRACTITIONER_BASED)
    assert allowed_treatment_types(MHTR) == hospital_or_practitioner
    assert allowed_treatment_types(ATR) == hospital_or_practitioner
    assert allowed_treatment_types(DRR) == (T.RESIDENT, T.NON_RESIDENT)
    assert allowed_treatment_types(K.UNPAID_WORK) == ()
    assert allowed_treatment_types(None) == tuple(TreatmentType)  # kind not chosen yet: nothing ruled out
    assert set(TREATMENT_TYPES) == TREATMENT_REQUIREMENTS


def _case(*requirements: Requirement) -> Case:
    return Case(proposal=Proposal(sentence=SentenceKind.COMMUNITY_ORDER, requirements=list(requirements)))


def _type_invalid(case: Case) -> list[str]:
    return [f.rule_id for f in check_case(case) if f.rule_id.endswith("-treatment-type-invalid")]


@pytest.mark.parametrize("kind", sorted(TREATMENT_REQUIREMENTS))
@pytest.mark.parametrize("ttype", list(TreatmentType))
def test_a_kind_of_treatment_is_offered_exactly_when_the_check_accepts_it(kind: K, ttype: T) -> None:
    requirement = Requirement(kind=kind, treatment=TreatmentDetails(treatment_type=ttype))
    blocked = _type_invalid(_case(requirement))
    assert (ttype in allowed_treatment_types(kind)) == (not blocked)
    assert list(allowed_treatment_types(kind)) == list(RULES[kind][0].types)


def test_the_check_still_blocks_a_disallowed_kind_of_treatment_in_a_case_file() -> None:
    # An older case file (or one written by hand) may hold what the editor no longer offers.
    data = json.loads(case_to_json(_case()))
    data["proposal"]["requirements"] = [
        {"kind": "alcohol_treatment", "treatment": {"treatment_type": "non_resident"}},
        {"kind": "drug_rehabilitation", "treatment": {"treatment_type": "practitioner_based"}},
    ]
    case = parse_case(json.dumps(data), "old-case.json")  # still accepted by the model
    findings = {f.rule_id: f for f in check_case(case) if f.rule_id.endswith("-treatment-type-invalid")}
    assert set(findings) == {"proposal.atr-treatment-type-invalid", "proposal.drr-treatment-type-invalid"}
    atr = findings["proposal.atr-treatment-type-invalid"]
    assert atr.severity is Severity.BLOCKER
    assert atr.field == "proposal.requirements[0].treatment.treatment_type"
    assert "cannot be non-resident" in atr.message
    # The fix names exactly the kinds the law allows (the same table the editor offers).
    assert atr.fix == "Select in-patient, institution-based out-patient or practitioner-based."
    assert findings["proposal.drr-treatment-type-invalid"].fix == "Select resident or non-resident."


def test_answers_that_belong_to_other_kinds_do_not_apply() -> None:
    drr_only = ("treatment.treatment_director", "treatment.testing", "treatment.intervals", "treatment.review_provision")
    for field in drr_only:
        assert requirement_field_applies(DRR, field)
        assert not requirement_field_applies(ATR, field)
        assert not requirement_field_applies(MHTR, field)
    assert requirement_field_applies(MHTR, "treatment.conditions.not_hospital_or_guardianship")
    assert not requirement_field_applies(ATR, "treatment.conditions.not_hospital_or_guardianship")
    assert not requirement_field_applies(DRR, "treatment.conditions.not_hospital_or_guardianship")
    for field in ("hours", "days", "hours_per_day", "hours_per_week"):
        assert not requirement_field_applies(MHTR, field)
    assert requirement_field_applies(K.UNPAID_WORK, "hours")
    assert not requirement_field_applies(K.UNPAID_WORK, "hours_per_day")
    assert requirement_field_applies(K.CURFEW, "hours_per_day") and requirement_field_applies(K.CURFEW, "hours_per_week")
    assert requirement_field_applies(K.REHABILITATION_ACTIVITY, "days")
    # Inside an answer that does not apply, nothing applies.
    assert not requirement_field_applies(K.CURFEW, "treatment")
    assert not requirement_field_applies(K.CURFEW, "treatment.provider")
    assert not requirement_field_applies(K.CURFEW, "consent.given")
    # What every requirement has, and what every treatment requirement has.
    for kind in K:
        for field in ("kind", "period_months", "details"):
            assert requirement_field_applies(kind, field)
    for kind in TREATMENT_REQUIREMENTS:
        for field in ("treatment", "treatment.provider", "treatment.place", "treatment.treatment_type",
                      "treatment.provider_agrees", "treatment.conditions.need_for_treatment", "consent.given"):
            assert requirement_field_applies(kind, field), (kind, field)
    assert requirement_field_applies(MHTR, "treatment.practitioner")
    assert requirement_field_applies(ATR, "treatment.practitioner")
    # Before the kind is chosen, nothing is ruled out.
    assert all(requirement_field_applies(None, field) for field in ONLY_FOR)


def test_every_answer_named_is_one_a_requirement_has() -> None:
    for field in ONLY_FOR:
        resolve_field(Requirement, field)  # raises for a name the model does not have
        assert ONLY_FOR[field] <= set(K)
        assert ONLY_FOR[field], field


def _requirements_of(kind: K) -> list[Requirement]:
    """Requirements of ``kind`` with each part the check looks at missing or out of range."""
    empty = Requirement(kind=kind, treatment=TreatmentDetails(), consent=ConsentRecord())
    variants = [Requirement(kind=kind), empty]
    for ttype in TreatmentType:
        for place in (None, "A fictional clinic"):  # with the place named, the intervals are next
            variants.append(Requirement(
                kind=kind, period_months=24, hours=1_000, days=1, hours_per_day=20, hours_per_week=150,
                treatment=TreatmentDetails(treatment_type=ttype, place=place, conditions=StatutoryConditions()),
                consent=ConsentRecord(given=True),
            ))
    return variants


@pytest.mark.parametrize("kind", list(RequirementKind))
def test_no_finding_about_a_requirement_points_at_an_answer_the_editor_hides(kind: K) -> None:
    for requirement in _requirements_of(kind):
        for finding in check_case(_case(requirement)):
            prefix = "proposal.requirements[0]."
            if finding.field and finding.field.startswith(prefix):
                rel = finding.field[len(prefix):]
                assert requirement_field_applies(kind, rel), (finding.rule_id, rel)


def test_list_positions_in_a_path_do_not_change_what_applies() -> None:
    # One rule for every table (domain.applies): requirements[0].x is judged as requirements.x.
    from psr_assist.domain.applies import field_applies

    table = {"treatment.testing": frozenset({DRR})}
    assert field_applies(table, DRR, "treatment[0].testing")
    assert not field_applies(table, ATR, "treatment[0].testing")
    assert field_applies(table, None, "treatment.testing")
    assert not requirement_field_applies(ATR, "treatment.testing")
