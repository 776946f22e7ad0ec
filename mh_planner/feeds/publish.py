"""`mh-planner publish DIR`: the feeds at their secret addresses as a plain static tree, for any web server.

    DIR/
      site/                        the document root: serve it, or upload it to any static host
        <token>/<hub>-<kind>-<id>.ics    each feed at its secret address (the same tokens as `serve`)
        <index token>/index.html   every feed with its address
      nginx.conf                   a commented nginx `server` block serving site/
      Caddyfile                    the same for Caddy
      .mh-planner-published.json   what publish wrote into site/ (only those files are ever deleted)

The feeds are exported first, as by `export`, into the usual output folder (which keeps the state record),
then copied into the tree; unchanged files are not rewritten, so a web server's ETag and Last-Modified
hold. A feed that disappears leaves the tree (its token stays in the secrets file, so it returns at the
same address); `--rotate` moves every feed to a new address and the old paths are deleted.

The generated configurations serve `/<token>/<name>.ics` as `text/calendar; charset=utf-8` and the index
as HTML, with ETag and Last-Modified (and `304 Not Modified`), `Cache-Control: private, no-cache`,
`Referrer-Policy: no-referrer`, no directory listing, no access log (the paths are the secrets), and `404`
for everything else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from mh_planner.calendar import Calendar
from mh_planner.feeds.addresses import INDEX_KEY, Secrets
from mh_planner.feeds.export import ExportResult, export
from mh_planner.feeds.index import FeedLinks, render_index
from mh_planner.feeds.layout import Feed
from mh_planner.feeds.site import PublicURL, webcal
from mh_planner.feeds.write import PUBLIC, remove_feed, sync_folder, write_if_changed
from mh_planner.files.batch import AtomicBatch

SITE = "site"
MANIFEST = ".mh-planner-published.json"
NGINX_FILE = "nginx.conf"
CADDY_FILE = "Caddyfile"
INDEX_NAME = "index.html"
TOKEN_RE = "[A-Za-z0-9_-]{32}"  # secrets.token_urlsafe(24)
NAME_RE = r"[a-z0-9][a-z0-9.-]*\.ics"  # <hub>-<kind>-<id>.ics: ids are lower-case letters, digits and '-'


class PublishError(ValueError):
    """The folder cannot be published into."""


@dataclass
class PublishResult:
    root: Path
    export: ExportResult
    index: str  # the index's path inside site/
    written: list[str] = field(default_factory=list)  # paths inside site/
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    configs: list[Path] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.root / SITE

    def summary(self) -> str:
        parts = [f"{len(self.export.feeds)} feeds in {self.site}", f"{len(self.written)} file(s) written"]
        parts.append(f"{len(self.unchanged)} unchanged")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        return ", ".join(parts) + "."


def _feed_path(secrets: Secrets, feed: Feed) -> str:
    return f"{secrets.token(feed.path)}/{feed.flat_name}"


def _read_manifest(root: Path) -> list[str]:
    try:
        document = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        files = document["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def publish(
    calendar: Calendar,
    out: Path,
    root: Path,
    secrets: Secrets,
    *,
    public_url: PublicURL | None = None,
    listen_port: int = 80,
    now: dt.datetime | None = None,
) -> PublishResult:
    """Export `calendar` into `out`, then lay the feeds out under their secret paths in `root/site`, with
    the index, and write the nginx and Caddy configurations beside it. `secrets` is saved when new tokens
    are issued. With `public_url` the index shows full webcal:// and http(s):// addresses; without, links
    relative to it, which work wherever the tree is published."""
    site = root / SITE
    configs = {  # first: a folder they cannot name is refused before anything is written
        NGINX_FILE: nginx_config(site, public_url, listen_port),
        CADDY_FILE: caddy_config(site, public_url, listen_port),
    }
    exported = export(calendar, out, now=now)
    if secrets.ensure(f.path for f in exported.feeds):
        secrets.save()
    site.mkdir(parents=True, exist_ok=True)
    index_path = f"{secrets.token(INDEX_KEY)}/{INDEX_NAME}"
    result = PublishResult(root, exported, index_path)

    def links(feed: Feed) -> FeedLinks:
        path = _feed_path(secrets, feed)
        if public_url is None:
            return FeedLinks(f"../{path}")  # from <index token>/index.html
        address = public_url.address(secrets.token(feed.path), feed.flat_name)
        return FeedLinks(webcal(address), address)

    wanted: dict[str, bytes] = {}
    for feed in exported.feeds:
        wanted[_feed_path(secrets, feed)] = (out / feed.path).read_bytes()
    wanted[index_path] = render_index(calendar, exported.feeds, links, served=public_url is not None)

    touched: set[Path] = set()
    with AtomicBatch() as batch:  # every copy replaced together: one flush to disk, not one per file
        for relative, data in sorted(wanted.items()):
            if batch.write_if_changed(site / relative, data, mode=PUBLIC):
                result.written.append(relative)
            else:
                result.unchanged.append(relative)
    for stale in sorted(set(_read_manifest(root)) - set(wanted)):
        if remove_feed(site, stale):
            result.deleted.append(stale)
            touched.add(site)
    for folder in touched:
        sync_folder(folder)
    manifest = {"about": "Files `mh-planner publish` wrote into site/: only these are ever deleted.",
                "files": sorted(wanted)}
    write_if_changed(root / MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode(), mode=PUBLIC)
    for name, text in configs.items():
        write_if_changed(root / name, text.encode(), mode=PUBLIC)
        result.configs.append(root / name)
    return result


def _prefix(public_url: PublicURL | None) -> str:
    return public_url.prefix if public_url is not None else ""


def _host(public_url: PublicURL | None) -> str | None:
    if public_url is None:
        return None
    return public_url.base.split("://", 1)[1].split("/", 1)[0].rsplit(":", 1)[0].strip("[]") or None


def _quotable(site: Path) -> str:
    """The tree's absolute path, for a double-quoted string in either configuration."""
    root = site.resolve().as_posix()
    if any(c in root for c in '"\\$\n{}'):
        raise PublishError(f"{root}: a folder to publish into needs a plainer path (no quotes, $, braces)")
    return root


NGINX_TEMPLATE = """\
# nginx server block for the calendar feeds written by `mh-planner publish` (docs/feeds.md).
#
# Include it in the http {{ }} block of nginx.conf: e.g. copy it to /etc/nginx/conf.d/mh-planner.conf
# (or sites-enabled/), check with `nginx -t`, then `nginx -s reload`. Written again by each publish.
#
# It serves exactly two kinds of address, and 404 for everything else (no folder listing, no other file):
#   {prefix}/<token>/<hub>-<kind>-<id>.ics   a feed, as text/calendar; charset=utf-8
#   {prefix}/<token>/  and  {prefix}/<token>/index.html   the index of every feed (keep its address private)
# with ETag and Last-Modified from the file (so 304 Not Modified to If-None-Match and If-Modified-Since),
# Cache-Control: private, no-cache (clients revalidate every time; a 304 costs a few bytes) and
# Referrer-Policy: no-referrer. The addresses are the secrets, so nothing is logged per request.

server {{
    # Plain HTTP. Google Calendar and Outlook on the web want HTTPS: add a certificate, e.g. with
    # `certbot --nginx -d {cert_host}`, or by hand:
    #   listen 443 ssl;
    #   ssl_certificate     /etc/letsencrypt/live/<host>/fullchain.pem;
    #   ssl_certificate_key /etc/letsencrypt/live/<host>/privkey.pem;
    listen {listen_port};
    server_name {host};

    root "{root}";
    autoindex off;            # never list a folder
    server_tokens off;        # no version in the Server header
    access_log off;           # a request's path is a secret address: keep it out of every log
    log_not_found off;        # likewise for the error log's "file not found" lines
    etag on;                  # ETag and Last-Modified from the file: 304 to conditional requests
    if_modified_since before; # If-Modified-Since as RFC 9110 has it: not modified since that time

    # A feed.
    location ~ "^{prefix}/({TOKEN_RE}/{NAME_RE})$" {{
        alias "{root}/$1";
        types {{ }}
        default_type "text/calendar; charset=utf-8";
        add_header Cache-Control "private, no-cache" always;
        add_header Referrer-Policy "no-referrer" always;
        add_header X-Content-Type-Options "nosniff" always;
    }}

    # The index of every feed: /<token>/ is /<token>/index.html.
    location ~ "^{prefix}/{TOKEN_RE}/$" {{
        rewrite ^ ${{uri}}{INDEX_NAME} last;
    }}
    location ~ "^{prefix}/({TOKEN_RE})/index[.]html$" {{
        alias "{root}/$1/{INDEX_NAME}";
        types {{ }}
        default_type "text/html; charset=utf-8";
        add_header Cache-Control "no-store" always;
        add_header Referrer-Policy "no-referrer" always;
        add_header X-Content-Type-Options "nosniff" always;
    }}

    # Anything else, the state and manifest files and every folder included.
    location / {{
        return 404;
    }}
}}
"""


def nginx_config(site: Path, public_url: PublicURL | None = None, listen_port: int = 80) -> str:
    """A `server` block serving the published tree: include it in nginx's `http` block."""
    host = _host(public_url) or "_"
    return NGINX_TEMPLATE.format(
        root=_quotable(site),
        prefix=_prefix(public_url),
        host=host,
        cert_host=host if host != "_" else "calendars.example.org",
        listen_port=listen_port,
        TOKEN_RE=TOKEN_RE,
        NAME_RE=NAME_RE,
        INDEX_NAME=INDEX_NAME,
    )


def caddy_config(site: Path, public_url: PublicURL | None = None, listen_port: int = 80) -> str:
    """A Caddyfile serving the published tree, with HTTPS by itself when the address is a domain name."""
    root = _quotable(site)
    prefix = _prefix(public_url)
    if public_url is None:
        address = f":{listen_port}"
        note = f"# Replace {address} by the domain name (e.g. calendars.example.org) for HTTPS, which Caddy sets up."
    else:
        scheme = public_url.base.split("://", 1)[0]
        netloc = public_url.base.split("://", 1)[1].split("/", 1)[0]
        address = netloc if scheme == "https" else f"http://{netloc}"
        note = "# Caddy obtains and renews the HTTPS certificate of an https:// address by itself."
    return f"""\
# Caddyfile for the calendar feeds written by `mh-planner publish` (docs/feeds.md).
#
# Run it with `caddy run --config Caddyfile`, or copy the site block into /etc/caddy/Caddyfile and
# `systemctl reload caddy`. Written again by each publish.
{note}
#
# Serves {prefix}/<token>/<hub>-<kind>-<id>.ics as text/calendar; charset=utf-8 and {prefix}/<token>/ (the
# index) as HTML, with ETag and Last-Modified (304 to conditional requests), Cache-Control: private,
# no-cache and Referrer-Policy: no-referrer; 404 for everything else, no folder listing. Caddy logs no
# request unless a `log` directive asks it to: keep it that way, the paths are the secrets.

{address} {{
\troot * "{root}"

\t@feed path_regexp feed ^{prefix}/({TOKEN_RE})/({NAME_RE})$
\t@index path_regexp index ^{prefix}/({TOKEN_RE})/(?:index\\.html)?$

\theader {{
\t\tReferrer-Policy no-referrer
\t\tX-Content-Type-Options nosniff
\t\t-Server
\t}}

\thandle @feed {{
\t\trewrite * /{{re.feed.1}}/{{re.feed.2}}
\t\theader Content-Type "text/calendar; charset=utf-8"
\t\theader Cache-Control "private, no-cache"
\t\tfile_server {{
\t\t\tdisable_canonical_uris
\t\t}}
\t}}

\thandle @index {{
\t\trewrite * /{{re.index.1}}/{INDEX_NAME}
\t\theader Content-Type "text/html; charset=utf-8"
\t\theader Cache-Control "no-store"
\t\tfile_server {{
\t\t\tdisable_canonical_uris
\t\t}}
\t}}

\thandle {{
\t\trespond 404
\t}}
}}
"""
