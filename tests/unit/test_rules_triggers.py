"""Every rule: one minimal case that triggers exactly that finding, and clean cases that trigger none.

Each row starts from a complete fictional case (tests/fixtures/cases) that the check passes with
no findings, changes one thing, and asserts that exactly the expected rule ids appear.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case, rule_catalogue, rule_info
from psr_assist.domain.findings import Severity
from tests.fixtures.cases import (
    TODAY,
    clean_adjournment_case,
    clean_adjournment_data,
    clean_case,
    clean_data,
    clean_sso_case,
    clean_sso_data,
)
from tests.fixtures.cases.mutate import Mutation, append, remove_where, seq, set_, without_mhtr

BASES = {"co": clean_data, "sso": clean_sso_data, "adj": clean_adjournment_data}

MHTR, DRR, ATR, UPW, RAR, CURFEW = (f"proposal.requirements[{i}]" for i in range(6))


class T(NamedTuple):
    rule_id: str
    mutate: Mutation
    base: str = "co"
    also: frozenset[str] = frozenset()
    field: str | None = None


def also(*ids: str) -> frozenset[str]:
    return frozenset(ids)


TRIGGERS: list[T] = [
    # ---------------------------------------------------------------- case
    T("case.author-missing", set_("case_details.author", None), field="case_details.author"),
    T("case.court-missing", set_("case_details.court", "  "), field="case_details.court"),
    T("case.date-of-birth-missing", set_("case_details.defendant.date_of_birth", None)),
    T("case.defendant-name-missing", set_("case_details.defendant.name", None)),
    T("case.defendant-under-18", set_("case_details.defendant.date_of_birth", "2010-01-01")),
    T("case.date-of-birth-not-before-hearing", set_("case_details.defendant.date_of_birth", "2030-01-01")),
    T("case.hearing-date-missing", set_("case_details.hearing_date", None)),
    T("case.offence-analysis-missing", set_("offence_analysis.analysis", None)),
    T("case.offence-description-missing", append("case_details.offences", {"offence_date": "2026-04-03"}),
      field="case_details.offences[1].description"),
    T("case.offence-date-after-hearing", set_("case_details.offences[0].offence_date", "2026-06-02"),
      field="case_details.offences[0].offence_date"),
    T("case.offences-missing", set_("case_details.offences", [])),
    # Work done after the hearing: the hearing date is out of date (tmux run: an adjourned case).
    T("case.work-dated-after-hearing", set_("case_details.hearing_date", "2026-05-20"),
      field="case_details.hearing_date"),
    T("case.pattern-of-offending-missing", set_("offence_analysis.pattern_of_offending", None)),
    T("case.plea-missing", set_("case_details.plea", None)),
    T("case.report-type-missing", set_("case_details.report_type", None)),
    # ---------------------------------------------------------------- sources
    T("sources.da-check-missing", remove_where("sources", kind="domestic_abuse_callouts"), field="sources"),
    T("sources.da-check-missing", set_("sources[1].status", "requested"), field="sources[1].status"),
    T("sources.da-check-missing", set_("sources[1].status", "not_applicable"), field="sources[1].status"),
    T("sources.da-check-result-missing", set_("sources[1].concerns_identified", None),
      field="sources[1].concerns_identified"),
    T("sources.da-check-reason-missing",
      seq(set_("sources[1].status", "not_available"), set_("proposal.checks_caveat", "Police check outstanding.")),
      field="sources[1].not_available_reason"),
    T("sources.safeguarding-check-missing", remove_where("sources", kind="safeguarding")),
    T("sources.safeguarding-check-result-missing", set_("sources[2].concerns_identified", None)),
    T("sources.safeguarding-check-reason-missing",
      seq(set_("sources[2].status", "not_available"), set_("proposal.checks_caveat", "Check outstanding."))),
    T("proposal.checks-caveat-missing",
      seq(set_("sources[1].status", "not_available"), set_("sources[1].not_available_reason", "Police system down.")),
      field="proposal.checks_caveat"),
    T("proposal.checks-caveat-missing",
      seq(set_("sources[2].status", "not_available"), set_("sources[2].not_available_reason", "No reply today."))),
    T("sources.interview-missing", remove_where("sources", kind="interview")),
    T("sources.interview-missing", set_("sources[0].status", "requested"), field="sources[0].status",
      also=also("sources.outstanding-enquiry")),
    T("sources.none-recorded", set_("sources", []),
      also=also("sources.da-check-missing", "sources.safeguarding-check-missing", "sources.interview-missing")),
    T("sources.not-available-reason-missing", append("sources", {"kind": "cps_papers", "status": "not_available"}),
      field="sources[4].not_available_reason"),
    T("sources.nothing-verified",
      seq(set_("sources[1].verified", False), set_("sources[2].verified", None), set_("sources[3].verified", False))),
    T("sources.received-before-requested",
      seq(set_("sources[3].requested_at", "2026-05-20T09:00:00"), set_("sources[3].received_on", "2026-05-19")),
      field="sources[3].received_on"),
    T("sources.received-date-in-future", set_("sources[0].received_on", "2026-06-02"), field="sources[0].received_on"),
    T("sources.outstanding-enquiry", append("sources", {"kind": "cmht", "status": "requested"}),
      field="sources[4].status"),
    T("sources.significant-other-no-consent", set_("significant_others[0].consent_to_contact", None)),
    T("sources.significant-other-contacted-against-wishes", set_("significant_others[0].consent_to_contact", False),
      field="significant_others[0].consent_to_contact"),
    T("sources.significant-other-contacted-against-wishes",
      seq(set_("significant_others[0].consent_to_contact", False), set_("significant_others[0].contacted_on", None),
          set_("significant_others[0].verified_information", True))),
    T("sources.significant-others-not-considered", set_("significant_others", [])),
    T("sources.source-incomplete", append("sources", {"status": "received"}), field="sources[4].kind"),
    T("sources.source-incomplete", append("sources", {"kind": "cmht"}), field="sources[4].status"),
    # ---------------------------------------------------------------- mental health
    T("mental_health.concern-contradicts-record", set_("mental_health.concern_raised", False)),
    T("mental_health.concern-not-recorded",
      seq(set_("mental_health.concern_raised", None), set_("mental_health.diagnoses", []))),
    T("mental_health.diagnosis-incomplete", set_("mental_health.diagnoses[0].status", None),
      field="mental_health.diagnoses[0].status"),
    T("mental_health.diagnosis-incomplete", set_("mental_health.diagnoses[0].condition", None),
      field="mental_health.diagnoses[0].condition"),
    T("mental_health.gp-registration-unknown", set_("mental_health.gp_registered", "unknown")),
    T("mental_health.history-missing", set_("mental_health.history", None)),
    T("mental_health.previous-treatment-outcome-missing", set_("mental_health.previous_treatment[0].outcome", None)),
    T("mental_health.self-reported-unverified",
      seq(set_("mental_health.diagnoses[0].status", "self_reported"), remove_where("sources", kind="gp")),
      field="mental_health.diagnoses[0].status"),
    # ---------------------------------------------------------------- screening
    T("screening.administered-on-missing", set_("screening.results[0].administered_on", None)),
    T("screening.answers-invalid", set_("screening.results[0].answers", [0] * 10), field="screening.results[0].answers"),
    T("screening.custody-medical-report-advised",
      seq(without_mhtr(), set_("screening.specialist_assessment", {"status": "requested", "requested_from": "Liaison team"})),
      base="sso"),
    T("screening.follow-on-missing",
      set_("screening.results[1]", {"instrument": "audit_c", "administered_on": "2026-05-18", "answers": [2, 2, 1]})),
    T("screening.instrument-unknown", append("screening.results", {"instrument": "made-up scale"})),
    T("screening.mental-health-not-screened",
      seq(without_mhtr(), set_("screening.results", []),
          set_("screening.specialist_assessment", {"status": "not_needed", "reason_not_needed": "Known to services."}))),
    T("screening.result-incomplete", set_("screening.results[0].answers", [1, 2, 1, 2, 1, 1, 1, 1])),
    T("screening.results-only-incomplete", append("screening.results_only", {"tool": "ldsq", "positive": False}),
      field="screening.results_only[0].administered_on"),
    T("screening.results-only-incomplete", append("screening.results_only", {"score": "9"}),
      field="screening.results_only[0].tool"),
    T("screening.specialist-assessment-not-considered",
      seq(without_mhtr(), set_("screening.specialist_assessment", {}))),
    T("screening.specialist-findings-missing", set_("screening.specialist_assessment.findings", None)),
    T("screening.specialist-not-needed-reason-missing",
      seq(without_mhtr(), set_("screening.specialist_assessment", {"status": "not_needed"}))),
    T("screening.specialist-request-incomplete",
      seq(without_mhtr(), set_("screening.specialist_assessment", {"status": "requested"}))),
    # ---------------------------------------------------------------- comorbidity
    T("comorbidity.dual-diagnosis-not-analysed", set_("comorbidity.dual_diagnosis_analysis", None)),
    T("comorbidity.not-recorded",
      seq(*(set_(f"comorbidity.{name}", {}) for name in (
          "substance_misuse", "alcohol", "learning_disability", "adhd", "autism",
          "personality_difficulties", "acquired_brain_injury", "physical_health"))),
      also=also("comorbidity.screen-not-reflected")),
    T("comorbidity.screen-not-reflected", set_("comorbidity.alcohol.presence", "none_identified"),
      field="comorbidity.alcohol.presence"),
    T("comorbidity.screen-not-reflected",
      seq(append("screening.results_only", {"tool": "ldsq", "administered_on": "2026-05-18", "administered_by": "Officer Vale",
                                            "score": "positive", "positive": True, "action_taken": "Easy-read letters."})),
      field="comorbidity.learning_disability.presence"),
    T("comorbidity.treatment-sequencing-missing", set_("comorbidity.treatment_sequencing", None)),
    # ---------------------------------------------------------------- person
    T("person.diversity-not-confirmed", set_("person.diversity_considered", False)),
    T("person.intersection-not-analysed", set_("person.intersection", None)),
    T("person.maturity-not-considered",
      seq(set_("case_details.defendant.date_of_birth", "2004-01-01"), set_("person.age_and_maturity", None))),
    T("person.protected-characteristics-missing",
      seq(set_("person.age_and_maturity", None), set_("person.sex_and_gender", None))),
    T("person.strengths-missing", set_("person.strengths", None)),
    T("person.trauma-not-considered", set_("person.trauma", None)),
    # ---------------------------------------------------------------- motivation
    T("motivation.lived-experience-missing", set_("motivation.lived_experience", None)),
    T("motivation.own-views-missing", set_("motivation.own_views", None)),
    T("motivation.stage-of-change-missing", set_("motivation.stage_of_change", None)),
    T("motivation.willingness-missing", set_("motivation.willing_to_engage_in_treatment", None)),
    # ---------------------------------------------------------------- risk
    T("risk.critical-item-no-risk-to-self", set_("screening.results[0].answers[8]", 1),
      field="risk.risk_to_self.action_taken"),
    T("risk.critical-item-no-risk-to-self",  # CORE-10 item 6 (the risk item) above "Not at all"
      append("screening.results", {"instrument": "core10", "administered_on": "2026-05-18",
                                   "answers": [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]})),
    T("risk.critical-item-no-risk-to-self",  # K10 item 4 "most of the time": the red flag
      append("screening.results", {"instrument": "k10", "administered_on": "2026-05-18",
                                   "answers": [0, 0, 0, 3, 0, 0, 0, 0, 0, 0]})),
    T("risk.critical-item-no-risk-to-self",  # a positive C-SSRS, recorded as a result only
      append("screening.results_only", {"tool": "cssrs", "administered_on": "2026-05-18", "administered_by": "Liaison nurse",
                                        "outcome": "Positive screen", "positive": True,
                                        "action_taken": "Crisis team called."})),
    T("risk.critical-item-no-risk-to-self",  # another tool that screens for risk to self, positive
      append("screening.results_only", {"tool": "other", "tool_name": "Local risk screen", "risk_to_self_screen": True,
                                        "administered_on": "2026-05-18", "administered_by": "Liaison nurse",
                                        "outcome": "Positive", "positive": True, "action_taken": "GP informed."})),
    T("risk.critical-item-no-risk-to-self", seq(set_("screening.results[0].answers[8]", 3),
                                                set_("risk.risk_to_self.action_taken", "Crisis team called."),
                                                set_("risk.risk_to_self.analysis", None)),
      field="risk.risk_to_self.analysis"),
    T("risk.critical-item-no-risk-to-self", seq(set_("screening.results[0].answers[8]", 1),
                                                set_("risk.risk_to_self.action_taken", "Crisis team called."),
                                                set_("risk.risk_to_self.current_ideation", None)),
      field="risk.risk_to_self.current_ideation"),
    T("risk.current-ideation-not-addressed", set_("risk.risk_to_self.current_ideation", "yes")),
    T("risk.likelihood-analysis-missing", set_("risk.likelihood_analysis", None)),
    T("risk.mental-health-risk-link-missing", set_("risk.mental_health_risk_link", None)),
    T("risk.risk-to-self-not-assessed", set_("risk.risk_to_self.current_ideation", None),
      field="risk.risk_to_self.current_ideation"),
    T("risk.risk-to-self-not-assessed", set_("risk.risk_to_self.analysis", None), field="risk.risk_to_self.analysis"),
    T("risk.risks-if-custody-missing", set_("risk.risks_if_custody", None), base="sso"),
    T("risk.rosh-analysis-missing", set_("risk.rosh.analysis", None)),
    T("risk.rosh-detail-missing", set_("risk.rosh.who", None), field="risk.rosh.who"),
    T("risk.rosh-level-missing", set_("risk.rosh.children", None), field="risk.rosh.children"),
    # ---------------------------------------------------------------- proposal
    T("proposal.adjournment-assessment-missing", set_("proposal.adjournment.assessment_needed", None), base="adj"),
    T("proposal.adjournment-reason-missing", set_("proposal.adjournment.reason", ""), base="adj"),
    T("proposal.adjournment-weeks-missing", set_("proposal.adjournment.weeks", None), base="adj"),
    T("proposal.set-aside-while-adjourning", set_("proposal.sentence", "community_order"), base="adj",
      field="proposal.adjournment.requested"),
    T("proposal.set-aside-while-adjourning", append("proposal.requirements", {"kind": "unpaid_work", "hours": 60}),
      base="adj"),
    T("proposal.alternatives-missing", set_("proposal.alternatives", None)),
    T("proposal.curfew-incomplete", set_(f"{CURFEW}.hours_per_day", None), field=f"{CURFEW}.hours_per_day"),
    T("proposal.curfew-incomplete", set_(f"{CURFEW}.period_months", None), field=f"{CURFEW}.period_months"),
    T("proposal.custody-impact-missing", set_("proposal.custody_impact", None), base="sso"),
    T("proposal.fdr-consider-adjournment",
      seq(set_("case_details.report_type", "fdr"), set_("mental_health.psychosis_indicated", True)),
      field="proposal.adjournment.requested"),
    T("proposal.operational-period-missing", set_("proposal.operational_period_months", None), base="sso"),
    T("proposal.order-length-missing", set_("proposal.order_length_months", None)),
    T("proposal.plan-item-incomplete", set_("proposal.plan[0].timescale", None), field="proposal.plan[0].timescale"),
    T("proposal.plan-item-no-intervention", set_("proposal.plan[0].intervention", None)),
    T("proposal.plan-missing", set_("proposal.plan", []),
      also=also("proposal.treatment-requirement-no-plan-item")),
    T("proposal.plan-requirement-not-proposed", set_("proposal.plan[3].requirement", "programme")),
    T("proposal.rar-days-missing", set_(f"{RAR}.days", None)),
    T("proposal.rationale-missing", set_("proposal.rationale", None)),
    T("proposal.requirement-kind-missing", append("proposal.requirements", {"details": "Something"})),
    T("proposal.requirements-missing", seq(set_("proposal.requirements", []), set_("proposal.plan", [])),
      also=also("proposal.plan-missing")),
    T("proposal.requirements-not-available", set_("proposal.sentence", "fine")),
    T("proposal.sentence-missing", set_("proposal.sentence", None)),
    T("proposal.sso-term-missing", set_("proposal.custodial_term_weeks", None), base="sso"),
    T("proposal.supervision-period-missing", set_("proposal.supervision_period_months", None), base="sso"),
    T("proposal.treatment-but-not-willing", set_("motivation.willing_to_engage_in_treatment", "not_willing")),
    T("proposal.treatment-need-not-evidenced",
      seq(remove_where("screening.results", instrument="audit"), set_("comorbidity.alcohol.presence", "none_identified")),
      field=f"{ATR}.kind"),
    T("proposal.treatment-requirement-no-plan-item", set_("proposal.plan[2].requirement", None),
      field="proposal.plan"),  # where the fix goes: a plan item
    T("proposal.upw-hours-missing", set_(f"{UPW}.hours", None)),
    # treatment requirements
    T("proposal.mhtr-details-missing", set_(f"{MHTR}.treatment", None)),
    T("proposal.mhtr-no-written-consent", set_(f"{MHTR}.consent", None), field=f"{MHTR}.consent"),
    T("proposal.mhtr-no-written-consent", set_(f"{MHTR}.consent.in_writing", False), field=f"{MHTR}.consent.in_writing"),
    T("proposal.mhtr-no-written-consent", set_(f"{MHTR}.consent.method", "verbal_only")),
    T("proposal.mhtr-no-written-consent", set_(f"{MHTR}.consent.given", False), field=f"{MHTR}.consent.given"),
    T("proposal.mhtr-no-written-consent", set_(f"{MHTR}.consent.date", None), field=f"{MHTR}.consent.date"),
    T("proposal.mhtr-period-missing", set_(f"{MHTR}.period_months", None)),
    T("proposal.mhtr-practitioner-or-place-missing", set_(f"{MHTR}.treatment.practitioner", None),
      field=f"{MHTR}.treatment.practitioner"),
    T("proposal.mhtr-practitioner-or-place-missing",
      set_(f"{MHTR}.treatment.treatment_type", "in_patient"), field=f"{MHTR}.treatment.place"),
    T("proposal.mhtr-provider-missing", set_(f"{MHTR}.treatment.provider", None)),
    T("proposal.mhtr-provider-not-agreed", set_(f"{MHTR}.treatment.provider_agrees", False)),
    T("proposal.mhtr-provider-not-assessed", set_(f"{MHTR}.treatment.provider_assessed", None)),
    T("proposal.mhtr-treatment-type-invalid", set_(f"{MHTR}.treatment.treatment_type", "resident")),
    T("proposal.mhtr-treatment-type-invalid", set_(f"{MHTR}.treatment.treatment_type", "non_resident")),
    T("proposal.mhtr-treatment-type-missing", set_(f"{MHTR}.treatment.treatment_type", None)),
    T("proposal.mhtr-conditions-not-confirmed", set_(f"{MHTR}.treatment.conditions.not_hospital_or_guardianship", None),
      field=f"{MHTR}.treatment.conditions.not_hospital_or_guardianship"),
    T("proposal.mhtr-conditions-not-confirmed", set_(f"{MHTR}.treatment.conditions.willingness_expressed", False)),
    T("proposal.mhtr-no-specialist-assessment",
      set_("screening.specialist_assessment", {"status": "not_needed", "reason_not_needed": "Known to services."})),
    T("proposal.drr-details-missing", set_(f"{DRR}.treatment", None)),
    T("proposal.drr-no-consent", set_(f"{DRR}.consent.given", False)),
    T("proposal.drr-period-missing", set_(f"{DRR}.period_months", None)),
    T("proposal.drr-place-missing", set_(f"{DRR}.treatment.place", None), field=f"{DRR}.treatment.place"),
    T("proposal.drr-place-missing", set_(f"{DRR}.treatment.intervals", None), field=f"{DRR}.treatment.intervals"),
    T("proposal.drr-provider-missing", set_(f"{DRR}.treatment.provider", None)),
    T("proposal.drr-provider-not-agreed", set_(f"{DRR}.treatment.provider_agrees", None)),
    T("proposal.drr-provider-not-assessed", set_(f"{DRR}.treatment.provider_assessed", False)),
    T("proposal.drr-treatment-type-invalid", set_(f"{DRR}.treatment.treatment_type", "in_patient")),
    T("proposal.drr-treatment-type-missing", set_(f"{DRR}.treatment.treatment_type", None)),
    T("proposal.drr-conditions-not-confirmed", set_(f"{DRR}.treatment.conditions.need_for_treatment", False)),
    T("proposal.drr-review-missing", set_(f"{DRR}.period_months", 13), field=f"{DRR}.treatment.review_provision"),
    T("proposal.drr-testing-missing", set_(f"{DRR}.treatment.testing", None)),
    T("proposal.drr-treatment-director-missing", set_(f"{DRR}.treatment.treatment_director", " ")),
    T("proposal.atr-details-missing", set_(f"{ATR}.treatment", None)),
    T("proposal.atr-no-consent", set_(f"{ATR}.consent", None)),
    T("proposal.atr-period-missing", set_(f"{ATR}.period_months", None)),
    T("proposal.atr-practitioner-or-place-missing", set_(f"{ATR}.treatment.place", None)),
    T("proposal.atr-practitioner-or-place-missing", set_(f"{ATR}.treatment.treatment_type", "practitioner_based"),
      field=f"{ATR}.treatment.practitioner"),
    T("proposal.atr-provider-missing", set_(f"{ATR}.treatment.provider", None)),
    T("proposal.atr-provider-not-agreed", set_(f"{ATR}.treatment.provider_agrees", False)),
    T("proposal.atr-provider-not-assessed", set_(f"{ATR}.treatment.provider_assessed", False)),
    T("proposal.atr-treatment-type-invalid", set_(f"{ATR}.treatment.treatment_type", "non_resident")),
    T("proposal.atr-treatment-type-missing", set_(f"{ATR}.treatment.treatment_type", None)),
    T("proposal.atr-conditions-not-confirmed", set_(f"{ATR}.treatment.conditions.arrangements_made", None)),
    # limits (both edges of every range are in test_limits.py)
    T("proposal.limit-community-order-length", set_("proposal.order_length_months", 37)),
    T("proposal.limit-upw-hours", set_(f"{UPW}.hours", 301), field=f"{UPW}.hours"),
    T("proposal.limit-curfew-hours-per-day", set_(f"{CURFEW}.hours_per_day", 21)),
    T("proposal.limit-curfew-hours-per-week", set_(f"{CURFEW}.hours_per_week", 113)),
    T("proposal.limit-curfew-period", seq(set_("proposal.order_length_months", 36), set_(f"{CURFEW}.period_months", 25))),
    T("proposal.limit-requirement-within-order", set_(f"{MHTR}.period_months", 19), field=f"{MHTR}.period_months"),
    T("proposal.limit-sso-custodial-term", set_("proposal.custodial_term_weeks", 1), base="sso"),
    T("proposal.limit-check-current-law", set_("proposal.custodial_term_weeks", 105), base="sso"),
    T("proposal.limit-sso-operational-period", set_("proposal.operational_period_months", 25), base="sso"),
    T("proposal.limit-sso-supervision-period",
      seq(set_("proposal.supervision_period_months", 5), *(set_(f"{r}.period_months", 5) for r in (MHTR, DRR, ATR))),
      base="sso"),
    T("proposal.limit-supervision-within-operational",
      seq(set_("proposal.operational_period_months", 12), set_("proposal.supervision_period_months", 18)), base="sso"),
    # ---------------------------------------------------------------- review
    T("review.acronym-not-spelled-out", set_("proposal.rationale", "The MHTR addresses the causes."),
      field="proposal.rationale"),
    T("review.countersigned-before-signed",
      seq(set_("sign_off.signed_on", "2026-06-01"), set_("sign_off.countersigned_on", "2026-05-31")),
      field="sign_off.countersigned_on"),
    T("review.countersigned-date-in-future", set_("sign_off.countersigned_on", "2026-06-02"),
      field="sign_off.countersigned_on"),
    T("review.countersignature-missing", set_("sign_off.dangerousness_report", True)),
    T("review.dangerousness-not-recorded", set_("risk.rosh.public", "high")),
    T("review.final-not-signed", set_("sign_off.status", "final"), field="sign_off.signed_on"),
    T("review.final-not-signed", seq(set_("sign_off.status", "final"), set_("sign_off.signed_on", "2026-06-01"),
                                     set_("sign_off.author_name", None)),
      also=also("review.sign-off-name-missing"), field="sign_off.author_name"),
    T("review.jargon", set_("proposal.alternatives", "Custody would not address his criminogenic needs."),
      field="proposal.alternatives"),
    T("review.sign-off-name-missing", set_("sign_off.author_name", None)),
    T("review.signed-date-in-future", set_("sign_off.signed_on", "2026-06-02"), field="sign_off.signed_on"),
]


def _resolve(field: str) -> None:
    """Walk a finding's field (``proposal.requirements[0].consent``) through the case model."""
    import re

    from psr_assist.domain.questions import resolve_field

    model: type = Case
    chunks = re.split(r"\[\d+\]\.?", field)
    for index, chunk in enumerate(c for c in chunks if c):
        info = resolve_field(model, chunk)
        if index < len([c for c in chunks if c]) - 1:
            assert info.item_model is not None, field
            model = info.item_model


def _run(t: T):
    data = BASES[t.base]()
    t.mutate(data)
    return check_case(Case.model_validate(data), TODAY)


def _name(t: T) -> str:
    return f"{t.rule_id}[{t.field or t.base}]"


@pytest.mark.parametrize("t", TRIGGERS, ids=[_name(t) for t in TRIGGERS])
def test_rule_triggers_exactly(t: T):
    findings = _run(t)
    assert {f.rule_id for f in findings} == {t.rule_id, *t.also}
    finding = next(f for f in findings if f.rule_id == t.rule_id)
    info = rule_info(t.rule_id)
    # The bases are SDRs or an FDR whose elements are all required: full severity applies.
    assert finding.severity is info.severity
    if not t.rule_id.startswith(("review.acronym", "review.jargon")):
        assert finding.step == info.step
    if t.field is not None:
        assert finding.field == t.field
    for found in findings:
        _resolve(found.field)  # the app jumps to the field: it must be a real place in the case
    assert finding.message.endswith(".") and finding.fix.endswith(".")
    assert finding.message[0].isupper() or finding.message[0] == "'"


@pytest.mark.parametrize("builder", [clean_case, clean_sso_case, clean_adjournment_case])
def test_clean_cases_have_no_findings(builder):
    assert check_case(builder(), TODAY) == []


def test_every_rule_in_the_catalogue_has_a_trigger():
    triggered = {t.rule_id for t in TRIGGERS}
    missing = [r.id for r in rule_catalogue() if r.id not in triggered]
    assert missing == []


def test_triggers_name_real_rules():
    known = {r.id for r in rule_catalogue()}
    assert {t.rule_id for t in TRIGGERS} <= known
    for t in TRIGGERS:
        assert t.also <= known


def test_findings_never_quote_the_officers_text():
    """Messages are built from our words and numbers: a sentinel typed everywhere never appears."""
    sentinel = "Zyxwvut"
    data: dict[str, Any] = {
        "case_details": {"court": sentinel, "defendant": {"name": sentinel}, "offences": [{"notes": sentinel}]},
        "sources": [{"kind": "domestic_abuse_callouts", "status": "requested", "summary": sentinel},
                    {"kind": "other", "status": "not_available", "label": sentinel}],
        "mental_health": {"diagnoses": [{"condition": sentinel, "status": "self_reported"}]},
        "screening": {"results": [{"instrument": sentinel}],
                      "specialist_assessment": {"status": "requested", "requested_from": sentinel}},
        "proposal": {"sentence": "community_order", "rationale": f"{sentinel} MHTR criminogenic",
                     "requirements": [{"kind": "mental_health_treatment", "details": sentinel,
                                       "treatment": {"provider": sentinel, "treatment_type": "resident"}}]},
    }
    findings = check_case(Case.model_validate(data), TODAY)
    assert findings
    for finding in findings:
        assert sentinel.lower() not in (finding.message + finding.fix + finding.field).lower()


def test_blockers_come_first_then_step_order():
    findings = check_case(Case(), TODAY)
    order = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.ADVICE: 2}
    ranks = [order[f.severity] for f in findings]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    "mutation",
    [
        # C-SSRS negative, LDSQ positive, and "other" tool not screening for risk to self: not critical.
        append("screening.results_only", {"tool": "cssrs", "administered_on": "2026-05-18", "administered_by": "Nurse",
                                          "outcome": "Negative", "positive": False}),
        append("screening.results_only", {"tool": "other", "tool_name": "Wellbeing scale", "risk_to_self_screen": False,
                                          "administered_on": "2026-05-18", "administered_by": "Nurse",
                                          "outcome": "Positive", "positive": True}),
        # K10 item 4 "some of the time" is below the red flag.
        append("screening.results", {"instrument": "k10", "administered_on": "2026-05-18",
                                     "answers": [0, 0, 0, 2, 0, 0, 0, 0, 0, 0]}),
        # PHQ-9 item 9 endorsed, with risk to self analysed and the action recorded.
        seq(set_("screening.results[0].answers[8]", 1), set_("risk.risk_to_self.action_taken", "Crisis team called.")),
    ],
)
def test_critical_item_rule_stays_quiet(mutation):
    data = clean_data()
    mutation(data)
    ids = {f.rule_id for f in check_case(Case.model_validate(data), TODAY)}
    assert "risk.critical-item-no-risk-to-self" not in ids
    assert ids <= {"screening.results-only-incomplete"}


def test_a_concern_not_screened_is_said_once_in_plain_words():
    data = clean_data()
    seq(without_mhtr(), set_("screening.results", []),
        set_("screening.specialist_assessment", {"status": "not_needed", "reason_not_needed": "Known to services."}))(data)
    [finding] = [f for f in check_case(Case.model_validate(data), TODAY)
                 if f.rule_id == "screening.mental-health-not-screened"]
    assert finding.message == "A mental health concern was raised, but there is no screening and no specialist assessment."


def test_a_date_of_birth_in_the_future_without_a_hearing_date_says_so():
    import datetime as dt

    case = clean_case()
    case.case_details.hearing_date = None
    case.case_details.defendant.date_of_birth = TODAY + dt.timedelta(days=1)
    [found] = [f for f in check_case(case, TODAY) if f.rule_id == "case.date-of-birth-not-before-hearing"]
    assert found.message == "The date of birth is today or in the future."
    case.case_details.defendant.date_of_birth = TODAY - dt.timedelta(days=1)
    assert "case.date-of-birth-not-before-hearing" not in {f.rule_id for f in check_case(case, TODAY)}


def test_an_interview_listed_but_not_done_is_not_called_missing():
    """Found in tmux: an interview listed with no status yet was said to be "not recorded as a
    source" (beside "The interview has no status")."""
    case = clean_case()
    case.sources[0].status = None
    [found] = [f for f in check_case(case, TODAY) if f.rule_id == "sources.interview-missing"]
    assert found.field == "sources[0].status"
    assert "not recorded" not in found.message and "listed" in found.message
    del case.sources[0]
    [found] = [f for f in check_case(case, TODAY) if f.rule_id == "sources.interview-missing"]
    assert found.message == "The interview with the defendant is not recorded as a source."


def test_work_after_the_hearing_is_named_and_a_date_still_to_come_is_left_to_the_date_rules():
    """Found in tmux: a hearing date months old, with sources, consents and the signature after
    it, raised nothing. What was done after it is named (never the officer's words)."""
    import datetime as dt

    case = clean_case()
    case.case_details.hearing_date = TODAY - dt.timedelta(days=10)
    for source in case.sources:
        source.received_on = None
    case.sources[0].received_on = TODAY - dt.timedelta(days=2)
    case.screening.results[0].administered_on = TODAY - dt.timedelta(days=20)  # before it: fine
    [found] = [f for f in check_case(case, TODAY) if f.rule_id == "case.work-dated-after-hearing"]
    assert found.field == "case_details.hearing_date" and found.severity is Severity.WARNING
    assert "(a source received" in found.message and "screening" not in found.message
    case.sources[0].received_on = TODAY + dt.timedelta(days=1)  # after today: the date rule's, once
    ids = [f.rule_id for f in check_case(case, TODAY)]
    assert "sources.received-date-in-future" in ids and "case.work-dated-after-hearing" not in ids
    case.sources[0].received_on = case.case_details.hearing_date  # on the day: fine
    assert "case.work-dated-after-hearing" not in {f.rule_id for f in check_case(case, TODAY)}


def test_missing_risk_detail_is_listed_as_one_sentence():
    case = clean_case()
    case.risk.rosh.when = None
    case.risk.rosh.circumstances = None
    [found] = [f for f in check_case(case, TODAY) if f.rule_id == "risk.rosh-detail-missing"]
    assert found.message.endswith("does not say when it is likely or in what circumstances.")
