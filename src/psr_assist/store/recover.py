"""Recovering from a damaged store without overwriting it.

:func:`recover_store` reads the damaged file read-only, rescues the newest readable revision
of every case it can, then renames the damaged file (and its ``-wal``/``-shm``) aside —
unchanged, byte for byte, for a specialist — and writes the rescued cases into a fresh store.
Each rescued case keeps the times the damaged store had for it (its last change, when it was
created, when the rescued revision was saved), so the case list shows the same "Last change"
in the same order; only a case whose last change cannot be read shows the time of recovery.
Close every other psr-assist window first (a window editing a case stops it). A sound store
is left alone (:class:`NothingToRecover`). ``psr-assist recover`` runs it from the command line.
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
from psr_assist.store import crypto, locks
from psr_assist.store.db import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    CaseTimes,
    open_store,
    parse_stored_time,
)
from psr_assist.store.errors import (
    CorruptStoreError,
    LockedError,
    NewerStoreError,
    NothingToRecover,
    PassphraseRequired,
    StoreError,
    StoreNotFound,
    WrongPassphrase,
)
from psr_assist.store.home import (
    LOCKS_DIR,
    STORE_FILE,
    check_home,
    ensure_private_dir,
    resolve_home,
    store_exists,
)


@dataclass(frozen=True)
class RescuedCase:
    """One case carried into the fresh store (ids and revision numbers only, never case text)."""

    old_id: str  # its id in the damaged store
    new_id: str  # its id in the fresh store (the same unless that id was taken twice)
    revision: int  # the revision rescued: the newest that could be read
    latest: int  # the newest revision the damaged store had for it
    #: its last change as the damaged store had it (UTC); None when that could not be read,
    #: and the fresh store then shows the time of recovery instead
    updated_at: dt.datetime | None = None


@dataclass
class RecoveryResult:
    damaged_copy: Path  # where the damaged store now is, unchanged
    recovered: list[str] = field(default_factory=list)  # case ids now in the fresh store
    unreadable: list[str] = field(default_factory=list)  # case ids with no readable revision
    encrypted: bool = False
    rescued: list[RescuedCase] = field(default_factory=list)  # in the order of ``recovered``
    companions: list[Path] = field(default_factory=list)  # the damaged store's -wal/-shm, moved with it

    @property
    def undated(self) -> int:
        """How many rescued cases had no readable last-change time (they show the time of recovery)."""
        return sum(1 for item in self.rescued if item.updated_at is None)

    def describe(self) -> str:
        text = f"Recovered {len(self.recovered)} case{'s' if len(self.recovered) != 1 else ''}"
        if self.unreadable:
            text += f"; {len(self.unreadable)} could not be read"
        if self.undated:
            text += f"; {self.undated} had no readable last-change time"
        return f"{text}. The damaged store was kept unchanged as {self.damaged_copy}."

    def report_lines(self) -> list[str]:
        """What happened, in plain words, one fact a line (paths, ids and revision numbers only)."""
        lines = [f"The damaged draft store was moved, unchanged, to {self.damaged_copy}."]
        if self.companions:
            names = " and ".join(p.name for p in self.companions)
            lines.append(
                f"Its companion file{'s' if len(self.companions) > 1 else ''} moved with it: {names}."
            )
        lines.append("Keep it until you have checked your drafts; psr-assist will not use it again.")
        count = len(self.rescued)
        kind = "an encrypted" if self.encrypted else "a"
        if count:
            lines.append(
                f"Rescued {count} case{'s' if count != 1 else ''} into {kind} new draft store"
                + (" (same passphrase)" if self.encrypted else "")
                + ":"
            )
            for item in self.rescued:
                moved = (
                    "" if item.new_id == item.old_id else f" (now case {item.new_id}: its id was used twice)"
                )
                if item.revision >= item.latest:
                    state = f"revision {item.revision}, the latest"
                else:
                    lost = (
                        f"revision {item.latest}"
                        if item.latest == item.revision + 1
                        else f"revisions {item.revision + 1} to {item.latest}"
                    )
                    state = f"revision {item.revision}; {lost} could not be read"
                lines.append(f"  case {item.old_id}: {state}{moved}")
        else:
            lines.append(f"No case could be rescued; psr-assist started {kind} new, empty draft store.")
        if self.unreadable:
            n = len(self.unreadable)
            lines.append(
                f"Could not rescue {n} case{'s' if n != 1 else ''} (no revision could be read): "
                + ", ".join(self.unreadable)
                + "."
            )
        if self.undated:
            n = self.undated
            lines.append(
                f"{n} rescued case{'s' if n != 1 else ''} had no readable last-change time, so "
                f"{'their' if n != 1 else 'its'} last change shows as the time of recovery."
            )
        if count:
            lines.append("Open each rescued case in psr-assist and check it before you rely on it.")
        return lines


@dataclass(frozen=True)
class _Found:
    case: Case
    number: int  # the revision read
    latest: int  # the newest revision stored
    times: CaseTimes


@dataclass
class _Salvage:
    cases: list[_Found] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    encrypted: bool = False
    sound: bool = True  # nothing wrong found: the file checks out and every latest revision reads


def _salvage(path: Path, passphrase: str | None) -> _Salvage:
    """Read what can be read. Raises before anything is changed: PassphraseRequired/WrongPassphrase,
    and NewerStoreError for a sound store written by a newer psr-assist."""
    found = _Salvage()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        found.sound = False
        return found
    try:
        try:
            checked = [row[0] for row in conn.execute("PRAGMA quick_check")]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            checked, app_id, user_version = [], None, 0
        if checked != ["ok"] or app_id != APPLICATION_ID:
            found.sound = False
        elif user_version > SCHEMA_VERSION:
            raise NewerStoreError(
                f"The draft store {path} was written by a newer psr-assist (store format {user_version}) "
                "and is not damaged. Update psr-assist to open it; nothing was changed."
            )
        master: crypto.Sealer | None = None
        try:
            meta = {k: bytes(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        except sqlite3.Error:
            meta = {}
            found.sound = False
        store_id = meta.get("store_id", b"").decode("ascii", "replace")
        if "encryption" in meta:
            found.encrypted = True
            try:
                header = json.loads(meta["encryption"])
                params = crypto.KdfParams.from_json(header.get("kdf"))
                salt = bytes.fromhex(header["salt"])
            except (KeyError, ValueError, TypeError, AttributeError):
                header = None
                found.sound = False
            if header is not None:
                if passphrase is None:
                    raise PassphraseRequired(
                        "The damaged draft store is encrypted: enter its passphrase to rescue cases."
                    )
                master = crypto.Sealer(crypto.derive_master_key(passphrase, salt, params))
                if not crypto.key_check_ok(master, store_id, meta.get("key_check", b"")):
                    raise WrongPassphrase("That passphrase is not right for this draft store. Try again.")

        keys: dict[str, bytes | None] = {}
        latest: dict[str, int] = {}
        try:
            for case_id, wrapped, newest in conn.execute("SELECT id, wrapped_key, latest FROM cases"):
                keys[case_id] = wrapped
                if isinstance(newest, int):
                    latest[case_id] = newest
        except sqlite3.Error:
            found.sound = False
        try:
            for (case_id,) in conn.execute("SELECT DISTINCT case_id FROM revisions"):
                if case_id not in keys:
                    found.sound = False  # revisions of a case the case list has lost
                keys.setdefault(case_id, None)
        except sqlite3.Error:
            found.sound = False

        from cryptography.exceptions import InvalidTag

        for case_id, wrapped in keys.items():
            sealer: crypto.Sealer | None = None
            if found.encrypted:
                if master is None or wrapped is None:
                    found.unreadable.append(case_id)
                    continue
                try:
                    sealer = crypto.Sealer(
                        master.open(bytes(wrapped), crypto.aad_case_key(store_id, case_id))
                    )
                except (InvalidTag, ValueError):
                    found.unreadable.append(case_id)
                    continue
            rescued = _newest_readable(conn, case_id, sealer)
            if rescued is None:
                found.unreadable.append(case_id)
                continue
            case, number, newest = rescued
            newest = max(newest, latest.get(case_id, newest))
            if number < newest:
                found.sound = False
            times, all_read = _read_times(conn, case_id, number)
            if not all_read:
                found.sound = False  # a time that does not read stops the case list and history
            found.cases.append(_Found(case, number, newest, times))
        if found.unreadable:
            found.sound = False
    finally:
        conn.close()
    return found


def _newest_readable(
    conn: sqlite3.Connection, case_id: str, sealer: crypto.Sealer | None
) -> tuple[Case, int, int] | None:
    """The newest revision of the case that reads: (case, its number, the newest number stored)."""
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
        return case, number, numbers[0]
    return None


def _time_or_none(raw: object) -> dt.datetime | None:
    """A stored time (ISO 8601 with its offset, as db.py writes it) in UTC, or None if it does not read."""
    if isinstance(raw, bytes | bytearray | memoryview):
        try:
            raw = bytes(raw).decode("ascii")
        except UnicodeDecodeError:
            return None
    if not isinstance(raw, str):
        return None
    try:
        # The store's own reading of a time, so recover and the case list agree on what is damage.
        return parse_stored_time(raw.strip()).astimezone(dt.UTC)
    except (CorruptStoreError, OverflowError):
        return None


def _read_times(conn: sqlite3.Connection, case_id: str, number: int) -> tuple[CaseTimes, bool]:
    """The case's times from the damaged store, and whether every one of them read.

    Each is read on its own, so damage to one loses only that one. Columns are read as bytes
    (``CAST … AS BLOB``): a damaged time is not valid UTF-8, and letting sqlite3 decode it would
    fail the whole query. The last change is the case row's ``updated_at``; if that does not
    read, the newest readable ``saved_at`` among the case's revisions (every save writes both
    with the same time).
    """
    updated = created = None
    all_read = False
    with contextlib.suppress(sqlite3.Error):
        row = conn.execute(
            "SELECT CAST(updated_at AS BLOB), CAST(created_at AS BLOB) FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        if row is not None:
            updated, created = _time_or_none(row[0]), _time_or_none(row[1])
            all_read = updated is not None and created is not None
    saved_times: dict[int, dt.datetime | None] = {}
    try:
        for revision, raw in conn.execute(
            "SELECT number, CAST(saved_at AS BLOB) FROM revisions WHERE case_id = ? ORDER BY number DESC",
            (case_id,),
        ):
            saved_times[revision] = _time_or_none(raw)
    except sqlite3.Error:
        all_read = False
    if None in saved_times.values():
        all_read = False
    if updated is None:
        updated = next((value for value in saved_times.values() if value is not None), None)
    times = CaseTimes(updated_at=updated, created_at=created, saved_at=saved_times.get(number))
    return times, all_read


def _aside_name(root: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = root / f"drafts.damaged-{stamp}.sqlite3"
    n = 1
    while candidate.exists() or Path(f"{candidate}-wal").exists():
        n += 1
        candidate = root / f"drafts.damaged-{stamp}-{n}.sqlite3"
    return candidate


def _put_back(path: Path, moved: list[tuple[Path, Path]]) -> bool:
    """After the new store failed: remove what was made of it and move the damaged store (and
    its companions) back, so the officer is where they were before. False (nothing more
    touched) if any step fails; the damaged store then stays, unchanged, where it was set aside."""
    try:
        for sfx in ("", "-wal", "-shm", "-journal"):
            made = Path(f"{path}{sfx}")
            if made.exists() or made.is_symlink():
                made.unlink()
    except OSError:
        return False
    (main_back, main_aside), *companions = moved
    try:
        os.rename(main_aside, main_back)
    except OSError:
        return False
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in companions:
            os.rename(target, source)
            done.append((source, target))
    except OSError:  # keep the set together: everything goes back where it was set aside
        with contextlib.suppress(OSError):
            for source, target in [*done, (main_back, main_aside)]:
                os.rename(source, target)
        return False
    return True


def _take_for_recovery(root: Path) -> locks.InUseLock:
    """The in-use lock, exclusively; LockedError (nothing changed) while any window or command has the store open."""
    locks_dir = root / LOCKS_DIR
    holders = locks.live_holders(locks_dir)
    try:
        ensure_private_dir(locks_dir, create=True)
        alone = locks.take_for_recovery(locks_dir)
    except OSError as exc:
        raise StoreError(
            f"The draft store's lock could not be taken ({exc.strerror or 'input/output error'}); nothing was changed."
        ) from None
    if holders or alone is None:
        if alone is not None:
            alone.release()
        who = ", ".join(f"process {h.pid}" for h in holders if h.pid)
        raise LockedError(
            f"A psr-assist window is still using the draft store{f' ({who})' if who else ''}. "
            "Close every psr-assist window, then run 'psr-assist recover' again. Nothing was changed."
        )
    return alone


def _set_aside(root: Path, path: Path) -> tuple[Path, list[tuple[Path, Path]]]:
    """Rename the store and its companions to a new name beside it; all or nothing."""
    aside = _aside_name(root)
    moved: list[tuple[Path, Path]] = []
    try:
        for source, target in [
            (path, aside),
            *[(Path(f"{path}{sfx}"), Path(f"{aside}{sfx}")) for sfx in ("-wal", "-shm")],
        ]:
            if source is path or source.exists():
                os.rename(source, target)
                moved.append((source, target))
    except OSError as exc:
        for source, target in reversed(moved):  # put back what moved: the store stays as it was
            with contextlib.suppress(OSError):
                os.rename(target, source)
        raise StoreError(
            f"The damaged draft store could not be set aside ({exc.strerror or 'input/output error'}); "
            "nothing was changed."
        ) from None
    return aside, moved


def _fill_new_store(
    root: Path,
    path: Path,
    aside: Path,
    moved: list[tuple[Path, Path]],
    found: _Salvage,
    passphrase: str | None,
    make_encrypted: bool,
    kdf: crypto.KdfParams | None,
    alone: locks.InUseLock,
) -> RecoveryResult:
    """Write every rescued case into a new store, still holding the store to ourselves; if that
    fails, put the damaged store back before any window can open what was half made."""
    for _, target in moved:
        with contextlib.suppress(OSError):
            os.chmod(target, 0o600)  # permissions only: the bytes stay exactly as they were
    result = RecoveryResult(
        damaged_copy=aside,
        unreadable=found.unreadable,
        encrypted=make_encrypted,
        companions=[target for _, target in moved[1:]],
    )
    try:
        store = open_store(root, passphrase=passphrase, encrypt=make_encrypted, kdf=kdf, _recovering=alone)
        try:
            # Each case keeps the damaged store's times, in the same transaction: never the
            # recovery time for a time that could be read.
            result.recovered = store.create_many(
                [item.case for item in found.cases],
                new_id_on_clash=True,
                times=[item.times for item in found.cases],
            )
        finally:
            store.close()
    except StoreError as exc:
        if _put_back(path, moved):
            raise StoreError(
                f"The rescued drafts could not be saved in a new store: {exc} "
                "The damaged store was put back as it was; nothing was changed.",
                reason=exc.reason,
            ) from None
        raise StoreError(
            f"The rescued drafts could not be saved in a new store: {exc} "
            f"The damaged store is kept unchanged as {aside}.",
            reason=exc.reason,
        ) from None
    return result


def recover_store(
    home: str | os.PathLike[str] | None = None,
    *,
    passphrase: str | None = None,
    encrypt: bool | None = None,
    kdf: crypto.KdfParams | None = None,
    force: bool = False,
) -> RecoveryResult:
    """Set a damaged store aside (unchanged) and start a fresh one holding every case that could be read.

    Each case is rescued at its newest readable revision (it becomes revision 1 of the fresh
    store) and keeps its last-change, created and saved times from the damaged store; a case
    whose last change cannot be read shows the time of recovery (counted in
    :attr:`RecoveryResult.undated`). The damaged file and its ``-wal``/``-shm`` are renamed,
    never written, copied over or deleted. The fresh store is encrypted when the damaged one
    was (same passphrase), unless ``encrypt`` says otherwise.

    Raises, before anything is moved: :class:`StoreNotFound` (no store),
    :class:`NothingToRecover` (the store checks out and every case's latest revision reads;
    ``force=True`` rescues anyway), :class:`NewerStoreError`, :class:`PassphraseRequired` /
    :class:`WrongPassphrase`, :class:`LockedError` (a psr-assist window is editing a case).
    """
    root = resolve_home(home)
    path = root / STORE_FILE
    check_home(root)
    if not store_exists(root):
        raise StoreNotFound(f"There is no draft store in {root}, so there is nothing to recover.")
    found = _salvage(path, passphrase)
    if found.sound and not force:
        raise NothingToRecover(
            f"The draft store in {root} is not damaged: every case reads, so there is nothing to recover."
        )
    # The store to ourselves while it is checked for users and set aside: a window open on
    # any screen (even the case list) holds the in-use lock, and one that starts meanwhile is
    # told to wait.
    alone = _take_for_recovery(root)
    try:
        make_encrypted = found.encrypted if encrypt is None else encrypt
        if make_encrypted and passphrase is None:
            raise PassphraseRequired(
                "Choose a passphrase for the recovered encrypted draft store.", new_store=True
            )
        aside, moved = _set_aside(root, path)
        result = _fill_new_store(root, path, aside, moved, found, passphrase, make_encrypted, kdf, alone)
    finally:
        alone.release()
    result.rescued = [
        RescuedCase(item.case.id, new_id, item.number, item.latest, item.times.updated_at)
        for item, new_id in zip(found.cases, result.recovered, strict=True)
    ]
    return result
