"""Impossible dates never pass the check: the edges of each date rule.

Found in a real terminal: a report finalised as "Signed on 5 January 2030" and "Countersigned on
1 January 2030", an offence printed as committed after the hearing, and sources received before
they were asked for or in the future, all with no finding. For each rule: the same day is fine,
one day later is not, and a date not entered is not this rule's business.
"""

from __future__ import annotations

import datetime as dt

import pytest

from psr_assist.domain.case import Case, ReportStatus
from psr_assist.domain.check import check_case
from psr_assist.domain.findings import Severity, has_blockers
from psr_assist.domain.report_state import export_as_draft
from tests.fixtures.cases import HEARING, TODAY, clean_case

DAY = dt.timedelta(days=1)

SIGNED_FUTURE = "review.signed-date-in-future"
COUNTER_FUTURE = "review.countersigned-date-in-future"
COUNTER_BEFORE = "review.countersigned-before-signed"
OFFENCE = "case.offence-date-after-hearing"
RECEIVED_FUTURE = "sources.received-date-in-future"
RECEIVED_EARLY = "sources.received-before-requested"


def _found(case: Case, rule_id: str, today: dt.date = TODAY):
    return [f for f in check_case(case, today) if f.rule_id == rule_id]


def _ids(case: Case, today: dt.date = TODAY) -> set[str]:
    return {f.rule_id for f in check_case(case, today)}


# ---------------------------------------------------------------- sign-off


def _signed(on: dt.date | None, *, final: bool = True, countersigned: dt.date | None = None) -> Case:
    case = clean_case()
    case.sign_off.status = ReportStatus.FINAL if final else ReportStatus.DRAFT
    case.sign_off.signed_on = on
    if countersigned is not None:
        case.sign_off.countersigned_by = "Senior probation officer (fictional)"
        case.sign_off.countersigned_on = countersigned
    return case


def test_the_reported_final_report_with_dates_in_2030_cannot_go_to_court():
    case = _signed(dt.date(2030, 1, 5), countersigned=dt.date(2030, 1, 1))
    findings = check_case(case, TODAY)
    assert {f.rule_id for f in findings} == {SIGNED_FUTURE, COUNTER_FUTURE}
    assert all(f.severity is Severity.BLOCKER for f in findings)
    assert {f.field for f in findings} == {"sign_off.signed_on", "sign_off.countersigned_on"}
    assert has_blockers(findings) and export_as_draft(case, findings)  # only ever a draft
    signed = next(f for f in findings if f.rule_id == SIGNED_FUTURE)
    assert signed.message.startswith("The date signed is after today.")
    assert signed.fix == "Enter the date the report was signed."


def test_signed_today_is_fine_and_tomorrow_is_not():
    assert check_case(_signed(TODAY), TODAY) == []
    assert check_case(_signed(TODAY - 30 * DAY), TODAY) == []
    [found] = _found(_signed(TODAY + DAY), SIGNED_FUTURE)
    assert found.step == "review" and found.field == "sign_off.signed_on"


def test_the_date_signed_is_compared_with_today_not_the_hearing():
    # A report is signed before the hearing; checked after it, that is still fine.
    case = _signed(HEARING - 3 * DAY)
    assert SIGNED_FUTURE not in _ids(case, today=HEARING + 10 * DAY)
    # Checked on a day before the date signed, the date is still to come.
    assert SIGNED_FUTURE in _ids(case, today=HEARING - 4 * DAY)


def test_a_draft_with_a_date_signed_in_the_future_is_wrong_too():
    """No one signs in advance, and signing keeps a date already entered: drafts are checked as well."""
    [found] = _found(_signed(TODAY + DAY, final=False), SIGNED_FUTURE)
    assert found.severity is Severity.BLOCKER


def test_no_date_signed_is_the_final_report_rule_not_this_one():
    assert _ids(_signed(None, final=False)) == set()
    ids = _ids(_signed(None))
    assert ids == {"review.final-not-signed"}


def test_countersigned_on_the_day_signed_or_later_is_fine():
    assert check_case(_signed(TODAY - DAY, countersigned=TODAY - DAY), TODAY) == []
    assert check_case(_signed(TODAY - DAY, countersigned=TODAY), TODAY) == []


def test_countersigned_the_day_before_the_signature_is_not():
    [found] = _found(_signed(TODAY, countersigned=TODAY - DAY), COUNTER_BEFORE)
    assert found.severity is Severity.BLOCKER and found.field == "sign_off.countersigned_on"
    assert found.message == "The countersignature is dated before the report was signed."
    # A draft too: the dates say what happened.
    assert COUNTER_BEFORE in _ids(_signed(TODAY, final=False, countersigned=TODAY - DAY))


def test_countersigned_today_is_fine_and_tomorrow_is_not():
    assert COUNTER_FUTURE not in _ids(_signed(TODAY, countersigned=TODAY))
    [found] = _found(_signed(TODAY, countersigned=TODAY + DAY), COUNTER_FUTURE)
    assert found.field == "sign_off.countersigned_on"
    assert _ids(_signed(TODAY, countersigned=TODAY + DAY)) == {COUNTER_FUTURE}


def test_a_countersignature_date_without_a_date_signed_is_not_compared():
    case = _signed(None, final=False, countersigned=TODAY - 5 * DAY)
    assert _ids(case) == set()


def test_a_date_signed_in_the_future_is_not_also_compared_with_the_countersignature():
    """One finding per wrong date: the countersignature is not said to be early against a date that is wrong."""
    assert _ids(_signed(TODAY + 5 * DAY, countersigned=TODAY)) == {SIGNED_FUTURE}


# ---------------------------------------------------------------- offences


def _offence_on(when: dt.date | None, *, hearing: dt.date | None = HEARING, index: int = 0) -> Case:
    case = clean_case()
    case.case_details.hearing_date = hearing
    if index:
        case.case_details.offences.append(case.case_details.offences[0].model_copy())
    case.case_details.offences[index].offence_date = when
    return case


def test_an_offence_on_the_hearing_date_is_fine_and_the_day_after_is_not():
    assert check_case(_offence_on(HEARING), TODAY) == []
    [found] = _found(_offence_on(HEARING + DAY), OFFENCE)
    assert found.severity is Severity.BLOCKER and found.step == "case"
    assert found.field == "case_details.offences[0].offence_date"
    assert found.message.startswith("An offence is dated after the hearing date")


def test_the_field_names_the_offence_that_is_wrong():
    [found] = _found(_offence_on(HEARING + DAY, index=1), OFFENCE)
    assert found.field == "case_details.offences[1].offence_date"


def test_the_reported_offence_in_2027_is_found():
    assert OFFENCE in _ids(_offence_on(dt.date(2027, 1, 1)))


def test_without_a_hearing_date_the_offence_is_compared_with_today():
    assert _ids(_offence_on(TODAY, hearing=None)) == {"case.hearing-date-missing"}
    [found] = _found(_offence_on(TODAY + DAY, hearing=None), OFFENCE)
    assert found.message == "An offence is dated in the future."


def test_an_offence_after_today_is_wrong_even_before_a_later_hearing():
    hearing = TODAY + 14 * DAY
    assert OFFENCE not in _ids(_offence_on(TODAY, hearing=hearing))
    [found] = _found(_offence_on(TODAY + DAY, hearing=hearing), OFFENCE)
    assert found.message == "An offence is dated in the future."


def test_an_offence_with_no_date_is_not_this_rules_business():
    assert OFFENCE not in _ids(_offence_on(None))


# ---------------------------------------------------------------- sources


def _source(received: dt.date | None, requested: dt.datetime | str | None = None) -> Case:
    case = clean_case()
    gp = case.sources[3]
    gp.received_on = received
    gp.requested_at = requested
    return case


def test_received_today_is_fine_and_tomorrow_is_not():
    assert check_case(_source(TODAY), TODAY) == []
    [found] = _found(_source(TODAY + DAY), RECEIVED_FUTURE)
    assert found.severity is Severity.BLOCKER and found.step == "sources"
    assert found.field == "sources[3].received_on"
    assert found.message == "A source has a date received after today: GP."
    assert found.fix == "Enter the date it was received. If it has not arrived yet, mark it requested."


def test_a_source_of_no_kind_is_still_checked_in_plain_words():
    case = _source(TODAY + DAY)
    case.sources[3].kind = None
    [found] = _found(case, RECEIVED_FUTURE)
    assert found.message == "A source has a date received after today."


def test_received_later_on_the_day_it_was_asked_for_is_fine():
    assert check_case(_source(TODAY - DAY, dt.datetime(2026, 5, 31, 16, 45)), TODAY) == []
    assert check_case(_source(TODAY - DAY, dt.datetime(2026, 5, 20, 9, 0)), TODAY) == []


def test_received_the_day_before_it_was_asked_for_is_a_warning():
    [found] = _found(_source(TODAY - DAY, dt.datetime(2026, 6, 1, 9, 0)), RECEIVED_EARLY)
    assert found.severity is Severity.WARNING and found.field == "sources[3].received_on"
    assert found.message == "A source is recorded as received before it was asked for: GP."
    assert _ids(_source(TODAY - DAY, dt.datetime(2026, 6, 1, 9, 0))) == {RECEIVED_EARLY}


def test_a_time_asked_with_a_zone_is_compared_by_its_own_date():
    late_evening = dt.datetime(2026, 5, 20, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert RECEIVED_EARLY not in _ids(_source(dt.date(2026, 5, 20), late_evening))
    assert RECEIVED_EARLY in _ids(_source(dt.date(2026, 5, 19), late_evening))


@pytest.mark.parametrize("requested", [None, dt.datetime(2026, 5, 1, 9, 0)])
def test_no_date_received_is_not_these_rules_business(requested):
    ids = _ids(_source(None, requested))
    assert RECEIVED_EARLY not in ids and RECEIVED_FUTURE not in ids


def test_a_date_received_in_the_future_is_not_also_compared_with_the_time_asked():
    assert _ids(_source(TODAY + 3 * DAY, dt.datetime(2026, 6, 10, 9, 0))) == {RECEIVED_FUTURE}


def test_date_findings_never_quote_the_case():
    case = _source(TODAY + DAY)
    case.sources[3].label = "Zyxwvut surgery"
    case.case_details.offences[0].description = "Zyxwvut"
    case.case_details.offences[0].offence_date = HEARING + DAY
    case.sign_off.author_name = "Zyxwvut"
    case.sign_off.signed_on = TODAY + DAY
    findings = check_case(case, TODAY)
    assert {OFFENCE, RECEIVED_FUTURE, SIGNED_FUTURE} <= {f.rule_id for f in findings}
    for finding in findings:
        assert "zyxwvut" not in (finding.message + finding.fix).lower()
