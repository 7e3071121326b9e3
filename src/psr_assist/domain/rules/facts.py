"""Facts worked out once per check and shared by every rule (scores, needs, custody, profile).

A :class:`CaseFacts` is built by ``check_case`` for one run: each fact is computed the first time
a rule asks for it and then cached, so the screening instruments are scored once per check
however many rules look at them.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import NamedTuple

from psr_assist.domain import wording
from psr_assist.domain.case import (
    COMMUNITY_SENTENCES,
    TREATMENT_REQUIREMENTS,
    Case,
    CustodyPosition,
    Presence,
    Requirement,
    RequirementKind,
    ScreeningResult,
    SentenceKind,
    SourceKind,
    SourceStatus,
    SpecialistAssessmentStatus,
    YesNoUnknown,
    case_age,
)
from psr_assist.domain.critical import CriticalSignal, critical_signals
from psr_assist.domain.critical import score_answers as _score
from psr_assist.domain.findings import Finding, Severity
from psr_assist.domain.requirements import proposed_kinds

#: Sources that can verify what the person says about their health.
HEALTH_SOURCES = frozenset(
    {
        SourceKind.GP,
        SourceKind.CMHT,
        SourceKind.LIAISON_AND_DIVERSION,
        SourceKind.PSYCHIATRIC_REPORT,
        SourceKind.PSYCHOLOGICAL_REPORT,
        SourceKind.PRISON_HEALTHCARE,
        SourceKind.PREVIOUS_TREATMENT_OUTCOMES,
        SourceKind.SUBSTANCE_MISUSE_SERVICE,
    }
)

PRESENT = frozenset({Presence.SUSPECTED, Presence.SELF_REPORTED, Presence.DIAGNOSED})


def article(words: str) -> str:
    """The article to start a rule's sentence about ``words`` ("An alcohol treatment requirement")."""
    return wording.article(words, capital=True)


def filled(value: object) -> bool:
    """True when the officer has entered something (text that is not just spaces counts)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    return True


class Screen(NamedTuple):
    """One administered instrument with its score (or why it could not be scored)."""

    index: int  # position in case.screening.results
    result: ScreeningResult
    name: str  # the instrument's short name ("PHQ-9"), or what was typed when unknown
    instrument_id: str | None  # None when the instrument is unknown
    score: object | None  # scoring.ScoreResult, or None when it could not be scored
    problem: str | None  # "unknown" / "too_many" / "invalid"


class Need(NamedTuple):
    code: str  # severe_band, critical_item, psychosis, current_ideation, specialist_requested
    text: str  # a plain clause for messages and the adjournment draft (no case text)


class CaseFacts:
    def __init__(self, case: Case, today: dt.date) -> None:
        from psr_assist.domain.profiles import report_profiles

        self.case = case
        self.today = today
        self.profiles = report_profiles()
        self.report_type = case.case_details.report_type

    # ------------------------------------------------------------------ profile and findings

    @cached_property
    def reference_date(self) -> dt.date:
        """The hearing date, or today while none is entered (chooses limits; gives age)."""
        return self.case.case_details.hearing_date or self.today

    def severity(self, info) -> Severity | None:
        return self.profiles.severity(self.report_type, info.element, info.severity)

    def wants(self, info) -> bool:
        """Does this rule apply to this report type at all?"""
        return info.element is None or self.profiles.level(self.report_type, info.element) != "not_needed"

    def hit(self, info, field: str, message: str | None = None, fix: str | None = None, *, step: str | None = None) -> Finding:
        severity = self.severity(info) or info.severity
        return Finding(
            rule_id=info.id,
            severity=severity,
            step=step or info.step,
            field=field,
            message=message or info.message,
            fix=fix or info.fix,
        )

    @cached_property
    def same_day(self) -> bool:
        return self.profiles.is_same_day(self.report_type)

    @cached_property
    def age(self) -> int | None:
        return case_age(self.case, self.today)

    # ------------------------------------------------------------------ screening

    @cached_property
    def screens(self) -> list[Screen]:
        out: list[Screen] = []
        for index, result in enumerate(self.case.screening.results):
            instrument_id, name, scored, problem = _score(result.instrument, tuple(result.answers))
            out.append(Screen(index, result, name, instrument_id, scored, problem))
        return out

    @cached_property
    def critical_hits(self) -> list[CriticalSignal]:
        """Positive critical items (``domain.critical``, shared with the app's alert)."""
        return critical_signals(self.case)

    def _mental_health_screens(self, at_least: str) -> list[Screen]:
        from psr_assist.domain.scoring import severity_at_least

        wanted = set(self.profiles.signals.mental_health_instruments)
        return [
            s
            for s in self.screens
            if s.score is not None and s.instrument_id in wanted and severity_at_least(s.score.severity, at_least)
        ]

    @cached_property
    def screening_need(self) -> list[Screen]:
        return self._mental_health_screens(self.profiles.signals.mental_health_need_at_least)

    @cached_property
    def severe_screens(self) -> list[Screen]:
        return self._mental_health_screens(self.profiles.signals.complex_need_at_least)

    # ------------------------------------------------------------------ mental health

    @cached_property
    def concern_reasons(self) -> list[str]:
        """Signs of a mental health concern recorded *outside* screening."""
        mh = self.case.mental_health
        reasons = []
        if mh.concern_raised is True:
            reasons.append("a mental health concern was raised")
        if any(filled(d.condition) or d.status is not None for d in mh.diagnoses):
            reasons.append("a diagnosis is recorded")
        if mh.psychosis_indicated is True:
            reasons.append("psychosis is indicated")
        if self.case.risk.risk_to_self.current_ideation is YesNoUnknown.YES:
            reasons.append("there are current thoughts of suicide or self-harm")
        return reasons

    @cached_property
    def need_reasons(self) -> list[str]:
        """Every sign of a mental health need, including screening."""
        reasons = list(self.concern_reasons)
        if self.screening_need:
            reasons.append("screening indicates a mental health need")
        if self.critical_hits:
            reasons.append("a screening question about risk to self was answered positively")
        return reasons

    @property
    def mental_health_need(self) -> bool:
        return bool(self.need_reasons)

    @cached_property
    def specialist_status(self) -> SpecialistAssessmentStatus | None:
        return self.case.screening.specialist_assessment.status

    # ------------------------------------------------------------------ substances

    @cached_property
    def substance_signals(self) -> dict[str, list[str]]:
        """{"alcohol": [...], "drugs": [...]}: where misuse is indicated (screening or recorded)."""
        signals: dict[str, list[str]] = {"alcohol": [], "drugs": []}
        thresholds = self.profiles.signals.substance_thresholds
        for screen in self.screens:
            threshold = thresholds.get(screen.instrument_id or "")
            if threshold is None or screen.score is None or screen.score.total is None:
                continue
            if (screen.score.complete or screen.score.prorated) and screen.score.total >= threshold.min_total:
                signals[threshold.substance].append(f"screening with the {screen.name}")
        comorbidity = self.case.comorbidity
        if comorbidity.alcohol.presence in PRESENT:
            signals["alcohol"].append("alcohol misuse recorded")
        if comorbidity.substance_misuse.presence in PRESENT:
            signals["drugs"].append("substance misuse recorded")
        return signals

    @property
    def substance_misuse_indicated(self) -> bool:
        return bool(self.substance_signals["alcohol"] or self.substance_signals["drugs"])

    # ------------------------------------------------------------------ complex needs

    @cached_property
    def complex_needs(self) -> list[Need]:
        """What makes a same-day report unsafe to finish without more assessment."""
        needs: list[Need] = []
        for screen in self.severe_screens:
            needs.append(
                Need("severe_band", f"screening with the {screen.name} is in the '{screen.score.band_label}' band")
            )
        for hit in self.critical_hits:
            needs.append(Need("critical_item", f"a question about risk to self was answered positively ({hit.label})"))
        if self.case.mental_health.psychosis_indicated is True:
            needs.append(Need("psychosis", "there are indications of psychosis"))
        if self.case.risk.risk_to_self.current_ideation is YesNoUnknown.YES:
            needs.append(Need("current_ideation", "they describe current thoughts of suicide or self-harm"))
        if self.specialist_status is SpecialistAssessmentStatus.REQUESTED:
            needs.append(Need("specialist_requested", "a specialist assessment has been requested and is not yet available"))
        return needs

    # ------------------------------------------------------------------ sources

    def sources_of(self, kind: SourceKind) -> list[tuple[int, object]]:
        return [(i, s) for i, s in enumerate(self.case.sources) if s.kind is kind]

    @cached_property
    def health_source_received(self) -> bool:
        return any(s.kind in HEALTH_SOURCES and s.status is SourceStatus.RECEIVED for s in self.case.sources)

    @cached_property
    def checks_not_available(self) -> list[int]:
        """Indexes of DA / safeguarding checks marked not available on the day."""
        return [
            i
            for i, s in enumerate(self.case.sources)
            if s.kind in (SourceKind.DOMESTIC_ABUSE_CALLOUTS, SourceKind.SAFEGUARDING)
            and s.status is SourceStatus.NOT_AVAILABLE
        ]

    # ------------------------------------------------------------------ proposal

    @cached_property
    def adjourning(self) -> bool:
        """The officer asks for an adjournment instead of making a proposal."""
        return self.case.proposal.adjournment.requested is True

    @cached_property
    def community_sentence(self) -> bool:
        return self.case.proposal.sentence in COMMUNITY_SENTENCES

    @cached_property
    def custody_possible(self) -> bool:
        proposal = self.case.proposal
        return proposal.custody_position in (CustodyPosition.POSSIBLE, CustodyPosition.COURT_INDICATED) or (
            proposal.sentence in (SentenceKind.CUSTODY, SentenceKind.SUSPENDED_SENTENCE_ORDER)
        )

    @cached_property
    def treatment_requirements(self) -> list[tuple[int, Requirement]]:
        return [(i, r) for i, r in enumerate(self.case.proposal.requirements) if r.kind in TREATMENT_REQUIREMENTS]

    @cached_property
    def requirement_kinds(self) -> set[RequirementKind]:
        return set(proposed_kinds(self.case.proposal))  # the plan item editor offers the same list
