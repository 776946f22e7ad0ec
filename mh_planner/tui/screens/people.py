"""Each person's commitments and the release days they use against their allowance.

Left, everyone in the plan (days used, allowance, what is left); right, the selected person's events by
date. Tab moves between the two; Enter on an event opens it in its week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

from mh_planner.report import budget_text
from mh_planner.rules import Index
from mh_planner.rules.budget import allowance, committed_days
from mh_planner.tui.describe import flag, plain
from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.agenda import short_when
from mh_planner.tui.screens.base import STYLES, PlannerScreen

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

PEOPLE_COLUMNS = (
    ("name", "Name", 16),
    ("roles", "Roles", 16),
    ("events", "Events", 6),
    ("used", "Days", 5),
    ("allowance", "Allow", 5),
    ("left", "Left", 6),
)
EVENT_COLUMNS = (("flag", " ", 1), ("when", "When", 25), ("title", "Title", 44), ("days", "Days", 4))


class PeopleScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    MODE = "people"
    AUTO_FOCUS = "#people-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open event"),
        Binding("i", "import_calendar", "Import calendar…", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(classes="master-detail"):
            with Vertical(classes="master"):
                table: DataTable[Any] = DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
                for key, label, width in PEOPLE_COLUMNS:
                    table.add_column(label, key=key, width=width)
                yield table
            with Vertical(classes="detail"):
                yield Static(id="person-summary", classes="detail-summary")
                events: DataTable[Any] = DataTable(id="person-events", cursor_type="row", zebra_stripes=True)
                for key, label, width in EVENT_COLUMNS:
                    events.add_column(label, key=key, width=width)
                yield events
        yield from self.compose_footer()

    def show_state(self, state: PlanState) -> None:
        table = self.query_one("#people-table", DataTable)
        row = table.cursor_row
        table.clear()
        index = Index.build(state.calendar)
        self._index = index
        for person in sorted(state.calendar.people.values(), key=lambda p: p.name):
            used = committed_days(state.calendar, index, person.id)
            limit = allowance(state.calendar, person.id)
            over = limit is not None and used > limit[0] + 1e-9
            left = plain("" if limit is None else f"{limit[0] - used:g}", "bold red" if over else "")
            roles = ", ".join(
                r.abbreviation or r.name if (r := state.calendar.dataset.roles.get(role)) else role
                for role in person.roles
            )
            table.add_row(
                plain(person.name),
                plain(roles),
                str(len(index.by_person.get(person.id, []))),
                f"{used:g}",
                "" if limit is None else f"{limit[0]:g}",
                left,
                key=person.id,
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)
        self._detail(state)

    def _person_id(self) -> str | None:
        table = self.query_one("#people-table", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _detail(self, state: PlanState) -> None:
        person_id = self._person_id()
        summary = self.query_one("#person-summary", Static)
        events = self.query_one("#person-events", DataTable)
        events.clear()
        if person_id is None:
            summary.update("[dim]Nobody in the plan yet.[/]")
            return
        person = state.calendar.people[person_id]
        # One line per budget: each project's, as the catalogue sets it, and the person's own total.
        budgets = [line.strip() for line in budget_text(state.calendar, person_id).split("\n")[1:]]
        school = f" · {escape(person.school)}" if person.school else ""
        summary.update(f"[b]{escape(person.name)}[/]{school}\n{escape(chr(10).join(budgets))}")
        mine = [e for e in state.calendar.events if person_id in e.attendees]
        for event in mine:
            when = short_when(event, state.year)
            events.add_row(
                flag(state.severity_of(event)),
                plain(f"~{when}" if event.tentative else when),
                plain(event.title),
                f"{event.days:g}" if event.days else "",
                key=event.id,
            )

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if message.data_table.id == "people-table" and self.shown is not None:
            message.stop()
            self._detail(self.shown)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.data_table.id == "person-events" and message.row_key.value:
            self.post_message(ShowEvent(message.row_key.value))
        elif message.data_table.id == "people-table":
            self.query_one("#person-events").focus()

    def action_open(self) -> None:
        events = self.query_one("#person-events", DataTable)
        if events.row_count:
            key = events.coordinate_to_cell_key(events.cursor_coordinate).row_key.value
            if key:
                self.post_message(ShowEvent(key))

    def action_import_calendar(self) -> None:
        """ "Import calendar…" for the selected person: their busy times."""
        chosen = self._person_id()
        self.planner_app.action_import_calendar(f"person:{chosen}" if chosen else "confirmations")
