"""Reading a case from JSON text, with errors an officer can act on.

Messages name the file and the place of the problem, never the value found there: a case
file holds special category data and error text can end up on screen, in a terminal
scroll-back or in a support ticket.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from pydantic import ValidationError

from psr_assist.domain.case import SCHEMA_VERSION, Case

MAX_CASE_FILE_BYTES = 5_000_000


class CaseFileError(ValueError):
    """The case file cannot be used. ``str()`` is one line, safe to show."""


def _field_names() -> frozenset[str]:
    """Every field name of the case model: only these are ever echoed in a message."""
    names: set[str] = set()
    seen: set[type] = set()
    stack: list[type] = [Case]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            for candidate in _models_in(info.annotation):
                stack.append(candidate)
    return frozenset(names)


def _models_in(annotation: object) -> list[type]:
    import typing

    from pydantic import BaseModel

    found: list[type] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


_KNOWN: frozenset[str] | None = None


def _where(loc: tuple) -> str:
    """The place of a problem, in field names only: a key the officer's file invented (which can
    hold case text or terminal escapes) is never repeated."""
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = _field_names()
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"item {item + 1}")
        elif item in _KNOWN:
            parts.append(str(item))
        else:
            parts.append("an entry")
    return " > ".join(parts) or "the top level"


_PLAIN = {
    "extra_forbidden": "is not a field psr-assist knows",
    "missing": "is missing",
    "date_from_datetime_parsing": "must be a date like 2026-11-26",
    "date_parsing": "must be a date like 2026-11-26",
    "date_type": "must be a date like 2026-11-26",
    "datetime_parsing": "must be a date and time like 2026-11-26T10:30",
    "datetime_type": "must be a date and time like 2026-11-26T10:30",
    "enum": "is not one of the allowed choices",
    "literal_error": "is not one of the allowed values",
    "string_too_long": "is too long",
    "too_long": "has too many entries",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "greater_than_equal": "is below the smallest allowed value",
    "less_than_equal": "is above the largest allowed value",
    "model_type": "must be a group of fields",
    "list_type": "must be a list",
    "dict_type": "must be a group of fields",
    "value_error": "is not valid",
}


def describe_validation_error(exc: ValidationError) -> str:
    """One line, naming where the first problem is and how many there are; no values."""
    errors = exc.errors(include_url=False, include_input=False)
    first = errors[0]
    problem = _PLAIN.get(first["type"], "is not valid")
    if first["type"] == "extra_forbidden":
        parent = _where(first["loc"][:-1])
        text = f"{parent} holds a name that is not a field psr-assist knows"
        if len(errors) > 1:
            text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        return text
    ctx = first.get("ctx") or {}
    if first["type"] == "too_long" and ctx.get("field_type") == "Value":
        problem = f"is too long (at most {ctx.get('max_length')} characters)"
    elif first["type"] == "too_long":
        problem = f"has too many entries (at most {ctx.get('max_length')})"
    elif first["type"] == "string_too_long":
        problem = f"is too long (at most {ctx.get('max_length')} characters)"
    text = f"{_where(first['loc'])} {problem}"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text


def parse_case(data: bytes | str, name: str = "the case file") -> Case:
    if isinstance(data, bytes):
        if len(data) > MAX_CASE_FILE_BYTES:
            raise CaseFileError(f"{name} is too large to be a case file (over {MAX_CASE_FILE_BYTES // 1_000_000} MB).")
        try:
            data = data.decode("utf-8-sig")  # a byte-order mark first, as Windows Notepad saves: fine
        except UnicodeDecodeError:
            raise CaseFileError(f"{name} is not a text file saved as UTF-8.") from None
    elif len(data) > MAX_CASE_FILE_BYTES:
        raise CaseFileError(f"{name} is too large to be a case file (over {MAX_CASE_FILE_BYTES // 1_000_000} MB).")
    try:
        raw = json.loads(data.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}); it may be damaged or truncated."
        ) from None
    except RecursionError:
        raise CaseFileError(f"{name} is nested too deeply to be a case file.") from None
    except ValueError:  # e.g. an integer with thousands of digits
        raise CaseFileError(f"{name} has a number too long to be a case file.") from None
    if not isinstance(raw, dict):
        raise CaseFileError(f"{name} is not a psr-assist case file (expected an object at the top level).")
    version = raw.get("schema_version")
    if version is not None and version != SCHEMA_VERSION:
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise CaseFileError(
                f"{name} was written by a newer psr-assist (case format {version}); update psr-assist to open it."
            )
        raise CaseFileError(f"{name} has an unknown case format version.")
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise CaseFileError(f"{name}: {describe_validation_error(exc)}.") from None


def read_case_file(path: str | Path) -> Case:
    path = Path(path)
    name = path.name or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise CaseFileError(f"{name} is a folder, not a case file.")
        if not stat.S_ISREG(info.st_mode):  # a device, pipe or socket: could be endless (/dev/zero) or block
            raise CaseFileError(f"{name} is not a regular file; save the case to a file and try again.")
        if info.st_size > MAX_CASE_FILE_BYTES:
            raise CaseFileError(f"{name} is too large to be a case file (over {MAX_CASE_FILE_BYTES // 1_000_000} MB).")
        with path.open("rb") as handle:  # never more than the limit, even if the file grows meanwhile
            data = handle.read(MAX_CASE_FILE_BYTES + 1)
    except FileNotFoundError:
        raise CaseFileError(f"{name} was not found. Check the file name and folder.") from None
    except PermissionError:
        raise CaseFileError(f"{name} cannot be read: permission denied.") from None
    except IsADirectoryError:
        raise CaseFileError(f"{name} is a folder, not a case file.") from None
    except OSError as exc:
        raise CaseFileError(f"{name} cannot be read ({exc.strerror or 'input/output error'}).") from None
    return parse_case(data, name)


def case_to_json(case: Case) -> str:
    """The case file format: stable key order, indented, no empty noise removed (round-trips exactly)."""
    return case.model_dump_json(indent=2)
