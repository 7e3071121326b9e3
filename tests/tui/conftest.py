"""Fixtures for the app's Pilot and snapshot tests: a private store per test, a frozen clock,
no cursor blink (so snapshots are stable)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from psr_assist.store import open_store

FROZEN_NOW = dt.datetime(2026, 11, 26, 12, 0)


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("PSR_ASSIST_HOME", str(folder))
    monkeypatch.delenv("PSR_ASSIST_PASSPHRASE", raising=False)
    monkeypatch.delenv("PSR_ASSIST_ENCRYPT", raising=False)
    return folder


@pytest.fixture
def store(home: Path):
    opened = open_store(home)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def export_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch):
    """Times on screen in UTC, so snapshots do not depend on the machine's time zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def app_snapshot(snapshot):
    """harlequin-style: compare a live app's screen with a stored SVG, several per test (by name).

    One app run can then cover many screens, instead of starting a fresh app for each.
    """
    from pytest_textual_snapshot import SVGImageExtension, normalize_svg

    svg_snapshot = snapshot.use_extension(SVGImageExtension)

    async def check(pilot, name: str) -> bool:
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        await pilot.pause()
        svg = pilot.app.export_screenshot(title=pilot.app.title, simplify=True)
        return svg_snapshot(name=name) == normalize_svg(svg)

    return check
