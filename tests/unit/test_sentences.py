"""Which answers of the proposal belong to which sentence (domain.sentences).

The app's proposal step shows only these, and the check asks for a sentence's terms only where
they belong, so the tests below tie the two together: the check never points at an answer that
does not belong to the proposed sentence (save requirements it asks to be removed), and each
answer that belongs to some sentences only is one the check asks for with one of them.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from psr_assist.domain.case import COMMUNITY_SENTENCES, Proposal, SentenceKind
from psr_assist.domain.check import check_case
from psr_assist.domain.questions import question_bank, resolve_field
from psr_assist.domain.sentences import ONLY_FOR, proposal_field_applies
from tests.fixtures.cases import TODAY, build, clean_data, clean_sso_data

S = SentenceKind
CO, SSO = S.COMMUNITY_ORDER, S.SUSPENDED_SENTENCE_ORDER
TERMS = ("order_length_months", "custodial_term_weeks", "operational_period_months", "supervision_period_months")
NOT_AVAILABLE = "proposal.requirements-not-available"


def test_each_sentence_has_its_own_terms() -> None:
    assert proposal_field_applies(CO, "order_length_months")
    assert proposal_field_applies(CO, "requirements")
    for name in ("custodial_term_weeks", "operational_period_months", "supervision_period_months"):
        assert not proposal_field_applies(CO, name), name  # what the exploratory tester was shown
        assert proposal_field_applies(SSO, name), name
    assert not proposal_field_applies(SSO, "order_length_months")
    assert proposal_field_applies(SSO, "requirements")
    # Immediate custody has a term, but no operational or supervision period, length or requirements.
    assert proposal_field_applies(S.CUSTODY, "custodial_term_weeks")
    for name in ("operational_period_months", "supervision_period_months", "order_length_months", "requirements"):
        assert not proposal_field_applies(S.CUSTODY, name), name
    for kind in (S.ABSOLUTE_DISCHARGE, S.CONDITIONAL_DISCHARGE, S.FINE, S.OTHER):
        for name in (*TERMS, "requirements"):
            assert not proposal_field_applies(kind, name), (kind, name)
    assert ONLY_FOR["requirements"] == COMMUNITY_SENTENCES


def test_what_every_proposal_has_applies_to_every_sentence_and_nothing_is_ruled_out_before_one_is_chosen() -> None:
    everywhere = ("sentence", "sentence_text", "plan", "plan[0].intervention", "rationale", "alternatives",
                  "custody_position", "custody_impact", "checks_caveat", "adjournment", "adjournment.reason")
    for kind in S:
        for name in everywhere:
            assert proposal_field_applies(kind, name), (kind, name)
    for name in (*ONLY_FOR, "requirements[0].kind", "requirements[2].treatment.provider"):
        assert proposal_field_applies(None, name)


def test_inside_an_answer_that_does_not_apply_nothing_applies() -> None:
    assert not proposal_field_applies(S.FINE, "requirements[0]")
    assert not proposal_field_applies(S.FINE, "requirements[0].consent.given")
    assert proposal_field_applies(SSO, "requirements[1].hours")


def test_every_answer_named_is_one_a_proposal_has_and_one_the_step_asks() -> None:
    asked = {q.field for q in question_bank().step("proposal").questions}
    for name, sentences in ONLY_FOR.items():
        resolve_field(Proposal, name)  # raises for a name the model does not have
        assert f"proposal.{name}" in asked, name
        assert sentences and sentences <= set(S), name


def _variants(kind: SentenceKind | None) -> list[Any]:
    """Cases proposing ``kind`` with its terms missing, present or out of range, with and without requirements."""
    cases = []
    for base in (clean_data(), clean_sso_data()):
        for requirements in ("keep", "none"):
            for terms in (None, 12, 0, 600):
                data = copy.deepcopy(base)
                proposal = data["proposal"]
                proposal["sentence"] = None if kind is None else kind.value
                if requirements == "none":
                    proposal["requirements"] = []
                for name in TERMS:
                    proposal[name] = terms
                cases.append(build(data))
    return cases


def _answer(field: str) -> str | None:
    """The proposal answer a finding points at (``requirements[0].hours`` -> ``requirements[0].hours``)."""
    return field.removeprefix("proposal.") if field.startswith("proposal.") else None


@pytest.mark.parametrize("kind", [*S, None])
def test_the_check_points_only_at_answers_that_belong_to_the_sentence(kind: SentenceKind | None) -> None:
    for case in _variants(kind):
        for finding in check_case(case, TODAY):
            answer = _answer(finding.field)
            if answer is None or proposal_field_applies(kind, answer):
                continue
            # Requirements held with a sentence that cannot carry them: the check asks for them
            # to be removed (and the app keeps them in view for that).
            assert answer.startswith("requirements") and case.proposal.requirements, (kind, finding.rule_id)
        blocked = any(f.rule_id == NOT_AVAILABLE for f in check_case(case, TODAY))
        assert blocked == bool(case.proposal.requirements and not proposal_field_applies(kind, "requirements"))


def test_each_sentence_only_answer_is_one_the_check_asks_for_with_its_sentence() -> None:
    asked: dict[str, set[SentenceKind]] = {name: set() for name in ONLY_FOR}
    for kind in S:
        for case in _variants(kind):
            for finding in check_case(case, TODAY):
                answer = _answer(finding.field)
                if answer in asked:
                    asked[answer].add(kind)
    for name, sentences in asked.items():
        assert sentences & ONLY_FOR[name], name  # grounded in what the check requires
    assert asked["custodial_term_weeks"] >= {SSO} and asked["order_length_months"] >= {CO}
