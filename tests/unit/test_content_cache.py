"""Validated content kept between runs: same results, rebuilt on any change, never a reason to fail."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from psr_assist.caches import DiskContentStore, install_content_cache, private_cache_dir
from psr_assist.domain import content_cache
from psr_assist.domain.content_errors import ContentError

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "community-order-dual-diagnosis.json"


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir(mode=0o700)
    disk = DiskContentStore(folder)
    previous = content_cache.install(disk)
    yield disk
    content_cache.install(previous)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    return path


class Counter:
    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_second_load_comes_from_the_store_and_the_file_is_owner_only(store, source):
    build = Counter({"a": 1})
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert build.calls == 1
    [kept] = list(store.directory.glob("words-*.pickle"))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_changed_content_is_loaded_again_and_only_the_recent_entries_kept(store, source):
    for value in range(1, 6):
        source.write_text(f"a: {value}\n", encoding="utf-8")
        build = Counter({"a": value})
        assert content_cache.cached("words", [source], build, dict) == {"a": value}
        assert build.calls == 1
        time.sleep(0.01)  # distinct modification times
    assert len(list(store.directory.glob("words-*.pickle"))) == DiskContentStore.KEEP
    # The most recent ones are those kept: going back one version needs no rebuild.
    source.write_text("a: 4\n", encoding="utf-8")
    build = Counter({"a": 4})
    assert content_cache.cached("words", [source], build, dict) == {"a": 4}
    assert build.calls == 0


def test_each_loader_keeps_its_own_entry(store, source):
    content_cache.cached("words", [source], Counter({"a": 1}), dict)
    content_cache.cached("words-extra", [source], Counter({"b": 1}), dict)
    assert content_cache.cached("words", [source], Counter({"x": 0}), dict) == {"a": 1}
    assert content_cache.cached("words-extra", [source], Counter({"x": 0}), dict) == {"b": 1}


def test_a_damaged_entry_is_rebuilt_without_an_error(store, source):
    content_cache.cached("words", [source], Counter({"a": 1}), dict)
    [kept] = list(store.directory.glob("words-*.pickle"))
    kept.write_bytes(b"\x80\x05not a pickle at all")
    build = Counter({"a": 1})
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert build.calls == 1


def test_an_entry_of_the_wrong_kind_is_ignored(store, source):
    key = content_cache.content_key("words", [source])
    store.put("words", key, ["not", "a", "dict"])
    build = Counter({"a": 1})
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert build.calls == 1


def test_a_content_error_propagates_and_nothing_is_kept(store, source):
    def broken():
        raise ContentError("words.yaml: a: is not a list")

    with pytest.raises(ContentError, match="words.yaml"):
        content_cache.cached("words", [source], broken, dict)
    assert list(store.directory.glob("*.pickle")) == []


def test_a_missing_source_is_left_to_the_loader_to_report(store, tmp_path):
    def loader():
        raise ContentError("gone.yaml: file is missing")

    with pytest.raises(ContentError, match="gone.yaml"):
        content_cache.cached("words", [tmp_path / "gone.yaml"], loader, dict)


def test_without_a_store_every_load_builds(source):
    previous = content_cache.install(None)
    try:
        build = Counter({"a": 1})
        content_cache.cached("words", [source], build, dict)
        content_cache.cached("words", [source], build, dict)
        assert build.calls == 2
    finally:
        content_cache.install(previous)


def test_an_unwritable_store_never_stops_a_load(store, source, monkeypatch):
    import errno

    # A full disk or a read-only folder (forced here: root ignores folder modes).
    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("psr_assist.atomic.write_atomic", no_room)
    build = Counter({"a": 1})
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert content_cache.cached("words", [source], build, dict) == {"a": 1}
    assert build.calls == 2  # nothing could be kept, so each load builds
    assert list(store.directory.glob("*.pickle")) == []


def test_the_cache_folder_must_be_private(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("PSR_ASSIST_CONTENT_CACHE", str(shared))
    assert private_cache_dir("content", "PSR_ASSIST_CONTENT_CACHE") is None
    monkeypatch.setenv("PSR_ASSIST_CONTENT_CACHE", "off")
    assert private_cache_dir("content", "PSR_ASSIST_CONTENT_CACHE") is None
    previous = content_cache.installed()
    try:
        assert install_content_cache() is None
        assert content_cache.installed() is None
    finally:
        content_cache.install(previous)
    mine = tmp_path / "mine"
    monkeypatch.setenv("PSR_ASSIST_CONTENT_CACHE", str(mine))
    assert private_cache_dir("content", "PSR_ASSIST_CONTENT_CACHE") == mine
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700


def _fresh_and_kept(loader, clear):
    clear()
    fresh = loader()
    clear()
    loader()  # writes the store
    clear()
    kept = loader()
    clear()
    return fresh, kept


def test_every_shipped_loader_gives_the_same_content_from_the_store(store):
    from psr_assist.domain import instruments, limits, plain_english, profiles, questions, risk_levels

    def clear_all():
        instruments.clear_cache()
        questions.question_bank.cache_clear()
        risk_levels.rosh_group_words.cache_clear()
        profiles.report_profiles.cache_clear()
        limits.sentencing_limits.cache_clear()
        plain_english.plain_english.cache_clear()

    pairs = {
        "question bank": questions.question_bank,
        "profiles": profiles.report_profiles,
        "limits": limits.sentencing_limits,
        "instruments": instruments.load_instruments,
        "results-only tools": instruments.load_results_only_tools,
        "RoSH group words": risk_levels.rosh_group_words,
    }
    for what, loader in pairs.items():
        fresh, kept = _fresh_and_kept(loader, clear_all)
        assert kept == fresh, what
    from psr_assist.domain.case_file import read_case_file

    case = read_case_file(EXAMPLE)
    case.offence_analysis.analysis = "The PO noted a CMHT referral; the defendant has an EUPD diagnosis."
    fresh, kept = _fresh_and_kept(plain_english.plain_english, clear_all)
    assert fresh.scan(case), "the case uses acronyms the lists know"
    assert kept.scan(case) == fresh.scan(case)
    names = {p.name.rsplit("-", 1)[0] for p in store.directory.glob("*.pickle")}
    assert names >= {"question-bank", "profiles", "limits", "instruments", "results-only", "plain-english", "rosh-words"}


def _check(env):
    return subprocess.run(
        [sys.executable, "-m", "psr_assist", "check", str(EXAMPLE), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.slow
def test_check_gives_the_same_findings_with_a_cold_and_a_warm_cache(tmp_path):
    env = dict(os.environ, PSR_ASSIST_CONTENT_CACHE=str(tmp_path / "cache"), PSR_ASSIST_HOME=str(tmp_path / "home"))
    cold = _check(env)
    assert list((tmp_path / "cache").glob("question-bank-*.pickle")), "the first run keeps the question bank"
    warm = _check(env)
    off = _check(dict(env, PSR_ASSIST_CONTENT_CACHE="off"))
    assert cold.returncode == warm.returncode == off.returncode
    assert cold.stdout == warm.stdout == off.stdout
    assert cold.stderr == warm.stderr == off.stderr == ""


def test_a_build_without_the_domain_sources_keeps_nothing(store, source, tmp_path, monkeypatch):
    # A frozen or source-less build cannot tell one version's code from another's.
    monkeypatch.setattr(content_cache, "__file__", str(tmp_path / "no-sources" / "content_cache.pyc"))
    monkeypatch.setattr(content_cache, "_code_digest", None)
    build = Counter({"a": 1})
    content_cache.cached("words", [source], build, dict)
    content_cache.cached("words", [source], build, dict)
    assert build.calls == 2
    assert list(store.directory.glob("*.pickle")) == []


def test_a_change_to_the_loaders_own_code_is_a_new_key(source, tmp_path):
    code = tmp_path / "loader.py"
    code.write_text("def load(): return 1\n", encoding="utf-8")
    before = content_cache.content_key("words", [source], [code])
    code.write_text("def load(): return 2\n", encoding="utf-8")
    assert content_cache.content_key("words", [source], [code]) != before
    assert content_cache.content_key("words", [source]) != before


def test_main_keeps_content_only_for_its_own_command(tmp_path, monkeypatch, capsys):
    from psr_assist.cli import main

    monkeypatch.setenv("PSR_ASSIST_CONTENT_CACHE", str(tmp_path / "cache"))
    previous = content_cache.install(None)
    try:
        assert main(["check", str(EXAMPLE)]) == 0
        assert content_cache.installed() is None  # the caller's setting is back
        seen = {}
        from psr_assist.commands import lint

        monkeypatch.setattr(lint, "run", lambda args: seen.setdefault("store", content_cache.installed()) and 0)
        main(["lint"])
        assert seen["store"] is None  # the lint always reads the files themselves
    finally:
        content_cache.install(previous)


@pytest.mark.parametrize("xdg", [None, "", "  ", "/srv/cache-elsewhere"])
def test_the_cache_folder_is_where_platformdirs_puts_it(monkeypatch, xdg):
    from platformdirs import user_cache_dir

    from psr_assist.caches import user_cache_root

    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert user_cache_root() == Path(user_cache_dir("psr-assist", appauthor=False))
