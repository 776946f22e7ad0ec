"""What `mh-planner serve` publishes, independent of HTTP: secret addresses, bodies, conditional requests.

A `FeedSite` exports the feeds into the output folder, gives each an address under `--public-url`, and
answers "which feed is this path, if any" and "what are its bytes". Nothing in a request's path is ever
joined to a file path: a path is split into token and name, the name picks the candidate feeds (public:
names come from the data's ids) and the token is compared with each candidate's in constant time. So no
spelling of `..`, no percent-encoding, no backslash can reach anything but a current feed, and there is
no folder listing. Every published state (routes, index page) is built whole and swapped in at once, so
a request never sees half of an export.

`refresh()` compares the data folder's files with the last export and exports again when they differ;
the server calls it from a thread of its own, so that requests never wait for an export.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import hmac
import logging
import os
import socket
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.feeds.addresses import INDEX_KEY, Secrets
from mh_planner.feeds.export import ExportResult, export
from mh_planner.feeds.index import FeedLinks, render_index
from mh_planner.feeds.layout import Feed
from mh_planner.feeds.stamps import data_files
from mh_planner.loading import Dataset, load
from mh_planner.problems import InvalidData

CALENDAR_TYPE = "text/calendar; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
INDEX_NAME = "index.html"
FEED_CACHE_CONTROL = "private, no-cache"  # revalidate every time: a 304 costs a few bytes, an edit shows at once
INDEX_CACHE_CONTROL = "no-store"  # the page listing every secret stays out of every cache
MAX_CACHED_BYTES = 256 * 2**20  # feeds kept in memory between requests (a national export is ~100 MB)

Signature = tuple[tuple[str, int, int], ...]


class PublicURLError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PublicURL:
    """Where subscribers reach the feeds: 'https://calendars.example.org' or 'https://example.org/cal'.

    Every address printed or served is built from it, never from a request's Host header (which a client
    chooses, and which a proxy in front of us may rewrite)."""

    base: str  # scheme://host[:port][/prefix], no trailing slash
    prefix: str = field(init=False)  # the path part, '' or e.g. '/cal'

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefix", urllib.parse.urlsplit(self.base).path)

    @classmethod
    def parse(cls, text: str) -> PublicURL:
        parts = urllib.parse.urlsplit(text.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PublicURLError(f"{text!r} is not an http:// or https:// address (e.g. https://calendars.example.org)")
        if parts.query or parts.fragment or parts.username or parts.password:
            raise PublicURLError(f"{text!r}: a public address has no query, fragment or user name")
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError as exc:
            raise PublicURLError(f"{text!r}: {exc}") from None
        path = parts.path.rstrip("/")
        if any(c in path for c in " %?#\\") or "/." in path:
            raise PublicURLError(f"{text!r}: the path must be plain, e.g. /calendars")
        return cls(f"{parts.scheme}://{parts.netloc.lower()}{path}")

    @classmethod
    def for_listener(cls, host: str, port: int) -> PublicURL:
        """http://host:port for a server that has no public address of its own."""
        shown = host
        if host in ("0.0.0.0", "::", ""):
            shown = socket.gethostname()  # listening everywhere: the machine's name reaches it
        if ":" in shown:
            shown = f"[{shown}]"
        return cls(f"http://{shown}:{port}")

    def address(self, token: str, name: str) -> str:
        return f"{self.base}/{token}/{name}"


def webcal(address: str) -> str:
    """The webcal:// form of an http(s):// address, which opens the calendar app."""
    return "webcal://" + address.split("://", 1)[1]


@dataclass(frozen=True, slots=True)
class Body:
    data: bytes
    content_type: str
    etag: str  # a strong validator: a digest of the bytes
    modified: float | None  # seconds since the epoch, for Last-Modified
    cache_control: str
    last_modified: str | None  # `modified` as an HTTP-date

    @classmethod
    def of(cls, data: bytes, content_type: str, modified: float | None, cache_control: str) -> Body:
        date = None if modified is None else email.utils.formatdate(int(modified), usegmt=True)
        return cls(data, content_type, etag_of(data), modified, cache_control, date)


def etag_of(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()[:32]}"'


def _strip_weak(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def not_modified(body: Body, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 §13.1.2-3 and §13.2.2 for GET and HEAD: If-None-Match decides when present (weak comparison,
    '*' matches any current representation); If-Modified-Since is looked at only without it, and only when
    it is one valid HTTP-date."""
    if if_none_match is not None:
        tags = [_strip_weak(t) for t in if_none_match.split(",")]
        return "*" in tags or _strip_weak(body.etag) in tags
    if if_modified_since is None or body.modified is None:
        return False
    try:
        since = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    return int(body.modified) <= since.timestamp()


@dataclass(frozen=True, slots=True)
class Route:
    key: str  # the feed's path in the export folder, or INDEX_KEY
    name: str  # the last segment of the address
    token: bytes  # compared in constant time, never looked up
    feed: Feed | None = None
    file: str = ""  # the feed's file


@dataclass(frozen=True, slots=True)
class Published:
    """One export as served: built whole, then swapped in."""

    calendar: Calendar
    feeds: tuple[Feed, ...]
    by_name: dict[bytes, tuple[Route, ...]]
    index: Body
    result: ExportResult


_NO_ROUTE = Route("", "", b"\0" * 32)  # compared against when a name is unknown, so that work is alike


@dataclass
class _Cached:
    signature: tuple[int, int, int]
    body: Body


@dataclass
class FeedSite:
    """The feeds of `data`, exported into `out`, at the secret addresses of `secrets` under `public_url`.

    Export once at construction (with `dataset`, already loaded and checked by the caller); then `refresh()`
    exports again when the data changes. `log` receives what happens (edits seen, data that no longer
    loads); `on_new_feeds` is told of feeds that appear, so that their addresses can be handed out.
    """

    data: Path
    out: Path
    secrets: Secrets
    public_url: PublicURL
    dataset: Dataset
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("mh_planner.serve"))
    on_new_feeds: Callable[[Sequence[Feed]], None] | None = None
    exporter: Callable[[Calendar, Path], ExportResult] = export
    published: Published = field(init=False)
    _signature: Signature | None = field(init=False, default=None)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _cache: dict[str, _Cached] = field(init=False, default_factory=dict)
    _cached_bytes: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        signature = data_signature(self.data)  # before the export: an edit made meanwhile is seen next time
        self.published = self._publish(self.dataset)
        self.secrets.save()  # mode 0600 even when nothing new was issued
        self._signature = signature

    # --- exporting --------------------------------------------------------------------------------

    @property
    def year(self) -> str | None:
        """The academic year served, kept when the data is read again (None: the folder holds one year)."""
        return self.dataset.label if self.dataset.years is not None else None

    def _publish(self, dataset: Dataset) -> Published:
        calendar = assemble(dataset)
        result = self.exporter(calendar, self.out)
        if self.secrets.ensure(f.path for f in result.feeds):
            self.secrets.save()
        by_name: dict[bytes, list[Route]] = {}
        index_route = Route(INDEX_KEY, INDEX_NAME, self.secrets.token(INDEX_KEY).encode())
        by_name[INDEX_NAME.encode()] = by_name[b""] = [index_route]
        for feed in result.feeds:
            token = self.secrets.token(feed.path).encode()
            route = Route(feed.path, feed.flat_name, token, feed, str(self.out / feed.path))
            by_name.setdefault(feed.flat_name.encode(), []).append(route)
        page = render_index(calendar, result.feeds, self._links, served=True)
        index = Body.of(page, HTML_TYPE, None, INDEX_CACHE_CONTROL)
        return Published(calendar, tuple(result.feeds), {k: tuple(v) for k, v in by_name.items()}, index, result)

    def refresh(self, *, force: bool = False) -> bool:
        """Export again if the data changed since the last look; True if it did. Cheap when nothing changed.
        Returns at once when another refresh is under way. Never raises: data that no longer loads, or an
        export that fails, is logged and the last good feeds stay served."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            signature = data_signature(self.data)
            if signature == self._signature and not force:
                return False
            self._signature = signature  # whatever happens next, report it once per edit
            try:
                dataset = load(self.data, self.year)
            except InvalidData as exc:
                problems = list(exc.problems)
                for problem in problems:
                    self.log.warning("%s", problem)
                self.log.warning("%d problem(s) in %s: still serving the last good feeds.", len(problems), self.data)
                return False
            try:
                published = self._publish(dataset)
            except Exception as exc:  # a full disk, a bug: the server stays up with the last good feeds
                self.log.error("export failed (%s): still serving the last good feeds.", type(exc).__name__)
                return False
            known = {f.path for f in self.published.feeds}
            self.published = published
            self.log.info("data changed: exported again (%s)", published.result.summary())
            added = [f for f in published.feeds if f.path not in known]
            if added and self.on_new_feeds is not None:
                self.on_new_feeds(added)
            return True
        finally:
            self._lock.release()

    # --- answering --------------------------------------------------------------------------------

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self.published.feeds

    def match(self, raw_path: bytes) -> Route | None:
        """The route of `/<token>/<name>` (the raw path, before any percent-decoding; the public URL's path
        prefix may come first), or None for anything else."""
        prefix = self.public_url.prefix.encode()
        if prefix and raw_path.startswith(prefix + b"/"):
            raw_path = raw_path[len(prefix) :]
        parts = raw_path.split(b"/")
        if len(parts) != 3 or parts[0]:
            return None
        token, name = parts[1], parts[2]
        found = None
        for route in self.published.by_name.get(name, (_NO_ROUTE,)):
            if hmac.compare_digest(token, route.token) and route is not _NO_ROUTE:
                found = route
        return found

    def body(self, route: Route) -> Body | None:
        """The bytes to answer for `route`: the index page, or the feed's file as it is now (cached while its
        size, mtime and inode stay the same; the export replaces files by renaming)."""
        if route.feed is None:
            return self.published.index
        try:
            stat = os.stat(route.file)
        except OSError:
            return None
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        cached = self._cache.get(route.key)
        if cached is not None and cached.signature == signature:
            return cached.body
        try:
            with open(route.file, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        body = Body.of(data, CALENDAR_TYPE, stat.st_mtime, FEED_CACHE_CONTROL)
        if cached is not None:
            self._cached_bytes -= len(cached.body.data)
            del self._cache[route.key]
        if self._cached_bytes + len(data) <= MAX_CACHED_BYTES:
            self._cache[route.key] = _Cached(signature, body)
            self._cached_bytes += len(data)
        return body

    def address(self, feed: Feed | None) -> str:
        """The http(s):// address of a feed, or of the index with None."""
        if feed is None:
            return self.public_url.address(self.secrets.token(INDEX_KEY), "")
        return self.public_url.address(self.secrets.token(feed.path), feed.flat_name)

    def _links(self, feed: Feed) -> FeedLinks:
        address = self.address(feed)
        return FeedLinks(webcal(address), address)


def data_signature(root: Path) -> Signature:
    """Names, mtimes and sizes of the data's files (hidden ones, like the secrets file, left out)."""
    found = []
    for path in data_files(root):
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))
