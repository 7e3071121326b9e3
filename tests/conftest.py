"""Shared test setup."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _restore_umask():
    """`cli.main` sets umask 0o077 for the process (as the real command should); put the test
    runner's umask back after each test so a missing chmod elsewhere is not hidden."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)
