"""`mh-planner export` and `serve`: load, assemble, write or serve the feeds; print what happened."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from mh_planner.assemble import assemble
from mh_planner.cli.common import EXIT_INVALID, EXIT_OK, load_or_report
from mh_planner.feeds.addresses import SecretsError
from mh_planner.feeds.export import INDEX_FILE, export, out_folder_problem
from mh_planner.feeds.layout import Feed
from mh_planner.feeds.server import FeedServer, FeedSite, webcal
from mh_planner.loading import Dataset

MAX_LISTED = 20  # a first national export writes thousands of feeds


def load_for_feeds(args: argparse.Namespace) -> tuple[Path, Path, Dataset] | None:
    """The data and feed folders and the loaded data, or None once the problem is reported (exit 2)."""
    data, out = Path(args.data), Path(args.out)
    problem = out_folder_problem(data, out)
    if problem:
        print(f"mh-planner: {problem}", file=sys.stderr)
        return None
    dataset = load_or_report(args.data, getattr(args, "year", None))
    return None if dataset is None else (data, out, dataset)


def cmd_export(args: argparse.Namespace) -> int:
    loaded = load_for_feeds(args)
    if loaded is None:
        return EXIT_INVALID
    _, out, dataset = loaded
    calendar = assemble(dataset)
    try:
        result = export(calendar, out)
    except OSError as exc:
        print(f"mh-planner: cannot write the feeds to {out}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Exported {result.summary()}")
    if result.recovered:
        print("  (no record of the last export was found: SEQUENCE numbers were taken from the feeds there)")
    lines = [f"  wrote   {out / path}" for path in result.written]
    lines += [f"  deleted {out / path}" for path in result.deleted]
    shown = lines if len(lines) <= MAX_LISTED else lines[: MAX_LISTED - 1]
    for line in shown:
        print(line)
    if len(shown) < len(lines):
        print(f"  ... and {len(lines) - len(shown)} more")
    undated = len(calendar.undated)
    print(f"Index: {out / INDEX_FILE}" + (f" (also lists {undated} event(s) not dated yet)" if undated else ""))
    return EXIT_OK


def print_addresses(server: FeedServer, feeds: list[Feed]) -> None:
    site = server.site
    for feed in feeds:
        http = site.address(feed, server.base_url)
        print(f"  {feed.name}")
        print(f"    {webcal(http)}")
        print(f"    {http}")


def cmd_serve(args: argparse.Namespace, *, ready: Callable[[FeedServer], None] | None = None) -> int:
    """Export, then serve until interrupted. `ready` is called with the listening server (tests stop it)."""
    loaded = load_for_feeds(args)
    if loaded is None:
        return EXIT_INVALID
    data, out, dataset = loaded
    try:
        site = FeedSite(data, out, rotate=args.rotate, dataset=dataset)
    except (SecretsError, OSError) as exc:
        print(f"mh-planner: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        server = FeedServer(site, args.host, args.port)
    except OSError as exc:
        print(f"mh-planner: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_INVALID

    def announce(feeds: list[Feed]) -> None:
        print("New feed(s) after the data changed:")
        print_addresses(server, feeds)
        sys.stdout.flush()

    site.on_new_feeds = announce
    if args.rotate:
        print(f"New secret addresses issued (in {site.secrets.path}): every earlier address is revoked.")
    print(f"Serving {len(site.feeds)} feeds from {out} at {server.base_url} (Ctrl-C to stop).")
    print(f"Index of every feed (keep it private): {site.address(None, server.base_url)}")
    print_addresses(server, site.feeds)
    print(f"Addresses are secret and kept in {site.secrets.path}; `--rotate` revokes them all.", flush=True)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.server_close()
    return EXIT_OK
