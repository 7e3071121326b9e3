"""One editor per case: an advisory lock file per case, like Vim's swap file but without text.

The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
``<home>/locks/<hash of the case id>.lock``. The operating system drops it when the holding
process ends for any reason, including ``SIGKILL`` or a power cut, so a lock left by a dead
process is simply taken over: there is nothing stale to clean up. The file holds only the
holder's process id while it is held (so the other window can say who has it) and is never
deleted (deleting lock files races with other openers). Lock files carry no case text and the
case id is hashed into the name.

Locks are per open file, so two ``Store`` objects in one process also exclude each other.

Beside the per-case locks, every open store holds a *shared* lock on ``<home>/locks/store.in-use``
for as long as it is open, and ``psr-assist recover`` takes that lock *exclusively* while it
checks for users and sets the damaged store aside: a window left open on the case list would
otherwise go on writing into the file recover moved away. (Windows has no shared file locks,
so there the per-case locks alone guard recover.)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from psr_assist.store.home import case_digest, open_private

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

    def _try_shared(fd: int) -> bool:
        return True  # Windows has no shared file locks: the store-in-use lock is not kept there

else:
    import fcntl

    def _try_flock(fd: int, kind: int) -> bool:
        try:
            fcntl.flock(fd, kind | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _try_lock(fd: int) -> bool:
        return _try_flock(fd, fcntl.LOCK_EX)

    def _try_shared(fd: int) -> bool:
        return _try_flock(fd, fcntl.LOCK_SH)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(locks_dir: Path, case_id: str) -> Path:
    return locks_dir / f"{case_digest(case_id, 'lock', 32)}.lock"


def _open_lock_file(path: Path) -> int:
    return open_private(path)


#: What an officer is told when another window has the case.
OPEN_ELSEWHERE = "This case is open in another psr-assist window."


@dataclass(frozen=True)
class LockHolder:
    """Who holds a case's edit lock: only a process id, never anything from the case."""

    pid: int | None

    def describe(self) -> str:
        """For the officer: the process id means nothing to them, so it is not in the words."""
        return OPEN_ELSEWHERE


class _HeldLock:
    """A file lock held through an open file; ``release()`` (or leaving a ``with`` block) lets it go."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd
        self._pid = os.getpid()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _before_release(self, fd: int) -> None:
        """What the lock leaves in its file when it goes (nothing by default)."""

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            # A forked child shares the parent's lock: it only closes its copy, which leaves
            # the parent's lock (and the process id in the file) as they are.
            if os.getpid() == self._pid:
                self._before_release(fd)
                _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # a forgotten lock must not outlive its owner object
        try:
            self.release()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


class EditLock(_HeldLock):
    """Held while one window edits a case."""

    def __init__(self, case_id: str, path: Path, fd: int) -> None:
        super().__init__(fd)
        self.case_id = case_id
        self.path = path

    def _before_release(self, fd: int) -> None:
        try:
            os.ftruncate(fd, 0)  # the holder's process id goes with the lock
        except OSError:
            pass

    def __repr__(self) -> str:
        return f"EditLock(case_id={self.case_id!r}, held={self.held})"


def try_acquire(locks_dir: Path, case_id: str) -> EditLock | None:
    path = lock_path(locks_dir, case_id)
    fd = _open_lock_file(path)
    if not _try_lock(fd):
        os.close(fd)
        return None
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass  # the pid is only a courtesy for the other window's message
    return EditLock(case_id, path, fd)


def holder(locks_dir: Path, case_id: str) -> LockHolder | None:
    """Who holds the lock now, or None when nobody does."""
    path = lock_path(locks_dir, case_id)
    if not path.exists():
        return None
    probe = try_acquire(locks_dir, case_id)
    if probe is not None:
        probe.release()
        return None
    pid: int | None = None
    try:
        with open(path, "rb") as fh:
            text = fh.read(32).decode("ascii", "replace").strip()
        pid = int(text) if text.isdigit() else None
    except OSError:
        pass
    return LockHolder(pid)


def live_holders(locks_dir: Path) -> list[LockHolder]:
    """Every edit lock in ``locks_dir`` that a running process holds now (any case)."""
    try:
        paths = sorted(locks_dir.glob("*.lock"))
    except OSError:
        return []
    found: list[LockHolder] = []
    for path in paths:
        try:
            fd = _open_lock_file(path)
        except OSError:
            continue
        try:
            if _try_lock(fd):
                _unlock(fd)
                continue
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                text = os.read(fd, 32).decode("ascii", "replace").strip()
            except OSError:
                text = ""
            found.append(LockHolder(int(text) if text.isdigit() else None))
        finally:
            os.close(fd)
    return found


#: Held shared by every open store, exclusively by ``recover`` while it moves the store aside.
IN_USE_FILE = "store.in-use"


class InUseLock(_HeldLock):
    """The store-in-use lock, shared (an open store) or exclusive (recover)."""


def _take_in_use(locks_dir: Path, exclusive: bool) -> InUseLock | None:
    fd = _open_lock_file(locks_dir / IN_USE_FILE)
    try:
        taken = _try_lock(fd) if exclusive else _try_shared(fd)
    except BaseException:  # no locks on this file system (ENOLCK), an interrupt: never leak the file
        os.close(fd)
        raise
    if not taken:
        os.close(fd)
        return None
    return InUseLock(fd)


def hold_in_use(locks_dir: Path) -> InUseLock | None:
    """Say "this store is open" for as long as the returned lock is held; None while recover runs."""
    return _take_in_use(locks_dir, exclusive=False)


def take_for_recovery(locks_dir: Path) -> InUseLock | None:
    """The store to oneself (no store is open anywhere), or None while one is."""
    return _take_in_use(locks_dir, exclusive=True)
