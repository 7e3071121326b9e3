"""Which answers of the proposal belong to which sentence.

Some parts of a proposal exist only for some sentences: a community order has a length
(Sentencing Act 2020 s209), a suspended sentence order has a custodial term, an operational
period and, with requirements, a supervision period (s264, s277, s286, s288), immediate custody
has a term, and only a community order or a suspended sentence order can carry requirements
(s200-201, s286-287). The app shows these answers only when the proposed sentence is one of
those, and the check blocks requirements with any other sentence by this table. The check's
other sentence conditions (``rules/proposal.py``: which answers it *requires*, a narrower set)
are its own; ``tests/unit/test_sentences.py`` keeps them inside this table.

A proposal's answers are named by their path inside it, as the case model spells them
(``custodial_term_weeks``, ``requirements``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from psr_assist.domain.applies import field_applies
from psr_assist.domain.case import COMMUNITY_SENTENCES, SentenceKind

_CO = SentenceKind.COMMUNITY_ORDER
_SSO = SentenceKind.SUSPENDED_SENTENCE_ORDER

#: Answers that belong to some sentences only. An answer not named here (nor inside one that
#: is) applies to every sentence: the rationale, alternatives, plan, custody and adjournment.
#: The check requires the order's length for a community order, the custodial term and the
#: operational period for a suspended sentence order, and a supervision period when it has
#: requirements; the custodial term is also the term of immediate custody (asked, not required).
ONLY_FOR: Mapping[str, frozenset[SentenceKind]] = MappingProxyType({
    "order_length_months": frozenset({_CO}),
    "custodial_term_weeks": frozenset({_SSO, SentenceKind.CUSTODY}),
    "operational_period_months": frozenset({_SSO}),
    "supervision_period_months": frozenset({_SSO}),
    "requirements": COMMUNITY_SENTENCES,
})


def proposal_field_applies(sentence: SentenceKind | None, field: str) -> bool:
    """Whether the answer at ``field`` (a path inside the proposal) is part of a ``sentence`` proposal.

    While no sentence is chosen, every answer applies: nothing is ruled out before it is known.
    """
    return field_applies(ONLY_FOR, sentence, field)
