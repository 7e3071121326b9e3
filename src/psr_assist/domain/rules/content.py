"""Reading content files (``prompts/**/*.yaml``) with errors that name the file: one reader and one
way of describing a validation problem for every loader in the domain."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from psr_assist.domain.content_errors import ContentError

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; any problem is a ContentError naming the file (and line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"{path.name}: file is missing from {path.parent}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path.name}: cannot be read ({type(exc).__name__})") from None
    import yaml  # only when content is read, not when it was kept from an earlier run

    # libyaml is several times faster than the pure-Python parser; fall back when it is absent.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise ContentError(f"{path.name}: is not valid YAML{where}: {problem}") from None


#: A broken file can fail validation in hundreds of places; the first few say where to look.
MAX_PROBLEMS_SHOWN = 3


def describe(exc: ValidationError) -> str:
    """The validation problems as ``place: message``, joined by ``; ``, at most
    :data:`MAX_PROBLEMS_SHOWN` and then how many more (content files only: the offending values
    are never shown)."""
    errors = exc.errors(include_url=False, include_input=False)
    parts = []
    for err in errors[:MAX_PROBLEMS_SHOWN]:
        loc = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-"))
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc or 'top level'}: {msg}")
    more = len(errors) - MAX_PROBLEMS_SHOWN
    if more > 0:
        parts.append(f"and {more} more problem{'' if more == 1 else 's'}")
    return "; ".join(parts)


def read_model(path: Path, model: type[M], shape: str) -> M:
    """Read one YAML file and validate it as ``model``. ``shape`` says what the file must hold
    ("a mapping with a 'tools' list"); any problem is a ContentError naming the file."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise ContentError(f"{path.name}: must be {shape}, not {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(f"{path.name}: {describe(exc)}") from None
