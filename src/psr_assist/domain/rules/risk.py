"""Risk step: likelihood, risk of serious harm, the mental health–risk link and risk to self."""

from __future__ import annotations

from psr_assist.domain.case import RoshLevel, YesNoUnknown
from psr_assist.domain.check import define, rule
from psr_assist.domain.critical import risk_to_self_acted_on, risk_to_self_analysed, risk_to_self_gaps
from psr_assist.domain.findings import Severity
from psr_assist.domain.risk_levels import at_least, highest_rosh, rosh_group_words, rosh_levels
from psr_assist.domain.rules.facts import CaseFacts, filled
from psr_assist.domain.wording import join_words

B, W, A = Severity.BLOCKER, Severity.WARNING, Severity.ADVICE

RISK = (
    "Guide take-away: the advice considers the relationship between mental health and risk of harm to others "
    "and immediate risks to wellbeing and safety"
)
MOJ_RISK = "MoJ pre-sentence service: risk analysis (RoSH levels, predictors, risks of harm) (research/domain.md §1.1, §2)"

LIKELIHOOD = define(
    "risk.likelihood-analysis-missing", W, "The likelihood of reoffending is analysed", MOJ_RISK,
    element="likelihood_analysis",
    message="The likelihood of reoffending is not analysed.",
    fix="Analyse the likelihood of reoffending, using the predictor scores recorded.",
)
ROSH_LEVEL = define(
    "risk.rosh-level-missing", B, "Risk of serious harm has a level for children, public, known adults and staff",
    MOJ_RISK,
)
ROSH_DETAIL = define(
    "risk.rosh-detail-missing", W, "Medium or higher risk of serious harm says who, what, when and in what circumstances",
    MOJ_RISK, element="rosh_detail",
)
ROSH_ANALYSIS = define(
    "risk.rosh-analysis-missing", W, "Risk of serious harm is analysed", MOJ_RISK,
    element="rosh_analysis",
    message="There is no analysis of the risk of serious harm.",
    fix="Analyse the risk of serious harm: the nature of the harm, triggers, and what increases or reduces it.",
)
MH_LINK = define(
    "risk.mental-health-risk-link-missing", W, "The link between mental health and risk is analysed", RISK,
    element="mental_health_risk_link",
    message="There is a mental health need, but its link to offending and risk of harm is not analysed.",
    fix="Explain how the mental health need relates to the offence and the risk of harm, or why it does not.",
)
CRITICAL = define(
    "risk.critical-item-no-risk-to-self", B, "A positive critical item leads to a risk-to-self analysis and action",
    RISK + "; instruments: PHQ-9 item 9, CORE-10 item 6, K10 red flag, positive C-SSRS (prompts/instruments)",
)
IDEATION = define(
    "risk.current-ideation-not-addressed", B, "Current thoughts of suicide or self-harm lead to analysis and action",
    RISK,
)
RISK_TO_SELF = define(
    "risk.risk-to-self-not-assessed", W, "Risk to self is assessed where there is a mental health need", RISK,
)
IF_CUSTODY = define(
    "risk.risks-if-custody-missing", W, "Risks if custody are described where custody is possible",
    "Guide case study 'Advice to court': the proposal outlined the risks should she receive custody, and asked "
    "that the receiving establishment be made aware",
    element="risks_if_custody",
    message="Custody is possible, but the risks if the defendant goes into custody are not described.",
    fix="Describe the risks in custody (self-harm, vulnerability, medication, what the prison must know).",
)

_DETAIL = (("who", "who is at risk"), ("what", "what the harm is"), ("when", "when it is likely"), ("circumstances", "in what circumstances"))


@rule
def likelihood(facts: CaseFacts):
    if facts.wants(LIKELIHOOD) and not filled(facts.case.risk.likelihood_analysis):
        yield facts.hit(LIKELIHOOD, "risk.likelihood_analysis")


@rule
def rosh(facts: CaseFacts):
    rosh = facts.case.risk.rosh
    levels = rosh_levels(rosh)
    for name, words in rosh_group_words().items():
        if levels[name] is None:
            yield facts.hit(
                ROSH_LEVEL, f"risk.rosh.{name}", f"There is no risk of serious harm level for {words}.",
                f"Select a risk level for {words}.",
            )
    if facts.wants(ROSH_DETAIL) and at_least(highest_rosh(rosh), RoshLevel.MEDIUM):
        missing = [(name, words) for name, words in _DETAIL if not filled(getattr(rosh, name))]
        if missing:
            listed = join_words((words for _, words in missing), last="or")
            yield facts.hit(
                ROSH_DETAIL, f"risk.rosh.{missing[0][0]}",
                f"Risk of serious harm is medium or higher, but the report does not say {listed}.",
                "Say who is at risk, what the harm would be, when it is most likely and in what circumstances.",
            )
    if facts.wants(ROSH_ANALYSIS) and not filled(rosh.analysis):
        yield facts.hit(ROSH_ANALYSIS, "risk.rosh.analysis")


@rule
def mental_health_link(facts: CaseFacts):
    if facts.wants(MH_LINK) and facts.mental_health_need and not filled(facts.case.risk.mental_health_risk_link):
        yield facts.hit(MH_LINK, "risk.mental_health_risk_link")


@rule
def risk_to_self(facts: CaseFacts):
    rts = facts.case.risk.risk_to_self
    analysed = risk_to_self_analysed(facts.case)
    acted = risk_to_self_acted_on(facts.case)
    if facts.critical_hits:
        gaps = risk_to_self_gaps(facts.case)
        if gaps:
            labels = ", ".join(hit.label for hit in facts.critical_hits)
            yield facts.hit(
                CRITICAL, f"risk.risk_to_self.{gaps[0][0]}",
                f"A question about risk to self was answered positively ({labels}), but {join_words([w for _, w in gaps])}.",
                "Ask about current thoughts of suicide or self-harm today and record the answer, your analysis of "
                "risk to self and the action taken (for example crisis team called, GP informed).",
            )
        return
    if rts.current_ideation is YesNoUnknown.YES:
        if not (analysed and acted):
            yield facts.hit(
                IDEATION, "risk.risk_to_self.analysis" if not analysed else "risk.risk_to_self.action_taken",
                "The defendant has current thoughts of suicide or self-harm, but the analysis or the action taken is not recorded.",
                "Assess risk to self today, record your analysis and the action taken (for example crisis team called).",
            )
        return
    if not facts.mental_health_need:
        return
    if rts.current_ideation is None:
        yield facts.hit(
            RISK_TO_SELF, "risk.risk_to_self.current_ideation",
            "There is a mental health need, but the report does not say whether there are current thoughts of suicide or self-harm.",
            "Ask about current thoughts of suicide or self-harm and record the answer.",
        )
    elif not analysed:
        yield facts.hit(
            RISK_TO_SELF, "risk.risk_to_self.analysis",
            "There is a mental health need, but risk to self is not analysed.",
            "Analyse risk to self: history of self-harm, current state, vulnerability and protective factors.",
        )


@rule
def if_custody(facts: CaseFacts):
    if (
        facts.custody_possible
        and not facts.adjourning
        and facts.wants(IF_CUSTODY)
        and not filled(facts.case.risk.risks_if_custody)
    ):
        yield facts.hit(IF_CUSTODY, "risk.risks_if_custody")
