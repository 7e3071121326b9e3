"""Whether a report goes out as a draft: decided here once, for the app, the CLI and the preview.

A report is final only when it has been signed and finalised (``sign_off.status`` is
``final``). Anything else is a draft: marked DRAFT on every page, with an appendix of open
findings and no sign-off block. Blockers never allow a final report; whether a draft may be
exported despite them is the caller's gate (the officer asks for a draft explicitly).
"""

from __future__ import annotations

from collections.abc import Iterable

from psr_assist.domain.case import Case, ReportStatus, SignOff
from psr_assist.domain.findings import Finding, has_blockers

#: The protective marking offered for a report and its companion (Government Security
#: Classifications: OFFICIAL, with the SENSITIVE handling caveat for personal data of this kind).
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


def is_final(case: Case) -> bool:
    """True when the report has been signed and finalised."""
    return case.sign_off.status is ReportStatus.FINAL


def countersignature_needed(sign_off: SignOff) -> bool:
    """A dangerousness report must be countersigned (by a senior probation officer)."""
    return sign_off.dangerousness_report is True


def export_as_draft(case: Case, findings: Iterable[Finding], requested_draft: bool = False) -> bool:
    """True when the exported report must be marked DRAFT.

    That is when a draft was asked for, when the check finds blockers, or when the report has not
    been finalised.
    """
    return requested_draft or has_blockers(list(findings)) or not is_final(case)
