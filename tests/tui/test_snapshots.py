"""Snapshots of every screen at 80x24 and 160x48, with colour and without (`NO_COLOR`: Textual draws in
shades of grey, and the planner says in characters what colour says), by pytest-textual-snapshot. 'Today' is
frozen and the cursor does not blink, so that a snapshot changes only when the screen does.

Update them with `pytest tests/tui/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.screens.table import SCREENS as TABLE
from tests.builders import DATA
from tests.tui.conftest import LARGE, SMALL, make_app, settle

SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x48"])
COLOURS = pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])

# What to press from the year screen to reach each screen; a str is a key, a tuple sets a field. Every
# screen of the table by its key (the first one is shown at start), then the screens opened from them.
SCREENS: dict[str, list[Any]] = {
    **{row.mode: [] if row.mode == MHPlannerApp.DEFAULT_MODE else [row.key] for row in TABLE},
    "week": ["enter", "down"],
    "details": ["enter", "down", "enter"],
    "editor": ["enter", "down", "m", ("#day", "2019-10-22")],
    "assistant": ["c", "down", "down", "t"],  # find another time for Priya Shah's meeting in her exchange
    "help": ["question_mark"],
    "go-to": ["g", ("#go-to-date", "spring 2")],
    "confirm-quit": ["c", "f", "clear", "q"],
}


async def drive(pilot: Pilot[object], steps: list[Any]) -> None:
    await settle(pilot)
    for step in steps:
        if isinstance(step, tuple):
            pilot.app.screen.query_one(step[0], Input).value = step[1]
        elif step == "clear":  # toasts come and go with time
            pilot.app.clear_notifications()
        else:
            await pilot.press(step)
        await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def colour_or_not(monkeypatch: pytest.MonkeyPatch, colour: bool) -> None:
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", "1")  # read when the app is made


@COLOURS
@SIZES
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(
    snap_compare: Any, in_root: Path, monkeypatch: pytest.MonkeyPatch, screen: str, size: tuple[int, int], colour: bool
) -> None:
    async def run_before(pilot: Pilot[object]) -> None:
        await drive(pilot, SCREENS[screen])

    colour_or_not(monkeypatch, colour)
    assert snap_compare(make_app("data"), terminal_size=size, run_before=run_before)


@COLOURS
@SIZES
def test_problems_screen(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], colour: bool
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    plan = tmp_path / "data" / "plans" / "2019-20" / "ee2.yaml"
    plan.write_text(plan.read_text().replace("lead: pshah", "lead: nobody", 1).replace("capacity: 40", "capacity: -4"))
    monkeypatch.chdir(tmp_path)
    colour_or_not(monkeypatch, colour)

    async def run_before(pilot: Pilot[object]) -> None:
        await drive(pilot, [])

    assert snap_compare(make_app("data"), terminal_size=size, run_before=run_before)
