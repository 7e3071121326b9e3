"""Encryption at rest: no plaintext on disk, wrong passphrases, tampering, key destruction.

Every person named here is fictional. Tests use a cheap KDF (crypto.TEST_KDF); the real
default is checked for its documented cost parameters only.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from psr_assist.domain.case import Case
from psr_assist.store import (
    CorruptStoreError,
    PassphraseRequired,
    StoreError,
    UnreadableRevision,
    WrongPassphrase,
    crypto,
    open_store,
)

PASS = "a long enough passphrase"
NAME = "Zebedee Quillfeather-Marchbanks"  # fictional and distinctive
STORY = "Quillfeather described the night at the Ravensholme bus depot"
REASON = "Magistrates asked Quillfeather-Marchbanks addendum"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("PSR_ASSIST_HOME", str(tmp_path / "home"))


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


def enc_store(home: Path, passphrase: str = PASS, **kw):
    return open_store(home, passphrase=passphrase, encrypt=True, kdf=crypto.TEST_KDF, **kw)


def make_case() -> Case:
    case = Case()
    case.case_details.defendant.name = NAME
    case.case_details.court = "Ravensholme Magistrates' Court"
    case.offence_analysis.analysis = (STORY + ". ") * 300
    return case


_SCENARIO = textwrap.dedent(
    """
    import sys
    from psr_assist.domain.case import Case
    from psr_assist.store import open_store, crypto
    home, encrypt = sys.argv[1], sys.argv[2] == "1"
    store = open_store(home, passphrase="a long enough passphrase" if encrypt else None, encrypt=encrypt,
                       kdf=crypto.TEST_KDF, keep_drafts=3)
    case = Case()
    case.case_details.defendant.name = "Zebedee Quillfeather-Marchbanks"
    case.case_details.court = "Ravensholme Magistrates' Court"
    rev = store.create(case)
    lock = store.acquire_edit_lock(case.id)
    for n in range(8):
        case.offence_analysis.analysis = ("Quillfeather described the night at the Ravensholme bus depot. " * 300) + str(n)
        rev = store.save(case, rev)
    rev = store.finalise(case.id, rev)
    case, rev = store.new_version(case.id, "Magistrates asked Quillfeather-Marchbanks addendum")
    other = Case()
    other.case_details.defendant.name = "Zebedee Quillfeather-Marchbanks"
    store.create(other)
    store.delete(other.id)
    store.list_cases(); store.revisions(case.id); store.load(case.id)
    if sys.argv[3] == "open":
        print("ready", flush=True)
        sys.stdin.readline()   # the parent inspects the files while the store is open (WAL in use)
    store.close()
    """
)

_MARKERS = [NAME, "Quillfeather", "Ravensholme", REASON]


def _hits(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for marker in _MARKERS:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if marker.encode(encoding) in data:
                    found.append(f"{path.name}: {marker} ({encoding})")
    return found


def _run_scenario(tmp_path: Path, encrypt: bool, when: str) -> tuple[Path, Path, subprocess.Popen | None]:
    home = tmp_path / ("enc" if encrypt else "plain")
    tmp = tmp_path / ("tmp-enc" if encrypt else "tmp-plain")
    tmp.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "TMPDIR": str(tmp),
        "SQLITE_TMPDIR": str(tmp),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCENARIO, str(home), "1" if encrypt else "0", when],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    if when == "open":
        assert proc.stdout.readline().strip() == "ready"
        return home, tmp, proc
    assert proc.wait(timeout=60) == 0
    return home, tmp, None


@pytest.mark.parametrize("when", ["open", "closed"])
def test_no_case_text_in_the_database_its_wal_or_any_temp_file(tmp_path, when):
    home, tmp, proc = _run_scenario(tmp_path, True, when)
    try:
        names = {p.name for p in home.iterdir()}
        if when == "open":
            assert "drafts.sqlite3-wal" in names  # the write-ahead log exists and is checked too
        assert _hits(home) == []
        assert _hits(tmp) == []
        assert list(tmp.iterdir()) == []
    finally:
        if proc is not None:
            proc.communicate("\n", timeout=60)
            assert proc.returncode == 0
    assert _hits(home) == []


def test_the_plaintext_control_does_show_the_text(tmp_path):
    """The same scenario without encryption: the grep above would have found the words."""
    home, _, _ = _run_scenario(tmp_path, False, "closed")
    assert any(NAME in hit for hit in _hits(home))


def test_encrypted_store_round_trips_and_lists(home):
    with enc_store(home) as store:
        assert store.encrypted
        case = make_case()
        rev = store.create(case)
        case.person.strengths = "Keeps every appointment."
        store.save(case, rev)
    with open_store(home, passphrase=PASS) as store:
        loaded, rev = store.load(case.id)
        assert loaded == case and rev == 2
        [row] = store.list_cases("quillfeather")
        assert (row.defendant, row.court) == (NAME, "Ravensholme Magistrates' Court")
        assert store.load_revision(case.id, 1).person.strengths is None


def test_passphrase_needed_wrong_and_short(home):
    with pytest.raises(PassphraseRequired) as err:
        open_store(home, encrypt=True)
    assert err.value.new_store
    assert not home.exists() or not (home / "drafts.sqlite3").exists()
    with pytest.raises(StoreError, match="at least 8"):
        open_store(home, encrypt=True, passphrase="short")
    with enc_store(home) as store:
        store.create(make_case())
    with pytest.raises(PassphraseRequired) as err:
        open_store(home)
    assert not err.value.new_store
    with pytest.raises(WrongPassphrase) as err:
        open_store(home, passphrase="not the passphrase")
    assert str(err.value) == "That passphrase is not right for this draft store. Try again."
    with open_store(home, passphrase=PASS) as store:
        assert len(store.list_cases()) == 1


def test_passphrase_is_unicode_normalised(home):
    composed = unicodedata.normalize("NFC", "Zoë's café passphrase")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    with enc_store(home, passphrase=composed) as store:
        store.create(make_case())
    with open_store(home, passphrase=decomposed) as store:
        assert len(store.list_cases()) == 1


def test_an_existing_plain_store_is_not_silently_treated_as_encrypted(home):
    with open_store(home) as store:
        store.create(make_case())
    with pytest.raises(StoreError, match="without encryption"):
        open_store(home, passphrase=PASS, encrypt=True)
    with open_store(home, passphrase=PASS) as store:  # a passphrase for a plain store is ignored
        assert not store.encrypted


def test_swapped_or_altered_blobs_are_detected(home):
    with enc_store(home) as store:
        case = make_case()
        rev = store.create(case)
        case.person.strengths = "changed"
        store.save(case, rev)
    conn = sqlite3.connect(home / "drafts.sqlite3")
    body1 = conn.execute("SELECT body FROM revisions WHERE number = 1").fetchone()[0]
    conn.execute("UPDATE revisions SET body = ? WHERE number = 2", (body1,))  # replay an old revision
    conn.commit()
    conn.close()
    with open_store(home, passphrase=PASS) as store:
        with pytest.raises(UnreadableRevision):
            store.load(case.id)
        assert store.load_revision(case.id, 1).person.strengths is None

    conn = sqlite3.connect(home / "drafts.sqlite3")
    flipped = bytearray(body1)
    flipped[40] ^= 1
    conn.execute("UPDATE revisions SET body = ? WHERE number = 1", (bytes(flipped),))
    conn.commit()
    conn.close()
    with open_store(home, passphrase=PASS) as store:
        with pytest.raises(UnreadableRevision, match="cannot be decrypted"):
            store.load_revision(case.id, 1)


def test_deleting_a_case_destroys_its_key(home):
    with enc_store(home) as store:
        keep, gone = make_case(), make_case()
        store.create(keep)
        store.create(gone)
        store.checkpoint()
        conn = sqlite3.connect(home / "drafts.sqlite3")
        wrapped = conn.execute("SELECT wrapped_key FROM cases WHERE id = ?", (gone.id,)).fetchone()[0]
        body = conn.execute("SELECT body FROM revisions WHERE case_id = ?", (gone.id,)).fetchone()[0]
        conn.close()
        assert len(wrapped) == crypto.NONCE_BYTES + crypto.KEY_BYTES + 16
        store.delete(gone.id)
        for path in home.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert wrapped not in data, path.name
                assert body[:64] not in data, path.name
        assert [c.id for c in store.list_cases()] == [keep.id]


def test_kdf_header_is_recorded_and_tampering_is_caught(home):
    with enc_store(home) as store:
        store.create(make_case())
    conn = sqlite3.connect(home / "drafts.sqlite3")
    header = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'encryption'").fetchone()[0])
    assert header["kdf"] == crypto.TEST_KDF.to_json() and header["cipher"] == "aes-256-gcm"
    assert len(bytes.fromhex(header["salt"])) == crypto.SALT_BYTES
    header["kdf"]["memory_kib"] = 1 << 40  # a tampered header must not make us allocate a terabyte
    conn.execute("UPDATE meta SET value = ? WHERE key = 'encryption'", (json.dumps(header).encode(),))
    conn.commit()
    conn.close()
    with pytest.raises(CorruptStoreError, match="encryption header"):
        open_store(home, passphrase=PASS)


def test_default_kdf_is_the_measured_memory_hard_setting():
    assert crypto.DEFAULT_KDF == crypto.KdfParams(time_cost=2, memory_kib=256 * 1024, parallelism=4)
    assert "0.30 s" in crypto.__doc__
