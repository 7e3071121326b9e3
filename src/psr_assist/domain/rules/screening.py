"""Screening step: screening tools used, results complete, specialist assessment decided."""

from __future__ import annotations

from psr_assist.domain.case import SourceKind, SourceStatus, SpecialistAssessmentStatus
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled
from psr_assist.domain.wording import join_words, upper_first

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

SCREEN = (
    "Guide take-away: use the appropriate screening tools and, where appropriate, obtain a specialist "
    "mental health assessment"
)

NOT_SCREENED = define(
    "screening.mental-health-not-screened", W, "A mental health concern leads to screening or a specialist assessment",
    SCREEN, element="screening",
)
UNKNOWN = define(
    "screening.instrument-unknown", W, "Every screening result names an instrument psr-assist can score", SCREEN,
    message="A screening result names an instrument psr-assist does not know, so it cannot be scored.",
    fix="Choose one of the listed instruments, or record the tool as a results-only entry.",
)
INVALID = define(
    "screening.answers-invalid", W, "Screening answers fit the instrument", SCREEN,
)
INCOMPLETE = define(
    "screening.result-incomplete", W, "Every screening instrument is fully answered", SCREEN,
)
UNDATED = define(
    "screening.administered-on-missing", A, "Every screening result is dated", SCREEN,
)
FOLLOW_ON = define(
    "screening.follow-on-missing", A, "A positive short screen is followed by the full instrument",
    "Instrument rules in prompts/instruments (e.g. AUDIT-C 5 or more: go on to the full AUDIT)",
)
RESULTS_ONLY = define(
    "screening.results-only-incomplete", W, "Every results-only entry records the tool, result and action",
    "Results-only tools (C-SSRS, LDSQ, other): record tool, date, who administered it, outcome and action "
    "(prompts/instruments/results_only.yaml)",
)
SPECIALIST = define(
    "screening.specialist-assessment-not-considered", W, "A specialist assessment is decided where there is a need",
    SCREEN, element="specialist_assessment",
    message="There is a mental health need, but no decision on a specialist mental health assessment.",
    fix="Record whether a specialist assessment is needed, requested or obtained.",
)
NOT_NEEDED_REASON = define(
    "screening.specialist-not-needed-reason-missing", W, "A decision that no specialist assessment is needed is explained", SCREEN,
    message="The specialist assessment is marked not needed, with no reason.",
    fix="Explain why a specialist assessment is not needed.",
)
REQUEST = define(
    "screening.specialist-request-incomplete", W, "A requested specialist assessment says who was asked", SCREEN,
    message="A specialist assessment is requested, but the report does not say from whom.",
    fix="Enter who the assessment was requested from.",
)
FINDINGS = define(
    "screening.specialist-findings-missing", W, "An obtained specialist assessment records who and what it found",
    SCREEN,
)
MEDICAL_REPORT = define(
    "screening.custody-medical-report-advised", W, "A medical report is available where custody is possible",
    "Sentencing Council guideline on mental disorders (2020): where the offender is or appears to be "
    "mentally disordered, a medical report is needed before a custodial sentence unless unnecessary "
    "(research/domain.md §3.4)",
    message="Custody is possible and there is a mental health need, but no medical or specialist report.",
    fix="Tell the court a medical report may be needed before a custodial sentence, or obtain the specialist assessment.",
)

_SPECIALIST_SOURCES = frozenset({SourceKind.PSYCHIATRIC_REPORT, SourceKind.PSYCHOLOGICAL_REPORT})


def _numbers(items: list[int]) -> str:
    return join_words(str(n) for n in items)


@rule
def screened(facts: CaseFacts):
    screening = facts.case.screening
    if (
        facts.concern_reasons
        and facts.wants(NOT_SCREENED)
        and not screening.results
        and not screening.results_only
        and facts.specialist_status not in (SpecialistAssessmentStatus.REQUESTED, SpecialistAssessmentStatus.OBTAINED)
    ):
        yield facts.hit(
            NOT_SCREENED, "screening.results",
            f"{upper_first(facts.concern_reasons[0])}, but there is no screening "
            "and no specialist assessment.",
            "Use a screening tool in the interview (for example PHQ-9 or K10), or request a specialist assessment.",
        )


@rule
def results(facts: CaseFacts):
    present = {s.instrument_id for s in facts.screens if s.instrument_id}
    for screen in facts.screens:
        field = f"screening.results[{screen.index}]"
        if screen.problem == "unknown":
            yield facts.hit(UNKNOWN, f"{field}.instrument")
            continue
        if screen.problem is not None:
            yield facts.hit(
                INVALID, f"{field}.answers",
                f"The {screen.name} answers do not fit the instrument (too many answers or an answer out of range).",
                f"Administer the {screen.name} again or correct the answers.",
            )
            continue
        score = screen.score
        if score.missing_items:
            plural = "s" if len(score.missing_items) > 1 else ""
            yield facts.hit(
                INCOMPLETE, f"{field}.answers",
                f"The {screen.name} has unanswered question{plural} {_numbers(score.missing_items)}, so it has no band.",
                f"Answer every {screen.name} question, or note why it could not be completed.",
            )
        if screen.result.administered_on is None:
            yield facts.hit(
                UNDATED, f"{field}.administered_on", f"The {screen.name} has no date.",
                f"Enter the date the {screen.name} was administered.",
            )
        if score.leads_to and score.leads_to not in present:
            from psr_assist.domain.scoring import get_instrument

            follow = get_instrument(score.leads_to).short_name
            yield facts.hit(
                FOLLOW_ON, field, f"The {screen.name} result means the full {follow} should follow.",
                f"Administer the {follow}.",
            )


@rule
def results_only(facts: CaseFacts):
    entries = facts.case.screening.results_only
    if not entries:
        return
    from psr_assist.domain.scoring import UnknownInstrument, get_results_only_tool

    for index, entry in enumerate(entries):
        field = f"screening.results_only[{index}]"
        if entry.tool is None:
            yield facts.hit(
                RESULTS_ONLY, f"{field}.tool", "A results-only entry does not say which tool was used.",
                "Select the tool (C-SSRS, LDSQ or other).",
            )
            continue
        try:
            tool = get_results_only_tool(entry.tool.value)
        except UnknownInstrument:
            continue
        missing = []
        for spec in tool.fields:
            needed = spec.required or (spec.required_when_positive and entry.positive is True)
            if needed and spec.id in type(entry).model_fields and not filled(getattr(entry, spec.id)):
                missing.append(spec)
        if missing:
            labels = "; ".join(s.label.lower() for s in missing)
            yield facts.hit(
                RESULTS_ONLY, f"{field}.{missing[0].id}", f"The {tool.short_name} entry is missing: {labels}.",
                f"Complete the {tool.short_name} entry from the form.",
            )


@rule
def specialist(facts: CaseFacts):
    assessment = facts.case.screening.specialist_assessment
    status = assessment.status
    base = "screening.specialist_assessment"
    if status is None:
        if facts.mental_health_need and facts.wants(SPECIALIST):
            yield facts.hit(SPECIALIST, f"{base}.status")
    elif status is SpecialistAssessmentStatus.NOT_NEEDED:
        if not filled(assessment.reason_not_needed):
            yield facts.hit(NOT_NEEDED_REASON, f"{base}.reason_not_needed")
    elif status is SpecialistAssessmentStatus.REQUESTED:
        if not filled(assessment.requested_from):
            yield facts.hit(REQUEST, f"{base}.requested_from")
    elif status is SpecialistAssessmentStatus.OBTAINED:
        if not filled(assessment.assessed_by):
            yield facts.hit(
                FINDINGS, f"{base}.assessed_by", "The specialist assessment does not say who carried it out.",
                "Enter who carried out the specialist assessment.",
            )
        if not filled(assessment.findings):
            yield facts.hit(
                FINDINGS, f"{base}.findings", "The specialist assessment's findings are not recorded.",
                "Summarise what the specialist assessment found and recommended.",
            )


@rule
def medical_report(facts: CaseFacts):
    if facts.adjourning or not facts.custody_possible or not facts.mental_health_need:
        return
    assessment = facts.case.screening.specialist_assessment
    if facts.specialist_status is SpecialistAssessmentStatus.OBTAINED:
        return
    if facts.specialist_status is SpecialistAssessmentStatus.NOT_NEEDED and filled(assessment.reason_not_needed):
        return  # the officer has judged it and told the court why
    if any(s.kind in _SPECIALIST_SOURCES and s.status is SourceStatus.RECEIVED for s in facts.case.sources):
        return
    yield facts.hit(MEDICAL_REPORT, "screening.specialist_assessment.status")
