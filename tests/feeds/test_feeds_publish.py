"""`mh-planner publish DIR`: the static tree at the secret addresses, and the nginx and Caddy configurations
that serve it, validated by `nginx -t` and `caddy validate` and then run on 127.0.0.1 (each skipped when
that server is not installed)."""

from __future__ import annotations

import email.utils
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mh_planner.cli import main
from mh_planner.feeds.addresses import INDEX_KEY, SECRETS_FILE, Secrets
from mh_planner.feeds.publish import CADDY_FILE, MANIFEST, NGINX_FILE, SITE, PublishResult, publish
from mh_planner.feeds.site import PublicURL
from tests.feeds.test_feeds_helpers import NOW, age, calendar_of, contents, files, mtimes

TIMEOUT = 5.0
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
CADDY = shutil.which("caddy")


@dataclass
class Published:
    data: Path
    out: Path
    root: Path
    result: PublishResult

    @property
    def site(self) -> Path:
        return self.root / SITE

    def secrets(self) -> Secrets:
        return Secrets.load(self.data / SECRETS_FILE)


def do_publish(data: Path, tmp: Path, *, public: str | None = None, rotate: bool = False, port: int = 80) -> Published:
    url = PublicURL.parse(public) if public else None
    secrets = Secrets.load(data / SECRETS_FILE, rotate=rotate)
    result = publish(calendar_of(data), tmp / "calendars", tmp / "pub", secrets, public_url=url, listen_port=port,
                     now=NOW)
    return Published(data, tmp / "calendars", tmp / "pub", result)


@pytest.fixture
def published(data_copy: Path, tmp_path: Path) -> Published:
    return do_publish(data_copy, tmp_path)


def test_the_tree_holds_each_feed_at_its_secret_address(published: Published) -> None:
    secrets = published.secrets()
    expected = {f"{secrets.tokens[f.path]}/{f.flat_name}": f for f in published.result.export.feeds}
    index = f"{secrets.tokens[INDEX_KEY]}/index.html"
    assert published.result.index == index
    assert {p.relative_to(published.site).as_posix() for p in files(published.site)} == {*expected, index}
    for relative, feed in expected.items():
        assert (published.site / relative).read_bytes() == (published.out / feed.path).read_bytes()
        assert (published.site / relative).stat().st_mode & 0o777 == 0o644
    # Beside the tree, not in it: the configurations and the manifest (which names every secret path).
    assert sorted(p.name for p in published.root.iterdir()) == sorted([SITE, NGINX_FILE, CADDY_FILE, MANIFEST])
    tokens = set(secrets.tokens.values())
    for path in (published.root / NGINX_FILE, published.root / CADDY_FILE):
        assert not any(token in path.read_text() for token in tokens)


def test_the_index_links_resolve_inside_the_tree(published: Published) -> None:
    page = (published.site / published.result.index).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', page)
    assert len(links) == len(published.result.export.feeds)
    folder = (published.site / published.result.index).parent
    for link in links:
        assert link.startswith("../")
        assert (folder / link).resolve().is_file(), link


def test_with_a_public_url_the_index_gives_full_addresses(data_copy: Path, tmp_path: Path) -> None:
    done = do_publish(data_copy, tmp_path, public="https://cal.example.org/ee2")
    page = (done.site / done.result.index).read_text(encoding="utf-8")
    secrets = done.secrets()
    for feed in done.result.export.feeds:
        token = secrets.tokens[feed.path]
        assert f'href="webcal://cal.example.org/ee2/{token}/{feed.flat_name}"' in page
        assert f"https://cal.example.org/ee2/{token}/{feed.flat_name}" in page
    assert "server_name cal.example.org;" in (done.root / NGINX_FILE).read_text()
    assert '"^/ee2/([A-Za-z0-9_-]{32}/' in (done.root / NGINX_FILE).read_text()
    assert (done.root / CADDY_FILE).read_text().count("cal.example.org {") == 1


def test_the_same_addresses_as_serve(published: Published) -> None:
    """publish and serve read one secrets file: moving from one to the other keeps every subscription."""
    from mh_planner.feeds.site import FeedSite
    from mh_planner.loading import load

    site = FeedSite(published.data, published.out, published.secrets(), PublicURL.parse("https://x.org"),
                    load(published.data))
    for feed in site.feeds:
        path = site.address(feed).removeprefix("https://x.org/")
        assert (published.site / path).is_file()


def test_republishing_unchanged_data_touches_nothing(published: Published) -> None:
    age(published.root)
    before = contents(published.root)
    again = do_publish(published.data, published.root.parent)
    assert again.result.written == [] and again.result.deleted == []
    assert contents(published.root) == before
    assert len(set(mtimes(published.root).values())) == 1


def test_a_feed_that_goes_leaves_the_tree_and_comes_back_at_its_address(published: Published) -> None:
    plan = published.data / "plans/2019-20/ee2.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - id: jreid\n")
    plan.write_text(text[:start] + text[text.index("\n  - id: ", start + 1) + 1 :], encoding="utf-8")
    (published.site / "README.txt").write_text("not ours\n")
    token = published.secrets().tokens["ee2/person-jreid.ics"]
    gone = do_publish(published.data, published.root.parent)
    assert gone.result.deleted == [f"{token}/ee2-person-jreid.ics"]
    assert not (published.site / token).exists()  # the emptied token folder goes too
    assert (published.site / "README.txt").exists()  # what publish did not write stays
    plan.write_text(text, encoding="utf-8")
    back = do_publish(published.data, published.root.parent)
    assert f"{token}/ee2-person-jreid.ics" in back.result.written


def test_rotate_moves_every_feed(published: Published) -> None:
    old = {p.relative_to(published.site).as_posix() for p in files(published.site)}
    rotated = do_publish(published.data, published.root.parent, rotate=True)
    new = {p.relative_to(published.site).as_posix() for p in files(published.site)}
    assert not old & new and sorted(rotated.result.deleted) == sorted(old)


def test_publish_command(data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["publish", str(tmp_path / "pub"), "--data", str(data_copy), "--out", str(tmp_path / "cal")]
    assert main([*args, "--public-url", "https://cal.example.org"]) == 0
    printed = capsys.readouterr().out
    assert "31 feeds" in printed and "32 file(s) written" in printed
    assert "which did not exist" in printed  # a first run says the secrets file must be kept
    assert len(re.findall(r"\n    https://cal\.example\.org/[A-Za-z0-9_-]{32}/\S+\.ics", printed)) == 31
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "which did not exist" not in printed
    assert "1 file(s) written, 31 unchanged" in printed and "index.html" in printed  # the index: relative links
    assert main([*args[:1], str(data_copy / "pub"), *args[2:]]) == 2
    assert "inside the data folder" in capsys.readouterr().err
    assert main([*args, "--public-url", "cal.example.org"]) == 2
    assert "--public-url" in capsys.readouterr().err
    assert main([*args[:1], str(tmp_path / 'a "b'), *args[2:]]) == 2
    assert "plainer path" in capsys.readouterr().err and not (tmp_path / 'a "b').exists()


# --- the configurations, run ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):  # at most some 5 s
        if process.poll() is not None:
            raise AssertionError(f"the server exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("the server did not start")


def nginx_main(prefix: Path, server_block: Path) -> Path:
    """A whole nginx.conf around the generated server block, everything in `prefix`."""
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    temps = "".join(f"    {kind}_temp_path {prefix}/tmp/{kind};\n" for kind in ("client_body", "proxy", "fastcgi",
                                                                                 "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # pytest's folders are private to their owner
    conf = prefix / "nginx.conf"
    conf.write_text(f"{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                    f"events {{ worker_connections 256; }}\nhttp {{\n{temps}    include {server_block};\n}}\n")
    return conf


@pytest.fixture
def nginx(data_copy: Path, tmp_path: Path) -> Iterator[tuple[Published, int]]:
    if NGINX is None:
        pytest.skip("nginx is not installed")
    port = free_port()
    done = do_publish(data_copy, tmp_path, port=port)
    conf = nginx_main(tmp_path / "nginx", done.root / NGINX_FILE)
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path / "nginx"), "-c", str(conf), "-e",
                            str(tmp_path / "nginx/error.log")], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(tmp_path / "nginx"), "-c", str(conf), "-e",
                                str(tmp_path / "nginx/error.log"), "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        wait_for(port, process)
        yield done, port
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)


def check_served(done: Published, port: int) -> None:
    secrets = done.secrets()
    feed = "ee2/person-pshah.ics"
    path = f"/{secrets.tokens[feed]}/ee2-person-pshah.ics"
    status, headers, body = get(port, path)
    assert status == 200 and body == (done.out / feed).read_bytes()
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    assert headers["cache-control"] == "private, no-cache"
    assert headers["referrer-policy"] == "no-referrer"
    assert email.utils.parsedate_to_datetime(headers["last-modified"])
    etag = headers["etag"]
    assert get(port, path, {"If-None-Match": etag})[0] == 304
    assert get(port, path, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    assert get(port, path, method="HEAD")[2] == b""
    index = f"/{secrets.tokens[INDEX_KEY]}/"
    for address in (index, index + "index.html"):
        status, headers, body = get(port, address)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8", address
        assert headers["cache-control"] == "no-store" and b"ee2-person-pshah.ics" in body
    token = secrets.tokens[feed]
    for other in ("/", f"/{token}/", f"/{token}", f"/{secrets.tokens[INDEX_KEY]}", "/" + MANIFEST, "/site/",
                  f"/{token}/ee2-hub.ics", f"/{token}/../{secrets.tokens[INDEX_KEY]}/index.html/x",
                  "/.mh-planner-state.json", f"/{token}/.", f"/{token}/%2e%2e/{MANIFEST}", "/index.html",
                  "/" + "x" * 32 + "/ee2-hub.ics"):
        assert get(port, other)[0] == 404, other


def test_nginx_serves_the_tree(nginx: tuple[Published, int]) -> None:
    done, port = nginx
    check_served(done, port)
    log = (done.root.parent / "nginx/error.log").read_text()
    assert not any(token in log for token in done.secrets().tokens.values())


@pytest.mark.skipif(CADDY is None, reason="caddy is not installed")
def test_caddy_serves_the_tree(data_copy: Path, tmp_path: Path) -> None:
    assert CADDY is not None
    port = free_port()
    done = do_publish(data_copy, tmp_path, port=port)
    config = tmp_path / "Caddyfile"
    config.write_text("{\n\tadmin off\n}\n\n" + (done.root / CADDY_FILE).read_text())
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data-home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config-home")}
    check = subprocess.run([CADDY, "validate", "--adapter", "caddyfile", "--config", str(config)],
                           capture_output=True, text=True, timeout=60, env=env)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([CADDY, "run", "--adapter", "caddyfile", "--config", str(config)],
                               stderr=subprocess.PIPE, env=env)
    try:
        wait_for(port, process)
        check_served(done, port)
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
