"""An edit reaches the screen in one frame, with no layout pass, and redraws only the lines it changed (Pilot:
frames are counted as the driver would get them, lines as the compositor asks the view for them)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from mh_planner.editing.changes import MoveEvent
from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.widgets.kept_lines import KeptLines
from mh_planner.tui.widgets.month_view import MonthView
from mh_planner.tui.widgets.week_view import WeekView
from mh_planner.tui.widgets.year_grid import YearGrid
from tests.tui.conftest import LARGE, SMALL, make_app, settle

MEETING = "wg-peterborough/meeting-3"  # Tue 14 Jan 2020, 13:00: moved a week on, it stays in January
WEEK = dt.timedelta(days=7)


class Watch:
    """What reaches the screen after the app has the new plan: frames, layout passes, the view's lines."""

    def __init__(self, app: MHPlannerApp, view: KeptLines, monkeypatch: pytest.MonkeyPatch) -> None:
        self.frames = self.layouts = 0
        self.lines: set[int] = set()
        self.on = False
        display, layout, render_line = app._display, app.screen._refresh_layout, view.render_line
        handler = MHPlannerApp.on_plan_changed

        def on_plan_changed(app_: MHPlannerApp, message: Any) -> None:
            self.on = True
            handler(app_, message)

        def counted_display(screen: Any, renderable: Any) -> None:
            self.frames += self.on and renderable is not None
            display(screen, renderable)

        def counted_layout(*args: Any, **kwargs: Any) -> None:
            self.layouts += self.on
            layout(*args, **kwargs)

        def counted_line(y: int) -> Any:
            if self.on:
                self.lines.add(y)
            return render_line(y)

        monkeypatch.setattr(MHPlannerApp, "on_plan_changed", on_plan_changed)
        monkeypatch.setattr(app, "_display", counted_display)
        monkeypatch.setattr(app.screen, "_refresh_layout", counted_layout)
        monkeypatch.setattr(view, "render_line", counted_line)


async def move(app: MHPlannerApp, pilot: Any, days: dt.timedelta) -> None:
    assert app.state is not None
    event = app.state.by_id[MEETING]
    assert event.start is not None and event.end is not None
    app.apply(MoveEvent(MEETING, event.title, event.start + days, event.end + days))
    await settle(pilot)
    await pilot.pause(0.05)


@pytest.mark.parametrize(
    ("keys", "kind", "few", "size"),
    [
        ([], YearGrid, True, LARGE),
        (["o"], MonthView, True, LARGE),
        (["enter"], WeekView, False, LARGE),
        (["o"], MonthView, False, SMALL),  # its day panel hidden: no layout for it either
    ],
    ids=["year", "month", "week", "month-80x24"],
)
def test_an_edit_reaches_the_screen_in_one_frame_redrawing_only_what_changed(
    monkeypatch: pytest.MonkeyPatch, keys: list[str], kind: type[KeptLines], few: bool, size: tuple[int, int]
) -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await pilot.press("down", "down", *keys)  # Tue 14 Jan, the meeting's day
            await settle(pilot)
            view = app.screen.query_one(kind)
            await move(app, pilot, WEEK)  # the first edit also brings undo to the footer
            before = view.plain.splitlines()
            watch = Watch(app, view, monkeypatch)
            await move(app, pilot, -WEEK)
            watch.on = False  # what follows reads the view: not a frame's drawing
            after = view.plain.splitlines()
            if size == LARGE:  # the panel beside the view tells of the day or the event
                assert "meeting 3" in app.screen.query_one("DayPanel, #event-side-text").render().plain
            assert watch.frames == 1 and watch.layouts == 0
            changed = {y for y, (was, now) in enumerate(zip(before, after, strict=True)) if was != now}
            assert changed and changed <= watch.lines  # every line that changed was drawn again
            if few:  # and no other: the weeks (or the month's rows) the meeting left and joined
                assert len(watch.lines) < view.size.height / 2

    asyncio.run(flow())
