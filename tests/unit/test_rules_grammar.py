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


def test_treatment_requirements_left_out_of_the_plan_are_one_finding_on_the_plan_naming_each():
    """On the plan, where the fix goes (Next to fix opened the requirement's editor), and once:
    two findings at one place made Next to fix stop there twice."""

    def unplanned(*kinds: str) -> list:
        case = Case.model_validate({"proposal": {
            "requirements": [{"kind": kind} for kind in kinds],
            "plan": [{"presenting_issue": "Low mood", "requirement": "rehabilitation_activity"}],
        }})
        return [f for f in check_case(case, dt.date(2026, 11, 26)) if f.rule_id == "proposal.treatment-requirement-no-plan-item"]

    [one] = unplanned("mental_health_treatment", "rehabilitation_activity")
    assert one.field == "proposal.plan"
    assert one.message == "The mental health treatment requirement does not appear in the structured plan."
    [both] = unplanned("mental_health_treatment", "alcohol_treatment")
    assert both.message == (
        "The mental health treatment requirement and the alcohol treatment requirement do not appear in the "
        "structured plan."
    )
    assert "a plan item for each" in both.fix and "for each" not in one.fix
    [twice] = unplanned("mental_health_treatment", "mental_health_treatment")  # each kind named once
    assert twice.message == one.message
    assert unplanned("rehabilitation_activity") == []
