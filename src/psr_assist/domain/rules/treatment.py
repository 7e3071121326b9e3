"""Treatment requirements (MHTR, DRR, ATR): everything the order must specify and the court must be satisfied of.

Each requirement kind is described once, as data (:data:`SPECS`, with the law's kinds of
treatment and conditions from ``domain.requirements``, which the app's editor asks too), and the
same checker applies it: type of treatment, practitioner or place, period, provider assessment
and agreement, consent (written, for an MHTR) and the statutory conditions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from psr_assist.domain.case import (
    Requirement,
    RequirementKind,
    SourceKind,
    SourceStatus,
    SpecialistAssessmentStatus,
    TreatmentType,
)
from psr_assist.domain.check import RuleInfo, define, rule
from psr_assist.domain.content_errors import ContentError
from psr_assist.domain.findings import Severity
from psr_assist.domain.limits import sentencing_limits
from psr_assist.domain.requirements import STATUTORY_CONDITIONS, TREATMENT_TYPES
from psr_assist.domain.rules.facts import CaseFacts, article, filled
from psr_assist.domain.wording import join_words

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE


CSTR = (
    "CSTR protocol: the offender must consent; the provider must assess and agree to arrange treatment "
    "(research/domain.md §3.3)"
)
MHTR_LAW = "Sentencing Act 2020 Sch 9 para 16 (what the order specifies) and para 17 (conditions, as amended by PCSC Act 2022)"
DRR_LAW = "Sentencing Act 2020 Sch 9 para 19 (what the order specifies), para 20 (conditions), para 21 (review)"
ATR_LAW = "Sentencing Act 2020 Sch 9 para 23 (what the order specifies) and para 24 (conditions)"
TIME = "Guide take-away: sufficient time to complete the suggested treatment within the sentence proposed"


@dataclasses.dataclass(frozen=True)
class Spec:
    kind: RequirementKind
    short: str  # rule id part: mhtr, drr, atr
    words: str  # "mental health treatment requirement"
    law: str
    types: Mapping[TreatmentType, tuple[str, ...]]  # allowed treatment types and what each must name (requirements.py)
    conditions: tuple[tuple[str, str], ...]  # StatutoryConditions field, what the court must be satisfied of (requirements.py)
    written_consent: bool


SPECS: tuple[Spec, ...] = (
    Spec(
        RequirementKind.MENTAL_HEALTH_TREATMENT, "mhtr", "mental health treatment requirement", MHTR_LAW,
        TREATMENT_TYPES[RequirementKind.MENTAL_HEALTH_TREATMENT],
        STATUTORY_CONDITIONS[RequirementKind.MENTAL_HEALTH_TREATMENT],
        written_consent=True,
    ),
    Spec(
        RequirementKind.DRUG_REHABILITATION, "drr", "drug rehabilitation requirement", DRR_LAW,
        TREATMENT_TYPES[RequirementKind.DRUG_REHABILITATION],
        STATUTORY_CONDITIONS[RequirementKind.DRUG_REHABILITATION],
        written_consent=False,
    ),
    Spec(
        RequirementKind.ALCOHOL_TREATMENT, "atr", "alcohol treatment requirement", ATR_LAW,
        TREATMENT_TYPES[RequirementKind.ALCOHOL_TREATMENT],
        STATUTORY_CONDITIONS[RequirementKind.ALCOHOL_TREATMENT],
        written_consent=False,
    ),
)

_TYPE_WORDS = {
    TreatmentType.IN_PATIENT: "in-patient",
    TreatmentType.INSTITUTION_OUT_PATIENT: "institution-based out-patient",
    TreatmentType.PRACTITIONER_BASED: "practitioner-based",
    TreatmentType.RESIDENT: "resident",
    TreatmentType.NON_RESIDENT: "non-resident",
}


def _allowed_words(spec: Spec) -> str:
    """The types the law allows for the requirement, for a fix: "resident or non-resident"."""
    return join_words((_TYPE_WORDS[t] for t in spec.types), last="or")


_NOT_VERIFIED = " (conditions NOT VERIFIED verbatim: research/domain.md §3.2-3.3)"


@dataclasses.dataclass(frozen=True)
class Rules:
    details: RuleInfo
    consent: RuleInfo
    period: RuleInfo
    provider: RuleInfo
    assessed: RuleInfo
    agreed: RuleInfo
    type_missing: RuleInfo
    type_invalid: RuleInfo
    where: RuleInfo
    conditions: RuleInfo


def _define(spec: Spec) -> Rules:
    k, words = spec.short, spec.words
    if spec.written_consent:
        consent = define(
            f"proposal.{k}-no-written-consent", B, f"{article(words)} {words} has the defendant's written consent",
            "Guide take-away: if proposing a mental health treatment requirement, ensure there is written consent; " + CSTR,
        )
    else:
        consent = define(f"proposal.{k}-no-consent", B, f"{article(words)} {words} has the defendant's recorded consent", CSTR)
    if k == "drr":
        where = define(
            f"proposal.{k}-place-missing", B, f"{article(words)} {words} names the place (and intervals, if non-resident)", spec.law,
        )
    else:
        where = define(
            f"proposal.{k}-practitioner-or-place-missing", B, f"{article(words)} {words} names the practitioner or place for its type",
            spec.law,
        )
    return Rules(
        details=define(
            f"proposal.{k}-details-missing", B, f"{article(words)} {words} has its treatment details", spec.law,
            message=f"The {words} has no treatment details.",
            fix="Enter the provider, type of treatment, practitioner or place, the provider's assessment and the conditions.",
        ),
        consent=consent,
        period=define(
            f"proposal.{k}-period-missing", B, f"{article(words)} {words} states its period", f"{spec.law}; {TIME}",
            message=f"The {words} does not state how long the treatment lasts.",
            fix="Enter the treatment period in months, agreed with the provider.",
        ),
        provider=define(
            f"proposal.{k}-provider-missing", W, f"{article(words)} {words} names the provider", CSTR,
            message=f"The {words} does not name the treatment provider.",
            fix="Enter the service that will provide the treatment.",
        ),
        assessed=define(
            f"proposal.{k}-provider-not-assessed", B, f"The provider has assessed the defendant for the {words}", CSTR,
            message=f"The provider has not assessed the defendant for the {words}.",
            fix="Ask the provider to assess the defendant, and record when they did.",
        ),
        agreed=define(
            f"proposal.{k}-provider-not-agreed", B, f"The provider agrees to arrange the {words}", CSTR,
            message=f"The provider has not agreed to arrange the treatment for the {words}.",
            fix="Confirm with the provider that they will arrange the treatment, and record their agreement.",
        ),
        type_missing=define(
            f"proposal.{k}-treatment-type-missing", B, f"{article(words)} {words} states the type of treatment", spec.law,
            message=f"The {words} does not state the type of treatment.",
            fix=f"Select the type of treatment: {_allowed_words(spec)}.",
        ),
        type_invalid=define(
            f"proposal.{k}-treatment-type-invalid", B, f"{article(words)} {words} uses a type of treatment the law allows for it",
            spec.law,
            message=f"The type of treatment chosen is not one {article(words).lower()} {words} can have.",
            fix=f"Select {_allowed_words(spec)}.",
        ),
        where=where,
        conditions=define(
            f"proposal.{k}-conditions-not-confirmed", B, f"The statutory conditions for {article(words).lower()} {words} are confirmed",
            spec.law + _NOT_VERIFIED,
        ),
    )


RULES: dict[RequirementKind, tuple[Spec, Rules]] = {spec.kind: (spec, _define(spec)) for spec in SPECS}

MHTR_SPECIALIST = define(
    "proposal.mhtr-no-specialist-assessment", B, "An MHTR rests on a specialist mental health assessment",
    "Guide: MHTRs are proposed where there has been a specialist assessment and consent; take-away: obtain a "
    "specialist mental health assessment",
    message="A mental health treatment requirement is proposed without a specialist mental health assessment.",
    fix="Obtain a specialist assessment (for example from the MHTR or liaison and diversion team) and record its findings.",
)
DRR_DIRECTOR = define(
    "proposal.drr-treatment-director-missing", B, "A DRR names the treatment director", DRR_LAW,
    message="The drug rehabilitation requirement does not name the treatment director.",
    fix="Enter the person who will direct the treatment.",
)
DRR_TESTING = define(
    "proposal.drr-testing-missing", B, "A DRR says how samples will be provided", DRR_LAW,
    message="The drug rehabilitation requirement does not say how drug testing will work.",
    fix="Describe the testing: samples to be provided as directed, and how often.",
)
_DRR_REVIEW_AFTER = sentencing_limits().threshold("drr-review-period")
if _DRR_REVIEW_AFTER.unit != "months":  # compared with the requirement's period in months
    raise ContentError("prompts/limits.yaml: threshold drr-review-period must be in months")
DRR_REVIEW = define(
    "proposal.drr-review-missing", B, f"A DRR over {_DRR_REVIEW_AFTER.words()} includes review",
    f"{_DRR_REVIEW_AFTER.source} (prompts/limits.yaml: thresholds, {_DRR_REVIEW_AFTER.id})",
    message=f"The drug rehabilitation requirement lasts more than {_DRR_REVIEW_AFTER.words()} but does not provide "
    "for review.",
    fix="Include provision for court review (at least monthly) in the proposal.",
)

_WHERE_WORDS = {"place": "the place of treatment", "practitioner": "the practitioner", "intervals": "the intervals of treatment"}



_SPECIALIST_SOURCES = frozenset({SourceKind.PSYCHIATRIC_REPORT, SourceKind.PSYCHOLOGICAL_REPORT})


def _consent_problems(requirement: Requirement, written: bool) -> tuple[str, list[str]]:
    consent = requirement.consent
    if consent is not None and consent.given is False:
        return "consent.given", ["refused"]
    if consent is None or consent.given is not True:
        return "consent", ["consent is not recorded"]
    problems: list[str] = []
    fields: list[str] = []
    if written and not consent.given_in_writing:
        problems.append("it is not in writing")
        fields.append("consent.in_writing")
    if consent.date is None:
        problems.append("it has no date")
        fields.append("consent.date")
    return (fields[0] if fields else "consent"), problems


def _specialist_obtained(facts: CaseFacts) -> bool:
    if facts.specialist_status is SpecialistAssessmentStatus.OBTAINED:
        return True
    return any(s.kind in _SPECIALIST_SOURCES and s.status is SourceStatus.RECEIVED for s in facts.case.sources)


@rule
def treatment_requirements(facts: CaseFacts):
    if facts.adjourning:
        return
    for index, requirement in facts.treatment_requirements:
        spec, rules = RULES[requirement.kind]
        base = f"proposal.requirements[{index}]"
        words = spec.words

        field, problems = _consent_problems(requirement, spec.written_consent)
        if problems:
            kind_of = "written consent" if spec.written_consent else "consent"
            fix = (
                "Get the defendant's written consent (signed form or signed on screen) and record the date and how it was recorded."
                if spec.written_consent
                else "Record the defendant's consent to the requirement and the date it was given."
            )
            message = f"The {words} has no valid {kind_of}: {', and '.join(problems)}."
            if field == "consent.given":  # refused: the court cannot make the requirement
                message = f"The defendant did not consent to the {words}, so the court cannot make it."
                fix = (
                    f"Take the {words} out of the proposal, or, if the defendant now agrees, record their "
                    f"{kind_of} and the date."
                )
            yield facts.hit(rules.consent, f"{base}.{field}", message, fix)
        if requirement.period_months is None:
            yield facts.hit(rules.period, f"{base}.period_months")
        if requirement.kind is RequirementKind.MENTAL_HEALTH_TREATMENT and not _specialist_obtained(facts):
            yield facts.hit(MHTR_SPECIALIST, "screening.specialist_assessment.status")

        treatment = requirement.treatment
        if treatment is None:
            yield facts.hit(rules.details, f"{base}.treatment")
            continue
        tbase = f"{base}.treatment"
        if not filled(treatment.provider):
            yield facts.hit(rules.provider, f"{tbase}.provider")
        if treatment.provider_assessed is not True:
            yield facts.hit(rules.assessed, f"{tbase}.provider_assessed")
        if treatment.provider_agrees is not True:
            yield facts.hit(rules.agreed, f"{tbase}.provider_agrees")
        ttype = treatment.treatment_type
        if ttype is None:
            yield facts.hit(rules.type_missing, f"{tbase}.treatment_type")
        elif ttype not in spec.types:
            yield facts.hit(
                rules.type_invalid, f"{tbase}.treatment_type",
                f"{article(words)} {words} cannot be {_TYPE_WORDS[ttype]} treatment.",
            )
        else:
            missing = [name for name in spec.types[ttype] if not filled(getattr(treatment, name))]
            if missing:
                listed = " and ".join(_WHERE_WORDS[name] for name in missing)
                yield facts.hit(
                    rules.where, f"{tbase}.{missing[0]}",
                    f"The {words} is {_TYPE_WORDS[ttype]} treatment but does not name {listed}.",
                    f"Enter {listed}: the order must specify it.",
                )
        unconfirmed = [(name, text) for name, text in spec.conditions if getattr(treatment.conditions, name) is not True]
        for name, text in unconfirmed:
            yield facts.hit(
                rules.conditions, f"{tbase}.conditions.{name}",
                f"For the {words}, it is not confirmed that {text}.",
                "Confirm this condition from the assessment evidence, or reconsider the requirement.",
            )
        if requirement.kind is RequirementKind.DRUG_REHABILITATION:
            if not filled(treatment.treatment_director):
                yield facts.hit(DRR_DIRECTOR, f"{tbase}.treatment_director")
            if not filled(treatment.testing):
                yield facts.hit(DRR_TESTING, f"{tbase}.testing")
            if requirement.period_months is not None and requirement.period_months > _DRR_REVIEW_AFTER.value and treatment.review_provision is not True:
                yield facts.hit(DRR_REVIEW, f"{tbase}.review_provision")
