"""Writing a finished document to disk, atomically and for the officer's eyes only.

The document is rendered to memory first, then written to a hidden temporary file in the
target folder (mode 0600), flushed and fsynced, and moved into place in one step: a crash or a
full disk leaves either the old file or the new one, never half a report. An existing file is
never replaced unless the caller says so (``force=True``); without it the final step is a hard
link, which fails if a file of that name appeared in the meantime.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from psr_assist.errors import UserError


class OutputExistsError(UserError):
    """The output file exists and ``force`` was not given. Exit code 1."""

    exit_code = 1


class OutputWriteError(UserError):
    """The output file could not be written (permission denied, disk full). Exit code 1."""

    exit_code = 1


class OutputPlaceError(OutputWriteError):
    """The output names a folder, or a folder that does not exist: the command line needs
    another path, so, like any input that cannot be used, exit code 2."""

    exit_code = 2


def check_target(path: str | os.PathLike[str], *, force: bool = False, example: str = "report.docx") -> Path:
    """Refuse, before any work is done, a file that cannot be written: a folder, a folder that
    does not exist, or (without ``force``) a file that is already there. ``example`` is the kind
    of file name suggested when a folder was given. Raises the errors above."""
    path = Path(path)
    name = path.name or str(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise _folder(name, example)
    if not directory.is_dir():
        raise OutputPlaceError(f"The folder for {name} does not exist. Create it first or choose another folder.")
    if not force and (path.exists() or path.is_symlink()):
        raise _exists(name)
    return path


def _folder(name: str, example: str) -> OutputPlaceError:
    return OutputPlaceError(f"{name} is a folder. Give a file name, such as {example}.")


def _exists(name: str) -> OutputExistsError:
    return OutputExistsError(f"{name} already exists. Choose another file name, or use --force to replace it.")


def write_bytes_atomic(
    data: bytes, path: str | os.PathLike[str], *, force: bool = False, example: str = "report.docx"
) -> Path:
    """Write ``data`` to ``path`` atomically (mode 0600). Raises the errors above, never a traceback.

    The recipe itself is :func:`psr_assist.atomic.write_atomic`, shared with the draft store;
    this adds the officer's words for each way it can fail.
    """
    import errno

    from psr_assist.atomic import write_atomic

    path = check_target(path, force=force, example=example)
    name = path.name
    try:
        return write_atomic(path, data, overwrite=force)
    except FileExistsError:  # the name was taken between the check above and the final link
        raise _exists(name) from None
    except IsADirectoryError:  # a folder of that name appeared meanwhile
        raise _folder(name, example) from None
    except PermissionError:
        raise OutputWriteError(f"Cannot write {name}: permission denied in that folder.") from None
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or "input/output error")
        raise OutputWriteError(f"Cannot write {name} ({reason}).") from None


def document_bytes(document) -> bytes:
    """Serialise a python-docx document in memory."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(document, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Save a python-docx document to ``path`` atomically, mode 0600; refuse to overwrite unless ``force``."""
    return write_bytes_atomic(document_bytes(document), path, force=force)
