"""Proposal step: a clear, evidenced proposal with a structured plan, or an adjournment request.

Which sentences carry requirements (and which answers belong to which sentence) is said once in
``domain.sentences``, which the app asks too.
"""

from __future__ import annotations

from psr_assist.domain.case import RequirementKind, SentenceKind, Willingness
from psr_assist.domain.check import define, rule
from psr_assist.domain.findings import Severity
from psr_assist.domain.rules.facts import CaseFacts, article, filled
from psr_assist.domain.sentences import proposal_field_applies
from psr_assist.domain.wording import join_words, upper_first

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

MOJ_PROPOSAL = (
    "MoJ pre-sentence service: sentence type; for a community sentence the duration, number and length of "
    "requirements; rationale; alternatives; impact of custody (research/domain.md §2)"
)
PLAN = (
    "Guide take-away: frame proposals with evidence and an individualised structured plan with specific "
    "information about the presenting issues, links to risks and how treatment services will help deliver the sentence"
)
ADJOURN = (
    "Guide case study 'Advice to court' (Lauren): an FDR author requested a further adjournment for a psychiatric "
    "report when concerns about self-harm emerged"
)

REQUIREMENT_WORDS = {
    RequirementKind.UNPAID_WORK: "unpaid work requirement",
    RequirementKind.REHABILITATION_ACTIVITY: "rehabilitation activity requirement",
    RequirementKind.PROGRAMME: "programme requirement",
    RequirementKind.PROHIBITED_ACTIVITY: "prohibited activity requirement",
    RequirementKind.CURFEW: "curfew requirement",
    RequirementKind.EXCLUSION: "exclusion requirement",
    RequirementKind.RESIDENCE: "residence requirement",
    RequirementKind.FOREIGN_TRAVEL_PROHIBITION: "foreign travel prohibition requirement",
    RequirementKind.MENTAL_HEALTH_TREATMENT: "mental health treatment requirement",
    RequirementKind.DRUG_REHABILITATION: "drug rehabilitation requirement",
    RequirementKind.ALCOHOL_TREATMENT: "alcohol treatment requirement",
    RequirementKind.ALCOHOL_ABSTINENCE_MONITORING: "alcohol abstinence and monitoring requirement",
    RequirementKind.ATTENDANCE_CENTRE: "attendance centre requirement",
    RequirementKind.ELECTRONIC_MONITORING: "electronic monitoring requirement",
    RequirementKind.DRUG_TESTING: "drug testing requirement",
}

SENTENCE = define(
    "proposal.sentence-missing", B, "A sentence is proposed (or an adjournment requested)", MOJ_PROPOSAL,
    message="No sentence is proposed.",
    fix="Choose the proposed sentence, or request an adjournment instead.",
)
RATIONALE = define(
    "proposal.rationale-missing", W, "The proposal is explained", MOJ_PROPOSAL + "; " + PLAN,
    element="rationale",
    message="The proposal has no rationale.",
    fix="Explain why this sentence fits the offence, the risks and the defendant's needs, using the evidence above.",
)
ALTERNATIVES = define(
    "proposal.alternatives-missing", W, "Alternatives considered are explained", MOJ_PROPOSAL,
    element="alternatives",
    message="The proposal does not say which alternatives were considered.",
    fix="Say which other sentences you considered and why you did not propose them.",
)
CUSTODY_IMPACT = define(
    "proposal.custody-impact-missing", W, "The impact of custody is analysed where custody is possible",
    MOJ_PROPOSAL + "; product brief: family, dependants, vulnerability, risk to self, what the prison must know",
    element="custody_impact",
    message="Custody is possible, but the impact of custody is not analysed.",
    fix="Describe the impact of custody on the defendant, their family and dependants, and their treatment.",
)
ORDER_LENGTH = define(
    "proposal.order-length-missing", B, "A community order has a length", "Sentencing Act 2020 s209 (end date)",
    message="The length of the community order is missing.",
    fix="Enter the length of the community order in months.",
)
NO_REQUIREMENTS = define(
    "proposal.requirements-missing", B, "A community order has at least one requirement",
    "Sentencing Act 2020 s200(1): a community order imposes one or more community order requirements",
    message="A community order is proposed with no requirements.",
    fix="Add at least one requirement.",
)
SSO_TERM = define(
    "proposal.sso-term-missing", B, "A suspended sentence order has a custodial term",
    "Sentencing Act 2020 s264, s277, s286",
    message="The custodial term of the suspended sentence order is missing.",
    fix="Enter the custodial term in weeks.",
)
OPERATIONAL = define(
    "proposal.operational-period-missing", B, "A suspended sentence order has an operational period",
    "Sentencing Act 2020 s288",
    message="The operational period of the suspended sentence order is missing.",
    fix="Enter the operational period in months.",
)
SUPERVISION = define(
    "proposal.supervision-period-missing", B, "A suspended sentence order with requirements has a supervision period",
    "Sentencing Act 2020 s288",
    message="The suspended sentence order has requirements but no supervision period.",
    fix="Enter the supervision period in months.",
)
NOT_AVAILABLE = define(
    "proposal.requirements-not-available", B, "Requirements are proposed only with a community sentence",
    "Sentencing Act 2020 s200-201 (community order) and s286-287 (suspended sentence order)",
    message="Requirements are listed, but the proposed sentence is not a community order or suspended sentence order.",
    fix="Propose a community order or suspended sentence order, or remove the requirements.",
)
KIND = define(
    "proposal.requirement-kind-missing", B, "Every requirement says what it is", MOJ_PROPOSAL,
    message="A requirement does not say what kind of requirement it is.",
    fix="Select the kind of requirement, or remove the empty entry.",
)
UPW_HOURS = define(
    "proposal.upw-hours-missing", B, "Unpaid work states its hours", "Sentencing Act 2020 Sch 9 para 2(1)(a)",
    message="The unpaid work requirement does not state the number of hours.",
    fix="Enter the number of hours of unpaid work.",
)
RAR_DAYS = define(
    "proposal.rar-days-missing", B, "A rehabilitation activity requirement states its maximum days",
    "Sentencing Act 2020 Sch 9 para 4: the order must specify the maximum number of days",
    message="The rehabilitation activity requirement does not state the maximum number of days.",
    fix="Enter the maximum number of rehabilitation activity days.",
)
CURFEW = define(
    "proposal.curfew-incomplete", B, "A curfew states its daily hours and its period",
    "Sentencing Act 2020 Sch 9 para 9(2): the order must specify the curfew periods",
)
PLAN_MISSING = define(
    "proposal.plan-missing", W, "A community sentence comes with a structured plan", PLAN,
    element="structured_plan",
    message="There is no structured plan for the proposed sentence.",
    fix="Add a plan item for each presenting issue: its link to offending, the intervention, provider, requirement and timescale.",
)
NO_INTERVENTION = define(
    "proposal.plan-item-no-intervention", W, "Every presenting issue in the plan has an intervention", PLAN,
    message="A presenting issue in the plan has no intervention.",
    fix="Say what will be done about this issue, or remove it from the plan.",
)
ITEM_INCOMPLETE = define(
    "proposal.plan-item-incomplete", A, "Every plan item is fully described", PLAN,
    element="plan_item_detail",
)
PLAN_REQUIREMENT = define(
    "proposal.plan-requirement-not-proposed", W, "The plan refers only to requirements that are proposed", PLAN,
)
TREATMENT_NO_PLAN = define(
    "proposal.treatment-requirement-no-plan-item", W, "Every treatment requirement appears in the structured plan", PLAN,
)
NOT_WILLING = define(
    "proposal.treatment-but-not-willing", B, "Treatment is proposed only where the person is willing",
    "Sentencing Act 2020 Sch 9 paras 17, 20, 24: the offender has expressed willingness to comply (CSTR: the "
    "offender must consent; research/domain.md §3.2-3.3)",
    message="A treatment requirement is proposed, but the defendant is recorded as not willing to engage in treatment.",
    fix="Do not propose a treatment requirement without willingness; record the change if they now agree.",
)
NEED_NOT_EVIDENCED = define(
    "proposal.treatment-need-not-evidenced", W, "A treatment requirement answers a need the report shows",
    "Sentencing Act 2020 Sch 9 paras 17, 20, 24 (need for treatment); " + PLAN,
)
ADJ_REASON = define(
    "proposal.adjournment-reason-missing", B, "An adjournment request gives its reason", ADJOURN,
    message="An adjournment is requested without a reason.",
    fix="Explain why the court should adjourn: what the assessment revealed and why it matters for sentence.",
)
ADJ_ASSESSMENT = define(
    "proposal.adjournment-assessment-missing", B, "An adjournment request says what assessment is needed", ADJOURN,
    message="An adjournment is requested without saying what assessment or report is needed.",
    fix="Say what assessment or report is needed (for example a psychiatric report) and who will provide it.",
)
ADJ_WEEKS = define(
    "proposal.adjournment-weeks-missing", W, "An adjournment request says how long", ADJOURN,
    message="The adjournment request does not say how long is needed.",
    fix="Enter how many weeks the assessment needs (confirm with the provider).",
)
ADJ_SET_ASIDE = define(
    "proposal.set-aside-while-adjourning", A, "What an adjournment request leaves out of the report is said",
    ADJOURN + "; the report asks for the adjournment instead of proposing a sentence",
    message="The report asks for an adjournment, so the sentence, requirements and plan recorded here are not in it.",
    fix="Keep them for the report after the adjournment, or remove them if they no longer apply.",
)
FDR_ADJOURN = define(
    "proposal.fdr-consider-adjournment", A, "A same-day report revealing complex needs considers an adjournment",
    ADJOURN,
)

_TREATMENT_SIGNAL = {
    RequirementKind.MENTAL_HEALTH_TREATMENT: ("mental_health", "a mental health need"),
    RequirementKind.DRUG_REHABILITATION: ("drugs", "drug misuse"),
    RequirementKind.ALCOHOL_TREATMENT: ("alcohol", "alcohol misuse or dependence"),
}


@rule
def adjournment(facts: CaseFacts):
    request = facts.case.proposal.adjournment
    if facts.adjourning:
        if not filled(request.reason):
            yield facts.hit(ADJ_REASON, "proposal.adjournment.reason")
        if not filled(request.assessment_needed):
            yield facts.hit(ADJ_ASSESSMENT, "proposal.adjournment.assessment_needed")
        if request.weeks is None or request.weeks == 0:
            yield facts.hit(ADJ_WEEKS, "proposal.adjournment.weeks")
        proposal = facts.case.proposal
        if proposal.sentence is not None or proposal.requirements or proposal.plan:
            # Found in use: requirements added to an adjourning case vanished from the report
            # without a word (the report prints only the request).
            yield facts.hit(ADJ_SET_ASIDE, "proposal.adjournment.requested")
        return
    if facts.same_day and facts.report_type is not None and facts.complex_needs:
        reasons = "; ".join(need.text for need in facts.complex_needs)
        yield facts.hit(
            FDR_ADJOURN, "proposal.adjournment.requested",
            f"This same-day report shows complex needs: {reasons}.",
            "Consider asking the court for an adjournment for a specialist assessment; psr-assist can draft the request.",
        )


@rule
def sentence(facts: CaseFacts):
    if facts.adjourning:
        return
    proposal = facts.case.proposal
    if proposal.sentence is None:
        yield facts.hit(SENTENCE, "proposal.sentence")
    if facts.wants(RATIONALE) and not filled(proposal.rationale):
        yield facts.hit(RATIONALE, "proposal.rationale")
    if facts.wants(ALTERNATIVES) and not filled(proposal.alternatives):
        yield facts.hit(ALTERNATIVES, "proposal.alternatives")
    if facts.custody_possible and facts.wants(CUSTODY_IMPACT) and not filled(proposal.custody_impact):
        yield facts.hit(CUSTODY_IMPACT, "proposal.custody_impact")
    if proposal.sentence is SentenceKind.COMMUNITY_ORDER:
        if proposal.order_length_months is None:
            yield facts.hit(ORDER_LENGTH, "proposal.order_length_months")
        if not proposal.requirements:
            yield facts.hit(NO_REQUIREMENTS, "proposal.requirements")
    elif proposal.sentence is SentenceKind.SUSPENDED_SENTENCE_ORDER:
        if proposal.custodial_term_weeks is None:
            yield facts.hit(SSO_TERM, "proposal.custodial_term_weeks")
        if proposal.operational_period_months is None:
            yield facts.hit(OPERATIONAL, "proposal.operational_period_months")
        if proposal.requirements and proposal.supervision_period_months is None:
            yield facts.hit(SUPERVISION, "proposal.supervision_period_months")
    if proposal.requirements and not proposal_field_applies(proposal.sentence, "requirements"):
        yield facts.hit(NOT_AVAILABLE, "proposal.requirements")


@rule
def requirements(facts: CaseFacts):
    if facts.adjourning:
        return
    for index, requirement in enumerate(facts.case.proposal.requirements):
        field = f"proposal.requirements[{index}]"
        kind = requirement.kind
        if kind is None:
            yield facts.hit(KIND, f"{field}.kind")
        elif kind is RequirementKind.UNPAID_WORK and requirement.hours is None:
            yield facts.hit(UPW_HOURS, f"{field}.hours")
        elif kind is RequirementKind.REHABILITATION_ACTIVITY and requirement.days is None:
            yield facts.hit(RAR_DAYS, f"{field}.days")
        elif kind is RequirementKind.CURFEW:
            if requirement.hours_per_day is None:
                yield facts.hit(
                    CURFEW, f"{field}.hours_per_day", "The curfew requirement does not state its hours a day.",
                    "Enter the curfew hours a day (and the hours in any 7 days if they vary).",
                )
            if requirement.period_months is None:
                yield facts.hit(
                    CURFEW, f"{field}.period_months", "The curfew requirement does not state how long it lasts.",
                    "Enter the period of the curfew in months.",
                )


@rule
def plan(facts: CaseFacts):
    if facts.adjourning:
        return
    proposal = facts.case.proposal
    if facts.community_sentence and not proposal.plan and facts.wants(PLAN_MISSING):
        yield facts.hit(PLAN_MISSING, "proposal.plan")
    kinds = facts.requirement_kinds
    planned = set()
    for index, item in enumerate(proposal.plan):
        field = f"proposal.plan[{index}]"
        if item.requirement is not None:
            planned.add(item.requirement)
            if item.requirement not in kinds:
                yield facts.hit(
                    PLAN_REQUIREMENT, f"{field}.requirement",
                    f"A plan item relies on a {REQUIREMENT_WORDS[item.requirement]}, which is not proposed.",
                    "Propose the requirement, or change the plan item.",
                )
        if filled(item.presenting_issue) and not filled(item.intervention):
            yield facts.hit(NO_INTERVENTION, f"{field}.intervention")
        if facts.wants(ITEM_INCOMPLETE):
            missing = [
                (name, words)
                for name, words in (
                    ("presenting_issue", "the presenting issue"),
                    ("link_to_offending", "its link to offending or risk"),
                    ("provider", "the provider"),
                    ("timescale", "the timescale"),
                )
                if not filled(getattr(item, name))
            ]
            if missing:
                yield facts.hit(
                    ITEM_INCOMPLETE, f"{field}.{missing[0][0]}",
                    f"A plan item does not give {', '.join(words for _, words in missing)}.",
                    "Complete the plan item so the court can see how the sentence will work.",
                )
    # On the plan, where the fix goes (a plan item), not on the requirement; one finding naming
    # every requirement left out, so Next to fix does not stop twice at the same place.
    unplanned = list(dict.fromkeys(  # each kind once, in the order proposed
        f"the {REQUIREMENT_WORDS[requirement.kind]}"
        for _, requirement in facts.treatment_requirements
        if requirement.kind not in planned
    ))
    if unplanned:
        many = len(unplanned) > 1
        yield facts.hit(
            TREATMENT_NO_PLAN, "proposal.plan",
            f"{upper_first(join_words(unplanned))} {'do' if many else 'does'} not appear in the structured plan.",
            f"Add a plan item{' for each' if many else ''}, showing the issue it treats, the intervention, "
            "provider and timescale.",
        )


@rule
def treatment_fit(facts: CaseFacts):
    if facts.adjourning or not facts.treatment_requirements:
        return
    if facts.case.motivation.willing_to_engage_in_treatment is Willingness.NOT_WILLING:
        yield facts.hit(NOT_WILLING, "motivation.willing_to_engage_in_treatment")
    for index, requirement in facts.treatment_requirements:
        signal, words = _TREATMENT_SIGNAL[requirement.kind]
        evidenced = facts.mental_health_need if signal == "mental_health" else bool(facts.substance_signals[signal])
        if not evidenced:
            yield facts.hit(
                NEED_NOT_EVIDENCED, f"proposal.requirements[{index}].kind",
                f"{article(REQUIREMENT_WORDS[requirement.kind])} {REQUIREMENT_WORDS[requirement.kind]} is proposed, "
                f"but the report does not show {words}.",
                "Record the need in the earlier steps (history, screening, comorbidity), or reconsider the requirement.",
            )
