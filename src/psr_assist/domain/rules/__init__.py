"""The check's rules, one module per step. :func:`load_all` imports them, which registers them.

Importing this package itself loads nothing, so helpers here (``facts``, ``content``) can be
used by other domain modules without pulling in every rule.
"""

from __future__ import annotations

import importlib

#: Rule modules in step order.
RULE_MODULES: tuple[str, ...] = (
    "case",
    "sources",
    "mental_health",
    "screening",
    "comorbidity",
    "person",
    "motivation",
    "risk",
    "proposal",
    "treatment",
    "limits",
    "review",
    "plain_english",
)

_loaded = False


def load_all() -> None:
    """Import every rule module once (each registers its rules with ``domain.check``)."""
    global _loaded
    if _loaded:
        return
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    _loaded = True
