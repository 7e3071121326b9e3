"""Case step: the basics every report needs on its front sheet, and the offence analysis."""

from __future__ import annotations

from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE
_S31 = "Sentencing Act 2020 s31: a pre-sentence report assists the court in determining the most suitable sentence"
_MOJ = "MoJ pre-sentence service: defendant details (research/domain.md §1.1)"

REPORT_TYPE = define(
    "case.report-type-missing", B, "The report type is chosen",
    "Report types oral / FDR / SDR (research/domain.md §2; PI 04/2016)",
    message="The report type is not chosen. What the report must contain depends on it.",
    fix="Choose the report type: oral report, fast delivery report or standard delivery report.",
)
COURT = define(
    "case.court-missing", B, "The court is named", _MOJ,
    message="The court is not named.", fix="Enter the name of the court.",
)
HEARING_DATE = define(
    "case.hearing-date-missing", B, "The hearing date is entered", _MOJ,
    message="There is no hearing date. It decides which sentencing limits apply and the defendant's age.",
    fix="Enter the hearing date.",
)
AUTHOR = define(
    "case.author-missing", B, "The report author is named", _S31 + " (made by an appropriate officer)",
    message="The report does not say who wrote it.", fix="Enter the name of the report author.",
)
NAME = define(
    "case.defendant-name-missing", B, "The defendant is named", _MOJ,
    message="The defendant's name is missing.", fix="Enter the defendant's full name.",
)
DOB = define(
    "case.date-of-birth-missing", B, "The defendant's date of birth is entered", _MOJ,
    message="The defendant's date of birth is missing.", fix="Enter the defendant's date of birth.",
)
DOB_NOT_BEFORE_HEARING = define(
    "case.date-of-birth-not-before-hearing", B, "The date of birth is before the hearing date", _MOJ,
    message="The date of birth is not before the hearing date, so one of the two dates is wrong.",
    fix="Check the defendant's date of birth and the hearing date.",
)
#: The same finding while no hearing date is entered: the date of birth is compared with today.
DOB_NOT_BEFORE_TODAY = ("The date of birth is today or in the future.", "Check the defendant's date of birth.")
UNDER_18 = define(
    "case.defendant-under-18", W, "The defendant is an adult",
    "Sentencing Act 2020 s202(1)(a): a community order needs the offender to be 18 or over when convicted",
    message="On the hearing date the defendant is under 18. Adult community sentences are not available.",
    fix="Check the date of birth. Reports on children are written by the youth justice service.",
)
OFFENCES = define(
    "case.offences-missing", B, "At least one offence is described", _MOJ,
    message="No offence is described.", fix="Enter the main offence first, then any others.",
)
OFFENCE_DESCRIPTION = define(
    "case.offence-description-missing", W, "Every offence listed is described", _MOJ,
    message="An offence in the list has no description.", fix="Describe the offence, or remove the empty entry.",
)
PLEA = define(
    "case.plea-missing", W, "The plea or finding of guilt is recorded",
    "CSTR eligibility: a guilty plea or found guilty after trial (research/domain.md §3.3)",
    message="The report does not say whether the defendant pleaded guilty or was found guilty.",
    fix="Select the plea or finding of guilt.",
)
OFFENCE_ANALYSIS = define(
    "case.offence-analysis-missing", W, "The offence is analysed",
    "MoJ pre-sentence service: offence analysis; guide: assessment is well-informed, analytical and personalised",
    element="offence_analysis",
    message="There is no offence analysis.",
    fix="Analyse the offence: what happened, why, and the defendant's attitude to it.",
)
OFFENCE_DATE = define(
    "case.offence-date-after-hearing", B, "No offence is dated after the hearing date or in the future",
    _MOJ + "; court practice (common sense): a person is sentenced only for an offence already committed, and "
    "the report prints each offence's date, so a later date is a slip that must not reach the court",
    message="An offence is dated after the hearing date, so the offence date or the hearing date is wrong.",
    fix="Check the date of the offence and the hearing date.",
)
#: The same finding when the offence date is after today (a hearing date still to come, or none entered).
OFFENCE_DATE_FUTURE = ("An offence is dated in the future.", "Check the date of the offence.")
WORK_AFTER_HEARING = define(
    "case.work-dated-after-hearing", W, "No work for the report is dated after the hearing date",
    _MOJ + "; court practice (common sense): a report is prepared for its hearing, so work dated after it (a "
    "source received, a consent, the signature) means the hearing date is out of date, usually after an "
    "adjournment, or a date is a slip; the report prints both (a warning: the officer decides which is wrong)",
    message="Work for this report is dated after the hearing date, so the hearing date may be out of date.",
    fix="If the case was adjourned, enter the new hearing date; otherwise correct the later dates.",
)
PATTERN = define(
    "case.pattern-of-offending-missing", W, "The pattern of offending is described",
    "MoJ pre-sentence service: pattern of offending and response to supervision",
    element="pattern_of_offending",
    message="The pattern of offending and response to past supervision are not described.",
    fix="Describe the pattern of offending, or record that there are no previous offences.",
)


@rule
def basics(facts: CaseFacts):
    details = facts.case.case_details
    if details.report_type is None:
        yield facts.hit(REPORT_TYPE, "case_details.report_type")
    if not filled(details.court):
        yield facts.hit(COURT, "case_details.court")
    if details.hearing_date is None:
        yield facts.hit(HEARING_DATE, "case_details.hearing_date")
    if not filled(details.author):
        yield facts.hit(AUTHOR, "case_details.author")
    if not filled(details.defendant.name):
        yield facts.hit(NAME, "case_details.defendant.name")
    if details.defendant.date_of_birth is None:
        yield facts.hit(DOB, "case_details.defendant.date_of_birth")
    elif details.defendant.date_of_birth >= facts.reference_date:
        words = () if details.hearing_date is not None else DOB_NOT_BEFORE_TODAY
        yield facts.hit(DOB_NOT_BEFORE_HEARING, "case_details.defendant.date_of_birth", *words)
    elif facts.age is not None and facts.age < 18:
        yield facts.hit(UNDER_18, "case_details.defendant.date_of_birth")
    if not any(filled(o.description) for o in details.offences):
        yield facts.hit(OFFENCES, "case_details.offences")
    else:
        for index, offence in enumerate(details.offences):
            if not filled(offence.description):
                yield facts.hit(OFFENCE_DESCRIPTION, f"case_details.offences[{index}].description")
    if details.plea is None:
        yield facts.hit(PLEA, "case_details.plea")


@rule
def offence_dates(facts: CaseFacts):
    hearing = facts.case.case_details.hearing_date
    for index, offence in enumerate(facts.case.case_details.offences):
        when = offence.offence_date
        if when is None:
            continue
        field = f"case_details.offences[{index}].offence_date"
        if hearing is not None and when > hearing:
            yield facts.hit(OFFENCE_DATE, field)
        elif when > facts.today:
            yield facts.hit(OFFENCE_DATE, field, *OFFENCE_DATE_FUTURE)


def _work_dates(case) -> list[tuple[str, object]]:
    """(what, date) for each piece of work a report records a date for."""
    out: list[tuple[str, object]] = []
    out += [("a source received", s.received_on) for s in case.sources]
    out += [("someone close to them contacted", o.contacted_on) for o in case.significant_others]
    out += [("a screening tool given", r.administered_on) for r in (*case.screening.results, *case.screening.results_only)]
    out.append(("the specialist assessment", case.screening.specialist_assessment.assessed_on))
    out += [("a risk predictor", p.assessed_on) for p in case.risk.predictors]
    action = case.risk.risk_to_self.action_taken_at
    out.append(("the action on risk to self", action.date() if action else None))
    for requirement in case.proposal.requirements:
        if requirement.treatment is not None:
            out.append(("a provider's assessment", requirement.treatment.provider_assessed_on))
        if requirement.consent is not None:
            out.append(("a consent", requirement.consent.date))
    out.append(("the signature", case.sign_off.signed_on))
    out.append(("the countersignature", case.sign_off.countersigned_on))
    return out


@rule
def work_after_hearing(facts: CaseFacts):
    hearing = facts.case.case_details.hearing_date
    if hearing is None:
        return
    # Done, so up to today: a date after today is a slip the date rules already name.
    late = [what for what, when in _work_dates(facts.case) if when is not None and hearing < when <= facts.today]
    if late:
        names = list(dict.fromkeys(late))
        message = (f"Work for this report is dated after the hearing date ({', '.join(names)}), so the hearing date "
                   "may be out of date.")
        yield facts.hit(WORK_AFTER_HEARING, "case_details.hearing_date", message)


@rule
def offence_analysis(facts: CaseFacts):
    analysis = facts.case.offence_analysis
    if facts.wants(OFFENCE_ANALYSIS) and not filled(analysis.analysis):
        yield facts.hit(OFFENCE_ANALYSIS, "offence_analysis.analysis")
    if (
        facts.wants(PATTERN)
        and analysis.no_previous_offences is not True
        and not filled(analysis.pattern_of_offending)
    ):
        yield facts.hit(PATTERN, "offence_analysis.pattern_of_offending")
