"""Validated content kept between runs, when the application gives it somewhere to keep it.

Every process that checks a case reads ``prompts/``: PyYAML builds each file's objects in Python,
pydantic builds a validator for every content model, and the loaders cross-check the content
against the case model. That is tens of milliseconds each time ``psr-assist check`` or
``export`` runs or the app opens, for a result that depends only on the content files' bytes
and the code that reads them.

So each loader asks :func:`cached` for its result, keyed by a hash of

- the loader's name,
- the bytes (and place) of every file it reads, and
- the code that reads and validates them: every ``.py`` file of ``psr_assist.domain`` (and
  any other code file the loader names), psr-assist's version, PyYAML's ``__init__.py``, and
  the Python and pydantic versions. Without the domain's source files (a frozen or
  source-less build) nothing is kept.

A change to any of them is a new key, so a cached result is only ever one that this code
produced from these bytes, after full validation.

The domain never writes to disk (architecture), so it only keeps the hook: the application
installs a :class:`ContentStore` (``psr_assist.content_store``). With none installed (the
tests, the content lint, a library user) every loader validates from the files as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

try:  # CPython's own SHA-256: the same digests as hashlib's, without loading OpenSSL (~2 ms a start)
    from _sha256 import sha256
except ImportError:  # pragma: no cover - another Python (3.12 names it _sha2)
    from hashlib import sha256

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")


class ContentStore(Protocol):
    """Somewhere to keep loaded content. ``get`` returns ``None`` for anything it cannot give back."""

    def get(self, name: str, key: str) -> object | None: ...

    def put(self, name: str, key: str, value: object) -> None: ...


_store: ContentStore | None = None
_code_digest: bytes | None = None


def install(store: ContentStore | None) -> ContentStore | None:
    """Use ``store`` from now on (``None``: keep nothing). Returns the store it replaces."""
    global _store
    previous, _store = _store, store
    return previous


def installed() -> ContentStore | None:
    return _store


def _code() -> bytes:
    """A digest of the code the cached objects depend on (computed once per process).

    Raises ``OSError`` when the domain's source files are not there to hash: then nothing is kept.
    """
    global _code_digest
    if _code_digest is None:
        import importlib.util

        import pydantic

        from psr_assist import __version__

        digest = sha256(f"{sys.version}\0{pydantic.VERSION}\0{__version__}\0".encode())
        package = Path(__file__).resolve().parent
        sources = sorted(package.rglob("*.py"))
        if (package / "case.py") not in sources:
            raise OSError("the domain's source files are not installed; nothing can be kept safely")
        for path in sources:
            _add(digest, path.relative_to(package).as_posix().encode())
            _add(digest, path.read_bytes())
        # The YAML parser (its version is in its __init__.py), found without importing it.
        spec = importlib.util.find_spec("yaml")
        _add(digest, Path(spec.origin).read_bytes() if spec is not None and spec.origin else b"no yaml")
        _code_digest = digest.digest()
    return _code_digest


def _add(digest, data: bytes) -> None:
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)


def content_key(name: str, sources: Iterable[Path], code: Iterable[Path] = ()) -> str:
    """The key for ``name`` loaded from ``sources`` by this code (the domain's, and ``code``).

    Raises ``OSError`` if a file cannot be read.
    """
    digest = sha256(_code())
    _add(digest, name.encode())
    for kind, paths in ((b"source", sources), (b"code", code)):
        for path in paths:
            _add(digest, kind)
            _add(digest, str(path).encode("utf-8", "surrogateescape"))
            _add(digest, Path(path).read_bytes())
    return digest.hexdigest()


def cached(
    name: str, sources: Iterable[Path], build: Callable[[], T], kind: type, code: Iterable[Path] = ()
) -> T:
    """``build()``'s result, or the same result kept from an earlier run with identical inputs.

    ``sources``: every file ``build`` reads. ``kind``: the type of the result; anything else
    coming back from the store is ignored and rebuilt. ``code``: source files outside the
    domain that decide the result (the domain's own are always in the key). Errors from
    ``build`` (a ``ContentError``) propagate and nothing is kept.
    """
    store = _store
    if store is None:
        return build()
    try:
        key = content_key(name, sources, code)
    except OSError:
        return build()  # the loader reports the missing or unreadable file in its own words
    value = store.get(name, key)
    if isinstance(value, kind):
        return value  # type: ignore[return-value]
    value = build()
    store.put(name, key, value)
    return value


# --------------------------------------------------------------------------- model validators


def complete_models(name: str, models: Sequence[type[BaseModel]]) -> None:
    """Complete pydantic models declared with ``defer_build=True``: from kept validators, or by building.

    Building a validator is pydantic's slowest step: it generates the model's core schema in
    Python (and, for the first model of a process, imports its schema and plugin machinery).
    The case model's 31 classes cost about 40 ms of every ``check``, ``export`` and app start.
    A core schema is fully decided by the code, which is in the key, so it can be kept: each
    model's schema and config are stored (without the JSON-schema ``metadata``, which holds
    functions and is never used to validate), and later runs build the validator and serializer
    straight from them in pydantic-core. The models' ``__pydantic_core_schema__`` stays
    pydantic's placeholder, so anything that needs the full schema (``model_json_schema``, a
    model that embeds one of these) has pydantic build it properly on first use. Validation,
    assignment validation, errors and dumps are those of the same schema.

    With no store, or anything wrong with what is kept, every model is built the normal way.
    Pydantic plugins are not applied to kept validators (psr-assist uses none).
    """
    store = _store
    key = ""
    if store is not None:
        try:
            key = content_key(f"models:{name}", ())
        except OSError:
            store = None
    if store is not None and _use_kept(models, store.get(name, key)):
        return
    for model in models:
        model.model_rebuild()
    if store is not None:
        kept = _schemas(models)
        if kept is not None:
            store.put(name, key, kept)


def _without_metadata(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_metadata(v) for k, v in node.items() if k != "metadata"}
    if isinstance(node, list):
        return [_without_metadata(v) for v in node]
    if isinstance(node, tuple):
        return tuple(_without_metadata(v) for v in node)
    return node


def _schemas(models: Sequence[type[BaseModel]]) -> dict[str, tuple[Any, Any]] | None:
    out: dict[str, tuple[Any, Any]] = {}
    try:
        for model in models:
            # A validator pickles as (SchemaValidator, (core schema, core config, ...)).
            args = model.__pydantic_validator__.__reduce__()[1]
            out[model.__qualname__] = (_without_metadata(args[0]), args[1])
    except Exception:  # noqa: BLE001 - not keepable (another pydantic): just not kept
        return None
    return out


def _use_kept(models: Sequence[type[BaseModel]], kept: object) -> bool:
    if not isinstance(kept, dict) or set(kept) != {m.__qualname__ for m in models}:
        return False
    from pydantic_core import SchemaSerializer, SchemaValidator

    built = []
    try:
        for model in models:
            schema, config = kept[model.__qualname__]
            built.append((model, SchemaValidator(schema, config), SchemaSerializer(schema, config)))
    except Exception:  # noqa: BLE001 - damaged or from another pydantic-core: build normally
        return False
    for model, validator, serializer in built:
        model.__pydantic_validator__ = validator
        model.__pydantic_serializer__ = serializer
    return True
