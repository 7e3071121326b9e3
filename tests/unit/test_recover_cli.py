"""psr-assist recover, through ``main(argv)``, on stores damaged in tmp_path.

Every person named here is fictional.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest

from psr_assist.cli import main
from psr_assist.domain.case import Case
from psr_assist.store import PassphraseRequired, cli_support, crypto, open_store

NAME = "Ottoline Fairweather-Brisk"
OTHER = "Leopold Cranmore-Vasey"
CANARY = "CANARY-5521-private-words"
PASSPHRASE = "a long enough passphrase"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(path))
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE", raising=False)
    monkeypatch.delenv("PSR_ASSIST_ENCRYPT", raising=False)
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.TEST_KDF)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_case(name: str, analysis: str) -> Case:
    case = Case()
    case.case_details.defendant.name = name
    case.offence_analysis.analysis = analysis
    return case


def damage(path: Path, marker: bytes) -> None:
    """Overwrite one stored revision's text in place, as a bad disk sector would."""
    data = bytearray(path.read_bytes())
    at = data.find(marker)
    assert at > 0
    data[at : at + len(marker)] = b'\x00"\x00' + b"\xff" * (len(marker) - 3)
    path.write_bytes(bytes(data))


def store_with_one_damaged_revision(home: Path) -> tuple[Case, Case]:
    """Two cases; the second one's latest revision (3) is damaged, its revision 2 is intact."""
    with open_store(home) as store:
        intact = make_case(NAME, f"{CANARY} intact narrative. " * 200)
        hurt = make_case(OTHER, "Second good wording. " * 200)
        store.create(intact)
        rev = store.create(hurt)
        rev = store.save(hurt, rev)
        hurt.offence_analysis.analysis = "DAMAGED-LATER-WORDING " * 200
        store.save(hurt, rev)
        store.checkpoint()
    damage(home / "drafts.sqlite3", b"DAMAGED-LATER-WORDING")
    return intact, hurt


def moved_to(out: str) -> Path:
    found = re.search(r"moved, unchanged, to (.+\.sqlite3)\.$", out, re.MULTILINE)
    assert found, out
    return Path(found.group(1))


def test_recover_rescues_every_case_and_keeps_the_damaged_file_byte_for_byte(capsys, home):
    intact, hurt = store_with_one_damaged_revision(home)
    before = sha(home / "drafts.sqlite3")

    code, out, err = run(capsys, "recover")
    assert (code, err) == (0, "")
    aside = moved_to(out)
    assert aside.parent == home and aside.name.startswith("drafts.damaged-")
    assert sha(aside) == before  # never written, copied over or deleted
    assert f"case {intact.id}: revision 1, the latest" in out
    assert f"case {hurt.id}: revision 2; revision 3 could not be read" in out
    assert "Rescued 2 cases into a new draft store:" in out
    assert "Could not rescue" not in out
    assert CANARY not in out and NAME not in out and OTHER not in out

    with open_store(home, create=False) as store:
        assert store.load(intact.id)[0] == intact
        rescued, revision = store.load(hurt.id)
        assert rescued.offence_analysis.analysis.startswith("Second good wording.")
        assert revision == 1
    code, out, _ = run(capsys, "list")
    assert code == 0 and NAME in out and OTHER in out and "2 cases." in out

    # The fresh store is sound: running recover again changes nothing and says why.
    after = sha(home / "drafts.sqlite3")
    code, out, err = run(capsys, "recover")
    assert (code, out) == (2, "")
    assert err.startswith("psr-assist: ") and err.count("\n") == 1 and "nothing to recover" in err
    assert sha(home / "drafts.sqlite3") == after and sha(aside) == before


def test_a_store_that_cannot_be_opened_says_run_recover_and_recover_starts_afresh(capsys, home):
    home.mkdir(mode=0o700)
    (home / "drafts.sqlite3").write_bytes(b"\x00not a database at all" * 500)
    (home / "drafts.sqlite3-wal").write_bytes(b"\x01stray log" * 50)
    before = sha(home / "drafts.sqlite3")
    wal_before = sha(home / "drafts.sqlite3-wal")

    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.rstrip().endswith(
        "It has been left unchanged. Run 'psr-assist recover' to rescue the drafts into a new store."
    )
    # Left unchanged means the write-ahead log too: SQLite deletes it when a read-write
    # connection to an unreadable file closes, so the store is probed read-only first.
    assert sha(home / "drafts.sqlite3") == before
    assert sha(home / "drafts.sqlite3-wal") == wal_before

    code, out, err = run(capsys, "recover")
    assert (code, err) == (0, "")
    aside = moved_to(out)
    assert sha(aside) == before
    assert sha(Path(f"{aside}-wal")) == wal_before
    assert re.search(
        rf"^Its companion files? moved with it: .*{re.escape(aside.name)}-wal", out, re.MULTILINE
    )
    assert "No case could be rescued; psr-assist started a new, empty draft store." in out
    code, out, _ = run(capsys, "list")
    assert (code, out.strip()) == (0, "No cases saved yet.")


def test_nothing_to_recover_is_one_line_and_exit_2(capsys, home):
    code, out, err = run(capsys, "recover")
    assert (code, out) == (2, "")
    assert err.startswith("psr-assist: There is no draft store in ") and err.count("\n") == 1
    assert "nothing to recover" in err
    assert not home.exists()  # nothing created

    with open_store(home) as store:
        store.create(make_case(NAME, "Fine."))
    before = sha(home / "drafts.sqlite3")
    code, out, err = run(capsys, "recover")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "is not damaged" in err and "nothing to recover" in err
    assert sha(home / "drafts.sqlite3") == before
    assert not list(home.glob("drafts.damaged-*"))


def test_recover_with_home_option(capsys, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / "drafts.sqlite3").write_bytes(b"garbage" * 300)
    code, out, err = run(capsys, "recover", "--home", str(elsewhere))
    assert (code, err) == (0, "")
    assert moved_to(out).parent == elsewhere
    assert (elsewhere / "drafts.sqlite3").exists()


def encrypted_store_with_one_damaged_case(home: Path) -> tuple[Case, Case]:
    with open_store(home, encrypt=True, passphrase=PASSPHRASE) as store:
        intact = make_case(NAME, "Intact. " * 50)
        hurt = make_case(OTHER, "Readable. " * 50)
        store.create(intact)
        store.create(hurt)
        store.checkpoint()
        conn = store._c()
        body = conn.execute("SELECT body FROM revisions WHERE case_id = ?", (hurt.id,)).fetchone()[0]
    path = home / "drafts.sqlite3"
    data = bytearray(path.read_bytes())
    at = data.find(bytes(body)[20:60])
    assert at > 0
    data[at] ^= 0xFF  # one flipped byte: that revision no longer decrypts
    path.write_bytes(bytes(data))
    return intact, hurt


def test_an_encrypted_damaged_store_needs_its_passphrase_and_stays_encrypted(capsys, home, monkeypatch):
    intact, hurt = encrypted_store_with_one_damaged_case(home)
    path = home / "drafts.sqlite3"
    before = sha(path)

    # No terminal and no passphrase: one line, nothing moved.
    code, out, err = run(capsys, "recover")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "PSR_ASSIST_PASSPHRASE" in err
    assert sha(path) == before and not list(home.glob("drafts.damaged-*"))

    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "the wrong passphrase")
    code, out, err = run(capsys, "recover")
    assert (code, out) == (2, "")
    assert err == "psr-assist: That passphrase is not right for this draft store. Try again.\n"
    assert sha(path) == before and not list(home.glob("drafts.damaged-*"))

    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", PASSPHRASE)
    code, out, err = run(capsys, "recover")
    assert (code, err) == (0, "")
    assert sha(moved_to(out)) == before
    assert "Rescued 1 case into an encrypted new draft store (same passphrase):" in out
    assert f"Could not rescue 1 case (no revision could be read): {hurt.id}." in out
    with pytest.raises(PassphraseRequired):
        open_store(home, create=False)
    with open_store(home, create=False, passphrase=PASSPHRASE) as store:
        assert store.encrypted
        assert store.load(intact.id)[0] == intact
    assert NAME.encode() not in path.read_bytes()


def test_recover_asks_for_the_passphrase_at_a_terminal(capsys, home, monkeypatch):
    intact, hurt = encrypted_store_with_one_damaged_case(home)
    asked: list[str] = []
    answers = iter(["not it", PASSPHRASE])

    def prompt(text: str) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(cli_support, "_can_prompt", lambda: True)
    monkeypatch.setattr(cli_support, "_default_prompt", prompt)
    code, out, err = run(capsys, "recover")
    assert asked == ["Passphrase for your psr-assist drafts: "] * 2
    assert (code, err) == (0, "That passphrase is not right. Try again.\n")
    assert f"case {intact.id}: revision 1, the latest" in out and hurt.id in out
    with open_store(home, create=False, passphrase=PASSPHRASE) as store:
        assert store.load(intact.id)[0] == intact


def test_recover_refuses_while_a_window_is_editing_a_case(capsys, home):
    intact, _ = store_with_one_damaged_revision(home)
    before = sha(home / "drafts.sqlite3")
    with open_store(home) as other_window:
        lock = other_window.acquire_edit_lock(intact.id)
        assert lock is not None
        try:
            code, out, err = run(capsys, "recover")
        finally:
            lock.release()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "Close every psr-assist window" in err and "Nothing was changed" in err
    assert sha(home / "drafts.sqlite3") == before and not list(home.glob("drafts.damaged-*"))


def test_recover_refuses_while_a_window_shows_only_the_case_list(capsys, home):
    # An open store with no case open (the case list) still writes to the store: setting the
    # store aside under it would send its next new case into the damaged copy.
    store_with_one_damaged_revision(home)
    before = sha(home / "drafts.sqlite3")
    with open_store(home) as case_list_window:
        code, out, err = run(capsys, "recover")
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "Close every psr-assist window" in err and "Nothing was changed" in err
        assert case_list_window.list_cases()  # the window goes on working with the same store
    assert sha(home / "drafts.sqlite3") == before and not list(home.glob("drafts.damaged-*"))
    code, out, err = run(capsys, "recover")  # with the window closed, recover goes ahead
    assert code == 0 and err == ""


def test_a_window_opened_while_recover_sets_the_store_aside_is_told_to_wait(capsys, home):
    from psr_assist.store import locks

    store_with_one_damaged_revision(home)
    recovering = locks.take_for_recovery(home / "locks")
    assert recovering is not None
    try:
        code, out, err = run(capsys, "list")
    finally:
        recovering.release()
    assert (code, out) == (2, "")
    assert err == "psr-assist: The draft store is being rebuilt by 'psr-assist recover'. Wait for it to finish, then try again.\n"
    code, _, _ = run(capsys, "list")
    assert code == 0


# --------------------------------------------------------------------------- last-change times kept


def at(n: int) -> dt.datetime:
    return dt.datetime(2024, 5, 6, 8, 45, 10, 500000, tzinfo=dt.UTC) + dt.timedelta(days=n, hours=2 * n)


def test_recover_keeps_each_cases_last_change_so_the_list_reads_the_same(capsys, home, stamp):
    third_name = "Wilhelmina Strackbridge"
    with open_store(home) as store:
        first, second = make_case(NAME, "First wording. " * 200), make_case(OTHER, "Second wording. " * 200)
        third = make_case(third_name, "Third wording. " * 200)
        stamp(at(1))
        first_rev = store.create(first)
        stamp(at(2))
        store.create(second)
        stamp(at(3))
        third_rev = store.create(third)
        stamp(at(4))
        store.save(first, first_rev)  # the officer went back to the first case last but one
        stamp(at(5))
        third.offence_analysis.analysis = "DAMAGED-LATER-WORDING " * 200
        store.save(third, third_rev)
        stamp(None)
        store.checkpoint()
    code, table_before, _ = run(capsys, "list")
    assert code == 0
    code, json_before, _ = run(capsys, "list", "--json")
    damage(home / "drafts.sqlite3", b"DAMAGED-LATER-WORDING")

    code, out, err = run(capsys, "recover")
    assert (code, err) == (0, "")
    assert "last-change time" not in out
    assert not any(name in out for name in (NAME, OTHER, third_name))

    code, table_after, _ = run(capsys, "list")
    assert code == 0
    # The same rows in the same order, "Last change" included (third, first, second).
    assert table_after == table_before
    code, json_after, _ = run(capsys, "list", "--json")
    kept = [(row["id"], row["updated_at"]) for row in json.loads(json_after)]
    assert kept == [(row["id"], row["updated_at"]) for row in json.loads(json_before)]
    assert kept == [(third.id, at(5).isoformat()), (first.id, at(4).isoformat()), (second.id, at(2).isoformat())]


def test_recover_says_how_many_cases_had_no_readable_time(capsys, home, stamp):
    lost = [dt.datetime(2022, 11, 2, 14, 5, 33, n, tzinfo=dt.UTC) for n in (111111, 222222)]
    with open_store(home) as store:
        dated = make_case(NAME, "Dated wording. " * 50)
        undated = [make_case(OTHER, f"{CANARY} one. " * 50), make_case("Percival Ashdown-Lyle", "Two. " * 50)]
        stamp(at(1))
        store.create(dated)
        for case, when in zip(undated, lost, strict=True):
            stamp(when)
            store.create(case)
        stamp(None)
        store.checkpoint()
    for when in lost:  # a bad sector over every copy of these two cases' times; their text is intact
        marker = when.isoformat(timespec="microseconds").encode()
        while marker in (home / "drafts.sqlite3").read_bytes():
            damage(home / "drafts.sqlite3", marker)

    before = dt.datetime.now(dt.UTC)
    code, out, err = run(capsys, "recover")
    after = dt.datetime.now(dt.UTC)
    assert (code, err) == (0, "")
    said = [line for line in out.splitlines() if "last-change time" in line]
    assert said == [
        "2 rescued cases had no readable last-change time, so their last change shows as the time of recovery."
    ]
    assert CANARY not in out and NAME not in out and OTHER not in out and "Percival" not in out

    code, listed, _ = run(capsys, "list", "--json")
    rows = {row["id"]: dt.datetime.fromisoformat(row["updated_at"]) for row in json.loads(listed)}
    assert rows[dated.id] == at(1)
    assert all(before <= rows[case.id] <= after for case in undated)
    with open_store(home, create=False) as store:
        assert [store.load(case.id)[0] for case in undated] == undated  # nothing lost but the time


def test_an_emptied_store_recovers_encrypted_when_the_officer_asks(home, capsys, monkeypatch):
    """An emptied file says nothing about whether it was encrypted: without being told, recover
    would start a plain store, and the drafts written next would not be encrypted."""
    with open_store(home, passphrase="a long enough passphrase", encrypt=True) as store:
        store.create(make_case("Wren Adeyemi-Holt", "Nothing of note."))
    (home / "drafts.sqlite3").write_bytes(b"")
    for name in ("drafts.sqlite3-wal", "drafts.sqlite3-shm"):
        (home / name).unlink(missing_ok=True)
    code, _, err = run(capsys, "list")
    assert code == 2 and "PSR_ASSIST_ENCRYPT=1 if your drafts were encrypted" in err
    monkeypatch.setenv("PSR_ASSIST_ENCRYPT", "1")
    monkeypatch.setenv("PSR_ASSIST_PASSPHRASE", "a long enough passphrase")
    code, out, _ = run(capsys, "recover")
    assert code == 0 and "No case could be rescued; psr-assist started an encrypted new, empty draft store." in out
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE")
    with pytest.raises(PassphraseRequired):
        open_store(home, create=False)
