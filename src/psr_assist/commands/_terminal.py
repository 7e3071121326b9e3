"""What the app commands (open, demo) need from the terminal they run in."""

from __future__ import annotations

import sys


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here, or None when it can.

    Without a terminal on both ends Textual spins or fails deep inside; scripts have their
    own commands.
    """
    for stream in (sys.stdin, sys.stdout):
        try:
            if stream is None or stream.closed or not stream.isatty():
                return "the app needs a terminal. For scripts use check, export, list, import or export-case."
        except (AttributeError, ValueError, OSError):
            return "the app needs a terminal. For scripts use check, export, list, import or export-case."
    return None
