"""Typed and pasted dates: the digit forms a typed answer takes are the ones a paste takes."""

from __future__ import annotations

import datetime as dt

import pytest

from psr_assist.tui.field_values import FieldValueError, parse_date, parse_datetime
from psr_assist.tui.widgets.fields import pasted_date

DIGIT_FORMS = ["2026-12-03", "2026-12-3", "03/12/2026", "3/12/2026", "3-12-2026", "03.12.2026", " 03/12/2026 "]


@pytest.mark.parametrize("text", DIGIT_FORMS)
def test_a_digit_date_is_taken_typed_or_pasted(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 12, 3)
    assert pasted_date(text, with_time=False) == "03/12/2026"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2026-12-03T10:30", "03/12/2026 10:30"),
        ("2026-12-03 10:30:15.5", "03/12/2026 10:30"),
        ("03/12/2026 at 9.05", "03/12/2026 09:05"),
        ("3.12.2026, 09:05", "03/12/2026 09:05"),
        ("Thursday 3rd Dec 2026", "03/12/2026"),
        ("\u202e03/12/2026\u202c", "03/12/2026"),
    ],
)
def test_a_pasted_date_with_a_time_or_words_is_rewritten_as_shown(text: str, shown: str) -> None:
    assert pasted_date(text, with_time=True) == shown
    assert pasted_date(text, with_time=False) == shown[:10]


@pytest.mark.parametrize("text", ["next Tuesday", "2026/12/03", "03/12/26", "3 Smarch 2026", "03 12 2026x"])
def test_what_is_not_a_date_is_not_rewritten(text: str) -> None:
    assert pasted_date(text, with_time=True) is None


def test_typed_dates_keep_their_messages() -> None:
    assert parse_date("__/__/____") is None
    assert parse_date("26/11/2026") == dt.date(2026, 11, 26)
    with pytest.raises(FieldValueError, match="must include a day, month and year"):
        parse_date("26/11/____", "Hearing date")
    with pytest.raises(FieldValueError, match="must be a real date"):
        parse_date("31/02/2026", "Hearing date")
    with pytest.raises(FieldValueError, match="must include a time"):
        parse_datetime("26/11/2026", "Action taken")
    assert parse_datetime("26/11/2026 14:30") == dt.datetime(2026, 11, 26, 14, 30)
    # Found in tmux: a date-and-time answer's example left out the time.
    with pytest.raises(FieldValueError) as wrong:
        parse_datetime("31/02/2026 10:00", "When you asked")
    assert str(wrong.value) == "When you asked must be a real date and time, like 26/11/2026 14:30"


def test_an_enquiry_asked_at_a_time_still_to_come_is_pointed_out():
    import datetime as dt

    from psr_assist.domain.case import Case, Source, SourceKind, SourceStatus
    from psr_assist.domain.questions import question_bank
    from psr_assist.tui.widgets.wizard_parts import outstanding_enquiries

    now = dt.datetime(2026, 11, 27, 1, 19)
    case = Case(sources=[Source(kind=SourceKind.GP, status=SourceStatus.REQUESTED,
                                requested_at=dt.datetime(2026, 11, 27, 9, 35))])
    [line] = outstanding_enquiries(case, question_bank(), now)
    assert line.endswith("asked 27/11 09:35, a time still to come: check the date and time")
    case.sources[0].requested_at = dt.datetime(2026, 11, 26, 23, 19)
    [line] = outstanding_enquiries(case, question_bank(), now)
    assert line.endswith("asked 26/11 23:19, 2 h ago")


def test_the_band_key_names_a_one_score_band_by_its_score():
    from psr_assist.domain.scoring import get_instrument
    from psr_assist.tui.widgets.score_bar import band_key

    dast = band_key(get_instrument("dast10"))
    assert dast.startswith("0 No problems reported · 1–2 ")  # not "0–0"
    assert band_key(get_instrument("phq9")).startswith("0–4 ")
