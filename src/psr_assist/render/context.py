"""A case turned into plain data for the report and the companion: no docx, no templates.

:func:`build_context` reads a :class:`~psr_assist.domain.case.Case` and returns nested dicts and
lists of ``str``/``int``/``bool``/``None`` only: dates formatted the British way, choices in the
words of ``prompts/choices.yaml``, screening scored by ``domain.scoring``, instrument notices from
the instrument files and the check's findings. Nothing here decides whether the report is
complete; that is ``domain.check``'s job.

Every piece of text typed by the officer goes through :func:`xml_safe` (characters that XML 1.0
forbids are removed; the model already strips control characters on input, this is the
belt to its braces). Text is otherwise untouched: it is a *value* handed to templates, never
part of one.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Any

from psr_assist.domain.case import (
    COMORBIDITY_CONDITIONS,
    PROTECTED_CHARACTERISTICS,
    TREATMENT_REQUIREMENTS,
    Case,
    Condition,
    ReportType,
    Requirement,
    RequirementKind,
    SourceKind,
    SourceStatus,
    SpecialistAssessmentStatus,
    YesNoUnknown,
    age_on,
)
from psr_assist.domain.findings import SEVERITY_WORDS, Finding
from psr_assist.domain.report_state import countersignature_needed, is_final
from psr_assist.domain.requirements import STATUTORY_CONDITIONS
from psr_assist.domain.risk_levels import highest_rosh, rosh_levels
from psr_assist.domain.sources import CHECK_KINDS, contacted_against_wishes
from psr_assist.domain.wording import lower_first, upper_first

# XML 1.0 forbids these; lone surrogates cannot be encoded at all.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# The person step: protected characteristics and other factors, in the order the report gives them.
PERSON_FACTORS = (*PROTECTED_CHARACTERISTICS, "care_experience", "caring_responsibilities")


def xml_safe(text: str) -> str:
    """Text with the characters XML cannot hold removed, Windows line ends normalised."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", text)


def txt(value: str | None) -> str | None:
    """Officer text, safe for XML; ``None`` when empty or only spaces."""
    if value is None:
        return None
    value = xml_safe(value)
    return value if value.strip() else None


def fmt_date(value: dt.date | None) -> str | None:
    """``26 November 2026`` (GOV.UK style), or ``None``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def fmt_datetime(value: dt.datetime | None) -> str | None:
    """``26 November 2026 at 10:30``, or ``None``."""
    if value is None:
        return None
    return f"{fmt_date(value)} at {value:%H:%M}"


def fmt_number(value: float | int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def plural(count: int | float | None, word: str, words: str | None = None) -> str | None:
    """``1 month``, ``18 months``; ``None`` when there is no count."""
    if count is None:
        return None
    return f"{fmt_number(count)} {word if count == 1 else (words or word + 's')}"


def yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "Yes" if value else "No"


def _wording(group: str, key: str) -> str:
    from psr_assist.render.prose import words

    return words()["labels"][group][key]


def _instrument_api():
    from psr_assist.domain import scoring

    return scoring


class _Labels:
    """Choice words from the question bank, loaded once and only if needed."""

    def __init__(self, bank: Any = None) -> None:
        self._bank = bank

    @property
    def bank(self) -> Any:
        if self._bank is None:
            from psr_assist.domain.questions import question_bank

            self._bank = question_bank()
        return self._bank

    def __call__(self, value: Enum | None) -> str | None:
        if value is None:
            return None
        return self.bank.choice_label(value)

    def step_title(self, step_id: str) -> str:
        try:
            return self.bank.step(step_id).title
        except KeyError:
            return step_id


# --------------------------------------------------------------------------- the parts

# The pronouns the report uses for the person, from the first one they gave ("he/him",
# "She / her", "they/them"). Any other (or none recorded) gets "they": never a guess at gender.
_PRONOUN_FORMS = {
    "he": {"they": "he", "them": "him", "their": "his", "s": "s"},
    "she": {"they": "she", "them": "her", "their": "her", "s": "s"},
    "they": {"they": "they", "them": "them", "their": "their", "s": ""},
}


# Each word by which an answer names a set of pronouns ("he/him", "Call me Jory, he/him").
_PRONOUN_WORDS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "he"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "she"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themself", "themselves"), "they"),
}


def pronoun_forms(pronouns: str | None) -> dict[str, str]:
    """``they``, ``them``, ``their`` for the person, and ``s``: the ending of a verb after ``they``
    ("he learns", "they learn"). The answer holds the name too ("Call me Jory, he/him"): a pair
    it names is the one used; none that the report can use (ze/zir) is "they"."""
    text = (pronouns or "").lower()
    pair = re.search(r"\b([a-z]+)\s*/\s*[a-z]+", text)  # "he/him", "She / Her", "ze/zir"
    if pair is not None:
        return _PRONOUN_FORMS[_PRONOUN_WORDS.get(pair.group(1), "they")]
    # No pair: a pronoun word counts only if it is the only kind named ("he", not "call him Mo,
    # they please"); anything else is "they", never a guess.
    named = {_PRONOUN_WORDS[word] for word in re.findall(r"[a-z]+", text) if word in _PRONOUN_WORDS}
    return _PRONOUN_FORMS[named.pop() if len(named) == 1 else "they"]


def _case_details(case: Case, label: _Labels, today: dt.date) -> dict[str, Any]:
    details = case.case_details
    defendant = details.defendant
    name = txt(defendant.name)
    age = age_on(defendant.date_of_birth, details.hearing_date or today)
    # Offences without a description cannot be named in the report; the check flags them.
    offences = [
        {"description": txt(o.description), "date": fmt_date(o.offence_date), "notes": txt(o.notes)}
        for o in details.offences
        if txt(o.description)
    ]
    report_type = details.report_type
    return {
        "name": name,
        # Sentence-start and mid-sentence ways of naming the person when no name is recorded.
        "who": name or "The defendant",
        "who_lower": name or "the defendant",
        "whose": f"{name}'s" if name else "the defendant's",
        "whose_cap": f"{name}'s" if name else "The defendant's",
        "date_of_birth": fmt_date(defendant.date_of_birth),
        "age": age,
        "address": txt(defendant.address),
        "crn": txt(defendant.crn),
        "pnc": txt(defendant.pnc),
        "pronouns": txt(defendant.pronouns),
        "pronoun": pronoun_forms(defendant.pronouns),
        "court": txt(details.court),
        "local_justice_area": txt(details.local_justice_area),
        "hearing_date": fmt_date(details.hearing_date),
        "report_type": report_type.value if report_type else None,
        "report_type_label": label(report_type),
        "is_oral": report_type is ReportType.ORAL,
        "author": txt(details.author) or txt(case.sign_off.author_name),
        "author_role": label(details.author_role),
        "office": txt(details.office),
        "offences": offences,
        "offence_count": len(offences),
        "plea": details.plea.value if details.plea else None,
        "plea_label": label(details.plea),
    }


def _offence_analysis(case: Case, label: _Labels) -> dict[str, Any]:
    oa = case.offence_analysis
    return {
        "own_account": txt(oa.own_account),
        "analysis": txt(oa.analysis),
        "victim_impact": txt(oa.victim_impact),
        "pattern_of_offending": txt(oa.pattern_of_offending),
        "no_previous_offences": oa.no_previous_offences,
        "response_to_supervision": oa.response_to_supervision.value if oa.response_to_supervision else None,
        "response_to_supervision_label": label(oa.response_to_supervision),
        "mental_health_at_offence": txt(oa.mental_health_at_offence),
    }


def _source_name(source, label: _Labels) -> str:
    kind = label(source.kind)
    extra = txt(source.label)
    if kind and extra and source.kind is not SourceKind.OTHER and not extra.lower().startswith(kind.lower()):
        return f"{kind}: {extra}"
    return extra or kind or "Source not named"


def _sources(case: Case, label: _Labels) -> dict[str, Any]:
    rows = []
    for source in case.sources:
        if source.status is SourceStatus.RECEIVED:
            date = fmt_date(source.received_on)
        elif source.status is SourceStatus.REQUESTED:
            date = fmt_datetime(source.requested_at) or fmt_date(source.received_on)
        else:
            date = fmt_date(source.received_on) or fmt_datetime(source.requested_at)
        rows.append(
            {
                "name": _source_name(source, label),
                "kind": source.kind.value if source.kind else None,
                "status": source.status.value if source.status else None,
                "status_label": label(source.status),
                "date": date,
                "verified": source.verified,
                "verified_label": yes_no(source.verified),
                # A domestic abuse or safeguarding check received: the report says what it found.
                "is_check": source.kind in CHECK_KINDS and source.status is SourceStatus.RECEIVED,
                "concerns": source.concerns_identified.value if source.concerns_identified else None,
                "concerns_label": label(source.concerns_identified),
                "not_available_reason": txt(source.not_available_reason),
                "summary": txt(source.summary),
                "contact": txt(source.contact),
            }
        )
    others = [
        {
            # Contacted against the person's wishes: what they said is left out, and the report says so.
            "left_out": contacted_against_wishes(o),
            "name": txt(o.name),
            "relationship": txt(o.relationship),
            "relationship_mid": lower_first(txt(o.relationship)),
            "consent_to_contact": o.consent_to_contact,
            "contacted_on": fmt_date(o.contacted_on),
            "verified_information": o.verified_information,
            "summary": "" if contacted_against_wishes(o) else txt(o.summary),
        }
        for o in case.significant_others
    ]
    return {
        "rows": rows,
        "not_available": [r for r in rows if r["status"] == SourceStatus.NOT_AVAILABLE.value],
        "awaited": [r for r in rows if r["status"] == SourceStatus.REQUESTED.value],
        "with_summary": [r for r in rows if r["summary"]],
        "checks": [r for r in rows if r["is_check"]],
        "significant_others": others,
    }


def _mental_health(case: Case, label: _Labels) -> dict[str, Any]:
    mh = case.mental_health
    return {
        "concern_raised": mh.concern_raised,
        "history": txt(mh.history),
        "diagnoses": [
            {
                "condition": txt(d.condition),
                "status": d.status.value if d.status else None,
                "status_label": label(d.status),
                "source": txt(d.source),
                "diagnosed_by": txt(d.diagnosed_by),
                "year": d.year,
            }
            for d in mh.diagnoses
        ],
        "psychosis_indicated": mh.psychosis_indicated,
        "current_treatment": txt(mh.current_treatment),
        "medication": txt(mh.medication),
        "gp_registered": mh.gp_registered.value if mh.gp_registered else None,
        "gp_practice": txt(mh.gp_practice),
        "previous_treatment": [
            {
                "provider": txt(p.provider),
                "treatment": txt(p.treatment),
                "period": txt(p.period),
                "in_custody": p.in_custody,
                "outcome": p.outcome.value if p.outcome else None,
                "outcome_label": label(p.outcome),
                "notes": txt(p.notes),
            }
            for p in mh.previous_treatment
        ],
        "current_presentation": txt(mh.current_presentation),
    }


def _screening_row(result, scoring) -> dict[str, Any]:
    row: dict[str, Any] = {
        "instrument_id": xml_safe(result.instrument),
        "short_name": xml_safe(result.instrument) or "Unnamed tool",
        "name": None,
        "known": False,
        "valid": False,
        "date": fmt_date(result.administered_on),
        "by": txt(result.administered_by),
        "notes": txt(result.notes),
        "total": None,
        "max_total": None,
        "prorated": False,
        "complete": False,
        "band_label": None,
        "severity": None,
        "low_band_beside_critical": False,
        "indicates": None,
        "missing_items": [],
        "critical": [],
        "critical_missing": [],
        "leads_to": None,
        "leads_to_id": None,
        "leads_to_missing": False,
        "answered": 0,
    }
    try:
        instrument = scoring.get_instrument(result.instrument)
    except (scoring.UnknownInstrument, ValueError):
        return row
    row.update(known=True, instrument_id=instrument.id, short_name=instrument.short_name, name=instrument.name)
    try:
        scored = scoring.score(instrument.id, list(result.answers))
    except (scoring.InvalidAnswers, ValueError):
        return row
    critical = []
    for number in scored.critical_items:
        position = result.answers[number - 1]
        option = instrument.options(number)[position].label if position is not None else None
        critical.append({"number": number, "text": instrument.item(number).text, "answer": option})
    leads_to = None
    if scored.leads_to:
        try:
            leads_to = scoring.get_instrument(scored.leads_to).short_name
        except (scoring.UnknownInstrument, ValueError):
            leads_to = scored.leads_to
    row.update(
        valid=True,
        total=scored.total,
        max_total=scored.max_total,
        prorated=scored.prorated,
        complete=scored.complete,
        band_label=scored.band_label,
        severity=scored.severity,
        low_band_beside_critical=scoring.low_band_beside_critical(scored),
        indicates=lower_first(scored.band_label),
        missing_items=list(scored.missing_items),
        critical=critical,
        critical_missing=list(scored.critical_missing),
        leads_to=leads_to,
        leads_to_id=scored.leads_to,
        answered=scored.answered,
    )
    return row


def _results_only_row(entry, label: _Labels, scoring) -> dict[str, Any]:
    licensed = False
    if entry.tool is not None:
        try:
            tool = scoring.get_results_only_tool(entry.tool.value)
        except (scoring.UnknownInstrument, ValueError):
            tool = None
        licensed = tool is not None and tool.licensed
    name = txt(scoring.results_only_short_name(entry)) or label(entry.tool) or "Other tool"
    return {
        "name": name,
        "tool": entry.tool.value if entry.tool else None,
        "licensed": licensed,
        "date": fmt_date(entry.administered_on),
        "by": txt(entry.administered_by),
        "score": txt(entry.score),
        "outcome": txt(entry.outcome),
        "positive": entry.positive,
        "positive_label": yes_no(entry.positive),
        "action_taken": txt(entry.action_taken),
    }


def _screening(case: Case, label: _Labels) -> tuple[dict[str, Any], list[dict[str, str]]]:
    scoring = _instrument_api()
    rows = [_screening_row(r, scoring) for r in case.screening.results]
    used = {row["instrument_id"] for row in rows if row["known"]}
    for row in rows:
        row["leads_to_missing"] = bool(row["leads_to_id"]) and row["leads_to_id"] not in used
    results_only = [_results_only_row(e, label, scoring) for e in case.screening.results_only]
    sa = case.screening.specialist_assessment
    notices: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        if not row["known"] or row["instrument_id"] in seen:
            continue
        seen.add(row["instrument_id"])
        instrument = scoring.get_instrument(row["instrument_id"])
        notices.append({"short_name": instrument.short_name, "name": instrument.name, "notice": instrument.notice})
    screening = {
        "rows": rows,
        "results_only": results_only,
        "licensed_tools": sorted({r["name"] for r in results_only if r["licensed"]}),
        "specialist": {
            "status": sa.status.value if sa.status else None,
            "status_label": label(sa.status),
            "requested": sa.status is SpecialistAssessmentStatus.REQUESTED,
            "obtained": sa.status is SpecialistAssessmentStatus.OBTAINED,
            "not_needed": sa.status is SpecialistAssessmentStatus.NOT_NEEDED,
            "reason_not_needed": txt(sa.reason_not_needed),
            "requested_from": txt(sa.requested_from),
            "requested_on": fmt_date(sa.requested_on),
            "assessed_by": txt(sa.assessed_by),
            "assessed_on": fmt_date(sa.assessed_on),
            "findings": txt(sa.findings),
        },
    }
    return screening, notices


def _comorbidity(case: Case, label: _Labels) -> dict[str, Any]:
    co = case.comorbidity
    conditions = []
    for field in COMORBIDITY_CONDITIONS:
        condition: Condition = getattr(co, field)
        conditions.append(
            {
                "field": field,
                "presence": condition.presence.value if condition.presence else None,
                "presence_label": label(condition.presence),
                "details": txt(condition.details),
            }
        )
    return {
        "conditions": conditions,
        "present": [c for c in conditions if c["presence"] in ("suspected", "self_reported", "diagnosed")],
        "none_identified": [c for c in conditions if c["presence"] == "none_identified" and not c["details"]],
        "not_recorded": [c for c in conditions if c["presence"] in (None, "unknown") and not c["details"]],
        "other_with_details": [
            c for c in conditions
            if c["details"] and c["presence"] not in ("suspected", "self_reported", "diagnosed")
        ],
        "dual_diagnosis_analysis": txt(co.dual_diagnosis_analysis),
        "treatment_sequencing": txt(co.treatment_sequencing),
    }


def _person(case: Case) -> dict[str, Any]:
    p = case.person
    factors = [{"field": f, "text": txt(getattr(p, f))} for f in PERSON_FACTORS]
    return {
        "circumstances": txt(p.circumstances),
        "factors": [f for f in factors if f["text"]],
        "factors_not_recorded": [f["field"] for f in factors if not f["text"]],
        "first_language": txt(p.first_language),
        "interpreter_needed": p.interpreter_needed,
        "literacy": txt(p.literacy),
        "learning_style": txt(p.learning_style),
        "trauma": txt(p.trauma),
        "intersection": txt(p.intersection),
        "strengths": txt(p.strengths),
        "protective_factors": txt(p.protective_factors),
        "diversity_considered": p.diversity_considered,
    }


def _motivation(case: Case, label: _Labels) -> dict[str, Any]:
    m = case.motivation
    return {
        "stage": m.stage_of_change.value if m.stage_of_change else None,
        "stage_label": label(m.stage_of_change),
        "stage_phrase": _wording("change_stages", m.stage_of_change.value) if m.stage_of_change else None,
        "willingness": m.willing_to_engage_in_treatment.value if m.willing_to_engage_in_treatment else None,
        "willingness_label": label(m.willing_to_engage_in_treatment),
        "own_views": txt(m.own_views),
        "lived_experience": txt(m.lived_experience),
        "barriers": txt(m.barriers),
        "analysis": txt(m.analysis),
    }


def _risk(case: Case, label: _Labels) -> dict[str, Any]:
    r = case.risk
    rosh = r.rosh
    levels = rosh_levels(rosh)
    highest = highest_rosh(rosh)
    rts = r.risk_to_self
    return {
        "predictors": [
            {"name": txt(p.name), "band": txt(p.band), "date": fmt_date(p.assessed_on)} for p in r.predictors
        ],
        "likelihood_analysis": txt(r.likelihood_analysis),
        "rosh": {
            "levels": {
                group: {"level": lvl.value if lvl else None, "label": label(lvl)} for group, lvl in levels.items()
            },
            "highest": highest.value if highest else None,
            "highest_label": label(highest),
            "who": txt(rosh.who),
            "what": txt(rosh.what),
            "when": txt(rosh.when),
            "circumstances": txt(rosh.circumstances),
            "analysis": txt(rosh.analysis),
        },
        "mental_health_risk_link": txt(r.mental_health_risk_link),
        "risk_to_self": {
            "self_harm_history": txt(rts.self_harm_history),
            "suicide_attempt_history": txt(rts.suicide_attempt_history),
            "current_ideation": rts.current_ideation.value if rts.current_ideation else None,
            "current_ideation_yes": rts.current_ideation is YesNoUnknown.YES,
            "ideation_details": txt(rts.ideation_details),
            "vulnerability": txt(rts.vulnerability),
            "protective_factors": txt(rts.protective_factors),
            "analysis": txt(rts.analysis),
            "action_taken": txt(rts.action_taken),
            "action_taken_at": fmt_datetime(rts.action_taken_at),
        },
        "risks_if_custody": txt(r.risks_if_custody),
    }


def _consent(requirement: Requirement, label: _Labels) -> dict[str, Any] | None:
    consent = requirement.consent
    if consent is None:
        return None
    return {
        "given": consent.given,
        "method": consent.method.value if consent.method else None,
        "method_label": label(consent.method),
        "written": consent.given_in_writing,  # what the check counts as written consent: the one test
        "date": fmt_date(consent.date),
        "witnessed_by": txt(consent.witnessed_by),
        "explained_by": txt(consent.explained_by),
    }


def _requirement(requirement: Requirement, label: _Labels) -> dict[str, Any]:
    treatment = requirement.treatment
    treatment_ctx = None
    if treatment is not None:
        conditions = treatment.conditions
        treatment_ctx = {
            "provider": txt(treatment.provider),
            "practitioner": txt(treatment.practitioner),
            "place": txt(treatment.place),
            "type": treatment.treatment_type.value if treatment.treatment_type else None,
            "type_label": label(treatment.treatment_type),
            "description": txt(treatment.description),
            "provider_assessed": treatment.provider_assessed,
            "provider_assessed_on": fmt_date(treatment.provider_assessed_on),
            "provider_agrees": treatment.provider_agrees,
            "treatment_director": txt(treatment.treatment_director),
            "testing": txt(treatment.testing),
            "intervals": txt(treatment.intervals),
            "review_provision": treatment.review_provision,
            # What the court must be satisfied of for this kind of requirement, as the check asks
            # it (domain.requirements; the wording is NOT VERIFIED verbatim against Sch 9, see
            # research/domain.md 3.2-3.3), each with the officer's answer.
            "conditions": [
                {"text": upper_first(text), "value": getattr(conditions, name)}
                for name, text in STATUTORY_CONDITIONS.get(requirement.kind, ())
            ],
        }
    kind = requirement.kind
    name = _wording("requirements", kind.value) if kind else "requirement (kind not chosen)"
    return {
        "kind": kind.value if kind else None,
        "label": label(kind) or "Requirement not chosen",
        "name": name,
        "heading": upper_first(name),
        "is_treatment": kind in TREATMENT_REQUIREMENTS,
        "is_mhtr": kind is RequirementKind.MENTAL_HEALTH_TREATMENT,
        "is_drr": kind is RequirementKind.DRUG_REHABILITATION,
        "hours": requirement.hours,
        "days": requirement.days,
        "hours_per_day": fmt_number(requirement.hours_per_day),
        "hours_per_week": fmt_number(requirement.hours_per_week),
        "period_months": requirement.period_months,
        "period": plural(requirement.period_months, "month"),
        "details": txt(requirement.details),
        "treatment": treatment_ctx,
        "consent": _consent(requirement, label),
    }


def _proposal(case: Case, label: _Labels) -> dict[str, Any]:
    p = case.proposal
    adj = p.adjournment
    requirements = [_requirement(r, label) for r in p.requirements]
    return {
        "sentence": p.sentence.value if p.sentence else None,
        "sentence_label": label(p.sentence),
        "sentence_phrase": _wording("sentences", p.sentence.value) if p.sentence else None,
        "sentence_text": txt(p.sentence_text),
        "order_length_months": p.order_length_months,
        "order_length": plural(p.order_length_months, "month"),
        "custodial_term": plural(p.custodial_term_weeks, "week"),
        # "16 weeks' custody", "1 week's custody"
        "custodial_term_possessive": (
            None if p.custodial_term_weeks is None
            else f"{p.custodial_term_weeks} week's" if p.custodial_term_weeks == 1
            else f"{p.custodial_term_weeks} weeks'"
        ),
        "operational_period": plural(p.operational_period_months, "month"),
        "supervision_period": plural(p.supervision_period_months, "month"),
        "requirements": requirements,
        "treatment_requirements": [r for r in requirements if r["is_treatment"]],
        "plan": [
            {
                "presenting_issue": txt(item.presenting_issue),
                "link_to_offending": txt(item.link_to_offending),
                "intervention": txt(item.intervention),
                "provider": txt(item.provider),
                "requirement": item.requirement.value if item.requirement else None,
                "requirement_label": label(item.requirement),
                "requirement_name": (
                    _wording("requirements", item.requirement.value).capitalize() if item.requirement else None
                ),
                "timescale": txt(item.timescale),
            }
            for item in p.plan
        ],
        "rationale": txt(p.rationale),
        "alternatives": txt(p.alternatives),
        "custody_position": p.custody_position.value if p.custody_position else None,
        "custody_position_label": label(p.custody_position),
        "custody_impact": txt(p.custody_impact),
        "checks_caveat": txt(p.checks_caveat),
        "adjournment": {
            "requested": adj.requested is True,
            "reason": txt(adj.reason),
            "assessment_needed": txt(adj.assessment_needed),
            "from_whom": txt(adj.from_whom),
            "weeks": adj.weeks,
            "period": plural(adj.weeks, "week"),
        },
    }


def _sign_off(case: Case, label: _Labels) -> dict[str, Any]:
    s = case.sign_off
    return {
        "status": s.status.value,
        "author_name": txt(s.author_name) or txt(case.case_details.author),
        "author_role": label(case.case_details.author_role),
        "signed_on": fmt_date(s.signed_on),
        "dangerousness_report": s.dangerousness_report,
        "countersignature_needed": countersignature_needed(s),
        "countersigned_by": txt(s.countersigned_by),
        "countersigned_on": fmt_date(s.countersigned_on),
    }




def _findings(findings: list[Finding], label: _Labels) -> list[dict[str, str]]:
    return [
        {
            "severity": f.severity.value,
            "severity_label": SEVERITY_WORDS.get(f.severity, f.severity.value),
            "step": label.step_title(f.step),
            "message": xml_safe(f.message),
            "fix": xml_safe(f.fix),
            "rule_id": f.rule_id,
        }
        for f in findings
    ]


def normalise_marking(marking: str | None) -> str | None:
    """The protective marking as printed: one line, capitals, or ``None`` when not configured."""
    if marking is None:
        return None
    marking = " ".join(xml_safe(marking).split()).upper()
    return marking or None


def build_context(
    case: Case,
    *,
    draft: bool,
    findings: list[Finding] | None = None,
    marking: str | None = None,
    today: dt.date | None = None,
    bank: Any = None,
) -> dict[str, Any]:
    """Plain data for the templates. ``findings`` are listed in a draft's appendix (final: ignored)."""
    today = today or dt.date.today()
    label = _Labels(bank)
    screening, notices = _screening(case, label)
    context: dict[str, Any] = {
        "draft": draft,
        "marking": normalise_marking(marking),
        "today": fmt_date(today),
        # A signed final report is dated the day it was signed, however long after it is printed;
        # a draft (even of a signed report) is dated the day it is printed.
        "report_date": fmt_date(
            case.sign_off.signed_on if not draft and is_final(case) and case.sign_off.signed_on else today
        ),
        "case": _case_details(case, label, today),
        "offence": _offence_analysis(case, label),
        "sources": _sources(case, label),
        "mental_health": _mental_health(case, label),
        "screening": screening,
        "comorbidity": _comorbidity(case, label),
        "person": _person(case),
        "motivation": _motivation(case, label),
        "risk": _risk(case, label),
        "proposal": _proposal(case, label),
        "notices": notices,
        "sign_off": _sign_off(case, label),
        "findings": _findings(findings or [], label) if draft else [],
    }
    return context
