"""Review step: signed by the author, countersigned where needed, dated when final, and dated truly.

The sign-off dates are checked on drafts too, not only on a final report. A date signed says when
something happened; a report is never signed "in advance", and signing in the app keeps a date
already entered, so a date typed ahead on a draft would otherwise reach the court on the final
report. A draft with no dates yet is not affected: a missing date is only the final report's business.
"""

from __future__ import annotations

from psr_assist.domain.case import ReportStatus, RoshLevel
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.report_state import countersignature_needed
from psr_assist.domain.risk_levels import at_least, highest_rosh
from psr_assist.domain.rules.facts import CaseFacts, filled

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

SIGN = "MoJ pre-sentence service: sign (author, dangerousness countersignature by an SPO, date) (research/domain.md §2)"

SIGN_OFF_NAME = define(
    "review.sign-off-name-missing", W, "The report names who signs it", SIGN,
    message="The report does not name the officer signing it.",
    fix="Enter the name of the officer signing the report.",
)
FINAL_NOT_SIGNED = define(
    "review.final-not-signed", B, "A final report is signed and dated", SIGN,
)
COUNTERSIGN = define(
    "review.countersignature-missing", B, "A dangerousness report is countersigned", SIGN,
    message="This is a dangerousness report, but it is not countersigned.",
    fix="Ask a senior probation officer to countersign the report and record their name.",
)
_DATED = (
    "; court practice (common sense): a report is dated the day it is signed and a countersignature comes after "
    "the signature it confirms, so a date after today, or a countersignature dated before the signature, is "
    "always a slip. Checked on drafts too: no one signs in advance, and signing keeps a date already entered"
)
SIGNED_IN_FUTURE = define(
    "review.signed-date-in-future", B, "The date signed is not after today", SIGN + _DATED,
    message="The date signed is after today. A court report cannot be dated in the future.",
    fix="Enter the date the report was signed.",
)
COUNTERSIGNED_IN_FUTURE = define(
    "review.countersigned-date-in-future", B, "The date countersigned is not after today", SIGN + _DATED,
    message="The date countersigned is after today. A court report cannot be dated in the future.",
    fix="Enter the date the report was countersigned.",
)
COUNTERSIGNED_BEFORE_SIGNED = define(
    "review.countersigned-before-signed", B, "The countersignature is not dated before the signature", SIGN + _DATED,
    message="The countersignature is dated before the report was signed.",
    fix="Enter the dates the report was signed and countersigned. The countersignature cannot be before the signature.",
)
DANGEROUSNESS = define(
    "review.dangerousness-not-recorded", A, "Whether the report addresses dangerousness is recorded where risk is high",
    SIGN,
    message="Risk of serious harm is high or very high, but the report does not say whether it is a dangerousness report.",
    fix="Record whether the report addresses dangerousness (a dangerousness report needs countersignature).",
)


@rule
def sign_off(facts: CaseFacts):
    sign = facts.case.sign_off
    if not filled(sign.author_name):
        yield facts.hit(SIGN_OFF_NAME, "sign_off.author_name")
    if sign.status is ReportStatus.FINAL:
        if not filled(sign.author_name):
            yield facts.hit(
                FINAL_NOT_SIGNED, "sign_off.author_name", "The report is final but no one has signed it.",
                "Enter the name of the officer signing the report.",
            )
        if sign.signed_on is None:
            yield facts.hit(
                FINAL_NOT_SIGNED, "sign_off.signed_on", "The report is final but the date it was signed is missing.",
                "Enter the date the report was signed.",
            )
    if countersignature_needed(sign) and not filled(sign.countersigned_by):
        yield facts.hit(COUNTERSIGN, "sign_off.countersigned_by")
    yield from _sign_off_dates(facts)
    rosh = facts.case.risk.rosh
    if sign.dangerousness_report is None and at_least(highest_rosh(rosh), RoshLevel.HIGH):
        yield facts.hit(DANGEROUSNESS, "sign_off.dangerousness_report")


def _sign_off_dates(facts: CaseFacts):
    sign = facts.case.sign_off
    signed, countersigned = sign.signed_on, sign.countersigned_on
    if signed is not None and signed > facts.today:
        yield facts.hit(SIGNED_IN_FUTURE, "sign_off.signed_on")
    if countersigned is None:
        return
    if countersigned > facts.today:
        yield facts.hit(COUNTERSIGNED_IN_FUTURE, "sign_off.countersigned_on")
    # Compared only with a date signed that can be true: a future one is already a finding of its own.
    elif signed is not None and signed <= facts.today and countersigned < signed:
        yield facts.hit(COUNTERSIGNED_BEFORE_SIGNED, "sign_off.countersigned_on")
