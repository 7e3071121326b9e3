"""Screening instrument definitions: pydantic models and the loader for ``prompts/instruments``.

Each scored instrument is one YAML file (``phq9.yaml`` …) whose ``id`` matches the file name;
``results_only.yaml`` describes the licensed tools whose questions are never reproduced
(C-SSRS, LDSQ) and the "other tool" entry. Everything is validated when it is loaded: a broken
file raises :class:`ContentError` naming the file and the problem, never a bare pydantic or
YAML traceback. Adding an instrument is a data change (a new file) plus a test vector.

Pure domain code: pydantic, PyYAML and the standard library only.
"""


import dataclasses
import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.rules.content import read_model

RESULTS_ONLY_FILE = "results_only.yaml"


#: Severity tiers shared by every instrument, mildest first. A band's ``severity`` lets other
#: code ask "is this at least moderate?" without knowing each instrument's own labels.
SEVERITIES: tuple[str, ...] = ("none", "mild", "moderate", "moderately_severe", "severe")
Severity = Literal["none", "mild", "moderate", "moderately_severe", "severe"]

Id = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Text = Annotated[StrictStr, Field(min_length=1)]


def severity_rank(severity: str) -> int:
    """Position of ``severity`` in :data:`SEVERITIES` (0 = none … 4 = severe)."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise ValueError(f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}") from None


def severity_at_least(severity: str | None, threshold: str) -> bool:
    """True when ``severity`` is ``threshold`` or worse; False for ``None`` (no band yet)."""
    return severity is not None and severity_rank(severity) >= severity_rank(threshold)


class _Content(BaseModel):
    # Built on first validation, not at import: content kept from an earlier run needs no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AnswerOption(_Content):
    """One answer as the form lists it, and the points it scores (before any reversal)."""

    label: Text
    points: Annotated[StrictInt, Field(ge=0, le=100)]


class CriticalRule(_Content):
    """An item that must trigger the risk-to-self route when it scores ``min_points`` or more."""

    min_points: Annotated[StrictInt, Field(ge=1)]
    reason: Text


class Item(_Content):
    number: Annotated[StrictInt, Field(ge=1)]
    text: Text
    #: Either the name of an entry in the instrument's ``option_sets`` or the options themselves.
    options: StrictStr | list[AnswerOption]
    #: The option points run the other way for this item (first option scores what the last
    #: one scores in the set, and so on).
    reverse_scored: StrictBool = False
    critical: CriticalRule | None = None

    @property
    def is_critical(self) -> bool:
        return self.critical is not None


@dataclasses.dataclass(frozen=True)
class ScoredOption:
    """An option as it scores for one particular item (reversal applied); worked out, not content."""

    position: int
    label: str
    points: int


class ExtraQuestion(_Content):
    """An unscored question asked alongside the items (e.g. the PHQ-9 functional item)."""

    id: Id
    text: Text
    options: Annotated[list[Text], Field(min_length=2)]
    ask_when: Text | None = None


class ScoreRange(_Content):
    min: StrictInt
    max: StrictInt


class Band(_Content):
    id: Id
    min: StrictInt
    max: StrictInt
    label: Text
    severity: Severity


class Prorating(_Content):
    allowed: StrictBool
    #: How many items may be missing for a prorated total; only when ``allowed``.
    max_missing: Annotated[StrictInt, Field(ge=1)] | None = None
    rationale: Text

    @model_validator(mode="after")
    def _consistent(self) -> "Prorating":
        if self.allowed and self.max_missing is None:
            raise ValueError("prorating is allowed but max_missing is not given")
        if not self.allowed and self.max_missing is not None:
            raise ValueError("max_missing is given but prorating is not allowed")
        return self


class LeadsTo(_Content):
    """Go on to another instrument when the total reaches ``at_least`` (AUDIT-C → AUDIT).

    ``carry_items``: the first N items of this instrument are the first N items of the next one
    (same question, same options, same order), so their answers carry over. Checked at load.
    """

    instrument: Id
    at_least: StrictInt
    message: Text
    carry_items: Annotated[StrictInt, Field(ge=0)] = 0


class Instrument(_Content):
    id: Id
    name: Text
    short_name: Text
    version: Text
    #: Position in lists shown to the officer (lower first); ties fall back to the id.
    order: StrictInt = 100
    #: The instruction exactly as published; ``None`` where the form has none to read out.
    instruction: Text | None
    #: A stem printed above the items (e.g. CORE-10 "Over the last week..."), if any.
    stem: Text | None = None
    timeframe: Text
    notes: Text | None = None
    option_sets: dict[StrictStr, Annotated[list[AnswerOption], Field(min_length=2)]] = Field(
        default_factory=dict
    )
    items: Annotated[list[Item], Field(min_length=1)]
    extra_questions: list[ExtraQuestion] = Field(default_factory=list)
    score_range: ScoreRange
    bands: Annotated[list[Band], Field(min_length=1)]
    leads_to: LeadsTo | None = None
    prorating: Prorating
    licence: Text
    notice: Text
    source: Annotated[list[Text], Field(min_length=1)]

    @model_validator(mode="after")
    def _check(self) -> "Instrument":
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(self.items) + 1)):
            raise ValueError(f"items must be numbered 1 to {len(self.items)} in order; found {numbers}")
        for item in self.items:
            options = self._raw_options(item)
            labels = [o.label for o in options]
            if len(options) < 2:
                raise ValueError(f"item {item.number} needs at least two options")
            if len(set(labels)) != len(labels):
                raise ValueError(f"item {item.number} has the same option label twice")
            if item.critical is not None:
                top = max(o.points for o in options)
                if item.critical.min_points > top:
                    raise ValueError(
                        f"item {item.number}: critical min_points {item.critical.min_points} "
                        f"is more than the item can score ({top})"
                    )
        low = sum(min(o.points for o in self._raw_options(i)) for i in self.items)
        high = sum(max(o.points for o in self._raw_options(i)) for i in self.items)
        if (self.score_range.min, self.score_range.max) != (low, high):
            raise ValueError(
                f"score_range is {self.score_range.min}-{self.score_range.max} but the items "
                f"score {low}-{high}"
            )
        self._check_bands()
        if self.leads_to is not None and not low <= self.leads_to.at_least <= high:
            raise ValueError(
                f"leads_to.at_least {self.leads_to.at_least} is outside the score range {low}-{high}"
            )
        if self.leads_to is not None and self.leads_to.carry_items > len(self.items):
            raise ValueError(
                f"leads_to.carry_items {self.leads_to.carry_items} is more than the {len(self.items)} items here"
            )
        if self.prorating.allowed and self.prorating.max_missing >= len(self.items):
            raise ValueError("prorating.max_missing must leave at least one item answered")
        extra_ids = [q.id for q in self.extra_questions]
        if len(set(extra_ids)) != len(extra_ids):
            raise ValueError("two extra_questions have the same id")
        return self

    def _raw_options(self, item: Item) -> list[AnswerOption]:
        if isinstance(item.options, str):
            try:
                return self.option_sets[item.options]
            except KeyError:
                known = ", ".join(sorted(self.option_sets)) or "none defined"
                raise ValueError(
                    f"item {item.number} uses option set {item.options!r}, which is not in option_sets ({known})"
                ) from None
        return item.options

    def _check_bands(self) -> None:
        ids = [b.id for b in self.bands]
        if len(set(ids)) != len(ids):
            raise ValueError("two bands have the same id")
        expected = self.score_range.min
        for band in self.bands:
            if band.min > band.max:
                raise ValueError(f"band {band.id!r} runs backwards ({band.min}-{band.max})")
            if band.min > expected:
                raise ValueError(f"bands leave a gap: no band covers {expected}-{band.min - 1}")
            if band.min < expected:
                raise ValueError(f"band {band.id!r} overlaps the band before it at {band.min}-{expected - 1}")
            expected = band.max + 1
        if expected - 1 != self.score_range.max:
            if expected - 1 < self.score_range.max:
                raise ValueError(f"bands leave a gap: no band covers {expected}-{self.score_range.max}")
            raise ValueError(f"the last band goes beyond the maximum score {self.score_range.max}")

    # ----------------------------------------------------------------- questions other code asks

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def critical_items(self) -> list[int]:
        """1-based numbers of the items that can trigger the risk-to-self route."""
        return [item.number for item in self.items if item.critical is not None]

    def item(self, number: int) -> Item:
        """The item with this 1-based number."""
        if not 1 <= number <= len(self.items):
            raise IndexError(f"{self.short_name} has no question {number}")
        return self.items[number - 1]

    def options(self, number: int) -> list[ScoredOption]:
        """The options of item ``number`` (1-based) in form order, with the points they score."""
        item = self.item(number)
        raw = self._raw_options(item)
        points = [o.points for o in raw]
        if item.reverse_scored:
            points.reverse()
        return [
            ScoredOption(position=i, label=o.label, points=p)
            for i, (o, p) in enumerate(zip(raw, points, strict=True))
        ]

    def points(self, number: int, position: int) -> int:
        """Points scored by choosing option ``position`` (0-based) for item ``number`` (1-based)."""
        return self.options(number)[position].points

    def band_for(self, total: int) -> Band:
        """The band containing ``total``."""
        for band in self.bands:
            if band.min <= total <= band.max:
                return band
        raise ValueError(
            f"{self.short_name} totals run from {self.score_range.min} to {self.score_range.max}; {total} is outside"
        )

    def same_item(self, number: int, other: "Instrument", other_number: int) -> bool:
        """True when item ``number`` here asks what ``other``'s item ``other_number`` asks, with the same
        options scoring the same points."""
        mine, theirs = self.item(number), other.item(other_number)
        return mine.text == theirs.text and self.options(number) == other.options(other_number)

    def carried_answers(self, answers: Sequence[int | None]) -> list[int | None]:
        """The answers that carry over to ``leads_to.instrument``: the first ``carry_items``, padded
        as unanswered (an empty list when this instrument leads nowhere)."""
        count = self.leads_to.carry_items if self.leads_to is not None else 0
        return (list(answers) + [None] * count)[:count]

    def band(self, band_id: str) -> Band:
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(f"{self.short_name} has no band {band_id!r}")


# --------------------------------------------------------------------------- results-only tools

ResultsOnlyKind = Literal["suicide_screen", "learning_disability_screen", "other"]
FieldKind = Literal["date", "text", "long_text", "yes_no"]


class ResultField(_Content):
    id: Id
    label: Text
    kind: FieldKind
    required: StrictBool = False
    required_when_positive: StrictBool = False


class ResultsOnlyTool(_Content):
    """A tool whose questions are never reproduced: only its result is recorded."""

    id: Id
    name: Text
    short_name: Text
    kind: ResultsOnlyKind
    #: When a positive result counts as a positive critical (risk-to-self) result.
    positive_is_critical: Literal["always", "never", "when_risk_to_self_screen"]
    #: Its questions are licensed or copyright (C-SSRS, LDSQ): the report says so beside its result.
    licensed: StrictBool
    licence: Text
    notice: Text
    fields: Annotated[list[ResultField], Field(min_length=1)]

    @model_validator(mode="after")
    def _check(self) -> "ResultsOnlyTool":
        ids = [f.id for f in self.fields]
        if len(set(ids)) != len(ids):
            raise ValueError(f"tool {self.id!r} lists the same field twice")
        if "positive" not in ids:
            raise ValueError(
                f"tool {self.id!r} must record whether the screen was positive (field 'positive')"
            )
        if self.positive_is_critical == "when_risk_to_self_screen" and "risk_to_self_screen" not in ids:
            raise ValueError(f"tool {self.id!r} needs a 'risk_to_self_screen' field for its critical rule")
        return self

    def is_critical(self, positive: bool | None, risk_to_self_screen: bool | None = None) -> bool:
        """Does this result count as a positive critical (risk-to-self) result?"""
        if positive is not True:
            return False
        if self.positive_is_critical == "always":
            return True
        if self.positive_is_critical == "when_risk_to_self_screen":
            return risk_to_self_screen is True
        return False


class _ResultsOnlyFile(_Content):
    tools: Annotated[list[ResultsOnlyTool], Field(min_length=1)]


# --------------------------------------------------------------------------- loading


def instruments_dir() -> Path:
    """The shipped ``prompts/instruments`` folder."""
    from psr_assist.paths import prompts_dir

    return prompts_dir() / "instruments"


def load_instrument_file(path: Path) -> Instrument:
    """Load and validate one instrument file; the ``id`` must match the file name."""
    instrument = read_model(path, Instrument, "a mapping of instrument fields")
    if instrument.id != path.stem:
        raise ContentError(
            f"{path}: id is {instrument.id!r} but the file is named {path.name}; make them match"
        )
    return instrument


def _instrument_files(directory: Path) -> Iterable[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.name != RESULTS_ONLY_FILE)


@functools.lru_cache(maxsize=8)
def _load_instruments_cached(directory: Path) -> dict[str, Instrument]:
    from psr_assist.domain.content_cache import cached

    return cached("instruments", _instrument_files(directory), lambda: _build_instruments(directory), dict)


def _build_instruments(directory: Path) -> dict[str, Instrument]:
    if not directory.is_dir():
        raise ContentError(f"{directory}: the instruments folder is missing")
    found: dict[str, Instrument] = {}
    for path in _instrument_files(directory):
        instrument = load_instrument_file(path)
        found[instrument.id] = instrument
    if not found:
        raise ContentError(f"{directory}: no instrument files (*.yaml) found")
    found = dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))
    for instrument in found.values():
        target = instrument.leads_to.instrument if instrument.leads_to else None
        if target is not None and target not in found:
            raise ContentError(
                f"{directory / (instrument.id + '.yaml')}: leads_to names {target!r}, which is not an instrument here"
            )
        if target is not None:
            follow_on = found[target]
            carry = instrument.leads_to.carry_items
            if carry > follow_on.item_count or not all(
                instrument.same_item(n, follow_on, n) for n in range(1, carry + 1)
            ):
                raise ContentError(
                    f"{directory / (instrument.id + '.yaml')}: leads_to.carry_items is {carry}, but the first {carry} "
                    f"items are not the same questions and options in {target}"
                )
    return found


def load_instruments(directory: Path | None = None) -> dict[str, Instrument]:
    """Every scored instrument, by id, in display order (``order``, then id). Cached; raises :class:`ContentError`."""
    directory = (directory or instruments_dir()).resolve()
    return dict(_load_instruments_cached(directory))


@functools.lru_cache(maxsize=8)
def _load_results_only_cached(directory: Path) -> dict[str, ResultsOnlyTool]:
    from psr_assist.domain.content_cache import cached

    path = directory / RESULTS_ONLY_FILE
    return cached("results-only", [path], lambda: _build_results_only(path), dict)


def _build_results_only(path: Path) -> dict[str, ResultsOnlyTool]:
    if not path.is_file():
        raise ContentError(f"{path}: the results-only tools file is missing")
    parsed = read_model(path, _ResultsOnlyFile, "a mapping with a 'tools' list")
    tools = {tool.id: tool for tool in parsed.tools}
    if len(tools) != len(parsed.tools):
        raise ContentError(f"{path}: two tools have the same id")
    return tools


def load_results_only_tools(directory: Path | None = None) -> dict[str, ResultsOnlyTool]:
    """The results-only tools (C-SSRS, LDSQ, other), by id. Cached; raises :class:`ContentError`."""
    directory = (directory or instruments_dir()).resolve()
    return dict(_load_results_only_cached(directory))


def clear_cache() -> None:
    """Forget loaded content (tests and the content lint use this)."""
    _load_instruments_cached.cache_clear()
    _load_results_only_cached.cache_clear()
