"""One "a"/"an" and one mid-sentence lower case for the check, the report and the screens."""

from __future__ import annotations

import pytest

from psr_assist.domain.wording import article, is_acronym, lower_first


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("alcohol treatment requirement", "an"),
        ("unpaid work requirement", "an"),
        ("offence", "an"),
        ("Offence", "an"),
        ("source", "a"),
        ("mental health treatment requirement", "a"),
        ("GP letter", "a"),  # read as letters: "a gee-pee"
        ("FDR", "an"),  # "an eff-dee-ar"
        ("MHTR", "an"),
        ("SDR", "an"),
        ("PHQ-9", "a"),
        ("X-ray", "an"),  # "an ex-ray"
        ("McKenzie friend", "a"),  # capitals inside a word: said as a word
        ("RoSH assessment", "a"),
        ("Mini-Mental State Examination", "a"),
        ("Self-Harm log", "a"),
        ("", "a"),
    ],
)
def test_article_follows_the_sound_of_the_first_letter(words: str, expected: str) -> None:
    assert article(words) == expected
    assert article(words, capital=True) == expected.capitalize()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hearing date", "hearing date"),
        ("Order length in months", "order length in months"),
        ("A known adult", "a known adult"),
        ("X-ray findings", "x-ray findings"),
        ("PHQ-9 total", "PHQ-9 total"),
        ("GP practice", "GP practice"),
        ("K10", "K10"),
        ("AUDIT-C score", "AUDIT-C score"),
        ("RoSH level", "RoSH level"),
        ("Columbia-Suicide Severity Rating Scale", "Columbia-Suicide Severity Rating Scale"),
        ("I have felt unhappy", "I have felt unhappy"),
        ("I've explained", "I've explained"),
        ("Moderate", "moderate"),
        ("", ""),
        (None, None),
    ],
)
def test_lower_first_keeps_acronyms(text: str | None, expected: str | None) -> None:
    assert lower_first(text) == expected


@pytest.mark.parametrize("word", ["GP", "PHQ-9", "K10", "L&D", "C-SSRS", "McKenzie", "I"])
def test_acronyms(word: str) -> None:
    assert is_acronym(word)


@pytest.mark.parametrize("word", ["Hearing", "A", "X-ray", "9", "", "phq"])
def test_not_acronyms(word: str) -> None:
    assert not is_acronym(word)


def test_the_check_and_the_report_use_the_same_rules() -> None:
    from psr_assist.domain.rules.facts import article as rule_article
    from psr_assist.render.context import lower_first as report_lower_first
    from psr_assist.tui.field_values import parse_int

    assert rule_article("alcohol treatment requirement") == "An"
    assert report_lower_first is lower_first
    with pytest.raises(ValueError, match="Enter PHQ-9 total as a whole number"):
        parse_int("lots", "PHQ-9 total")


@pytest.mark.parametrize(("text", "expected"), [("a diagnosis is recorded", "A diagnosis is recorded"),
                                                ("PHQ-9", "PHQ-9"), ("", "")])
def test_upper_first_starts_a_sentence(text: str, expected: str) -> None:
    from psr_assist.domain.wording import upper_first

    assert upper_first(text) == expected
