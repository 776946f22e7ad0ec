"""`mh-planner serve` over real sockets on 127.0.0.1: 200/304/404/400/405, secret addresses compared in
constant time and never logged, absolute-form targets, --public-url, slow and idle clients, re-exports.

Every server listens on 127.0.0.1, port 0 (a free port), in a daemon thread, and is stopped by its fixture;
every request has a timeout and every wait a bound, so that no test can hang. No test asserts a duration:
"survives a slow client" is asserted as "the others were answered and the slow one was cut off before it
finished".
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import http.client
import logging
import queue
import re
import shutil
import socket
import stat
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import icalendar
import pytest

from mh_planner.assemble import assemble
from mh_planner.cli.feed_commands import cmd_serve as serve_command
from mh_planner.feeds.addresses import INDEX_KEY, SECRETS_FILE, Secrets
from mh_planner.feeds.export import export
from mh_planner.feeds.server import FeedServer, ServeOptions, listen
from mh_planner.feeds.site import Body, FeedSite, PublicURL, PublicURLError, etag_of, not_modified
from mh_planner.loading import load
from tests.builders import DATA
from tests.feeds.test_feeds_helpers import edit, files

TIMEOUT = 5.0
PUBLIC = "https://calendars.example-hub.org.uk/feeds"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@dataclass
class Running:
    server: FeedServer
    site: FeedSite
    data: Path
    out: Path
    handler: ListHandler
    thread: threading.Thread
    extra: list[socket.socket] = field(default_factory=list)

    @property
    def log(self) -> list[str]:
        return self.handler.lines

    @property
    def port(self) -> int:
        return self.server.port

    def path(self, feed_path: str) -> str:
        """The address's path, without the public URL's prefix (the server takes both)."""
        token = self.site.secrets.tokens[feed_path]
        feed = next(f for f in self.site.feeds if f.path == feed_path)
        return f"/{token}/{feed.flat_name}"

    @property
    def index(self) -> str:
        return f"/{self.site.secrets.tokens[INDEX_KEY]}/"

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
        return request(self.port, path, headers, method)

    def raw(self, data: bytes) -> bytes:
        return raw(self.port, data)


def request(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


def raw(port: int, data: bytes) -> bytes:
    """Send bytes as they are; read until the server closes (every request here says Connection: close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def status_of(answer: bytes) -> int:
    return int(answer.split(b"\r\n", 1)[0].split(b" ")[1])


_loggers = iter(range(10**6))


def start(data: Path, out: Path, *, rotate: bool = False, public: str | None = PUBLIC, **options: object) -> Running:
    log = logging.getLogger(f"tests.serve.{next(_loggers)}")
    log.propagate = False
    log.setLevel(logging.INFO)
    handler = ListHandler()
    log.addHandler(handler)
    sock = listen("127.0.0.1", 0, 64)
    url = PublicURL.parse(public) if public else PublicURL.for_listener("127.0.0.1", sock.getsockname()[1])
    site = FeedSite(data, out, Secrets.load(data / SECRETS_FILE, rotate=rotate), url, load(data), log)
    settings = ServeOptions(**{"poll_seconds": 3600.0, **options})  # type: ignore[arg-type]
    server = FeedServer(site, sock, settings, log)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    assert server.ready.wait(TIMEOUT), "the server did not start"
    return Running(server, site, data, out, handler, thread)


def stop(running: Running) -> None:
    for sock in running.extra:
        sock.close()
    running.server.stop()
    running.thread.join(timeout=TIMEOUT)
    assert not running.thread.is_alive(), "the server did not stop"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One server over a copy of the shipped data, for the tests that do not change anything."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(DATA, root / "data")
    running = start(root / "data", root / "calendars")
    yield running
    stop(running)


@pytest.fixture
def own_server(data_copy: Path, tmp_path: Path) -> Iterator[Running]:
    running = start(data_copy, tmp_path / "calendars")
    yield running
    stop(running)


# --- 200 ----------------------------------------------------------------------------------------------


def test_a_feed_is_served_as_text_calendar(served: Running) -> None:
    response = served.get(served.path("ee2/person-pshah.ics"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.body == (served.out / "ee2/person-pshah.ics").read_bytes()
    assert int(response.headers["content-length"]) == len(response.body)
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["etag"])
    assert email.utils.parsedate_to_datetime(response.headers["last-modified"])
    assert response.headers["cache-control"] == "private, no-cache"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["server"] == "mh-planner"
    assert str(icalendar.Calendar.from_ical(response.body)["X-WR-CALNAME"]) == "Cambridge Maths Hub: Priya Shah"


def test_every_feed_has_its_own_address(served: Running) -> None:
    tokens = set()
    for feed in served.site.feeds:
        address = served.site.address(feed)
        assert address.startswith(PUBLIC + "/")
        token, name = address.removeprefix(PUBLIC + "/").split("/")
        assert name == feed.flat_name and len(token) == 32
        tokens.add(token)
        assert served.get(served.path(feed.path), method="HEAD").status == 200
    assert len(tokens) == len(served.site.feeds)


def test_head_sends_headers_only(served: Running) -> None:
    response = served.get(served.path("ee2/hub.ics"), method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["content-length"]) == (served.out / "ee2/hub.ics").stat().st_size


def test_a_query_string_is_ignored(served: Running) -> None:
    assert served.get(served.path("ee2/hub.ics") + "?nocache=123").status == 200


def test_the_public_urls_path_may_come_first(served: Running) -> None:
    assert served.get("/feeds" + served.path("ee2/hub.ics")).status == 200  # a proxy that keeps the prefix
    assert served.get("/other" + served.path("ee2/hub.ics")).status == 404


def test_the_index_lists_every_feed_at_its_public_address(served: Running) -> None:
    for path in (served.index, served.index + "index.html"):
        response = served.get(path)
        assert response.status == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.headers["cache-control"] == "no-store"
    page = response.body.decode()
    for feed in served.site.feeds:
        token = served.site.secrets.tokens[feed.path]
        assert f'href="webcal://calendars.example-hub.org.uk/feeds/{token}/{feed.flat_name}"' in page
        assert f"{PUBLIC}/{token}/{feed.flat_name}" in page
    # Never the Host header: a forged one changes nothing (and cannot inject markup).
    forged = served.get(served.index, headers={"Host": "evil.example"}).body
    assert forged == response.body
    assert b"evil" not in forged and b"127.0.0.1" not in forged


# --- 304 ----------------------------------------------------------------------------------------------


def test_if_none_match_gives_304(served: Running) -> None:
    url = served.path("ee2/hub.ics")
    first = served.get(url)
    etag = first.headers["etag"]
    for value in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        again = served.get(url, headers={"If-None-Match": value})
        assert again.status == 304, value
        assert again.body == b"" and again.headers["etag"] == etag
        assert again.headers["last-modified"] == first.headers["last-modified"]
        assert again.headers["cache-control"] == "private, no-cache"
    assert served.get(url, headers={"If-None-Match": '"other"'}).status == 200


def test_if_modified_since_gives_304(served: Running) -> None:
    url = served.path("ee2/hub.ics")
    modified = served.get(url).headers["last-modified"]
    assert served.get(url, headers={"If-Modified-Since": modified}).status == 304
    assert served.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}).status == 200
    assert served.get(url, headers={"If-Modified-Since": "not a date"}).status == 200
    # If-None-Match decides when both are sent (RFC 9110 §13.2.2): a stale tag means a full answer.
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    assert served.get(url, headers=both).status == 200


def test_conditions_by_the_rules() -> None:
    body = Body.of(b"x", "text/calendar", 1_600_000_000.5, "private, no-cache")
    assert body.etag == etag_of(b"x") and body.last_modified == "Sun, 13 Sep 2020 12:26:40 GMT"
    body = Body(b"x", "text/calendar", '"abc"', 1_600_000_000.5, "private, no-cache", body.last_modified)
    assert not_modified(body, '"abc"', None) and not_modified(body, 'W/"abc"', None)
    assert not_modified(body, '"x", "abc"', None) and not_modified(body, "*", None)
    assert not not_modified(body, '"abd"', "Sun, 13 Sep 2020 12:26:40 GMT")  # If-None-Match decides
    assert not_modified(body, None, "Sun, 13 Sep 2020 12:26:40 GMT")  # the second Last-Modified shows
    assert not not_modified(body, None, "Sun, 13 Sep 2020 12:26:39 GMT")
    assert not not_modified(body, None, "yesterday")
    assert not not_modified(Body.of(b"", "text/html", None, "no-store"), None, "Sun, 13 Sep 2020 12:26:40 GMT")


# --- 404, 405, 400 and traversal ----------------------------------------------------------------------


def test_unknown_addresses_are_404(served: Running) -> None:
    url = served.path("ee2/hub.ics")
    token = url.split("/")[1]
    other = served.path("ee2/person-pshah.ics").split("/")[1]
    for path in (
        "/",
        "/index.html",
        "/ee2/hub.ics",
        "/ee2/",
        f"/{token}",
        f"/{token}/",
        f"/{token}/ee2-person-pshah.ics",  # another feed's name under this token
        f"/{other}/ee2-hub.ics",
        f"/{token[:-1]}/ee2-hub.ics",
        f"/{token}x/ee2-hub.ics",
        f"/{token.lower() if token.lower() != token else token.upper()}/ee2-hub.ics",
        f"/{token}/ee2-hub.ics/extra",
        f"/x/{token}/ee2-hub.ics",
        f"/{token}/ee2-hub.ics%00",
        f"/{urllib.parse.quote(token, safe='')}%2fee2-hub.ics",
        f"/{''.join(f'%{ord(c):02X}' for c in token)}/ee2-hub.ics",  # percent-encoded: not the address
    ):
        response = served.get(path)
        assert response.status == 404, path
        assert token not in response.body.decode()


TRAVERSALS = [
    "/../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/.mh-planner-state.json",
    "/ee2/hub.ics",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/..\\..\\etc\\passwd",
    "/.feeds-secrets.yaml",
    "/../data/.feeds-secrets.yaml",
    "/calendars/ee2/hub.ics",
    "/index.html",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_the_feeds_is_reachable(served: Running, path: str) -> None:
    assert served.get(path).status == 404


def test_traversal_under_a_valid_token(served: Running) -> None:
    token = served.path("ee2/hub.ics").split("/")[1]
    for tail in ("../.mh-planner-state.json", "..%2f.mh-planner-state.json", "%2e%2e/index.html",
                 "ee2-hub.ics/../../.feeds-secrets.yaml", "/etc/passwd"):
        assert served.get(f"/{token}/{tail}").status == 404, tail


def test_absolute_form_targets_are_accepted(served: Running) -> None:
    """RFC 9112 §3.2.2: a server MUST accept the absolute form; its authority wins over Host."""
    path = served.path("ee2/hub.ics")
    for target in (f"http://127.0.0.1:{served.port}{path}", f"https://calendars.example-hub.org.uk{path}",
                   f"http://elsewhere.example{path}?x=1"):
        answer = served.raw(f"GET {target} HTTP/1.1\r\nHost: other.example\r\nConnection: close\r\n\r\n".encode())
        assert status_of(answer) == 200, target
        assert answer.endswith((served.out / "ee2/hub.ics").read_bytes())
    unknown = f"http://127.0.0.1:{served.port}/../{path}"
    assert status_of(served.raw(f"GET {unknown} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())) == 404


def test_host_is_required_once_and_valid(served: Running) -> None:
    """RFC 9112 §3.2: 400 for HTTP/1.1 without Host, with two, or with an invalid one."""
    path = served.path("ee2/hub.ics").encode()
    for head in (b"GET " + path + b" HTTP/1.1\r\n",
                 b"GET " + path + b" HTTP/1.1\r\nHost: a\r\nHost: b\r\n",
                 b"GET " + path + b" HTTP/1.1\r\nHost: a b\r\n",
                 b"GET " + path + b" HTTP/1.1\r\nHost: a/b\r\n",
                 b"GET http://127.0.0.1" + path + b" HTTP/1.1\r\n"):  # absolute form still needs Host
        answer = served.raw(head + b"Connection: close\r\n\r\n")
        assert status_of(answer) == 400, head
        assert b"connection: close" in answer.lower()
    assert status_of(served.raw(b"GET " + path + b" HTTP/1.0\r\n\r\n")) == 200  # HTTP/1.0 may omit it
    for host in (b"127.0.0.1:8025", b"[::1]:8025", b"calendars.example.org", b""):
        head = b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"
        assert status_of(served.raw(head)) == 200, host


def test_raw_requests_cannot_escape(served: Running) -> None:
    for line in (b"GET /../../etc/passwd HTTP/1.0", b"GET ../../etc/passwd HTTP/1.0", b"GET * HTTP/1.0",
                 b"GET /\xff\xfe HTTP/1.0", b"GET /%00 HTTP/1.0"):
        answer = served.raw(line + b"\r\nHost: 127.0.0.1\r\n\r\n")
        assert status_of(answer) in (400, 404), line
        assert b"root:" not in answer


def test_other_methods_are_refused(served: Running) -> None:
    response = served.get(served.path("ee2/hub.ics"), method="POST")
    assert response.status == 405 and response.headers["allow"] == "GET, HEAD"
    assert served.get(served.path("ee2/hub.ics"), method="DELETE").status == 405
    assert (served.out / "ee2/hub.ics").exists()


# --- the log ------------------------------------------------------------------------------------------


def spellings(token: str) -> list[str]:
    everything = "".join(f"%{ord(c):02X}" for c in token)
    return [token, urllib.parse.quote(token, safe=""), everything, everything.lower(), token[:16], token[16:]]


def test_the_log_never_shows_a_secret(served: Running) -> None:
    del served.log[:]
    good = served.path("ee2/group-wg-south-cambs.ics")
    token = good.split("/")[1]
    served.get(good)
    served.get(served.index)
    served.get("/" + "x" * 32 + "/guess.ics")
    encoded = "".join(f"%{ord(c):02X}" for c in token)
    for target in (f"/{token}%2f", f"/{token}%2F..", f"/{token}\\x", f"/{token}\\", f"/{encoded}/ee2-hub.ics",
                   f"/x?{token}", f"/{token}?{token}", f"/{token}/../{token}", f"//{token}//",
                   f"/{token.lower()}/{token}.ics", f"/feeds/{token}x/"):
        served.raw(f"GET {target} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".encode())
    # Requests uvicorn itself refuses (and logs): a broken request line, a bad header, a method it rejects.
    for data in (f"GET /{token} HTTP/9.9\r\n\r\n", f"GET /{token}\x01 HTTP/1.1\r\nHost: h\r\n\r\n",
                 f"G{token} /{token} HTTP/1.1\r\nHost: h\r\n\r\n", f"GET /x HTTP/1.1\r\n{token}\r\n\r\n",
                 f"GET http://{token}/ HTTP/1.1\r\nHost: {token}\r\nConnection: close\r\n\r\n"):
        served.raw(data.encode())
    tokens = set(served.site.secrets.tokens.values())
    logged = "\n".join(served.log)
    for secret in tokens:
        for spelling in spellings(secret):
            assert spelling not in logged and spelling.lower() not in logged.lower(), spelling
    assert '"GET /<secret>/ee2-group-wg-south-cambs.ics HTTP/1.1" 200' in logged
    assert '"GET /<secret>/ HTTP/1.1" 200' in logged
    assert '"GET <not a feed address> HTTP/1.1" 404' in logged


# --- secrets ------------------------------------------------------------------------------------------


def test_secrets_are_kept_private_with_the_data_and_never_published(served: Running) -> None:
    path = served.data / SECRETS_FILE
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    tokens = set(served.site.secrets.tokens.values())
    for published in files(served.out):
        text = published.read_text(encoding="utf-8")
        assert not any(token in text for token in tokens), published


def test_a_restart_keeps_the_addresses_and_rotate_revokes_them(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "calendars"
    first = start(data_copy, out)
    old = first.path("ee2/person-pshah.ics")
    old_index = first.index
    assert first.get(old).status == 200
    stop(first)

    second = start(data_copy, out)
    try:
        assert second.path("ee2/person-pshah.ics") == old  # subscriptions survive a restart
        assert second.get(old).status == 200
    finally:
        stop(second)

    rotated = start(data_copy, out, rotate=True)
    try:
        new = rotated.path("ee2/person-pshah.ics")
        assert new != old
        assert rotated.get(old).status == 404
        assert rotated.get(old_index).status == 404
        assert rotated.get(new).status == 200
        assert old.split("/")[1] not in (data_copy / SECRETS_FILE).read_text()
    finally:
        stop(rotated)


def remove_person(plan: Path, person: str) -> str:
    """Take a person who leads and attends nothing out of the plan; return the text to put back."""
    text = plan.read_text(encoding="utf-8")
    start_ = text.index(f"  - id: {person}\n")
    end = text.index("\n  - id: ", start_ + 1)
    plan.write_text(text[:start_] + text[end + 1 :], encoding="utf-8")
    return text


def test_a_feed_that_comes_back_keeps_its_address(own_server: Running) -> None:
    plan = own_server.data / "plans/2019-20/ee2.yaml"
    person = "jreid"
    address = own_server.path(f"ee2/person-{person}.ics")
    token = address.split("/")[1]
    assert own_server.get(address).status == 200
    text = remove_person(plan, person)
    assert own_server.site.refresh()
    assert f"ee2/person-{person}.ics" not in {f.path for f in own_server.site.feeds}
    assert own_server.get(address).status == 404  # gone: nothing served
    assert token in (own_server.data / SECRETS_FILE).read_text()  # but the address is kept

    plan.write_text(text, encoding="utf-8")
    assert own_server.site.refresh()
    assert own_server.path(f"ee2/person-{person}.ics") == address  # back at the same address
    assert own_server.get(address).status == 200


def test_rotate_forgets_the_addresses_of_feeds_that_are_gone(data_copy: Path, tmp_path: Path) -> None:
    secrets = Secrets.load(data_copy / SECRETS_FILE)
    secrets.ensure(["ee2/person-gone.ics", "ee2/hub.ics"])
    secrets.save()
    kept = Secrets.load(data_copy / SECRETS_FILE)
    kept.ensure(["ee2/hub.ics"])
    assert "ee2/person-gone.ics" in kept.tokens and kept.tokens["ee2/hub.ics"] == secrets.tokens["ee2/hub.ics"]
    rotated = Secrets.load(data_copy / SECRETS_FILE, rotate=True)
    rotated.ensure(["ee2/hub.ics"])
    assert set(rotated.tokens) == {"ee2/hub.ics", INDEX_KEY}
    assert rotated.tokens["ee2/hub.ics"] != secrets.tokens["ee2/hub.ics"]


# --- re-export ----------------------------------------------------------------------------------------


def test_an_edit_to_the_data_is_served_after_a_refresh(own_server: Running) -> None:
    url = own_server.path("ee2/group-wg-south-cambs.ics")
    before = own_server.get(url)
    untouched = own_server.out / "ee2/person-pshah.ics"
    untouched_mtime = untouched.stat().st_mtime_ns
    edit(own_server.data / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    assert own_server.site.refresh()
    after = own_server.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert b"DTSTART:20200326T" in after.body and b"SEQUENCE:1" in after.body
    assert untouched.stat().st_mtime_ns == untouched_mtime
    assert any("exported again" in line for line in own_server.log)
    assert own_server.get(url, headers={"If-None-Match": after.headers["etag"]}).status == 304
    assert not own_server.site.refresh()  # nothing changed since


def test_the_watcher_sees_an_edit(data_copy: Path, tmp_path: Path) -> None:
    running = start(data_copy, tmp_path / "calendars", poll_seconds=0.05)
    try:
        url = running.path("ee2/group-wg-south-cambs.ics")
        etag = running.get(url).headers["etag"]
        edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
        for _ in range(200):  # at most some 10 s
            if running.get(url).headers["etag"] != etag:
                break
            time.sleep(0.05)
        assert b"DTSTART:20200326T" in running.get(url).body
    finally:
        stop(running)


def test_requests_are_answered_while_an_export_runs(own_server: Running) -> None:
    url = own_server.path("ee2/hub.ics")
    before = own_server.get(url).body
    entered, release = threading.Event(), threading.Event()
    real = own_server.site.exporter

    def slow_export(calendar: object, out: Path) -> object:
        entered.set()
        assert release.wait(TIMEOUT)
        return real(calendar, out)  # type: ignore[arg-type]

    own_server.site.exporter = slow_export  # type: ignore[assignment]
    edit(own_server.data / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    worker = threading.Thread(target=own_server.site.refresh)
    worker.start()
    try:
        assert entered.wait(TIMEOUT)
        for _ in range(5):
            assert own_server.get(url).body == before  # the last good feeds, at once
        assert not own_server.site.refresh()  # a second refresh does not wait for the first either
    finally:
        release.set()
        worker.join(TIMEOUT)
    assert b"DTSTART:20200326T" in own_server.get(url).body


def test_broken_data_keeps_the_last_good_feeds(own_server: Running) -> None:
    url = own_server.path("ee2/hub.ics")
    before = own_server.get(url).body
    edit(own_server.data / "plans/2019-20/ee2.yaml", "lead: pshah", "lead: nobody")
    assert not own_server.site.refresh()
    assert own_server.get(url).body == before
    assert any("no person 'nobody'" in line for line in own_server.log)
    assert any("still serving the last good feeds" in line for line in own_server.log)


def test_a_new_feed_gets_an_address(own_server: Running) -> None:
    announced: list[str] = []
    own_server.site.on_new_feeds = lambda feeds: announced.extend(f.path for f in feeds)
    edit(
        own_server.data / "plans/2019-20/ee2.yaml",
        "  - id: oprice\n",
        "  - id: newbie\n    name: Nia New\n    roles: [sle]\n  - id: oprice\n",
    )
    assert own_server.site.refresh()
    assert announced == ["ee2/role-sle.ics", "ee2/person-newbie.ics"]
    assert own_server.get(own_server.path("ee2/person-newbie.ics")).status == 200


# --- slow, idle and greedy clients --------------------------------------------------------------------


def test_a_slow_client_is_cut_off_and_blocks_nobody(data_copy: Path, tmp_path: Path) -> None:
    running = start(data_copy, tmp_path / "calendars", request_timeout=1.0)
    try:
        url = running.path("ee2/hub.ics")
        head = f"GET {url} HTTP/1.1\r\nHost: h\r\n" + "X-Slow: " + "a" * 60 + "\r\n\r\n"
        slow = socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT)
        running.extra.append(slow)
        sent, answer, others = 0, b"", []
        # One byte every 0.1 s would take 8 s to send the head; the server's deadline is 1 s from the first.
        while sent < len(head):
            try:
                slow.sendall(head[sent].encode())
            except OSError:
                break  # cut off
            sent += 1
            others.append(running.get(url).status)  # everyone else is served meanwhile
            slow.settimeout(0.1)
            try:
                answer = slow.recv(1024)
            except TimeoutError:
                continue
            break  # the server answered (408) or closed
        assert others and set(others) == {200}
        assert sent < len(head), "the slow client was never cut off"
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
    finally:
        stop(running)


def test_idle_connections_are_closed_and_the_cap_answers_503(data_copy: Path, tmp_path: Path) -> None:
    running = start(data_copy, tmp_path / "calendars", max_connections=3, request_timeout=0.5)
    try:
        url = running.path("ee2/hub.ics")
        idle = [socket.create_connection(("127.0.0.1", running.port), timeout=TIMEOUT) for _ in range(3)]
        running.extra.extend(idle)
        time.sleep(0.1)  # let the server accept them
        assert running.get(url).status == 503  # at the cap: refused at once, not queued for ever
        for sock in idle:  # closed by the server at the deadline, having sent nothing
            sock.settimeout(TIMEOUT)
            assert sock.recv(1024) == b""
        for _ in range(100):  # at most some 5 s for the server to see them gone
            if (status := running.get(url).status) == 200:
                break
            time.sleep(0.05)
        assert status == 200
    finally:
        stop(running)


def test_a_huge_request_head_is_refused(served: Running) -> None:
    """A head that does not end within 16 KiB (more than the server reads at once) gets 431, and the
    connection is closed: what a client sends before its head ends is never held in memory unbounded."""
    answer = b""
    with socket.create_connection(("127.0.0.1", served.port), timeout=TIMEOUT) as sock:
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: h\r\nX-Big: ")
            for _ in range(64):  # up to 4 MiB
                sock.sendall(b"a" * 65536)
        except OSError:
            pass  # closed by the server while sending: as it should
        with contextlib.suppress(OSError):
            while chunk := sock.recv(65536):
                answer += chunk
    assert status_of(answer) == 431


# --- the command --------------------------------------------------------------------------------------


def serve_args(data: Path, out: Path, **extra: object) -> argparse.Namespace:
    values: dict[str, object] = {"data": str(data), "out": str(out), "host": "127.0.0.1", "port": 0, "rotate": False,
                                 "public_url": None, "max_connections": 100, "request_timeout": 10.0}
    return argparse.Namespace(**{**values, **extra})


def test_serve_command_prints_every_address_and_stops(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = serve_args(data_copy, tmp_path / "cal", public_url="https://cal.example.org/ee2/")
    ready: queue.Queue[FeedServer] = queue.Queue()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(serve_command(args, ready=ready.put)), daemon=True)
    thread.start()
    server = ready.get(timeout=30)
    try:
        printed = capsys.readouterr().out
        https = re.findall(r"https://cal\.example\.org/ee2/\S+\.ics", printed)
        webcal = re.findall(r"webcal://cal\.example\.org/ee2/\S+\.ics", printed)
        assert len(https) == len(webcal) == len(server.site.feeds) == 31
        assert "127.0.0.1" not in printed
        path = "/" + https[0].split("/", 4)[4]
        assert request(server.port, path).status == 200
        # A client that connects and sends nothing does not stop the server from stopping.
        idle = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
    finally:
        server.stop()
    thread.join(timeout=TIMEOUT)
    idle.close()
    assert not thread.is_alive() and codes == [0]


def test_serve_command_refuses_bad_data_busy_ports_and_bad_addresses(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        args = serve_args(data_copy, tmp_path / "c", port=busy.getsockname()[1])
        assert serve_command(args) == 2
        assert "cannot listen" in capsys.readouterr().err
    assert serve_command(serve_args(data_copy, tmp_path / "c", max_connections=0)) == 2
    assert serve_command(serve_args(data_copy, tmp_path / "c", request_timeout=0.0)) == 2
    assert "--max-connections" in capsys.readouterr().err
    for bad in ("ftp://x", "calendars.example.org", "https://x/a?b", "https://x:port/"):
        assert serve_command(serve_args(data_copy, tmp_path / "c", public_url=bad)) == 2
        assert "--public-url" in capsys.readouterr().err
    edit(data_copy / "plans/2019-20/ee2.yaml", "lead: pshah", "lead: nobody")
    assert serve_command(serve_args(data_copy, tmp_path / "c")) == 2
    assert "no person 'nobody'" in capsys.readouterr().err
    (data_copy / "plans/2019-20/ee2.yaml").write_text("hub: ee2\n")
    (data_copy / SECRETS_FILE).write_text("- not\n- a mapping\n")
    assert serve_command(serve_args(data_copy, tmp_path / "c")) == 2
    assert "--rotate" in capsys.readouterr().err


def test_public_urls() -> None:
    assert PublicURL.parse("https://Cal.Example.org/").base == "https://cal.example.org"
    assert PublicURL.parse("https://cal.example.org/a/b/").prefix == "/a/b"
    assert PublicURL.parse("http://127.0.0.1:8025").address("t", "n.ics") == "http://127.0.0.1:8025/t/n.ics"
    assert PublicURL.for_listener("::1", 80).base == "http://[::1]:80"
    for bad in ("", "cal.example.org", "webcal://x/", "https://x/#a", "https://u:p@x/", "https://x/a b", "https://x/.."):
        with pytest.raises(PublicURLError):
            PublicURL.parse(bad)


def test_export_into_the_served_folder_is_picked_up(own_server: Running) -> None:
    """Another `mh-planner export` into the same folder: the server serves the new bytes (the file is
    replaced by renaming, so its cached copy is known to be stale)."""
    url = own_server.path("ee2/group-wg-south-cambs.ics")
    before = own_server.get(url).headers["etag"]
    edit(own_server.data / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    export(assemble(load(own_server.data)), own_server.out)
    assert own_server.get(url).headers["etag"] != before


def test_pipelined_requests_are_all_answered(served: Running) -> None:
    """Many small requests in one packet are not a huge head: each is answered."""
    one = f"GET {served.path('ee2/role-mhl.ics')} HTTP/1.1\r\nHost: h\r\n\r\n".encode()
    last = f"GET {served.path('ee2/role-mhl.ics')} HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".encode()
    answer = served.raw(one * 300 + last)  # some 30 KB at once
    assert answer.count(b"HTTP/1.1 200 OK") == 301
