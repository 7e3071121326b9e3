"""Which parts of a requirement apply to which kind of requirement.

The law says, requirement by requirement, what the order must specify (Sentencing Act 2020
Sch 9): the kinds of treatment a mental health, drug rehabilitation or alcohol treatment
requirement may have, what each kind of treatment must name, and what the court must be
satisfied of. That is written here once: the check (``rules/treatment.py``) tests a case
against it, and the app asks it which answers and choices to offer for a requirement. Which
requirement has hours or days (unpaid work, rehabilitation activity, curfew) the check's
``rules/proposal.py`` also says; ``tests/unit/test_requirements.py`` keeps the two equal. It also says which requirements a plan item can name: those proposed.

A requirement's answers are named by their path inside it, as the case model spells them
(``hours``, ``treatment.testing``, ``treatment.conditions.not_hospital_or_guardianship``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from psr_assist.domain.applies import field_applies
from psr_assist.domain.case import TREATMENT_REQUIREMENTS, Proposal, RequirementKind, TreatmentType

_MHTR = RequirementKind.MENTAL_HEALTH_TREATMENT
_DRR = RequirementKind.DRUG_REHABILITATION
_ATR = RequirementKind.ALCOHOL_TREATMENT


def _frozen(table: dict) -> Mapping:
    return MappingProxyType({key: MappingProxyType(value) if isinstance(value, dict) else value
                             for key, value in table.items()})


#: The kinds of treatment the law allows for each treatment requirement, in the order they are
#: offered, and what the order must name for each (fields of ``TreatmentDetails``):
#: MHTR Sch 9 para 16, DRR para 19 (resident or non-resident), ATR para 23.
TREATMENT_TYPES: Mapping[RequirementKind, Mapping[TreatmentType, tuple[str, ...]]] = _frozen({
    _MHTR: {
        TreatmentType.IN_PATIENT: ("place",),
        TreatmentType.INSTITUTION_OUT_PATIENT: ("place",),
        TreatmentType.PRACTITIONER_BASED: ("practitioner",),
    },
    _DRR: {
        TreatmentType.RESIDENT: ("place",),
        TreatmentType.NON_RESIDENT: ("place", "intervals"),
    },
    _ATR: {
        TreatmentType.IN_PATIENT: ("place",),
        TreatmentType.INSTITUTION_OUT_PATIENT: ("place",),
        TreatmentType.PRACTITIONER_BASED: ("practitioner",),
    },
})

#: What the court must be satisfied of before making each treatment requirement: a field of
#: ``StatutoryConditions`` and the condition in words (MHTR Sch 9 para 17, DRR para 20, ATR para 24).
STATUTORY_CONDITIONS: Mapping[RequirementKind, tuple[tuple[str, str], ...]] = _frozen({
    _MHTR: (
        ("need_for_treatment", "the mental condition requires, and may be susceptible to, treatment"),
        ("not_hospital_or_guardianship", "the condition does not warrant a hospital or guardianship order"),
        ("arrangements_made", "arrangements have been or can be made for the treatment"),
        ("willingness_expressed", "the defendant has expressed willingness to comply"),
    ),
    _DRR: (
        ("need_for_treatment", "the defendant is dependent on, or has a propensity to misuse, drugs and this requires "
         "and may be susceptible to treatment"),
        ("arrangements_made", "arrangements have been or can be made for the treatment"),
        ("willingness_expressed", "the defendant has expressed willingness to comply"),
    ),
    _ATR: (
        ("need_for_treatment", "the defendant is dependent on alcohol and the dependency requires and may be "
         "susceptible to treatment"),
        ("arrangements_made", "arrangements have been or can be made for the treatment"),
        ("willingness_expressed", "the defendant has expressed willingness to comply"),
    ),
})


def _naming(name: str) -> frozenset[RequirementKind]:
    """The requirements with a kind of treatment that must name ``name`` (a place, a practitioner…)."""
    return frozenset(kind for kind, types in TREATMENT_TYPES.items() if any(name in n for n in types.values()))


def _with_condition(name: str) -> frozenset[RequirementKind]:
    return frozenset(kind for kind, conditions in STATUTORY_CONDITIONS.items() if any(c == name for c, _ in conditions))


#: Answers that belong to some kinds of requirement only. An answer not named here (nor inside
#: one that is) applies to every kind. The sizes follow the check: unpaid work is sized in hours,
#: a rehabilitation activity requirement in days, a curfew in hours a day and a week (Sch 9
#: para 9). Only a treatment requirement has treatment arrangements and needs the defendant's
#: consent; the treatment director, drug testing and court review belong to a drug
#: rehabilitation requirement (paras 19 and 21).
ONLY_FOR: Mapping[str, frozenset[RequirementKind]] = MappingProxyType({
    "hours": frozenset({RequirementKind.UNPAID_WORK}),
    "days": frozenset({RequirementKind.REHABILITATION_ACTIVITY}),
    "hours_per_day": frozenset({RequirementKind.CURFEW}),
    "hours_per_week": frozenset({RequirementKind.CURFEW}),
    "treatment": TREATMENT_REQUIREMENTS,
    "consent": TREATMENT_REQUIREMENTS,
    "treatment.practitioner": _naming("practitioner"),
    "treatment.place": _naming("place"),
    "treatment.intervals": _naming("intervals"),
    "treatment.treatment_director": frozenset({_DRR}),
    "treatment.testing": frozenset({_DRR}),
    "treatment.review_provision": frozenset({_DRR}),
    **{
        f"treatment.conditions.{name}": _with_condition(name)
        for name in dict.fromkeys(name for conditions in STATUTORY_CONDITIONS.values() for name, _ in conditions)
    },
})


def allowed_treatment_types(kind: RequirementKind | None) -> tuple[TreatmentType, ...]:
    """The kinds of treatment the law allows for a requirement of ``kind``, in the order to offer them.

    Empty for a requirement that is not a treatment requirement; every kind of treatment while
    the requirement's own kind is not yet chosen.
    """
    if kind is None:
        return tuple(TreatmentType)
    return tuple(TREATMENT_TYPES.get(kind, {}))


def requirement_field_applies(kind: RequirementKind | None, field: str) -> bool:
    """Whether the answer at ``field`` (a path inside a requirement) is part of a requirement of ``kind``.

    While the kind is not chosen, every answer applies: nothing is ruled out before it is known.
    """
    return field_applies(ONLY_FOR, kind, field)


def proposed_kinds(proposal: Proposal) -> tuple[RequirementKind, ...]:
    """The kinds of the requirements proposed, each once, in the order they are proposed.

    These are the requirements a plan item can say carries it: the check warns about a plan
    item relying on any other (``proposal.plan-requirement-not-proposed``).
    """
    return tuple(dict.fromkeys(r.kind for r in proposal.requirements if r.kind is not None))
