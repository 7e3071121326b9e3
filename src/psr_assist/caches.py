"""Private per-user caches: compiled report templates and validated content.

Both hold only what psr-assist ships, never case data, and both are loaded as code or
objects, so a cache folder is used only if it belongs to the officer and nobody else can
write to it. Any problem with a cache (unreadable, damaged, full disk) just means doing the
work again: a cache can make psr-assist faster, never stop it.

Settings (for tests and unusual set-ups):

- ``PSR_ASSIST_TEMPLATE_CACHE`` and ``PSR_ASSIST_CONTENT_CACHE``: a folder to use instead of
  the user cache folder, or ``off``.
"""

from __future__ import annotations

import os
from pathlib import Path

_OFF = ("off", "0", "no")


def user_cache_root() -> Path:
    """The user's cache folder for psr-assist, as platformdirs gives it (``~/.cache/psr-assist`` on Linux).

    On Linux it is worked out here by the same XDG rule, because importing platformdirs costs
    more than a whole ``psr-assist check`` spends on its own work; a test keeps the two equal.
    """
    import sys

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "psr-assist"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("psr-assist", appauthor=False))


def private_cache_dir(kind: str, env_var: str) -> Path | None:
    """``<user cache>/psr-assist/<kind>`` (or the folder ``env_var`` names), made owner-only; ``None`` if unusable."""
    setting = os.environ.get(env_var, "").strip()
    if setting.lower() in _OFF:
        return None
    try:
        directory = Path(setting) if setting else user_cache_root() / kind
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
        # Only a folder that is ours and that nobody else can write to (what is in it is loaded as code).
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None
        return directory
    except (OSError, ImportError, AttributeError):
        return None


class DiskContentStore:
    """Validated content (``domain.content_cache``) pickled in a private folder, one file per loader.

    Each entry is a file ``<name>-<key>.pickle``. A loader keeps its :data:`KEEP` most recently
    used entries (two installed versions of psr-assist sharing the folder do not evict each
    other on every run); older ones are removed when a new one is written, so the folder does
    not grow as content or code changes.
    """

    SUFFIX = ".pickle"
    KEEP = 3

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, name: str, key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
        return self.directory / f"{safe}-{key}{self.SUFFIX}"

    def get(self, name: str, key: str) -> object | None:
        import pickle

        path = self._path(name, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            value = pickle.loads(data)  # noqa: S301 - our own objects, from an owner-only folder
        except Exception:  # noqa: BLE001 - damaged or from another version: rebuild
            self._remove(path)
            return None
        try:
            os.utime(path)  # most recently used: kept when older entries are removed
        except OSError:
            pass
        return value

    def put(self, name: str, key: str, value: object) -> None:
        import pickle

        from psr_assist.atomic import write_atomic

        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - something not picklable is simply not kept
            return
        path = self._path(name, key)
        try:
            write_atomic(path, data, overwrite=True)
        except OSError:
            return
        prefix = path.name[: -len(key) - len(self.SUFFIX)]
        entries = []
        try:
            for other in self.directory.glob(f"{prefix}*{self.SUFFIX}"):
                if other != path and other.name[len(prefix) : -len(self.SUFFIX)].isalnum():  # this loader's
                    entries.append((other.stat().st_mtime_ns, other))
        except OSError:
            return
        entries.sort(reverse=True)
        for _used, old in entries[self.KEEP - 1 :]:
            self._remove(old)

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass


def content_store() -> DiskContentStore | None:
    """The store in the user's private cache folder, or ``None`` if it is off or unusable."""
    directory = private_cache_dir("content", "PSR_ASSIST_CONTENT_CACHE")
    return DiskContentStore(directory) if directory is not None else None


def install_content_cache() -> DiskContentStore | None:
    """Keep validated content in the user's private cache folder from now on (if it is usable)."""
    from psr_assist.domain import content_cache

    store = content_store()
    content_cache.install(store)
    return store
