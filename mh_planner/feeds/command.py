"""`mh-planner export`: load, assemble, export; print what was written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mh_planner.assemble import assemble
from mh_planner.feeds.export import INDEX_FILE, export
from mh_planner.loader import Dataset

EXIT_OK, EXIT_INVALID = 0, 2
MAX_LISTED = 20  # a first national export writes thousands of feeds


def check_out_folder(data: Path, out: Path) -> str | None:
    """Why `out` cannot hold the feeds, or None. The feeds must never be written into the data."""
    if out.exists() and not out.is_dir():
        return f"{out} is not a folder"
    data_r, out_r = data.resolve(), out.resolve()
    if out_r == data_r or data_r in out_r.parents:
        return f"the feeds cannot go inside the data folder {data}: choose another --out"
    return None


def load_for_feeds(args: argparse.Namespace) -> tuple[Path, Path, Dataset] | None:
    """The data and feed folders and the loaded data, or None once the problem is reported (exit 2)."""
    from mh_planner.cli import load_or_report

    data, out = Path(args.data), Path(args.out)
    problem = check_out_folder(data, out)
    if problem:
        print(f"mh-planner: {problem}", file=sys.stderr)
        return None
    dataset = load_or_report(args.data)
    return None if dataset is None else (data, out, dataset)


def export_command(args: argparse.Namespace) -> int:
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
