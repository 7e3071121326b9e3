"""Rule titles and messages read as English: "an alcohol treatment requirement", not "a alcohol"."""

from __future__ import annotations

import datetime as dt
import re

from psr_assist.domain.case import Case
from psr_assist.domain.check import check_case, rule_catalogue

A_BEFORE_VOWEL = re.compile(r"\b[Aa] [aeioAEIO]")  # "a u…" is often right ("a unit"), so u is left out


def test_no_rule_text_says_a_before_a_vowel():
    bad = [(r.id, text) for r in rule_catalogue() for text in (r.title, r.message, r.fix) if A_BEFORE_VOWEL.search(text)]
    assert bad == []
    assert any(r.title == "An alcohol treatment requirement states its period" for r in rule_catalogue())


def test_an_alcohol_treatment_requirement_with_a_wrong_type_reads_well():
    case = Case.model_validate({"proposal": {"requirements": [
        {"kind": "alcohol_treatment", "treatment": {"treatment_type": "non_resident"}},
    ]}})
    texts = [f.message for f in check_case(case, dt.date(2026, 11, 26))]
    assert not [t for t in texts if A_BEFORE_VOWEL.search(t)]
