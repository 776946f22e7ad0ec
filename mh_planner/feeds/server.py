"""`mh-planner serve`: the feeds over HTTP with uvicorn, at secret addresses, re-exported when the data changes.

uvicorn (with httptools and, where installed, uvloop) runs a small ASGI application of our own
(`FeedApp`): a request is answered from the `FeedSite`'s routes and cached bytes, with ETag and
Last-Modified and `304 Not Modified`. On top of what uvicorn provides (a listen backlog, a cap on
connections that answers `503` beyond it, keep-alive timeouts), `DeadlineProtocol` gives each request a
deadline: a client must send its whole request head within `request_timeout` seconds of its first byte
(or of connecting), however it trickles it, and a response a client does not read within `drain_timeout`
is dropped. uvicorn has no such timeout of its own: its keep-alive timer is reset by every byte received.

Nothing that could carry a secret is ever logged: uvicorn's access log is off; ours names a matched
address `/<secret>/<name>` and anything else `<not a feed address>`; uvicorn's own warnings and errors go
through `Redact`, which masks any run of characters a token could be spelt with (percent-encoded too).

The data folder is watched from a thread of its own (`FeedSite.refresh`), so that no request waits for an
export; each export is swapped in whole.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from mh_planner.feeds.site import Body, FeedSite, not_modified

BACKLOG = 2048  # connections the kernel queues before accept (capped by net.core.somaxconn)
MAX_CONNECTIONS = 1000  # open connections; beyond them a request gets 503 at once
REQUEST_TIMEOUT = 10.0  # seconds to send a whole request head, from its first byte or from connecting
DRAIN_TIMEOUT = 60.0  # seconds for a client to read a response before the connection is dropped
KEEP_ALIVE = 5  # seconds an idle connection stays open between requests
MAX_HEAD_BYTES = 16 * 1024  # a request line and headers longer than this get 431
LINGER = 2.0  # seconds a refused connection is kept half-closed, so that the refusal reaches the client
POLL_SECONDS = 2.0  # how often the data folder is looked at
SERVER_NAME = b"mh-planner"  # no version, no Python, no uvicorn
MADE_HEADERS = 10_000  # bodies whose response headers are kept ready
FD_HEADROOM = 64  # file descriptors kept for the exports, the log and the listening socket

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Headers = list[tuple[bytes, bytes]]

# A Host field value (RFC 9110 §7.2, RFC 3986 §3.2.2): a reg-name or IPv4 address, or an IP literal, with
# an optional port; empty is allowed (a target URI without authority).
_HOST = re.compile(rb"^(?:(?:[A-Za-z0-9._~!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?$")
_SECRET_LIKE = re.compile(r"[A-Za-z0-9_%-]{16,}")  # a token in any spelling: plain, or percent-encoded


@dataclass(frozen=True, slots=True)
class ServeOptions:
    max_connections: int = MAX_CONNECTIONS
    request_timeout: float = REQUEST_TIMEOUT
    drain_timeout: float = DRAIN_TIMEOUT
    keep_alive: int = KEEP_ALIVE
    backlog: int = BACKLOG
    poll_seconds: float = POLL_SECONDS
    access_log: bool = True


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: Headers
    body: bytes  # empty for HEAD and 304
    shown: str  # what the access log shows of the request target: never a token


def _plain(status: int, text: str, *extra: tuple[bytes, bytes]) -> tuple[int, Headers, bytes]:
    data = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
        *extra,
    ]
    return status, headers, data


class FeedApp:
    """The ASGI application: GET and HEAD of the site's addresses, nothing else."""

    def __init__(self, site: FeedSite, log: logging.Logger, *, access_log: bool = True) -> None:
        self.site, self.log, self.access_log = site, log, access_log
        self._made: dict[int, tuple[Body, Headers, Headers]] = {}  # id(body) -> its headers; the body kept alive

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan is off; no websockets
        answer = self.respond(scope["method"], scope["http_version"], scope["raw_path"], scope["headers"])
        await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
        await send({"type": "http.response.body", "body": answer.body})
        if self.access_log and self.log.isEnabledFor(logging.INFO):
            client = scope.get("client")
            who = f"{client[0]}:{client[1]}" if client else "-"
            method = scope["method"] if scope["method"] in ("GET", "HEAD", "POST", "PUT", "DELETE") else "<method>"
            self.log.info('%s "%s %s HTTP/%s" %d', who, method, answer.shown, scope["http_version"], answer.status)

    def respond(self, method: str, version: str, raw_path: bytes, headers: Iterable[tuple[bytes, bytes]]) -> Answer:
        """The answer to one request, from its method, HTTP version, raw path (no query) and headers."""
        hosts: list[bytes] = []
        if_none_match: list[bytes] = []
        if_modified_since: list[bytes] = []
        for name, value in headers:
            if name == b"host":
                hosts.append(value)
            elif name == b"if-none-match":
                if_none_match.append(value)
            elif name == b"if-modified-since":
                if_modified_since.append(value)
        # RFC 9112 §3.2: 400 for HTTP/1.1 without Host, for more than one Host, or for an invalid one. With an
        # absolute-form target the Host field is still required, and ignored (§3.2.2): so is it here, always.
        if len(hosts) > 1 or (not hosts and version == "1.1") or (hosts and not _HOST.match(hosts[0])):
            return self._answer(*_plain(400, "Bad request: a valid Host header is required.\n",
                                        (b"connection", b"close")), "<bad request>", method)
        route = self.site.match(raw_path)
        shown = f"/<secret>/{'' if route.feed is None else route.name}" if route else "<not a feed address>"
        if method not in ("GET", "HEAD"):
            return self._answer(*_plain(405, "Method not allowed.\n", (b"allow", b"GET, HEAD")), shown, method)
        body = self.site.body(route) if route is not None else None
        if body is None:
            return self._answer(*_plain(404, "Not found.\n"), shown, method)
        ok, unchanged = self._headers(body)
        if if_none_match or if_modified_since:
            since = if_modified_since[0].decode("latin-1") if len(if_modified_since) == 1 else None
            match = b", ".join(if_none_match).decode("latin-1") if if_none_match else None
            if not_modified(body, match, since):
                return Answer(304, unchanged, b"", shown)
        return Answer(200, ok, b"" if method == "HEAD" else body.data, shown)

    def _headers(self, body: Body) -> tuple[Headers, Headers]:
        """The headers of a 200 and of a 304 for `body`, made once per body."""
        cached = self._made.get(id(body))
        if cached is not None and cached[0] is body:
            return cached[1], cached[2]
        unchanged = self._validators(body)
        ok = [
            (b"content-type", body.content_type.encode()),
            (b"content-length", str(len(body.data)).encode()),
            *unchanged,
            (b"x-content-type-options", b"nosniff"),
        ]
        if len(self._made) >= MADE_HEADERS:
            self._made.clear()
        self._made[id(body)] = (body, ok, unchanged)
        return ok, unchanged

    @staticmethod
    def _answer(status: int, headers: Headers, body: bytes, shown: str, method: str) -> Answer:
        headers = [*headers, (b"server", SERVER_NAME), (b"referrer-policy", b"no-referrer")]
        return Answer(status, headers, b"" if method == "HEAD" else body, shown)

    @staticmethod
    def _validators(body: Body) -> Headers:
        headers = [(b"etag", body.etag.encode()), (b"cache-control", body.cache_control.encode())]
        if body.last_modified is not None:
            headers.append((b"last-modified", body.last_modified.encode()))
        headers += [(b"server", SERVER_NAME), (b"referrer-policy", b"no-referrer")]  # the address is the secret
        return headers


class DeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request head, a cap on its size, and a deadline
    for the client to read its response. Set the limits by subclassing (`deadline_protocol`)."""

    request_timeout: float = REQUEST_TIMEOUT
    drain_timeout: float = DRAIN_TIMEOUT
    max_head_bytes: int = MAX_HEAD_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access_log = False  # uvicorn's access line holds the raw path, that is the token
        self._deadline: asyncio.TimerHandle | None = None
        self._drain: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._refused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm()  # a client that connects and sends nothing is closed at the deadline too

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # what a refused client still sends is read and dropped until the lingering close
        idle = self.cycle is None or self.cycle.response_complete
        if self._deadline is None and idle:
            self._arm()  # the first bytes of the next request on this connection
        before = self.cycle
        super().data_received(data)
        if self.cycle is not before:
            self._disarm()  # the request's head is complete: uvicorn made it a request
        elif self._deadline is not None:  # still reading a head
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._refuse(b"431 Request Header Fields Too Large")

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._drain is None and not self.transport.is_closing():
            self._drain = self.loop.call_later(self.drain_timeout, self._drained)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._drain is not None:
            self._drain.cancel()
            self._drain = None
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._head_bytes = 0
        self._deadline = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self._head_bytes:
            self._refuse(b"408 Request Timeout")  # a request begun and not finished in time
        elif not self.transport.is_closing():
            self.transport.close()  # nothing asked (an idle or pre-opened connection): just close

    def _refuse(self, status: bytes) -> None:
        """Answer `status` and close. Like nginx's lingering close: the answer is sent and our side shut,
        then what the client still sends is dropped for a moment before closing, so that the close does not
        turn into a reset that would destroy the answer before the client reads it."""
        self._disarm()
        if self.transport.is_closing() or self._refused:
            return
        self._refused = True
        self.transport.write(b"HTTP/1.1 " + status + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER, self._close)
        else:
            self.transport.close()

    def _close(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()

    def _drained(self) -> None:
        self._drain = None
        if self.transport.get_write_buffer_size():
            self.transport.abort()  # a client that does not read its response does not keep the connection


def deadline_protocol(request_timeout: float, drain_timeout: float) -> type[DeadlineProtocol]:
    return type(
        "FeedProtocol",
        (DeadlineProtocol,),
        {"request_timeout": float(request_timeout), "drain_timeout": float(drain_timeout)},
    )


class Redact(logging.Filter):
    """Masks, in uvicorn's own log records and their tracebacks, anything a token could be spelt as."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        record.msg, record.args = _SECRET_LIKE.sub("<secret>", message), None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class _Forward(logging.Handler):
    def __init__(self, target: logging.Logger) -> None:
        super().__init__(logging.WARNING)
        self.target = target
        self.addFilter(Redact())

    def emit(self, record: logging.LogRecord) -> None:
        if self.target.isEnabledFor(record.levelno):
            self.target.handle(record)


@contextlib.contextmanager
def uvicorn_logs_to(log: logging.Logger) -> Iterator[None]:
    """uvicorn's warnings and errors, redacted, to `log`; nothing of uvicorn's to the root logger."""
    uvicorn_log = logging.getLogger("uvicorn.error")
    handler = _Forward(log)
    saved = (uvicorn_log.propagate, uvicorn_log.level)
    uvicorn_log.addHandler(handler)
    uvicorn_log.propagate = False
    uvicorn_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        uvicorn_log.removeHandler(handler)
        uvicorn_log.propagate, uvicorn_log.level = saved


def listen(host: str, port: int, backlog: int) -> socket.socket:
    """The listening socket, bound now so that a busy port is reported before anything else starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    dual = host == "::" and socket.has_dualstack_ipv6()
    return socket.create_server((host, port), family=family, backlog=backlog, dualstack_ipv6=dual)


def fit_to_file_limit(wanted: int, log: logging.Logger) -> int:
    """Raise the open-file limit for `wanted` connections if allowed; else serve as many as fit."""
    try:
        import resource
    except ImportError:  # not POSIX
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + FD_HEADROOM
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft < needed:
            fitted = max(1, soft - FD_HEADROOM)
            log.warning("open-file limit %d: serving at most %d connections at once (ulimit -n)", soft, fitted)
            return fitted
    return wanted


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.ready.set()


class FeedServer:
    """The site on uvicorn, on a socket already listening (`listen`). `serve()` blocks until `stop()` (from
    any thread) or, in the main thread, SIGINT or SIGTERM; it stops gracefully, then closes the socket."""

    def __init__(self, site: FeedSite, sock: socket.socket, options: ServeOptions, log: logging.Logger) -> None:
        self.site, self.socket, self.options, self.log = site, sock, options, log
        config = uvicorn.Config(
            FeedApp(site, log, access_log=options.access_log),
            http=deadline_protocol(options.request_timeout, options.drain_timeout),
            loop="auto",  # uvloop where installed
            interface="asgi3",
            lifespan="off",
            ws="none",
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,  # the client address in the log is the peer's; nothing depends on it
            limit_concurrency=fit_to_file_limit(options.max_connections, log),
            backlog=options.backlog,
            timeout_keep_alive=options.keep_alive,
            timeout_graceful_shutdown=2,
        )
        self.server = _Server(config)
        self._stopping = threading.Event()

    @property
    def port(self) -> int:
        return int(self.socket.getsockname()[1])

    @property
    def ready(self) -> threading.Event:
        """Set once uvicorn accepts connections."""
        return self.server.ready

    def serve(self) -> None:
        watcher = threading.Thread(target=self._watch, name="mh-planner-watch", daemon=True)
        with uvicorn_logs_to(self.log):
            watcher.start()
            try:
                self.server.run(sockets=[self.socket])
            finally:
                self._stopping.set()
                watcher.join(timeout=30)
                self.socket.close()

    def stop(self) -> None:
        self.server.should_exit = True
        self._stopping.set()

    def _watch(self) -> None:
        while not self._stopping.wait(self.options.poll_seconds):
            try:
                self.site.refresh()
            except Exception as exc:  # never let the watcher die silently
                self.log.error("watching the data failed (%s); still serving the last good feeds.", exc)
