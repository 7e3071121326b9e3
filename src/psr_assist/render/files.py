"""Writing a finished document to disk, atomically and for the officer's eyes only.

The document is rendered to memory first, then written to a hidden temporary file in the
target folder (mode 0600), flushed and fsynced, and moved into place in one step: a crash or a
full disk leaves either the old file or the new one, never half a report. An existing file is
never replaced unless the caller says so (``force=True``); without it the final step is a hard
link, which fails if a file of that name appeared in the meantime.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from psr_assist.errors import UserError


class OutputExistsError(UserError):
    """The output file exists and ``force`` was not given. Exit code 1."""

    exit_code = 1


class OutputWriteError(UserError):
    """The output file could not be written (folder missing, permission denied, disk full)."""

    exit_code = 1


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(data: bytes, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (mode 0600). Raises the errors above, never a traceback."""
    path = Path(path)
    name = path.name
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputWriteError(f"{name} is a folder. Give a file name for the report, such as report.docx.")
    if not directory.is_dir():
        raise OutputWriteError(f"The folder for {name} does not exist. Create it first or choose another folder.")
    if not force and (path.exists() or path.is_symlink()):
        raise OutputExistsError(f"{name} already exists. Choose another file name, or use --force to replace it.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    except PermissionError:
        raise OutputWriteError(f"Cannot write {name}: permission denied in that folder.") from None
    except OSError as exc:
        raise OutputWriteError(f"Cannot write {name} ({exc.strerror or 'input/output error'}).") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the name was taken since the check above
            except FileExistsError:
                raise OutputExistsError(
                    f"{name} already exists. Choose another file name, or use --force to replace it."
                ) from None
            except OSError:
                # Filesystems without hard links: fall back to a rename after a last check.
                if path.exists():
                    raise OutputExistsError(
                        f"{name} already exists. Choose another file name, or use --force to replace it."
                    ) from None
                os.replace(tmp, path)
    except UserError:
        raise
    except OSError as exc:
        raise OutputWriteError(f"Cannot write {name} ({exc.strerror or 'input/output error'}).") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_dir(directory)
    return path


def document_bytes(document) -> bytes:
    """Serialise a python-docx document in memory."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(document, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Save a python-docx document to ``path`` atomically, mode 0600; refuse to overwrite unless ``force``."""
    return write_bytes_atomic(document_bytes(document), path, force=force)
