"""The SQLite draft store: every save is a revision, written in one transaction.

See the package docstring for the promises; this module keeps them. Layout (schema 1)::

    meta(key TEXT PRIMARY KEY, value BLOB)           store id, creation time, encryption header
    cases(id, latest, status, version, created_at, updated_at, summary, wrapped_key)
    revisions(case_id, number, saved_at, final, version, reason, body)

``cases.summary`` holds what the case list shows (defendant, court, hearing date, report
type, CRN) so listing never reads a revision body. In an encrypted store ``summary``,
``reason`` and ``body`` are sealed with the case's data key and ``wrapped_key`` holds that
key sealed with the master key; in a plain store they are UTF-8 JSON / text and
``wrapped_key`` is NULL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from psr_assist.domain.case import Case, ReportStatus, ReportType, SignOff, clean_text
from psr_assist.store import crypto, locks
from psr_assist.store.errors import (
    RECOVER_HINT,
    CaseExistsError,
    CaseNotFound,
    ConflictError,
    CorruptStoreError,
    DiskFullError,
    FinalisedError,
    LockedError,
    NewerStoreError,
    NotFinalError,
    PassphraseRequired,
    RevisionNotFound,
    StoreError,
    StoreNotFound,
    UnreadableRevision,
    WrongPassphrase,
)
from psr_assist.store.home import (
    LOCKS_DIR,
    STORE_FILE,
    check_home,
    ensure_private_dir,
    open_private,
    resolve_home,
    store_exists,
    tighten,
)

SCHEMA_VERSION = 1
APPLICATION_ID = 0x50535241  # "PSRA" in the SQLite header: marks the file as ours
DEFAULT_KEEP_DRAFTS = 50
BUSY_TIMEOUT_SECONDS = 5.0
#: The longest reason accepted for starting a new version (after trimming); longer is refused, never cut.
MAX_REASON_LENGTH = 1_000

DRAFT = "draft"
FINAL = "final"

_JSON = json.JSONDecoder()


# --------------------------------------------------------------------------- public records


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the case list. Reading it never decrypts or parses a whole draft."""

    id: str
    defendant: str | None
    court: str | None
    hearing_date: dt.date | None
    report_type: ReportType | None
    status: str  # 'draft' | 'final'
    updated_at: dt.datetime  # UTC, timezone-aware
    revision: int  # latest revision number
    version: int  # report version: 1, then 2 after the first new version, ...
    crn: str | None = None
    created_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class CaseTimes:
    """Times a case brings with it into a store (recover keeps the damaged store's): its last
    change, when it was created and when its revision was saved. Each None is the time of storing."""

    updated_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    saved_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    number: int
    saved_at: dt.datetime  # UTC, timezone-aware
    final: bool
    reason: str | None  # why a new version was started (on the first revision of that version)
    version: int = 1


# --------------------------------------------------------------------------- migrations


def _migrate_1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
    conn.execute(
        """CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            latest INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            summary BLOB NOT NULL,
            wrapped_key BLOB
        )"""
    )
    conn.execute("CREATE INDEX cases_by_update ON cases(updated_at)")
    # body last: reading the other columns never touches the body's overflow pages.
    conn.execute(
        """CREATE TABLE revisions (
            case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            saved_at TEXT NOT NULL,
            final INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1,
            reason BLOB,
            body BLOB NOT NULL,
            PRIMARY KEY (case_id, number)
        )"""
    )


# Ordered schema migrations: MIGRATIONS[n] takes a store from schema n-1 to n, inside one
# transaction together with the user_version bump. Append, never edit a released one.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_1}


# --------------------------------------------------------------------------- helpers


def _utc_text(value: dt.datetime) -> str:
    """A time as the store keeps it: UTC, to the microsecond, so text order is time order."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _now() -> str:
    return _utc_text(dt.datetime.now(dt.UTC))


def _stamp(value: dt.datetime | None) -> str | None:
    return None if value is None else _utc_text(value)


def parse_stored_time(text: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        # psr-assist writes every time in UTC with its offset (``_now``), so only damage leaves
        # one it cannot read, or one without an offset (recover reads those as damage too).
        raise CorruptStoreError(f"A time saved in the draft store is damaged. {RECOVER_HINT}")
    return parsed


def _new_case_id() -> str:
    return uuid.uuid4().hex


def summary_bytes(case: Case) -> bytes:
    """What the case list shows, as stored (before sealing)."""
    details = case.case_details
    return json.dumps(
        {
            "d": details.defendant.name,
            "c": details.court,
            "h": details.hearing_date.isoformat() if details.hearing_date else None,
            "t": details.report_type.value if details.report_type else None,
            "n": details.defendant.crn,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def encode_case(case: Case) -> bytes:
    """A revision body: the case as compact JSON (``Case.model_validate_json`` reads it back)."""
    return case.model_dump_json().encode("utf-8")


def _status_of(case: Case) -> str:
    return FINAL if case.sign_off.status is ReportStatus.FINAL else DRAFT


def _describe_os_error(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or "input/output error"


#: Free space below which a "disk I/O error" is taken to be a full disk (SQLite needs a few pages).
LOW_SPACE_BYTES = 1024 * 1024


def _disk_is_full(path: Path) -> bool:
    """True when the disk holding ``path``'s folder has (nearly) no free space left."""
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def _translated(path: Path, action: str) -> Iterator[None]:
    """Turn sqlite3 and OS errors into one-line StoreErrors that never quote data."""
    try:
        yield
    except StoreError:
        raise
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if text.startswith("could not decode to utf-8"):
            # Bytes damaged in place. Decided first, on the message's start only: the rest of it
            # quotes the stored value, which may say "busy" or "full" (and is never passed on).
            raise CorruptStoreError(
                f"The draft store {path} is damaged and cannot be read. It has been left unchanged. {RECOVER_HINT}"
            ) from None
        if "locked" in text or "busy" in text:
            raise LockedError(
                f"The draft store is busy in another psr-assist window or program, so psr-assist could not {action}. Try again."
            ) from None
        if "full" in text:
            raise DiskFullError(
                f"The disk is full, so psr-assist could not {action}. Free some space and try again."
            ) from None
        if "readonly" in text or "read-only" in text:
            raise StoreError(
                f"The draft store {path} cannot be written (it is read-only), so psr-assist could not {action}.",
                reason="the draft store cannot be written",
            ) from None
        if "unable to open" in text:
            raise StoreError(
                f"The draft store {path} cannot be opened.", reason="the draft store cannot be opened"
            ) from None
        if "disk i/o" in text:
            # SQLite says "disk I/O error" when it cannot grow the -wal or -shm file on a full disk.
            if _disk_is_full(path):
                raise DiskFullError(
                    f"The disk is full, so psr-assist could not {action}. Free some space and try again."
                ) from None
            raise StoreError(
                f"The disk reported an input/output error, so psr-assist could not {action}.",
                reason="the disk reported an error",
            ) from None
        raise StoreError(f"psr-assist could not {action} (database error).") from None
    except sqlite3.DatabaseError:
        raise CorruptStoreError(
            f"The draft store {path} is damaged and cannot be read. It has been left unchanged. {RECOVER_HINT}"
        ) from None
    except OSError as exc:
        reason = _describe_os_error(exc)
        cls = DiskFullError if exc.errno == errno.ENOSPC else StoreError
        raise cls(f"psr-assist could not {action}: {reason}.", reason=reason) from None


@contextlib.contextmanager
def _busy_timeout(conn: sqlite3.Connection, wait: float | None) -> Iterator[None]:
    """Use ``wait`` seconds as the connection's busy timeout inside the block, then put the old one back."""
    if wait is None:
        yield
        return
    seconds = wait if wait >= 0 else 0.0  # also turns NaN into 0
    millis = int(min(seconds, 3600.0) * 1000)
    previous = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {millis}")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"PRAGMA busy_timeout = {int(previous)}")


# --------------------------------------------------------------------------- the store


class Store:
    """An open draft store. Thread-safe: one connection guarded by a lock.

    Use :func:`open_store` to get one. Methods raise :class:`StoreError` subclasses with one
    safe line; nothing here logs or echoes case text.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        home: Path,
        *,
        store_id: str,
        master: crypto.Sealer | None,
        keep_drafts: int,
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.home = home
        self.path = home / STORE_FILE
        self.store_id = store_id
        self._master = master
        self.keep_drafts = keep_drafts
        self._mutex = threading.RLock()
        self._keys: dict[str, crypto.Sealer] = {}
        self._locks: weakref.WeakSet[locks.EditLock] = weakref.WeakSet()
        self._in_use: locks.InUseLock | None = None  # held while open; see locks.hold_in_use

    # ------------------------------------------------------------------ basics

    @property
    def encrypted(self) -> bool:
        return self._master is not None

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store(home={str(self.home)!r}, encrypted={self.encrypted})"

    def close(self) -> None:
        """Release every edit lock this store handed out and close the database."""
        with self._mutex:
            for lock in list(self._locks):
                lock.release()
            conn, self._conn = self._conn, None
            self._keys.clear()
            if conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            in_use, self._in_use = self._in_use, None
            if in_use is not None:
                in_use.release()

    def _c(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The draft store has been closed.", reason="the draft store is closed")
        return self._conn

    @contextlib.contextmanager
    def _reading(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._mutex, _translated(self.path, action):
            yield self._c()

    @contextlib.contextmanager
    def _writing(self, action: str, wait: float | None = None) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all or nothing, and writers queue rather than interleave.

        ``wait``: how long to queue behind another writer for this transaction only (seconds;
        ``None`` keeps the store's busy timeout, :data:`BUSY_TIMEOUT_SECONDS` by default).
        """
        with self._mutex, _translated(self.path, action):
            conn = self._c()
            with _busy_timeout(conn, wait):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise

    # ------------------------------------------------------------------ sealing

    def _sealer(self, case_id: str, wrapped: bytes | None) -> crypto.Sealer | None:
        if self._master is None:
            return None
        sealer = self._keys.get(case_id)
        if sealer is None:
            from cryptography.exceptions import InvalidTag

            if wrapped is None:
                raise UnreadableRevision(
                    f"Case {case_id} has no key in this encrypted store; the store may be damaged."
                )
            try:
                key = self._master.open(wrapped, crypto.aad_case_key(self.store_id, case_id))
            except InvalidTag:
                raise UnreadableRevision(
                    f"The key of case {case_id} cannot be unlocked; the store may be damaged."
                ) from None
            sealer = crypto.Sealer(key)
            self._keys[case_id] = sealer
        return sealer

    def _new_wrapped_key(self, case_id: str) -> bytes | None:
        if self._master is None:
            return None
        key = crypto.new_key()
        self._keys[case_id] = crypto.Sealer(key)
        return self._master.seal(key, crypto.aad_case_key(self.store_id, case_id))

    def _seal_body(self, sealer: crypto.Sealer | None, case_id: str, number: int, body: bytes) -> bytes:
        return body if sealer is None else sealer.seal(body, crypto.aad_revision(case_id, number))

    def _open_body(self, sealer: crypto.Sealer | None, case_id: str, number: int, blob: bytes) -> bytes:
        if sealer is None:
            return bytes(blob)
        from cryptography.exceptions import InvalidTag

        try:
            return sealer.open(bytes(blob), crypto.aad_revision(case_id, number))
        except InvalidTag:
            raise UnreadableRevision(
                f"Revision {number} of case {case_id} cannot be decrypted; the store may be damaged."
            ) from None

    def _seal_summary(self, sealer: crypto.Sealer | None, case_id: str, summary: bytes) -> bytes:
        return summary if sealer is None else sealer.seal(summary, crypto.aad_summary(case_id))

    def _seal_reason(
        self, sealer: crypto.Sealer | None, case_id: str, number: int, reason: str | None
    ) -> bytes | None:
        if reason is None:
            return None
        data = reason.encode("utf-8")
        return data if sealer is None else sealer.seal(data, crypto.aad_reason(case_id, number))

    def _open_reason(
        self, sealer: crypto.Sealer | None, case_id: str, number: int, blob: bytes | None
    ) -> str | None:
        if blob is None:
            return None
        if sealer is None:
            return bytes(blob).decode("utf-8", "replace")
        from cryptography.exceptions import InvalidTag

        try:
            return sealer.open(bytes(blob), crypto.aad_reason(case_id, number)).decode("utf-8", "replace")
        except InvalidTag:
            return None

    def _decode_case(self, case_id: str, number: int, body: bytes) -> Case:
        try:
            case = Case.model_validate_json(body)
        except (ValidationError, ValueError, UnicodeDecodeError):
            raise UnreadableRevision(
                f"Revision {number} of case {case_id} cannot be read by this version of psr-assist; it may be "
                "damaged. If psr-assist is up to date, close every psr-assist window and run 'psr-assist "
                "recover': it rescues the newest version it can read and keeps the damaged file."
            ) from None
        return case

    # ------------------------------------------------------------------ reading

    def list_cases(self, query: str = "") -> list[CaseSummary]:
        """Every case, most recently changed first; ``query`` keeps those whose defendant, court, CRN or id contains it."""
        needle = query.strip().casefold()
        with self._reading("list the cases") as conn:
            rows = conn.execute(
                "SELECT id, latest, status, version, updated_at, created_at, summary, wrapped_key "
                "FROM cases ORDER BY updated_at DESC"
            ).fetchall()
            out: list[CaseSummary] = []
            for row in rows:
                item = self._summary_row(row)
                if needle and not any(
                    needle in (value or "").casefold()
                    for value in (item.id, item.defendant, item.court, item.crn)
                ):
                    continue
                out.append(item)
        return out

    def summary(self, case_id: str) -> CaseSummary:
        """The case-list row of one case (its status, version and latest revision are the store's truth)."""
        with self._reading("find the case") as conn:
            row = conn.execute(
                "SELECT id, latest, status, version, updated_at, created_at, summary, wrapped_key FROM cases WHERE id = ?",
                (case_id,),
            ).fetchone()
            if row is None:
                raise CaseNotFound(f"There is no case {case_id} in the draft store.")
            return self._summary_row(row)

    def _summary_row(self, row: tuple) -> CaseSummary:
        case_id, latest, status, version, updated_at, created_at, summary, wrapped = row
        fields = self._read_summary(case_id, summary, wrapped)
        return CaseSummary(
            id=case_id,
            defendant=fields.get("d"),
            court=fields.get("c"),
            hearing_date=_date_or_none(fields.get("h")),
            report_type=_report_type_or_none(fields.get("t")),
            status=status,
            updated_at=parse_stored_time(updated_at),
            revision=latest,
            version=version,
            crn=fields.get("n"),
            created_at=parse_stored_time(created_at),
        )

    def _read_summary(self, case_id: str, blob: bytes, wrapped: bytes | None) -> dict:
        try:
            sealer = self._sealer(case_id, wrapped)
            if sealer is not None:
                from cryptography.exceptions import InvalidTag

                try:
                    blob = sealer.open(bytes(blob), crypto.aad_summary(case_id))
                except InvalidTag:
                    return {}
            value = _JSON.decode(bytes(blob).decode("utf-8"))
            return value if isinstance(value, dict) else {}
        except (UnreadableRevision, ValueError, RecursionError):
            return {}  # the list still shows the case; opening it will say what is wrong

    def exists(self, case_id: str) -> bool:
        with self._reading("find the case") as conn:
            return conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None

    def load(self, case_id: str) -> tuple[Case, int]:
        """The latest revision of a case and its number."""
        with self._reading("open the case") as conn:
            row = conn.execute(
                "SELECT c.latest, c.wrapped_key, r.body FROM cases c "
                "JOIN revisions r ON r.case_id = c.id AND r.number = c.latest WHERE c.id = ?",
                (case_id,),
            ).fetchone()
            if row is None:
                raise self._not_found(conn, case_id)
            latest, wrapped, blob = row
            sealer = self._sealer(case_id, wrapped)
            body = self._open_body(sealer, case_id, latest, blob)
        return self._decode_case(case_id, latest, body), latest

    def _not_found(self, conn: sqlite3.Connection, case_id: str) -> StoreError:
        if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is not None:
            return UnreadableRevision(
                f"The latest revision of case {case_id} is missing; the store may be damaged."
            )
        return CaseNotFound(f"There is no case {case_id} in the draft store.")

    def load_revision(self, case_id: str, number: int) -> Case:
        with self._reading("open the revision") as conn:
            row = conn.execute(
                "SELECT c.wrapped_key, r.body FROM cases c "
                "JOIN revisions r ON r.case_id = c.id AND r.number = ? WHERE c.id = ?",
                (number, case_id),
            ).fetchone()
            if row is None:
                if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                    raise CaseNotFound(f"There is no case {case_id} in the draft store.")
                raise RevisionNotFound(f"Revision {number} of case {case_id} is not kept.")
            wrapped, blob = row
            sealer = self._sealer(case_id, wrapped)
            body = self._open_body(sealer, case_id, number, blob)
        return self._decode_case(case_id, number, body)

    def revisions(self, case_id: str) -> list[RevisionInfo]:
        """Kept revisions, newest first: the last ``keep_drafts`` drafts, every final one, every new-version start."""
        with self._reading("list the revisions") as conn:
            head = conn.execute("SELECT wrapped_key FROM cases WHERE id = ?", (case_id,)).fetchone()
            if head is None:
                raise CaseNotFound(f"There is no case {case_id} in the draft store.")
            sealer = self._sealer(case_id, head[0])
            rows = conn.execute(
                "SELECT number, saved_at, final, version, reason FROM revisions WHERE case_id = ? ORDER BY number DESC",
                (case_id,),
            ).fetchall()
        return [
            RevisionInfo(
                number=number,
                saved_at=parse_stored_time(saved_at),
                final=bool(final),
                reason=self._open_reason(sealer, case_id, number, reason),
                version=version,
            )
            for number, saved_at, final, version, reason in rows
        ]

    # ------------------------------------------------------------------ writing

    def create(self, case: Case) -> int:
        """Store a new case as revision 1. A case whose sign-off says final is stored final (and locked)."""
        self.create_many([case])
        return 1

    def create_many(
        self,
        cases: Iterable[Case],
        *,
        new_id_on_clash: bool = False,
        times: Iterable[CaseTimes | None] | None = None,
    ) -> list[str]:
        """Store several new cases in one transaction (all or none); returns their ids.

        With ``new_id_on_clash`` a case whose id is taken is stored under a fresh id (the
        caller's object is not changed); otherwise a clash raises :class:`CaseExistsError`.
        ``times``, one per case, keeps times the cases already had (in the same transaction).
        """
        prepared = list(cases)
        kept = list(times) if times is not None else [None] * len(prepared)
        if len(kept) != len(prepared):
            raise ValueError("create_many needs one CaseTimes (or None) per case")
        ids: list[str] = []
        with self._writing("save the new case") as conn:
            taken: set[str] = set()
            for case, case_times in zip(prepared, kept, strict=True):
                case_id = case.id
                clash = (
                    case_id in taken
                    or conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone()
                )
                if clash:
                    if not new_id_on_clash:
                        raise CaseExistsError(f"A case with the id {case_id} is already in the draft store.")
                    case = case.model_copy(deep=True)
                    case.id = case_id = _new_case_id()
                taken.add(case_id)
                self._insert_case(conn, case, times=case_times)
                ids.append(case_id)
        return ids

    def _insert_case(
        self, conn: sqlite3.Connection, case: Case, *, version: int = 1, times: CaseTimes | None = None
    ) -> None:
        case_id = case.id
        now = _now()
        updated = created = saved = now
        if times is not None:
            # Created and saved never come after the last change (one format: text order is time order).
            updated = _stamp(times.updated_at) or now
            created = min(_stamp(times.created_at) or updated, updated)
            saved = min(_stamp(times.saved_at) or updated, updated)
        status = _status_of(case)
        wrapped = self._new_wrapped_key(case_id)
        sealer = self._sealer(case_id, wrapped)
        conn.execute(
            "INSERT INTO cases (id, latest, status, version, created_at, updated_at, summary, wrapped_key) "
            "VALUES (?, 1, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                status,
                version,
                created,
                updated,
                self._seal_summary(sealer, case_id, summary_bytes(case)),
                wrapped,
            ),
        )
        conn.execute(
            "INSERT INTO revisions (case_id, number, saved_at, final, version, reason, body) VALUES (?, 1, ?, ?, ?, NULL, ?)",
            (
                case_id,
                saved,
                int(status == FINAL),
                version,
                self._seal_body(sealer, case_id, 1, encode_case(case)),
            ),
        )

    def save(self, case: Case, base_revision: int, *, wait: float | None = None) -> int:
        """Save ``case`` as a new revision on top of ``base_revision``; returns the new number.

        Raises :class:`ConflictError` when the stored latest revision is not ``base_revision``
        (someone saved in between: nothing is overwritten), :class:`FinalisedError` when the
        case is final, :class:`CaseNotFound` when it was deleted, :class:`LockedError` when
        another program kept the store busy for longer than ``wait`` seconds (default: the
        store's busy timeout, 5 s).
        """
        return self.save_encoded(case, encode_case(case), base_revision, wait=wait)

    def save_encoded(self, case: Case, body: bytes, base_revision: int, *, wait: float | None = None) -> int:
        """:meth:`save` with ``body`` already made by :func:`encode_case` (the session has it to hand)."""
        case_id = case.id
        summary = summary_bytes(case)
        with self._writing("save the case", wait) as conn:
            row = conn.execute(
                "SELECT latest, status, version, wrapped_key FROM cases WHERE id = ?", (case_id,)
            ).fetchone()
            if row is None:
                raise CaseNotFound(
                    f"There is no case {case_id} in the draft store; it may have been deleted."
                )
            latest, status, version, wrapped = row
            if latest != base_revision:
                raise ConflictError(
                    f"Case {case_id} was saved elsewhere (revision {latest}) after this copy was opened "
                    f"(revision {base_revision}); nothing was overwritten.",
                    latest=latest,
                )
            if status == FINAL:
                raise FinalisedError(f"Case {case_id} is final. Start a new version to change it.")
            number = latest + 1
            now = _now()
            sealer = self._sealer(case_id, wrapped)
            conn.execute(
                "INSERT INTO revisions (case_id, number, saved_at, final, version, reason, body) VALUES (?, ?, ?, 0, ?, NULL, ?)",
                (case_id, number, now, version, self._seal_body(sealer, case_id, number, body)),
            )
            conn.execute(
                "UPDATE cases SET latest = ?, updated_at = ?, summary = ? WHERE id = ?",
                (number, now, self._seal_summary(sealer, case_id, summary), case_id),
            )
            self._prune(conn, case_id)
        return number

    def _prune(self, conn: sqlite3.Connection, case_id: str) -> None:
        conn.execute(
            "DELETE FROM revisions WHERE case_id = ? AND final = 0 AND reason IS NULL AND number NOT IN ("
            " SELECT number FROM revisions WHERE case_id = ? AND final = 0 AND reason IS NULL"
            " ORDER BY number DESC LIMIT ?)",
            (case_id, case_id, self.keep_drafts),
        )

    def _latest_locked(
        self, conn: sqlite3.Connection, case_id: str
    ) -> tuple[int, str, int, bytes | None, Case]:
        row = conn.execute(
            "SELECT c.latest, c.status, c.version, c.wrapped_key, r.body FROM cases c "
            "JOIN revisions r ON r.case_id = c.id AND r.number = c.latest WHERE c.id = ?",
            (case_id,),
        ).fetchone()
        if row is None:
            raise self._not_found(conn, case_id)
        latest, status, version, wrapped, blob = row
        sealer = self._sealer(case_id, wrapped)
        case = self._decode_case(case_id, latest, self._open_body(sealer, case_id, latest, blob))
        return latest, status, version, wrapped, case

    def finalise(self, case_id: str, base_revision: int) -> int:
        """Mark the case final: a new revision (sign-off status final) kept forever. Returns its number."""
        with self._writing("finalise the case") as conn:
            latest, status, version, wrapped, case = self._latest_locked(conn, case_id)
            if latest != base_revision:
                raise ConflictError(
                    f"Case {case_id} was saved elsewhere (revision {latest}); finalise the latest revision.",
                    latest=latest,
                )
            if status == FINAL:
                raise FinalisedError(f"Case {case_id} is already final.")
            case.sign_off.status = ReportStatus.FINAL
            number = latest + 1
            now = _now()
            sealer = self._sealer(case_id, wrapped)
            conn.execute(
                "INSERT INTO revisions (case_id, number, saved_at, final, version, reason, body) VALUES (?, ?, ?, 1, ?, NULL, ?)",
                (case_id, number, now, version, self._seal_body(sealer, case_id, number, encode_case(case))),
            )
            conn.execute(
                "UPDATE cases SET latest = ?, status = 'final', updated_at = ?, summary = ? WHERE id = ?",
                (number, now, self._seal_summary(sealer, case_id, summary_bytes(case)), case_id),
            )
        return number

    def new_version(self, case_id: str, reason: str) -> tuple[Case, int]:
        """Unlock a final report as the next version; the final revision stays retrievable.

        ``reason`` (why it must change) is required and kept with the version's first revision.
        """
        cleaned = clean_text(reason)
        cleaned = cleaned.strip() if isinstance(cleaned, str) else ""
        if not cleaned:
            raise StoreError("Enter a reason for starting a new version.", reason="a reason is needed")
        if len(cleaned) > MAX_REASON_LENGTH:
            raise StoreError(
                f"The reason is too long: use at most {MAX_REASON_LENGTH:,} characters "
                f"(it has {len(cleaned):,}).",
                reason="the reason is too long",
            )
        with self._writing("start a new version") as conn:
            latest, status, version, wrapped, case = self._latest_locked(conn, case_id)
            if status != FINAL:
                raise NotFinalError(
                    f"Case {case_id} is not final, so it can be changed without a new version."
                )
            sign_off = case.sign_off
            sign_off.status = ReportStatus.DRAFT
            sign_off.signed_on = None
            sign_off.countersigned_by = None
            sign_off.countersigned_on = None
            number = latest + 1
            version += 1
            now = _now()
            sealer = self._sealer(case_id, wrapped)
            conn.execute(
                "INSERT INTO revisions (case_id, number, saved_at, final, version, reason, body) VALUES (?, ?, ?, 0, ?, ?, ?)",
                (
                    case_id,
                    number,
                    now,
                    version,
                    self._seal_reason(sealer, case_id, number, cleaned),
                    self._seal_body(sealer, case_id, number, encode_case(case)),
                ),
            )
            conn.execute(
                "UPDATE cases SET latest = ?, status = 'draft', version = ?, updated_at = ?, summary = ? WHERE id = ?",
                (number, version, now, self._seal_summary(sealer, case_id, summary_bytes(case)), case_id),
            )
        return case, number

    def duplicate(self, case_id: str) -> Case:
        """A copy of the latest revision as a new draft case (new id, sign-off cleared), already stored."""
        case, _ = self.load(case_id)
        case.id = _new_case_id()
        case.sign_off = SignOff()
        self.create(case)
        return case

    def delete(self, case_id: str) -> None:
        """Delete a case and all its revisions (and, when encrypted, its key).

        Freed pages are overwritten with zeros (``secure_delete``) and the write-ahead log is
        emptied (at once, or at the next checkpoint if another window is reading), so the text
        is gone from the store's files. The disk itself may still hold
        old blocks (journaling, SSD wear levelling): that is why full-disk encryption matters.
        """
        with self._mutex:
            conn = self._c()
            with _translated(self.path, "delete the case"):
                conn.execute("PRAGMA secure_delete = ON")
            try:
                with self._writing("delete the case") as conn:
                    if conn.execute("SELECT 1 FROM cases WHERE id = ?", (case_id,)).fetchone() is None:
                        raise CaseNotFound(f"There is no case {case_id} in the draft store.")
                    conn.execute("DELETE FROM revisions WHERE case_id = ?", (case_id,))
                    conn.execute("DELETE FROM cases WHERE id = ?", (case_id,))
            finally:
                self._keys.pop(case_id, None)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute(f"PRAGMA secure_delete = {self._secure_delete_mode}")
            self.checkpoint()

    @property
    def _secure_delete_mode(self) -> str:
        # Plain stores zero every freed page; encrypted ones rely on the case key (crypto-erase)
        # and skip the extra writes when old drafts are pruned.
        return "FAST" if self.encrypted else "ON"

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database and empty it. False if a reader kept it busy."""
        with self._mutex:
            try:
                row = self._c().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error:
                return False
        return bool(row) and row[0] == 0

    # ------------------------------------------------------------------ locks

    def acquire_edit_lock(self, case_id: str) -> locks.EditLock | None:
        """The right to edit a case in this window, or None when another live window has it."""
        locks_dir = self.home / LOCKS_DIR
        with _translated(self.path, "lock the case"):
            ensure_private_dir(locks_dir, create=True)
            lock = locks.try_acquire(locks_dir, case_id)
        if lock is not None:
            self._locks.add(lock)
        return lock

    def lock_holder(self, case_id: str) -> locks.LockHolder | None:
        """Who holds the case's edit lock (a process id only), or None."""
        with _translated(self.path, "check the case lock"):
            return locks.holder(self.home / LOCKS_DIR, case_id)

    # ------------------------------------------------------------------ health

    def check_integrity(self) -> bool:
        """SQLite's full integrity check (reads every page: slow on a big store)."""
        with self._reading("check the draft store") as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return rows == [("ok",)]


def _date_or_none(value: object) -> dt.date | None:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _report_type_or_none(value: object) -> ReportType | None:
    try:
        return ReportType(value) if isinstance(value, str) else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- opening


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    with _translated(path, "open the draft store"):
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    return conn


def _probe_read_only(path: Path, timeout: float) -> None:
    """Read the schema through a read-only connection before any read-write one.

    Closing a read-write connection to a file SQLite cannot read deletes its ``-wal`` (which
    may hold the newest drafts), so a damaged store must be recognised without one.
    """
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout, isolation_level=None
        )
    except sqlite3.Error:
        return  # the read-write open below reports why
    try:
        with _translated(path, "read the draft store"):
            conn.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        conn.close()


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Read-only probes first: a damaged or foreign file must not be written to."""
    with _translated(path, "read the draft store"):
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise CorruptStoreError(
            f"{path} is not a psr-assist draft store. It has been left unchanged. {RECOVER_HINT}"
        )


def _configure(conn: sqlite3.Connection, path: Path, encrypted_hint: bool) -> None:
    with _translated(path, "open the draft store"):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - filesystems without shared memory
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # no temporary files that could hold case text
        conn.execute("PRAGMA journal_size_limit = 8388608")
        conn.execute(f"PRAGMA secure_delete = {'FAST' if encrypted_hint else 'ON'}")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    target = max(MIGRATIONS)
    with _translated(path, "upgrade the draft store"):
        current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > target:
        raise NewerStoreError(
            f"The draft store {path} was written by a newer psr-assist (store format {current}). "
            "Update psr-assist to open it; the store has been left unchanged."
        )
    for version in range(current + 1, target + 1):
        with _translated(path, "upgrade the draft store"):
            conn.execute("BEGIN IMMEDIATE")
            try:
                if (
                    conn.execute("PRAGMA user_version").fetchone()[0] < version
                ):  # another process may have done it
                    MIGRATIONS[version](conn)
                    if version == 1:
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {version}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise


def _read_meta(conn: sqlite3.Connection) -> dict[str, bytes]:
    return {key: value for key, value in conn.execute("SELECT key, value FROM meta")}


def _init_meta(
    conn: sqlite3.Connection, path: Path, *, encrypt: bool, passphrase: str | None, kdf: crypto.KdfParams
) -> dict[str, bytes]:
    """Give a new store its id (and encryption header). Returns the meta table."""
    with _translated(path, "set up the draft store"):
        meta = _read_meta(conn)
        if "store_id" in meta:
            return meta
        conn.execute("BEGIN IMMEDIATE")
        try:
            meta = _read_meta(conn)
            if "store_id" not in meta:
                store_id = uuid.uuid4().hex
                rows: dict[str, bytes] = {
                    "store_id": store_id.encode(),
                    "created_at": _now().encode(),
                }
                if encrypt:
                    assert passphrase is not None
                    salt = crypto.new_salt()
                    master = crypto.Sealer(crypto.derive_master_key(passphrase, salt, kdf))
                    header = {"kdf": kdf.to_json(), "salt": salt.hex(), "cipher": "aes-256-gcm"}
                    rows["encryption"] = json.dumps(header).encode()
                    rows["key_check"] = crypto.make_key_check(master, store_id)
                conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(rows.items()))
                meta = rows
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
    return meta


def open_store(
    home: str | os.PathLike[str] | None = None,
    *,
    passphrase: str | None = None,
    create: bool = True,
    encrypt: bool = False,
    keep_drafts: int = DEFAULT_KEEP_DRAFTS,
    kdf: crypto.KdfParams | None = None,
    timeout: float = BUSY_TIMEOUT_SECONDS,
    _recovering: locks.InUseLock | None = None,
) -> Store:
    """Open (or create) the draft store in ``home`` (default ``$PSR_ASSIST_HOME``, else the user data folder).

    * ``encrypt=True`` makes a *new* store encrypted with ``passphrase`` (at least
      8 characters). An existing store keeps whatever it was created as; asking to encrypt
      an existing plain store is refused with a clear message.
    * An encrypted store needs ``passphrase``: ``None`` raises :class:`PassphraseRequired`
      (``.new_store`` tells whether to ask for a new one), a wrong one :class:`WrongPassphrase`.
    * ``create=False`` raises :class:`StoreNotFound` instead of creating a store.
    * ``keep_drafts``: how many draft revisions to keep per case (final revisions and the
      first revision of each new version are always kept).
    * ``kdf``: Argon2id cost for a *new* encrypted store (default :data:`crypto.DEFAULT_KDF`).
    * ``_recovering``: for ``recover`` only, which already holds the store-in-use lock
      exclusively (the store it opens then holds no lock of its own).
    """
    if keep_drafts < 1:
        raise ValueError("keep_drafts must be at least 1")
    root = resolve_home(home)
    check_home(root)
    _refuse_early(root, create=create, encrypt=encrypt, passphrase=passphrase)  # before any folder is made
    ensure_private_dir(root, create=create)
    in_use = _hold_in_use(root) if _recovering is None else None
    try:
        # Asked again under the lock: recover may have set the store aside since the first look.
        is_new = _refuse_early(root, create=create, encrypt=encrypt, passphrase=passphrase)
        return _open(root, root / STORE_FILE, is_new, passphrase, encrypt, keep_drafts, kdf, timeout, in_use)
    except BaseException:
        if in_use is not None:
            in_use.release()
        raise


def _refuse_early(root: Path, *, create: bool, encrypt: bool, passphrase: str | None) -> bool:
    """Whether the store would be new; raises when a new store is not wanted or cannot be made as asked."""
    is_new = not store_exists(root)
    if is_new and not create:
        raise StoreNotFound(f"There is no draft store in {root} yet.")
    if is_new and encrypt:
        if passphrase is None:
            raise PassphraseRequired("Choose a passphrase for the new encrypted draft store.", new_store=True)
        if len(passphrase) < crypto.MIN_PASSPHRASE_CHARS:
            raise StoreError(
                f"Choose a passphrase of at least {crypto.MIN_PASSPHRASE_CHARS} characters.",
                reason="the passphrase is too short",
            )
    return is_new


def _hold_in_use(root: Path) -> locks.InUseLock | None:
    """Hold the store-in-use lock (see :mod:`locks`); refuse while ``recover`` has the store.

    A folder where the lock cannot be made (read-only media) is opened without it.
    """
    locks_dir = root / LOCKS_DIR
    try:
        ensure_private_dir(locks_dir, create=True)
        held = locks.hold_in_use(locks_dir)
    except (OSError, StoreError):
        return None
    if held is None:
        raise LockedError(
            "The draft store is being rebuilt by 'psr-assist recover'. Wait for it to finish, then try again."
        )
    return held


def _open(
    root: Path,
    path: Path,
    is_new: bool,
    passphrase: str | None,
    encrypt: bool,
    keep_drafts: int,
    kdf: crypto.KdfParams | None,
    timeout: float,
    in_use: locks.InUseLock | None,
) -> Store:
    made: tuple[int, int] | None = None
    if is_new:
        with _translated(path, "create the draft store"):
            made = _make_exclusive(path)
        if made is None:
            is_new = False  # another window made it a moment ago: open theirs
    try:
        return _open_file(root, path, is_new, passphrase, encrypt, keep_drafts, kdf, timeout, in_use)
    except BaseException:
        if made is not None:
            # A new store that could not be made (a full disk) leaves no empty file behind, which
            # the next start would otherwise have to refuse as an emptied store. Only the file
            # this call made, and only while it is still empty.
            with contextlib.suppress(OSError):
                now = path.stat()
                if (now.st_dev, now.st_ino) == made and now.st_size == 0:
                    path.unlink()
        raise


def _make_exclusive(path: Path) -> tuple[int, int] | None:
    """Create the store file, owner-only, only if no one else has: its (device, inode), or None
    when it already exists."""
    try:
        fd = open_private(path, exclusive=True)
    except FileExistsError:
        if path.is_symlink():  # never follow a link to make the store somewhere else
            raise StoreError(
                f"The draft store {path} is a link to another place. Nothing was created.",
                reason="the store is a link",
            ) from None
        return None
    try:
        made = os.fstat(fd)
        return made.st_dev, made.st_ino
    finally:
        os.close(fd)


def _open_file(
    root: Path,
    path: Path,
    is_new: bool,
    passphrase: str | None,
    encrypt: bool,
    keep_drafts: int,
    kdf: crypto.KdfParams | None,
    timeout: float,
    in_use: locks.InUseLock | None,
) -> Store:
    if not is_new and os.name == "posix" and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(
            f"The draft store {path} cannot be opened: permission denied.", reason="permission denied"
        )
    if not is_new and _emptied(path):
        # SQLite would take an empty file for a new store and start one in it, without a word: the
        # drafts would look gone, and a store that was encrypted would go on in plain text.
        raise CorruptStoreError(
            f"The draft store {path} is an empty file (0 bytes), so the drafts it held cannot be read. "
            "It has been left unchanged. Put back a backup copy of it if you have one, or run "
            "'psr-assist recover' to set it aside and start a new store (with PSR_ASSIST_ENCRYPT=1 "
            "if your drafts were encrypted)."
        )
    tighten(path)
    if not is_new:
        _probe_read_only(path, timeout)
    conn = _connect(path, timeout)
    try:
        _check_is_ours(conn, path)
        with _translated(path, "open the draft store"):
            has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone() is not None
            encrypted_hint = (
                has_meta
                and conn.execute("SELECT 1 FROM meta WHERE key = 'encryption'").fetchone() is not None
            )
        _configure(conn, path, encrypted_hint or (is_new and encrypt))
        _migrate(conn, path)
        meta = _init_meta(
            conn, path, encrypt=encrypt and is_new, passphrase=passphrase, kdf=kdf or crypto.DEFAULT_KDF
        )
        for suffix in ("-wal", "-shm"):
            tighten(path.with_name(path.name + suffix))
        store_id = bytes(meta["store_id"]).decode("ascii", "replace")
        master: crypto.Sealer | None = None
        if "encryption" in meta:
            master = _unlock(meta, store_id, passphrase, path)
        elif encrypt and not is_new:
            raise StoreError(
                f"The draft store {path} was created without encryption. To encrypt your drafts, export each case "
                "with export-case, start a new encrypted store in another folder and import them.",
                reason="the draft store is not encrypted",
            )
        _configure(conn, path, master is not None)
        store = Store(conn, root, store_id=store_id, master=master, keep_drafts=keep_drafts)
        store._in_use = in_use
        return store
    except BaseException:
        conn.close()
        raise


EMPTIED_WAITS = 10
EMPTIED_WAIT_SECONDS = 0.05


def _emptied(path: Path) -> bool:
    """Whether the store file is empty, with nothing in its write-ahead log either. A new store
    is given its tables as it is made, so only damage (or a crash in that first moment) leaves
    one empty."""
    wal = path.with_name(path.name + "-wal")
    try:
        # Another window making a new store leaves it empty for a moment: give it that moment.
        for _ in range(EMPTIED_WAITS):
            if path.stat().st_size or (wal.exists() and wal.stat().st_size):
                return False
            time.sleep(EMPTIED_WAIT_SECONDS)
    except OSError:
        return False  # the open that follows says what is wrong
    return True


def _unlock(meta: dict[str, bytes], store_id: str, passphrase: str | None, path: Path) -> crypto.Sealer:
    try:
        header = json.loads(bytes(meta["encryption"]))
        params = crypto.KdfParams.from_json(header.get("kdf"))
        salt = bytes.fromhex(header["salt"])
        check = bytes(meta["key_check"])
    except (KeyError, ValueError, TypeError, AttributeError):
        raise CorruptStoreError(
            f"The encryption header of the draft store {path} is damaged. It has been left unchanged. {RECOVER_HINT}"
        ) from None
    if passphrase is None:
        raise PassphraseRequired("This draft store is encrypted: enter its passphrase.")
    master = crypto.Sealer(crypto.derive_master_key(passphrase, salt, params))
    if not crypto.key_check_ok(master, store_id, check):
        raise WrongPassphrase("That passphrase is not right for this draft store. Try again.")
    return master
