"""The completeness and consistency check: one function over a case gives its findings.

The step list, the review screen, the export gate and ``psr-assist check`` all call
:func:`check_case`. Rules live in ``domain/rules/`` (one module per step) and register
themselves with :func:`rule`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from psr_assist.domain.case import Case
from psr_assist.domain.findings import SEVERITY_ORDER, Finding

RuleFunc = Callable[[Case, dt.date], Iterable[Finding]]
_RULES: list[RuleFunc] = []


def rule(func: RuleFunc) -> RuleFunc:
    _RULES.append(func)
    return func


def check_case(case: Case, today: dt.date | None = None) -> list[Finding]:
    """All findings for a case, blockers first, then in step order."""
    from psr_assist.domain import rules  # noqa: F401 - registers the rules

    today = today or dt.date.today()
    findings: list[Finding] = []
    for func in _RULES:
        findings.extend(func(case, today))
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
