from __future__ import annotations

import datetime as dt

from psr_assist.domain.case import Case, SourceKind, SourceStatus
from psr_assist.domain.check import rule
from psr_assist.domain.findings import Finding, Severity


@rule
def da_check_missing(case: Case, today: dt.date):
    kinds = {s.kind for s in case.sources if s.status in (SourceStatus.RECEIVED, SourceStatus.NOT_AVAILABLE)}
    if SourceKind.DOMESTIC_ABUSE_CALLOUTS not in kinds:
        yield Finding(
            rule_id="sources.da-check-missing",
            severity=Severity.BLOCKER,
            step="sources",
            field="sources",
            message="There is no result for the police domestic abuse call-out check.",
            fix="Record the result of the domestic abuse check, or mark it 'not available on the day' with a reason.",
        )
