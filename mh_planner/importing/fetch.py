"""Bringing a source's bytes home, a file or an http(s) address, into a local cache of last good copies.

A refresh of an unchanged source costs one conditional GET answered by 304 (If-None-Match with the
last ETag, If-Modified-Since with the last Last-Modified). A source that cannot be fetched or read, or
whose new copy the caller's `accept` refuses, gives its last good copy with a note, "stale since ...,
because ...", which is also kept beside the copy for the check's output; only a source never read
successfully fails. Timeouts bound the connection, every read and the whole transfer; the size cap is
enforced while streaming, so an endless body never fills memory. `cached` reads the last good copy
alone: a check never goes to the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mh_planner.files.atomic import remove_leftovers, write_atomic
from mh_planner.files.lock import writing
from mh_planner.importing.errors import ImportFailure, is_address
from mh_planner.importing.limits import DEFAULT_LIMITS

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "mh-planner-import/1"


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    read: float = 30.0  # between two reads
    total: float = 120.0  # the whole transfer: a server dripping a byte at a time ends here


@dataclass(frozen=True, slots=True)
class Fetched:
    body: bytes
    fetched_at: dt.datetime  # UTC: when this body was last confirmed current (200 or 304)
    fresh: bool  # False: the source could not be fetched and this is the last good copy
    note: str | None = None  # "stale since ..., because ...": show it beside the source's results
    not_modified: bool = False  # the server answered 304: the cached body is current


Accept = Callable[[bytes], object]  # reads a new copy; raises ImportFailure when it is unusable


def load(
    source: str,
    cache_dir: Path,
    *,
    base: Path | None = None,
    max_bytes: int = DEFAULT_LIMITS.max_bytes,
    timeouts: Timeouts = Timeouts(),
    accept: Accept | None = None,
) -> Fetched:
    """A file path (relative to `base`) or an http(s)/webcal address, kept in `cache_dir` as the last good
    copy. `accept` reads a new copy before it replaces the last good one: a copy it refuses is not kept."""
    if is_address(source):
        return fetch(source, cache_dir, max_bytes=max_bytes, timeouts=timeouts, accept=accept)
    remove_leftovers(cache_dir)  # copies left half-written by an import that was killed
    path = file_path(source, base)
    cache = _Cache(cache_dir, source)
    previous = cache.read()
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        return _stale(cache, previous, ImportFailure(source, f"cannot be read: {error.strerror or error}"))
    if len(body) > max_bytes:
        return _stale(cache, previous, ImportFailure(source, f"is larger than the limit of {max_bytes:,} bytes"))
    return _keep(cache, previous, body, {}, accept)


def file_path(source: str, base: Path | None = None) -> Path:
    """Where a file source is: `file:` and `~` understood, relative to `base` (the data folder)."""
    path = Path(source[7:] if source.lower().startswith("file://") else source).expanduser()
    return base / path if base is not None and not path.is_absolute() else path


def fetch(
    url: str,
    cache_dir: Path,
    *,
    max_bytes: int = DEFAULT_LIMITS.max_bytes,
    timeouts: Timeouts = Timeouts(),
    accept: Accept | None = None,
) -> Fetched:
    remove_leftovers(cache_dir)  # copies left half-written by an import that was killed
    cache = _Cache(cache_dir, url)
    previous = cache.read()
    try:
        status, headers, body = _get(url, previous, max_bytes, timeouts)
    except _Failed as failure:
        return _stale(cache, previous, ImportFailure(url, f"cannot be fetched: {failure}"), str(failure))
    if status == 304 and previous is not None:
        return _keep(cache, previous, previous.body, headers, accept, not_modified=True)
    return _keep(cache, previous, body, headers, accept)


def cached(source: str, cache_dir: Path) -> Fetched | None:
    """The last good copy of `source`, without reading the source itself (what `check` uses)."""
    entry = _Cache(cache_dir, source).read()
    if entry is None:
        return None
    stale = entry.meta.get("stale") or None
    return Fetched(entry.body, dt.datetime.fromisoformat(entry.meta["fetched_at"]), not stale, stale)


def _keep(
    cache: _Cache,
    previous: _Entry | None,
    body: bytes,
    headers: dict[str, str],
    accept: Accept | None,
    not_modified: bool = False,
) -> Fetched:
    """A new (or confirmed) copy becomes the last good one, once `accept` has read it."""
    if accept is not None:
        try:
            accept(body)
        except ImportFailure as failure:
            return _stale(cache, previous, failure, f"the copy read now is unusable ({failure.detail})")
    now = dt.datetime.now(dt.UTC)
    cache.write(body, headers, now, keep=previous.meta if not_modified and previous is not None else None)
    return Fetched(body, now, fresh=True, not_modified=not_modified)


def _stale(cache: _Cache, previous: _Entry | None, failure: ImportFailure, why: str | None = None) -> Fetched:
    """The last good copy, noted as stale (the note is kept for `check`); with none, the failure."""
    if previous is None:
        raise failure
    since = previous.meta["fetched_at"]
    note = f"stale since {since[:16].replace('T', ' ')} UTC, because {why or failure.detail}"
    cache.note(previous, note)
    return Fetched(previous.body, dt.datetime.fromisoformat(since), fresh=False, note=note)


class _Failed(Exception):
    """Why a fetch failed, as a phrase: 'HTTP 503 Service Unavailable', 'the connection timed out'."""


@dataclass(slots=True)
class _Entry:
    body: bytes
    meta: dict[str, str]


class _Cache:
    """`<digest>.ics` (the body) and `<digest>.json` (validators, the body's SHA-256), written atomically."""

    def __init__(self, folder: Path, url: str) -> None:
        self.folder = folder
        key = hashlib.sha256(url.encode()).hexdigest()[:32]
        self.body_path, self.meta_path = folder / f"{key}.ics", folder / f"{key}.json"
        self.url = url

    def read(self) -> _Entry | None:
        try:
            meta = json.loads(self.meta_path.read_text("utf-8"))
            body = self.body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None  # a half-written pair (the body is written first): as if never fetched
        return _Entry(body, meta)

    def write(self, body: bytes, headers: dict[str, str], now: dt.datetime, keep: dict[str, str] | None = None) -> None:
        meta = {
            "url": self.url,
            "etag": headers.get("etag") or (keep or {}).get("etag", ""),
            "last_modified": headers.get("last-modified") or (keep or {}).get("last_modified", ""),
            "fetched_at": now.isoformat(timespec="seconds"),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        if keep is None:
            _atomic(self.body_path, body)
        _atomic(self.meta_path, json.dumps(meta, indent=1).encode())

    def note(self, entry: _Entry, stale: str) -> None:
        """Say, beside the last good copy, why it is stale (the next good copy clears it)."""
        _atomic(self.meta_path, json.dumps({**entry.meta, "stale": stale}, indent=1).encode())


PRIVATE = 0o600  # a copy may hold someone's busy times: owner-only, as the feeds' addresses


def _atomic(path: Path, data: bytes) -> None:
    """One copy written as every file the planner writes (`files.atomic`: a temporary file named so that
    `remove_leftovers` knows it), under the folder's writers' lock so that a tidy-up never takes a copy
    being written."""
    with writing(path.parent):
        write_atomic(path, data, mode=PRIVATE)


def _get(url: str, cached: _Entry | None, max_bytes: int, timeouts: Timeouts) -> tuple[int, dict[str, str], bytes]:
    deadline = time.monotonic() + timeouts.total
    headers = {"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5", "Accept-Encoding": "gzip"}
    if cached is not None:
        if cached.meta.get("etag"):
            headers["If-None-Match"] = cached.meta["etag"]
        if cached.meta.get("last_modified"):
            headers["If-Modified-Since"] = cached.meta["last_modified"]
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        scheme = {"webcal": "https", "webcals": "https"}.get(parts.scheme.lower(), parts.scheme.lower())
        if scheme not in ("http", "https") or not parts.hostname:
            # Not the address itself: it may be a redirect's, with a secret in its path (the note is kept).
            host = (parts.hostname or "none")[:60]
            raise _Failed(f"not an http(s) address (scheme {parts.scheme[:20]!r}, host {host!r})")
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = kind(parts.hostname, parts.port, timeout=timeouts.connect)
        try:
            try:
                connection.connect()
                assert connection.sock is not None
                connection.sock.settimeout(timeouts.read)  # from here on, the read timeout
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                reply = {k.lower(): v for k, v in response.getheaders()}
                if response.status in (301, 302, 303, 307, 308) and reply.get("location"):
                    url = urljoin(url, reply["location"])
                    continue
                if response.status == 304:
                    return 304, reply, b""
                if response.status != 200:
                    raise _Failed(f"HTTP {response.status} {response.reason}".strip())
                return 200, reply, _body(response, reply, max_bytes, deadline)
            except TimeoutError:
                raise _Failed("the server did not answer in time") from None
            except (ConnectionError, socket.gaierror, http.client.HTTPException, OSError) as error:
                raise _Failed(_why(error)) from None
        finally:
            connection.close()
    raise _Failed(f"more than {MAX_REDIRECTS} redirects")


def _body(response: http.client.HTTPResponse, reply: dict[str, str], max_bytes: int, deadline: float) -> bytes:
    declared = reply.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _Failed(f"it is {int(declared):,} bytes, more than the limit of {max_bytes:,}")
    gzip = reply.get("content-encoding", "").lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzip else None
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _Failed("the transfer took too long")
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        if inflate is not None:  # the cap is on what it inflates to: a small bomb stays small
            chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            if inflate.unconsumed_tail:
                raise _Failed(f"it is more than the limit of {max_bytes:,} bytes")
        size += len(chunk)
        if size > max_bytes:
            raise _Failed(f"it is more than the limit of {max_bytes:,} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _why(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(error, socket.gaierror):
        return "the host name is unknown"
    text = str(error) or type(error).__name__
    return " ".join(text.split())
