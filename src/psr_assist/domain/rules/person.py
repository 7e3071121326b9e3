"""The person step: specific needs, protected characteristics and how they intersect."""

from __future__ import annotations

from psr_assist.domain.case import PROTECTED_CHARACTERISTICS
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

NEEDS = (
    "Guide take-away: consider people's specific needs and protected characteristics such as gender, age, "
    "maturity, experience of trauma and diversity; think about how these intersect and impact on their choices"
)


CHARACTERISTICS = define(
    "person.protected-characteristics-missing", W, "Protected characteristics are considered", NEEDS,
    element="protected_characteristics",
    message="None of the protected characteristics (age, sex, race, religion, disability and others) is considered.",
    fix="Record each protected characteristic that is relevant and how it affects the defendant's needs and choices.",
)
INTERSECTION = define(
    "person.intersection-not-analysed", W, "How characteristics and needs intersect is analysed", NEEDS,
    element="intersection",
    message="The report does not analyse how the defendant's characteristics and needs intersect.",
    fix="Explain how the characteristics, trauma and needs together affect choices, compliance and what will help.",
)
DIVERSITY = define(
    "person.diversity-not-confirmed", W, "The officer confirms diversity has been considered", NEEDS,
    element="diversity_confirmed",
    message="It is not confirmed that diversity has been considered.",
    fix="Consider diversity and personal circumstances, then confirm it.",
)
MATURITY = define(
    "person.maturity-not-considered", A, "Maturity is considered for a young adult",
    NEEDS + "; Sentencing Council: age and/or lack of maturity",
    message="The defendant is a young adult (18 to 25) and maturity is not considered.",
    fix="Describe the defendant's maturity and how it bears on the offence and the proposal.",
)
TRAUMA = define(
    "person.trauma-not-considered", A, "Experience of trauma is considered", NEEDS,
    element="trauma",
    message="Experience of trauma is not considered.",
    fix="Record any experience of trauma the defendant chose to share, and how it affects engagement.",
)
STRENGTHS = define(
    "person.strengths-missing", A, "Strengths and protective factors are recorded",
    "Guide: consider protective factors and personal strengths",
    element="strengths",
    message="No strengths or protective factors are recorded.",
    fix="Record the defendant's strengths and what protects them (people, routines, work, faith).",
)


@rule
def person(facts: CaseFacts):
    p = facts.case.person
    if facts.wants(CHARACTERISTICS) and not any(filled(getattr(p, name)) for name in PROTECTED_CHARACTERISTICS):
        yield facts.hit(CHARACTERISTICS, "person.age_and_maturity")
    if facts.wants(INTERSECTION) and not filled(p.intersection):
        yield facts.hit(INTERSECTION, "person.intersection")
    if facts.wants(DIVERSITY) and p.diversity_considered is not True:
        yield facts.hit(DIVERSITY, "person.diversity_considered")
    if facts.age is not None and 18 <= facts.age <= 25 and not filled(p.age_and_maturity):
        yield facts.hit(MATURITY, "person.age_and_maturity")
    if facts.wants(TRAUMA) and not filled(p.trauma):
        yield facts.hit(TRAUMA, "person.trauma")
    if facts.wants(STRENGTHS) and not filled(p.strengths) and not filled(p.protective_factors):
        yield facts.hit(STRENGTHS, "person.strengths")
