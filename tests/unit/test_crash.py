"""Crash safety, proven by killing a writer (SIGKILL) at random moments.

The long run (hundreds of kills) is ``scripts/crash_harness.py``; this is the quick version.
"""

from __future__ import annotations

import os
import sys

import pytest

from psr_assist.store import crash_harness, open_store

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL"
)


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("PSR_ASSIST_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize(("encrypted", "kills"), [(False, 20), (True, 8)])
def test_killed_writer_leaves_exactly_a_committed_revision(tmp_path, encrypted, kills):
    summary = crash_harness.run(
        tmp_path / "store",
        kills,
        encrypted=encrypted,
        draft_kb=150,
        keep_drafts=8,
        max_delay=0.15,
        seed=7 + kills,
    )
    assert summary.problems == []
    assert (summary.kills, summary.corrupt, summary.mismatched) == (kills, 0, 0)
    # The writer really was writing when it was killed: revisions advanced well past one per kill.
    assert summary.last_revision > kills


def test_the_checker_catches_a_draft_that_was_never_committed(tmp_path):
    """A checker that cannot fail proves nothing: tamper with the store behind the writer's back."""
    home = tmp_path / "store"
    summary = crash_harness.run(home, 2, draft_kb=20, seed=3, early_fraction=0.0)
    assert summary.failures == 0
    log = home.parent / f"{home.name}.commits.log"
    with open_store(home) as store:
        [row] = store.list_cases()
        case, rev = store.load(row.id)
        case.person.strengths = "a save the writer never logged"
        store.save(case, rev)
    outcome = crash_harness.verify_sqlite(home, row.id, log, encrypted=False)
    assert not outcome.ok and "not the last committed" in outcome.problem

    (home / "drafts.sqlite3.tmp").write_bytes(b"stray copy")
    outcome = crash_harness.verify_sqlite(home, row.id, log, encrypted=False)
    assert not outcome.ok and "unexpected files" in outcome.problem
