"""A cache of parsed YAML files, keyed by each file's content: an unchanged network is not parsed again.

    read_cached(path, problems, display) -> Source | None     `yaml_read.read_yaml`, through the cache

YAML is the slow part of loading (a 40-hub network: ~1.8 s of YAML against ~0.1 s to read the same data back
from this cache). Each file's bytes are read once and hashed; the key is that hash together with the program's
code stamp (its version, Python's and PyYAML's, and the source of the reader), so an entry is only ever used
for the very bytes it was made from, by the reader that made it. A file that changed has another key: a stale
entry cannot be used, only left to age out. Only files that parsed without a problem are kept (a file with
problems is parsed every time, so its problems are always reported).

Where: `$MH_PLANNER_CACHE` if set (`off` turns the cache off), else the user's cache folder
(`$XDG_CACHE_HOME/mh-planner`, by default `~/.cache/mh-planner`), never the data folder: entries are pickles,
so the folder must be the user's own and writable by nobody else (otherwise it is not used). Each entry carries
a digest of its payload; one that is truncated, corrupt or from another key is removed and the file parsed.
Entries not used for `MAX_AGE_DAYS` are removed, at most once a day.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from mh_planner.files import yaml_read
from mh_planner.files.yaml_read import Source, parse_bytes, read_bytes, read_yaml
from mh_planner.problems import Problems

ENV = "MH_PLANNER_CACHE"
OFF = {"", "0", "off", "no", "false", "none"}
MAGIC = b"MHPC\x00\x00\x00\x01"  # the entry format; a new format is a new magic
HEADER = len(MAGIC) + 32  # the magic, then the sha256 of the payload
MAX_AGE_DAYS = 30
DAY = 86400.0


def default_folder() -> Path | None:
    """The cache folder this process uses, or None when the cache is off."""
    given = os.environ.get(ENV)
    if given is not None:
        return None if given.strip().lower() in OFF else Path(given).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mh-planner"


def _code_stamp() -> bytes:
    """What the parsed data depends on besides the bytes: this program's reader and its libraries."""
    from mh_planner import __version__

    parts = [MAGIC, __version__.encode(), sys.version.encode(), yaml.__version__.encode()]
    parts.append(str(getattr(yaml, "__with_libyaml__", False)).encode())
    for module in (yaml_read, sys.modules[__name__]):
        try:
            parts.append(Path(module.__file__ or "").read_bytes())
        except OSError:  # no source beside the code (a frozen build): its version has to do
            parts.append(str(module.__file__).encode())
    return hashlib.sha256(b"\0".join(parts)).digest()


class ParseCache:
    """Parsed files under `folder`/parsed, one pickle per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "parsed"
        self.stamp = _code_stamp()
        self._pruned = False

    @classmethod
    def at(cls, folder: Path | None) -> ParseCache | None:
        """A cache in `folder`, or None when it cannot be used safely (not ours, writable by others)."""
        if folder is None:
            return None
        try:
            (folder / "parsed").mkdir(parents=True, exist_ok=True, mode=0o700)
            for part in (folder, folder / "parsed"):
                info = part.stat()
                if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
                    return None
        except OSError:
            return None
        return cls(folder)

    def key(self, raw: bytes) -> str:
        return hashlib.sha256(self.stamp + raw).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> tuple[Any, dict[Any, int]] | None:
        """(data, lines) stored under `key`, or None; a damaged entry is removed."""
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        try:
            head, digest, payload = blob[: len(MAGIC)], blob[len(MAGIC) : HEADER], blob[HEADER:]
            if head != MAGIC or hashlib.sha256(payload).digest() != digest:
                raise ValueError("damaged")
            stored, data, lines = _unpickle(payload)
            if stored != key:
                raise ValueError("another key")
        except Exception:  # truncated, corrupt, from another version: parse the file instead
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self._touch(path)
        return data, lines

    def put(self, key: str, source: Source) -> None:
        """Keep a parsed file (never fails the load: a cache that cannot be written is no cache)."""
        payload = pickle.dumps((key, source.data, source.lines), protocol=pickle.HIGHEST_PROTOCOL)
        blob = MAGIC + hashlib.sha256(payload).digest() + payload
        path = self._path(key)
        with contextlib.suppress(OSError):
            path.parent.mkdir(exist_ok=True, mode=0o700)
            fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(blob)
                os.replace(temp, path)  # no fsync: an entry lost in a crash is parsed again
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        self.prune()

    def _touch(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > DAY:
                os.utime(path)

    def prune(self, now: float | None = None) -> int:
        """Remove entries unused for MAX_AGE_DAYS (at most once a day, and once a process); how many."""
        if self._pruned:
            return 0
        self._pruned = True
        now = now or time.time()
        marker = self.folder / ".pruned"
        removed = 0
        with contextlib.suppress(OSError):
            if marker.exists() and now - marker.stat().st_mtime < DAY:
                return 0
            marker.touch()
            for entry in self.folder.glob("*/*"):
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > MAX_AGE_DAYS * DAY:
                        entry.unlink()
                        removed += 1
        return removed


def _unpickle(payload: bytes) -> Any:
    """A pickle of plain data (dicts, lists, tuples: no cycles), with the cyclic collector paused: the
    hundreds of thousands of objects it makes would otherwise trigger collections over the whole heap."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if paused:
            gc.enable()


_CACHES: dict[Path | None, ParseCache | None] = {}


def current() -> ParseCache | None:
    """The cache for this process's settings (looked up again if `$MH_PLANNER_CACHE` changes)."""
    folder = default_folder()
    if folder not in _CACHES:
        _CACHES[folder] = ParseCache.at(folder)
    return _CACHES[folder]


def read_cached(path: Path, problems: Problems, display: str | None = None) -> Source | None:
    """`read_yaml(path, problems, display)`, from the cache when these exact bytes were parsed before."""
    cache = current()
    if cache is None:
        return read_yaml(path, problems, display)
    raw = read_bytes(path, problems, display or str(path))  # bounded, never blocking: as read_yaml reads
    if raw is None:
        return None
    key = cache.key(raw)
    found = cache.get(key)
    if found is not None:
        return Source(path, *found)
    own = Problems()
    source = parse_bytes(raw, path, own, display or str(path))
    for problem in own.items:
        problems.add(problem.file, problem.line, problem.field, problem.message)
    if source is not None and not own:
        cache.put(key, source)
    return source
