"""The render layer's public functions (re-exported lazily by ``psr_assist.render``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from psr_assist.domain.case import Case
from psr_assist.domain.findings import Finding
from psr_assist.render.blocks import DocumentSpec, to_text
from psr_assist.render.context import build_context

if TYPE_CHECKING:
    from docx.document import Document


def _context(case: Case, *, draft: bool, findings: list[Finding] | None, marking: str | None,
             today: dt.date | None) -> dict:
    today = today or dt.date.today()
    if draft and findings is None:
        from psr_assist.domain.check import check_case

        findings = check_case(case, today)
    return build_context(case, draft=draft, findings=findings, marking=marking, today=today)


def report_spec_for(case: Case, *, draft: bool, findings: list[Finding] | None = None,
                    marking: str | None = None, today: dt.date | None = None) -> DocumentSpec:
    from psr_assist.render.report import report_spec

    return report_spec(_context(case, draft=draft, findings=findings, marking=marking, today=today))


def companion_spec_for(case: Case, *, draft: bool = False, marking: str | None = None,
                       today: dt.date | None = None) -> DocumentSpec:
    from psr_assist.render.companion import companion_spec

    # The companion lists no findings, so the check is not run for it.
    return companion_spec(_context(case, draft=draft, findings=[], marking=marking, today=today))


def build_report(case: Case, *, draft: bool, findings: list[Finding] | None = None,
                 marking: str | None = None, today: dt.date | None = None) -> Document:
    """The pre-sentence report as a python-docx Document (in memory).

    ``draft``: marked DRAFT in header and body, with an appendix of open findings (``findings``,
    or ``check_case(case, today)`` when not given). Final: the sign-off block instead.
    ``marking``: the protective marking for header, footer and keywords (``None``: no marking).
    An oral report (``case_details.report_type == "oral"``) gives the short record of the oral report.
    """
    from psr_assist.render.docx_writer import to_docx

    return to_docx(report_spec_for(case, draft=draft, findings=findings, marking=marking, today=today))


def build_companion(case: Case, *, draft: bool = False, marking: str | None = None,
                    today: dt.date | None = None) -> Document:
    """The plain-English companion for the defendant as a python-docx Document (in memory)."""
    from psr_assist.render.docx_writer import to_docx

    return to_docx(companion_spec_for(case, draft=draft, marking=marking, today=today))


def report_text(case: Case, draft: bool = True, *, findings: list[Finding] | None = None,
                marking: str | None = None, today: dt.date | None = None) -> str:
    """The report as plain text, built from the same blocks as the .docx (for the review screen)."""
    return to_text(report_spec_for(case, draft=draft, findings=findings, marking=marking, today=today))


def companion_text(case: Case, draft: bool = False, *, marking: str | None = None,
                   today: dt.date | None = None) -> str:
    """The companion as plain text (for previews and the reading-ease test)."""
    return to_text(companion_spec_for(case, draft=draft, marking=marking, today=today))
