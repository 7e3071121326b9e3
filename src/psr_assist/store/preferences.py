"""The officer's preferences that outlive a session: the app's theme, the folder and protective
marking of their last export, and the step each recent case was left at.

They are kept beside the draft store, in ``preferences.json`` in the same private folder (mode
0600), written atomically. They hold no case data, not even a case id (a folder's path is the officer's own choice
of place, kept as private as the drafts beside it). A preference that cannot be read (a damaged
or hand-edited file, an unknown theme) is simply not used: the app starts with its default and
the file is replaced the next time the officer changes the preference. A preference that cannot
be written is not worth stopping the officer's work for, so saving reports failure by its
return value only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

PREFERENCES_FILE = "preferences.json"
#: Far more than a few preferences ever need: anything larger is not ours, and is not read.
MAX_PREFERENCES_BYTES = 4096


def read_preferences(home: Path) -> dict[str, str]:
    """Every readable preference as text; an empty mapping when there are none or the file is unusable."""
    path = Path(home) / PREFERENCES_FILE
    try:
        if path.is_symlink() or not path.is_file():
            return {}
        with path.open("rb") as handle:
            data = handle.read(MAX_PREFERENCES_BYTES + 1)
    except OSError:
        return {}
    if len(data) > MAX_PREFERENCES_BYTES:
        return {}
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {key: value for key, value in raw.items() if isinstance(key, str) and isinstance(value, str)}


def remembered_theme(home: Path, allowed: Iterable[str]) -> str | None:
    """The theme the officer last chose, if it is still one of ``allowed``."""
    theme = read_preferences(home).get("theme")
    return theme if theme in set(allowed) else None


def remember(home: Path, key: str, value: str) -> bool:
    """Keep one preference (atomically, mode 0600); False when it could not be written."""
    from psr_assist.atomic import write_atomic

    preferences = read_preferences(home)
    if preferences.get(key) == value:
        return True
    preferences[key] = value
    data = (json.dumps(preferences, indent=2, sort_keys=True) + "\n").encode("utf-8")
    if len(data) > MAX_PREFERENCES_BYTES:
        return False
    try:
        write_atomic(Path(home) / PREFERENCES_FILE, data, overwrite=True)
    except OSError:
        return False
    return True


#: The step each recent case was left at, most recent last: "key=step;key=step", each key a
#: digest of the case id. An imported case may carry an id made from a name ("john-smith-psr"),
#: and this file is not encrypted, even beside an encrypted store: the id itself is never written.
STEPS_KEY = "last_steps"
#: Cases remembered; an older one opens at its first step again.
MAX_REMEMBERED_STEPS = 30


def _steps(preferences: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for part in preferences.get(STEPS_KEY, "").split(";"):
        case_id, sep, step = part.partition("=")
        if sep and case_id and step:
            out.append((case_id, step))
    return out


def _key(case_id: str) -> str:
    from psr_assist.store.home import case_digest

    return case_digest(case_id, "step", 24)


def remembered_step(home: Path, case_id: str) -> str | None:
    """The step the case was left at, if it is one of the recent cases."""
    return dict(_steps(read_preferences(home))).get(_key(case_id))


def remember_step(home: Path, case_id: str, step: str | None) -> bool:
    """Keep the step ``case_id`` was left at (``None``: forget the case); False when not kept."""
    if any(mark in f"{case_id}{step or ''}" for mark in "=;"):
        return False
    key = _key(case_id)
    kept = _steps(read_preferences(home))
    steps = [(other, at) for other, at in kept if other != key]
    if step is not None:
        steps.append((key, step))
    steps = steps[-MAX_REMEMBERED_STEPS:]
    if steps == kept:
        return True
    return remember(home, STEPS_KEY, ";".join(f"{other}={at}" for other, at in steps))
