"""The draft store: never loses a keystroke, never leaks a word.

Where drafts live
-----------------
One SQLite file, ``drafts.sqlite3``, in the psr-assist data folder:

* ``$PSR_ASSIST_HOME`` if set (tests and scripts always set it), otherwise
* the per-user data folder from platformdirs: ``~/.local/share/psr-assist`` on Linux,
  ``~/Library/Application Support/psr-assist`` on macOS, ``%LOCALAPPDATA%\\psr-assist`` on
  Windows.

The folder is made owner-only (0700) and the store file, its ``-wal`` and ``-shm``
companions and the per-case lock files are owner-only (0600), whatever the umask. Keep the
folder on a local disk (SQLite's write-ahead log does not work on network shares).

What a save promises
--------------------
* Every save is a new revision written in one SQLite transaction (WAL, ``synchronous=FULL``):
  after a crash, a kill or a power cut the store holds exactly the last committed revision —
  never half of one. ``scripts/crash_harness.py`` kills a writer hundreds of times to prove it.
* A save names the revision it was based on; if another window saved since, the save is
  refused (:class:`ConflictError`) — a newer revision is never silently overwritten.
* The last 50 drafts of each case are kept (``keep_drafts``), plus every finalised revision
  and the first revision of every new version, forever.
* A finalised report cannot be changed (:class:`FinalisedError`); ``new_version`` unlocks
  it as the next version with a reason, and the final revision stays retrievable.
* One window edits a case at a time (:meth:`Store.acquire_edit_lock`); a second window gets
  ``None`` and opens the case read-only. A lock dies with its process.
* A damaged store is never written to: opening it raises :class:`CorruptStoreError` (whose
  message says to run ``psr-assist recover``) and :func:`recover_store` sets it aside
  (renamed, byte for byte) and rescues what it can read into a fresh store.
* A new version's reason is at most :data:`MAX_REASON_LENGTH` characters; a longer one is
  refused, never cut.

Encryption at rest (opt-in, per store)
--------------------------------------
``open_store(encrypt=True, passphrase=...)`` on a new store (CLI: ``PSR_ASSIST_ENCRYPT=1``)
makes an encrypted store: every revision, the case list summary and any version reason are
sealed with AES-256-GCM under a per-case key, wrapped by a key derived from the passphrase
with Argon2id (about 0.3 s, once per run; details and measurements in
:mod:`psr_assist.store.crypto`). Deleting a case destroys its key. Case ids, dates, revision
numbers and status stay readable.

* **A lost passphrase means lost drafts.** There is no recovery and no back door.
* **Full-disk encryption is still expected** (ICO, NCSC): the store's encryption protects
  against other accounts, backups, sync tools and stray copies, not against a stolen
  unlocked laptop, and deleted data can linger in disk blocks.
* Scripts may pass the passphrase in ``PSR_ASSIST_PASSPHRASE``; people should type it (the
  CLI asks once per run with no echo). Environment variables can be read by other programs
  running as the same user, so do not put it in shell start-up files.

No leaks
--------
Errors from this package are one line with no case text (paths, case ids and revision
numbers only). Nothing here logs. SQLite keeps temporary data in memory, never in temp files.
"""

from psr_assist.store.db import (
    DEFAULT_KEEP_DRAFTS,
    MAX_REASON_LENGTH,
    SCHEMA_VERSION,
    CaseSummary,
    RevisionInfo,
    Store,
    open_store,
)
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
    NothingToRecover,
    PassphraseRequired,
    RevisionNotFound,
    StoreError,
    StoreNotFound,
    UnreadableRevision,
    WrongPassphrase,
)
from psr_assist.store.home import HOME_ENV, resolve_home
from psr_assist.store.locks import EditLock, LockHolder
from psr_assist.store.recover import RecoveryResult, RescuedCase, recover_store

__all__ = [
    "DEFAULT_KEEP_DRAFTS",
    "HOME_ENV",
    "MAX_REASON_LENGTH",
    "RECOVER_HINT",
    "SCHEMA_VERSION",
    "CaseExistsError",
    "CaseNotFound",
    "CaseSummary",
    "ConflictError",
    "CorruptStoreError",
    "DiskFullError",
    "EditLock",
    "FinalisedError",
    "LockHolder",
    "LockedError",
    "NewerStoreError",
    "NotFinalError",
    "NothingToRecover",
    "PassphraseRequired",
    "RecoveryResult",
    "RescuedCase",
    "RevisionInfo",
    "RevisionNotFound",
    "Store",
    "StoreError",
    "StoreNotFound",
    "UnreadableRevision",
    "WrongPassphrase",
    "open_store",
    "recover_store",
    "resolve_home",
]
