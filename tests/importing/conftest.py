from __future__ import annotations

import datetime as dt
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mh_planner.importing import Reading, read_ics

ICS = Path(__file__).parent / "ics"
YEAR = (dt.date(2019, 9, 1), dt.date(2020, 8, 31))  # the academic year 2019/20, as the planner asks


def read(name: str, **kwargs: object) -> Reading:
    path = ICS / name
    return read_ics(path.read_bytes(), source=name, start=YEAR[0], end=YEAR[1], **kwargs)  # type: ignore[arg-type]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute)


# --- a local HTTP server, started by the tests that fetch ---------------------------------------

BODY = (ICS / "venue-comberton-hall.ics").read_bytes()
ETAG, MODIFIED = '"v1-comberton"', "Tue, 03 Sep 2019 09:00:00 GMT"


class Handler(BaseHTTPRequestHandler):
    hits: list[tuple[str, int]] = []  # path, status: what the server saw
    down = False  # answer 503 to everything, as a server in maintenance does
    national = b""  # what /national.ics serves

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if Handler.down:
            self._reply(503, b"down for maintenance")
        elif self.path == "/national.ics":
            self._reply(200, Handler.national, {"Content-Type": "text/calendar"})
        elif self.path == "/venue.ics":
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == MODIFIED:
                self._reply(304)
                return
            self._reply(200, BODY, {"ETag": ETAG, "Last-Modified": MODIFIED, "Content-Type": "text/calendar"})
        elif self.path == "/moved":
            self._reply(301, b"", {"Location": "/venue.ics"})
        elif self.path == "/to-ftp":
            self._reply(302, b"", {"Location": "ftp://files.example.org/private/s3cret-token/cal.ics"})
        elif self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"BEGIN:VCALENDAR\r\n")
            self.wfile.flush()
            time.sleep(1.5)  # longer than the test's read timeout
        elif self.path == "/endless":
            self.send_response(200)
            self.end_headers()  # no Content-Length: the cap must hold while streaming
            try:
                for _ in range(200):
                    self.wfile.write(b"X-PAD:" + b"x" * 8192 + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/declared":
            self._reply(200, b"", {"Content-Length": str(10**9)})
        elif self.path == "/bomb":
            self._reply(200, gzip.compress(b"\x00" * 5_000_000), {"Content-Encoding": "gzip"})
        else:
            self._reply(503, b"down for maintenance")

    def _reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        Handler.hits.append((self.path, status))
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits, Handler.down = [], False
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


