"""80x24 and no colour: what each screen keeps in sight on a small terminal, and what it says in characters
rather than only in colour. Pilot tests, each on the shared sample."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from textual.widgets import Footer, Input, SelectionList
from textual.widgets._footer import FooterKey

from tests.tui.conftest import LARGE, SMALL, make_app, settle

# What to press from the year to reach each screen at 80x24.
REACH = {
    "year": [],
    "month": ["o"],
    "agenda": ["a"],
    "conflicts": ["c"],
    "people": ["p"],
    "venues": ["v"],
    "week": ["enter", "down"],
    "details": ["enter", "down", "enter"],
    "editor": ["n", *"Planning"],
    "help": ["question_mark"],
    "go-to": ["g"],
}


def lines(app: Any) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


async def reach(pilot: Any, keys: list[str]) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
    await settle(pilot)


@pytest.mark.parametrize("screen", list(REACH))
def test_the_footer_fits_80_columns(screen: str) -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await reach(pilot, REACH[screen])
            footer = app.screen.query_one(Footer)
            keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
            palette = [key.region.x for key in footer.query(FooterKey) if key.has_class("-command-palette")]
            assert keys and max(key.region.right for key in keys) <= min(palette, default=80)

    asyncio.run(flow())


def test_the_year_at_80_columns_reads_without_colour() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await reach(pilot, [])
            shown = lines(app)
            october = next(line for line in shown if line.startswith("Oct"))
            assert not re.search(r"\d{3}", october)  # no '121314': days are letters and marks at 80 columns
            assert "Autumn 1" in october or "Au1" in october  # the half-terms by name
            assert "- - L!- -" in october  # the half-term's days '-', the 23rd's clash '!'
            november = next(line for line in shown if line.startswith("Nov"))
            assert "X!" in november  # 12 Nov: the exchange leg and its clash
            assert any("! clash" in line and "- holiday" in line for line in shown)  # the key says so

    asyncio.run(flow())


@pytest.mark.parametrize(
    ("screen", "table", "columns"),
    [
        ("people", "#people-table", ["name", "used", "allowance", "left", "events", "roles"]),
        ("venues", "#venues-table", ["name", "capacity", "bookings", "clashes", "town"]),
        ("agenda", "#agenda-table", ["clash", "when", "title", "kind", "where", "people"]),
        ("conflicts", "#conflicts-table", ["severity", "date", "message", "rule", "fix"]),
    ],
)
def test_tables_keep_their_most_important_columns_at_80x24(screen: str, table: str, columns: list[str]) -> None:
    from mh_planner.tui.widgets.fitted_table import FittedTable

    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await reach(pilot, REACH[screen])
            found = app.screen.query_one(table, FittedTable)
            assert found.shown_columns == columns
            for column, width in found.fitted:
                assert width >= column.narrowest

    asyncio.run(flow())


def test_venues_are_told_apart_by_their_full_names_at_80x24() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await reach(pilot, ["v"])
            shown = "\n".join(lines(app))
            assert "Comberton Village College hall" in shown and "Comberton Village Colleg\n" not in shown

    asyncio.run(flow())


def test_the_new_forms_buttons_stay_in_sight_at_80x24() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await reach(pilot, ["n"])
            editor = app.screen
            for field, value in (("#title", "Planning"), ("#day", "24 Oct"), ("#time", "09:30-12:00")):
                editor.query_one(field, Input).value = value  # in the half-term: a note and a long preview
            await settle(pilot)
            assert "falls on Thu 24 Oct 2019" in str(editor.query_one("#preview-text").render())
            inside = editor.query_one("#editor").region.shrink((1, 1, 1, 1))  # within its frame
            for button in editor.query("#editor-buttons Button"):
                assert inside.contains_region(button.region), (button.region, inside)

    asyncio.run(flow())


def test_ticks_and_choices_are_said_in_characters() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await reach(pilot, ["enter", "down", "x"])  # delete: this meeting, or its whole work group
            shown = "\n".join(lines(app))
            assert "(•) Only this event" in shown and "( ) The whole work group" in shown
            await pilot.click("#scope-series")
            await settle(pilot)
            shown = "\n".join(lines(app))
            assert "( ) Only this event" in shown and "(•) The whole work group" in shown
            await pilot.press("escape", "escape", "n")
            await settle(pilot)
            people = "\n".join(lines(app))
            assert "[ ] Daniel Okafor" in people and "▐X▌" not in people
            app.screen.query_one("#people", SelectionList).select("dokafor")
            await settle(pilot)
            assert "[x] Daniel Okafor" in "\n".join(lines(app))

    asyncio.run(flow())
