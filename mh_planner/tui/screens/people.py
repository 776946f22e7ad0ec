"""Each person's commitments and the release days they use against their allowance.

Left, everyone in the plan (days used, allowance, what is left); right, the selected person's events by
date. Tab moves between the two; Enter on an event opens it in its week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from mh_planner.report import budget_text
from mh_planner.rules.budget import allowance, committed_days
from mh_planner.tui.describe import flag, plain
from mh_planner.tui.layout import Column
from mh_planner.tui.literal import markup
from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.agenda import short_when
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.fitted_table import Cell, FittedTable
from mh_planner.tui.widgets.quiet import show

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

# Most important first when the terminal is narrow (`rank`): who, and their days against their allowance.
PEOPLE_COLUMNS = (
    Column("name", "Name", 20, minimum=12, flex=True),
    Column("used", "Days", 4),
    Column("allowance", "Allow", 5),
    Column("left", "Left", 5),
    Column("events", "Events", 6, rank=2),
    Column("roles", "Roles", 16, minimum=8, rank=3),
)
EVENT_COLUMNS = (
    Column("flag", " ", 1),
    Column("when", "When", 22, minimum=12),
    Column("title", "Title", 44, minimum=16, flex=True),
    Column("days", "Days", 4, rank=2),
)


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
                yield FittedTable(PEOPLE_COLUMNS, id="people-table")
            with Vertical(classes="detail"):
                yield Static(id="person-summary", classes="detail-summary")
                yield FittedTable(EVENT_COLUMNS, id="person-events")
        yield from self.compose_footer()

    def show_state(self, state: PlanState) -> None:
        index = state.index
        rows = []
        for person in sorted(state.calendar.people.values(), key=lambda p: p.name):
            used = committed_days(state.calendar, index, person.id)
            limit = allowance(state.calendar, person.id)
            over = limit is not None and used > limit[0] + 1e-9
            roles = ", ".join(
                r.abbreviation or r.name if (r := state.calendar.dataset.roles.get(role)) else role
                for role in person.roles
            )
            cells: dict[str, Cell] = {
                "name": person.name,
                "used": f"{used:g}",
                "allowance": "" if limit is None else f"{limit[0]:g}",
                # Over: in red, and said in words too (`!`), for a terminal without colour.
                "left": plain("" if limit is None else f"{limit[0] - used:g}" + ("!" if over else ""),
                              "bold red" if over else ""),
                "events": str(len(index.by_person.get(person.id, []))),
                "roles": roles,
            }
            rows.append((person.id, cells))
        self.query_one("#people-table", FittedTable).fill(rows)
        self._detail(state)

    def printed_person(self) -> str | None:
        """`P` on this screen prints the selected person's year planner."""
        return self._person_id()

    def _person_id(self) -> str | None:
        return self.query_one("#people-table", FittedTable).cursor_key

    def _detail(self, state: PlanState) -> None:
        person_id = self._person_id()
        summary = self.query_one("#person-summary", Static)
        events = self.query_one("#person-events", FittedTable)
        if person_id is None:
            show(summary, markup("[dim]Nobody in the plan yet.[/]"))
            events.fill([])
            return
        person = state.calendar.people[person_id]
        # One line per budget: each project's, as the catalogue sets it, and the person's own total.
        budgets = [line.strip() for line in budget_text(state.calendar, person_id).split("\n")[1:]]
        school = f" · {person.school}" if person.school else ""
        budgets_text = "\n".join(budgets)
        show(summary, markup("[b]$name[/]$school\n$budgets", name=person.name, school=school, budgets=budgets_text))
        mine = state.events_by_person.get(person_id, [])
        events.fill([
            (
                event.id,
                {
                    "flag": flag(state.severity_of(event)),
                    "when": short_when(event, state.year),
                    "title": state.label(event),
                    "days": f"{event.days:g}" if event.days else "",
                },
            )
            for event in mine
        ])

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
        key = self.query_one("#person-events", FittedTable).cursor_key
        if key:
            self.post_message(ShowEvent(key))

    def action_import_calendar(self) -> None:
        """ "Import calendar…" for the selected person: their busy times."""
        chosen = self._person_id()
        self.planner_app.action_import_calendar(f"person:{chosen}" if chosen else "confirmations")
