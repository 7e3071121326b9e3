"""Whether an answer belongs to a thing of a given kind: one rule for the tables of
``requirements.py`` (by requirement kind), ``sentences.py`` (by sentence) and ``sources.py``
(by a source's status).

Each table maps an answer's path to the values it belongs to; an answer not named (nor inside
one that is) belongs to every value. List positions in a path do not matter.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TypeVar

V = TypeVar("V")


def field_applies(table: Mapping[str, Collection[V]], value: V | None, field: str) -> bool:
    """Whether the answer at ``field`` belongs to ``value``. While ``value`` is not chosen
    (``None``), every answer does: nothing is ruled out before it is known."""
    if value is None:
        return True
    names = [part.split("[", 1)[0] for part in field.split(".")]
    for end in range(1, len(names) + 1):
        allowed = table.get(".".join(names[:end]))
        if allowed is not None and value not in allowed:
            return False
    return True
