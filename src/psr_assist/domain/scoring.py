"""Pure scoring of the screening instruments defined in ``prompts/instruments``.

``answers`` is one entry per scored item, in order: the 0-based *position* of the chosen option
as the instrument lists it, or ``None`` for a question not yet answered. Points, reversal,
bands, critical items, prorating and "go on to" rules all come from the instrument's data file.

A screen is not a diagnosis: reports say "screening indicates …".
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import Enum
from fractions import Fraction
from pathlib import Path

from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.instruments import (
    SEVERITIES,
    Instrument,
    ResultsOnlyTool,
    load_instruments,
    load_results_only_tools,
    severity_at_least,
    severity_rank,
)

__all__ = [
    "SEVERITIES",
    "Instrument",
    "InvalidAnswers",
    "ResultsOnlyTool",
    "ScoreResult",
    "UnknownInstrument",
    "critical_positive",
    "get_instrument",
    "get_results_only_tool",
    "load_instruments",
    "load_results_only_tools",
    "score",
    "severity_at_least",
    "severity_rank",
]


class UnknownInstrument(ValueError):
    """No scored instrument has that id. The message says what to do."""


class InvalidAnswers(ValueError):
    """The answers do not fit the instrument. The message is one line an officer understands."""


@dataclass(frozen=True)
class ScoreResult:
    instrument: str
    #: Sum of the answered items, or the prorated total when ``prorated``; None if none answered.
    total: int | None
    prorated: bool
    #: Band id, label and severity tier: only when complete or validly prorated.
    band: str | None
    band_label: str | None
    severity: str | None
    #: 1-based numbers of critical items answered at or above their threshold.
    critical_items: list[int]
    #: 1-based numbers of the questions not answered yet.
    missing_items: list[int]
    complete: bool
    answered: int
    max_total: int
    #: Id of the instrument to go on to (e.g. ``"audit"`` when AUDIT-C is 5 or more).
    leads_to: str | None
    #: Sum of the answered items before any prorating (None if none answered).
    raw_total: int | None = None
    #: Critical items not answered yet: their risk question is still open.
    critical_missing: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def get_instrument(instrument_id: str, directory: Path | None = None) -> Instrument:
    """The instrument with this id (``phq9``); also accepts its short name (``PHQ-9``, ``AUDIT-C``)."""
    instruments = load_instruments(directory)
    if instrument_id in instruments:
        return instruments[instrument_id]
    wanted = _normalise(instrument_id)
    for instrument in instruments.values():
        if wanted in (_normalise(instrument.id), _normalise(instrument.short_name)):
            return instrument
    try:
        tools = load_results_only_tools(directory)
    except ContentError:  # a broken results-only file must not hide the message below
        tools = {}
    for tool in tools.values():
        if wanted in (_normalise(tool.id), _normalise(tool.short_name)) and tool.id != "other":
            raise UnknownInstrument(
                f"{tool.short_name} is a results-only tool: its questions are not reproduced, so it "
                "cannot be scored here. Record its result in the Screening step."
            )
    choices = ", ".join(instruments)
    raise UnknownInstrument(
        f"There is no screening instrument called '{instrument_id}'. Choose one of: {choices}."
    )


def low_band_beside_critical(result: ScoreResult) -> bool:
    """A total in the instrument's no-concern band with a critical item answered. Whatever the
    total, that is not a low-risk result (research/domain.md 4.6): the band's words ("Minimal
    depression") must not lead where the report or the app gives the result."""
    return bool(result.critical_items) and result.severity is not None and not severity_at_least(result.severity, "mild")


def results_only_short_name(entry) -> str | None:
    """What a results-only entry is called: its tool's short name ("C-SSRS"), or for any other
    tool the name the officer gave it; None when neither is known."""
    tool = entry.tool
    if tool is not None and tool.value != "other":
        try:
            return get_results_only_tool(tool.value).short_name
        except (UnknownInstrument, ValueError):
            return None
    return entry.tool_name or None


def results_only_field_applies(tool: Enum | str | None, field: str) -> bool:
    """Whether the answer ``field`` of a results-only entry belongs to ``tool``, as the tool's
    own file lists its fields: the LDSQ has no "name of the tool". Every answer applies while no
    tool (or a tool psr-assist no longer knows) is chosen."""
    if tool is None or field == "tool":
        return True
    tool_id = tool.value if isinstance(tool, Enum) else str(tool)
    tools = load_results_only_tools()
    if tool_id not in tools:
        return True
    return field in {f.id for f in tools[tool_id].fields}


def get_results_only_tool(tool_id: str, directory: Path | None = None) -> ResultsOnlyTool:
    """The results-only tool (``cssrs``, ``ldsq``, ``other``)."""
    tools = load_results_only_tools(directory)
    if tool_id in tools:
        return tools[tool_id]
    raise UnknownInstrument(
        f"There is no results-only tool called '{tool_id}'. Choose one of: {', '.join(tools)}."
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _check_answers(instrument: Instrument, answers: Sequence[int | None]) -> list[int | None]:
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise InvalidAnswers(f"Give the {instrument.short_name} answers as a list, one per question.")
    name = instrument.short_name
    n = instrument.item_count
    if len(answers) != n:
        given = len(answers)
        was = "was" if given == 1 else "were"
        raise InvalidAnswers(
            f"{name} has {_plural(n, 'question')} but {_plural(given, 'answer')} {was} given."
        )
    checked: list[int | None] = []
    for number, position in enumerate(answers, start=1):
        if position is None:
            checked.append(None)
            continue
        if isinstance(position, bool) or not isinstance(position, int):
            raise InvalidAnswers(
                f"Answer {number} for {name} must be a whole number: the position of the chosen option, 0 for the first."
            )
        last = len(instrument.options(number)) - 1
        if not 0 <= position <= last:
            raise InvalidAnswers(
                f"Answer {number} for {name} must be an option position from 0 to {last} (got {position})."
            )
        checked.append(position)
    return checked


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def score(instrument_id: str, answers: Sequence[int | None], directory: Path | None = None) -> ScoreResult:
    """Score ``answers`` (0-based option positions, ``None`` = not answered) for an instrument.

    Raises :class:`UnknownInstrument` or :class:`InvalidAnswers` with a message for the officer.
    """
    instrument = get_instrument(instrument_id, directory)
    positions = _check_answers(instrument, answers)

    points: dict[int, int] = {}
    missing: list[int] = []
    for number, position in enumerate(positions, start=1):
        if position is None:
            missing.append(number)
        else:
            points[number] = instrument.points(number, position)

    critical: list[int] = []
    critical_missing: list[int] = []
    for item in instrument.items:
        if item.critical is None:
            continue
        if item.number not in points:
            critical_missing.append(item.number)
        elif points[item.number] >= item.critical.min_points:
            critical.append(item.number)

    answered = len(points)
    raw_total = sum(points.values()) if answered else None
    complete = not missing
    total = raw_total
    prorated = False
    rule = instrument.prorating
    if (
        missing
        and answered
        and rule.allowed
        and rule.max_missing is not None
        and len(missing) <= rule.max_missing
    ):
        total = _round_half_up(Fraction(raw_total * instrument.item_count, answered))
        prorated = True

    band = instrument.band_for(total) if total is not None and (complete or prorated) else None

    # Points are never negative, so a partial sum already at the threshold can only stay there.
    leads_to = None
    if (
        instrument.leads_to is not None
        and raw_total is not None
        and raw_total >= instrument.leads_to.at_least
    ):
        leads_to = instrument.leads_to.instrument

    return ScoreResult(
        instrument=instrument.id,
        total=total,
        prorated=prorated,
        band=band.id if band else None,
        band_label=band.label if band else None,
        severity=band.severity if band else None,
        critical_items=critical,
        missing_items=missing,
        complete=complete,
        answered=answered,
        max_total=instrument.score_range.max,
        leads_to=leads_to,
        raw_total=raw_total,
        critical_missing=critical_missing,
    )


def critical_positive(
    instrument_id: str, answers: Sequence[int | None], directory: Path | None = None
) -> list[int]:
    """1-based numbers of the critical items endorsed (e.g. ``[9]`` for PHQ-9 item 9 above zero)."""
    return score(instrument_id, answers, directory).critical_items
