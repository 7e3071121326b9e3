"""Plain English: acronyms spelled out at first use and no probation jargon in text for the court or the person."""

from __future__ import annotations

from psr_assist.domain.check import define, rule, step_for_field
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts

A = Severity.ADVICE

_GUIDE = (
    "Guide: 'How do you avoid professional jargon?'; people on probation need certainty and clarity about "
    "their sentence (prompts/plain_english.yaml)"
)

ACRONYM = define(
    "review.acronym-not-spelled-out", A, "Acronyms are spelled out the first time they are used", _GUIDE,
)
JARGON = define(
    "review.jargon", A, "Probation jargon is replaced by plain words", _GUIDE,
)


def _elsewhere(count: int) -> str:
    others = count - 1
    if others <= 0:
        return ""
    return f" It is used {others} more time{'s' if others > 1 else ''} after that."


@rule
def plain_words(facts: CaseFacts):
    from psr_assist.domain.plain_english import plain_english

    for use in plain_english().scan(facts.case):
        step = step_for_field(use.field)
        if use.kind == "acronym":
            yield facts.hit(
                ACRONYM, use.field,
                f"'{use.word}' is used without being spelled out first.{_elsewhere(use.count)}",
                f"Write '{use.plain} ({use.word})' the first time, or just use the plain words.",
                step=step,
            )
        else:
            yield facts.hit(
                JARGON, use.field,
                f"'{use.word}' is probation jargon the court or the defendant may not understand.{_elsewhere(use.count)}",
                f"Use plain words, for example '{use.plain}'.",
                step=step,
            )
