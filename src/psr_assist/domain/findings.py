"""What the check says about a case."""


from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    BLOCKER = "blocker"  # the report must not go to court like this
    WARNING = "warning"  # probably a gap the court will notice
    ADVICE = "advice"  # good practice


SEVERITY_ORDER = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.ADVICE: 2}

#: How each severity is named to the officer, on screen and in the draft's appendix.
SEVERITY_WORDS = {Severity.BLOCKER: "Must fix", Severity.WARNING: "Should fix", Severity.ADVICE: "Advice"}


class Finding(BaseModel):
    # Completed below with ``content_cache.complete_models`` (its validator kept between runs).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    rule_id: str  # stable, grouped by step: "sources.da-check-missing"
    severity: Severity
    step: str  # a step id from prompts/steps.yaml
    field: str  # dotted path into the case, e.g. "proposal.requirements[0].consent"
    message: str  # what is missing, in words an officer understands
    fix: str  # what to do about it


def _complete() -> None:
    from psr_assist.domain.content_cache import complete_models

    complete_models("finding", [Finding])


_complete()


def has_blockers(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.BLOCKER for f in findings)
