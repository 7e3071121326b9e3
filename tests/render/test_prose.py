"""The Jinja2 environment: shipped templates only, strict names, no escaping, a safe compile cache."""

from __future__ import annotations

import os
import stat

import jinja2
import pytest

from psr_assist.paths import docx_templates_dir
from psr_assist.render import prose


@pytest.fixture
def fresh(monkeypatch):
    """Forget compiled templates before and after the test."""
    prose._module.cache_clear()
    prose._environment.cache_clear()
    yield
    prose._module.cache_clear()
    prose._environment.cache_clear()


def test_templates_come_from_the_package_only():
    env = prose._environment(prose.templates_dir().resolve())
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    assert [os.path.realpath(p) for p in env.loader.searchpath] == [os.path.realpath(docx_templates_dir())]
    assert env.autoescape is False
    assert env.undefined is jinja2.StrictUndefined


def test_user_values_are_not_escaped_or_evaluated():
    p = prose.Prose("report.j2")
    case = {"who": "A & B <{{ 1+1 }}>", "court": None, "hearing_date": None, "author": None}
    assert p.text("oral_statement", {"case": case}).startswith("This is a record of the pre-sentence report")
    text = p.text("plea", {"case": {**case, "plea": "guilty_plea"}})
    assert text == "A & B <{{ 1+1 }}> pleaded guilty."


def test_a_misspelt_name_in_a_template_is_an_error(fresh, tmp_path, monkeypatch):
    (tmp_path / "bad.j2").write_text("{% macro m(c) %}{{ c.nmae }}{% endmacro %}")
    with pytest.raises(jinja2.UndefinedError):
        prose.Prose("bad.j2", directory=tmp_path).text("m", {"name": "x"})


def test_printing_nothing_is_caught_in_tests(tmp_path, fresh):
    (tmp_path / "none.j2").write_text("{% macro m(c) %}Value: {{ c.value }}{% endmacro %}")
    with pytest.raises(prose.TemplateBug):
        prose.Prose("none.j2", directory=tmp_path).text("m", {"value": None})


def test_paragraph_splitting():
    assert prose.paragraphs("\n\n one \n two\n\n\n  \nthree\n \n") == ["one \n two", "three"]
    assert prose.paragraphs("") == []


def test_compiled_templates_are_cached_privately(fresh, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("PSR_ASSIST_TEMPLATE_CACHE", str(cache))
    prose.Prose("companion.j2")
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].name.startswith("psr-assist-")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) & 0o077 == 0
    prose._module.cache_clear()
    prose._environment.cache_clear()
    assert prose.Prose("companion.j2").paras("if_not", {"proposal": {"adjournment": {"requested": True}}})


def test_an_unsafe_or_broken_cache_is_ignored(fresh, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("PSR_ASSIST_TEMPLATE_CACHE", str(shared))
    assert prose._cache_dir() is None
    monkeypatch.setenv("PSR_ASSIST_TEMPLATE_CACHE", "off")
    assert prose._cache_dir() is None
    # A corrupt cache file means compiling again, not a failed export.
    good = tmp_path / "good"
    monkeypatch.setenv("PSR_ASSIST_TEMPLATE_CACHE", str(good))
    prose.Prose("companion.j2")
    for file in good.iterdir():
        file.write_bytes(b"garbage")
    prose._module.cache_clear()
    prose._environment.cache_clear()
    assert prose.Prose("companion.j2").paras("if_not", {"proposal": {"adjournment": {"requested": True}}})
