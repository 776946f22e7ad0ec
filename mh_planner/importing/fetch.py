"""Bringing a source's bytes home: a file path, or an http(s) address with a local cache.

A refresh of an unchanged source costs one conditional GET answered by 304 (If-None-Match with the
last ETag, If-Modified-Since with the last Last-Modified). A source that cannot be fetched gives its
last good copy with a note, "stale since ..., because ...", for the check's output; only a source
never fetched successfully fails. Timeouts bound the connection, every read and the whole transfer;
the size cap is enforced while streaming, so an endless body never fills memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import socket
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mh_planner.importing.errors import ImportFailure
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


def load(
    source: str, cache_dir: Path, *, max_bytes: int = DEFAULT_LIMITS.max_bytes, timeouts: Timeouts = Timeouts()
) -> Fetched:
    """A file path or an http(s)/webcal address."""
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https", "webcal", "webcals"):
        return fetch(source, cache_dir, max_bytes=max_bytes, timeouts=timeouts)
    path = Path(source[7:] if scheme == "file" else source)
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        raise ImportFailure(source, f"cannot be read: {error.strerror or error}") from None
    if len(body) > max_bytes:
        raise ImportFailure(source, f"is larger than the limit of {max_bytes:,} bytes")
    return Fetched(body, dt.datetime.now(dt.UTC), fresh=True)


def fetch(
    url: str, cache_dir: Path, *, max_bytes: int = DEFAULT_LIMITS.max_bytes, timeouts: Timeouts = Timeouts()
) -> Fetched:
    cache = _Cache(cache_dir, url)
    cached = cache.read()
    try:
        status, headers, body = _get(url, cached, max_bytes, timeouts)
    except _Failed as failure:
        if cached is None:
            raise ImportFailure(url, f"cannot be fetched: {failure}") from None
        since = cached.meta["fetched_at"]
        note = f"stale since {since[:16].replace('T', ' ')} UTC, because {failure}"
        return Fetched(cached.body, dt.datetime.fromisoformat(since), fresh=False, note=note)
    now = dt.datetime.now(dt.UTC)
    if status == 304 and cached is not None:
        cache.write(cached.body, headers, now, keep=cached.meta)
        return Fetched(cached.body, now, fresh=True, not_modified=True)
    cache.write(body, headers, now)
    return Fetched(body, now, fresh=True)


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


def _atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
            raise _Failed(f"{url!r} is not an http(s) address")
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
