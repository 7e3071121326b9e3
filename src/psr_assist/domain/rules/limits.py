"""Sentencing limits (prompts/limits.yaml) applied to the proposal: a breach is a blocker naming the limit.

The numbers and their legal sources live only in the data file; this module knows which part of
the proposal each limit applies to.
"""

from __future__ import annotations

from psr_assist.domain.case import RequirementKind, SentenceKind
from psr_assist.domain.check import RuleInfo, define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts
from psr_assist.domain.rules.proposal import REQUIREMENT_WORDS

B, W = Severity.BLOCKER, Severity.WARNING

_TITLES = {
    "community-order-length": "The community order is no longer than the law allows",
    "upw-hours": "Unpaid work hours are within the legal range",
    "curfew-hours-per-day": "Curfew hours a day are within the legal range",
    "curfew-hours-per-week": "Curfew hours in any 7 days are within the legal limit",
    "curfew-period": "The curfew falls within the legal period",
    "sso-custodial-term": "The suspended custodial term is within the legal range",
    "sso-operational-period": "The operational period is within the legal range",
    "sso-supervision-period": "The supervision period is within the legal range",
    "supervision-within-operational": "The supervision period is not longer than the operational period",
    "requirement-within-order": "Every requirement, including treatment, fits within the order",
}

LIMIT_RULES: dict[str, RuleInfo] = {
    limit_id: define(f"proposal.limit-{limit_id}", B, title, "prompts/limits.yaml", limit_id=limit_id)
    for limit_id, title in _TITLES.items()
}

CHECK_LAW = define(
    "proposal.limit-check-current-law", W, "A value allowed only by an unverified change in the law is checked",
    "prompts/limits.yaml: entries marked 'verified: false' are never applied silently",
)


def _range(facts: CaseFacts, limit_id: str, value: float, field: str, what: str):
    from psr_assist.domain.limits import sentencing_limits

    limit = sentencing_limits().get(limit_id)
    entry = limit.in_force(facts.reference_date)
    if entry is None or entry.allows(value):
        return None
    said = limit.describe_value(value)
    pending = limit.pending(facts.reference_date)
    if pending is not None and pending.allows(value):
        return facts.hit(
            CHECK_LAW, field,
            f"{what} is {said}. The verified limit is {entry.summary} ({entry.source}); a change to {pending.summary} "
            f"from {pending.applies_from.day} {pending.applies_from:%B %Y} ({pending.source}) is not verified.",
            "Check the law in force on the hearing date before proposing this.",
        )
    return facts.hit(
        LIMIT_RULES[limit_id], field,
        f"{what} is {said}. {limit.title} must be {entry.summary} ({entry.source}).",
        f"Change it to {entry.summary}.",
    )


def _within(facts: CaseFacts, limit_id: str, field: str, message: str, fix: str):
    from psr_assist.domain.limits import sentencing_limits

    limit = sentencing_limits().get(limit_id)
    entry = limit.in_force(facts.reference_date)
    if entry is None:
        return None
    return facts.hit(LIMIT_RULES[limit_id], field, f"{message} The law: {entry.summary} ({entry.source}).", fix)


@rule
def limits(facts: CaseFacts):
    if facts.adjourning:
        return
    proposal = facts.case.proposal
    found = []
    if proposal.sentence is SentenceKind.COMMUNITY_ORDER and proposal.order_length_months is not None:
        found.append(_range(facts, "community-order-length", proposal.order_length_months,
                            "proposal.order_length_months", "The community order length"))
    if proposal.sentence is SentenceKind.SUSPENDED_SENTENCE_ORDER:
        if proposal.custodial_term_weeks is not None:
            found.append(_range(facts, "sso-custodial-term", proposal.custodial_term_weeks,
                                "proposal.custodial_term_weeks", "The suspended custodial term"))
        if proposal.operational_period_months is not None:
            found.append(_range(facts, "sso-operational-period", proposal.operational_period_months,
                                "proposal.operational_period_months", "The operational period"))
        if proposal.supervision_period_months is not None:
            found.append(_range(facts, "sso-supervision-period", proposal.supervision_period_months,
                                "proposal.supervision_period_months", "The supervision period"))
        if (
            proposal.supervision_period_months is not None
            and proposal.operational_period_months is not None
            and proposal.supervision_period_months > proposal.operational_period_months
        ):
            found.append(_within(
                facts, "supervision-within-operational", "proposal.supervision_period_months",
                f"The supervision period ({proposal.supervision_period_months} months) is longer than the "
                f"operational period ({proposal.operational_period_months} months).",
                "Shorten the supervision period or lengthen the operational period.",
            ))
    found.extend(_requirements(facts))
    yield from (f for f in found if f is not None)


def _requirements(facts: CaseFacts):
    proposal = facts.case.proposal
    requirements = proposal.requirements
    upw = [(i, r) for i, r in enumerate(requirements) if r.kind is RequirementKind.UNPAID_WORK and r.hours is not None]
    if upw:
        total = sum(r.hours for _, r in upw)
        what = "The unpaid work" if len(upw) == 1 else "The unpaid work in total"
        yield _range(facts, "upw-hours", total, f"proposal.requirements[{upw[0][0]}].hours", what)
    for index, req in enumerate(requirements):
        if req.kind is not RequirementKind.CURFEW:
            continue
        base = f"proposal.requirements[{index}]"
        if req.hours_per_day is not None:
            yield _range(facts, "curfew-hours-per-day", req.hours_per_day, f"{base}.hours_per_day", "The curfew")
        if req.hours_per_week is not None:
            yield _range(facts, "curfew-hours-per-week", req.hours_per_week, f"{base}.hours_per_week",
                         "The curfew in any 7 days")
        elif req.hours_per_day is not None:
            yield _range(facts, "curfew-hours-per-week", req.hours_per_day * 7, f"{base}.hours_per_week",
                         f"At {req.hours_per_day:g} hours every day, the curfew in 7 days")
        if req.period_months is not None:
            yield _range(facts, "curfew-period", req.period_months, f"{base}.period_months", "The curfew period")
    if proposal.sentence is SentenceKind.COMMUNITY_ORDER:
        order, order_words = proposal.order_length_months, "the community order"
    elif proposal.sentence is SentenceKind.SUSPENDED_SENTENCE_ORDER:
        order, order_words = proposal.supervision_period_months, "the supervision period"
    else:
        return
    if order is None:
        return
    for index, req in enumerate(requirements):
        if req.period_months is not None and req.kind is not None and req.period_months > order:
            yield _within(
                facts, "requirement-within-order", f"proposal.requirements[{index}].period_months",
                f"The {REQUIREMENT_WORDS[req.kind]} lasts {req.period_months} months, longer than "
                f"{order_words} ({order} months).",
                f"Shorten the requirement to fit within {order_words}, or lengthen {order_words} within its limit.",
            )
