"""Each venue's bookings: how often it is used, by whom, how full, and where it is booked twice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

from mh_planner.tui.describe import flag, plain
from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.agenda import short_when
from mh_planner.tui.screens.base import STYLES, PlannerScreen

if TYPE_CHECKING:
    from mh_planner.calendar import Event
    from mh_planner.tui.state import PlanState

VENUE_COLUMNS = (
    ("name", "Venue", 24),
    ("town", "Town", 12),
    ("capacity", "Seats", 5),
    ("bookings", "Booked", 6),
    ("clashes", "Issues", 6),
)
BOOKING_COLUMNS = (("flag", " ", 1), ("when", "When", 25), ("title", "Title", 40), ("people", "Expected", 8))


class VenuesScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    MODE = "venues"
    AUTO_FOCUS = "#venues-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open event"),
        Binding("i", "import_calendar", "Import calendar…", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(classes="master-detail"):
            with Vertical(classes="master"):
                table: DataTable[Any] = DataTable(id="venues-table", cursor_type="row", zebra_stripes=True)
                for key, label, width in VENUE_COLUMNS:
                    table.add_column(label, key=key, width=width)
                yield table
            with Vertical(classes="detail"):
                yield Static(id="venue-summary", classes="detail-summary")
                bookings: DataTable[Any] = DataTable(id="venue-bookings", cursor_type="row", zebra_stripes=True)
                for key, label, width in BOOKING_COLUMNS:
                    bookings.add_column(label, key=key, width=width)
                yield bookings
        yield from self.compose_footer()

    def _bookings(self, state: PlanState, venue_id: str) -> list[Event]:
        return [e for e in state.calendar.events if e.venue == venue_id]

    def show_state(self, state: PlanState) -> None:
        table = self.query_one("#venues-table", DataTable)
        row = table.cursor_row
        table.clear()
        for venue in sorted(state.calendar.venues.values(), key=lambda v: v.name):
            booked = self._bookings(state, venue.id)
            clashes = sum(1 for c in state.conflicts if c.venue == venue.id)
            table.add_row(
                plain(venue.name),
                plain(venue.town),
                str(venue.capacity or ""),
                str(len(booked)),
                plain(str(clashes), "bold red") if clashes else "",
                key=venue.id,
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)
        self._detail(state)

    def _venue_id(self) -> str | None:
        table = self.query_one("#venues-table", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _detail(self, state: PlanState) -> None:
        venue_id = self._venue_id()
        summary = self.query_one("#venue-summary", Static)
        bookings = self.query_one("#venue-bookings", DataTable)
        bookings.clear()
        if venue_id is None:
            summary.update("[dim]No venues in the plan yet.[/]")
            return
        venue = state.calendar.venues[venue_id]
        booked = self._bookings(state, venue_id)
        capacity = f"capacity {venue.capacity}" if venue.capacity else "capacity not given"
        address = f" · {escape(venue.address)}" if venue.address else ""
        summary.update(
            f"[b]{escape(venue.name)}[/], {escape(venue.town)}{address}\n{capacity} · {len(booked)} booking(s)"
        )
        for event in booked:
            when = short_when(event, state.year)
            over = bool(venue.capacity and event.headcount > venue.capacity)
            venue_clash = any(c.venue == venue_id for c in state.conflicts_by_event.get(event.id, ()))
            bookings.add_row(
                flag("error" if venue_clash else state.severity_of(event)),
                plain(f"~{when}" if event.tentative else when),
                plain(event.title),
                plain(str(event.headcount), "bold red" if over else ""),
                key=event.id,
            )

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if message.data_table.id == "venues-table" and self.shown is not None:
            message.stop()
            self._detail(self.shown)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.data_table.id == "venue-bookings" and message.row_key.value:
            self.post_message(ShowEvent(message.row_key.value))
        elif message.data_table.id == "venues-table":
            self.query_one("#venue-bookings").focus()

    def action_open(self) -> None:
        bookings = self.query_one("#venue-bookings", DataTable)
        if bookings.row_count:
            key = bookings.coordinate_to_cell_key(bookings.cursor_coordinate).row_key.value
            if key:
                self.post_message(ShowEvent(key))

    def action_import_calendar(self) -> None:
        """ "Import calendar…" for the selected venue: their bookings."""
        chosen = self._venue_id()
        self.planner_app.action_import_calendar(f"venue:{chosen}" if chosen else "confirmations")
