"""Errors shown to an officer: one plain line, no traceback, no case text."""

from __future__ import annotations

import traceback


class UserError(Exception):
    """A problem the officer can fix. ``str(exc)`` is the whole message; ``exit_code`` the code."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


def describe_unexpected(exc: BaseException) -> str:
    """Type and place of an unexpected error, never its message or local values.

    Exception messages can carry field values (pydantic, json, sqlite all quote input), so
    only the exception's class and the innermost frame inside psr_assist are reported.
    """
    place = "unknown place"
    tb = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(tb):
        if "psr_assist" in frame.filename:
            place = f"{frame.filename.rsplit('psr_assist', 1)[-1].lstrip('/')}:{frame.lineno} in {frame.name}"
            break
    return (
        f"psr-assist: unexpected error ({type(exc).__name__} at psr_assist/{place}). "
        "Your saved drafts are safe. Please report this message (it contains no case details)."
    )
