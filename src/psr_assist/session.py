"""One open case, as the app edits it: the case, its revision, its save state and its findings.

Pure Python (no Textual), so the wizard, tests and scripts share it. The app:

* edits ``session.case`` in place and calls :meth:`CaseSession.mark_changed`;
* calls :meth:`CaseSession.save_now` about a second after the last change, and at every field
  exit, step change and quit (a save with nothing new is free: it compares bytes). The
  autosave timer passes ``wait=AUTOSAVE_WAIT_SECONDS`` so a store kept busy by another program
  never freezes the screen (the save is "not saved: the draft store is busy" and the next
  autosave tries again); quit and explicit saves keep the default, the store's 5 s;
* shows ``state`` / ``last_error`` / ``read_only_reason`` truthfully (see :meth:`status_text`);
* calls :meth:`CaseSession.close` on quit (final save, lock released).

``save_now`` never raises for storage problems: it records ``state = "not_saved"`` and a
one-line ``last_error`` an officer understands ("Not saved: the disk is full"). It is
synchronous and takes about a millisecond for a case with 200 KB of narrative; call it on the
UI thread.

For the app's crash handler, :func:`crash_report` tries one last save and returns text that
names only the error's type and code locations: never its message, never local values.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from psr_assist.domain.case import Case, ReportStatus, SignOff
from psr_assist.domain.findings import Finding, has_blockers
from psr_assist.store.errors import CaseNotFound, ConflictError, FinalisedError, LockedError, StoreError
from psr_assist.store.locks import OPEN_ELSEWHERE

if TYPE_CHECKING:
    from psr_assist.store.db import Store
    from psr_assist.store.locks import EditLock

SaveState = Literal["saved", "saving", "not_saved"]

#: How long an autosave queues behind another program writing to the store before giving up.
AUTOSAVE_WAIT_SECONDS = 0.2
BUSY_REASON = "the draft store is busy"

FINAL_REASON = "This report is final. To change it, start a new version and give the reason."
CONFLICT_REASON = (
    "A newer version of this case was saved in another psr-assist window, so this copy is read-only. "
    "Keep your changes as a copy, or close this case and open it again."
)
DELETED_REASON = (
    "This case was deleted in another psr-assist window. Keep your changes as a copy to save them."
)


def _encode(case: Case) -> bytes:
    from psr_assist.store.db import encode_case

    return encode_case(case)


class CaseSession:
    """The case being edited in one window. Construct with :meth:`open` or :meth:`new`."""

    def __init__(
        self,
        store: Store,
        case: Case,
        revision: int,
        *,
        lock: EditLock | None,
        read_only_reason: str | None = None,
    ) -> None:
        self.store = store
        self.case = case
        self.revision = revision
        self.lock = lock
        self.read_only = read_only_reason is not None
        self.read_only_reason = read_only_reason
        self.dirty = False
        self.state: SaveState = "saved"
        self.last_error: str | None = None
        self.last_saved_at: dt.datetime | None = None
        self.findings: list[Finding] = []
        self.closed = False
        self._saved_body = _encode(case)
        self._started_revision: int | None = None  # a case started here (new): its first revision
        self.discarded = False  # deleted on close, never written in (close(discard_untouched=True))
        self.refresh_findings()

    # ------------------------------------------------------------------ constructors

    @classmethod
    def open(cls, store: Store, case_id: str) -> CaseSession:
        """Open the latest revision. Read-only (with the reason) when another window has it or it is final.

        Raises :class:`StoreError` (one line) when the case cannot be loaded.
        """
        try:
            lock = store.acquire_edit_lock(case_id)
            lock_problem = None
        except StoreError as exc:
            lock, lock_problem = (
                None,
                f"This case cannot be locked for editing ({exc.reason}), so it is shown read-only.",
            )
        try:
            case, revision = store.load(case_id)
            status = store.summary(case_id).status
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        reason: str | None = None
        if lock is None:
            if lock_problem:
                reason = lock_problem
            else:
                reason = f"{OPEN_ELSEWHERE} It is shown read-only here: close it there to edit it here."
        elif status == "final":
            reason = FINAL_REASON
        return cls(store, case, revision, lock=lock, read_only_reason=reason)

    @classmethod
    def new(cls, store: Store, case: Case | None = None) -> CaseSession:
        """Store a new case (revision 1) and open it for editing."""
        case = case if case is not None else Case()
        revision = store.create(case)
        lock = store.acquire_edit_lock(case.id)
        reason = None
        if lock is None:  # pragma: no cover - a brand-new id cannot be open elsewhere
            reason = f"{OPEN_ELSEWHERE} It is shown read-only here."
        elif case.sign_off.status is ReportStatus.FINAL:
            reason = FINAL_REASON
        session = cls(store, case, revision, lock=lock, read_only_reason=reason)
        session._started_revision = revision
        return session

    # ------------------------------------------------------------------ state

    @property
    def case_id(self) -> str:
        return self.case.id

    def status_text(self) -> str:
        """What a save indicator should say, truthfully."""
        if self.state == "saving":
            return "Saving…"
        if self.last_error:
            return self.last_error
        if self.state == "not_saved":
            return "Changes not saved yet"
        if self.read_only:
            return "Read-only"
        return "Saved"

    def mark_changed(self) -> None:
        """The officer changed something: it will be saved by the next ``save_now``."""
        if self.closed:
            return
        self.dirty = True
        if self.state == "saved":
            self.state = "not_saved"

    def refresh_findings(self, today: dt.date | None = None) -> list[Finding]:
        from psr_assist.domain.check import check_case

        self.findings = check_case(self.case, today)
        return self.findings

    # ------------------------------------------------------------------ saving

    def _not_saved(self, reason: str) -> bool:
        self.state = "not_saved"
        self.last_error = f"Not saved: {reason}"
        return False

    def _go_read_only(self, reason: str) -> None:
        self.read_only = True
        self.read_only_reason = reason

    def save_now(self, *, wait: float | None = None) -> bool:
        """Save if anything changed. True when the store now holds exactly ``case``; never raises for storage errors.

        ``wait``: the longest this save queues (seconds) while another program holds the store;
        ``None`` keeps the store's busy timeout (5 s), right for quit and explicit saves. The
        autosave timer passes :data:`AUTOSAVE_WAIT_SECONDS`. A store still busy after that
        leaves ``state == "not_saved"`` with "Not saved: the draft store is busy"; the text
        stays in memory, marked unsaved, and the next ``save_now`` tries again.
        """
        try:
            body = _encode(self.case)
        except Exception as exc:  # noqa: BLE001 - a bug must not take the officer's text with it
            return self._not_saved(f"an unexpected error ({type(exc).__name__})")
        if body == self._saved_body:
            self.dirty = False
            self.state = "saved"
            self.last_error = None
            return True
        if self.closed:
            return self._not_saved("the case has been closed")
        if self.read_only:
            if self.read_only_reason == FINAL_REASON:
                return self._not_saved("this report is final")
            if self.read_only_reason in (CONFLICT_REASON, DELETED_REASON):
                return self._not_saved(
                    "a newer version was saved elsewhere"
                    if self.read_only_reason == CONFLICT_REASON
                    else "this case was deleted elsewhere"
                )
            return self._not_saved("this case is read-only here")
        self.state = "saving"
        try:
            revision = self.store.save_encoded(self.case, body, self.revision, wait=wait)
        except LockedError:
            return self._not_saved(BUSY_REASON)
        except ConflictError:
            self._go_read_only(CONFLICT_REASON)
            return self._not_saved("a newer version was saved elsewhere")
        except FinalisedError:
            self._go_read_only(FINAL_REASON)
            return self._not_saved("this report is final")
        except CaseNotFound:
            self._go_read_only(DELETED_REASON)
            return self._not_saved("this case was deleted elsewhere")
        except StoreError as exc:
            return self._not_saved(exc.reason)
        except Exception as exc:  # noqa: BLE001 - keep the app (and the text in memory) alive
            return self._not_saved(f"an unexpected error ({type(exc).__name__})")
        self.revision = revision
        self._saved_body = body
        self.dirty = False
        self.state = "saved"
        self.last_error = None
        self.last_saved_at = dt.datetime.now(dt.UTC)
        return True

    def emergency_save(self) -> bool:
        """Last-chance save for a crash handler: never raises anything."""
        try:
            return self.save_now()
        except BaseException:  # noqa: BLE001
            return False

    def keep_as_copy(self) -> str | None:
        """Save the text in memory as a new case (new id, sign-off cleared) and carry on editing that.

        For when this copy became read-only because of a conflict or a deletion elsewhere.
        Returns the new case id, or None (with ``last_error`` set) if even that failed.
        """
        copy = self.case.model_copy(deep=True)
        from psr_assist.store.db import _new_case_id

        copy.id = _new_case_id()
        copy.sign_off = SignOff()
        try:
            revision = self.store.create(copy)
            lock = self.store.acquire_edit_lock(copy.id)
        except StoreError as exc:
            self._not_saved(exc.reason)
            return None
        if self.lock is not None:
            self.lock.release()
        self.case, self.revision, self.lock = copy, revision, lock
        self._started_revision = None  # the copy holds the text kept: never discarded as untouched
        self.read_only, self.read_only_reason = (
            lock is None,
            None if lock else "This copy could not be locked.",
        )
        self._saved_body = _encode(copy)
        self.dirty, self.state, self.last_error = False, "saved", None
        self.last_saved_at = dt.datetime.now(dt.UTC)
        self.refresh_findings()
        return copy.id

    # ------------------------------------------------------------------ finalise / new version

    def finalise(self, *, allow_blockers: bool = False) -> bool:
        """Save, then lock the report as final. False (with ``last_error``) when it cannot be.

        Refuses while the check reports blockers unless ``allow_blockers``.
        """
        if self.read_only:
            self.last_error = f"Not finalised: {self.read_only_reason or 'this case is read-only here'}"
            return False
        if not allow_blockers and has_blockers(self.refresh_findings()):
            count = sum(1 for f in self.findings if f.severity == "blocker")
            self.last_error = f"Not finalised: fix the {count} problem{'s' if count != 1 else ''} the check marks as must-fix first."
            return False
        if not self.save_now():
            return False
        try:
            self.revision = self.store.finalise(self.case_id, self.revision)
            self.case, self.revision = self.store.load(self.case_id)
        except ConflictError:
            self._go_read_only(CONFLICT_REASON)
            self.last_error = "Not finalised: a newer version was saved elsewhere"
            return False
        except StoreError as exc:
            self.last_error = f"Not finalised: {exc.reason}"
            return False
        self._saved_body = _encode(self.case)
        self._go_read_only(FINAL_REASON)
        self.dirty, self.state, self.last_error = False, "saved", None
        self.last_saved_at = dt.datetime.now(dt.UTC)
        self.refresh_findings()
        return True

    def start_new_version(self, reason: str) -> bool:
        """Unlock a final report as its next version (the final one stays in the history)."""
        if self.lock is None:
            self.last_error = "Not unlocked: this case is open in another window"
            return False
        try:
            case, revision = self.store.new_version(self.case_id, reason)
        except StoreError as exc:
            self.last_error = str(exc)
            return False
        self.case, self.revision = case, revision
        self._saved_body = _encode(case)
        self.read_only, self.read_only_reason = False, None
        self.dirty, self.state, self.last_error = False, "saved", None
        self.refresh_findings()
        return True

    # ------------------------------------------------------------------ closing

    def _untouched(self) -> bool:
        """A case started here (:meth:`new`), never saved since, holding what it started with."""
        return (
            self._started_revision is not None
            and not self.read_only
            and self.lock is not None
            and self.state == "saved"
            # Every save, a new version or a kept copy makes a new revision: one still at its
            # first holds what it started with, and nothing saved since can be lost with it.
            and self.revision == self._started_revision
        )

    def close(self, *, discard_untouched: bool = False) -> bool:
        """Final save and release the edit lock. True when nothing typed is left unsaved.

        ``discard_untouched``: a case started here (:meth:`new`) and never saved since, still
        holding only what it started with, is deleted instead (before its lock is let go, so no
        other window can have opened it): a new case left without a word written should not sit
        in the case list as a nameless draft. :attr:`discarded` says whether it was.
        """
        if self.closed:
            return self.state == "saved"
        ok = self.save_now()
        if discard_untouched and ok and self._untouched():
            try:
                self.store.delete(self.case_id)
                self.discarded = True
            except StoreError:
                pass  # kept: an empty draft is harmless, and the list can delete it
        self.closed = True
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        return ok

    def __repr__(self) -> str:  # never the case's contents
        return f"CaseSession(case_id={self.case_id!r}, revision={self.revision}, state={self.state!r}, read_only={self.read_only})"
