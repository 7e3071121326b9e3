"""Comorbidity step: comorbidity clarified, dual diagnosis analysed, treatment sequenced."""

from __future__ import annotations

from psr_assist.domain.case import COMORBIDITY_CONDITIONS, Presence, RequirementKind, ResultsOnlyTool
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, filled
from psr_assist.domain.wording import upper_first

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

CLARIFY = (
    "Guide take-away: clarify any comorbidity; give careful consideration to dual diagnosis and how it "
    "affects risk, needs and the sentence plan"
)

def _thresholds_words() -> str:
    """"AUDIT 16 or more or DAST-10 3 or more", from prompts/profiles.yaml (signals.substance_thresholds)."""
    from psr_assist.domain.profiles import report_profiles
    from psr_assist.domain.scoring import get_instrument

    thresholds = report_profiles().signals.substance_thresholds
    return " or ".join(
        f"{get_instrument(instrument).short_name} {threshold.min_total} or more"
        for instrument, threshold in thresholds.items()
    )


NOT_RECORDED = define(
    "comorbidity.not-recorded", W, "Comorbidity is recorded (present, suspected or none identified)", CLARIFY,
    element="comorbidity_review",
    message="No comorbidity is recorded: not even 'none identified'.",
    fix="For each condition (substance misuse, alcohol, learning disability, ADHD, autism and others) record whether it is present.",
)
DUAL = define(
    "comorbidity.dual-diagnosis-not-analysed", W, "Dual diagnosis is analysed where misuse and mental health needs meet",
    CLARIFY + f"; product brief: {_thresholds_words()} alongside a mental health need",
    element="dual_diagnosis",
    message="Substance or alcohol misuse is indicated alongside a mental health need, but there is no dual diagnosis analysis.",
    fix="Analyse how the mental health need and the substance or alcohol use affect each other, the offending and treatment.",
)
SCREEN_NOT_REFLECTED = define(
    "comorbidity.screen-not-reflected", W, "The comorbidity record agrees with the screening results", CLARIFY,
)
SEQUENCING = define(
    "comorbidity.treatment-sequencing-missing", A, "Combined treatment requirements are sequenced",
    "Guide (MHTR strengths): engagement improves when mental health and substance misuse are treated "
    "holistically, with sequenced requirements",
    message="Mental health treatment and drug or alcohol treatment are both proposed, but not how they fit together.",
    fix="Describe the order or combination of treatments and who coordinates them.",
)


@rule
def recorded(facts: CaseFacts):
    comorbidity = facts.case.comorbidity
    if facts.wants(NOT_RECORDED) and all(getattr(comorbidity, name).presence is None for name in COMORBIDITY_CONDITIONS):
        yield facts.hit(NOT_RECORDED, "comorbidity")


@rule
def dual_diagnosis(facts: CaseFacts):
    if (
        facts.wants(DUAL)
        and facts.mental_health_need
        and facts.substance_misuse_indicated
        and not filled(facts.case.comorbidity.dual_diagnosis_analysis)
    ):
        yield facts.hit(DUAL, "comorbidity.dual_diagnosis_analysis")


@rule
def screen_not_reflected(facts: CaseFacts):
    comorbidity = facts.case.comorbidity
    signals = facts.substance_signals
    pairs = (
        ("alcohol", "alcohol", "alcohol misuse"),
        ("drugs", "substance_misuse", "drug misuse"),
    )
    for substance, name, words in pairs:
        screened = [s for s in signals[substance] if s.startswith("screening")]
        presence = getattr(comorbidity, name).presence
        if screened and presence in (None, Presence.NONE_IDENTIFIED):
            yield facts.hit(
                SCREEN_NOT_REFLECTED, f"comorbidity.{name}.presence",
                f"{upper_first(screened[0])} indicates {words}, but the comorbidity record does not show it.",
                f"Record {words} as suspected, self-reported or diagnosed, or explain why the screening result does not apply.",
            )
    ldsq_positive = any(
        e.tool is ResultsOnlyTool.LDSQ and e.positive is True for e in facts.case.screening.results_only
    )
    if ldsq_positive and comorbidity.learning_disability.presence in (None, Presence.NONE_IDENTIFIED):
        yield facts.hit(
            SCREEN_NOT_REFLECTED, "comorbidity.learning_disability.presence",
            "The LDSQ screen is positive, but the comorbidity record does not show a possible learning disability.",
            "Record the learning disability as suspected, and the adjustments and referral made.",
        )


@rule
def sequencing(facts: CaseFacts):
    if facts.adjourning:
        return
    kinds = facts.requirement_kinds
    if (
        RequirementKind.MENTAL_HEALTH_TREATMENT in kinds
        and kinds & {RequirementKind.DRUG_REHABILITATION, RequirementKind.ALCOHOL_TREATMENT}
        and not filled(facts.case.comorbidity.treatment_sequencing)
    ):
        yield facts.hit(SEQUENCING, "comorbidity.treatment_sequencing")
