"""An edit on the table screens (agenda, conflicts, people, venues) redraws only what changed (issue 15): the
rows of the table that changed, in place, the others as they were, and no new layout of the screen when no
panel changed height."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable

from mh_planner.editing.changes import MoveEvent
from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.layout import Column
from mh_planner.tui.screens.agenda import AgendaScreen, short_when
from mh_planner.tui.widgets.fitted_table import FittedTable, Row
from mh_planner.tui.widgets.text_panel import TextPanel
from tests.tui.conftest import LARGE, make_app, settle

EVENT = "wg-peterborough/meeting-3"  # a hub meeting in January, as benchmarks/bench_tui_edit.py moves


async def move_a_week(pilot: Pilot[object], weeks: int) -> None:
    app = pilot.app
    assert isinstance(app, MHPlannerApp) and app.state is not None
    event = app.state.by_id[EVENT]
    shift = dt.timedelta(days=7 * weeks)
    app.apply(MoveEvent(EVENT, event.title, event.start + shift, event.end + shift))  # type: ignore[union-attr]
    await settle(pilot)
    await pilot.pause(0.05)


@contextmanager
def watching(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[Any]]]:
    """What the screen does meanwhile: the widgets that ask for a layout, the layouts, the table rows drawn."""
    seen: dict[str, list[Any]] = {"asked": [], "layouts": [], "rows drawn": [], "cleared": []}
    refresh, layout = Widget.refresh, Screen._refresh_layout
    render_cell, clear = DataTable._render_cell, DataTable.clear

    def spy_refresh(self: Widget, *regions: Any, **options: Any) -> Any:
        if options.get("layout"):
            seen["asked"].append(self.id)
        return refresh(self, *regions, **options)

    def spy_layout(self: Screen[Any], *args: Any, **options: Any) -> Any:
        seen["layouts"].append(self)
        return layout(self, *args, **options)

    def spy_cell(self: DataTable[Any], row_index: int, *args: Any, **options: Any) -> Any:
        seen["rows drawn"].append(row_index)
        return render_cell(self, row_index, *args, **options)

    def spy_clear(self: DataTable[Any], *args: Any, **options: Any) -> Any:
        seen["cleared"].append(self.id)
        return clear(self, *args, **options)

    monkeypatch.setattr(Widget, "refresh", spy_refresh)
    monkeypatch.setattr(Screen, "_refresh_layout", spy_layout)
    monkeypatch.setattr(DataTable, "_render_cell", spy_cell)
    monkeypatch.setattr(DataTable, "clear", spy_clear)
    yield seen


def test_an_edit_on_the_agenda_redraws_only_the_rows_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgendaScreen) and app.state is not None
            table = screen.query_one("#agenda-table", FittedTable)
            await move_a_week(pilot, 1)  # the first edit also settles the footer's keys
            await move_a_week(pilot, -1)
            rows, at = dict(table.rows), table.get_row_index(EVENT)
            assert table.cursor_key == EVENT  # the screens follow the event an edit moved
            with watching(monkeypatch) as seen:
                await move_a_week(pilot, 1)
            state = app.state
            moved = state.by_id[EVENT]
            now = table.get_row_index(EVENT)
            assert now > at and table.cursor_key == EVENT
            assert table.get_row(EVENT)[1] == Text(short_when(moved, state.year)[0])
            wanted = sorted(state.calendar.events, key=screen._sort_key(state, "when"))
            assert [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)] == [
                e.id for e in wanted
            ]
            assert all(table.rows[key] is row for key, row in rows.items())  # the same rows, not new ones
            assert seen["cleared"] == []
            assert seen["rows drawn"] and set(seen["rows drawn"]) <= set(range(at, now + 1))  # those that moved
            assert seen["asked"] == [] and seen["layouts"] == []

    asyncio.run(flow())


PANELS = [("c", "#conflict-detail"), ("p", "#person-summary"), ("v", "#venue-summary")]


@pytest.mark.parametrize(("key", "panel"), PANELS)
def test_an_edit_on_the_other_table_screens_asks_no_layout(
    monkeypatch: pytest.MonkeyPatch, key: str, panel: str
) -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            await move_a_week(pilot, 1)
            detail = str(screen.query_one(panel).render())
            with watching(monkeypatch) as seen:
                await move_a_week(pilot, -1)
                await move_a_week(pilot, 1)
            assert str(screen.query_one(panel).render()) == detail
            assert seen["asked"] == [] and seen["layouts"] == [] and seen["cleared"] == []

    asyncio.run(flow())


class OnePanel(App[None]):
    def compose(self) -> ComposeResult:
        yield TextPanel(id="panel")


def test_a_panel_is_laid_out_again_only_when_its_height_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    async def flow() -> None:
        app = OnePanel()
        async with app.run_test(size=(20, 10)) as pilot:
            panel = app.query_one(TextPanel)
            panel.show(Content("one line"))
            await pilot.pause()
            with watching(monkeypatch) as seen:
                panel.show(Content("another"))
                await pilot.pause()
                assert seen["asked"] == [] and str(panel.render()) == "another"
                panel.show(Content("a line that wraps at 20 columns"))
                await pilot.pause()
                assert set(seen["asked"]) == {"panel"} and panel.size.height == 2

    asyncio.run(flow())


COLUMNS = (Column("name", "Name", 10), Column("n", "N", 4))


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable(COLUMNS, id="table")


def rows(*names: str) -> list[Row]:
    return [(name, {"name": name, "n": str(len(name))}) for name in names]


def test_rows_gone_and_new_ones_leave_the_others_as_they_were() -> None:
    async def flow() -> None:
        app = OneTable()
        async with app.run_test(size=(40, 12)) as pilot:
            table = app.query_one(FittedTable)
            table.fill(rows(*"abcdefghij"))
            await pilot.pause()
            table.move_cursor(row=table.get_row_index("e"))
            kept = {key: table.rows[key] for key in "bcdefghij"}
            table.fill(rows(*"bcdxefghij"))  # 'a' gone, 'x' new before 'e'
            await pilot.pause()
            assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == list("bcdxefghij")
            assert all(table.rows[key] is row for key, row in kept.items())
            assert table.cursor_key == "e"
            table.fill([("b", {"name": "bee", "n": "3"}), *rows(*"cdxefghij")])  # one cell changed
            await pilot.pause()
            assert table.get_row("b")[0].plain == "bee" and table.rows["b"] is kept["b"]
            table.fill(rows("z"))  # mostly new rows (a filter): filled again
            await pilot.pause()
            assert table.row_count == 1 and table.get_row("z")[0].plain == "z"

    asyncio.run(flow())
