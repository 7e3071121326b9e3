"""Argument types shared by the commands (standard library only)."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """``--today 2026-11-26`` as a date; anything else is a usage error that says what to type."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date like 2026-11-26") from None
