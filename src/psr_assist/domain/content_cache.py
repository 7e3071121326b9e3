"""Validated content kept between runs, when the application gives it somewhere to keep it.

Every process that checks a case reads ``prompts/``: PyYAML builds each file's objects in Python,
pydantic builds a validator for every content model, and the loaders cross-check the content
against the case model. That is tens of milliseconds each time ``psr-assist check`` or
``export`` runs or the app opens, for a result that depends only on the content files' bytes
and the code that reads them.

So each loader asks :func:`cached` for its result, keyed by a hash of

- the loader's name,
- the bytes (and place) of every file it reads, and
- the code that reads and validates them: every ``.py`` file of ``psr_assist.domain``, the
  Python version and the pydantic version.

A change to any of them is a new key, so a cached result is only ever one that this code
produced from these bytes, after full validation.

The domain never writes to disk (architecture), so it only keeps the hook: the application
installs a :class:`ContentStore` (``psr_assist.content_store``). With none installed (the
tests, the content lint, a library user) every loader validates from the files as before.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol, TypeVar

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
    """A digest of the code the cached objects depend on (computed once per process)."""
    global _code_digest
    if _code_digest is None:
        import pydantic

        digest = hashlib.sha256(f"{sys.version}\0{pydantic.VERSION}\0".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            _add(digest, path.relative_to(package).as_posix().encode())
            _add(digest, path.read_bytes())
        _code_digest = digest.digest()
    return _code_digest


def _add(digest, data: bytes) -> None:
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)


def content_key(name: str, sources: Iterable[Path]) -> str:
    """The key for ``name`` loaded from ``sources`` by this code. Raises ``OSError`` if a source cannot be read."""
    digest = hashlib.sha256(_code())
    _add(digest, name.encode())
    for path in sources:
        _add(digest, str(path).encode("utf-8", "surrogateescape"))
        _add(digest, Path(path).read_bytes())
    return digest.hexdigest()


def cached(name: str, sources: Iterable[Path], build: Callable[[], T], kind: type) -> T:
    """``build()``'s result, or the same result kept from an earlier run with identical inputs.

    ``sources``: every file ``build`` reads. ``kind``: the type of the result; anything else
    coming back from the store is ignored and rebuilt. Errors from ``build`` (a
    ``ContentError``) propagate and nothing is kept.
    """
    store = _store
    if store is None:
        return build()
    try:
        key = content_key(name, sources)
    except OSError:
        return build()  # the loader reports the missing or unreadable file in its own words
    value = store.get(name, key)
    if isinstance(value, kind):
        return value  # type: ignore[return-value]
    value = build()
    store.put(name, key, value)
    return value
