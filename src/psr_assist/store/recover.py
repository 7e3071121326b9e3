"""Recovering from a damaged store without overwriting it.

:func:`recover_store` reads the damaged file read-only, rescues the newest readable revision
of every case it can, then renames the damaged file (and its ``-wal``/``-shm``) aside —
unchanged, byte for byte, for a specialist — and writes the rescued cases into a fresh store.
Close every other psr-assist window first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from psr_assist.domain.case import Case
from psr_assist.store import crypto
from psr_assist.store.errors import PassphraseRequired, StoreError, StoreNotFound, WrongPassphrase
from psr_assist.store.home import STORE_FILE, resolve_home


@dataclass
class RecoveryResult:
    damaged_copy: Path  # where the damaged store now is, unchanged
    recovered: list[str] = field(default_factory=list)  # case ids now in the fresh store
    unreadable: list[str] = field(default_factory=list)  # case ids with no readable revision
    encrypted: bool = False

    def describe(self) -> str:
        text = f"Recovered {len(self.recovered)} case{'s' if len(self.recovered) != 1 else ''}"
        if self.unreadable:
            text += f"; {len(self.unreadable)} could not be read"
        return f"{text}. The damaged store was kept unchanged as {self.damaged_copy}."


def _salvage(path: Path, passphrase: str | None) -> tuple[list[Case], list[str], bool]:
    """Read what can be read. Raises PassphraseRequired/WrongPassphrase before anything is changed."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return [], [], False
    cases: list[Case] = []
    unreadable: list[str] = []
    encrypted = False
    try:
        master: crypto.Sealer | None = None
        store_id = ""
        try:
            meta = {k: bytes(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        except sqlite3.Error:
            meta = {}
        store_id = meta.get("store_id", b"").decode("ascii", "replace")
        if "encryption" in meta:
            encrypted = True
            try:
                header = json.loads(meta["encryption"])
                params = crypto.KdfParams.from_json(header.get("kdf"))
                salt = bytes.fromhex(header["salt"])
            except (KeyError, ValueError, TypeError, AttributeError):
                header = None
            if header is not None:
                if passphrase is None:
                    raise PassphraseRequired(
                        "The damaged draft store is encrypted: enter its passphrase to rescue cases."
                    )
                master = crypto.Sealer(crypto.derive_master_key(passphrase, salt, params))
                if not crypto.key_check_ok(master, store_id, meta.get("key_check", b"")):
                    raise WrongPassphrase("That passphrase is not right for this draft store. Try again.")

        keys: dict[str, bytes | None] = {}
        try:
            for case_id, wrapped in conn.execute("SELECT id, wrapped_key FROM cases"):
                keys[case_id] = wrapped
        except sqlite3.Error:
            pass
        try:
            for (case_id,) in conn.execute("SELECT DISTINCT case_id FROM revisions"):
                keys.setdefault(case_id, None)
        except sqlite3.Error:
            pass

        from cryptography.exceptions import InvalidTag

        for case_id, wrapped in keys.items():
            sealer: crypto.Sealer | None = None
            if encrypted:
                if master is None or wrapped is None:
                    unreadable.append(case_id)
                    continue
                try:
                    sealer = crypto.Sealer(
                        master.open(bytes(wrapped), crypto.aad_case_key(store_id, case_id))
                    )
                except (InvalidTag, ValueError):
                    unreadable.append(case_id)
                    continue
            rescued = _newest_readable(conn, case_id, sealer)
            if rescued is None:
                unreadable.append(case_id)
            else:
                cases.append(rescued)
    finally:
        conn.close()
    return cases, unreadable, encrypted


def _newest_readable(conn: sqlite3.Connection, case_id: str, sealer: crypto.Sealer | None) -> Case | None:
    from cryptography.exceptions import InvalidTag

    try:
        numbers = [
            row[0]
            for row in conn.execute(
                "SELECT number FROM revisions WHERE case_id = ? ORDER BY number DESC", (case_id,)
            )
        ]
    except sqlite3.Error:
        return None
    for number in numbers:
        try:
            row = conn.execute(
                "SELECT body FROM revisions WHERE case_id = ? AND number = ?", (case_id, number)
            ).fetchone()
            if row is None:
                continue
            body = bytes(row[0])
            if sealer is not None:
                body = sealer.open(body, crypto.aad_revision(case_id, number))
            case = Case.model_validate_json(body)
        except (sqlite3.Error, InvalidTag, ValueError):  # pydantic's ValidationError is a ValueError
            continue
        if case.id != case_id:
            continue
        return case
    return None


def _aside_name(root: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = root / f"drafts.damaged-{stamp}.sqlite3"
    n = 1
    while candidate.exists() or Path(f"{candidate}-wal").exists():
        n += 1
        candidate = root / f"drafts.damaged-{stamp}-{n}.sqlite3"
    return candidate


def recover_store(
    home: str | os.PathLike[str] | None = None,
    *,
    passphrase: str | None = None,
    encrypt: bool | None = None,
    kdf: crypto.KdfParams | None = None,
) -> RecoveryResult:
    """Set a damaged store aside (unchanged) and start a fresh one holding every case that could be read.

    The fresh store is encrypted when the damaged one was (same passphrase), unless
    ``encrypt`` says otherwise. Raises :class:`PassphraseRequired` / :class:`WrongPassphrase`
    for an encrypted store before anything is moved.
    """
    from psr_assist.store.db import open_store

    root = resolve_home(home)
    path = root / STORE_FILE
    if not path.exists():
        raise StoreNotFound(f"There is no draft store in {root} to recover.")
    cases, unreadable, was_encrypted = _salvage(path, passphrase)
    make_encrypted = was_encrypted if encrypt is None else encrypt
    if make_encrypted and passphrase is None:
        raise PassphraseRequired(
            "Choose a passphrase for the recovered encrypted draft store.", new_store=True
        )

    aside = _aside_name(root)
    try:
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.rename(companion, Path(f"{aside}{suffix}"))
        os.rename(path, aside)
    except OSError as exc:
        raise StoreError(
            f"The damaged draft store could not be set aside ({exc.strerror or 'input/output error'}); nothing was changed."
        ) from None

    result = RecoveryResult(damaged_copy=aside, unreadable=unreadable, encrypted=make_encrypted)
    store = open_store(root, passphrase=passphrase, encrypt=make_encrypted, kdf=kdf)
    try:
        result.recovered = store.create_many(cases, new_id_on_clash=True)
    finally:
        store.close()
    with contextlib.suppress(OSError):
        os.chmod(aside, 0o600)
    return result
