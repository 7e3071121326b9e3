"""The example cases in examples/: they load, round-trip, say what the README says, and pass the check."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from psr_assist.domain.case import (
    TREATMENT_REQUIREMENTS,
    Case,
    CustodyPosition,
    ReportType,
    RequirementKind,
    RoshLevel,
    SentenceKind,
    SourceKind,
    SourceStatus,
    SpecialistAssessmentStatus,
    YesNoUnknown,
)
from psr_assist.domain.case_file import case_to_json, parse_case, read_case_file
from psr_assist.domain.scoring import score

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COMPLETE = [
    "fdr-adjournment-psychiatric-report.json",
    "community-order-dual-diagnosis.json",
    "domestic-abuse-high-rosh.json",
]
EMPTY = "empty.json"
ALL = [*COMPLETE, EMPTY]


def _load(name: str) -> Case:
    return read_case_file(EXAMPLES / name)


def _text_of(case: Case) -> str:
    return json.dumps(json.loads(case_to_json(case)))


# --------------------------------------------------------------------------- loading


def test_the_examples_folder_holds_exactly_the_documented_cases() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(ALL)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in ALL:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", ALL)
def test_example_loads_and_round_trips(name: str) -> None:
    case = _load(name)
    again = parse_case(case_to_json(case), name)
    assert again == case
    assert parse_case(case_to_json(again), name) == case


def test_ids_are_fixed_and_distinct() -> None:
    ids = [_load(name).id for name in ALL]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("example-") for i in ids)


@pytest.mark.parametrize("name", COMPLETE)
def test_hearing_dates_are_fixed_in_2026(name: str) -> None:
    case = _load(name)
    assert case.case_details.hearing_date is not None
    assert case.case_details.hearing_date.year == 2026


def test_empty_is_what_a_new_case_serialises_to() -> None:
    case = _load(EMPTY)
    assert case == Case(id=case.id)


@pytest.mark.parametrize("name", COMPLETE)
def test_examples_do_not_reuse_the_guides_case_study_names(name: str) -> None:
    text = _text_of(_load(name)).lower()
    for real in ("lauren", "kim ", "nick ", "durham"):
        assert real not in text, f"{name} mentions {real!r}"


@pytest.mark.parametrize("name", COMPLETE)
def test_every_screening_result_is_complete_and_follows_on(name: str) -> None:
    case = _load(name)
    assert case.screening.results, name
    done = {r.instrument for r in case.screening.results}
    for result in case.screening.results:
        scored = score(result.instrument, result.answers)
        assert scored.complete, f"{name}: {result.instrument} has unanswered items {scored.missing_items}"
        assert result.administered_on and result.administered_by
        if scored.leads_to:
            assert scored.leads_to in done, f"{name}: {result.instrument} leads to {scored.leads_to}, not done"


def test_the_largest_example_is_the_dual_diagnosis_case() -> None:
    sizes = {name: (EXAMPLES / name).stat().st_size for name in ALL}
    assert max(sizes, key=sizes.get) == "community-order-dual-diagnosis.json"


# --------------------------------------------------------------------------- what each example exercises


def test_fdr_example_asks_for_an_adjournment_after_acting_on_risk_to_self() -> None:
    case = _load("fdr-adjournment-psychiatric-report.json")
    assert case.case_details.report_type is ReportType.FDR
    phq9 = next(r for r in case.screening.results if r.instrument == "phq9")
    assert score("phq9", phq9.answers).critical_items == [9]
    self_risk = case.risk.risk_to_self
    assert self_risk.current_ideation is YesNoUnknown.YES
    assert "crisis" in (self_risk.action_taken or "").lower()
    assert self_risk.action_taken_at and self_risk.action_taken_at.date() == case.case_details.hearing_date
    assert case.screening.specialist_assessment.status is SpecialistAssessmentStatus.REQUESTED
    adjournment = case.proposal.adjournment
    assert adjournment.requested is True
    assert adjournment.reason and adjournment.assessment_needed and adjournment.from_whom and adjournment.weeks
    assert case.risk.risks_if_custody and case.proposal.custody_impact
    kinds = {s.kind for s in case.sources}
    assert {SourceKind.CMHT, SourceKind.LIAISON_AND_DIVERSION, SourceKind.PREVIOUS_TREATMENT_OUTCOMES} <= kinds


def test_community_order_example_has_consented_treatment_within_the_order() -> None:
    case = _load("community-order-dual-diagnosis.json")
    proposal = case.proposal
    assert proposal.sentence is SentenceKind.COMMUNITY_ORDER
    kinds = {r.kind for r in proposal.requirements}
    assert {RequirementKind.MENTAL_HEALTH_TREATMENT, RequirementKind.DRUG_REHABILITATION} <= kinds
    for req in proposal.requirements:
        if req.kind in TREATMENT_REQUIREMENTS:
            assert req.consent and req.consent.given and req.consent.in_writing and req.consent.date
            assert req.consent.date <= case.case_details.hearing_date
            assert req.treatment and req.treatment.provider_agrees and req.treatment.provider_assessed
            conditions = req.treatment.conditions
            assert conditions.need_for_treatment and conditions.arrangements_made and conditions.willingness_expressed
            assert req.period_months and req.period_months <= proposal.order_length_months
    # every source kind the brief names is present, with DA and safeguarding received
    sources = {s.kind: s for s in case.sources}
    for kind in (SourceKind.DOMESTIC_ABUSE_CALLOUTS, SourceKind.SAFEGUARDING, SourceKind.GP, SourceKind.CMHT,
                 SourceKind.SUBSTANCE_MISUSE_SERVICE, SourceKind.LIAISON_AND_DIVERSION):
        assert sources[kind].status is SourceStatus.RECEIVED, kind
    assert {r.instrument for r in case.screening.results} == {"phq9", "gad7", "audit_c", "audit", "dast10"}
    assert case.screening.specialist_assessment.status is SpecialistAssessmentStatus.OBTAINED
    assert case.comorbidity.dual_diagnosis_analysis and case.comorbidity.treatment_sequencing
    # the structured plan covers each requirement, and each line is filled in
    assert {item.requirement for item in proposal.plan} >= {r.kind for r in proposal.requirements}
    for item in proposal.plan:
        assert item.presenting_issue and item.link_to_offending and item.intervention and item.provider
        assert item.timescale


def test_domestic_abuse_example_is_high_risk_with_custody_analysed() -> None:
    case = _load("domestic-abuse-high-rosh.json")
    rosh = case.risk.rosh
    assert rosh.known_adult is RoshLevel.HIGH and rosh.children is RoshLevel.HIGH
    assert rosh.who and rosh.what and rosh.when and rosh.circumstances
    assert case.comorbidity.adhd.presence is not None and case.comorbidity.adhd.presence.value == "diagnosed"
    assert case.proposal.custody_position is CustodyPosition.POSSIBLE and case.proposal.custody_impact
    assert case.proposal.sentence in (SentenceKind.SUSPENDED_SENTENCE_ORDER, SentenceKind.CUSTODY)
    sources = {s.kind: s for s in case.sources}
    assert sources[SourceKind.DOMESTIC_ABUSE_CALLOUTS].concerns_identified is YesNoUnknown.YES
    assert sources[SourceKind.SAFEGUARDING].concerns_identified is YesNoUnknown.YES
    assert any(o.consent_to_contact for o in case.significant_others)
    assert case.proposal.supervision_period_months <= case.proposal.operational_period_months
    for req in case.proposal.requirements:
        if req.period_months:
            assert req.period_months <= case.proposal.supervision_period_months


# --------------------------------------------------------------------------- the check


@pytest.mark.parametrize("name", COMPLETE)
def test_complete_examples_have_no_blockers(name: str) -> None:
    from psr_assist.domain.check import check_case
    from psr_assist.domain.findings import Severity

    findings = check_case(_load(name), today=dt.date(2026, 11, 26))
    blockers = [f"{f.rule_id} ({f.field})" for f in findings if f.severity is Severity.BLOCKER]
    assert not blockers, blockers


def test_the_empty_example_has_blockers() -> None:
    from psr_assist.domain.check import check_case
    from psr_assist.domain.findings import has_blockers

    assert has_blockers(check_case(_load(EMPTY), today=dt.date(2026, 11, 26)))


@pytest.mark.parametrize(("name", "code"), [*((n, 0) for n in COMPLETE), (EMPTY, 1)])
def test_check_command_exit_code(name: str, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    from psr_assist.cli import main

    assert main(["check", str(EXAMPLES / name)]) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
