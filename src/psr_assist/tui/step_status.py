"""Each step's state in words and a text mark (never colour alone). No Textual here."""

from __future__ import annotations

from dataclasses import dataclass

from psr_assist.domain.check import count_by_severity, count_words, summary_line
from psr_assist.domain.findings import SEVERITY_WORDS as DOMAIN_SEVERITY_WORDS
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.questions import QuestionBank

MARK_BLOCKER = "✗"
MARK_WARNING = "!"
MARK_DONE = "✓"
MARK_NOT_STARTED = "○"


@dataclass(frozen=True)
class StepStatus:
    step_id: str
    title: str
    mark: str
    words: str
    blockers: int
    warnings: int
    advice: int
    answered: int
    total: int


def step_statuses(
    bank: QuestionBank, findings: list[Finding], progress: dict[str, tuple[int, int]]
) -> list[StepStatus]:
    out = []
    for step in bank.steps:
        counts = count_by_severity(f for f in findings if f.step == step.id)
        blockers, warnings, advice = (counts[s] for s in (Severity.BLOCKER, Severity.WARNING, Severity.ADVICE))
        answered, total = progress.get(step.id, (0, 0))
        if blockers:
            mark, words = MARK_BLOCKER, f"{blockers} to fix"
        elif warnings:
            mark, words = MARK_WARNING, f"{warnings} to check"
        elif answered == 0 and total:
            mark, words = MARK_NOT_STARTED, "not started"
        elif advice:  # nothing to fix or check, but the review lists advice: say so, not "no problems"
            mark, words = MARK_DONE, count_words(Severity.ADVICE, advice)
        else:
            mark, words = MARK_DONE, "no problems found"
        out.append(StepStatus(step.id, step.title, mark, words, blockers, warnings, advice, answered, total))
    return out


_MARKS = {Severity.BLOCKER: MARK_BLOCKER, Severity.WARNING: MARK_WARNING, Severity.ADVICE: "i"}
#: (mark, words) per severity; the words are the domain's (domain.findings.SEVERITY_WORDS).
SEVERITY_WORDS = {severity: (_MARKS[severity], words) for severity, words in DOMAIN_SEVERITY_WORDS.items()}


def findings_summary(findings: list[Finding]) -> str:
    """The review screen's count of findings, in the command line's words (zero counts left out)."""
    return summary_line(findings, zeros=False)
