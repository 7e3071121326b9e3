"""RoSH groups and the order of levels come from the case model, once (domain.risk_levels)."""

from __future__ import annotations

from psr_assist.domain.case import RiskOfSeriousHarm, RoshLevel
from psr_assist.domain.risk_levels import (
    ROSH_GROUPS,
    ROSH_LEVEL_ORDER,
    at_least,
    highest_rosh,
    rosh_group_words,
    rosh_levels,
)


def test_groups_are_the_level_fields_of_the_model_in_order():
    assert ROSH_GROUPS == ("children", "public", "known_adult", "staff")
    assert ROSH_LEVEL_ORDER == (RoshLevel.LOW, RoshLevel.MEDIUM, RoshLevel.HIGH, RoshLevel.VERY_HIGH)


def test_highest_and_at_least():
    rosh = RiskOfSeriousHarm(children=RoshLevel.LOW, known_adult=RoshLevel.HIGH, staff=RoshLevel.MEDIUM)
    assert rosh_levels(rosh) == {"children": RoshLevel.LOW, "public": None, "known_adult": RoshLevel.HIGH,
                                 "staff": RoshLevel.MEDIUM}
    assert highest_rosh(rosh) is RoshLevel.HIGH
    assert highest_rosh(RiskOfSeriousHarm()) is None
    assert at_least(RoshLevel.HIGH, RoshLevel.MEDIUM) and at_least(RoshLevel.MEDIUM, RoshLevel.MEDIUM)
    assert not at_least(RoshLevel.LOW, RoshLevel.MEDIUM) and not at_least(None, RoshLevel.LOW)


def test_group_words_come_from_the_question_bank():
    assert rosh_group_words() == {"children": "children", "public": "the public", "known_adult": "a known adult",
                                  "staff": "staff"}
