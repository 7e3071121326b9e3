"""Turning a case into documents: the Word report, its plain-text preview and the companion.

Public API (imported lazily, so ``import psr_assist.render`` loads neither python-docx nor
Jinja2 until a function is used)::

    build_report(case, *, draft, findings=None, marking=None, today=None) -> docx Document
    build_companion(case, *, draft=False, marking=None, today=None) -> docx Document
    write_docx(document, path, *, force=False) -> Path      # atomic, mode 0600
    report_text(case, draft=True, *, findings=None, marking=None, today=None) -> str
    companion_text(case, draft=False, *, marking=None, today=None) -> str
    build_context(case, *, draft, findings=None, marking=None, today=None) -> dict
    OutputExistsError, OutputWriteError   # UserError subclasses, exit code 1

render/ asks ``domain.check`` for findings; it never decides what is complete itself.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "build_report": "psr_assist.render.api",
    "build_companion": "psr_assist.render.api",
    "report_text": "psr_assist.render.api",
    "companion_text": "psr_assist.render.api",
    "build_context": "psr_assist.render.context",
    "write_docx": "psr_assist.render.files",
    "OutputExistsError": "psr_assist.render.files",
    "OutputWriteError": "psr_assist.render.files",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'psr_assist.render' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
