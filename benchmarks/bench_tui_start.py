"""Start-up time of the planner against a bare Textual app, measured in one run.

    .venv/bin/python benchmarks/bench_tui_start.py [--runs 7] [--data data] [--size 160x48]

Each run is a fresh Python process (imports count: they are most of a start-up), launched alternately:
  bare    `App` with one Static: from launch to its first screen painted (headless)
  first   the planner on the data folder: from launch to its first screen painted (the year, loading)
  ready   the same process: until the plan is loaded, checked and the year drawn with it
The medians are printed with the ratios first/bare and ready/bare. The planner paints before it imports the
domain and loads the data (a thread worker does that), so first/bare stays near 1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import os, sys, time
from textual.app import App
from textual.widgets import Static

def mark(what):
    print(what, (time.time_ns() - int(os.environ["LAUNCHED"])) / 1e6, flush=True)

class Bare(App):
    def compose(self):
        yield Static("Hello")
    def on_mount(self):
        self.call_after_refresh(lambda: (mark("first"), self.exit()))

Bare().run(headless=True, size=SIZE)
"""

OURS = """
import os, sys, time
sys.path.insert(0, ROOT)
from mh_planner.tui.app import MHPlannerApp

def mark(what):
    print(what, (time.time_ns() - int(os.environ["LAUNCHED"])) / 1e6, flush=True)

class Timed(MHPlannerApp):
    def on_mount(self):
        self.call_after_refresh(lambda: mark("first"))
    def on_plan_loaded(self, message):  # runs before the app's own handler; mark after that one has drawn
        self.call_after_refresh(lambda: self.call_after_refresh(lambda: (mark("ready"), self.exit())))
    def on_load_failed(self, message):
        print("problems", len(message.problems), flush=True)
        self.exit()

Timed(DATA).run(headless=True, size=SIZE)
"""


MARKS = ("first", "ready", "network", "edit")  # what a timed run may print, each with its milliseconds


def launch(code: str, needs: str = "first") -> dict[str, float]:
    """Run `code` in a fresh interpreter; the marks it printed (exit if it failed or printed no `needs`)."""
    env = {**os.environ, "LAUNCHED": str(time.time_ns())}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    marks = {}
    for line in result.stdout.splitlines():
        what, _, value = line.partition(" ")
        if what == "problems":
            raise SystemExit(f"the data has {value} problem(s): nothing to time")
        if what in MARKS:
            marks[what] = float(value)
    if result.returncode or needs not in marks:
        raise SystemExit(f"run failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--size", default="160x48")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    size = f"({width}, {height})"
    bare_code = BARE.replace("SIZE", size)
    ours_code = OURS.replace("SIZE", size).replace("ROOT", repr(str(ROOT))).replace("DATA", repr(args.data))

    launch(bare_code), launch(ours_code)  # warm the file cache and .pyc files
    bare, first, ready = [], [], []
    for _ in range(args.runs):
        bare.append(launch(bare_code)["first"])
        marks = launch(ours_code, needs="ready")
        first.append(marks["first"])
        ready.append(marks["ready"])

    b, f, r = statistics.median(bare), statistics.median(first), statistics.median(ready)
    print(f"data: {args.data}   terminal: {args.size}   runs: {args.runs} (medians, from process launch)")
    print(f"  bare Textual app, first screen     {b:7.0f} ms")
    print(f"  mh-planner, first screen           {f:7.0f} ms   ratio {f / b:.2f}")
    print(f"  mh-planner, plan loaded and drawn  {r:7.0f} ms   ratio {r / b:.2f}")


if __name__ == "__main__":
    main()
