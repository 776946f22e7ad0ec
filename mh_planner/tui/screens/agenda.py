"""Every event in a sortable table, narrowed by the filter bar. Enter opens the event in its week."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Static

from mh_planner.calendar import Event  # the domain: the agenda is shown once a plan is loaded
from mh_planner.query import Filter
from mh_planner.tui import layout
from mh_planner.tui.describe import flag, plain, status
from mh_planner.tui.layout import Column
from mh_planner.tui.messages import FiltersChanged, ShowEvent
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.filter_bar import FilterBar
from mh_planner.tui.widgets.fitted_table import Cell, FittedTable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mh_planner.academic_year import AcademicYear
    from mh_planner.calendar import AnyEvent
    from mh_planner.tui.state import PlanState

# Most important first when the terminal is narrow (`rank`): when and what, then where and who.
COLUMNS = (
    Column("clash", " ", 1),
    Column("when", "When", 22, minimum=16, rank=1),
    Column("title", "Title", 40, minimum=18, rank=1, flex=True),
    Column("kind", "Kind", 13, minimum=1, rank=2),
    Column("where", "Where", 28, minimum=12, rank=3),
    Column("people", "People", 26, minimum=12, rank=4),
    Column("status", "Status", 9, rank=5),
)
SEVERITY_RANK = {"error": 0, "warning": 1, None: 2}


def short_when(event: AnyEvent, year: AcademicYear) -> tuple[str, ...]:
    """'Tue 12 Nov 13:00-16:00', 'Tue 12 Nov 13:00', '12 Nov 13:00' (the year only when it is not the academic
    year's), longest first; '~' in front of a provisional date."""
    if not isinstance(event, Event):
        return ("not dated yet",)
    outside = not (year.start <= event.first_day <= year.end)
    return _when(event.first_day, event.last_day, event.start, event.end, event.all_day, event.tentative, outside)


@functools.lru_cache(maxsize=4096)  # every event's, at every edit (strftime is slow): most dates stay put
def _when(
    first: dt.date, last: dt.date, start: dt.datetime, end: dt.datetime, all_day: bool, tentative: bool, outside: bool
) -> tuple[str, ...]:
    day = f"{first.day} {first:%b}" + (f" {first.year}" if outside else "")
    mark = "~" if tentative else ""
    if all_day:
        if first == last:
            return (f"{mark}{first:%a} {day}", f"{mark}{day}")
        return (f"{mark}{first:%a} {day} - {last:%a} {last.day} {last:%b}", f"{mark}{day} - {last.day} {last:%b}")
    times = f"{start:%H:%M}-{end:%H:%M}"
    return (
        f"{mark}{first:%a} {day} {times}",
        f"{mark}{first:%a} {day} {start:%H:%M}",
        f"{mark}{day} {start:%H:%M}",
        f"{mark}{day}",
    )


class AgendaScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    MODE = "agenda"
    AUTO_FOCUS = "#agenda-table"
    BINDINGS: ClassVar[list[BindingType]] = [  # `/` (search) is the app's: it leads here from any screen
        Binding("enter", "open", "Open"),
        Binding("f", "filters", "Filters"),
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse", show=False),
        Binding("x", "clear", "Clear"),
        Binding("escape", "table", "Table", show=False),
        Binding("down", "results", "Results", show=False),  # from the search field (the table has its own)
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
        yield FittedTable(COLUMNS, id="agenda-table")
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
        table = self.query_one("#agenda-table", FittedTable)
        events = sorted(self.selected_events(state), key=self._sort_key(state, self.sort_by), reverse=self.reverse)
        table.fill([(event.id, self._cells(state, event)) for event in events])
        total = len(state.calendar.undated if self.undated else state.calendar.events)
        arrow = "▼" if self.reverse else "▲"
        sorted_by = next(c.label for c in COLUMNS if c.key == self.sort_by).strip() or "clash"
        what = "events not dated yet" if self.undated else "events"
        self.query_one("#agenda-count", Static).update(
            f" {len(events)} of {total} {what} · sorted by {sorted_by} {arrow} · ~ provisional · Enter: its week",
            layout=False,  # one line, whatever it says (its height is fixed in tables.tcss): no layout to redo
        )

    @staticmethod
    def _cells(state: PlanState, event: AnyEvent) -> dict[str, Cell]:
        glyph = layout.glyph(event)
        return {
            "clash": flag(state.severity_of(event)),
            "when": short_when(event, state.year),
            "title": plain(state.label(event), "italic" if event.tentative else ""),
            "kind": (f"{glyph} {event.kind.value}", glyph),
            "where": state.venue_label(event),
            "people": state.people_text(event, limit=3),
            "status": status(event),
        }

    def follow(self, state: PlanState, event_id: str) -> None:
        table = self.query_one("#agenda-table", FittedTable)
        if event_id in table.rows:
            table.move_cursor(row=table.get_row_index(event_id), animate=False)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.row_key.value is not None:
            self.post_message(ShowEvent(message.row_key.value))

    def action_open(self) -> None:
        key = self.query_one("#agenda-table", FittedTable).cursor_key
        if key is not None:
            self.post_message(ShowEvent(key))

    def on_data_table_header_selected(self, message: DataTable.HeaderSelected) -> None:
        message.stop()
        key = str(message.column_key.value)
        self.reverse = not self.reverse if key == self.sort_by else False
        self.sort_by = key
        if self.shown is not None:
            self._fill(self.shown)

    def action_sort(self) -> None:
        keys = [c.key for c in COLUMNS]
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

    def on_input_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.action_results()

    def action_results(self) -> None:
        """From the search (Enter, or Down): to the first of the events found."""
        if self.focused is None or self.focused.id != "filter-text":
            return
        table = self.query_one("#agenda-table", FittedTable)
        table.focus()
        if table.row_count:
            table.move_cursor(row=0, animate=False)

    def action_clear(self) -> None:
        self.query_one(FilterBar).clear()
