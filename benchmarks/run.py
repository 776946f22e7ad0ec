"""The whole network at once: every step at a small and a large size, side by side in one run.

    .venv/bin/python benchmarks/run.py                 # 4 and 40 hubs (several minutes)
    .venv/bin/python benchmarks/run.py --size small    # 1 and 2 hubs: the generator, its planted clashes and
                                                       # every step, in CI time (tests/benchmarks runs it)

For each size it generates a network (`benchmarks/generate.py`), checks that the errors found are exactly the
planted ones (exit 1 if not), then times each step (best of --repeat; the TUI: median of --tui-runs):

    yaml        bare `yaml.load` (libyaml's C loader) of every data file: the anchor for loading
    json        `json.loads` of the same data: what reading a parse cache could cost instead
    load        `loading.load` with no parse cache: read, parse, validate, check references
    load cached the same when the files are unchanged since the last load (`files.parse_cache`)
    assemble    the calendar
    check       `scheduling.check`: every rule, with the fixes
    place       `scheduling.place_year`: every hub's year placed (one CP-SAT problem a hub), verified by the checker
    command     `mh-planner check` end to end in a fresh interpreter (start-up and imports included), from cold
                (an empty parse cache) and when the files are unchanged (cached); anchor: yaml
    command MB  the peak memory of that process
    export      `feeds.export` into an empty folder; anchor: bare `icalendar` serialising the same events once
    edit        one move of a work-group meeting of the hub being planned (EE2, the shipped sample's plan)
                through `editing.Planner`: re-assembled and re-checked; `edit generated`: the same in a
                generated hub's plan (630 events against the sample's 221)
    undo MB     memory the undo history keeps per edit, over 20 edits after 5 to warm up (tracemalloc)
    tui         the planner headless in a fresh process, opened on EE2 (`--hub ee2`): its first screen and the
                hub's plan drawn, against a bare Textual app's first screen; `tui network`: from `H` to the
                whole network drawn; `tui edit`: from an edit to the screen redrawn with it checked

and prints one table with the large/small ratio of each step and each step against its anchor, then the
shipped sample's own edit for the goal "an edit is a frame (16 ms) on the sample". The machine is shared and
noisy: only ratios measured in the same run mean anything. Nothing here asserts a time.
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.bench_export import bare as bare_icalendar  # noqa: E402
from benchmarks.bench_tui_start import BARE, launch  # noqa: E402
from benchmarks.generate import DATA, generate, planted  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.calendar import Event, Origin  # noqa: E402
from mh_planner.editing import Planner  # noqa: E402
from mh_planner.feeds.export import export  # noqa: E402
from mh_planner.files import parse_cache  # noqa: E402
from mh_planner.loading import load  # noqa: E402
from mh_planner.scheduling import check, place_year  # noqa: E402

T = TypeVar("T")
SIZES = {"small": (1, 2), "large": (4, 40)}
NOW = dt.datetime(2019, 9, 1, 12, 0, tzinfo=dt.UTC)
HUB = "ee2"  # the hub being planned: the shipped sample's

# The planner headless, opened on HUB: first screen, plan drawn, then H (the whole network) and back, then an
# edit of one of the hub's meetings, each timed to the screen drawn with it.
TUI = """
import os, sys, time, datetime as dt
sys.path.insert(0, ROOT)
from mh_planner.tui.app import MHPlannerApp

def mark(what, value=None):
    value = (time.time_ns() - int(os.environ["LAUNCHED"])) / 1e6 if value is None else value
    print(what, value, flush=True)

class Timed(MHPlannerApp):
    step = ""
    def on_mount(self):
        self.call_after_refresh(lambda: mark("first"))
    def on_plan_loaded(self, message):  # runs before the app's own handler: mark after that one has drawn
        self.call_after_refresh(lambda: self.call_after_refresh(self.drawn))
    def drawn(self):
        mark("ready")
        if len(self.state.hubs) > 1:
            self.next("network", self.action_toggle_network)
        else:  # a folder of one plan: no network to show
            self.step = "back"
            self.changed()
    def next(self, step, do):
        self.step, self.started = step, time.perf_counter()
        do()
    def on_plan_changed(self, message):
        self.call_after_refresh(lambda: self.call_after_refresh(self.changed))
    def changed(self):
        took = (time.perf_counter() - getattr(self, "started", time.perf_counter())) * 1000
        if self.step == "network":
            mark("network", took)
            self.next("back", self.action_toggle_network)
        elif self.step == "back":
            from mh_planner.editing.changes import MoveEvent
            meeting = next(e for e in self.state.calendar.events if e.origin.value == "work-group"
                           and e.kind.value == "meeting" and e.hub == HUB and e.first_day.month == 1)
            week = dt.timedelta(days=7)
            move = MoveEvent(meeting.id, meeting.title, meeting.start + week, meeting.end + week)
            self.next("edit", lambda: self.apply(move))
        elif self.step == "edit":
            mark("edit", took)
            self.exit()
    def on_load_failed(self, message):
        print("problems", len(message.problems), flush=True)
        self.exit()

Timed(DATA, hub=HUB).run(headless=True, size=SIZE)
"""

# `mh-planner check` in a fresh interpreter, reporting its peak memory.
COMMAND = """
import resource, runpy, sys
sys.argv = ["mh-planner", "check", "--data", DATA]
try:
    runpy.run_module("mh_planner", run_name="__main__")
except SystemExit:
    pass
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


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
    planted: str = ""
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
    os.environ[parse_cache.ENV] = "off"
    fig.steps["load"], dataset = best(repeat, lambda: load(root))
    os.environ[parse_cache.ENV] = str(work / "cache")
    load(root)  # fills the cache
    fig.steps["load cached"], dataset = best(repeat, lambda: load(root))
    fig.steps["assemble"], calendar = best(repeat, lambda: assemble(dataset))
    fig.steps["check"], conflicts = best(repeat, lambda: check(calendar))
    place_year(calendar, conflicts=conflicts, hubs=list(calendar.plans)[:1])  # the solver's import, not timed
    fig.steps["place"], _ = best(1 if fig.hubs > 4 else repeat, lambda: place_year(calendar, conflicts=conflicts))
    fig.events, fig.conflicts = len(calendar.events), len(conflicts)
    errors = sorted((c.rule, c.event_ids) for c in conflicts if c.severity.value == "error")
    wanted = planted(fig.hubs)
    found, other = Counter(errors) & Counter(wanted), Counter(errors) - Counter(wanted)
    fig.planted = f"{sum(found.values())} of {len(wanted)} planted, {sum(other.values())} other"
    if errors != wanted:
        raise SystemExit(f"{fig.hubs} hub(s): the errors found are not the planted ones ({fig.planted})")
    folders = iter(work / f"feeds-{fig.hubs}-{i}" for i in range(repeat))
    fig.steps["export"], _ = best(repeat, lambda: export(calendar, next(folders), now=NOW))
    fig.steps["icalendar"] = min(bare_icalendar(calendar) for _ in range(repeat))


def measure_command(fig: Figures, root: Path, repeat: int, work: Path) -> None:
    def run(cache: Path) -> float:
        env = {**os.environ, parse_cache.ENV: str(cache)}
        code = COMMAND.replace("DATA", repr(str(root)))
        result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
        kb = [int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("MAXRSS")]
        fig.steps["command MB"] = max(fig.steps.get("command MB", 0.0), (kb[0] if kb else 0) / 1024)
        return 0.0

    cold = iter(work / f"cold-{fig.hubs}-{i}" for i in range(repeat))
    fig.steps["command"], _ = best(repeat, lambda: run(next(cold)))
    warm = work / f"warm-{fig.hubs}"
    run(warm)
    fig.steps["command cached"], _ = best(repeat, lambda: run(warm))


def movable_meeting(planner: Planner, hub: str = HUB) -> Event:
    """A work-group meeting of `hub`'s plan that a week later is still a school day."""
    year = planner.calendar.year
    for event in planner.calendar.events:
        later = event.first_day + dt.timedelta(days=7)
        mine = event.origin is Origin.WORK_GROUP and event.kind.value == "meeting" and event.hub == hub
        if mine and year.is_school_day(later):
            return event
    raise SystemExit(f"no movable meeting of {hub} in the generated data")


def edit_times(planner: Planner, event: Event, count: int) -> list[float]:
    """Move `event` a week on and back, `count` times: the time of each move."""
    week, times = dt.timedelta(days=7), []
    for n in range(count):
        shift = week if n % 2 == 0 else dt.timedelta()
        started = time.perf_counter()
        planner.move_event(event.id, event.start + shift, event.end + shift)
        times.append(time.perf_counter() - started)
    return times


def measure_edit(fig: Figures, root: Path, repeat: int) -> None:
    planner = Planner(root)
    gc.collect()
    gc.freeze()  # as the planner's session does once the plan is loaded
    try:
        count = max(repeat, 2) * 2
        fig.steps["edit"] = min(edit_times(planner, movable_meeting(planner), count))
        hubs = [h for h in planner.calendar.plans if h != HUB]
        if hubs:
            fig.steps["edit generated"] = min(edit_times(planner, movable_meeting(planner, hubs[0]), count))
        event = movable_meeting(planner)
        edit_times(planner, event, 5)
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        edit_times(planner, event, 20)
        gc.collect()
        fig.steps["undo MB"] = (tracemalloc.get_traced_memory()[0] - before) / 20 / 1e6
        tracemalloc.stop()
    finally:
        gc.unfreeze()


def measure_tui(fig: Figures, root: Path, runs: int) -> None:
    size = "(160, 48)"
    bare_code = BARE.replace("SIZE", size)
    ours_code = TUI.replace("SIZE", size).replace("ROOT", repr(str(ROOT))).replace("DATA", repr(str(root)))
    ours_code = ours_code.replace("HUB", repr(HUB))
    launch(bare_code)
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        found.setdefault("tui bare", []).append(launch(bare_code)["first"])
        marks = launch(ours_code, needs="ready")
        for key in ("first", "ready", "network", "edit"):
            if key in marks:
                found.setdefault(f"tui {'drawn' if key == 'ready' else key}", []).append(marks[key])
    for key, values in found.items():
        fig.steps[key] = statistics.median(values) / 1000


ROWS: list[tuple[str, str, str | None]] = [  # step, unit, its anchor
    ("yaml", "s", None),
    ("json", "s", None),
    ("load", "s", "yaml"),
    ("load cached", "s", "yaml"),
    ("assemble", "s", None),
    ("check", "s", None),
    ("place", "s", "check"),
    ("command", "s", "yaml"),
    ("command cached", "s", "yaml"),
    ("command MB", "MB", None),
    ("export", "s", "icalendar"),
    ("icalendar", "s", None),
    ("edit", "s", None),
    ("edit generated", "s", None),
    ("undo MB", "MB", None),
    ("tui bare", "s", None),
    ("tui first", "s", "tui bare"),
    ("tui drawn", "s", "tui bare"),
    ("tui network", "s", None),
    ("tui edit", "s", None),
]


def table(small: Figures, large: Figures) -> str:
    head = (
        f"{'step':<15} {small.hubs:>4} hubs {large.hubs:>5} hubs {'large/small':>12} "
        f"{'anchor':>10} {'x anchor (small, large)':>24}"
    )
    lines = [head, "-" * len(head)]
    for step, unit, anchor in ROWS:
        if step not in large.steps or step not in small.steps:
            continue
        a, b = small.steps[step], large.steps[step]
        ratio = f"{b / a:>11.1f}x" if a > 0 else f"{'':>12}"
        vs = ""
        if anchor and anchor in large.steps:
            vs = f"{anchor:>10} {a / small.steps[anchor]:>11.2f}x {b / large.steps[anchor]:>11.2f}x"
        lines.append(f"{step:<15} {a:>8.3f}{unit:<2} {b:>8.3f}{unit:<2} {ratio} {vs}")
    lines.append(
        f"events: {small.events} and {large.events}; conflicts: {small.conflicts} and {large.conflicts}; "
        f"json.loads is {small.steps['yaml'] / small.steps['json']:.0f}x and "
        f"{large.steps['yaml'] / large.steps['json']:.0f}x faster than YAML"
    )
    lines.append(f"planted clashes: {small.planted} (small); {large.planted} (large)")
    return "\n".join(lines)


def sample_edit(repeat: int) -> str:
    """The shipped sample's own edit: the goal is a frame (16 ms)."""
    planner = Planner(DATA)
    gc.collect()
    gc.freeze()
    try:
        took = min(edit_times(planner, movable_meeting(planner), max(repeat, 2) * 2))
    finally:
        gc.unfreeze()
    return f"the shipped sample (data/, 1 hub): edit {took * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--repeat", type=int, default=3, help="best of N for each in-process step")
    parser.add_argument("--tui-runs", type=int, default=3, help="median of N launches (0: skip the TUI)")
    args = parser.parse_args(argv)
    figures = []
    with tempfile.TemporaryDirectory(prefix="mh-run-") as temporary:
        work = Path(temporary)
        cache = os.environ.get(parse_cache.ENV)
        try:
            for hubs in SIZES[args.size]:
                root = generate(work / f"data-{hubs}", hubs)
                fig = Figures(hubs)
                measure_domain(fig, root, args.repeat, work)
                measure_command(fig, root, args.repeat, work)
                measure_edit(fig, root, args.repeat)
                if args.tui_runs:
                    measure_tui(fig, root, args.tui_runs)
                figures.append(fig)
                print(f"measured {hubs} hub(s): {fig.events} events", file=sys.stderr, flush=True)
        finally:
            if cache is None:
                os.environ.pop(parse_cache.ENV, None)
            else:
                os.environ[parse_cache.ENV] = cache
        sample = sample_edit(args.repeat)
    print(f"Python {sys.version.split()[0]} on {os.cpu_count()} cores; best of {args.repeat}; {dt.date.today()}")
    print(table(*figures))
    print(sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
