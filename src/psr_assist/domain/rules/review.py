"""Review step: signed by the author, countersigned where needed, dated when final."""

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
    rosh = facts.case.risk.rosh
    if sign.dangerousness_report is None and at_least(highest_rosh(rosh), RoshLevel.HIGH):
        yield facts.hit(DANGEROUSNESS, "sign_off.dangerousness_report")
