"""Each venue's bookings: how often it is used, by whom, how full, and where it is booked twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mh_planner.tui.describe import flag, plain
from mh_planner.tui.layout import Column
from mh_planner.tui.literal import markup
from mh_planner.tui.screens.agenda import short_when
from mh_planner.tui.screens.master_detail import MasterDetailScreen
from mh_planner.tui.widgets.fitted_table import Cell, FittedTable
from mh_planner.tui.widgets.text_panel import TextPanel

if TYPE_CHECKING:
    from mh_planner.calendar import Event
    from mh_planner.tui.state import PlanState

# Most important first when the terminal is narrow (`rank`): the venue by its full name, its seats and use.
VENUE_COLUMNS = (
    Column("name", "Venue", 30, minimum=22, flex=True),
    Column("capacity", "Seats", 5),
    Column("bookings", "Booked", 6),
    Column("clashes", "Issues", 6, rank=2),
    Column("town", "Town", 12, rank=3),
)
BOOKING_COLUMNS = (
    Column("flag", " ", 1),
    Column("when", "When", 22, minimum=12),
    Column("title", "Title", 40, minimum=16, flex=True),
    Column("people", "Expected", 8, rank=2),
)


class VenuesScreen(MasterDetailScreen):
    MODE = "venues"
    AUTO_FOCUS = "#venues-table"
    MASTER, SUMMARY, DETAIL = "venues-table", "venue-summary", "venue-bookings"
    MASTER_COLUMNS, DETAIL_COLUMNS = VENUE_COLUMNS, BOOKING_COLUMNS
    IMPORT_FOR = "venue"

    def _bookings(self, state: PlanState, venue_id: str) -> list[Event]:
        return state.events_by_venue.get(venue_id, [])

    def show_state(self, state: PlanState) -> None:
        rows = []
        for venue in sorted(state.calendar.venues.values(), key=lambda v: v.name):
            clashes = state.clashes_by_venue.get(venue.id, 0)
            cells: dict[str, Cell] = {
                "name": venue.name,
                "town": venue.town,
                "capacity": str(venue.capacity or ""),
                "bookings": str(len(self._bookings(state, venue.id))),
                "clashes": plain(f"{clashes}!", "bold red") if clashes else "",
            }
            rows.append((venue.id, cells))
        self.query_one(f"#{self.MASTER}", FittedTable).fill(rows)
        self.show_detail()

    def show_detail(self) -> None:
        state = self.shown
        if state is None:
            return
        venue_id = self.selected()
        summary = self.query_one(f"#{self.SUMMARY}", TextPanel)
        bookings = self.query_one(f"#{self.DETAIL}", FittedTable)
        if venue_id is None:
            summary.show(markup("[dim]No venues in the plan yet.[/]"))
            bookings.fill([])
            return
        venue = state.calendar.venues[venue_id]
        booked = self._bookings(state, venue_id)
        capacity = f"capacity {venue.capacity}" if venue.capacity else "capacity not given"
        address = f" · {venue.address}" if venue.address else ""
        template = f"[b]$name[/], $town$address\n{capacity} · {len(booked)} booking(s)"
        summary.show(markup(template, name=venue.name, town=venue.town, address=address))  # mostly as it was
        rows = []
        for event in booked:
            over = bool(venue.capacity and event.headcount > venue.capacity)
            venue_clash = any(c.venue == venue_id for c in state.conflicts_by_event.get(event.id, ()))
            cells: dict[str, Cell] = {
                "flag": flag("error" if venue_clash else state.severity_of(event)),
                "when": short_when(event, state.year),
                "title": state.label(event),
                "people": plain(f"{event.headcount}!" if over else str(event.headcount), "bold red" if over else ""),
            }
            rows.append((event.id, cells))
        bookings.fill(rows)
