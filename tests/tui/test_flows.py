"""Pilot tests: each drives one flow of the planner the way a user would, with keys, and checks the result."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from mh_planner.editing import Planner
from mh_planner.query import Filter
from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.screens.agenda import AgendaScreen
from mh_planner.tui.screens.confirm import ConfirmScreen
from mh_planner.tui.screens.confirm_quit import ConfirmQuit
from mh_planner.tui.screens.conflicts import ConflictsScreen
from mh_planner.tui.screens.event_details import EventDetailsScreen
from mh_planner.tui.screens.event_editor import EventEditor
from mh_planner.tui.screens.help import HelpScreen
from mh_planner.tui.screens.problems import ProblemsScreen
from mh_planner.tui.screens.week import WeekScreen
from mh_planner.tui.screens.year import YearScreen
from mh_planner.tui.widgets.week_view import WeekView
from mh_planner.tui.widgets.year_grid import YearGrid
from tests.tui.conftest import LARGE, SMALL, TODAY, make_app, settle

D = dt.date
PLAN = Path("plans") / "2019-20" / "ee2.yaml"


def keys(app: MHPlannerApp) -> set[tuple]:
    assert app.state is not None
    return {c.key for c in app.state.conflicts}


async def type_into(pilot: Pilot[object], selector: str, text: str) -> None:
    """Fill a field at once (a key press per character would cost a repaint each)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = text
    await settle(pilot)


def test_move_through_the_year_and_open_a_week() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            grid = app.screen.query_one(YearGrid)
            assert isinstance(app.screen, YearScreen) and grid.cursor == TODAY and grid.has_focus
            await pilot.press("right", "down", "down", "left", "up")
            assert grid.cursor == D(2019, 12, 10)  # Wed 13 Nov, down to 11 Dec, 8 Jan, left, back up
            await pilot.press("t")
            assert grid.cursor == TODAY
            await pilot.press("enter")
            await settle(pilot)
            week = app.screen
            assert isinstance(week, WeekScreen)
            view = week.query_one(WeekView)
            assert view.monday == D(2019, 11, 11) and view.selected == "19-02/outward"  # the band first
            await pilot.press("down")
            assert view.selected == "wg-peterborough/meeting-2"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, EventDetailsScreen)  # its people and venue, one key away
            text = str(app.screen.query_one("#details-text").render())
            assert "Priya Shah" in text and "Orton Wistow Primary School" in text
            await pilot.press("escape", "right", "right", "]")
            assert view.day == D(2019, 11, 21)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, YearScreen) and grid.cursor == D(2019, 11, 21)

    asyncio.run(flow())


def test_filter_and_search_the_agenda() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, AgendaScreen)
            table = screen.query_one("#agenda-table", DataTable)
            assert app.state is not None
            assert table.row_count == len(app.state.calendar.events)
            screen.query_one("#filter-person", Select).value = "pshah"
            await settle(pilot)
            expected = Filter(person="pshah").events(app.state.calendar)
            assert table.row_count == len(expected) and 0 < len(expected) < 100
            await pilot.press("slash", *"visit")
            await settle(pilot)
            assert table.row_count == len(Filter(person="pshah", text="visit").events(app.state.calendar))
            await pilot.press("escape", "s")  # sort by the next column: title
            await settle(pilot)
            titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
            assert titles == sorted(titles, key=str.lower)
            await pilot.press("x")
            await settle(pilot)
            assert table.row_count == len(app.state.calendar.events)
            screen.query_one("#filter-status", Select).value = "undated"
            await settle(pilot)
            assert table.row_count == len(app.state.calendar.undated)
            table.focus()
            table.move_cursor(row=0)
            screen.query_one("#filter-status", Select).value = "tentative"
            await settle(pilot)
            await pilot.press("enter")  # opens the event in its week
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)

    asyncio.run(flow())


def test_open_a_conflict_and_apply_its_fix() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ConflictsScreen)
            first = screen.current
            assert first is not None and first.rule == "travel" and first.fix is not None
            assert "No time to travel" in str(screen.query_one("#conflict-detail").render())
            await pilot.press("f")
            await settle(pilot)
            assert first.key not in keys(app)
            assert app.state is not None and app.state.errors == 3 and app.state.dirty
            moved = app.state.by_id[first.fix.event_id]
            assert moved.start == first.fix.start
            await pilot.press("enter")  # the next conflict's event, in its week
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)
            assert app.screen.query_one(WeekView).selected == "leaders-briefing"

    asyncio.run(flow())


def test_edit_an_event_see_a_conflict_appear_then_undo_and_redo() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            before = keys(app)
            await pilot.press("enter", "down", "m")  # the Peterborough meeting in Priya's exchange fortnight
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor) and editor.action == "move"
            await type_into(pilot, "#day", "31 Nov")
            await settle(pilot)
            assert "no such date" in str(editor.query_one("#error-day").render())  # inline, under its field
            await type_into(pilot, "#day", "2019-10-22")
            await settle(pilot)
            preview = str(editor.query_one("#preview-text").render())
            assert "new:" in preview and "October half-term" in preview and "resolved" in preview
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)
            after = keys(app)
            assert any(k[0] == "outside-term-time" and "wg-peterborough/meeting-2" in k[1] for k in after - before)
            assert not any(k[0] == "double-booked" for k in after)
            assert app.screen.query_one(WeekView).selected == "wg-peterborough/meeting-2"  # followed to its day
            await pilot.press("u")
            await settle(pilot)
            assert keys(app) == before and app.state is not None and not app.state.dirty
            await pilot.press("U")
            await settle(pilot)
            assert keys(app) == after

    asyncio.run(flow())


def test_add_an_event_then_delete_a_whole_series() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor) and editor.action == "add"
            assert editor.query_one("#day", Input).value == TODAY.isoformat()  # the cursor's day
            await type_into(pilot, "#title", "Planning meeting")
            await type_into(pilot, "#time", "09:00-10:00")
            editor.query_one("#venue", Select).value = "comberton"
            await settle(pilot)
            assert "Check before you book" in str(editor.query_one("#preview-text").render())
            await pilot.click("#apply")
            await settle(pilot)
            assert app.state is not None
            added = [e for e in app.state.calendar.events if e.title == "Planning meeting"]
            assert len(added) == 1 and added[0].start == dt.datetime(2019, 11, 12, 9) and added[0].venue == "comberton"
            await pilot.press("enter")  # the year's cursor day, now with the new event
            await settle(pilot)
            await pilot.press("down", "down", "x")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor) and editor.action == "delete"
            assert editor.event is not None and editor.event.work_group == "wg-peterborough"
            await pilot.click("#scope-series")
            await settle(pilot)
            await pilot.click("#apply")
            await settle(pilot)
            assert not [e for e in app.state.calendar.events if e.work_group == "wg-peterborough"]

    asyncio.run(flow())


def test_save_and_reload_give_the_same_calendar_and_keep_comments(data: Path) -> None:
    plan = data / PLAN
    original = plan.read_text()
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]

    async def flow() -> list[tuple[str, object, object]]:
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c", "f")  # move a meeting by its suggested fix
            await settle(pilot)
            assert app.state is not None and app.state.dirty
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not app.state.dirty
            return [(e.id, e.start, e.end) for e in app.state.calendar.events]

    shown = asyncio.run(flow())
    saved = plan.read_text()
    assert saved != original
    assert [line for line in saved.splitlines() if line.lstrip().startswith("#")] == comments
    assert [(e.id, e.start, e.end) for e in Planner(data).calendar.events] == shown


def test_a_file_changed_on_disk_is_never_overwritten_blindly(data: Path) -> None:
    plan = data / PLAN

    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c", "f")
            await settle(pilot)
            plan.write_text(plan.read_text() + "# added in another editor\n")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "ee2.yaml" in str(app.screen.query_one(".dialog-text").render())
            await pilot.press("escape")  # cancel: nothing written
            await settle(pilot)
            assert plan.read_text().endswith("# added in another editor\n")
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.click("#overwrite")
            await settle(pilot)
            assert app.state is not None and not app.state.dirty
            assert not plan.read_text().endswith("# added in another editor\n")

    asyncio.run(flow())


def test_quit_asks_first_when_there_are_unsaved_changes() -> None:
    async def flow() -> int | None:
        app = make_app()
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c", "f")
            await settle(pilot)
            await pilot.press("q")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmQuit)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ConflictsScreen)
            await pilot.press("q", "d")
            await settle(pilot)
        return app.return_code

    assert asyncio.run(flow()) == 0


def test_invalid_data_shows_the_problems_not_a_traceback(data: Path) -> None:
    plan = data / PLAN
    plan.write_text(plan.read_text().replace("lead: pshah", "lead: nobody", 1))

    async def flow() -> int | None:
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ProblemsScreen)
            text = str(screen.query_one("#problems-text").render())
            assert re.search(r"plans/2019-20/ee2\.yaml:\d+ +work_groups\[0\]\.lead\n +no person 'nobody'", text)
            plan.write_text(plan.read_text().replace("lead: nobody", "lead: pshah", 1))
            await pilot.press("ctrl+r")  # fixed in an editor: load again
            await settle(pilot)
            assert isinstance(app.screen, YearScreen) and app.state is not None
            plan.write_text("hub: [unclosed\n")
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert isinstance(app.screen, ProblemsScreen)
            await pilot.press("q")
            await settle(pilot)
        return app.return_code

    assert asyncio.run(flow()) == 2


def test_people_and_a_persons_commitment_in_its_week() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            assert app.state is not None
            await pilot.press("p")
            await settle(pilot)
            people = app.screen.query_one("#people-table", DataTable)
            assert people.row_count == len(app.state.calendar.people)
            assert "Daniel Okafor" in str(app.screen.query_one("#person-summary").render())
            await pilot.press("tab", "enter")  # his first commitment, in its week
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)

    asyncio.run(flow())


def test_venues_and_help() -> None:
    async def flow() -> None:
        app = make_app()
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            assert app.state is not None
            await pilot.press("v")
            await settle(pilot)
            assert app.screen.query_one("#venues-table", DataTable).row_count == len(app.state.calendar.venues)
            await pilot.press("question_mark")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)

    asyncio.run(flow())


def test_the_palette_and_export(tmp_path: Path) -> None:
    async def flow() -> None:
        app = make_app(export_dir=tmp_path / "feeds")
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"conflicts")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ConflictsScreen)
            await pilot.press("e")
            await settle(pilot)
            assert (tmp_path / "feeds" / "index.html").exists()

    asyncio.run(flow())


def test_start_next_year_from_the_palette(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p", *"start next year")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause(1.0)  # the roll runs in a worker
            await settle(pilot)
            question = str(app.screen.query_one(".dialog-text").render())
            assert "plans/2020-21/ee2.yaml" in question and "to review" in question
            await pilot.press("left", "enter")  # Write
            await pilot.pause(1.0)
            await settle(pilot)
            assert (data / "plans" / "2020-21" / "ee2.yaml").exists()
            assert app.state is not None and app.state.year.label == "2019/20"  # still planning this year

    asyncio.run(flow())
