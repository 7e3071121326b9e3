"""The draft store: revisions, history, finalise and versions, conflicts, locks, files and errors.

Every person named here is fictional.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from psr_assist.domain.case import Case, ReportStatus, ReportType
from psr_assist.store import (
    SCHEMA_VERSION,
    CaseExistsError,
    CaseNotFound,
    ConflictError,
    CorruptStoreError,
    DiskFullError,
    FinalisedError,
    LockedError,
    NewerStoreError,
    NotFinalError,
    RevisionNotFound,
    StoreError,
    StoreNotFound,
    UnreadableRevision,
    open_store,
    recover_store,
)
from psr_assist.store import db as store_db

NAME = "Perpetua Hollingsworth-Vane"  # fictional


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("PSR_ASSIST_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def store(home):
    s = open_store(home)
    yield s
    s.close()


def make_case(name: str = NAME, court: str = "Camberwell Green Magistrates' Court", **narrative: str) -> Case:
    case = Case()
    case.case_details.defendant.name = name
    case.case_details.defendant.crn = "X123456"
    case.case_details.court = court
    case.case_details.hearing_date = dt.date(2026, 12, 3)
    case.case_details.report_type = ReportType.FDR
    for key, value in narrative.items():
        setattr(case.offence_analysis, key, value)
    return case


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- revisions


def test_create_load_and_list(store):
    case = make_case(analysis="Took a bicycle from outside the library.")
    assert store.create(case) == 1
    loaded, revision = store.load(case.id)
    assert revision == 1
    assert loaded == case

    [row] = store.list_cases()
    assert (row.id, row.defendant, row.court) == (case.id, NAME, "Camberwell Green Magistrates' Court")
    assert row.hearing_date == dt.date(2026, 12, 3)
    assert row.report_type is ReportType.FDR
    assert (row.status, row.revision, row.version) == ("draft", 1, 1)
    assert row.updated_at.tzinfo is not None


def test_every_save_is_a_new_revision_and_load_returns_the_latest(store):
    case = make_case()
    rev = store.create(case)
    for n in range(1, 6):
        case.offence_analysis.analysis = f"Draft paragraph {n}."
        new = store.save(case, rev)
        assert new == rev + 1
        rev = new
    loaded, latest = store.load(case.id)
    assert latest == 6
    assert loaded.offence_analysis.analysis == "Draft paragraph 5."
    assert store.load_revision(case.id, 3).offence_analysis.analysis == "Draft paragraph 2."
    assert [r.number for r in store.revisions(case.id)] == [6, 5, 4, 3, 2, 1]
    assert store.list_cases()[0].revision == 6


def test_list_is_newest_first_and_can_be_searched(store):
    first = make_case("Ambrose Kettleby", court="Leeds Magistrates' Court")
    second = make_case("Delphine Oakenshaw", court="Camberwell Green Magistrates' Court")
    store.create(first)
    store.create(second)
    assert [c.id for c in store.list_cases()] == [second.id, first.id]
    store.save(first, 1)
    assert [c.id for c in store.list_cases()] == [first.id, second.id]
    assert [c.id for c in store.list_cases("kettleby")] == [first.id]
    assert [c.id for c in store.list_cases("LEEDS")] == [first.id]
    assert [c.id for c in store.list_cases(second.id[:10])] == [second.id]
    assert store.list_cases("nobody by this name") == []


def test_history_is_bounded_but_keeps_finals_and_version_starts(home):
    with open_store(home, keep_drafts=5) as store:
        case = make_case()
        rev = store.create(case)
        for n in range(12):
            case.offence_analysis.analysis = f"v1 draft {n}"
            rev = store.save(case, rev)
        assert [r.number for r in store.revisions(case.id)] == [13, 12, 11, 10, 9]
        with pytest.raises(RevisionNotFound):
            store.load_revision(case.id, 2)

        final = store.finalise(case.id, rev)
        case, rev = store.new_version(case.id, "The court asked for an addendum on housing.")
        start = rev
        for n in range(12):
            case.offence_analysis.analysis = f"v2 draft {n}"
            rev = store.save(case, rev)
        kept = {r.number: r for r in store.revisions(case.id)}
        assert final in kept and kept[final].final
        assert start in kept and kept[start].reason == "The court asked for an addendum on housing."
        drafts = [n for n, r in kept.items() if not r.final and r.reason is None]
        assert len(drafts) == 5 and max(drafts) == rev
        assert store.load_revision(case.id, final).sign_off.status is ReportStatus.FINAL


def test_save_on_an_old_revision_is_refused_and_overwrites_nothing(home):
    with open_store(home) as one, open_store(home) as two:
        case = make_case()
        one.create(case)
        mine, rev_mine = one.load(case.id)
        theirs, rev_theirs = two.load(case.id)
        theirs.offence_analysis.analysis = "Saved in the other window."
        assert two.save(theirs, rev_theirs) == 2
        mine.offence_analysis.analysis = "Typed here later."
        with pytest.raises(ConflictError) as err:
            one.save(mine, rev_mine)
        assert err.value.latest == 2
        assert "Typed here" not in str(err.value) and NAME not in str(err.value)
        assert one.load(case.id)[0].offence_analysis.analysis == "Saved in the other window."
        assert len(one.revisions(case.id)) == 2


def test_concurrent_writer_processes_never_lose_an_update(home):
    """Two processes race to save on the same base: exactly one wins, the other gets ConflictError."""
    with open_store(home) as store:
        case = make_case()
        store.create(case)
    script = textwrap.dedent(
        """
        import sys
        from psr_assist.store import open_store, ConflictError
        store = open_store(sys.argv[1])
        case, rev = store.load(sys.argv[2])
        case.offence_analysis.analysis = "written by " + sys.argv[3]
        print("GO", flush=True)
        sys.stdin.readline()
        try:
            print("saved", store.save(case, rev))
        except ConflictError:
            print("conflict")
        """
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(home), case.id, who],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for who in ("first", "second")
    ]
    for p in procs:
        assert p.stdout.readline().strip() == "GO"
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
    outputs = sorted(p.communicate(timeout=30)[0].strip() for p in procs)
    assert outputs == ["conflict", "saved 2"]
    with open_store(home) as store:
        assert [r.number for r in store.revisions(case.id)] == [2, 1]


# --------------------------------------------------------------------------- finalise, versions, copies


def test_finalised_report_is_locked_and_a_new_version_keeps_it(store):
    case = make_case(analysis="Final wording.")
    rev = store.create(case)
    final_rev = store.finalise(case.id, rev)
    assert final_rev == 2
    summary = store.list_cases()[0]
    assert (summary.status, summary.revision) == ("final", 2)
    with pytest.raises(FinalisedError):
        store.save(case, final_rev)
    with pytest.raises(FinalisedError):
        store.finalise(case.id, final_rev)
    with pytest.raises(StoreError, match="reason"):
        store.new_version(case.id, "   ")

    case2, rev2 = store.new_version(case.id, "Court asked for more on treatment.")
    assert rev2 == 3
    assert case2.sign_off.status is ReportStatus.DRAFT
    case2.offence_analysis.analysis = "Second version wording."
    rev3 = store.save(case2, rev2)
    assert store.load(case.id)[0].offence_analysis.analysis == "Second version wording."
    old = store.load_revision(case.id, final_rev)
    assert old.offence_analysis.analysis == "Final wording."
    assert old.sign_off.status is ReportStatus.FINAL
    info = {r.number: r for r in store.revisions(case.id)}
    assert info[final_rev].final and info[final_rev].version == 1
    assert info[rev2].reason == "Court asked for more on treatment." and info[rev2].version == 2
    assert store.list_cases()[0].version == 2 and rev3 == 4
    with pytest.raises(NotFinalError):
        store.new_version(case.id, "again")


def test_finalise_needs_the_latest_revision(store):
    case = make_case()
    rev = store.create(case)
    store.save(case, rev)
    with pytest.raises(ConflictError):
        store.finalise(case.id, rev)


def test_importing_a_final_case_keeps_it_final(store):
    case = make_case()
    case.sign_off.status = ReportStatus.FINAL
    store.create(case)
    assert store.list_cases()[0].status == "final"
    assert store.revisions(case.id)[0].final
    with pytest.raises(FinalisedError):
        store.save(case, 1)


def test_duplicate_is_a_new_draft_with_sign_off_cleared(store):
    case = make_case(analysis="Original.")
    case.sign_off.author_name = "Officer Quentin Marsh"
    rev = store.create(case)
    store.finalise(case.id, rev)
    copy = store.duplicate(case.id)
    assert copy.id != case.id
    assert copy.sign_off.status is ReportStatus.DRAFT and copy.sign_off.author_name is None
    assert copy.offence_analysis.analysis == "Original."
    loaded, rev = store.load(copy.id)
    assert loaded == copy and rev == 1
    assert {c.id: c.status for c in store.list_cases()} == {case.id: "final", copy.id: "draft"}


def test_create_refuses_a_taken_id_and_create_many_can_rename(store):
    case = make_case()
    store.create(case)
    with pytest.raises(CaseExistsError):
        store.create(case)
    ids = store.create_many([case, case], new_id_on_clash=True)
    assert len(set(ids) | {case.id}) == 3
    assert len(store.list_cases()) == 3


def test_create_many_is_all_or_nothing(store):
    taken = make_case()
    store.create(taken)
    with pytest.raises(CaseExistsError):
        store.create_many([make_case("Orla Penhaligon"), taken])
    assert [c.id for c in store.list_cases()] == [taken.id]


def test_delete_removes_the_case_and_its_text_from_the_files(home):
    marker = "Sebastiana Thistlewood-Orme"
    with open_store(home) as store:
        keep = make_case("Ignatius Pembleton")
        gone = make_case(marker, analysis=f"{marker} said the flat was cold. " * 200)
        store.create(keep)
        rev = store.create(gone)
        for _ in range(3):
            rev = store.save(gone, rev)
        store.delete(gone.id)
        with pytest.raises(CaseNotFound):
            store.load(gone.id)
        with pytest.raises(CaseNotFound):
            store.delete(gone.id)
        assert [c.id for c in store.list_cases()] == [keep.id]
        for path in home.rglob("*"):
            if path.is_file():
                assert marker.encode() not in path.read_bytes(), path.name


def test_unknown_case_and_revision(store):
    with pytest.raises(CaseNotFound):
        store.load("nope")
    with pytest.raises(CaseNotFound):
        store.revisions("nope")
    with pytest.raises(CaseNotFound):
        store.save(make_case(), 1)
    case = make_case()
    store.create(case)
    with pytest.raises(RevisionNotFound):
        store.load_revision(case.id, 99)


def test_store_errors_are_one_line_without_case_text(store):
    case = make_case(analysis="Private narrative 7781.")
    rev = store.create(case)
    store.save(case, rev)
    problems = []
    for call in (
        lambda: store.save(case, rev),
        lambda: store.create(case),
        lambda: store.load("missing-id"),
        lambda: store.new_version(case.id, "x"),
    ):
        with pytest.raises(StoreError) as err:
            call()
        problems.append(str(err.value))
    for text in problems:
        assert "\n" not in text and NAME not in text and "7781" not in text


# --------------------------------------------------------------------------- locks


def test_second_store_gets_no_edit_lock_until_the_first_lets_go(home):
    with open_store(home) as one, open_store(home) as two:
        case = make_case()
        one.create(case)
        lock = one.acquire_edit_lock(case.id)
        assert lock is not None
        assert two.acquire_edit_lock(case.id) is None
        holder = two.lock_holder(case.id)
        assert holder is not None and holder.pid == os.getpid()
        assert "another psr-assist window" in holder.describe()
        lock.release()
        assert two.lock_holder(case.id) is None
        again = two.acquire_edit_lock(case.id)
        assert again is not None
        again.release()


def test_lock_of_a_killed_process_is_taken_over(home):
    with open_store(home) as store:
        case = make_case()
        store.create(case)
    script = (
        "import sys, time\nfrom psr_assist.store import open_store\ns = open_store(sys.argv[1])\n"
        "lock = s.acquire_edit_lock(sys.argv[2])\nprint('held' if lock else 'none', flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(home), case.id], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with open_store(home) as store:
            assert store.acquire_edit_lock(case.id) is None
            assert store.lock_holder(case.id).pid == proc.pid
            proc.kill()
            proc.wait(timeout=10)
            lock = store.acquire_edit_lock(case.id)
            assert lock is not None
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_closing_the_store_releases_its_locks(home):
    one = open_store(home)
    case = make_case()
    one.create(case)
    assert one.acquire_edit_lock(case.id) is not None
    one.close()
    with open_store(home) as two:
        assert two.acquire_edit_lock(case.id) is not None


def test_lock_files_hold_no_case_id_or_text(home, store):
    case = make_case()
    case.id = "hollingsworth-vane-2026"
    store.create(case)
    lock = store.acquire_edit_lock(case.id)
    [path] = (home / "locks").glob("*.lock")
    assert "hollingsworth" not in path.name
    assert (home / "locks" / "store.in-use").read_bytes() == b""  # the open store's own lock: empty
    assert path.read_bytes().strip() == str(os.getpid()).encode()
    lock.release()
    assert path.read_bytes() == b""


# --------------------------------------------------------------------------- files and settings


def test_files_are_owner_only_even_with_a_loose_umask(home):
    old = os.umask(0o022)
    try:
        with open_store(home) as store:
            case = make_case()
            store.create(case)
            store.acquire_edit_lock(case.id)
            assert stat.S_IMODE(home.stat().st_mode) == 0o700
            assert stat.S_IMODE((home / "locks").stat().st_mode) == 0o700
            for path in home.rglob("*"):
                if path.is_file():
                    assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
            names = {p.name for p in home.iterdir()}
            assert {"drafts.sqlite3", "drafts.sqlite3-wal", "drafts.sqlite3-shm"} <= names
    finally:
        os.umask(old)


def test_loose_permissions_on_an_existing_store_are_tightened(home):
    with open_store(home) as store:
        store.create(make_case())
    os.chmod(home, 0o755)
    os.chmod(home / "drafts.sqlite3", 0o644)
    with open_store(home):
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        assert stat.S_IMODE((home / "drafts.sqlite3").stat().st_mode) == 0o600


def test_store_uses_wal_full_sync_and_no_temp_files(store):
    conn = store._c()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_home_comes_from_the_environment_then_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PSR_ASSIST_HOME", str(tmp_path / "from-env"))
    with open_store() as store:
        assert store.home == tmp_path / "from-env"
    monkeypatch.delenv("PSR_ASSIST_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    with open_store() as store:
        assert store.home.parent in (tmp_path / "xdg", tmp_path / "user" / ".local" / "share")
        assert store.home.name == "psr-assist"


def test_create_false_does_not_make_a_store(home):
    with pytest.raises(StoreNotFound):
        open_store(home, create=False)
    assert not home.exists()


# --------------------------------------------------------------------------- migrations


def test_new_store_is_at_the_current_schema_and_marked_as_ours(store):
    conn = store._c()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == store_db.APPLICATION_ID


def test_a_store_from_a_newer_psr_assist_is_refused_unchanged(home):
    with open_store(home) as store:
        store.create(make_case())
        store.checkpoint()
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = sha(home / "drafts.sqlite3")
    with pytest.raises(NewerStoreError, match="newer psr-assist"):
        open_store(home)
    assert sha(home / "drafts.sqlite3") == before


def test_migrations_run_in_order_and_keep_the_drafts(home, monkeypatch):
    with open_store(home) as store:
        case = make_case()
        store.create(case)

    def add_note_column(conn):
        conn.execute("ALTER TABLE cases ADD COLUMN note TEXT")

    monkeypatch.setitem(store_db.MIGRATIONS, 2, add_note_column)
    with open_store(home) as store:
        conn = store._c()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "note" in {row[1] for row in conn.execute("PRAGMA table_info(cases)")}
        assert store.load(case.id)[0] == case


def test_a_failing_migration_leaves_the_store_as_it_was(home, monkeypatch):
    with open_store(home) as store:
        case = make_case()
        store.create(case)

    def half_done(conn):
        conn.execute("ALTER TABLE cases ADD COLUMN note TEXT")
        raise sqlite3.OperationalError("simulated failure")

    monkeypatch.setitem(store_db.MIGRATIONS, 2, half_done)
    with pytest.raises(StoreError):
        open_store(home)
    monkeypatch.delitem(store_db.MIGRATIONS, 2)
    with open_store(home) as store:
        conn = store._c()
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "note" not in {row[1] for row in conn.execute("PRAGMA table_info(cases)")}
        assert store.load(case.id)[0] == case


# --------------------------------------------------------------------------- damaged, busy, full


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(home):
    home.mkdir(mode=0o700)
    path = home / "drafts.sqlite3"
    path.write_bytes(b"this is not a database " * 500)
    before = sha(path)
    with pytest.raises(CorruptStoreError) as err:
        open_store(home)
    assert "damaged" in str(err.value) and "\n" not in str(err.value)
    assert sha(path) == before
    # Beside it only the (empty) lock that says a store is being opened, never a -wal or a copy.
    assert {p.name for p in home.iterdir()} <= {"drafts.sqlite3", "locks"}
    assert {p.name for p in (home / "locks").iterdir()} <= {"store.in-use"}


def test_an_emptied_store_file_is_refused_not_taken_for_a_new_store(home, capsys):
    """A store cut to 0 bytes (a bad copy, a full disk) used to open as a new, empty store: the
    drafts looked gone without a word, and an encrypted store went on in plain text."""
    from psr_assist.cli import main

    store = open_store(home)
    store.create(make_case())
    store.close()
    path = home / "drafts.sqlite3"
    path.write_bytes(b"")
    for name in ("drafts.sqlite3-wal", "drafts.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    with pytest.raises(CorruptStoreError) as err:
        open_store(home)
    message = str(err.value)
    assert "empty file (0 bytes)" in message and "psr-assist recover" in message and "\n" not in message
    assert path.stat().st_size == 0  # left as it was: no tables written into it
    assert main(["list"]) == 2
    assert "empty file (0 bytes)" in capsys.readouterr().err
    assert path.stat().st_size == 0
    # recover sets it aside and starts a new store, which then opens.
    assert main(["recover"]) == 0
    open_store(home).close()


def test_another_programs_database_is_refused(home):
    home.mkdir(mode=0o700)
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.commit()
    conn.close()
    before = sha(home / "drafts.sqlite3")
    with pytest.raises(CorruptStoreError, match="not a psr-assist draft store"):
        open_store(home)
    assert sha(home / "drafts.sqlite3") == before


def _damage(path: Path, marker: bytes) -> None:
    data = bytearray(path.read_bytes())
    at = data.find(marker)
    assert at > 0
    data[at : at + len(marker)] = b'\x00"\x00' + b"\xff" * (len(marker) - 3)
    path.write_bytes(bytes(data))


def test_a_damaged_revision_is_reported_and_recovery_rescues_the_rest(home):
    with open_store(home) as store:
        good = make_case("Hyacinth Brackenridge", analysis="Intact narrative. " * 300)
        hurt = make_case("Barnaby Quenell", analysis="First good wording. " * 300)
        store.create(good)
        rev = store.create(hurt)
        hurt.offence_analysis.analysis = "DAMAGED-LATER-WORDING " * 300
        store.save(hurt, rev)
        store.checkpoint()
    _damage(home / "drafts.sqlite3", b"DAMAGED-LATER-WORDING")
    with open_store(home) as store:
        with pytest.raises(UnreadableRevision) as err:
            store.load(hurt.id)
        assert "Quenell" not in str(err.value)
        assert store.load(good.id)[0] == good
    before = sha(home / "drafts.sqlite3")

    result = recover_store(home)
    assert sha(result.damaged_copy) == before  # set aside byte for byte
    assert sorted(result.recovered) == sorted([good.id, hurt.id])
    assert result.unreadable == []
    with open_store(home) as store:
        assert store.load(good.id)[0] == good
        rescued, rev = store.load(hurt.id)
        assert rescued.offence_analysis.analysis.startswith(
            "First good wording."
        )  # the newest readable revision
    assert "recovered 2 cases" in result.describe().lower()


def test_recovery_of_an_unreadable_file_keeps_it_and_starts_afresh(home):
    home.mkdir(mode=0o700)
    (home / "drafts.sqlite3").write_bytes(b"\x00garbage" * 1000)
    before = sha(home / "drafts.sqlite3")
    result = recover_store(home)
    assert sha(result.damaged_copy) == before
    assert result.recovered == []
    with open_store(home) as store:
        assert store.list_cases() == []


def test_a_busy_store_gives_a_clear_locked_error(home):
    with open_store(home, timeout=0.2) as store:
        case = make_case()
        rev = store.create(case)
        other = sqlite3.connect(home / "drafts.sqlite3", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(LockedError, match="busy"):
                store.save(case, rev)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.save(case, rev) == 2


def test_a_full_disk_is_reported_and_nothing_is_half_saved(store):
    case = make_case(analysis="Short.")
    rev = store.create(case)
    before = store.load(case.id)
    conn = store._c()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    case.offence_analysis.analysis = "A much longer paragraph. " * 700
    with pytest.raises(DiskFullError) as err:
        store.save(case, rev)
    assert err.value.reason == "the disk is full"
    assert store.load(case.id) == before
    assert len(store.revisions(case.id)) == 1
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.save(case, rev) == 2


@pytest.mark.parametrize("existing", [True, False])
def test_a_full_disk_at_open_is_called_a_full_disk_not_an_io_error(home, monkeypatch, existing):
    """SQLite reports 'disk I/O error' when a full disk stops it making its -wal/-shm files."""
    import types

    if existing:
        with open_store(home) as store:
            store.create(make_case())
        before = (home / "drafts.sqlite3").read_bytes()
    seen: list[Path] = []

    def no_room(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    def usage(free: int):
        def disk_usage(path):
            seen.append(Path(path))
            return types.SimpleNamespace(total=10**9, used=10**9 - free, free=free)

        return disk_usage

    monkeypatch.setattr(store_db.sqlite3, "connect", no_room)
    for free in (0, 4096):
        monkeypatch.setattr(store_db.shutil, "disk_usage", usage(free))
        with pytest.raises(DiskFullError) as err:
            open_store(home)
        assert err.value.reason == "the disk is full"
        assert str(err.value) == (
            "The disk is full, so psr-assist could not open the draft store. Free some space and try again."
        )
    assert seen[-1] == home
    if not existing:  # no empty file left for the next start to refuse as an emptied store
        assert not (home / "drafts.sqlite3").exists()

    # with room to spare (or no way to tell) it stays an input/output error
    monkeypatch.setattr(store_db.shutil, "disk_usage", usage(10**8))
    with pytest.raises(StoreError) as err:
        open_store(home)
    assert not isinstance(err.value, DiskFullError) and "input/output error" in str(err.value)

    def unknown(path):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(store_db.shutil, "disk_usage", unknown)
    with pytest.raises(StoreError) as err:
        open_store(home)
    assert not isinstance(err.value, DiskFullError)
    monkeypatch.undo()
    if existing:
        assert (home / "drafts.sqlite3").read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="the permission check is POSIX-only")
def test_an_unreadable_store_file_is_a_clear_error(home, monkeypatch):
    with open_store(home) as store:
        case = make_case()
        store.create(case)
    store_file = home / "drafts.sqlite3"
    before = store_file.read_bytes()
    real_access = os.access

    # Simulated, so it also runs as root (CI), where chmod 0 would not stop the read.
    def access(path, mode, *args, **kwargs):
        if Path(path) == store_file:
            return False
        return real_access(path, mode, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "access", access)
        with pytest.raises(StoreError, match="permission denied") as err:
            open_store(home)
    message = str(err.value)
    assert "\n" not in message and str(store_file) in message
    assert store_file.read_bytes() == before  # refused before touching the file
    with open_store(home) as store:
        assert store.load(case.id)[0] == case


def test_a_closed_store_says_so(home):
    store = open_store(home)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.list_cases()


# --------------------------------------------------------------------------- scale


def test_listing_ten_thousand_cases_reads_no_drafts_and_sorts_by_index(home):
    # Speed is measured in benchmarks/; here: the work the listing does stays the same at scale.
    import uuid

    base = make_case(analysis="x" * 2000)
    with open_store(home) as store:
        store.create_many(base.model_copy(update={"id": uuid.uuid4().hex}) for _ in range(10_000))
        conn = store._c()
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        try:
            rows = store.list_cases()
        finally:
            conn.set_trace_callback(None)
        assert len(statements) == 1, statements  # one query, not one per case
        assert "revisions" not in statements[0]  # the drafts themselves are never read
        plan = " | ".join(row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {statements[0]}"))
    assert "USING INDEX cases_by_update" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # newest first comes from the index, not a sort
    assert len(rows) == 10_000
    assert {r.defendant for r in rows} == {NAME}
    updated = [r.updated_at for r in rows]
    assert updated == sorted(updated, reverse=True)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts open files through /proc")
def test_a_file_system_without_locks_still_opens_the_store_and_leaks_no_file(home, monkeypatch):
    import errno

    from psr_assist.store import locks

    open_store(home).close()

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")  # e.g. a network share without a lock service

    monkeypatch.setattr(locks.fcntl, "flock", no_locks)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with open_store(home) as store:
            assert store.list_cases() == []
    assert len(os.listdir("/proc/self/fd")) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_closing_its_copy_of_the_store_keeps_the_parents_locks(home):
    from psr_assist.store import locks

    store = open_store(home)
    case = make_case()
    store.create(case)
    edit = store.acquire_edit_lock(case.id)
    pid = os.fork()
    if pid == 0:  # the child: close everything it inherited, as a worker would at exit
        try:
            store.close()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    try:
        assert store.lock_holder(case.id) is not None  # still this window's
        assert locks.take_for_recovery(home / "locks") is None  # recover still sees the store in use
    finally:
        edit.release()
        store.close()


def test_a_damaged_saved_time_is_one_line_that_points_to_recover(home, capsys):
    """A time that no longer parses crashed `list` with an unexpected error (exit 70)."""
    from psr_assist.cli import main

    case = make_case()
    with open_store(home) as store:
        store.create(case)
    case_id = case.id
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("UPDATE cases SET updated_at = 'last Tuesday'")
    conn.commit()
    conn.close()
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert err == "psr-assist: A time saved in the draft store is damaged. Run 'psr-assist recover' to rescue the drafts into a new store.\n"
    assert NAME not in err and str(case_id) not in err


def test_a_store_made_by_another_window_a_moment_ago_is_opened_not_refused(home, monkeypatch):
    """Two windows starting on a new folder at once: one makes the store (empty for a moment),
    the other must open it, not call it emptied nor make its own over it."""
    import threading

    with open_store(home) as store:
        store.create(make_case())
    path = home / "drafts.sqlite3"
    made = path.read_bytes()
    for name in ("drafts.sqlite3-wal", "drafts.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    # Still empty as this window looks: the other window's tables arrive 0.1 s later.
    path.write_bytes(b"")
    threading.Timer(0.1, lambda: path.write_bytes(made)).start()
    with open_store(home) as store:
        assert [c.defendant for c in store.list_cases()] == [NAME]
    # This window thought the folder had no store yet, but the other made it first: its store is opened.
    monkeypatch.setattr(store_db, "store_exists", lambda root: False)
    with open_store(home) as store:
        assert [c.defendant for c in store.list_cases()] == [NAME]


def test_a_link_in_place_of_a_new_store_is_refused_and_nothing_is_made(home, tmp_path):
    home.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.sqlite3"
    (home / "drafts.sqlite3").symlink_to(elsewhere)  # dangling: looks like no store yet
    with pytest.raises(StoreError, match="is a link to another place. Nothing was created"):
        open_store(home)
    assert not elsewhere.exists()


@pytest.mark.parametrize(
    "damage",
    [b"\xff\xfe 2026", b"busy full locked \xff", "2026-11-27T09:15:00"],
    ids=["bytes", "bytes that say busy", "no offset"],
)
def test_any_damaged_time_points_to_recover_and_recover_agrees(home, capsys, damage):
    """Bytes that are not text gave a vague "database error"; a time without its offset was read
    by the list but thrown out by recover. Both are damage, said the same way, and recover mends them."""
    from psr_assist.cli import main

    with open_store(home) as store:
        store.create(make_case())
    conn = sqlite3.connect(home / "drafts.sqlite3")
    conn.execute("UPDATE cases SET updated_at = ?", (damage,))
    conn.commit()
    conn.close()
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "psr-assist recover" in err and err.count("\n") == 1
    assert main(["recover"]) == 0
    capsys.readouterr()
    assert main(["list"]) == 0
    assert NAME in capsys.readouterr().out


def test_create_many_keeps_the_times_it_is_given_and_never_a_creation_after_the_last_change(store):
    from psr_assist.store.db import CaseTimes

    monday = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
    friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    kept, later_created, no_times = make_case(), make_case("Orla Penhaligon"), make_case("Piran Tregothnan")
    before = dt.datetime.now(dt.UTC)
    store.create_many(
        [kept, later_created, no_times],
        times=[
            CaseTimes(updated_at=friday, created_at=monday, saved_at=friday),
            CaseTimes(updated_at=monday, created_at=friday, saved_at=None),
            None,
        ],
    )
    rows = {c.id: c for c in store.list_cases()}
    assert (rows[kept.id].updated_at, rows[kept.id].created_at) == (friday, monday)
    assert rows[kept.id].updated_at.utcoffset() == dt.timedelta(0)  # kept in the store's own form
    assert [r.saved_at for r in store.revisions(kept.id)] == [friday]
    # Created (and saved) after the last change cannot be: they show the last change.
    assert (rows[later_created.id].created_at, store.revisions(later_created.id)[0].saved_at) == (monday, monday)
    assert rows[no_times.id].updated_at >= before
    with pytest.raises(ValueError):
        store.create_many([make_case()], times=[])
