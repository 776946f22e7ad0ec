"""`mh-planner export`, `serve` and `publish`: load the data, report problems, print what was done. The
feeds library (`mh_planner.feeds`) takes folders, a loaded dataset and a logger, and never calls the
command line."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mh_planner.assemble import assemble
from mh_planner.cli.common import EXIT_INVALID, EXIT_OK, load_or_report, say
from mh_planner.cli.common import shown as quoted
from mh_planner.feeds.export import INDEX_FILE, export, out_folder_problem
from mh_planner.feeds.stamps import StampError
from mh_planner.loading import Dataset

if TYPE_CHECKING:
    from mh_planner.feeds.layout import Feed
    from mh_planner.feeds.server import FeedServer
    from mh_planner.feeds.site import FeedSite

MAX_LISTED = 20  # a first national export writes thousands of feeds


def load_for_feeds(args: argparse.Namespace) -> tuple[Path, Path, Dataset] | None:
    """The data and feed folders and the loaded data, or None once the problem is reported (exit 2)."""
    data, out = Path(args.data), Path(args.out)
    problem = out_folder_problem(data, out)
    if problem:
        say(f"mh-planner: {problem}", file=sys.stderr)
        return None
    dataset = load_or_report(args.data, getattr(args, "year", None))
    return None if dataset is None else (data, out, dataset)


def cmd_export(args: argparse.Namespace) -> int:
    loaded = load_for_feeds(args)
    if loaded is None:
        return EXIT_INVALID
    _, out, dataset = loaded
    hub = getattr(args, "hub", None)
    if hub is not None and hub not in {f.plan.hub for f in dataset.plans}:
        say(f"mh-planner: no hub plan {quoted(hub)} in {args.data}", file=sys.stderr)
        return EXIT_INVALID
    calendar = assemble(dataset)
    try:
        result = export(calendar, out, hubs=None if hub is None else {hub})
    except OSError as exc:
        say(f"mh-planner: cannot write the feeds to {out}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except StampError as exc:
        say(f"mh-planner: {exc}", file=sys.stderr)
        return EXIT_INVALID
    say(f"Exported {result.summary()}")
    if result.recovered:
        say("  (no record of the last export was found: SEQUENCE numbers were taken from the feeds there)")
    lines = [f"  wrote   {out / path}" for path in result.written]
    lines += [f"  deleted {out / path}" for path in result.deleted]
    shown = lines if len(lines) <= MAX_LISTED else lines[: MAX_LISTED - 1]
    for line in shown:
        say(line)
    if len(shown) < len(lines):
        say(f"  ... and {len(lines) - len(shown)} more")
    undated = len(calendar.undated)
    say(f"Index: {out / INDEX_FILE}" + (f" (also lists {undated} event(s) not dated yet)" if undated else ""))
    return EXIT_OK


# --- serve --------------------------------------------------------------------------------------------


class VisibleFormatter(logging.Formatter):
    """A log record on one line, its control characters escaped (`report.lines_text`): a message may quote
    the data (a problem with a name in it) or a request (its version as the client sent it)."""

    def format(self, record: logging.LogRecord) -> str:
        from mh_planner.report import lines_text

        return lines_text([super().format(record)])


@contextmanager
def stderr_log(name: str) -> Iterator[logging.Logger]:
    """A logger writing plain lines to stderr for the length of one command."""
    log = logging.getLogger(name)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(VisibleFormatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield log
    finally:
        log.removeHandler(handler)


def print_addresses(site: FeedSite, feeds: Sequence[Feed]) -> None:
    from mh_planner.feeds.site import webcal

    for feed in feeds:
        address = site.address(feed)
        say(f"  {feed.name}")
        say(f"    {webcal(address)}")
        say(f"    {address}")


def print_new_addresses(path: Path, *, rotated: bool, first: bool) -> None:
    if rotated:
        say(f"New secret addresses issued (in {path}): every earlier address is revoked.")
    elif first:
        say(f"New secret addresses issued (in {path}, which did not exist): keep that file, or the next run "
              "issues new ones and every subscription breaks (in CI, restore it from a secret).")


def cmd_serve(args: argparse.Namespace, *, ready: Callable[[FeedServer], None] | None = None) -> int:
    """Export, then serve until interrupted. `ready` is called with the running server (tests stop it)."""
    from mh_planner.feeds.addresses import SECRETS_FILE, Secrets, SecretsError
    from mh_planner.feeds.server import FeedServer, ServeOptions, listen
    from mh_planner.feeds.site import FeedSite, PublicURL, PublicURLError

    if args.max_connections < 1 or not 0 < args.request_timeout <= 3600:
        say("mh-planner: --max-connections must be at least 1, --request-timeout 0 to 3600 s", file=sys.stderr)
        return EXIT_INVALID
    options = ServeOptions(max_connections=args.max_connections, request_timeout=args.request_timeout)
    try:
        public = PublicURL.parse(args.public_url) if args.public_url else None
    except PublicURLError as exc:
        say(f"mh-planner: --public-url {exc}", file=sys.stderr)
        return EXIT_INVALID
    loaded = load_for_feeds(args)
    if loaded is None:
        return EXIT_INVALID
    data, out, dataset = loaded
    try:
        sock = listen(args.host, args.port, options.backlog)
    except OSError as exc:
        say(f"mh-planner: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    with stderr_log("mh_planner.serve") as log:
        first = not (data / SECRETS_FILE).exists()
        try:
            secrets = Secrets.load(data / SECRETS_FILE, rotate=args.rotate)
            port = int(sock.getsockname()[1])
            site = FeedSite(data, out, secrets, public or PublicURL.for_listener(args.host, port), dataset, log)
        except (SecretsError, OSError, StampError) as exc:
            sock.close()
            say(f"mh-planner: {exc}", file=sys.stderr)
            return EXIT_INVALID
        server = FeedServer(site, sock, options, log)

        def announce(feeds: Sequence[Feed]) -> None:
            say("New feed(s) after the data changed:")
            print_addresses(site, feeds)
            sys.stdout.flush()

        site.on_new_feeds = announce
        print_new_addresses(secrets.path, rotated=args.rotate, first=first)
        say(f"Serving {len(site.feeds)} feeds from {out} at {site.public_url.base} (Ctrl-C to stop).")
        say(f"Index of every feed (keep it private): {site.address(None)}")
        print_addresses(site, site.feeds)
        say(f"Addresses are secret and kept in {secrets.path}; `--rotate` revokes them all.", flush=True)
        if ready is not None:
            notify = ready

            def when_ready() -> None:
                if server.ready.wait(timeout=60):
                    notify(server)

            threading.Thread(target=when_ready, daemon=True).start()
        try:
            server.serve()
        except KeyboardInterrupt:
            say("Stopped.")
    return EXIT_OK


# --- publish ------------------------------------------------------------------------------------------


def cmd_publish(args: argparse.Namespace) -> int:
    """Export, then write the static tree and the web server configurations into DIR."""
    from mh_planner.feeds.addresses import SECRETS_FILE, Secrets, SecretsError
    from mh_planner.feeds.publish import SITE, PublishError, publish
    from mh_planner.feeds.site import PublicURL, PublicURLError

    try:
        public = PublicURL.parse(args.public_url) if args.public_url else None
    except PublicURLError as exc:
        say(f"mh-planner: --public-url {exc}", file=sys.stderr)
        return EXIT_INVALID
    target = Path(args.dir)
    problem = out_folder_problem(Path(args.data), target)
    if problem:
        say(f"mh-planner: {problem.replace('--out', 'another folder to publish into')}", file=sys.stderr)
        return EXIT_INVALID
    loaded = load_for_feeds(args)
    if loaded is None:
        return EXIT_INVALID
    data, out, dataset = loaded
    first = not (data / SECRETS_FILE).exists()
    try:
        secrets = Secrets.load(data / SECRETS_FILE, rotate=args.rotate)
        result = publish(assemble(dataset), out, target, secrets, public_url=public)
    except (SecretsError, StampError, PublishError) as exc:
        say(f"mh-planner: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        say(f"mh-planner: cannot publish into {target}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print_new_addresses(secrets.path, rotated=args.rotate, first=first)
    say(f"Published {result.summary()}")
    for relative in result.deleted[:MAX_LISTED]:
        say(f"  deleted {target / SITE / relative}")
    if public is not None:
        from mh_planner.feeds.site import webcal

        say(f"Index of every feed (keep it private): {public.address(secrets.token('index.html'), '')}")
        for feed in result.export.feeds:
            address = public.address(secrets.token(feed.path), feed.flat_name)
            say(f"  {feed.name}")
            say(f"    {webcal(address)}")
            say(f"    {address}")
    else:
        say(f"Index of every feed (keep its address private): {target / SITE / result.index}")
        say("  (give --public-url, e.g. https://calendars.example.org, for full addresses in the index)")
    say(f"Serve {target / SITE} as it is: {', '.join(str(p) for p in result.configs)} do it with nginx or Caddy.")
    say(f"Addresses are secret and kept in {secrets.path}; `--rotate` revokes them all.")
    return EXIT_OK
