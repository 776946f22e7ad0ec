"""Every event in a sortable table, narrowed by the filter bar. Enter opens the event in its week."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey

from mh_planner.calendar import Event  # the domain: the agenda is shown once a plan is loaded
from mh_planner.query import Filter
from mh_planner.tui import layout
from mh_planner.tui.describe import flag, plain, status
from mh_planner.tui.messages import FiltersChanged, ShowEvent
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mh_planner.academic_year import AcademicYear
    from mh_planner.calendar import AnyEvent
    from mh_planner.tui.state import PlanState

# (key, label, width); the sort key of each column is in `_sort_key`.
COLUMNS = (
    ("clash", " ", 1),
    ("when", "When", 25),
    ("title", "Title", 40),
    ("kind", "Kind", 13),
    ("where", "Where", 28),
    ("people", "People", 26),
    ("status", "Status", 9),
)
SEVERITY_RANK = {"error": 0, "warning": 1, None: 2}


def short_when(event: AnyEvent, year: AcademicYear) -> str:
    """'Tue 12 Nov 13:00-16:00', 'Sat 9 Nov - Fri 22 Nov': the year only when it is not the academic year's."""
    if not isinstance(event, Event):
        return "not dated yet"
    first, last = event.first_day, event.last_day
    outside = not (year.start <= first <= year.end)
    day = f"{first:%a} {first.day} {first:%b}" + (f" {first.year}" if outside else "")
    if event.all_day:
        return day if first == last else f"{day} - {last:%a} {last.day} {last:%b}"
    return f"{day} {event.start:%H:%M}-{event.end:%H:%M}"


class AgendaScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    MODE = "agenda"
    AUTO_FOCUS = "#agenda-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open event"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("f", "filters", "Filters"),
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("x", "clear", "Clear filters"),
        Binding("escape", "table", "Table", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = Filter()
        self.undated = False
        self.sort_by = "when"
        self.reverse = False

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield FilterBar(id="filter-bar")
        table: DataTable[Any] = DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        yield table
        yield Static(id="agenda-count")
        yield from self.compose_footer()

    def show_state(self, state: PlanState) -> None:
        self.query_one(FilterBar).state = state
        self._fill(state)

    def on_filters_changed(self, message: FiltersChanged) -> None:
        chosen = message.filter
        self.undated = chosen.status == "undated"
        if self.undated:
            chosen = replace(chosen, status=None)
        self.filter = chosen
        if self.shown is not None:
            self._fill(self.shown)

    def selected_events(self, state: PlanState) -> Sequence[AnyEvent]:
        calendar = state.calendar
        if self.undated:
            return self.filter.events(calendar, calendar.undated)
        return self.filter.events(calendar, calendar.events)

    def _sort_key(self, state: PlanState, key: str) -> Any:
        def sort_key(event: AnyEvent) -> Any:
            start = event.start.isoformat() if isinstance(event, Event) else "~"
            if key == "when":
                return (start, event.id)
            if key == "title":
                return (event.title.lower(), start)
            if key == "kind":
                return (layout.category(event), event.kind.value, start)
            if key == "where":
                return ((event.location or "~").lower(), start)
            if key == "people":
                return (-len(event.attendees), start)
            if key == "status":
                return (status(event), start)
            return (SEVERITY_RANK[state.severity_of(event)], start)

        return sort_key

    def _fill(self, state: PlanState) -> None:
        table = self.query_one("#agenda-table", DataTable)
        keep = self._current_key(table)
        events = sorted(self.selected_events(state), key=self._sort_key(state, self.sort_by), reverse=self.reverse)
        table.clear()
        for event in events:
            when = short_when(event, state.year)
            table.add_row(
                flag(state.severity_of(event)),
                plain(f"~{when}" if event.tentative else when),
                plain(event.title, "italic" if event.tentative else ""),
                plain(f"{layout.glyph(event)} {event.kind.value}"),
                plain(event.location or ""),
                plain(state.people_text(event, limit=3)),
                status(event),
                key=event.id,
            )
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        total = len(state.calendar.undated if self.undated else state.calendar.events)
        arrow = "▼" if self.reverse else "▲"
        sorted_by = next(label for key, label, _ in COLUMNS if key == self.sort_by).strip() or "clash"
        what = "events not dated yet" if self.undated else "events"
        self.query_one("#agenda-count", Static).update(
            f" {len(events)} of {total} {what} · sorted by {sorted_by} {arrow} · "
            "~ provisional date · Enter opens the event in its week"
        )

    @staticmethod
    def _current_key(table: DataTable[Any]) -> RowKey | None:
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # the cursor may point past the end after a filter
            return None

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.row_key.value is not None:
            self.post_message(ShowEvent(message.row_key.value))

    def action_open(self) -> None:
        table = self.query_one("#agenda-table", DataTable)
        key = self._current_key(table)
        if key is not None and key.value is not None:
            self.post_message(ShowEvent(key.value))

    def on_data_table_header_selected(self, message: DataTable.HeaderSelected) -> None:
        message.stop()
        key = str(message.column_key.value)
        self.reverse = not self.reverse if key == self.sort_by else False
        self.sort_by = key
        if self.shown is not None:
            self._fill(self.shown)

    def action_sort(self) -> None:
        keys = [key for key, _, _ in COLUMNS]
        self.sort_by = keys[(keys.index(self.sort_by) + 1) % len(keys)]
        self.reverse = False
        if self.shown is not None:
            self._fill(self.shown)

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        if self.shown is not None:
            self._fill(self.shown)

    def action_search(self) -> None:
        self.query_one("#filter-text").focus()

    def action_filters(self) -> None:
        self.query_one("#filter-person").focus()

    def action_table(self) -> None:
        self.query_one("#agenda-table").focus()

    def action_clear(self) -> None:
        self.query_one(FilterBar).clear()
