"""Writing a whole file so that a crash leaves either the old file or the new one, never half.

The recipe (research §3.2): a temporary file in the *same folder* (``mkstemp``: exclusive,
mode 0600), write, flush, ``fsync``, then ``os.replace`` (or ``os.link`` when the target must
not be overwritten), then ``fsync`` the folder. On any error the temporary file is removed, so
no plaintext copy is left behind. A temporary file can only survive a hard kill in the middle
of the write; those are named ``.<target>.<random>.psr-tmp`` and removed by the next write to
the same target once they are older than :data:`STALE_TEMP_SECONDS`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".psr-tmp"
STALE_TEMP_SECONDS = 600


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(target: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files left by a killed write to ``target``; returns how many."""
    removed = 0
    cutoff = time.time() - older_than
    try:
        candidates = list(target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"))
    except OSError:
        return 0
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_atomic(target: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``target`` atomically with mode 0600.

    Raises ``FileExistsError`` when the target exists and ``overwrite`` is false (checked
    atomically: the new file is linked into place, which fails if the name is taken),
    ``IsADirectoryError`` when the target is a folder, and ``OSError`` for other failures.
    """
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(target)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=TEMP_SUFFIX)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise
            except OSError as exc:
                # Filesystems without hard links (some USB sticks, network shares): check, then replace.
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                if os.path.lexists(target):
                    raise FileExistsError(errno.EEXIST, "already exists", str(target)) from None
                os.replace(tmp, target)
            else:
                tmp.unlink()
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        _fsync_dir(folder)
    return target
