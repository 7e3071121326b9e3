"""Report-type profiles (``prompts/profiles.yaml``): what an oral report, an FDR and an SDR need.

Rules name an *element* (``offence_analysis``, ``dual_diagnosis`` …); the profile says, per report
type, whether it is ``required`` (the rule's own severity), ``recommended`` (one level milder)
or ``not_needed`` (the rule is skipped). The file also holds the signals the check reads from
screening (which instruments are about mental health, the substance thresholds) and the
adjournment starting points.
"""


import functools
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from psr_assist.domain.case import ReportType
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.findings import Severity

PROFILES_FILE = "profiles.yaml"

Level = Literal["required", "recommended", "not_needed"]
InstrumentSeverity = Literal["none", "mild", "moderate", "moderately_severe", "severe"]

#: Every element the rules consult. The file must define exactly these.
PROFILE_ELEMENTS: frozenset[str] = frozenset(
    {
        "offence_analysis",
        "pattern_of_offending",
        "interview",
        "verification",
        "significant_others",
        "mental_health_history",
        "screening",
        "specialist_assessment",
        "comorbidity_review",
        "dual_diagnosis",
        "protected_characteristics",
        "intersection",
        "diversity_confirmed",
        "trauma",
        "strengths",
        "own_views",
        "willingness",
        "stage_of_change",
        "lived_experience",
        "likelihood_analysis",
        "rosh_detail",
        "rosh_analysis",
        "mental_health_risk_link",
        "risks_if_custody",
        "custody_impact",
        "rationale",
        "alternatives",
        "structured_plan",
        "plan_item_detail",
    }
)

_MILDER = {Severity.BLOCKER: Severity.WARNING, Severity.WARNING: Severity.ADVICE, Severity.ADVICE: Severity.ADVICE}

_Text = Annotated[str, Field(min_length=1)]


class _Content(BaseModel):
    # Built on first validation, not at import: content kept from an earlier run needs no validator.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReportTypeProfile(_Content):
    title: _Text
    summary: _Text
    same_day: StrictBool  # written on the day: complex needs suggest asking for an adjournment


class Element(_Content):
    title: _Text
    field: _Text  # where the officer fills it (a case path; ``[]`` for list items)
    levels: dict[ReportType, Level]

    @model_validator(mode="after")
    def _every_type(self) -> "Element":
        missing = [t.value for t in ReportType if t not in self.levels]
        if missing:
            raise ValueError(f"no level for report type(s): {', '.join(missing)}")
        return self


class SubstanceThreshold(_Content):
    min_total: Annotated[int, Field(ge=1)]
    substance: Literal["alcohol", "drugs"]


class Signals(_Content):
    mental_health_instruments: Annotated[list[str], Field(min_length=1)]
    mental_health_need_at_least: InstrumentSeverity
    complex_need_at_least: InstrumentSeverity
    substance_thresholds: dict[str, SubstanceThreshold]


class AdjournmentWeeks(_Content):
    psychiatric_report: Annotated[int, Field(ge=1, le=52)]
    specialist_assessment: Annotated[int, Field(ge=1, le=52)]


class Adjournment(_Content):
    weeks: AdjournmentWeeks
    note: str = ""


class Profiles(_Content):
    version: int
    default_report_type: ReportType
    report_types: dict[ReportType, ReportTypeProfile]
    elements: dict[str, Element]
    signals: Signals
    adjournment: Adjournment

    @model_validator(mode="after")
    def _complete(self) -> "Profiles":
        missing_types = [t.value for t in ReportType if t not in self.report_types]
        if missing_types:
            raise ValueError(f"report_types has no profile for: {', '.join(missing_types)}")
        missing = PROFILE_ELEMENTS - set(self.elements)
        if missing:
            raise ValueError(f"elements missing: {', '.join(sorted(missing))}")
        unknown = set(self.elements) - PROFILE_ELEMENTS
        if unknown:
            raise ValueError(f"unknown elements (no rule uses them): {', '.join(sorted(unknown))}")
        return self

    def level(self, report_type: ReportType | None, element: str) -> Level:
        return self.elements[element].levels[report_type or self.default_report_type]

    def severity(self, report_type: ReportType | None, element: str | None, base: Severity) -> Severity | None:
        """The severity a rule has for this report type (None when the element is not needed)."""
        if element is None:
            return base
        level = self.level(report_type, element)
        if level == "required":
            return base
        if level == "recommended":
            return _MILDER[base]
        return None

    def is_same_day(self, report_type: ReportType | None) -> bool:
        return self.report_types[report_type or self.default_report_type].same_day


def _check_field(name: str, path: str) -> None:
    """An element's field must be a real place in the case (``a.b``, ``list[].field``)."""
    from psr_assist.domain.case import Case
    from psr_assist.domain.questions import resolve_field

    model = Case
    parts = path.split("[].")
    try:
        for index, part in enumerate(parts):
            info = resolve_field(model, part)
            if index < len(parts) - 1:
                if not info.is_list or info.item_model is None:
                    raise KeyError(path)
                model = info.item_model
    except KeyError:
        raise ContentError(f"{PROFILES_FILE}: element {name!r} points at {path!r}, which is not a field of the case") from None


def load_profiles(path: Path | None = None) -> Profiles:
    """Load and validate the profiles file; problems raise ContentError naming the file."""
    from psr_assist.domain.rules.content import read_model

    if path is None:
        from psr_assist.paths import prompts_dir

        path = prompts_dir() / PROFILES_FILE
    profiles = read_model(path, Profiles, "a mapping of report types, elements and signals")
    for name, element in profiles.elements.items():
        _check_field(name, element.field)
    return profiles


@functools.lru_cache(maxsize=1)
def report_profiles() -> Profiles:
    """The shipped profiles, loaded once per process (kept between runs when allowed)."""
    from psr_assist.domain.content_cache import cached
    from psr_assist.paths import prompts_dir

    path = prompts_dir() / PROFILES_FILE
    return cached("profiles", [path], lambda: load_profiles(path), Profiles)
