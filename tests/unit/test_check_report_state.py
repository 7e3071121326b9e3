"""Draft or final is decided once (domain.report_state), for the app, the CLI and the preview."""

from __future__ import annotations

from psr_assist.domain.case import Case, ReportStatus, SignOff
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.report_state import export_as_draft, is_final


def _finding(severity: Severity) -> Finding:
    return Finding(rule_id="review.final-not-signed", severity=severity, step="review", field="sign_off.signed_on",
                   message="m", fix="f")


def test_only_a_finalised_report_is_final():
    assert not is_final(Case())
    assert is_final(Case(sign_off=SignOff(status=ReportStatus.FINAL)))


def test_a_report_is_a_draft_until_finalised_whatever_was_asked():
    assert export_as_draft(Case(), [])
    assert export_as_draft(Case(), [], requested_draft=False)


def test_a_final_report_is_a_draft_only_when_asked_or_blocked():
    final = Case(sign_off=SignOff(status=ReportStatus.FINAL))
    assert not export_as_draft(final, [])
    assert not export_as_draft(final, [_finding(Severity.WARNING), _finding(Severity.ADVICE)])
    assert export_as_draft(final, [_finding(Severity.BLOCKER)])
    assert export_as_draft(final, [], requested_draft=True)
