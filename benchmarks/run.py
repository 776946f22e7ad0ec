"""The whole network at once: every step at a small and a large size, side by side in one run.

    .venv/bin/python benchmarks/run.py                 # 4 and 40 hubs (a few minutes)
    .venv/bin/python benchmarks/run.py --size small    # 1 and 2 hubs: the generator and every step, in CI time

For each size it generates a network (`benchmarks/generate.py`), then times each step (best of --repeat):

    yaml      bare `yaml.load` (libyaml's C loader) of every data file: the anchor for `load`
    json      `json.loads` of the same data: what a parse cache could cost instead
    load      `loading.load`: read, validate, check references
    assemble  the calendar
    check     `scheduling.check`: every rule, with the fixes
    place     `scheduling.place_year`: every hub's year placed (one CP-SAT problem a hub), verified by the checker
    command   `mh-planner check` end to end in a fresh interpreter (start-up and imports included)
    export    `feeds.export` into an empty folder; anchor: bare `icalendar` serialising the same events once
    edit      one move of a work-group meeting through `editing.Planner`, re-assembled and re-checked
    undo MB   memory kept per edit by the undo history (tracemalloc, after 5 edits)
    tui       the planner headless in a fresh process: first screen and plan drawn; anchor: a bare Textual app

and prints one table with the large/small ratio of each step and each step against its anchor. The machine is
shared and noisy: only ratios measured in the same run mean anything. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.bench_export import bare as bare_icalendar  # noqa: E402
from benchmarks.bench_tui_start import BARE, OURS, launch  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.calendar import Event, Origin  # noqa: E402
from mh_planner.editing import Planner  # noqa: E402
from mh_planner.feeds.export import export  # noqa: E402
from mh_planner.loading import load  # noqa: E402
from mh_planner.scheduling import check, place_year  # noqa: E402

T = TypeVar("T")
SIZES = {"small": (1, 2), "large": (4, 40)}
NOW = dt.datetime(2019, 9, 1, 12, 0, tzinfo=dt.UTC)


def best(repeat: int, step: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return min(times), result  # type: ignore[return-value]


@dataclasses.dataclass
class Figures:
    hubs: int
    events: int = 0
    conflicts: int = 0
    steps: dict[str, float] = dataclasses.field(default_factory=dict)


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if not p.name.startswith("."))


def _jsonable(value: object) -> object:
    """The YAML data as JSON can hold it (date keys and values as text)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value if isinstance(value, str | int | float | bool | None) else str(value)


def measure_domain(fig: Figures, root: Path, repeat: int, work: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = yaml_files(root)
    fig.steps["yaml"], raw = best(repeat, lambda: [yaml.load(p.read_text(), Loader=loader) for p in files])
    text = json.dumps(_jsonable(raw))
    fig.steps["json"], _ = best(repeat, lambda: json.loads(text))
    fig.steps["load"], dataset = best(repeat, lambda: load(root))
    fig.steps["assemble"], calendar = best(repeat, lambda: assemble(dataset))
    fig.steps["check"], conflicts = best(repeat, lambda: check(calendar))
    place_year(calendar, conflicts=conflicts, hubs=list(calendar.plans)[:1])  # the solver's import, not timed
    fig.steps["place"], _ = best(1 if fig.hubs > 4 else repeat, lambda: place_year(calendar, conflicts=conflicts))
    fig.events, fig.conflicts = len(calendar.events), len(conflicts)
    folders = iter(work / f"feeds-{fig.hubs}-{i}" for i in range(repeat))
    fig.steps["export"], _ = best(repeat, lambda: export(calendar, next(folders), now=NOW))
    fig.steps["icalendar"] = min(bare_icalendar(calendar) for _ in range(repeat))


def measure_command(fig: Figures, root: Path, repeat: int) -> None:
    def run() -> None:
        subprocess.run(
            [sys.executable, "-m", "mh_planner", "check", "--data", str(root)], cwd=ROOT, capture_output=True
        )

    fig.steps["command"], _ = best(repeat, run)


def movable_meeting(planner: Planner) -> Event:
    """A work-group meeting of the first plan that a week later is still a school day."""
    year = planner.calendar.year
    for event in planner.calendar.events:
        later = event.first_day + dt.timedelta(days=7)
        if event.origin is Origin.WORK_GROUP and event.kind.value == "meeting" and year.is_school_day(later):
            return event
    raise SystemExit("no movable meeting in the generated data")


def measure_edit(fig: Figures, root: Path, repeat: int) -> None:
    planner = Planner(root)
    event = movable_meeting(planner)
    week = dt.timedelta(days=7)
    times = []
    for n in range(max(repeat, 2)):
        shift = week if n % 2 == 0 else dt.timedelta()
        start, end = event.start + shift, event.end + shift
        started = time.perf_counter()
        planner.move_event(event.id, start, end)
        times.append(time.perf_counter() - started)
    fig.steps["edit"] = min(times)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for n in range(5):
        shift = week * ((n % 2) + 1)
        planner.move_event(event.id, event.start + shift, event.end + shift)
    gc.collect()
    fig.steps["undo MB"] = (tracemalloc.get_traced_memory()[0] - before) / 5 / 1e6
    tracemalloc.stop()


def measure_tui(fig: Figures, root: Path, runs: int) -> None:
    size = "(160, 48)"
    bare_code = BARE.replace("SIZE", size)
    ours_code = OURS.replace("SIZE", size).replace("ROOT", repr(str(ROOT))).replace("DATA", repr(str(root)))
    launch(bare_code)
    bare, first, ready = [], [], []
    for _ in range(runs):
        bare.append(launch(bare_code)["first"])
        marks = launch(ours_code)
        first.append(marks["first"])
        ready.append(marks["ready"])
    fig.steps["tui bare"] = statistics.median(bare) / 1000
    fig.steps["tui first"] = statistics.median(first) / 1000
    fig.steps["tui drawn"] = statistics.median(ready) / 1000


ROWS: list[tuple[str, str, str | None]] = [  # step, unit, its anchor
    ("yaml", "s", None),
    ("json", "s", None),
    ("load", "s", "yaml"),
    ("assemble", "s", None),
    ("check", "s", None),
    ("place", "s", "check"),
    ("command", "s", "yaml"),
    ("export", "s", "icalendar"),
    ("icalendar", "s", None),
    ("edit", "s", None),
    ("undo MB", "MB", None),
    ("tui bare", "s", None),
    ("tui first", "s", "tui bare"),
    ("tui drawn", "s", "tui bare"),
]


def table(small: Figures, large: Figures) -> str:
    head = (
        f"{'step':<10} {small.hubs:>4} hubs {large.hubs:>5} hubs {'large/small':>12} "
        f"{'anchor':>10} {'x anchor (small, large)':>24}"
    )
    lines = [head, "-" * len(head)]
    for step, unit, anchor in ROWS:
        if step not in large.steps:
            continue
        a, b = small.steps[step], large.steps[step]
        ratio = f"{b / a:>11.1f}x" if a > 0 else f"{'':>12}"
        vs = ""
        if anchor and anchor in large.steps:
            vs = f"{anchor:>10} {a / small.steps[anchor]:>11.2f}x {b / large.steps[anchor]:>11.2f}x"
        lines.append(f"{step:<10} {a:>8.3f}{unit:<2} {b:>8.3f}{unit:<2} {ratio} {vs}")
    lines.append(
        f"events: {small.events} and {large.events}; conflicts: {small.conflicts} and {large.conflicts}; "
        f"json.loads is {small.steps['yaml'] / small.steps['json']:.0f}x and "
        f"{large.steps['yaml'] / large.steps['json']:.0f}x faster than YAML"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each in-process step")
    parser.add_argument("--tui-runs", type=int, default=3, help="median of N launches (0: skip the TUI)")
    args = parser.parse_args(argv)
    figures = []
    with tempfile.TemporaryDirectory(prefix="mh-run-") as temporary:
        work = Path(temporary)
        for hubs in SIZES[args.size]:
            root = generate(work / f"data-{hubs}", hubs)
            fig = Figures(hubs)
            measure_domain(fig, root, args.repeat, work)
            measure_command(fig, root, args.repeat)
            measure_edit(fig, root, args.repeat)
            if args.tui_runs:
                measure_tui(fig, root, args.tui_runs)
            figures.append(fig)
            print(f"measured {hubs} hub(s): {fig.events} events", file=sys.stderr, flush=True)
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; best of {args.repeat}; {dt.date.today()}")
    print(table(*figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

