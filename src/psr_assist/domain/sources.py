"""Which answers a source of information has, by where its enquiry stands.

A source marked not available on the day needs a reason (PI 04/2016 for the domestic abuse
and safeguarding checks; the guide's "gather and verify" for the rest). That is written here
once: the check (``rules/sources.py``) asks for the reason only for these statuses, and the
app's source editor shows "Why it is not available" only for them, so the two never disagree.

A source's answers are named by their path inside it, as the case model spells them
(``status``, ``not_available_reason``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from psr_assist.domain.applies import field_applies
from psr_assist.domain.case import SignificantOther, SourceKind, SourceStatus

#: The checks every report needs (PI 04/2016): their result is whether they found concerns,
#: which the check asks for and the report states.
CHECK_KINDS: frozenset[SourceKind] = frozenset({SourceKind.DOMESTIC_ABUSE_CALLOUTS, SourceKind.SAFEGUARDING})

#: The statuses for which a source must say why: not available on the day.
REASON_STATUSES: frozenset[SourceStatus] = frozenset({SourceStatus.NOT_AVAILABLE})

#: Answers that belong to some statuses only. An answer not named here applies to every status.
ONLY_WHEN: Mapping[str, frozenset[SourceStatus]] = MappingProxyType({
    "not_available_reason": REASON_STATUSES,
})


def needs_reason(status: SourceStatus | None) -> bool:
    """Whether a source with ``status`` must give the reason it is not available."""
    return status in REASON_STATUSES


def source_field_applies(status: SourceStatus | None, field: str) -> bool:
    """Whether the answer at ``field`` (a path inside a source) is part of a source with ``status``.

    While the status is not chosen, every answer applies: nothing is ruled out before it is known.
    """
    return field_applies(ONLY_WHEN, status, field)


def was_contacted(other: SignificantOther) -> bool:
    """Whether a significant other has been contacted: a date contacted, or what they said
    checked. Contacted against the person's wishes, the check blocks and the report leaves out
    what they said."""
    return other.contacted_on is not None or other.verified_information is True


def contacted_against_wishes(other: SignificantOther) -> bool:
    """Whether a significant other was contacted although the person did not agree to it."""
    return other.consent_to_contact is False and was_contacted(other)
