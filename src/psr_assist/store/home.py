"""Where the drafts live, and keeping that folder private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from psr_assist.store.errors import StoreError

HOME_ENV = "PSR_ASSIST_HOME"
STORE_FILE = "drafts.sqlite3"
LOCKS_DIR = "locks"


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """``home`` if given, else ``$PSR_ASSIST_HOME``, else the per-user data folder.

    The per-user folder comes from platformdirs: ``~/.local/share/psr-assist`` on Linux
    (``$XDG_DATA_HOME`` respected), ``~/Library/Application Support/psr-assist`` on macOS,
    ``%LOCALAPPDATA%\\psr-assist`` on Windows.
    """
    if home is not None:
        return Path(home).expanduser()
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("psr-assist", appauthor=False))


def _cannot_use(home: Path, exc: OSError) -> StoreError:
    if isinstance(exc, PermissionError):
        return StoreError(
            f"The psr-assist data folder {home} cannot be used: permission denied. "
            f"Give yourself access to it or set {HOME_ENV} to a folder of your own.",
            reason="permission denied",
        )
    return StoreError(
        f"The psr-assist data folder {home} cannot be used ({exc.strerror or 'input/output error'})."
    )


def check_home(home: Path) -> None:
    """Refuse a data location that is there but is not a folder (or cannot be looked at).

    Runs before "is there a store?", even when nothing is to be created: a file where the folder
    should be must not look like an empty store ("No cases saved yet").
    """
    try:
        info = os.stat(home)
    except FileNotFoundError:
        return  # not there yet: created when a store is, reported as "no store" otherwise
    except NotADirectoryError:
        raise StoreError(
            f"The psr-assist data location {home} cannot be used: part of that path is a file, not a folder. "
            f"Set {HOME_ENV} to a folder.",
            reason="the data folder is a file",
        ) from None
    except OSError as exc:
        raise _cannot_use(home, exc) from None
    except ValueError:
        raise StoreError(f"The psr-assist data folder {home!s} is not a usable folder name.") from None
    if not stat.S_ISDIR(info.st_mode):
        what = "a file, not a folder" if stat.S_ISREG(info.st_mode) else "not a folder"
        raise StoreError(
            f"The psr-assist data location {home} is {what}. Move it away or set {HOME_ENV} to a folder.",
            reason="the data folder is not a folder",
        )


def store_exists(home: Path) -> bool:
    """Whether ``home`` holds a store file; a folder that cannot be looked into is a :class:`StoreError`.

    ``Path.exists`` would raise ``PermissionError`` for a folder without access (mode 000, or
    another user's), which must be one clear line, never mistaken for "no store yet".
    """
    try:
        os.stat(home / STORE_FILE)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise _cannot_use(home, exc) from None
    except ValueError:  # a path the operating system cannot represent (a NUL byte)
        raise StoreError(f"The psr-assist data folder {home!s} is not a usable folder name.") from None
    return True


def ensure_private_dir(path: Path, *, create: bool) -> bool:
    """Make sure ``path`` is a folder only its owner can use (0700). Returns False if absent and not created."""
    try:
        if not path.exists():
            if not create:
                return False
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.is_dir():
            raise StoreError(
                f"The psr-assist data location {path} is not a folder. Move that file away or set {HOME_ENV}."
            )
        if os.name == "posix":
            info = path.stat()
            if stat.S_IMODE(info.st_mode) & 0o077:
                if info.st_uid != os.getuid():
                    raise StoreError(
                        f"The psr-assist data folder {path} belongs to another user and others can use it. "
                        f"Set {HOME_ENV} to a folder of your own."
                    )
                os.chmod(path, 0o700)
    except StoreError:
        raise
    except PermissionError:
        raise StoreError(f"The psr-assist data folder {path} cannot be used: permission denied.") from None
    except OSError as exc:
        raise StoreError(
            f"The psr-assist data folder {path} cannot be used ({exc.strerror or 'input/output error'})."
        ) from None
    return True


def case_digest(case_id: str, purpose: str, length: int) -> str:
    """A case's id as a file name or a key outside the store (its lock file, the step it was left
    at): a digest, so an id made from a name is never written in plain. ``purpose`` keeps the
    digests of different uses apart."""
    import hashlib

    return hashlib.sha256(f"psr-assist {purpose}|{case_id}".encode()).hexdigest()[:length]


def open_private(path: Path, *, exclusive: bool = False) -> int:
    """Open ``path`` for reading and writing, made owner-only (0600) if it is new and tightened
    if it is not; never through a link. ``exclusive``: only if it does not exist yet (else
    :class:`FileExistsError`). The caller closes the descriptor."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | (os.O_EXCL if exclusive else 0), 0o600)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, 0o600)
        except OSError:
            pass
    return fd


def tighten(path: Path) -> None:
    """chmod 0600 if the file exists (SQLite's -wal and -shm files)."""
    try:
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError:
        pass
