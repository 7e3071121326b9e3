"""Adjournment advice: when a same-day report reveals complex needs, draft the request to the court.

Modelled on the guide's "Advice to court" case study: an FDR where concerns about self-harm came
to light, and the author asked the court for a further adjournment for a psychiatric report so
the proposal could be informed and safe. :func:`complex_needs` says what makes the case complex;
:func:`draft_adjournment_request` turns that into a request the officer can insert and edit
(the check's ``proposal.fdr-consider-adjournment`` advice offers it).

The draft is built from our own sentences and the facts recorded (instrument names and bands,
whom an assessment was requested from): nothing the officer typed is interpreted.
"""

from __future__ import annotations

import datetime as dt

from psr_assist.domain.case import AdjournmentRequest, Case
from psr_assist.domain.rules.facts import CaseFacts, Need, filled

_PSYCHIATRIC = frozenset({"psychosis", "critical_item", "current_ideation"})


def complex_needs(case: Case, today: dt.date | None = None) -> list[Need]:
    """What in the case makes it complex: a severe band, a positive critical item, psychosis,
    current suicidal ideation, or a specialist assessment requested but not yet obtained."""
    return CaseFacts(case, today or dt.date.today()).complex_needs


def _join(clauses: list[str]) -> str:
    if len(clauses) == 1:
        return clauses[0]
    return "; ".join(clauses[:-1]) + "; and " + clauses[-1]


def draft_adjournment_request(case: Case, today: dt.date | None = None) -> AdjournmentRequest:
    """A drafted request: reason, what assessment is needed, from whom (if known) and how many weeks."""
    facts = CaseFacts(case, today or dt.date.today())
    needs = facts.complex_needs
    codes = {need.code for need in needs}
    weeks = facts.profiles.adjournment.weeks
    assessment = case.screening.specialist_assessment
    requested_from = assessment.requested_from if filled(assessment.requested_from) else None
    risk_to_self = bool(codes & {"critical_item", "current_ideation"})

    if "specialist_requested" in codes:
        source = f" from {requested_from}" if requested_from else ""
        needed = f"The specialist mental health assessment already requested{source}"
        if risk_to_self:
            needed += ", including an assessment of risk to self"
        needed += ", so that its findings can inform the proposal."
        length = weeks.psychiatric_report if codes & _PSYCHIATRIC else weeks.specialist_assessment
    elif codes & _PSYCHIATRIC:
        needed = "A psychiatric report on the defendant's mental health"
        if risk_to_self:
            needed += ", including risk to self"
        needed += ", and whether treatment in the community (for example a mental health treatment requirement) is suitable."
        length = weeks.psychiatric_report
    else:
        needed = (
            "A specialist mental health assessment, to clarify the defendant's needs and whether treatment in the "
            "community (for example a mental health treatment requirement) is suitable."
        )
        length = weeks.specialist_assessment

    if needs:
        reason = (
            "The assessment for this report has identified complex mental health needs: "
            + _join([need.text for need in needs])
            + "."
        )
    else:
        reason = "Further information about the defendant's mental health is needed before a proposal can be made."
    if risk_to_self and filled(case.risk.risk_to_self.action_taken):
        reason += " Action has been taken today to address the immediate risk to the defendant's safety."
    reason += (
        " A further adjournment is requested so that the court can be given an informed proposal that addresses "
        "these needs and the risks, rather than a proposal made without the evidence it needs."
    )
    return AdjournmentRequest(
        requested=True,
        reason=reason,
        assessment_needed=needed,
        from_whom=requested_from,
        weeks=length,
    )
