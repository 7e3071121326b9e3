"""The store side of recovery and of the new-version reason: what the app and the commands rely on.

Every person named here is fictional.
"""

from __future__ import annotations

import datetime as dt
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


# --------------------------------------------------------------------------- times kept through recovery


DAY = dt.datetime(2024, 3, 4, 9, 30, 15, 250000, tzinfo=dt.UTC)


def day(n: int) -> dt.datetime:
    """Day ``n`` of a fictional fortnight of work on the drafts (different days, different hours)."""
    return DAY + dt.timedelta(days=n, hours=n)


def named(name: str, analysis: str = "Good wording. ") -> Case:
    case = Case()
    case.case_details.defendant.name = name
    case.offence_analysis.analysis = analysis * 200
    return case


def damage_every(path: Path, marker: bytes) -> None:
    """Overwrite every copy of ``marker`` in the file, as a bad disk sector would."""
    data = bytearray(path.read_bytes())
    at = data.find(marker)
    assert at > 0
    while at >= 0:
        data[at : at + len(marker)] = b'\x00"\x00' + b"\xff" * (len(marker) - 3)
        at = data.find(marker, at + len(marker))
    path.write_bytes(bytes(data))


def three_cases_changed_on_different_days(home: Path, stamp) -> tuple[Case, Case, Case]:
    """Created in the order first, second, third; last changed third (day 6), first (day 5),
    second (day 4). The third case's latest revision is then damaged on disk."""
    with open_store(home) as store:
        first, second, third = named("Araminta Quillfeather"), named("Bartholomew Pennyworth"), named("Cressida Thornbury")
        stamp(day(1))
        first_rev = store.create(first)
        stamp(day(2))
        second_rev = store.create(second)
        stamp(day(3))
        third_rev = store.create(third)
        stamp(day(4))
        store.save(second, second_rev)
        stamp(day(5))
        store.save(first, first_rev)
        stamp(day(6))
        third.offence_analysis.analysis = "DAMAGED-LATER-WORDING " * 200
        store.save(third, third_rev)
        stamp(None)
        assert [c.id for c in store.list_cases()] == [third.id, first.id, second.id]
        store.checkpoint()
    damage_every(home / "drafts.sqlite3", b"DAMAGED-LATER-WORDING")
    return first, second, third


def test_rescued_cases_keep_their_last_change_and_the_list_keeps_its_order(home, stamp):
    first, second, third = three_cases_changed_on_different_days(home, stamp)
    result = recover_store(home)

    with open_store(home, create=False) as store:
        listed = store.list_cases()
        # Most recent first, as before: the officer's last draft is still at the top.
        assert [c.id for c in listed] == [third.id, first.id, second.id]
        assert [c.updated_at for c in listed] == [day(6), day(5), day(4)]
        assert [c.created_at for c in listed] == [day(3), day(1), day(2)]
        # The rescued revision keeps the time it was saved: the third case's damaged revision
        # (day 6) was lost, so what was rescued is the wording saved on day 3.
        assert [r.saved_at for r in store.revisions(third.id)] == [day(3)]
        assert [r.saved_at for r in store.revisions(first.id)] == [day(5)]
        assert store.load(third.id)[0].offence_analysis.analysis.startswith("Good wording.")
    assert [(r.old_id, r.updated_at) for r in result.rescued] == [
        (first.id, day(5)),
        (second.id, day(4)),
        (third.id, day(6)),
    ]
    assert result.undated == 0
    lines = result.report_lines()
    assert not any("last-change time" in line for line in lines)
    assert "last-change" not in result.describe()


def test_a_case_whose_time_cannot_be_read_gets_the_time_of_recovery_and_the_summary_says_so(home, stamp):
    lost_time = dt.datetime(2023, 1, 17, 9, 15, 42, 123456, tzinfo=dt.UTC)
    with open_store(home) as store:
        dated, undated = named("Eudora Fenwick-Marsh"), named("Fitzroy Oakenshaw")
        stamp(day(1))
        store.create(dated)
        stamp(lost_time)  # only this case's rows carry this time
        store.create(undated)
        stamp(None)
        store.checkpoint()
    # A bad sector over every copy of the undated case's time: its case row, the case list's
    # index and its revision. Its text is intact.
    damage_every(home / "drafts.sqlite3", lost_time.isoformat(timespec="microseconds").encode())

    before = dt.datetime.now(dt.UTC)
    result = recover_store(home)
    after = dt.datetime.now(dt.UTC)

    assert sorted(result.recovered) == sorted([dated.id, undated.id]) and result.unreadable == []
    assert result.undated == 1
    with open_store(home, create=False) as store:
        rows = {c.id: c for c in store.list_cases()}
        assert rows[dated.id].updated_at == day(1) and rows[dated.id].created_at == day(1)
        assert before <= rows[undated.id].updated_at <= after  # the fallback: the time of recovery
        assert store.load(undated.id)[0] == undated
    lines = result.report_lines()
    said = [line for line in lines if "last-change time" in line]
    assert said == [
        "1 rescued case had no readable last-change time, so its last change shows as the time of recovery."
    ]
    assert "1 had no readable last-change time" in result.describe()
    assert not any(name in "\n".join(lines) for name in ("Eudora", "Fitzroy", "Fenwick", "Oakenshaw"))


def test_a_damaged_case_row_time_falls_back_to_its_newest_revision_time(home, stamp):
    # The case list's own time is unreadable but the revisions still say when the case was saved.
    with open_store(home) as store:
        case = named("Griselda Ashcombe")
        stamp(day(2))
        rev = store.create(case)
        stamp(day(7))
        store.save(case, rev)
        stamp(None)
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("UPDATE cases SET updated_at = 'not a time', created_at = X'FF00' WHERE id = ?", (case.id,))
    conn.commit()
    conn.close()
    result = recover_store(home)  # a time that does not read is damage: no force needed
    assert result.undated == 0 and result.rescued[0].updated_at == day(7)
    with open_store(home, create=False) as store:
        (row,) = store.list_cases()
        # No readable creation time: it cannot have been after the last change, so it shows that.
        assert (row.updated_at, row.created_at) == (day(7), day(7))


def test_times_written_with_another_offset_are_kept_in_the_stores_own_form(home, stamp):
    # A time written with a UTC offset other than +00:00 still reads and sorts as the time it is.
    with open_store(home) as store:
        early, late = named("Hortensia Blackwood"), named("Ignatius Pemberton")
        stamp(day(1))
        store.create(early)
        store.create(late)
        stamp(None)
    conn = sqlite3.connect(home / "drafts.sqlite3")
    # 08:00 at -05:00 is 13:00 UTC, after the other case's 10:30 UTC, though as text it sorts first.
    late_local = dt.datetime(2024, 3, 5, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert late_local > day(1) and late_local.isoformat() < day(1).isoformat()
    conn.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (late_local.isoformat(), late.id))
    conn.commit()
    conn.close()
    recover_store(home, force=True)
    with open_store(home, create=False) as store:
        listed = store.list_cases()
    assert [c.id for c in listed] == [late.id, early.id]
    assert listed[0].updated_at == late_local and listed[0].updated_at.utcoffset() == dt.timedelta(0)


def test_the_rescued_cases_and_their_times_are_written_in_one_transaction(home, stamp, monkeypatch):
    """The times were written in a second step: a crash between the two left every rescued case
    showing the time of recovery, and the case list in a new order."""
    from psr_assist.store.db import Store

    three_cases_changed_on_different_days(home, stamp)
    real = Store._writing
    writes: list[str] = []

    def counted(self, action, *args, **kwargs):
        writes.append(action)
        return real(self, action, *args, **kwargs)

    monkeypatch.setattr(Store, "_writing", counted)
    recover_store(home)
    monkeypatch.undo()
    assert writes == ["save the new case"]
    with open_store(home, create=False) as store:
        assert [c.updated_at for c in store.list_cases()] == [day(6), day(5), day(4)]
