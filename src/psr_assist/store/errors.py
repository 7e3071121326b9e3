"""What can go wrong with the draft store, in words an officer understands.

Every error's ``str()`` is one line that is safe to show: it never contains a field value
from a case (names, narratives), only paths, case ids and revision numbers. ``reason`` is a
short lower-case phrase for the save indicator ("Not saved: the disk is full").
"""

from __future__ import annotations

#: The way out of a damaged store, appended to every "damaged" message so the officer knows what to run.
RECOVER_HINT = "Run 'psr-assist recover' to rescue the drafts into a new store."


class StoreError(Exception):
    """The draft store could not do what was asked. ``str()`` is one safe line."""

    reason = "the draft store could not be used"

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class StoreNotFound(StoreError):
    """``open_store(create=False)`` found no store."""

    reason = "there is no draft store yet"


class CorruptStoreError(StoreError):
    """The store file is damaged or is not a psr-assist store. It has been left exactly as it was."""

    reason = "the draft store is damaged"


class NothingToRecover(StoreError):
    """``recover_store`` found the store sound (every case's latest revision reads): nothing was changed."""

    reason = "the draft store is not damaged"


class NewerStoreError(StoreError):
    """The store was written by a newer psr-assist."""

    reason = "the draft store was made by a newer psr-assist"


class LockedError(StoreError):
    """The store file is busy: another program holds a write lock on it for too long."""

    reason = "the draft store is busy in another window"


class DiskFullError(StoreError):
    reason = "the disk is full"


class PassphraseRequired(StoreError):
    """The store is encrypted (or is to be created encrypted) and no passphrase was given.

    ``new_store`` is true when the store does not exist yet: ask for a new passphrase twice.
    """

    reason = "the passphrase is needed"

    def __init__(self, message: str, *, new_store: bool = False) -> None:
        super().__init__(message)
        self.new_store = new_store


class WrongPassphrase(StoreError):
    reason = "the passphrase is not right"


class CaseNotFound(StoreError):
    reason = "this case is no longer in the draft store"


class CaseExistsError(StoreError):
    reason = "a case with this id already exists"


class RevisionNotFound(StoreError):
    reason = "that revision is no longer kept"


class ConflictError(StoreError):
    """A newer revision was saved elsewhere; the save was refused so nothing was overwritten."""

    reason = "a newer version was saved elsewhere"

    def __init__(self, message: str, *, latest: int | None = None) -> None:
        super().__init__(message)
        self.latest = latest


class FinalisedError(StoreError):
    """The case is finalised: start a new version to change it."""

    reason = "this report is final"


class NotFinalError(StoreError):
    reason = "this report is not final"


class UnreadableRevision(StoreError):
    """A stored revision cannot be turned back into a case (damaged, or a format this version cannot read)."""

    reason = "this draft cannot be read"
