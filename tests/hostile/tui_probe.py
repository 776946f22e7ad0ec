"""Open the planner headless on a data folder and report, as one JSON line on stdout, which screen it shows.

Run in a child process by `tui.py` (limits, and Textual's exit output captured apart from the test's own).
The app is started as the TUI tests start it (tests/tui/conftest.py): a fixed today, no cursor blink.

    python -m tests.hostile.tui_probe DATA
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
from pathlib import Path


async def probe(data: Path) -> dict[str, object]:
    from mh_planner.tui.app import MHPlannerApp  # the one place the harness knows where the app lives

    app = MHPlannerApp(data, today=dt.date(2019, 11, 12), blink=False, export_dir=data.parent / "calendars")
    seen: dict[str, object] = {"screen": None, "problems": "", "exception": None}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(300):  # loading runs in a worker thread; wait for it, then for the screen it leads to
                await app.workers.wait_for_complete()
                await pilot.pause()
                if app._exception is not None or app.state is not None:
                    break
                if app.screen.id == "problems" and app.screen.query("#problems-text"):
                    break
            seen["screen"] = app.screen.id or type(app.screen).__name__
            texts = app.screen.query("#problems-text") if app.screen.id == "problems" else []
            seen["problems"] = str(texts.first().render()) if texts else ""
            await pilot.press("q")
            await pilot.pause()
    except Exception:  # run_test re-raises what crashed the app; anything else is this probe's own bug
        if app._exception is None:
            raise
    if app._exception is not None:
        seen["exception"] = f"{type(app._exception).__name__}: {str(app._exception)[:300]}"
    # Textual itself prints what crashed the app (a traceback with local variables) to stderr on shutdown.
    seen["return_code"] = app.return_code
    return seen


if __name__ == "__main__":
    result = asyncio.run(probe(Path(sys.argv[1])))
    sys.stdout.write("\n" + json.dumps(result) + "\n")
