"""Turning what an officer types into model values, and model errors into plain words.

Messages follow the GOV.UK pattern: say what to do ("Enter a date like 26/11/2026"), name the
field, never quote the value typed (it may be case text).
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import ValidationError

from psr_assist.domain.wording import lower_first

DATE_HINT = "26/11/2026"
DATETIME_HINT = "26/11/2026 14:30"


class FieldValueError(ValueError):
    """What the officer typed cannot be used. ``str()`` is the message to show beside the field."""


# Dates written in digits, typed or pasted: ISO (2026-11-26) or day first with any common
# separator (26/11/2026, 26-11-2026, 26.11.2026). The pasted forms add a time to these.
ISO_DATE = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
DAY_FIRST_DATE = r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})"
_DIGIT_DATES = (re.compile(ISO_DATE), re.compile(DAY_FIRST_DATE))


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date typed in digits, the mask's blanks and spaces ignored."""
    text = text.strip().replace("_", "").replace(" ", "")
    for pattern in _DIGIT_DATES:
        m = pattern.fullmatch(text)
        if m:
            return int(m["y"]), int(m["m"]), int(m["d"])
    return None


def parse_date(text: str, label: str = "Date") -> dt.date | None:
    """``26/11/2026``, ``26-11-2026`` or ``2026-11-26`` → a date; empty → None."""
    raw = (text or "").strip().replace("_", "")
    if raw.replace("/", "").replace(" ", "") == "":
        return None
    parts = _date_parts(raw)
    if parts is None:
        digits = re.sub(r"\D", "", raw)
        if 0 < len(digits) < 8:
            raise FieldValueError(f"{label} must include a day, month and year, like {DATE_HINT}")
        raise FieldValueError(f"Enter a date like {DATE_HINT}")
    year, month, day = parts
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise FieldValueError(f"{label} must be a real date, like {DATE_HINT}") from None


def parse_datetime(text: str, label: str = "Date and time") -> dt.datetime | None:
    """``26/11/2026 14:30`` (or ISO ``2026-11-26T14:30``) → a datetime; empty → None.

    A date without a time is taken as midnight only when typed in full as ISO; the masked
    input always asks for the time.
    """
    raw = (text or "").strip().replace("_", "")
    if re.sub(r"[/: T-]", "", raw) == "":
        return None
    m = re.fullmatch(r"\s*(\S+?)[ T]+(\d{1,2}):(\d{2})(?::\d{2})?\s*", raw)
    if not m:
        if _date_parts(raw) is not None:
            raise FieldValueError(f"{label} must include a time, like {DATETIME_HINT}")
        raise FieldValueError(f"Enter a date and time like {DATETIME_HINT}")
    try:
        date = parse_date(m.group(1), label)
    except FieldValueError:
        # The example shows the time too: "like 26/11/2026" in a date-and-time answer said half.
        raise FieldValueError(f"{label} must be a real date and time, like {DATETIME_HINT}") from None
    assert date is not None
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise FieldValueError(f"{label} must be a real time, like 14:30")
    return dt.datetime(date.year, date.month, date.day, hour, minute)


def format_date(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y %H:%M")


def parse_int(text: str, label: str = "This") -> int | None:
    raw = (text or "").strip().replace(",", "")
    if raw == "":
        return None
    if not re.fullmatch(r"-?\d+", raw):
        raise FieldValueError(f"Enter {lower_first(label)} as a whole number, like 12")
    return int(raw)


def parse_number(text: str, label: str = "This") -> float | None:
    raw = (text or "").strip().replace(",", "")
    if raw == "":
        return None
    if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", raw):
        raise FieldValueError(f"Enter {lower_first(label)} as a number, like 2.5")
    return float(raw)


def format_number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe_model_error(exc: ValidationError, label: str) -> str:
    """The first problem pydantic found with one field, in words an officer understands."""
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return f"Check {lower_first(label)}"
    err = errors[0]
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_long" or (kind == "too_long" and ctx.get("field_type") not in ("List", "Tuple", "Set")):
        # Text limits come through as "too_long" when the limit is checked after cleaning the text.
        limit = ctx.get("max_length")
        return f"{label} must be {limit:,} characters or fewer" if limit else f"{label} is too long"
    if kind == "too_long":
        return f"{label} has too many entries"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{label} must be {ctx.get('ge', ctx.get('gt'))} or more"
    if kind in ("less_than_equal", "less_than"):
        return f"{label} must be {ctx.get('le', ctx.get('lt'))} or less"
    if kind.startswith("int_"):
        return f"Enter {lower_first(label)} as a whole number, like 12"
    if kind.startswith("float_"):
        return f"Enter {lower_first(label)} as a number, like 2.5"
    if kind.startswith("datetime_"):
        return f"Enter a date and time like {DATETIME_HINT}"
    if kind.startswith("date_"):
        return f"Enter a date like {DATE_HINT}"
    if kind in ("enum", "literal_error"):
        return f"Select one of the choices for {lower_first(label)}"
    if kind.startswith("bool_"):
        return f"Select yes or no for {lower_first(label)}"
    return f"Check {lower_first(label)}: it cannot be saved as typed"
