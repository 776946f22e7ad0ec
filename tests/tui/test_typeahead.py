"""Typing ahead: keys typed (or pasted into tmux) faster than the planner opens or closes a screen reach the
screen they were typed for, in order, none lost. `burst` sends them all at once, as a fast typist does."""

from __future__ import annotations

import asyncio
import datetime as dt

from textual import events
from textual.widgets import Input

from mh_planner.tui.screens.agenda import AgendaScreen
from mh_planner.tui.screens.event_editor import EventEditor
from mh_planner.tui.screens.go_to import GoToDate
from mh_planner.tui.screens.year import YearScreen
from mh_planner.tui.widgets.year_grid import YearGrid
from tests.tui.conftest import SMALL, TODAY, burst, make_app, settle

ERASE = ["end", *["backspace"] * 10]  # the date field's default day, gone
FOURTEENTH = ["1", "4", "space", "N", "o", "v"]


def test_keys_typed_before_the_new_form_has_opened_land_in_its_fields() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            burst(app, ["n", "tab", "T", "1", "tab", *ERASE, *FOURTEENTH])  # What, then Title, then Date
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            assert editor.query_one("#title", Input).value == "T1"
            assert editor.query_one("#day", Input).value == "14 Nov"
            assert app.focused is editor.query_one("#day", Input)

    asyncio.run(flow())


def test_keys_typed_right_after_g_land_in_the_go_to_prompt_and_those_after_enter_in_the_year() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            burst(app, ["g", *FOURTEENTH])
            await settle(pilot)
            assert isinstance(app.screen, GoToDate)
            assert app.screen.query_one("#go-to-date", Input).value == "14 Nov"
            burst(app, ["enter", "right"])  # there, then a day on
            await settle(pilot)
            assert isinstance(app.screen, YearScreen)
            assert app.screen.query_one(YearGrid).cursor == dt.date(2019, 11, 15)

    asyncio.run(flow())


def test_keys_typed_right_after_slash_land_in_the_search() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            burst(app, ["slash", "T", "e", "a"])
            await settle(pilot)
            assert isinstance(app.screen, AgendaScreen)
            assert app.screen.query_one("#filter-text", Input).value == "Tea"

    asyncio.run(flow())


def test_keys_typed_as_the_form_closes_reach_the_screen_underneath() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, EventEditor)
            burst(app, ["tab", "escape", "right", "right"])  # in the title: cancel, then two days on
            await settle(pilot)
            assert isinstance(app.screen, YearScreen)
            assert app.screen.query_one(YearGrid).cursor == TODAY + dt.timedelta(days=2)

    asyncio.run(flow())


def test_a_whole_edit_typed_ahead_opens_the_form_and_comes_back() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            burst(app, ["n", "escape", "n", "tab", "T", "1"])  # opened, closed and opened again
            await settle(pilot)
            assert isinstance(app.screen, EventEditor)
            assert len(app.screen_stack) == 2
            assert app.screen.query_one("#title", Input).value == "T1"

    asyncio.run(flow())


def test_a_paste_right_after_n_lands_in_the_form_in_turn_with_the_keys() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            burst(app, ["n", "tab"])
            assert app._driver is not None
            app._driver.send_message(events.Paste("Senior leaders"))  # a terminal's bracketed paste
            burst(app, ["tab"])
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            assert editor.query_one("#title", Input).value == "Senior leaders"
            assert app.focused is editor.query_one("#day", Input)

    asyncio.run(flow())
