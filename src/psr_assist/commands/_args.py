"""Argument types and the error line shared by the commands (standard library only)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def iso_date(text: str) -> dt.date:
    """``--today 2026-11-26`` as a date; anything else is a usage error that says what to type."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-11-26") from None


def fail(message: str, code: int = 2) -> int:
    """Say on standard error, in one line after ``psr-assist: ``, why a command stopped; return
    the exit code (2: the input cannot be used)."""
    print(f"psr-assist: {message}", file=sys.stderr)
    return code
