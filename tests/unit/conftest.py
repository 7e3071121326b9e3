"""Fixtures shared by the unit tests."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def stamp(monkeypatch):
    """``stamp(when)``: the store's next writes carry ``when`` (written the way db.py writes a time);
    ``stamp(None)``: the real clock again."""
    from psr_assist.store import db

    real = db._now
    current: list[str] = []
    monkeypatch.setattr(db, "_now", lambda: current[0] if current else real())

    def set_time(when: dt.datetime | None) -> None:
        current[:] = [] if when is None else [when.isoformat(timespec="microseconds")]

    return set_time
