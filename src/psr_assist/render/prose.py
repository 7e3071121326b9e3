"""The shipped wording: Jinja2 prose macros and YAML word lists from ``docx_templates/``.

Templates are code, so they are only ever loaded from the package's own ``docx_templates/``
folder (never from a user's folder or from case data). The officer's text reaches them only as
macro *arguments*: it is never compiled, so ``{{ }}`` or ``{% %}`` typed into a case is just text.
Block tags keep their line ends (``trim_blocks`` off), so a tag on a line of its own leaves
an empty line: paragraphs separated by tag lines always stay separate. Autoescaping is off because the output goes into python-docx runs, which escape for XML
themselves; escaping here would print ``&amp;`` in the report. ``StrictUndefined`` turns a
misspelt name in a template into an error instead of a silent blank.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from psr_assist.domain.content_errors import ContentError

#: Set by the tests: a template that prints ``None`` raises instead of printing nothing.
STRICT = False

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class TemplateBug(RuntimeError):
    """A shipped template printed an empty value (only raised when :data:`STRICT`)."""


def _finalize(value: Any) -> Any:
    if value is None:
        if STRICT:
            raise TemplateBug("a report template printed an empty value; guard it with {% if %}")
        return ""
    return value


def templates_dir() -> Path:
    from psr_assist.paths import docx_templates_dir

    return docx_templates_dir()


def _cache_dir() -> Path | None:
    """A private per-user folder for compiled templates, or ``None`` to compile in memory each time.

    Compiling report.j2 takes about 0.3 s; loading its cached bytecode a few milliseconds. The
    cache holds only our shipped templates compiled (no case data), and Jinja uses an entry only
    if the checksum of the template's source matches, so an edited template is recompiled.
    ``PSR_ASSIST_TEMPLATE_CACHE=off`` turns it off (see ``psr_assist.caches``).
    """
    from psr_assist.caches import private_cache_dir

    return private_cache_dir("templates", "PSR_ASSIST_TEMPLATE_CACHE")


def _bytecode_cache(directory: Path | None):
    if directory is None:
        return None
    import jinja2

    class _QuietCache(jinja2.FileSystemBytecodeCache):
        """A cache that never stops an export: a read or write problem just means compiling again."""

        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return _QuietCache(str(directory), pattern="psr-assist-%s.cache")


@functools.lru_cache(maxsize=4)
def _environment(directory: Path):
    import jinja2

    return jinja2.Environment(
        bytecode_cache=_bytecode_cache(_cache_dir()),
        loader=jinja2.FileSystemLoader(str(directory)),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
        finalize=_finalize,
    )


@functools.lru_cache(maxsize=16)
def _module(directory: Path, name: str):
    return _environment(directory).get_template(name).module


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines; trim each; drop empty ones.

    Single new lines inside a paragraph are kept (they become line breaks in Word).
    """
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


class Prose:
    """Calls the macros of one shipped template: ``Prose("report.j2").paras("statutory", c)``."""

    def __init__(self, name: str, directory: Path | None = None) -> None:
        self._module = _module((directory or templates_dir()).resolve(), name)

    def text(self, macro: str, *args: Any) -> str:
        """The macro's output as one string (for table cells and short phrases)."""
        return str(getattr(self._module, macro)(*args)).strip()

    def paras(self, macro: str, *args: Any) -> list[str]:
        """The macro's output split into paragraphs."""
        return paragraphs(str(getattr(self._module, macro)(*args)))


def _load_yaml(path: Path) -> dict[str, Any]:
    from psr_assist.domain.rules.content import read_yaml  # the one reader and its error words

    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(f"{path.name}: expected a mapping at the top level")
    return data


class Words:
    """Nested word lists with a clear error when a key is missing: ``words["headings"]["risk"]``."""

    def __init__(self, data: dict[str, Any], source: str, path: str = "") -> None:
        self._data = data
        self._source = source
        self._path = path

    def __getitem__(self, key: str) -> Any:
        try:
            value = self._data[key]
        except KeyError:
            where = f"{self._path}.{key}" if self._path else key
            raise ContentError(f"{self._source}: {where} is missing") from None
        if isinstance(value, dict):
            return Words(value, self._source, f"{self._path}.{key}" if self._path else key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._data else default

    def __contains__(self, key: str) -> bool:
        return key in self._data

    def keys(self):
        return self._data.keys()


@functools.lru_cache(maxsize=8)
def _words(directory: Path, name: str) -> Words:
    from psr_assist.domain.content_cache import cached

    path = directory / name
    loaded = cached(f"wording:{name}", [path], lambda: _load_yaml(path), dict, code=[Path(__file__)])
    return Words(loaded, name)


def words(name: str = "wording.yaml", directory: Path | None = None) -> Words:
    return _words((directory or templates_dir()).resolve(), name)
