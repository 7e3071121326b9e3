"""Sources step: all relevant sources gathered, the DA and safeguarding checks done, information verified."""

from __future__ import annotations

from psr_assist.domain.case import SourceKind, SourceStatus
from psr_assist.domain.check import RuleInfo, define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled
from psr_assist.domain.sources import CHECK_KINDS, contacted_against_wishes, needs_reason, was_contacted

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

GATHER = (
    "Guide take-away: gather information from all relevant sources, including previous "
    "treatment/intervention, domestic abuse and safeguarding checks, and significant others, and verify it"
)
PI_0416 = (
    "PI 04/2016 'Determining Pre-Sentence Reports' (updated December 2016: reports where domestic abuse and "
    "safeguarding checks are not available on the day); guide take-away: undertake domestic abuse and "
    "safeguarding checks"
)

SOURCE_WORDS = {
    SourceKind.INTERVIEW: "interview",
    SourceKind.CPS_PAPERS: "CPS papers",
    SourceKind.PREVIOUS_CONVICTIONS: "previous convictions",
    SourceKind.POLICE_INFORMATION: "police information",
    SourceKind.DOMESTIC_ABUSE_CALLOUTS: "domestic abuse call-out check",
    SourceKind.SAFEGUARDING: "children's safeguarding check",
    SourceKind.OASYS_PROBATION_RECORDS: "OASys and probation records",
    SourceKind.PREVIOUS_TREATMENT_OUTCOMES: "previous treatment outcomes",
    SourceKind.GP: "GP",
    SourceKind.CMHT: "community mental health team",
    SourceKind.LIAISON_AND_DIVERSION: "liaison and diversion",
    SourceKind.PSYCHIATRIC_REPORT: "psychiatric report",
    SourceKind.PSYCHOLOGICAL_REPORT: "psychological report",
    SourceKind.SUBSTANCE_MISUSE_SERVICE: "substance misuse service",
    SourceKind.PRISON_HEALTHCARE: "prison healthcare",
    SourceKind.SIGNIFICANT_OTHER: "significant other",
    SourceKind.VICTIM_STATEMENT: "victim statement",
    SourceKind.EQUALITY_INFORMATION: "equality information",
    SourceKind.SENTENCING_GUIDELINES: "sentencing guidelines",
    SourceKind.OTHER: "other source",
}

NONE_RECORDED = define(
    "sources.none-recorded", B, "At least one source of information is recorded", GATHER,
    message="No sources of information are recorded.",
    fix="Add each source you used, starting with the interview.",
)
INTERVIEW = define(
    "sources.interview-missing", W, "The interview with the defendant is recorded",
    "Guide take-away: the assessment actively involves the person interviewed",
    element="interview",
    message="The interview with the defendant is not recorded as a source.",
    fix="Add the interview as a source marked received, or mark it not available with the reason.",
)
INTERVIEW_NOT_DONE = "The interview is listed as a source but not marked received."
INTERVIEW_NOT_DONE_FIX = "Mark the interview received once it has taken place, or mark it not available with the reason."
DA_MISSING = define(
    "sources.da-check-missing", B, "The police domestic abuse call-out check is done", PI_0416,
    message="There is no result for the police domestic abuse call-out check.",
    fix="Record the result of the domestic abuse check, or mark it 'not available on the day' with a reason.",
)
DA_RESULT = define(
    "sources.da-check-result-missing", B, "The domestic abuse check records whether concerns were found", PI_0416,
    message="The domestic abuse check is marked received but does not say whether it found concerns.",
    fix="Record whether the domestic abuse check identified concerns.",
)
DA_REASON = define(
    "sources.da-check-reason-missing", B, "A domestic abuse check not available on the day has a reason", PI_0416,
    message="The domestic abuse check is marked not available on the day, with no reason.",
    fix="Enter why the domestic abuse check was not available on the day.",
)
SG_MISSING = define(
    "sources.safeguarding-check-missing", B, "The children's safeguarding check is done", PI_0416,
    message="There is no result for the children's safeguarding check.",
    fix="Record the result of the safeguarding check, or mark it 'not available on the day' with a reason.",
)
SG_RESULT = define(
    "sources.safeguarding-check-result-missing", B, "The safeguarding check records whether concerns were found", PI_0416,
    message="The safeguarding check is marked received but does not say whether it found concerns.",
    fix="Record whether the safeguarding check identified concerns.",
)
SG_REASON = define(
    "sources.safeguarding-check-reason-missing", B, "A safeguarding check not available on the day has a reason", PI_0416,
    message="The safeguarding check is marked not available on the day, with no reason.",
    fix="Enter why the safeguarding check was not available on the day.",
)
CAVEAT = define(
    "proposal.checks-caveat-missing", B, "The proposal carries a caveat when checks were not available", PI_0416,
    message="A domestic abuse or safeguarding check was not available on the day, but the proposal has no caveat.",
    fix="Add a caveat to the proposal saying which check is outstanding and that the proposal may change when it is received.",
)
REASON = define(
    "sources.not-available-reason-missing", W, "Every source not available on the day has a reason", GATHER,
    message="A source is marked not available on the day, with no reason.",
    fix="Enter why the source was not available.",
)
INCOMPLETE = define(
    "sources.source-incomplete", W, "Every source says what it is and where the enquiry stands", GATHER,
)
OUTSTANDING = define(
    "sources.outstanding-enquiry", A, "Requested information has arrived or is accounted for", GATHER,
)
VERIFIED = define(
    "sources.nothing-verified", W, "Information is verified with at least one other source", GATHER,
    element="verification",
    message="Nothing the defendant said has been verified with another source.",
    fix="Check key information with another source (for example the GP, CMHT or police) and mark that source verified.",
)
SIGNIFICANT = define(
    "sources.significant-others-not-considered", A, "Significant others are considered", GATHER,
    element="significant_others",
    message="No significant others (family, partners, friends) are recorded.",
    fix="Record any significant others and, with the defendant's consent, what they told you.",
)
SO_CONSENT = define(
    "sources.significant-other-no-consent", W, "Significant others are contacted only with consent",
    "Guide: involve family and partners where appropriate; trauma-informed practice (choice, trustworthiness)",
    message="A significant other was contacted, but consent to contact them is not recorded.",
    fix="Record that the defendant consented to the contact, or do not use what was said.",
)
SO_REFUSED = define(
    "sources.significant-other-contacted-against-wishes", B,
    "No significant other is contacted, or quoted, against the defendant's wishes",
    "Guide: involve family and partners where appropriate; trauma-informed practice (choice, trustworthiness); "
    "information gathered against the person's wishes is not used (the report leaves out what they said)",
    message="A significant other was contacted although the defendant did not agree to it.",
    fix="Record that the defendant has since agreed, or clear the date contacted and what they said.",
)

RECEIVED_IN_FUTURE = define(
    "sources.received-date-in-future", B, "No source has a date received after today",
    GATHER + "; court practice (common sense): the report lists each source with the date it was received, so a "
    "date after today tells the court something untrue, and may mean the report relies on information not yet in "
    "hand (a blocker, like a date signed in the future)",
    message="A source has a date received after today.",
    fix="Enter the date it was received. If it has not arrived yet, mark it requested.",
)
RECEIVED_BEFORE_REQUESTED = define(
    "sources.received-before-requested", W, "No source is received before it was asked for",
    GATHER + "; common sense: information asked for cannot arrive before it was asked for, so one of the two "
    "dates is a slip (a warning: the time asked is not printed for a source received)",
    message="A source is recorded as received before it was asked for.",
    fix="Check the date and time it was asked for and the date it was received.",
)

_CHECKS: dict[SourceKind, tuple[RuleInfo, RuleInfo, RuleInfo]] = {
    SourceKind.DOMESTIC_ABUSE_CALLOUTS: (DA_MISSING, DA_RESULT, DA_REASON),
    SourceKind.SAFEGUARDING: (SG_MISSING, SG_RESULT, SG_REASON),
}
if set(_CHECKS) != CHECK_KINDS:  # the checks are named once, in domain.sources; each needs its rules here
    raise RuntimeError("rules/sources.py: every kind in domain.sources.CHECK_KINDS needs its three rules")


@rule
def any_sources(facts: CaseFacts):
    if not facts.case.sources:
        yield facts.hit(NONE_RECORDED, "sources")


@rule
def interview(facts: CaseFacts):
    if not facts.wants(INTERVIEW):
        return
    interviews = facts.sources_of(SourceKind.INTERVIEW)
    for _index, source in interviews:
        if source.status is SourceStatus.RECEIVED:
            return
        if needs_reason(source.status) and filled(source.not_available_reason):
            return
    if not interviews:
        yield facts.hit(INTERVIEW, "sources")
        return
    # Listed, but not yet marked done or accounted for: saying it is not recorded would be untrue.
    index, _source = interviews[0]
    yield facts.hit(INTERVIEW, f"sources[{index}].status", INTERVIEW_NOT_DONE, INTERVIEW_NOT_DONE_FIX)


@rule
def checks(facts: CaseFacts):
    for kind, (missing, result, reason) in _CHECKS.items():
        entries = facts.sources_of(kind)
        received = [(i, s) for i, s in entries if s.status is SourceStatus.RECEIVED]
        not_available = [(i, s) for i, s in entries if needs_reason(s.status)]
        if any(s.concerns_identified is not None for _, s in received):
            continue
        if any(filled(s.not_available_reason) for _, s in not_available):
            continue
        if received:
            yield facts.hit(result, f"sources[{received[0][0]}].concerns_identified")
        elif not_available:
            yield facts.hit(reason, f"sources[{not_available[0][0]}].not_available_reason")
        elif entries:
            index, source = entries[0]
            words = SOURCE_WORDS[kind]
            if source.status is SourceStatus.NOT_APPLICABLE:
                message = f"The {words} is marked not applicable, but it is needed for every report."
            elif source.status is SourceStatus.REQUESTED:
                message = f"The {words} was requested but there is no result yet."
            else:
                message = f"The {words} has no status or result."
            yield facts.hit(missing, f"sources[{index}].status", message)
        else:
            yield facts.hit(missing, "sources")


@rule
def caveat(facts: CaseFacts):
    if facts.checks_not_available and not facts.adjourning and not filled(facts.case.proposal.checks_caveat):
        yield facts.hit(CAVEAT, "proposal.checks_caveat")


@rule
def each_source(facts: CaseFacts):
    for index, source in enumerate(facts.case.sources):
        if source.kind is None:
            yield facts.hit(
                INCOMPLETE, f"sources[{index}].kind", "A source does not say what kind of source it is.",
                "Select the kind of source, or remove the empty entry.",
            )
        elif source.status is None:
            yield facts.hit(
                INCOMPLETE, f"sources[{index}].status",
                f"The {SOURCE_WORDS[source.kind]} has no status.",
                "Select whether it was requested, received, not available on the day or not applicable.",
            )
        if source.kind in CHECK_KINDS:
            continue
        if needs_reason(source.status) and not filled(source.not_available_reason):
            yield facts.hit(REASON, f"sources[{index}].not_available_reason")
        if source.status is SourceStatus.REQUESTED and source.kind is not None:
            yield facts.hit(
                OUTSTANDING, f"sources[{index}].status",
                f"An enquiry is still outstanding: {SOURCE_WORDS[source.kind]}, requested and not yet received.",
                "Record it when it arrives, or mark it 'not available on the day' with a reason.",
            )


@rule
def verification(facts: CaseFacts):
    if not facts.wants(VERIFIED) or not facts.case.sources:
        return
    if not any(
        s.status is SourceStatus.RECEIVED and s.kind is not SourceKind.INTERVIEW and s.verified is True
        for s in facts.case.sources
    ):
        yield facts.hit(VERIFIED, "sources")


@rule
def significant_others(facts: CaseFacts):
    case = facts.case
    if facts.wants(SIGNIFICANT) and not case.significant_others and not facts.sources_of(SourceKind.SIGNIFICANT_OTHER):
        yield facts.hit(SIGNIFICANT, "significant_others")
    for index, other in enumerate(case.significant_others):
        if contacted_against_wishes(other):
            yield facts.hit(SO_REFUSED, f"significant_others[{index}].consent_to_contact")
        elif was_contacted(other) and other.consent_to_contact is not True:
            yield facts.hit(SO_CONSENT, f"significant_others[{index}].consent_to_contact")


@rule
def source_dates(facts: CaseFacts):
    for index, source in enumerate(facts.case.sources):
        received = source.received_on
        if received is None:
            continue
        field = f"sources[{index}].received_on"
        if received > facts.today:
            # Still marked requested: "mark it requested" would be no help.
            fix = (
                "Clear the date received, or mark the source received if it has arrived."
                if source.status is SourceStatus.REQUESTED else None
            )
            yield facts.hit(RECEIVED_IN_FUTURE, field, _naming(RECEIVED_IN_FUTURE, source.kind), fix)
        # Compared only with a date received that can be true: a future one is already a finding of its own.
        elif source.requested_at is not None and source.requested_at.date() > received:
            yield facts.hit(RECEIVED_BEFORE_REQUESTED, field, _naming(RECEIVED_BEFORE_REQUESTED, source.kind))


def _naming(info: RuleInfo, kind: SourceKind | None) -> str:
    """The rule's message, naming the kind of source when it is known ("...: GP.")."""
    if kind is None:
        return info.message
    return f"{info.message[:-1]}: {SOURCE_WORDS[kind]}."
