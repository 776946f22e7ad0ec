"""How long an edit takes to reach the screen: from the moment the app has the new plan (the worker's
`PlanChanged`) to the frame that shows it, and in how many frames, on the sample, driven by Pilot.

    .venv/bin/python benchmarks/bench_tui_edit.py [--rounds 15] [--size 160x48] [--screens year,week,month,agenda]
                                                  [--no-toasts]

For each screen, the same meeting is moved a week on and back (`MoveEvent`, as the editor would), round after
round. The checking of the plan itself (assembling and the rules, in the session's worker) is not counted:
only the redraw. Each frame is turned into the bytes a terminal would get, as a real driver would. Prints, from
the app having the new plan: the first frame (the edit on screen) and the CPU time until it, the last frame
(the toast Textual puts up a message later and lays out once mounted; `--no-toasts` leaves it out) and the
CPU until it, and the frames; a frame is 1/60 s (Textual's limit). Wall times include waiting for the next
tick of Textual's 60 Hz timer and depend on the machine's load: compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVENT = "wg-peterborough/meeting-3"  # a hub meeting in January: its move changes the year, week and month


def keys_for(screen: str) -> list[str]:
    """From the year's cursor on Tue 12 Nov: down twice is Tue 14 Jan, the meeting's day."""
    return {"year": ["down", "down"], "week": ["down", "down", "enter"], "month": ["down", "down", "o"],
            "agenda": ["a"], "conflicts": ["c"]}[screen]


async def measure(screen: str, rounds: int, size: tuple[int, int], toasts: bool = True) -> dict[str, list[float]]:
    from mh_planner.editing.changes import MoveEvent
    from mh_planner.tui.app import MHPlannerApp
    from mh_planner.tui.session import Session
    from tests.tui.conftest import settle

    frames: list[tuple[float, float]] = []
    started: list[tuple[float, float]] = []

    class Timed(MHPlannerApp):
        # Textual calls the handler of each class that has one, this first: it only starts the clock.
        def on_plan_changed(self, message: Any) -> None:
            started.append((time.perf_counter(), time.process_time()))
            frames.clear()

    session = Session(ROOT / "data")
    session.load()
    try:
        app = Timed(ROOT / "data", today=dt.date(2019, 11, 12), blink=False, session=session)
    except TypeError:  # an app that loads its own session (before apps could be given one)
        app = Timed(ROOT / "data", today=dt.date(2019, 11, 12), blink=False)
    display = app._display

    def timed_display(screen_: Any, renderable: Any) -> None:
        if renderable is not None:
            "".join(renderable.render_segments(app.console))  # the bytes a driver would write
            frames.append((time.perf_counter(), time.process_time()))
        display(screen_, renderable)

    app._display = timed_display  # type: ignore[method-assign]
    found: dict[str, list[float]] = {"first": [], "last": [], "cpu_first": [], "cpu": [], "frames": []}
    async with app.run_test(size=size, notifications=toasts) as pilot:  # a user sees the edit's toast
        await settle(pilot)
        for key in keys_for(screen):
            await pilot.press(key)
            await settle(pilot)
        event = app.state.by_id[EVENT]  # type: ignore[union-attr]
        for round_ in range(rounds + 1):
            shift = dt.timedelta(days=7 if round_ % 2 == 0 else 0)
            app.apply(MoveEvent(EVENT, event.title, event.start + shift, event.end + shift))
            await settle(pilot)
            await pilot.pause(0.1)
            if round_ and frames:  # the first round warms the caches up
                found["first"].append((frames[0][0] - started[-1][0]) * 1000)
                found["last"].append((frames[-1][0] - started[-1][0]) * 1000)
                found["cpu_first"].append((frames[0][1] - started[-1][1]) * 1000)
                found["cpu"].append((frames[-1][1] - started[-1][1]) * 1000)
                found["frames"].append(len(frames))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--size", default="160x48")
    parser.add_argument("--screens", default="year,week,month,agenda,conflicts")
    parser.add_argument("--no-toasts", action="store_true", help="without the toast each edit puts up")
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    print(f"an edit -> the frames that show it, {args.size}, {args.rounds} edits each, medians (ms; a frame is 16.7)")
    for screen in args.screens.split(","):
        try:
            found = asyncio.run(measure(screen, args.rounds, (width, height), not args.no_toasts))
        except Exception as exc:  # a screen this version does not have
            print(f"  {screen:<10} -  ({type(exc).__name__})")
            continue
        median = {name: statistics.median(values) for name, values in found.items()}
        print(
            f"  {screen:<10} first frame {median['first']:6.1f} (CPU {median['cpu_first']:5.1f})"
            f"  last frame {median['last']:6.1f} (worst {max(found['last']):6.1f}, CPU {median['cpu']:5.1f})"
            f"  frames {median['frames']:.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
