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


@pytest.fixture(scope="session", autouse=True)
def _private_content_cache(tmp_path_factory):
    """`cli.main` keeps validated content in the user's cache folder; in tests (and in the
    commands they start as subprocesses) it goes to a throwaway folder instead."""
    folder = tmp_path_factory.mktemp("content-cache")
    previous = os.environ.get("PSR_ASSIST_CONTENT_CACHE")
    os.environ["PSR_ASSIST_CONTENT_CACHE"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("PSR_ASSIST_CONTENT_CACHE", None)
    else:
        os.environ["PSR_ASSIST_CONTENT_CACHE"] = previous


@pytest.fixture(autouse=True)
def _no_content_store_between_tests():
    """A store installed by one test's `cli.main` call does not carry into the next test."""
    from psr_assist.domain import content_cache

    previous = content_cache.installed()
    yield
    content_cache.install(previous)
