"""`mh-planner serve`: the exported feeds over HTTP, at secret addresses, re-exported when the data changes.

Only the standard library (`http.server`). A request is answered from a routing table built at each export
(token -> one file of the export folder): nothing in the request's path is ever joined to a file system
path, so no spelling of `..` can reach anything else, and there is no listing of any folder.
Between requests, at most every `poll_seconds`, the data folder's YAML files are compared with what was
last exported (names, sizes, mtimes); on a difference the feeds are exported again. Data that no longer
loads is reported on stderr and the last good feeds stay served.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.feeds.addresses import INDEX_KEY, SECRETS_FILE, Secrets
from mh_planner.feeds.export import export
from mh_planner.feeds.index import FeedLinks, render_index
from mh_planner.feeds.layout import Feed
from mh_planner.loading import Dataset, InvalidData, load

CALENDAR_TYPE = "text/calendar; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
_TOKEN_LIKE = re.compile(r"/[A-Za-z0-9_-]{16,}(?=[/?\s]|$)")  # a segment, not a feed's name ending in .ics
_HOST_HEADER = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def data_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Names, sizes and mtimes of the data's YAML files (hidden ones, like the secrets file, left out)."""
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or path.suffix not in (".yaml", ".yml"):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        found.append((relative.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class Route:
    key: str  # the feed's path in the export folder, or INDEX_KEY
    name: str  # the last part of the address
    feed: Feed | None = None


@dataclass(frozen=True, slots=True)
class Body:
    data: bytes
    content_type: str
    etag: str
    modified: float | None  # seconds since the epoch, for Last-Modified


def etag_of(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()[:32]}"'


class FeedSite:
    """What the server publishes, independent of HTTP (so that tests can drive it directly too)."""

    def __init__(
        self,
        data: Path,
        out: Path,
        *,
        rotate: bool = False,
        dataset: Dataset | None = None,
        poll_seconds: float = 2.0,
        log: Callable[[str], None] = _stderr,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.data, self.out = data, out
        self.poll_seconds, self.log, self.clock = poll_seconds, log, clock
        self.secrets = Secrets.load(data / SECRETS_FILE, rotate=rotate)
        self.lock = threading.Lock()
        self.calendar: Calendar | None = None
        self.feeds: list[Feed] = []
        self.routes: dict[str, Route] = {}  # token -> route; replaced whole, never mutated
        self.on_new_feeds: Callable[[list[Feed]], None] | None = None
        self._signature: tuple[tuple[str, int, int], ...] | None = None
        self._checked = float("-inf")
        self._bodies: dict[tuple[str, int, int], Body] = {}
        signature = data_signature(data)  # before loading: an edit made meanwhile is seen at the next look
        dataset = dataset if dataset is not None else load(data)
        self.year = dataset.label if dataset.years is not None else None  # the year served, kept on reloads
        self._publish(dataset, signature, first=True)

    # --- exporting --------------------------------------------------------------------------------

    def _publish(self, dataset: Dataset, signature: tuple[tuple[str, int, int], ...], first: bool = False) -> None:
        calendar = assemble(dataset)
        result = export(calendar, self.out)
        known = {f.path for f in self.feeds}
        if self.secrets.ensure(f.path for f in result.feeds) or first:
            self.secrets.save()
        routes = {self.secrets.tokens[INDEX_KEY]: Route(INDEX_KEY, "")}
        for feed in result.feeds:
            routes[self.secrets.tokens[feed.path]] = Route(feed.path, feed.flat_name, feed)
        self.calendar, self.feeds, self.routes = calendar, result.feeds, routes
        self._signature = signature
        if not first:
            self.log(f"data changed: exported again ({result.summary()})")
            added = [f for f in result.feeds if f.path not in known]
            if added and self.on_new_feeds:
                self.on_new_feeds(added)

    def refresh(self, *, force: bool = False) -> bool:
        """Export again if the data changed since the last look; True if it did. Cheap when nothing changed,
        and never makes a request wait for another one's export."""
        if not self.lock.acquire(blocking=False):
            return False  # another request is exporting: serve what is there (files are replaced atomically)
        try:
            moment = self.clock()
            if not force and moment - self._checked < self.poll_seconds:
                return False
            self._checked = moment
            signature = data_signature(self.data)
            if signature == self._signature and not force:
                return False
            try:
                dataset = load(self.data, self.year)
            except InvalidData as exc:
                self._signature = signature  # report once per edit, not on every request
                problems = list(exc.problems)
                for problem in problems:
                    self.log(str(problem))
                self.log(f"{len(problems)} problem(s) in {self.data}: still serving the last good feeds.")
                return False
            try:
                self._publish(dataset, signature)
            except Exception as exc:  # a full disk, a bug: the server stays up with the last good feeds
                self._signature = signature
                self.log(f"export failed ({exc!r}): still serving the last good feeds.")
                return False
            return True
        finally:
            self.lock.release()

    # --- answering --------------------------------------------------------------------------------

    def route(self, raw_path: str) -> Route | None:
        """The route of '/<token>/<name>' (a query string is ignored), or None for anything else."""
        path = raw_path.split("?", 1)[0].split("#", 1)[0]
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "":
            return None
        route = self.routes.get(parts[1])
        if route is None:
            return None
        if route.key == INDEX_KEY:
            return route if parts[2] in ("", "index.html") else None
        return route if parts[2] == route.name else None

    def body(self, route: Route, base_url: str) -> Body | None:
        if route.feed is None:
            page = self.index_page(base_url)
            return Body(page, HTML_TYPE, etag_of(page), None)
        path = self.out / route.key
        if self.out.resolve() not in path.resolve().parents:
            return None  # the layout never does this; a symlink planted in the folder might
        try:
            stat = path.stat()
            cache_key = (route.key, stat.st_mtime_ns, stat.st_size)
            cached = self._bodies.get(cache_key)
            if cached is not None:
                return cached
            data = path.read_bytes()
        except OSError:
            return None
        found = Body(data, CALENDAR_TYPE, etag_of(data), stat.st_mtime)
        self._bodies = {k: v for k, v in self._bodies.items() if k[0] != route.key} | {cache_key: found}
        return found

    def address(self, feed: Feed | None, base_url: str) -> str:
        if feed is None:
            return f"{base_url}/{self.secrets.tokens[INDEX_KEY]}/"
        return f"{base_url}/{self.secrets.tokens[feed.path]}/{feed.flat_name}"

    def index_page(self, base_url: str) -> bytes:
        if self.calendar is None:
            return b""

        def links(feed: Feed) -> FeedLinks:
            http = self.address(feed, base_url)
            return FeedLinks(webcal(http), http)

        return render_index(self.calendar, self.feeds, links, served=True)


def webcal(http_url: str) -> str:
    return "webcal://" + http_url.split("://", 1)[1]


def not_modified(headers: Message | Mapping[str, str], body: Body) -> bool:
    """RFC 9110 §13.1: If-None-Match decides when present; If-Modified-Since only without it."""
    match = headers.get("If-None-Match")
    if match is not None:
        tags = [t.strip().removeprefix("W/") for t in match.split(",")]
        return "*" in tags or body.etag in tags
    since = headers.get("If-Modified-Since")
    if since is None or body.modified is None:
        return False
    try:
        moment = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(body.modified) <= moment.timestamp()


class Handler(BaseHTTPRequestHandler):
    server: FeedServer
    server_version = "mh-planner"
    timeout = 30  # a client that stalls mid-request does not hold a thread for ever

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def _answer(self, *, send_body: bool) -> None:
        site = self.server.site
        site.refresh()
        route = site.route(self.path)
        body = site.body(route, self._base_url()) if route is not None else None
        if body is None:
            self._not_found(send_body)
            return
        if not_modified(self.headers, body):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(body)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", body.content_type)
        self.send_header("Content-Length", str(len(body.data)))
        self._validators(body)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")  # the addresses are the secrets
        self.end_headers()
        if send_body:
            self.wfile.write(body.data)

    def _validators(self, body: Body) -> None:
        self.send_header("ETag", body.etag)
        if body.modified is not None:
            self.send_header("Last-Modified", email.utils.formatdate(body.modified, usegmt=True))
        # Revalidate every time: a 304 costs a few bytes and an edit shows at the client's next poll.
        self.send_header("Cache-Control", "private, no-cache" if body.modified is not None else "no-store")

    def _not_found(self, send_body: bool) -> None:
        data = b"Not found.\n"
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _base_url(self) -> str:
        host = self.headers.get("Host", "")
        if not _HOST_HEADER.match(host):
            host = self.server.display_address
        return f"http://{host}"

    def log_message(self, format: str, *args: object) -> None:
        # A log line must not hand out the secrets: every token-like path segment is masked.
        line = f"{self.address_string()} [{self.log_date_time_string()}] {format % args}"
        self.server.log(_TOKEN_LIKE.sub("/<secret>", line))


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True  # stopping the server never waits on a slow client

    def __init__(self, site: FeedSite, host: str = "127.0.0.1", port: int = 0, *, quiet: bool = False) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.site = site
        self.quiet = quiet
        super().__init__((host, port), Handler)

    def log(self, message: str) -> None:
        if not self.quiet:
            self.site.log(message)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def display_address(self) -> str:
        host = str(self.server_address[0])
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()  # listening everywhere: the machine's name reaches it
        if ":" in host:
            host = f"[{host}]"
        return f"{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.display_address}"
