"""The store side of recovery and of the new-version reason: what the app and the commands rely on.

Every person named here is fictional.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from psr_assist.domain.case import Case
from psr_assist.session import CaseSession
from psr_assist.store import (
    MAX_REASON_LENGTH,
    RECOVER_HINT,
    CorruptStoreError,
    NewerStoreError,
    NothingToRecover,
    StoreError,
    open_store,
    recover_store,
)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


def final_case(store) -> Case:
    case = Case()
    case.case_details.defendant.name = "Perpetua Linklater-Osei"
    rev = store.create(case)
    store.finalise(case.id, rev)
    return case


def test_a_too_long_reason_is_refused_and_nothing_changes(home):
    with open_store(home) as store:
        case = final_case(store)
        before = store.load(case.id)
        history = store.revisions(case.id)
        with pytest.raises(StoreError) as err:
            store.new_version(case.id, "x" * (MAX_REASON_LENGTH + 1))
        assert str(err.value) == (
            f"The reason is too long: use at most {MAX_REASON_LENGTH:,} characters "
            f"(it has {MAX_REASON_LENGTH + 1:,})."
        )
        assert err.value.reason == "the reason is too long"
        assert store.load(case.id) == before  # still final, no new revision
        assert store.revisions(case.id) == history
        # Exactly the limit is accepted and kept whole (never cut).
        reason = "Court asked for an addendum. " + "y" * (MAX_REASON_LENGTH - 29)
        assert len(reason) == MAX_REASON_LENGTH
        _, number = store.new_version(case.id, reason)
        assert number == before[1] + 1


def test_the_limit_counts_the_trimmed_reason(home):
    with open_store(home) as store:
        case = final_case(store)
        padded = "   " + "z" * MAX_REASON_LENGTH + "   "
        assert store.new_version(case.id, padded)[1] == 3


def test_the_session_reports_a_too_long_reason_as_one_line(home):
    with open_store(home) as store:
        case = final_case(store)
        session = CaseSession.open(store, case.id)
        try:
            assert session.start_new_version("w" * (MAX_REASON_LENGTH + 5)) is False
            assert session.last_error.startswith("The reason is too long")
            assert session.read_only  # still locked as final
        finally:
            session.close()


def test_every_damaged_store_message_names_recover(home):
    home.mkdir(mode=0o700)
    (home / "drafts.sqlite3").write_bytes(b"\x00garbage" * 600)
    with pytest.raises(CorruptStoreError) as err:
        open_store(home)
    assert str(err.value).endswith(f"It has been left unchanged. {RECOVER_HINT}")
    assert RECOVER_HINT == "Run 'psr-assist recover' to rescue the drafts into a new store."

    other = home / "drafts.sqlite3"
    other.unlink()
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptStoreError) as err:
        open_store(home)
    assert "not a psr-assist draft store" in str(err.value) and RECOVER_HINT in str(err.value)


def test_recover_leaves_a_sound_store_alone(home):
    with open_store(home) as store:
        store.create(Case())
    before = sha(home / "drafts.sqlite3")
    with pytest.raises(NothingToRecover, match="not damaged"):
        recover_store(home)
    assert sha(home / "drafts.sqlite3") == before
    assert not list(home.glob("drafts.damaged-*"))
    result = recover_store(home, force=True)  # on request, even a sound store is rebuilt
    assert len(result.recovered) == 1 and result.damaged_copy.exists()


def _new_store_cannot_be_written(monkeypatch):
    from psr_assist.store.db import Store

    def full(self, cases, **kwargs):
        raise StoreError("The disk is full.", reason="the disk is full")

    monkeypatch.setattr(Store, "create_many", full)


def test_when_the_new_store_cannot_be_written_the_damaged_one_is_put_back(home, monkeypatch):
    with open_store(home) as store:
        case = Case()
        case.case_details.defendant.name = "Ottoline Brackenbury"
        store.create(case)
    before = sha(home / "drafts.sqlite3")
    _new_store_cannot_be_written(monkeypatch)
    with pytest.raises(StoreError) as err:
        recover_store(home, force=True)
    message = str(err.value)
    assert "could not be saved in a new store" in message and "put back as it was" in message
    assert "Ottoline" not in message
    # The officer is where they were: the same store, byte for byte, and nothing set aside
    # (reading it for the rescue may have left SQLite's empty -wal and -shm beside it).
    assert sha(home / "drafts.sqlite3") == before
    wal = home / "drafts.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert not list(home.glob("drafts.damaged-*"))
    monkeypatch.undo()
    with open_store(home, create=False) as store:
        assert store.load(case.id)[0] == case


def test_a_window_opened_while_recover_writes_the_new_store_is_told_to_wait(home, monkeypatch):
    # Until the new store is written (or the damaged one put back) no window may open either:
    # a window that did would be writing into a file recover is about to replace.
    from psr_assist.store import LockedError
    from psr_assist.store.db import Store

    with open_store(home) as store:
        store.create(Case())
    before = sha(home / "drafts.sqlite3")
    refused = []

    def full(self, cases, **kwargs):
        with pytest.raises(LockedError, match="being rebuilt") as err:
            open_store(home)  # another window, starting now
        refused.append(str(err.value))
        raise StoreError("The disk is full.", reason="the disk is full")

    monkeypatch.setattr(Store, "create_many", full)
    with pytest.raises(StoreError, match="put back as it was"):
        recover_store(home, force=True)
    assert refused and sha(home / "drafts.sqlite3") == before
    monkeypatch.undo()
    with open_store(home) as store:  # and once recover is done, windows open as usual
        assert len(store.list_cases()) == 1


def test_when_it_cannot_be_put_back_the_message_says_where_it_was_set_aside(home, monkeypatch):
    import os

    with open_store(home) as store:
        store.create(Case())
    before = sha(home / "drafts.sqlite3")
    _new_store_cannot_be_written(monkeypatch)
    real_rename = os.rename

    def rename(source, target):
        if "damaged" in str(source):  # moving it back fails
            raise PermissionError(13, "Permission denied")
        return real_rename(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(StoreError) as err:
        recover_store(home, force=True)
    aside = list(home.glob("drafts.damaged-*.sqlite3"))
    assert len(aside) == 1 and sha(aside[0]) == before
    assert f"kept unchanged as {aside[0]}" in str(err.value)


def test_recover_refuses_a_store_from_a_newer_version(home):
    with open_store(home) as store:
        store.create(Case())
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = sha(home / "drafts.sqlite3")
    with pytest.raises(NewerStoreError, match="newer psr-assist"):
        recover_store(home)
    assert sha(home / "drafts.sqlite3") == before
