"""Export time on generated data of growing size, against serialising the same events once with bare icalendar.

    .venv/bin/python benchmarks/bench_export.py [--hubs 5 10 20 40] [--repeat N] [--keep DIR]

For each size: generate the data (benchmarks/generate.py), load and assemble it (reported, not compared),
then time, in the same run,
  bare    one icalendar.Calendar holding every exported event once, built and serialised by the library
  export  a first export into an empty folder (every feed and index.html written and fsync'd)
  again   a re-export of the unchanged data (every event stamped, every feed checked, nothing written)
and print export/bare and again/bare; `--repeat N` takes the best of N of each. An event sits in four or
five feeds (hub, person, roles, work group): serialising each VEVENT once and splicing the feeds is what
keeps export/bare near 1, and skipping feeds whose inputs did not change keeps again/bare below it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import icalendar  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.calendar import Calendar, Event  # noqa: E402
from mh_planner.feeds.build import to_utc, uid  # noqa: E402
from mh_planner.feeds.export import export  # noqa: E402
from mh_planner.feeds.layout import plan_feeds  # noqa: E402
from mh_planner.loading import load  # noqa: E402

NOW = dt.datetime(2019, 9, 1, 12, 0, tzinfo=dt.UTC)
T = TypeVar("T")


def bare(calendar: Calendar) -> float:
    """The same events, each once, with the same properties, in one calendar: the library's own cost."""
    seen: dict[str, Event] = {}
    for feed in plan_feeds(calendar):
        for event in feed.events:
            seen.setdefault(uid(event), event)
    started = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    for key, event in seen.items():
        component = icalendar.Event()
        component.add("uid", key)
        component.add("dtstamp", NOW)
        component.add("last-modified", NOW)
        component.add("sequence", 0)
        component.add("summary", event.title)
        if event.all_day:
            component.add("dtstart", event.start.date())
            component.add("dtend", event.end.date())
        else:
            component.add("dtstart", to_utc(event.start))
            component.add("dtend", to_utc(event.end))
        component.add("status", "TENTATIVE" if event.tentative else "CONFIRMED")
        component.add("transp", "OPAQUE" if event.blocking else "TRANSPARENT")
        if event.location:
            component.add("location", event.location)
        component.add("description", event.description)
        component.add("categories", [event.project or "", event.kind.value])
        cal.add_component(component)
    cal.to_ical()
    return time.perf_counter() - started


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


@dataclass
class Row:
    hubs: int
    events: int
    feeds: int
    copies: int  # VEVENTs over all feeds
    megabytes: float
    prepare: float  # load + assemble
    bare: float
    export: float
    again: float

    def line(self) -> str:
        return (
            f"{self.hubs:>4} {self.events:>7} {self.feeds:>6} {self.copies:>8} {self.megabytes:>6.1f} "
            f"{self.prepare:>8.2f}s {self.bare:>6.2f}s {self.export:>6.2f}s {self.export / self.bare:>6.2f}x "
            f"{self.again:>6.2f}s {self.again / self.bare:>6.2f}x"
        )


HEADER = (
    f"{'hubs':>4} {'events':>7} {'feeds':>6} {'VEVENTs':>8} {'MB':>6} {'load+asm':>9} {'bare':>7} "
    f"{'export':>7} {'x bare':>7} {'again':>7} {'x bare':>7}"
)


def measure(hubs: int, work: Path, repeat: int) -> Row:
    data = generate(work / f"data-{hubs}", hubs)
    prepare, calendar = timed(lambda: assemble(load(data)))

    bare_s = min(bare(calendar) for _ in range(repeat))
    folders = [work / f"feeds-{hubs}-{i}" for i in range(repeat)]
    export_s = min(timed(partial(export, calendar, folder, now=NOW))[0] for folder in folders)
    out = folders[0]
    again_s = min(timed(partial(export, calendar, out, now=NOW))[0] for _ in range(repeat))
    result = export(calendar, out, now=NOW)
    assert not result.written, "an unchanged re-export must write nothing"
    for folder in folders[1:]:
        shutil.rmtree(folder)

    copies = sum(len(f.events) for f in result.feeds)
    size = sum((out / f.path).stat().st_size for f in result.feeds) / 1e6
    return Row(hubs, len(calendar.events), len(result.feeds), copies, size, prepare, bare_s, export_s, again_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hubs", type=int, nargs="+", default=[5, 10, 20, 40], help="sizes to measure")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs of each measurement")
    parser.add_argument("--keep", type=Path, help="write the data and feeds here instead of a temporary folder")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, icalendar {icalendar.__version__}")
    print(HEADER)
    print("-" * len(HEADER), flush=True)
    with tempfile.TemporaryDirectory(prefix="mh-bench-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for hubs in args.hubs:
            print(measure(hubs, work, max(1, args.repeat)).line(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
