"""Motivation step: readiness, willingness, and the person's own views and lived experience."""

from __future__ import annotations

from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

EXPLORE = (
    "Guide take-away: explore the individual's motivation, readiness to change, willingness to engage in "
    "treatment, views and lived experience"
)

OWN_VIEWS = define(
    "motivation.own-views-missing", W, "The person's own views are recorded in their words", EXPLORE,
    element="own_views",
    message="The defendant's own views are not recorded.",
    fix="Record, in their own words, what the defendant thinks about the offence, their needs and the proposal.",
)
WILLINGNESS = define(
    "motivation.willingness-missing", W, "Willingness to engage in treatment is recorded", EXPLORE,
    element="willingness",
    message="The report does not say whether the defendant is willing to engage in treatment.",
    fix="Ask whether they are willing to engage in treatment and record the answer.",
)
STAGE = define(
    "motivation.stage-of-change-missing", W, "Readiness to change is assessed", EXPLORE,
    element="stage_of_change",
    message="Readiness to change is not assessed.",
    fix="Select the stage of change that best describes the defendant now.",
)
LIVED = define(
    "motivation.lived-experience-missing", A, "Lived experience is recorded", EXPLORE,
    element="lived_experience",
    message="The defendant's lived experience (of services, treatment, the justice system) is not recorded.",
    fix="Record what the defendant says has helped or not helped before.",
)


@rule
def motivation(facts: CaseFacts):
    m = facts.case.motivation
    if facts.wants(OWN_VIEWS) and not filled(m.own_views):
        yield facts.hit(OWN_VIEWS, "motivation.own_views")
    if facts.wants(WILLINGNESS) and m.willing_to_engage_in_treatment is None:
        yield facts.hit(WILLINGNESS, "motivation.willing_to_engage_in_treatment")
    if facts.wants(STAGE) and m.stage_of_change is None:
        yield facts.hit(STAGE, "motivation.stage_of_change")
    if facts.wants(LIVED) and not filled(m.lived_experience):
        yield facts.hit(LIVED, "motivation.lived_experience")
