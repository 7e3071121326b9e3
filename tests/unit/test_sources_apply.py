"""Which answers a source has (domain/sources.py) is what the check asks for, and no more.

The source editor shows "Why it is not available" only where ``source_field_applies`` says so,
so these tests tie that to the check: the check asks for a reason only for those statuses, and
a reason kept on a source with another status (hidden in the editor) changes no finding.
"""

from __future__ import annotations

import pytest

from psr_assist.domain.case import Case, Source, SourceKind, SourceStatus
from psr_assist.domain.check import check_case
from psr_assist.domain.sources import REASON_STATUSES, needs_reason, source_field_applies

REASON = "The police unit could not respond before the hearing."
KINDS = [None, *SourceKind]


def findings(*sources: Source) -> list[tuple[str, str, str]]:
    return sorted((f.rule_id, f.field or "", f.message) for f in check_case(Case(id="src", sources=list(sources))))


def test_only_a_source_not_available_on_the_day_needs_a_reason() -> None:
    assert REASON_STATUSES == {SourceStatus.NOT_AVAILABLE}
    assert needs_reason(SourceStatus.NOT_AVAILABLE)
    for status in (None, SourceStatus.REQUESTED, SourceStatus.RECEIVED, SourceStatus.NOT_APPLICABLE):
        assert not needs_reason(status)


@pytest.mark.parametrize("status", list(SourceStatus))
def test_the_reason_applies_exactly_when_it_is_needed(status: SourceStatus) -> None:
    assert source_field_applies(status, "not_available_reason") is needs_reason(status)
    for other in ("kind", "label", "contact", "status", "verified", "summary", "received_on"):
        assert source_field_applies(status, other)


def test_every_answer_applies_before_the_status_is_chosen() -> None:
    for name in Source.model_fields:
        assert source_field_applies(None, name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [None, *SourceStatus])
def test_the_check_asks_for_a_reason_only_where_the_editor_shows_it(
    kind: SourceKind | None, status: SourceStatus | None
) -> None:
    asked = [f for f in findings(Source(kind=kind, status=status)) if f[1] == "sources[0].not_available_reason"]
    if asked:
        assert source_field_applies(status, "not_available_reason")
    if status in REASON_STATUSES and kind is not None:
        assert asked, "a source not available on the day with no reason is pointed at its reason"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", [s for s in SourceStatus if not needs_reason(s)])
def test_a_reason_hidden_by_the_status_changes_no_finding(kind: SourceKind | None, status: SourceStatus) -> None:
    # The editor hides the reason (keeping its words) for these statuses: the check ignores it too.
    assert findings(Source(kind=kind, status=status, not_available_reason=REASON)) == findings(
        Source(kind=kind, status=status)
    )


@pytest.mark.parametrize("kind", [SourceKind.DOMESTIC_ABUSE_CALLOUTS, SourceKind.SAFEGUARDING, SourceKind.GP,
                                  SourceKind.INTERVIEW])
def test_a_reason_given_where_it_applies_answers_the_check(kind: SourceKind) -> None:
    without = findings(Source(kind=kind, status=SourceStatus.NOT_AVAILABLE))
    with_reason = findings(Source(kind=kind, status=SourceStatus.NOT_AVAILABLE, not_available_reason=REASON))
    assert any(f[1] == "sources[0].not_available_reason" for f in without)
    assert not any(f[1] == "sources[0].not_available_reason" for f in with_reason)
    assert len(with_reason) < len(without)


def test_every_check_the_report_states_is_one_the_check_asks_for():
    """The checks are named once (domain.sources.CHECK_KINDS): each one missing from a complete
    case is a blocker of its own."""
    from psr_assist.domain.check import check_case
    from psr_assist.domain.findings import Severity
    from psr_assist.domain.sources import CHECK_KINDS
    from tests.fixtures.cases import TODAY, clean_case

    for kind in CHECK_KINDS:
        case = clean_case()
        case.sources = [s for s in case.sources if s.kind is not kind]
        found = [f for f in check_case(case, TODAY) if f.severity is Severity.BLOCKER]
        assert [f.rule_id for f in found if f.rule_id.endswith("-check-missing")], kind


def test_a_future_date_received_on_a_source_still_requested_says_how_to_put_it_right():
    """The fix said "If it has not arrived yet, mark it requested" to a source already requested."""
    import datetime as dt

    from psr_assist.domain.case import SourceStatus
    from psr_assist.domain.check import check_case
    from tests.fixtures.cases import TODAY, clean_case

    case = clean_case()
    case.sources[0].status = SourceStatus.REQUESTED
    case.sources[0].received_on = TODAY + dt.timedelta(days=3)
    (finding,) = [f for f in check_case(case, TODAY) if f.rule_id == "sources.received-date-in-future"]
    assert finding.fix == "Clear the date received, or mark the source received if it has arrived."
    case.sources[0].status = SourceStatus.RECEIVED
    (finding,) = [f for f in check_case(case, TODAY) if f.rule_id == "sources.received-date-in-future"]
    assert "mark it requested" in finding.fix
