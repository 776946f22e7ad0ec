"""`mh-planner serve`: 200/304/404, secret addresses, no traversal, rotation, re-export on edits.

Every server listens on 127.0.0.1, port 0 (a free port), in a daemon thread, and is stopped by the
fixture; every request has a timeout, so that no test can hang.
"""

from __future__ import annotations

import argparse
import email.utils
import http.client
import queue
import re
import shutil
import socket
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import icalendar
import pytest

from mh_planner.cli.feed_commands import cmd_serve as serve_command
from mh_planner.feeds.addresses import INDEX_KEY, SECRETS_FILE
from mh_planner.feeds.server import FeedServer, FeedSite
from tests.builders import DATA
from tests.feeds.test_feeds_helpers import edit, files

TIMEOUT = 5.0


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Running:
    server: FeedServer
    site: FeedSite
    data: Path
    out: Path
    log: list[str] = field(default_factory=list)
    thread: threading.Thread | None = None

    def url(self, feed_path: str) -> str:
        feed = next(f for f in self.site.feeds if f.path == feed_path)
        return self.site.address(feed, "")

    def get(self, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
        return request(self.server.port, path, headers, method)


def request(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


def start(data: Path, out: Path, *, rotate: bool = False) -> Running:
    log: list[str] = []
    site = FeedSite(data, out, rotate=rotate, poll_seconds=0.0, log=log.append)
    server = FeedServer(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return Running(server, site, data, out, log, thread)


def stop(running: Running) -> None:
    running.server.shutdown()
    running.server.server_close()
    assert running.thread is not None
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
    response = served.get(served.url("ee2/person-pshah.ics"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.body == (served.out / "ee2/person-pshah.ics").read_bytes()
    assert int(response.headers["content-length"]) == len(response.body)
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["etag"])
    assert email.utils.parsedate_to_datetime(response.headers["last-modified"])
    assert response.headers["server"] == "mh-planner"
    assert str(icalendar.Calendar.from_ical(response.body)["X-WR-CALNAME"]) == "Cambridge Maths Hub: Priya Shah"


def test_every_feed_has_its_own_address(served: Running) -> None:
    tokens = set()
    for feed in served.site.feeds:
        address = served.url(feed.path)
        token, name = address.strip("/").split("/")
        assert name == feed.flat_name and len(token) >= 32
        tokens.add(token)
        assert served.get(address, method="HEAD").status == 200
    assert len(tokens) == len(served.site.feeds)


def test_head_sends_headers_only(served: Running) -> None:
    response = served.get(served.url("ee2/hub.ics"), method="HEAD")
    assert response.status == 200 and response.body == b""
    assert int(response.headers["content-length"]) == (served.out / "ee2/hub.ics").stat().st_size


def test_a_query_string_is_ignored(served: Running) -> None:
    assert served.get(served.url("ee2/hub.ics") + "?nocache=123").status == 200


def test_the_index_lists_every_feed_with_webcal_and_http_addresses(served: Running) -> None:
    index = f"/{served.site.secrets.tokens[INDEX_KEY]}/"
    for path in (index, index + "index.html"):
        response = served.get(path)
        assert response.status == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.headers["cache-control"] == "no-store"
    page = response.body.decode()
    host = f"127.0.0.1:{served.server.port}"
    for feed in served.site.feeds:
        token = served.site.secrets.tokens[feed.path]
        assert f'href="webcal://{host}/{token}/{feed.flat_name}"' in page
        assert f"http://{host}/{token}/{feed.flat_name}" in page
    # A forged Host header cannot inject markup into the page.
    forged = served.get(index, headers={"Host": 'evil"><script>x</script>'}).body.decode()
    assert "<script>" not in forged and f"webcal://{host}/" in forged


# --- 304 ----------------------------------------------------------------------------------------------


def test_if_none_match_gives_304(served: Running) -> None:
    url = served.url("ee2/hub.ics")
    first = served.get(url)
    etag = first.headers["etag"]
    for value in (etag, f"W/{etag}", f'"nope", {etag}', "*"):
        again = served.get(url, headers={"If-None-Match": value})
        assert again.status == 304, value
        assert again.body == b"" and again.headers["etag"] == etag
        assert again.headers["last-modified"] == first.headers["last-modified"]
    assert served.get(url, headers={"If-None-Match": '"other"'}).status == 200


def test_if_modified_since_gives_304(served: Running) -> None:
    url = served.url("ee2/hub.ics")
    modified = served.get(url).headers["last-modified"]
    assert served.get(url, headers={"If-Modified-Since": modified}).status == 304
    assert served.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}).status == 200
    assert served.get(url, headers={"If-Modified-Since": "not a date"}).status == 200
    # If-None-Match decides when both are sent (RFC 9110): a stale tag means a full answer.
    both = {"If-None-Match": '"stale"', "If-Modified-Since": modified}
    assert served.get(url, headers=both).status == 200


# --- 404, 405 and traversal ---------------------------------------------------------------------------


def test_unknown_addresses_are_404(served: Running) -> None:
    url = served.url("ee2/hub.ics")
    token = url.split("/")[1]
    other = served.url("ee2/person-pshah.ics").split("/")[1]
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
        f"/{token}/ee2-hub.ics/extra",
        f"/x/{token}/ee2-hub.ics",
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
    token = served.url("ee2/hub.ics").split("/")[1]
    for tail in ("../.mh-planner-state.json", "..%2f.mh-planner-state.json", "%2e%2e/index.html",
                 "ee2-hub.ics/../../.feeds-secrets.yaml", "/etc/passwd"):
        assert served.get(f"/{token}/{tail}").status == 404, tail
    # An absolute URI in the request line is a path like any other: unknown.
    absolute = f"http://127.0.0.1:{served.server.port}/../{served.url('ee2/hub.ics')}"
    assert served.get(absolute).status == 404


def test_raw_requests_cannot_escape(served: Running) -> None:
    for line in (b"GET /../../etc/passwd HTTP/1.0", b"GET ../../etc/passwd HTTP/1.0", b"GET * HTTP/1.0"):
        with socket.create_connection(("127.0.0.1", served.server.port), timeout=TIMEOUT) as sock:
            sock.sendall(line + b"\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.split(b"\r\n", 1)[0].split(b" ")[1] in (b"404", b"400"), line
        assert b"root:" not in answer


def test_other_methods_are_refused(served: Running) -> None:
    response = served.get(served.url("ee2/hub.ics"), method="POST")
    assert response.status == 405 and response.headers["allow"] == "GET, HEAD"
    assert served.get(served.url("ee2/hub.ics"), method="DELETE").status == 405
    assert (served.out / "ee2/hub.ics").exists()


def test_the_log_never_shows_a_secret(served: Running) -> None:
    served.server.quiet = False
    try:
        served.get(served.url("ee2/group-wg-south-cambs.ics"))
        served.get(served.site.address(None, ""))
        served.get("/" + "x" * 32 + "/guess.ics")
    finally:
        served.server.quiet = True
    tokens = set(served.site.secrets.tokens.values())
    assert not any(token in line for line in served.log for token in tokens)
    assert any('"GET /<secret>/ee2-group-wg-south-cambs.ics HTTP/1.1" 200' in line for line in served.log)
    assert any('"GET /<secret>/ HTTP/1.1" 200' in line for line in served.log)
    assert any('"GET /<secret>/guess.ics HTTP/1.1" 404' in line for line in served.log)


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
    old = first.url("ee2/person-pshah.ics")
    old_index = first.site.address(None, "")
    assert first.get(old).status == 200
    stop(first)

    second = start(data_copy, out)
    try:
        assert second.url("ee2/person-pshah.ics") == old  # subscriptions survive a restart
        assert second.get(old).status == 200
    finally:
        stop(second)

    rotated = start(data_copy, out, rotate=True)
    try:
        new = rotated.url("ee2/person-pshah.ics")
        assert new != old
        assert rotated.get(old).status == 404
        assert rotated.get(old_index).status == 404
        assert rotated.get(new).status == 200
        assert old.split("/")[1] not in (data_copy / SECRETS_FILE).read_text()
    finally:
        stop(rotated)


# --- re-export ----------------------------------------------------------------------------------------


def test_an_edit_to_the_data_is_served_at_the_next_request(own_server: Running) -> None:
    url = own_server.url("ee2/group-wg-south-cambs.ics")
    before = own_server.get(url)
    untouched = own_server.out / "ee2/person-pshah.ics"
    untouched_mtime = untouched.stat().st_mtime_ns
    edit(own_server.data / "plans/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")

    after = own_server.get(url, headers={"If-None-Match": before.headers["etag"]})
    assert after.status == 200
    assert after.headers["etag"] != before.headers["etag"]
    assert b"DTSTART:20200326T" in after.body and b"SEQUENCE:1" in after.body
    assert untouched.stat().st_mtime_ns == untouched_mtime
    assert any("exported again" in line for line in own_server.log)
    # Nothing changed since: the next conditional request is a 304.
    assert own_server.get(url, headers={"If-None-Match": after.headers["etag"]}).status == 304


def test_broken_data_keeps_the_last_good_feeds(own_server: Running) -> None:
    url = own_server.url("ee2/hub.ics")
    before = own_server.get(url).body
    edit(own_server.data / "plans/ee2.yaml", "lead: pshah", "lead: nobody")
    assert own_server.get(url).body == before
    assert any("no person 'nobody'" in line for line in own_server.log)
    assert any("still serving the last good feeds" in line for line in own_server.log)


def test_a_new_feed_gets_an_address(own_server: Running) -> None:
    announced: list[str] = []
    own_server.site.on_new_feeds = lambda feeds: announced.extend(f.path for f in feeds)
    edit(
        own_server.data / "plans/ee2.yaml",
        "  - id: oprice\n",
        "  - id: newbie\n    name: Nia New\n    roles: [sle]\n  - id: oprice\n",
    )
    own_server.get("/")  # any request looks at the data
    assert announced == ["ee2/role-sle.ics", "ee2/person-newbie.ics"]
    assert own_server.get(own_server.url("ee2/person-newbie.ics")).status == 200


# --- the command --------------------------------------------------------------------------------------


def test_serve_command_prints_every_address_and_stops(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(data=str(data_copy), out=str(tmp_path / "cal"), host="127.0.0.1", port=0, rotate=False)
    ready: queue.Queue[FeedServer] = queue.Queue()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(serve_command(args, ready=ready.put)), daemon=True)
    thread.start()
    server = ready.get(timeout=30)
    try:
        printed = capsys.readouterr().out
        http_urls = re.findall(r"http://127\.0\.0\.1:\d+/\S+\.ics", printed)
        webcal_urls = re.findall(r"webcal://127\.0\.0\.1:\d+/\S+\.ics", printed)
        assert len(http_urls) == len(webcal_urls) == len(server.site.feeds) == 31
        assert f":{server.port}/" in http_urls[0]
        path = "/" + http_urls[0].split("/", 3)[3]
        assert request(server.port, path).status == 200
        # A client that connects and sends nothing does not stop the server from stopping.
        idle = socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT)
    finally:
        server.shutdown()
    thread.join(timeout=TIMEOUT)
    idle.close()
    assert not thread.is_alive() and codes == [0]


def test_serve_command_refuses_bad_data_and_busy_ports(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = argparse.Namespace(data=str(data_copy), out=str(tmp_path / "c"), host="127.0.0.1", port=port,
                                  rotate=False)
        assert serve_command(args) == 2
        assert "cannot listen" in capsys.readouterr().err
    edit(data_copy / "plans/ee2.yaml", "lead: pshah", "lead: nobody")
    args.port = 0
    assert serve_command(args) == 2
    assert "no person 'nobody'" in capsys.readouterr().err
    (data_copy / "plans/ee2.yaml").write_text("hub: ee2\n")
    (data_copy / SECRETS_FILE).write_text("- not\n- a mapping\n")
    assert serve_command(args) == 2
    assert "--rotate" in capsys.readouterr().err
