"""Critical screening answers and whether risk to self has been addressed, decided once.

Used by the check (``risk.critical-item-no-risk-to-self``) and by the app (its alert and
banner), so both always agree on which answers are critical and when the officer has done
what they ask.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from psr_assist.domain.case import Case


class CriticalSignal(NamedTuple):
    """One critical answer in a case."""

    source: str  # an instrument id ("phq9") or a results-only tool id ("cssrs")
    number: int  # the item number (1-based) for an instrument; the entry's index for a results-only tool
    field: str  # where the positive answer is recorded
    label: str  # "PHQ-9 item 9", "C-SSRS screen" (no case text)
    instrument: bool  # True for an administered instrument, False for a results-only tool


@functools.lru_cache(maxsize=512)
def score_answers(instrument: str, answers: tuple[int | None, ...]) -> tuple[str | None, str, object | None, str | None]:
    """Score one administered instrument: (instrument id, short name, ScoreResult, problem).

    ``problem`` is ``"unknown"``, ``"too_many"`` or ``"invalid"`` when it cannot be scored.
    Memoised: the check runs on every keystroke and the answers rarely change between runs.
    Answers shorter than the instrument are padded as unanswered (a screen still in progress).
    """
    from psr_assist.domain.scoring import InvalidAnswers, UnknownInstrument, get_instrument, score

    try:
        found = get_instrument(instrument)
    except UnknownInstrument:
        return None, instrument, None, "unknown"
    if len(answers) > found.item_count:
        return found.id, found.short_name, None, "too_many"
    padded = list(answers) + [None] * (found.item_count - len(answers))
    try:
        return found.id, found.short_name, score(found.id, padded), None
    except InvalidAnswers:
        return found.id, found.short_name, None, "invalid"


def critical_signals(case: Case) -> list[CriticalSignal]:
    """Every critical answer: PHQ-9 item 9, CORE-10 item 6, the K10 red flag, a positive C-SSRS…"""
    screening = case.screening
    signals: list[CriticalSignal] = []
    for index, result in enumerate(screening.results):
        instrument_id, name, scored, _problem = score_answers(result.instrument, tuple(result.answers))
        if instrument_id is None or scored is None:
            continue
        for item in scored.critical_items:
            signals.append(
                CriticalSignal(instrument_id, item, f"screening.results[{index}].answers", f"{name} item {item}", True)
            )
    if screening.results_only:
        from psr_assist.domain.scoring import UnknownInstrument, get_results_only_tool

        for index, entry in enumerate(screening.results_only):
            if entry.tool is None or entry.positive is not True:
                continue
            try:
                tool = get_results_only_tool(entry.tool.value)
            except UnknownInstrument:
                continue
            if tool.is_critical(entry.positive, entry.risk_to_self_screen):
                signals.append(
                    CriticalSignal(
                        entry.tool.value, index, f"screening.results_only[{index}].positive",
                        f"{tool.short_name} screen", False,
                    )
                )
    return signals


def risk_to_self_analysed(case: Case) -> bool:
    from psr_assist.domain.rules.facts import filled

    return filled(case.risk.risk_to_self.analysis)


def risk_to_self_acted_on(case: Case) -> bool:
    from psr_assist.domain.rules.facts import filled

    return filled(case.risk.risk_to_self.action_taken)


def risk_to_self_gaps(case: Case) -> list[tuple[str, str]]:
    """What a critical answer still needs, in the order to ask: (field under ``risk.risk_to_self``,
    words for the check's message). Whether there are current thoughts comes first: without it
    the report would say they "have not been recorded" beside a positive screen."""
    return [
        (field, words)
        for field, words, done in (
            ("current_ideation", "whether there are current thoughts of suicide or self-harm is not recorded",
             case.risk.risk_to_self.current_ideation is not None),
            ("analysis", "risk to self is not analysed", risk_to_self_analysed(case)),
            ("action_taken", "no action taken is recorded", risk_to_self_acted_on(case)),
        )
        if not done
    ]


def risk_to_self_addressed(case: Case) -> bool:
    """True when all a critical answer needs is recorded: whether there are current thoughts,
    the analysis of risk to self and the action taken."""
    return not risk_to_self_gaps(case)
