"""Risk of serious harm: the groups and the order of levels, derived once from the case model.

The groups are the :class:`~psr_assist.domain.case.RiskOfSeriousHarm` fields that hold a
:class:`~psr_assist.domain.case.RoshLevel`, in model order; the levels run lowest first, in the
enum's order. How each group is named in a sentence comes from the question bank
(``prompts/steps.yaml``: "Risk to the public" → "the public").
"""

from __future__ import annotations

import functools
import typing

from psr_assist.domain.case import RiskOfSeriousHarm, RoshLevel
from psr_assist.domain.content_errors import ContentError

#: The groups, in model order: ("children", "public", "known_adult", "staff").
ROSH_GROUPS: tuple[str, ...] = tuple(
    name for name, info in RiskOfSeriousHarm.model_fields.items() if RoshLevel in typing.get_args(info.annotation)
)

#: The levels, lowest first.
ROSH_LEVEL_ORDER: tuple[RoshLevel, ...] = tuple(RoshLevel)

_LABEL_PREFIX = "Risk to "


def rosh_levels(rosh: RiskOfSeriousHarm) -> dict[str, RoshLevel | None]:
    """The level recorded for each group (``None`` when not recorded), in group order."""
    return {group: getattr(rosh, group) for group in ROSH_GROUPS}


def highest_rosh(rosh: RiskOfSeriousHarm) -> RoshLevel | None:
    """The highest level recorded for any group (``None`` when none is recorded)."""
    recorded = [level for level in rosh_levels(rosh).values() if level is not None]
    return max(recorded, key=ROSH_LEVEL_ORDER.index) if recorded else None


def at_least(level: RoshLevel | None, threshold: RoshLevel) -> bool:
    """True when ``level`` is ``threshold`` or higher."""
    return level is not None and ROSH_LEVEL_ORDER.index(level) >= ROSH_LEVEL_ORDER.index(threshold)


@functools.lru_cache(maxsize=1)
def rosh_group_words() -> dict[str, str]:
    """Each group as it reads in a sentence, from the question bank: {"public": "the public", …}.

    Kept between runs on its own, from the same files as the question bank, so that the check
    (which needs only these words of it) does not load the whole bank.
    """
    from psr_assist.domain.content_cache import cached
    from psr_assist.paths import prompts_dir

    directory = prompts_dir()
    return cached("rosh-words", [directory / "steps.yaml", directory / "choices.yaml"], _words_from_bank, dict)


def _words_from_bank() -> dict[str, str]:
    from psr_assist.domain.questions import question_bank

    bank = question_bank()
    labels: dict[str, str] = {}
    for _step, question in bank.questions():
        if question.id == "risk.rosh":
            labels = {sub.field: sub.label for sub in question.fields}
    words: dict[str, str] = {}
    for group in ROSH_GROUPS:
        label = labels.get(group, "")
        if not label.startswith(_LABEL_PREFIX):
            raise ContentError(
                f"prompts/steps.yaml: risk.rosh.{group} needs a label starting {_LABEL_PREFIX!r}"
            )
        words[group] = label.removeprefix(_LABEL_PREFIX)
    return words
