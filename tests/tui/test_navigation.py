"""Pilot tests of moving around: navigation as a stack (Esc goes back to where you came from, a screen's key
always reaches it), the keys of tables, the search, the palette, the mouse, and the views following an edit."""

from __future__ import annotations

import asyncio
import datetime as dt

from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList

from mh_planner.tui.screens.agenda import AgendaScreen
from mh_planner.tui.screens.conflicts import ConflictsScreen
from mh_planner.tui.screens.event_details import EventDetailsScreen
from mh_planner.tui.screens.week import WeekScreen
from mh_planner.tui.screens.year import YearScreen
from mh_planner.tui.widgets.week_view import WeekView
from mh_planner.tui.widgets.year_grid import YearGrid
from tests.tui.conftest import LARGE, SMALL, TODAY, make_app, settle

D = dt.date


def test_the_year_and_the_month_share_the_day_you_are_on() -> None:
    from mh_planner.tui.screens.month import MonthScreen

    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("down", "right")  # from Tue 12 Nov into December
            await settle(pilot)
            year = app.screen
            assert isinstance(year, YearScreen)
            day = year.cursor
            assert day.month == 12
            await pilot.press("o")  # the month opens on the year's day, not on today
            await settle(pilot)
            month = app.screen
            assert isinstance(month, MonthScreen) and month.current_day == day
            await pilot.press("down", "y")  # and the year follows the month's
            await settle(pilot)
            assert app.screen is year and year.cursor == day + dt.timedelta(days=7)
            await pilot.press("enter", "right", "o")  # from a week, its day
            await settle(pilot)
            assert app.screen is month and month.current_day == day + dt.timedelta(days=8)

    asyncio.run(flow())


def test_y_shows_the_year_even_when_a_week_is_open() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("enter", "a", "y")  # Year, its week, the agenda, the year again
            await settle(pilot)
            assert isinstance(app.screen, YearScreen)
            assert app.screen.query_one(YearGrid).cursor == TODAY

    asyncio.run(flow())


def test_esc_from_a_week_opened_from_conflicts_goes_back_to_the_list() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c", "down", "enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)
            await pilot.press("escape")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ConflictsScreen)
            assert screen.query_one("#conflicts-table", DataTable).cursor_row == 1  # where it was left

    asyncio.run(flow())


def test_home_and_end_move_the_cursor_of_a_table() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c", *["down"] * 7, "home")
            screen = app.screen
            assert isinstance(screen, ConflictsScreen)
            table = screen.query_one("#conflicts-table", DataTable)
            assert table.cursor_row == 0 and screen.current is app.state.conflicts[0]  # type: ignore[union-attr]
            await pilot.press("end")
            assert table.cursor_row == table.row_count - 1

    asyncio.run(flow())


def test_a_search_lands_in_its_results_from_any_screen() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("slash", *"peterb")  # from the year: the agenda's search
            app.screen.query_one("#filter-text", Input).value = "peterborough"  # the rest at once: cheaper
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgendaScreen)
            table = screen.query_one("#agenda-table", DataTable)
            assert table.has_focus and table.cursor_row == 0 and 0 < table.row_count < 40
            first = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            await pilot.press("slash", "down")  # Down from the search lands in the results too
            assert table.has_focus and table.cursor_row == 0
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen) and app.screen.query_one(WeekView).selected == first

    asyncio.run(flow())


def test_the_palette_offers_each_action_once() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            palette = app.screen
            assert isinstance(palette, CommandPalette)
            await pilot.pause(0.3)  # the palette gathers its commands in a worker of its own
            await settle(pilot)
            options = palette.query_one(OptionList)
            titles = [str(options.get_option_at_index(i).prompt).split("\n")[0] for i in range(options.option_count)]
            assert "Quit" in titles and "Go to date" in titles
            assert len(titles) == len(set(titles)), sorted(titles)

    asyncio.run(flow())


def test_g_goes_to_a_date_typed_as_people_say_it() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            grid = app.screen.query_one(YearGrid)
            await pilot.press("g", *"spring 2", "enter")
            assert grid.cursor == D(2020, 2, 24)
            await pilot.press("g", *"next tue", "enter")  # from the cursor's day, a Monday
            assert grid.cursor == D(2020, 2, 25)
            await pilot.press("c", "g", *"14 Nov", "enter")  # elsewhere: the week around the day
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen) and app.screen.query_one(WeekView).day == D(2019, 11, 14)
            await pilot.press("escape")
            assert isinstance(app.screen, ConflictsScreen)

    asyncio.run(flow())


def test_a_click_on_an_event_in_the_week_selects_it_and_a_second_opens_it() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            view = app.screen.query_one(WeekView)
            assert view.selected == "19-02/outward"  # the band first
            line, first, _, _ = next(d for d in view._drawn if d[3] == "wg-peterborough/meeting-2")
            await pilot.click(WeekView, offset=(first + 1, line))
            assert view.selected == "wg-peterborough/meeting-2" and view.day == D(2019, 11, 12)
            await pilot.click(WeekView, offset=(first + 1, line))
            await settle(pilot)
            assert isinstance(app.screen, EventDetailsScreen)
            assert app.screen.event_id == "wg-peterborough/meeting-2"

    asyncio.run(flow())


def test_the_views_follow_the_event_a_fix_or_an_undo_moves() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            assert app.state is not None
            fix = app.state.conflicts[0].fix
            assert fix is not None
            was = app.state.by_id[fix.event_id].start.date()  # type: ignore[union-attr]
            await pilot.press("enter", "c", "f")  # a week open on the year; the first conflict's fix
            await settle(pilot)
            assert app.state.moved == fix.event_id
            await pilot.press("y")  # the year, its cursor on the day the meeting moved to
            await settle(pilot)
            assert isinstance(app.screen, YearScreen) and app.screen.cursor == fix.start.date()
            await pilot.press("enter")
            await settle(pilot)
            view = app.screen.query_one(WeekView)
            assert view.day == fix.start.date() and view.selected == fix.event_id
            await pilot.press("u")  # undone: the week follows the meeting back
            await settle(pilot)
            assert view.day == was and view.selected == fix.event_id

    asyncio.run(flow())


def test_an_exchange_leg_offers_no_edits_and_a_central_event_only_its_date() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("enter", "enter")  # 12 Nov: Priya's exchange fortnight, selected first
            await settle(pilot)
            details = app.screen
            assert isinstance(details, EventDetailsScreen)
            assert not details.query("Button#move, Button#confirm, Button#duplicate, Button#delete")
            shown = {b.binding.action for b in details.active_bindings.values()}
            assert not shown & {"edit('move')", "edit('confirm')", "edit('duplicate')", "edit('delete')"}
            await pilot.press("escape", "down", "enter")  # the hub's own meeting: every edit
            await settle(pilot)
            assert {b.id for b in app.screen.query("Button")} >= {"move", "duplicate", "delete"}

    asyncio.run(flow())


def test_reload_is_ctrl_r_on_every_screen() -> None:
    from mh_planner.tui.screens.problems import ProblemsScreen

    keys = {b.key: b.action for b in ProblemsScreen.BINDINGS if not isinstance(b, tuple)}  # type: ignore[union-attr]
    assert keys.get("ctrl+r") == "retry" and "r" not in keys


def test_fast_typing_in_the_new_form_lands_in_the_right_fields() -> None:
    from mh_planner.tui.screens.event_editor import EventEditor
    from tests.tui.conftest import burst

    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            editor.query_one("#title", Input).focus()  # the title, then Tab to the date
            await settle(pilot)
            burst(app, ["T", "1", "tab", "end", *["backspace"] * 10, "1", "4", "space", "N", "o", "v"])
            await settle(pilot)
            assert editor.query_one("#title", Input).value == "T1"
            assert editor.query_one("#day", Input).value == "14 Nov"

    asyncio.run(flow())
