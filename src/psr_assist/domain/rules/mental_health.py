"""Mental health step: a well-informed picture, with self-reported information verified."""

from __future__ import annotations

from psr_assist.domain.case import DiagnosisStatus, TreatmentOutcome, YesNoUnknown
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

ASSESS = "Guide take-away: the pre-sentence assessment is well-informed, analytical and personalised"
VERIFY = (
    "Guide take-away: verify the information provided; Sentencing Council guideline on mental disorders "
    "(2020) warns about self-diagnosis and diagnosis by the unqualified (research/domain.md §3.4)"
)

CONCERN = define(
    "mental_health.concern-not-recorded", W, "Whether a mental health concern was raised is recorded", ASSESS,
    message="The report does not say whether a mental health concern was raised.",
    fix="Record whether a mental health concern was raised (by the defendant, the court, police, liaison and diversion or anyone else).",
)
CONTRADICTS = define(
    "mental_health.concern-contradicts-record", W, "An answer of 'no concern raised' agrees with the rest of the case", ASSESS,
)
SELF_REPORTED = define(
    "mental_health.self-reported-unverified", W, "A self-reported diagnosis is checked with a health source", VERIFY,
    message="A diagnosis is self-reported and no health source (GP, community mental health team, liaison and diversion, psychiatric report) has been received.",
    fix="Ask the GP or mental health service to confirm it, or say in the report that it is self-reported and not verified.",
)
DIAGNOSIS = define(
    "mental_health.diagnosis-incomplete", W, "Every diagnosis says what it is and on what footing", VERIFY,
)
HISTORY = define(
    "mental_health.history-missing", W, "The mental health history is described", ASSESS,
    element="mental_health_history",
    message="There is a mental health need but no mental health history.",
    fix="Describe the history: when problems began, contact with services, admissions and what helped.",
)
GP = define(
    "mental_health.gp-registration-unknown", A, "GP registration is known where there is a mental health need",
    "Guide: support registration with a GP; MHTR eligibility (registered with a GP or will register, research/domain.md §3.2)",
    message="It is not known whether the defendant is registered with a GP.",
    fix="Ask whether they are registered with a GP, and record the practice.",
)
PREVIOUS = define(
    "mental_health.previous-treatment-outcome-missing", A, "The outcome of previous treatment is recorded",
    "Guide take-away: gather the outcomes of any previous treatment/intervention, including in custody",
    message="A previous treatment has no recorded outcome.",
    fix="Record how the treatment ended (completed, ongoing, disengaged or discharged) and what helped.",
)


@rule
def concern(facts: CaseFacts):
    mh = facts.case.mental_health
    if mh.concern_raised is None and not facts.concern_reasons:
        yield facts.hit(CONCERN, "mental_health.concern_raised")
    if mh.concern_raised is False:
        others = [r for r in facts.need_reasons if r != "a mental health concern was raised"]
        if others:
            yield facts.hit(
                CONTRADICTS, "mental_health.concern_raised",
                f"The case says no mental health concern was raised, but {others[0]}.",
                "Check the answer to 'concern raised' and correct whichever is wrong.",
            )


@rule
def diagnoses(facts: CaseFacts):
    received = facts.health_source_received
    for index, diagnosis in enumerate(facts.case.mental_health.diagnoses):
        if not filled(diagnosis.condition):
            yield facts.hit(
                DIAGNOSIS, f"mental_health.diagnoses[{index}].condition", "A diagnosis entry does not name the condition.",
                "Enter the condition, or remove the empty entry.",
            )
        elif diagnosis.status is None:
            yield facts.hit(
                DIAGNOSIS, f"mental_health.diagnoses[{index}].status",
                "A diagnosis does not say whether it is diagnosed, suspected or self-reported.",
                "Select whether the condition is diagnosed, suspected or self-reported.",
            )
        if diagnosis.status is DiagnosisStatus.SELF_REPORTED and not received:
            yield facts.hit(SELF_REPORTED, f"mental_health.diagnoses[{index}].status")


@rule
def history_and_gp(facts: CaseFacts):
    if not facts.mental_health_need:
        return
    mh = facts.case.mental_health
    if facts.wants(HISTORY) and not filled(mh.history):
        yield facts.hit(HISTORY, "mental_health.history")
    if mh.gp_registered in (None, YesNoUnknown.UNKNOWN):
        yield facts.hit(GP, "mental_health.gp_registered")


@rule
def previous_treatment(facts: CaseFacts):
    for index, treatment in enumerate(facts.case.mental_health.previous_treatment):
        if treatment.outcome in (None, TreatmentOutcome.UNKNOWN):
            yield facts.hit(PREVIOUS, f"mental_health.previous_treatment[{index}].outcome")
