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


def _exit_on_signal(signum, frame) -> None:  # noqa: ARG001
    # Unwinds through the app's own clean-up: the draft is saved, the terminal restored,
    # the edit lock released; the exit code says which signal ended it.
    raise SystemExit(128 + signum)


def exit_cleanly_on_hangup() -> None:
    """A closed terminal window (SIGHUP) or a polite kill (SIGTERM) saves and exits, never loses typing."""
    import signal

    for name in ("SIGHUP", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _exit_on_signal)
