"""The theme the officer chose is kept beside the store, privately, and a bad file never stops the app."""

from __future__ import annotations

import json
import stat

import pytest

from psr_assist.store.preferences import PREFERENCES_FILE, read_preferences, remember, remembered_theme

THEMES = ("psr-dark", "psr-light", "psr-high-contrast")


def test_a_chosen_theme_is_kept_privately_and_read_back(tmp_path):
    assert remembered_theme(tmp_path, THEMES) is None
    assert remember(tmp_path, "theme", "psr-high-contrast")
    assert remembered_theme(tmp_path, THEMES) == "psr-high-contrast"
    path = tmp_path / PREFERENCES_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "psr-high-contrast"}
    assert remember(tmp_path, "theme", "psr-light")
    assert remembered_theme(tmp_path, THEMES) == "psr-light"


def test_a_theme_no_longer_offered_is_not_used(tmp_path):
    remember(tmp_path, "theme", "psr-sepia")
    assert remembered_theme(tmp_path, THEMES) is None


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b'["psr-light"]',
        b'{"theme": 3}',
        b"[" * 100_000,
        b'{"theme": "psr-light", "pad": "' + b"x" * 5000 + b'"}',
    ],
    ids=["broken", "not-utf8", "a-list", "not-text", "deeply-nested", "too-large"],
)
def test_an_unusable_file_is_ignored_and_replaced_on_the_next_choice(tmp_path, content):
    (tmp_path / PREFERENCES_FILE).write_bytes(content)
    assert remembered_theme(tmp_path, THEMES) is None
    assert remember(tmp_path, "theme", "psr-light")
    assert remembered_theme(tmp_path, THEMES) == "psr-light"


def test_a_folder_or_link_in_its_place_is_not_read(tmp_path):
    (tmp_path / PREFERENCES_FILE).mkdir()
    assert read_preferences(tmp_path) == {}
    assert remember(tmp_path, "theme", "psr-light") is False  # a folder is never replaced
    other = tmp_path / "elsewhere"
    other.mkdir()
    target = other / "somewhere.json"
    target.write_text('{"theme": "psr-light"}', encoding="utf-8")
    (other / PREFERENCES_FILE).symlink_to(target)
    assert read_preferences(other) == {}


def test_a_write_that_fails_says_so_and_raises_nothing(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("psr_assist.atomic.write_atomic", refuse)
    assert remember(tmp_path, "theme", "psr-light") is False
    assert not (tmp_path / PREFERENCES_FILE).exists()



def test_the_step_each_recent_case_was_left_at_is_kept_and_forgotten(tmp_path):
    from psr_assist.store.preferences import MAX_REMEMBERED_STEPS, remember_step, remembered_step

    assert remembered_step(tmp_path, "case-a") is None
    assert remember_step(tmp_path, "case-a", "risk") and remember_step(tmp_path, "case-b", "proposal")
    assert remember_step(tmp_path, "case-a", "review")  # moved on: the latest step only
    assert (remembered_step(tmp_path, "case-a"), remembered_step(tmp_path, "case-b")) == ("review", "proposal")
    assert remember_step(tmp_path, "case-b", None)  # deleted: forgotten
    assert remembered_step(tmp_path, "case-b") is None
    # Only the most recent cases are kept, so the file stays small.
    for n in range(MAX_REMEMBERED_STEPS + 5):
        assert remember_step(tmp_path, f"case-{n:03d}", "person")
    assert remembered_step(tmp_path, "case-a") is None
    assert remembered_step(tmp_path, f"case-{MAX_REMEMBERED_STEPS + 4:03d}") == "person"
    assert (tmp_path / PREFERENCES_FILE).stat().st_mode & 0o777 == 0o600
    # An imported case's id can be made from a name: the file, not encrypted, never holds it.
    assert remember_step(tmp_path, "john-smith-psr", "risk")
    assert remembered_step(tmp_path, "john-smith-psr") == "risk"
    assert "smith" not in (tmp_path / PREFERENCES_FILE).read_text(encoding="utf-8")
    # Nothing that could break the list is written.
    assert not remember_step(tmp_path, "odd=id", "risk")
    assert remembered_step(tmp_path, "odd") is None
