"""The completeness and consistency check: one function over a case gives its findings.

The step list, the review screen, the export gate, the report's audit appendix and
``psr-assist check`` all call :func:`check_case`. Nothing else decides whether a report is
complete.

How rules are written (``domain/rules/*.py``, one module per step):

- each rule is declared once as data with :func:`define` — a stable id grouped by step
  (``sources.da-check-missing``), its severity, a title, and the guide take-away or legal
  provision it comes from. :func:`rule_catalogue` lists them all (tests and the audit appendix
  use it);
- checker functions, registered with :func:`rule`, look at a :class:`~psr_assist.domain.rules.
  facts.CaseFacts` (the case plus facts worked out once per check: scores, mental health need,
  custody, the report-type profile) and yield findings through ``facts.hit(RULE, field, ...)``;
- a rule tied to a report-type *element* (``prompts/profiles.yaml``) is skipped when the
  element is ``not_needed`` for the report type and is one level milder when it is only
  ``recommended``.

Findings never quote what the officer typed: messages and fixes are built from our own words,
numbers and the names of instruments, requirements and limits, so they are safe in logs and in
the report's appendix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from psr_assist.domain.case import Case
from psr_assist.domain.findings import SEVERITY_ORDER, Finding, Severity

if TYPE_CHECKING:
    from psr_assist.domain.rules.facts import CaseFacts

#: Step ids in wizard order (prompts/steps.yaml; a test keeps the two in step).
STEP_ORDER: tuple[str, ...] = (
    "case",
    "sources",
    "mental_health",
    "screening",
    "comorbidity",
    "person",
    "motivation",
    "risk",
    "proposal",
    "review",
)
STEP_INDEX = {step: index for index, step in enumerate(STEP_ORDER)}

#: Which step owns each top-level part of the case (for findings about a field).
_ROOT_STEP = {
    "case_details": "case",
    "offence_analysis": "case",
    "sources": "sources",
    "significant_others": "sources",
    "mental_health": "mental_health",
    "screening": "screening",
    "comorbidity": "comorbidity",
    "person": "person",
    "motivation": "motivation",
    "risk": "risk",
    "proposal": "proposal",
    "sign_off": "review",
}

_RULE_ID = re.compile(r"^([a-z_]+)\.[a-z0-9]+(?:-[a-z0-9]+)*$")


def step_for_field(field: str) -> str:
    """The step whose screen holds ``field`` (``proposal.plan[2].intervention`` → ``proposal``)."""
    root = re.split(r"[.\[]", field, maxsplit=1)[0]
    return _ROOT_STEP.get(root, "review")


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """What one rule checks, as data: shown in the audit appendix and used by the tests."""

    id: str
    severity: Severity  # when the rule applies in full (profile element "required")
    title: str  # one line: what the rule checks
    source: str  # the guide take-away or legal provision the rule comes from
    element: str | None = None  # profile element (prompts/profiles.yaml) that governs it
    message: str = ""  # default message (what is missing)
    fix: str = ""  # default fix (what to do)
    limit_id: str | None = None  # for limit rules: the limit in prompts/limits.yaml

    @property
    def step(self) -> str:
        return self.id.split(".", 1)[0]


_CATALOGUE: dict[str, RuleInfo] = {}
RuleFunc = Callable[["CaseFacts"], Iterable[Finding]]
_CHECKERS: list[RuleFunc] = []


def define(
    rule_id: str,
    severity: Severity,
    title: str,
    source: str,
    *,
    element: str | None = None,
    message: str = "",
    fix: str = "",
    limit_id: str | None = None,
) -> RuleInfo:
    """Declare a rule. Ids are unique, lower-case, and start with the step they belong to."""
    match = _RULE_ID.match(rule_id)
    if match is None or match.group(1) not in STEP_INDEX:
        raise ValueError(f"rule id {rule_id!r} must be '<step>.<words-with-hyphens>'")
    if rule_id in _CATALOGUE:
        raise ValueError(f"rule id {rule_id!r} is defined twice")
    if element is not None:
        from psr_assist.domain.profiles import PROFILE_ELEMENTS

        if element not in PROFILE_ELEMENTS:
            raise ValueError(f"rule {rule_id!r} names unknown profile element {element!r}")
    info = RuleInfo(rule_id, severity, title, source, element, message, fix, limit_id)
    _CATALOGUE[rule_id] = info
    return info


def rule(func: RuleFunc) -> RuleFunc:
    """Register a checker: ``func(facts)`` yields findings."""
    _CHECKERS.append(func)
    return func


def _load_rules() -> None:
    from psr_assist.domain.rules import load_all

    load_all()


def check_case(case: Case, today: dt.date | None = None) -> list[Finding]:
    """All findings for a case: blockers first, then warnings, then advice; each in step order.

    ``today`` stands in for the hearing date while none is entered (it chooses which version of
    a sentencing limit applies and the defendant's age); it defaults to the real date.
    """
    from psr_assist.domain.rules.facts import CaseFacts

    _load_rules()
    facts = CaseFacts(case, today or dt.date.today())
    findings: list[Finding] = []
    for func in _CHECKERS:
        findings.extend(func(facts))
    findings.sort(key=lambda f: (SEVERITY_ORDER[f.severity], STEP_INDEX.get(f.step, len(STEP_INDEX))))
    return findings


def rule_catalogue() -> list[RuleInfo]:
    """Every rule, in step order then id. Limit rules carry the legal source from limits.yaml."""
    _load_rules()
    from psr_assist.domain.limits import sentencing_limits

    limits = sentencing_limits()
    out: list[RuleInfo] = []
    for info in _CATALOGUE.values():
        if info.limit_id is not None:
            limit = limits.get(info.limit_id)
            sources = "; ".join(dict.fromkeys(e.source for e in limit.entries))
            info = dataclasses.replace(info, source=f"{sources} (prompts/limits.yaml: {limit.id})")
        out.append(info)
    out.sort(key=lambda r: (STEP_INDEX[r.step], r.id))
    return out


def rule_info(rule_id: str) -> RuleInfo:
    """The catalogue entry for one rule id (KeyError when unknown)."""
    _load_rules()
    return _CATALOGUE[rule_id]


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


#: How a count of each severity is written, singular and plural: one wording for the app's
#: review screen and ``psr-assist check``.
COUNT_WORDS: dict[Severity, tuple[str, str]] = {
    Severity.BLOCKER: ("blocker", "blockers"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.ADVICE: ("piece of advice", "pieces of advice"),
}


def count_words(severity: Severity, n: int) -> str:
    """``"1 blocker"``, ``"2 blockers"``: a count of one severity in the words of COUNT_WORDS."""
    singular, plural = COUNT_WORDS[severity]
    return f"{n} {singular if n == 1 else plural}"


def summary_line(findings: Iterable[Finding], *, zeros: bool = True) -> str:
    """``"2 blockers, 3 warnings, 1 piece of advice"``.

    With ``zeros=False`` a severity with no findings is left out, and no findings at all reads
    ``"No problems found"``; with zeros (the command line's fixed shape) every count is there.
    """
    counts = count_by_severity(findings)
    parts = [count_words(severity, n) for severity in COUNT_WORDS if (n := counts[severity]) or zeros]
    return ", ".join(parts) if parts else "No problems found"


def findings_by_step(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by step, every step present (in wizard order), blockers first in each."""
    grouped: dict[str, list[Finding]] = {step: [] for step in STEP_ORDER}
    for finding in findings:
        grouped.setdefault(finding.step, []).append(finding)
    for items in grouped.values():
        items.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return grouped


