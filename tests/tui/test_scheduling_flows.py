"""Pilot tests of the scheduler in the planner: the assistant from a conflict, the New form's work-group
meetings and visits (and its "find a time"), and placing the whole year from the command palette."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.screens.assistant import AssistantScreen
from mh_planner.tui.screens.conflicts import ConflictsScreen
from mh_planner.tui.screens.event_editor import EventEditor
from mh_planner.tui.screens.placement import PlacementPreview
from mh_planner.tui.widgets.availability_grid import AvailabilityGrid
from tests.tui.conftest import LARGE, SMALL, make_app, settle

D = dt.date


def errors(app: MHPlannerApp) -> int:
    assert app.state is not None
    return app.state.errors


async def choose(pilot: Pilot[object], selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Select).value = value
    await settle(pilot)


def test_find_another_time_from_a_conflict_apply_it_and_undo(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("c")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ConflictsScreen)
            row = next(i for i, c in enumerate(screen.conflicts) if c.rule == "double-booked")
            screen.query_one(DataTable).move_cursor(row=row)
            await pilot.press("t")
            await settle(pilot)
            assistant = app.screen
            assert isinstance(assistant, AssistantScreen) and assistant.assistance is not None
            found = assistant.assistance.found
            assert found.event_id == "wg-peterborough/meeting-2" and found.clashes and found.refused == 0
            grid = assistant.query_one(AvailabilityGrid)
            assert grid.board is not None and [r.label for r in grid.board.rows] == [
                "Priya Shah", "Orton Wistow Primary School"
            ]  # fmt: skip
            busy = grid.board.rows[0].cells[grid.board.days.index(D(2019, 11, 12))]
            assert "Outward leg" in busy.busy[0]  # her exchange fortnight, on the cursor's detail
            assert grid.ranks[D(2019, 11, 5)] == 1
            before = errors(app)
            await pilot.press("enter")  # the best proposal, as one change
            await settle(pilot)
            assert isinstance(app.screen, ConflictsScreen) and errors(app) == before - 1
            meeting = app.state.by_id["wg-peterborough/meeting-2"] if app.state else None
            assert meeting is not None and meeting.first_day == D(2019, 11, 5)  # type: ignore[union-attr]
            await pilot.press("u")
            await settle(pilot)
            assert errors(app) == before

    asyncio.run(flow())


def test_the_new_form_adds_a_meeting_of_a_work_group(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            await choose(pilot, "#kind", "meeting")
            assert not editor.query_one("#row-title").display and editor.query_one("#row-group").display
            await choose(pilot, "#group", "wg-peterborough")
            assert editor.query_one("#venue", Select).value == "orton-wistow"  # the group's, filled in
            assert editor.query_one("#time", Input).value == "13:00-16:00"
            editor.query_one("#day", Input).value = "2020-07-21"
            await settle(pilot)
            assert "Check before you book" in str(editor.query_one("#preview-text").render())
            await pilot.click("#apply")
            await settle(pilot)
            added = app.state.by_id.get("wg-peterborough/meeting-7") if app.state else None
            assert added is not None and added.work_group == "wg-peterborough"  # a real session of the series
            assert added.first_day == D(2020, 7, 21) and added.attendees == ("pshah",)  # type: ignore[union-attr]

    asyncio.run(flow())


def test_the_new_form_adds_a_school_visit(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            await choose(pilot, "#kind", "visit")
            await choose(pilot, "#group", "wg-peterborough")
            await choose(pilot, "#school", "eye-pri")
            editor.query_one("#day", Input).value = "2019-11-28"
            await settle(pilot)
            await pilot.click("#apply")
            await settle(pilot)
            assert app.state is not None
            visits = [e for e in app.state.calendar.events if e.school == "eye-pri" and e.first_day == D(2019, 11, 28)]
            assert len(visits) == 1 and visits[0].kind.value == "visit" and visits[0].work_group == "wg-peterborough"

    asyncio.run(flow())


def test_find_a_time_from_the_new_form_fills_it_in(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            editor = app.screen
            assert isinstance(editor, EventEditor)
            await choose(pilot, "#kind", "meeting")
            await choose(pilot, "#group", "wg-south-cambs")
            editor.query_one("#day", Input).value = "2019-11-12"  # in Daniel Okafor's exchange fortnight
            await settle(pilot)
            await pilot.press("ctrl+t")
            await settle(pilot)
            assistant = app.screen
            assert isinstance(assistant, AssistantScreen) and assistant.assistance is not None
            best = assistant.assistance.found.proposals[0]
            assert not D(2019, 11, 9) <= best.start.date() <= D(2019, 11, 22)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is editor and editor.query_one("#day", Input).value == best.start.date().isoformat()
            assert "Check before you book" in str(editor.query_one("#preview-text").render())

    asyncio.run(flow())


def test_place_the_whole_year_from_the_palette_preview_apply_undo(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            before = errors(app)
            await pilot.press("ctrl+p")
            await pilot.press(*"place the whole")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            preview = app.screen
            assert isinstance(preview, PlacementPreview)
            for _ in range(200):  # the solver runs in the preview's worker
                if preview.result is not None:
                    break
                await pilot.pause(0.05)
            assert preview.result is not None and preview.result.ok
            assert {m.event_id for m in preview.result.moves} >= {"wg-peterborough/meeting-2"}
            assert errors(app) == before  # nothing changed before Enter
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, PlacementPreview) and errors(app) == before - 1
            await pilot.press("u")  # one change, one undo
            await settle(pilot)
            assert errors(app) == before and app.state is not None and not app.state.can_undo

    asyncio.run(flow())


def test_the_new_forms_project_list_says_each_code_once(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            projects = app.screen.query_one("#project", Select)
            labels = [str(label) for label, _ in projects._options]
            assert "NCP 19-10 Primary TfM Embedding Work Groups" in labels
            assert not any(label.count("NCP 19-10") > 1 for label in labels)

    asyncio.run(flow())
