"""CaseSession: the save indicator tells the truth, nothing typed is lost, two windows never clash.

Every person named here is fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psr_assist.domain.case import Case, ReportStatus
from psr_assist.domain.findings import Finding
from psr_assist.session import AUTOSAVE_WAIT_SECONDS, FINAL_REASON, CaseSession
from psr_assist.store import open_store

NAME = "Ottoline Fairweather-Crisp"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("PSR_ASSIST_HOME", str(tmp_path / "home"))


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def store(home):
    s = open_store(home)
    yield s
    s.close()


def new_case() -> Case:
    case = Case()
    case.case_details.defendant.name = NAME
    return case


def big_case(kb: int = 200) -> Case:
    case = new_case()
    fields = [
        "circumstances",
        "age_and_maturity",
        "sex_and_gender",
        "race_and_ethnicity",
        "religion_or_belief",
        "disability",
        "care_experience",
        "caring_responsibilities",
        "literacy",
        "learning_style",
        "trauma",
        "intersection",
    ]
    sentence = "She described the months after the eviction and the help she asked for from the GP. "
    remaining = kb * 1000
    for name in fields:
        size = min(19_000, remaining)
        if size <= 0:
            break
        setattr(case.person, name, (sentence * 250)[:size])
        remaining -= size
    return case


def test_new_session_saves_changes_and_the_indicator_follows(store):
    session = CaseSession.new(store, new_case())
    assert (session.state, session.revision, session.read_only, session.dirty) == ("saved", 1, False, False)
    assert session.status_text() == "Saved"
    assert all(isinstance(f, Finding) for f in session.findings) and session.findings

    session.case.offence_analysis.analysis = "He took the bicycle on impulse."
    session.mark_changed()
    assert (session.state, session.dirty, session.last_error) == ("not_saved", True, None)
    assert session.status_text() == "Changes not saved yet"
    assert session.save_now() is True
    assert (session.state, session.dirty, session.revision) == ("saved", False, 2)
    assert session.last_saved_at is not None
    assert store.load(session.case_id)[0].offence_analysis.analysis == "He took the bicycle on impulse."


def test_saving_with_nothing_new_writes_no_revision(store):
    session = CaseSession.new(store, new_case())
    for _ in range(5):
        assert session.save_now()
    assert session.revision == 1 and len(store.revisions(session.case_id)) == 1


def test_a_change_the_app_forgot_to_mark_is_still_saved(store):
    session = CaseSession.new(store, new_case())
    session.case.person.strengths = "Plays in a community football team."
    assert session.save_now() and session.revision == 2
    session.case.person.trauma = "Typed just before quitting."
    assert session.close() is True
    assert store.load(session.case_id)[0].person.trauma == "Typed just before quitting."


def test_second_window_opens_read_only_and_says_why(home):
    with open_store(home) as one_store, open_store(home) as two_store:
        first = CaseSession.new(one_store, new_case())
        second = CaseSession.open(two_store, first.case_id)
        assert not first.read_only
        assert second.read_only
        assert "open in another psr-assist window" in second.read_only_reason
        assert "process" not in second.read_only_reason  # a process number means nothing to an officer
        second.case.person.strengths = "typed in the read-only window"
        second.mark_changed()
        assert second.save_now() is False
        assert second.last_error == "Not saved: this case is read-only here"
        first.case.person.strengths = "typed in the editing window"
        assert first.save_now()
        assert one_store.load(first.case_id)[0].person.strengths == "typed in the editing window"
        first.close()
        third = CaseSession.open(two_store, first.case_id)
        assert not third.read_only
        third.close()


def test_a_newer_save_elsewhere_turns_this_window_read_only_and_the_text_can_be_kept(home):
    with open_store(home) as one_store, open_store(home) as two_store:
        mine = CaseSession.new(one_store, new_case())
        # Another window that did not respect the lock (e.g. an older copy of the app) saves first.
        theirs, rev = two_store.load(mine.case_id)
        theirs.person.strengths = "saved elsewhere"
        two_store.save(theirs, rev)

        mine.case.person.strengths = "my unsaved paragraph"
        mine.mark_changed()
        assert mine.save_now() is False
        assert mine.state == "not_saved"
        assert mine.last_error == "Not saved: a newer version was saved elsewhere"
        assert mine.read_only and "newer version" in mine.read_only_reason
        assert two_store.load(mine.case_id)[0].person.strengths == "saved elsewhere"  # not overwritten

        old_id = mine.case_id
        new_id = mine.keep_as_copy()
        assert new_id and new_id != old_id
        assert (mine.state, mine.read_only, mine.revision) == ("saved", False, 1)
        assert one_store.load(new_id)[0].person.strengths == "my unsaved paragraph"
        mine.case.person.trauma = "carries on in the copy"
        assert mine.save_now()
        mine.close()


def test_a_full_disk_is_reported_truthfully_and_the_next_save_catches_up(store):
    session = CaseSession.new(store, new_case())
    conn = store._c()
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 1}")
    session.case.offence_analysis.analysis = "A long paragraph the officer typed. " * 500
    session.mark_changed()
    assert session.save_now() is False
    assert session.last_error == "Not saved: the disk is full"
    assert session.status_text() == "Not saved: the disk is full"
    assert not session.read_only and session.dirty
    session.case.person.strengths = "kept typing"
    session.mark_changed()
    assert session.last_error == "Not saved: the disk is full"  # still true until a save succeeds
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert session.save_now() is True
    assert (session.state, session.last_error, session.revision) == ("saved", None, 2)
    saved = store.load(session.case_id)[0]
    assert saved.person.strengths == "kept typing" and saved.offence_analysis.analysis.startswith("A long")


def _hold_the_store(home: Path):
    """Another program takes the store's write lock (BEGIN EXCLUSIVE) and keeps it."""
    import sqlite3

    other = sqlite3.connect(home / "drafts.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    return other


def test_autosave_waits_briefly_on_a_busy_store_and_the_next_autosave_catches_up(home, store):
    session = CaseSession.new(store, new_case())
    statements: list[str] = []
    store._c().set_trace_callback(statements.append)
    other = _hold_the_store(home)
    try:
        session.case.person.strengths = "typed while another program held the store"
        session.mark_changed()
        assert session.save_now(wait=AUTOSAVE_WAIT_SECONDS) is False
        assert session.state == "not_saved" and session.dirty
        assert session.last_error == "Not saved: the draft store is busy"
        assert session.status_text() == "Not saved: the draft store is busy"
        assert not session.read_only and session.revision == 1
        # the short wait was this save's own busy timeout, and the store's 5 s came back after it
        assert "PRAGMA busy_timeout = 200" in statements
        assert statements[-1] == "PRAGMA busy_timeout = 5000"
    finally:
        other.execute("ROLLBACK")
        other.close()
        store._c().set_trace_callback(None)
    assert store._c().execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert store.revisions(session.case_id)[0].number == 1  # nothing half-written meanwhile
    assert session.save_now(wait=AUTOSAVE_WAIT_SECONDS) is True
    assert (session.state, session.last_error, session.revision) == ("saved", None, 2)
    assert store.load(session.case_id)[0].person.strengths == "typed while another program held the store"


def test_an_explicit_save_keeps_the_stores_busy_timeout(home):
    statements: list[str] = []
    with open_store(home, timeout=0.2) as store:  # a short store timeout keeps the test quick
        session = CaseSession.new(store, new_case())
        store._c().set_trace_callback(statements.append)
        other = _hold_the_store(home)
        try:
            session.case.person.strengths = "x"
            assert session.save_now() is False
            assert session.last_error == "Not saved: the draft store is busy"
        finally:
            other.execute("ROLLBACK")
            other.close()
            store._c().set_trace_callback(None)
        assert not any("busy_timeout" in statement for statement in statements)
        assert session.save_now() is True and session.revision == 2


def test_odd_waits_are_safe(store, home):
    session = CaseSession.new(store, new_case())
    for wait in (0, -1.0, float("nan"), 1e12):
        session.case.person.strengths = f"wait {wait}"
        assert session.save_now(wait=wait) is True, wait
    assert store._c().execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_an_unexpected_error_in_the_store_does_not_raise(store, monkeypatch):
    session = CaseSession.new(store, new_case())

    def broken(*args, **kwargs):
        raise RuntimeError(f"secret {NAME}")

    monkeypatch.setattr(store, "save_encoded", broken)
    session.case.person.strengths = "x"
    assert session.save_now() is False
    assert session.last_error == "Not saved: an unexpected error (RuntimeError)"
    assert NAME not in session.last_error


def test_finalise_refuses_blockers_then_locks_and_a_new_version_unlocks(store):
    session = CaseSession.new(store, new_case())
    assert session.finalise() is False
    assert session.last_error.startswith("Not finalised: fix the") and "must-fix" in session.last_error
    assert not session.read_only

    session.case.person.strengths = "Last words before sign-off."
    assert session.finalise(allow_blockers=True) is True
    final_revision = session.revision
    assert session.read_only and session.read_only_reason == FINAL_REASON
    assert session.case.sign_off.status is ReportStatus.FINAL
    assert (
        store.load_revision(session.case_id, final_revision - 1).person.strengths
        == "Last words before sign-off."
    )

    session.case.person.strengths = "an edit after sign-off"
    session.mark_changed()
    assert session.save_now() is False and session.last_error == "Not saved: this report is final"

    assert session.start_new_version("") is False and "reason" in session.last_error
    assert session.start_new_version("The court asked for an addendum.") is True
    assert not session.read_only and session.case.sign_off.status is ReportStatus.DRAFT
    assert session.case.person.strengths == "Last words before sign-off."  # the unsaved edit was discarded
    session.case.person.strengths = "Version 2 wording."
    assert session.save_now()
    assert store.load_revision(session.case_id, final_revision).sign_off.status is ReportStatus.FINAL
    assert store.summary(session.case_id).version == 2
    session.close()


def test_opening_a_final_report_is_read_only(store):
    case = new_case()
    rev = store.create(case)
    store.finalise(case.id, rev)
    session = CaseSession.open(store, case.id)
    assert session.read_only and session.read_only_reason == FINAL_REASON
    assert session.lock is not None  # held, so a new version can be started here
    session.close()


def test_close_saves_and_releases_the_lock(home):
    with open_store(home) as store:
        session = CaseSession.new(store, new_case())
        session.case.person.strengths = "last keystrokes"
        session.mark_changed()
        assert session.close() is True
        assert session.close() is True  # twice is harmless
        with open_store(home) as other:
            assert other.load(session.case_id)[0].person.strengths == "last keystrokes"
            lock = other.acquire_edit_lock(session.case_id)
            assert lock is not None
            lock.release()


def test_refresh_findings_follows_the_case(store):
    session = CaseSession.new(store, new_case())
    before = {f.rule_id for f in session.findings}
    session.case.case_details.court = "Ravensholme Magistrates' Court"
    session.case.case_details.hearing_date = __import__("datetime").date(2026, 12, 1)
    after = {f.rule_id for f in session.refresh_findings()}
    assert after != before


def test_repr_never_shows_case_text(store):
    session = CaseSession.new(store, new_case())
    assert NAME not in repr(session)


def test_autosave_of_200kb_writes_one_revision_and_never_reads_old_drafts(store):
    """Each autosave of a 200 KB case is one transaction: write the new revision, update the case
    row, prune old drafts. It never reads earlier drafts back, the work does not grow with the
    history, and a save with nothing changed touches the database not at all. (How long it takes
    is measured in benchmarks/, not asserted here.)"""
    session = CaseSession.new(store, big_case(200))
    assert len(session.case.model_dump_json().encode()) > 200_000
    conn = store._c()
    per_save: list[list[str]] = []

    def record(sql: str) -> None:  # the statement's kind, without its (changing) values
        kind = " ".join(sql.split()[:3])
        per_save[-1].append(f"{kind} reads revisions" if kind.startswith("SELECT") and " revisions" in sql else kind)

    conn.set_trace_callback(record)
    try:
        for n in range(25):
            session.case.person.strengths = f"edit {n}"
            session.mark_changed()
            per_save.append([])
            assert session.save_now()
        per_save.append([])
        assert session.save_now()  # nothing changed since the last save
    finally:
        conn.set_trace_callback(None)
    *saves, unchanged = per_save
    assert unchanged == []
    first = saves[0]
    assert all(statements == first for statements in saves), "the 25th save did more work than the first"
    assert first[0] == "BEGIN IMMEDIATE" and first[-1] == "COMMIT"
    assert sum(s.startswith("INSERT INTO revisions") for s in first) == 1
    assert sum(s.startswith("UPDATE cases") for s in first) == 1
    assert not any(s.endswith("reads revisions") for s in first), first
    assert store.load(session.case_id)[0].person.strengths == "edit 24"


# --------------------------------------------------------------------------- crash output


def _crash(secret_value: str):
    officer_notes = {"health": secret_value}  # noqa: F841 - a local the crash output must not show
    raise ValueError(f"bad value {secret_value!r}")




def test_a_new_case_closed_with_nothing_written_in_it_is_discarded_and_no_other(store):
    untouched = CaseSession.new(store, Case())
    assert untouched.close(discard_untouched=True) and untouched.discarded
    assert [c.id for c in store.list_cases()] == []

    kept = CaseSession.new(store, Case())  # without the flag, closing never deletes
    kept.close()
    assert not kept.discarded
    store.delete(kept.case_id)

    written = CaseSession.new(store, Case())
    written.case.case_details.court = "Northgate Magistrates' Court"
    written.mark_changed()
    written.close(discard_untouched=True)
    assert not written.discarded

    # Saved with words in it, then emptied again: its history holds the words, so it is kept.
    emptied = CaseSession.new(store, Case())
    emptied.case.offence_analysis.analysis = "Two pages of analysis"
    emptied.mark_changed()
    emptied.save_now()
    emptied.case.offence_analysis.analysis = None
    emptied.mark_changed()
    emptied.close(discard_untouched=True)
    assert not emptied.discarded

    opened = CaseSession.open(store, written.case_id)  # an old case, however empty, is never deleted
    opened.close(discard_untouched=True)
    assert not opened.discarded
    assert {c.id for c in store.list_cases()} == {written.case_id, emptied.case_id}


def test_a_new_case_is_discarded_while_still_locked_so_no_other_window_has_it(home):
    with open_store(home) as store:
        session = CaseSession.new(store, Case())
        seen = []
        real_delete = store.delete

        def delete(case_id):
            with open_store(home) as other:
                seen.append(other.acquire_edit_lock(case_id))  # another window trying to open it
            real_delete(case_id)

        store.delete = delete
        session.close(discard_untouched=True)
        assert session.discarded and seen == [None]


def test_a_new_case_kept_as_a_copy_is_never_discarded(store):
    """The copy is a new case at its first revision too, but it holds the text the officer kept."""
    session = CaseSession.new(store, Case())
    session.case.person.strengths = "words kept after a conflict"
    copy_id = session.keep_as_copy()
    session.close(discard_untouched=True)
    assert not session.discarded
    assert store.load(copy_id)[0].person.strengths == "words kept after a conflict"
