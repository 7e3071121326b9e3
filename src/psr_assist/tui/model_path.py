"""Reading and writing one field of a case by its path (``sources[2].kind``).

The paths are the ones the check uses in its findings: dotted attribute names, with ``[i]``
for an item of a repeating group. Writing goes through pydantic's ``validate_assignment``,
so a value the model refuses raises ``ValidationError`` and leaves the case unchanged.
Intermediate parts that are still empty (``requirements[0].treatment`` is ``None`` until
something is typed) are created on write.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic import BaseModel

from psr_assist.domain.questions import unwrap_annotation

Part = str | int
_TOKEN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_path(path: str) -> list[Part]:
    """``"a.b[2].c"`` → ``["a", "b", 2, "c"]``."""
    parts: list[Part] = []
    for name, index in _TOKEN.findall(path):
        parts.append(int(index) if index else name)
    return parts


def join_path(parts: list[Part]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def child_path(parent: str, child: str | int) -> str:
    if isinstance(child, int):
        return f"{parent}[{child}]"
    return f"{parent}.{child}" if parent else child


def get_path(root: BaseModel, path: str) -> Any:
    """The value at ``path``, or None where any part on the way is still empty or missing."""
    current: Any = root
    for part in parse_path(path):
        if current is None:
            return None
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return None
            current = current[part]
        else:
            current = getattr(current, part, None)
    return current


def _model_for(parent: BaseModel, name: str) -> type[BaseModel] | None:
    info = type(parent).model_fields.get(name)
    if info is None:
        return None
    annotation = unwrap_annotation(info.annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _container(root: BaseModel, parts: list[Part]) -> Any:
    """Walk to the object holding the last part, creating empty nested models on the way."""
    current: Any = root
    for part in parts[:-1]:
        if isinstance(part, int):
            current = current[part]
            continue
        value = getattr(current, part)
        if value is None:
            model = _model_for(current, part)
            if model is None:
                raise KeyError(part)
            setattr(current, part, model())
            value = getattr(current, part)
        current = value
    return current


def set_path(root: BaseModel, path: str, value: Any) -> Any:
    """Assign ``value`` at ``path`` (validated); return the value the model now holds."""
    parts = parse_path(path)
    parent = _container(root, parts)
    last = parts[-1]
    if isinstance(last, int):
        # Replace a list item: validate it through the list's own field.
        raise TypeError("set a list item's fields, not the item itself")
    setattr(parent, last, value)
    return getattr(parent, last)


def list_item_model(root: BaseModel, path: str) -> type[BaseModel]:
    """The model of the items of the list at ``path``."""
    parts = parse_path(path)
    parent = _container(root, parts)
    info = type(parent).model_fields[parts[-1]]
    annotation = unwrap_annotation(info.annotation)
    item = unwrap_annotation(typing.get_args(annotation)[0])
    return item


def list_at(root: BaseModel, path: str) -> list:
    parts = parse_path(path)
    parent = _container(root, parts)
    return getattr(parent, parts[-1])


def _assign_list(root: BaseModel, path: str, items: list) -> None:
    parts = parse_path(path)
    parent = _container(root, parts)
    setattr(parent, parts[-1], items)


def append_item(root: BaseModel, path: str, item: BaseModel | None = None) -> int:
    """Add an item (a new empty one by default) at the end; return its index."""
    items = list(list_at(root, path))
    items.append(item if item is not None else list_item_model(root, path)())
    _assign_list(root, path, items)
    return len(items) - 1


def remove_item(root: BaseModel, path: str, index: int) -> None:
    items = list(list_at(root, path))
    del items[index]
    _assign_list(root, path, items)


def move_item(root: BaseModel, path: str, index: int, to: int) -> int:
    """Move an item to position ``to`` (clamped); return where it ended up."""
    items = list(list_at(root, path))
    to = max(0, min(len(items) - 1, to))
    item = items.pop(index)
    items.insert(to, item)
    _assign_list(root, path, items)
    return to


def is_answered(value: Any) -> bool:
    """Whether a field counts as filled in (False and 0 are answers; "" and [] are not)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list | dict):
        return bool(value)
    return True
