""""Import calendar…" in the planner: from People (the selected person's busy times), Venues (the selected
venue's bookings) and the command palette (confirmed dates, reviewed and pinned)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from mh_planner.calendar import Event, Origin
from mh_planner.tui import layout
from mh_planner.tui.app import MHPlannerApp
from mh_planner.tui.screens.confirmations import ConfirmationsScreen
from mh_planner.tui.screens.import_calendar import ImportCalendarScreen
from mh_planner.tui.session import ImportRequest
from tests.importing.conftest import ICS
from tests.tui.conftest import LARGE, make_app, settle


async def choose_row(pilot: Pilot[object], table_id: str, key: str) -> None:
    table = pilot.app.screen.query_one(table_id, DataTable)
    table.move_cursor(row=table.get_row_index(key))
    await settle(pilot)


async def import_from_modal(pilot: Pilot[object], source: Path) -> None:
    modal = pilot.app.screen
    assert isinstance(modal, ImportCalendarScreen)
    field = modal.query_one("#source", Input)
    field.value = str(source)
    await pilot.press("enter")
    await settle(pilot)


def imported(app: MHPlannerApp) -> list[Event]:
    assert app.state is not None
    return [e for e in app.state.calendar.events if e.origin is Origin.IMPORTED]


def test_import_a_persons_busy_times_from_the_people_screen(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            await choose_row(pilot, "#people-table", "pshah")
            await pilot.press("i")
            await settle(pilot)
            modal = app.screen
            assert isinstance(modal, ImportCalendarScreen)
            assert modal.query_one("#target", Select).value == "person:pshah"
            await import_from_modal(pilot, ICS / "google.ics")
            busy = imported(app)
            assert len(busy) == 7 and {e.title for e in busy} == {"Busy"}
            assert all(e.attendees == ("pshah",) for e in busy)
            assert {layout.glyph(e) for e in busy} <= {"B", "b"}  # the year marks them apart from the hub's
            assert app.state is not None and app.state.dirty  # the link is an unsaved edit of the plan
            people = app.screen.query_one("#person-events", DataTable)
            assert any(str(people.get_row(key)[2]) == "Busy" for key in people.rows)  # her list shows them
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "as: busy, person: pshah}" in (data / "plans" / "2019-20" / "ee2.yaml").read_text()
            await pilot.press("y")
            await settle(pilot)
            shown = "".join(seg.text for strip in app.screen._compositor.render_strips() for seg in strip)
            assert "B busy or booked (imported)" in shown  # the year's legend says what B is, once there are Bs

    asyncio.run(flow())


def test_import_a_venues_bookings_from_the_venues_screen_shows_the_clash(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("v")
            await settle(pilot)
            await choose_row(pilot, "#venues-table", "comberton-hall")
            await pilot.press("i")
            await settle(pilot)
            await import_from_modal(pilot, ICS / "venue-comberton-hall.ics")
            assert app.state is not None
            clashes = [c for c in app.state.conflicts if c.rule == "venue" and "imported/" in " ".join(c.event_ids)]
            assert clashes and all("Choral" not in c.message for c in clashes)
            bookings = app.screen.query_one("#venue-bookings", DataTable)
            assert sum(str(bookings.get_row(key)[2]) == "Booked" for key in bookings.rows) == 18

    asyncio.run(flow())


def test_a_source_that_cannot_be_read_changes_nothing(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            app.import_worker(ImportRequest(str(ICS / "hostile" / "truncated.ics"), "busy", person="pshah"))
            await settle(pilot)
            assert app.state is not None and not app.state.dirty and not imported(app)

    asyncio.run(flow())


def test_confirmed_dates_from_the_palette_reviewed_and_pinned(data: Path) -> None:
    async def flow() -> None:
        app = make_app(data)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press(*"Import calendar")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, ImportCalendarScreen)
            assert app.screen.query_one("#target", Select).value == "confirmations"
            await import_from_modal(pilot, ICS / "national.ics")
            review = app.screen
            assert isinstance(review, ConfirmationsScreen)
            assert review.ticked == {"19-11/a-nw1#0", "19-11/b-residential#0", "19-13/national-workshop#0"}
            table = review.query_one(DataTable)
            table.move_cursor(row=table.get_row_index("19-25/nw1#1"))  # the ambiguous one: its 2nd date
            await pilot.press("space")
            await pilot.press("enter")
            await settle(pilot)
            assert app.state is not None
            by_id = app.state.calendar.by_id()
            for event_id, day in (("19-11/a-nw1", 8), ("19-13/national-workshop", 17), ("19-25/nw1", 22)):
                event = by_id[event_id]
                assert isinstance(event, Event) and not event.tentative and event.first_day.day == day
            await pilot.press("u")  # each date is an edit: undo takes the last back (the plan's own 15 Oct)
            await settle(pilot)
            back = app.state.calendar.by_id()["19-25/nw1"]
            assert isinstance(back, Event) and back.first_day.day == 15
            assert not app.state.calendar.by_id()["19-11/a-nw1"].tentative

    asyncio.run(flow())
