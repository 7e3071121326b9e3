"""Sentencing limits (``prompts/limits.yaml``): one versioned data file, validated at load.

Each limit has an id, a title, a unit and dated entries (``applies_from``), each with its legal
source. The check picks the latest *verified* entry in force on the hearing date; an unverified
later entry is reported to the officer, never applied silently (see the file's header).
"""


import datetime as dt
import functools
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

LIMITS_FILE = "limits.yaml"

#: The limits the check knows how to apply (rules/limits.py). The file must define exactly these.
LIMIT_IDS: frozenset[str] = frozenset(
    {
        "community-order-length",
        "upw-hours",
        "curfew-hours-per-day",
        "curfew-hours-per-week",
        "curfew-period",
        "sso-custodial-term",
        "sso-operational-period",
        "sso-supervision-period",
        "supervision-within-operational",
        "requirement-within-order",
    }
)

#: Statutory thresholds the rules use (``thresholds`` in the file); the file must define exactly these.
THRESHOLD_IDS: frozenset[str] = frozenset({"drr-review-period"})

Unit = Literal["months", "weeks", "hours", "hours_per_day", "hours_per_week"]

UNIT_WORDS: dict[str, tuple[str, str]] = {
    "months": ("month", "months"),
    "weeks": ("week", "weeks"),
    "hours": ("hour", "hours"),
    "hours_per_day": ("hour a day", "hours a day"),
    "hours_per_week": ("hour in 7 days", "hours in 7 days"),
}

_Text = Annotated[str, Field(min_length=1)]


class _Content(BaseModel):
    # Built on first validation, not at import: content kept from an earlier run needs no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LimitEntry(_Content):
    applies_from: dt.date
    min: Annotated[float, Field(ge=0)] | None = None
    max: Annotated[float, Field(gt=0)] | None = None
    summary: _Text  # how the limit is said to an officer: "40 to 300 hours in total"
    source: _Text  # the legal provision
    verified: StrictBool
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "LimitEntry":
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"entry from {self.applies_from}: min {self.min:g} is more than max {self.max:g}")
        return self

    def allows(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Limit(_Content):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    title: _Text
    kind: Literal["range", "within"]
    unit: Unit | None = None
    entries: Annotated[list[LimitEntry], Field(min_length=1)]

    @model_validator(mode="after")
    def _check(self) -> "Limit":
        dates = [e.applies_from for e in self.entries]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError(f"limit {self.id!r}: entries must be in date order, one per applies_from date")
        if self.kind == "range":
            if self.unit is None:
                raise ValueError(f"limit {self.id!r}: a range needs a unit")
            for entry in self.entries:
                if entry.min is None and entry.max is None:
                    raise ValueError(f"limit {self.id!r}: entry from {entry.applies_from} has neither min nor max")
        else:
            if self.unit is not None or any(e.min is not None or e.max is not None for e in self.entries):
                raise ValueError(f"limit {self.id!r}: a 'within' limit has no unit, min or max")
        if not self.entries[0].verified:
            raise ValueError(f"limit {self.id!r}: the first entry must be verified")
        return self

    def in_force(self, on: dt.date) -> LimitEntry | None:
        """The latest verified entry applying on ``on`` (None before the first entry)."""
        found = None
        for entry in self.entries:
            if entry.applies_from <= on and entry.verified:
                found = entry
        return found

    def pending(self, on: dt.date) -> LimitEntry | None:
        """A later *unverified* entry that would apply on ``on``, if any (never applied silently)."""
        current = self.in_force(on)
        found = None
        for entry in self.entries:
            if entry.applies_from <= on and not entry.verified and (
                current is None or entry.applies_from > current.applies_from
            ):
                found = entry
        return found

    def describe_value(self, value: float) -> str:
        one, many = UNIT_WORDS[self.unit or "months"]
        return f"{value:g} {one if value == 1 else many}"


class Threshold(_Content):
    """A number in the law that changes what a proposal must contain (not a limit on the proposal)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    title: _Text
    unit: Unit
    value: Annotated[float, Field(gt=0)]
    summary: _Text
    source: _Text
    verified: StrictBool
    note: str | None = None

    def words(self) -> str:
        """``"12 months"``."""
        one, many = UNIT_WORDS[self.unit]
        return f"{self.value:g} {one if self.value == 1 else many}"


class SentencingLimits(_Content):
    version: int
    limits: list[Limit]
    thresholds: list[Threshold]

    @model_validator(mode="after")
    def _complete(self) -> "SentencingLimits":
        ids = [limit.id for limit in self.limits]
        if len(set(ids)) != len(ids):
            raise ValueError("two limits share an id")
        missing = LIMIT_IDS - set(ids)
        if missing:
            raise ValueError(f"limits missing: {', '.join(sorted(missing))}")
        unknown = set(ids) - LIMIT_IDS
        if unknown:
            raise ValueError(f"unknown limits (the check cannot apply them): {', '.join(sorted(unknown))}")
        names = [t.id for t in self.thresholds]
        if len(set(names)) != len(names) or set(names) != THRESHOLD_IDS:
            raise ValueError(f"thresholds must be exactly: {', '.join(sorted(THRESHOLD_IDS))}, once each")
        unverified = [t.id for t in self.thresholds if not t.verified]
        if unverified:
            raise ValueError(f"thresholds must be verified before the check uses them: {', '.join(unverified)}")
        return self

    def threshold(self, threshold_id: str) -> Threshold:
        for found in self.thresholds:
            if found.id == threshold_id:
                return found
        raise KeyError(threshold_id)

    def get(self, limit_id: str) -> Limit:
        for limit in self.limits:
            if limit.id == limit_id:
                return limit
        raise KeyError(limit_id)


def load_limits(path: Path | None = None) -> SentencingLimits:
    """Load and validate the limits file; problems raise ContentError naming the file."""
    from psr_assist.domain.rules.content import read_model

    if path is None:
        from psr_assist.paths import prompts_dir

        path = prompts_dir() / LIMITS_FILE
    return read_model(path, SentencingLimits, "a mapping with 'version' and 'limits'")


@functools.lru_cache(maxsize=1)
def sentencing_limits() -> SentencingLimits:
    """The shipped limits, loaded once per process (kept between runs when allowed)."""
    from psr_assist.domain.content_cache import cached
    from psr_assist.paths import prompts_dir

    path = prompts_dir() / LIMITS_FILE
    return cached("limits", [path], lambda: load_limits(path), SentencingLimits)
