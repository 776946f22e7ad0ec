"""Each person's commitments and the release days they use against their allowance.

Left, everyone in the plan (days used, allowance, what is left); right, the selected person's events by
date. Tab moves between the two; Enter on an event opens it in its week.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mh_planner.report import budget_text
from mh_planner.rules.budget import allowance, committed_days
from mh_planner.tui.describe import flag, plain
from mh_planner.tui.layout import Column
from mh_planner.tui.literal import markup
from mh_planner.tui.screens.agenda import short_when
from mh_planner.tui.screens.master_detail import MasterDetailScreen
from mh_planner.tui.widgets.fitted_table import Cell, FittedTable
from mh_planner.tui.widgets.text_panel import TextPanel

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


class PeopleScreen(MasterDetailScreen):
    MODE = "people"
    AUTO_FOCUS = "#people-table"
    MASTER, SUMMARY, DETAIL = "people-table", "person-summary", "person-events"
    MASTER_COLUMNS, DETAIL_COLUMNS = PEOPLE_COLUMNS, EVENT_COLUMNS
    IMPORT_FOR = "person"

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
        self.query_one(f"#{self.MASTER}", FittedTable).fill(rows)
        self.show_detail()

    def printed_person(self) -> str | None:
        """`P` on this screen prints the selected person's year planner."""
        return self.selected()

    def show_detail(self) -> None:
        state = self.shown
        if state is None:
            return
        person_id = self.selected()
        summary = self.query_one(f"#{self.SUMMARY}", TextPanel)
        events = self.query_one(f"#{self.DETAIL}", FittedTable)
        if person_id is None:
            summary.show(markup("[dim]Nobody in the plan yet.[/]"))
            events.fill([])
            return
        person = state.calendar.people[person_id]
        # One line per budget: each project's, as the catalogue sets it, and the person's own total.
        budgets = [line.strip() for line in budget_text(state.calendar, person_id).split("\n")[1:]]
        school = f" · {person.school}" if person.school else ""
        budgets_text = "\n".join(budgets)
        summary.show(markup("[b]$name[/]$school\n$budgets", name=person.name, school=school, budgets=budgets_text))
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
