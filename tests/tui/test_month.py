"""The month view: a wall calendar of the cursor's month; its keys and its mouse (Pilot)."""

from __future__ import annotations

import asyncio
import datetime as dt

from mh_planner.tui.screens.month import MonthScreen
from mh_planner.tui.screens.week import WeekScreen
from mh_planner.tui.widgets.month_view import MonthView
from mh_planner.tui.widgets.week_view import WeekView
from tests.tui.conftest import LARGE, TODAY, make_app, settle

D = dt.date


def test_the_month_moves_by_day_week_and_month_and_opens_a_week() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            month = app.screen
            assert isinstance(month, MonthScreen)
            view = month.query_one(MonthView)
            assert view.cursor == TODAY and view.has_focus
            assert "November 2019" in str(month.query_one("#month-title").render())
            await pilot.press("right", "down", "pagedown")
            assert view.cursor == D(2019, 12, 20)  # Wed 13 Nov, Wed 20 Nov, a month on
            assert "December 2019" in str(month.query_one("#month-title").render())
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen) and app.screen.query_one(WeekView).day == D(2019, 12, 20)
            await pilot.press("right", "escape")  # back to the month, on the day the week was left on
            await settle(pilot)
            assert app.screen is month and view.cursor == D(2019, 12, 21)

    asyncio.run(flow())


def test_a_click_on_a_day_selects_it_and_a_second_opens_its_week() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            view = app.screen.query_one(MonthView)
            weeks, width, heights = view._grid()
            row = next(i for i, week in enumerate(weeks) if D(2019, 11, 21) in week)
            y = 1 + sum(heights[:row]) + 1
            x = 3 * width + 2  # Thursday
            await pilot.click(MonthView, offset=(x, y))
            assert view.cursor == D(2019, 11, 21)
            await pilot.click(MonthView, offset=(x, y))
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen) and app.screen.query_one(WeekView).day == D(2019, 11, 21)

    asyncio.run(flow())


def test_the_month_says_each_days_events_clashes_and_periods() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("o")
            await settle(pilot)
            text = app.screen.query_one(MonthView).plain
            assert "!12" in text and "?14" in text  # the clash and the possible clash, in characters
            await pilot.press("pageup")  # October: its half-term, then Autumn 2
            text = app.screen.query_one(MonthView).plain
            assert "-21 Half-term" in text and "28 Autumn 2" in text
            assert "19-21: Parti" in text and "19-23: Parti" in text  # three deadlines of one title told apart

    asyncio.run(flow())
