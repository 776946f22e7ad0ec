"""The agenda's filters: person, role, project, work group, venue, kind, status, and a text search.

The choices come from the plan (set `state`); whenever one changes the bar sends a `FiltersChanged` with
the `Filter` they make together (`status` may also be 'undated', which the agenda handles itself).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Grid
from textual.reactive import reactive
from textual.widgets import Input, Select

from mh_planner.query import Filter
from mh_planner.tui.literal import choices
from mh_planner.tui.messages import FiltersChanged

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

FIELDS = ("person", "role", "project", "work_group", "venue", "kind", "status")
PROMPTS = {
    "person": "Person",
    "role": "Role",
    "project": "Project",
    "work_group": "Work group",
    "venue": "Venue",
    "kind": "Kind",
    "status": "Status",
}
ORIGINS = (
    ("central (national)", "central"),
    ("exchange", "exchange"),
    ("work group", "work-group"),
    ("hub's own", "local"),
)


def options(state: PlanState, name: str) -> list[tuple[str, str]]:
    """The choices of one filter, from what the plan actually holds."""
    calendar = state.calendar
    events = [*calendar.events, *calendar.undated]
    if name == "person":
        return sorted(((p.name, p.id) for p in calendar.people.values()), key=lambda o: o[0])
    if name == "role":
        held = {r for p in calendar.people.values() for r in p.roles}
        roles = calendar.dataset.roles
        return sorted(((roles[r].name if r in roles else r, r) for r in held), key=lambda o: o[0])
    if name == "project":
        used = {e.project for e in events if e.project}
        projects = calendar.dataset.projects
        return [(projects[p].heading if p in projects else p, p) for p in sorted(used)]
    if name == "work_group":
        return sorted(((g.name, g.id) for g in calendar.work_groups.values()), key=lambda o: o[0])
    if name == "venue":
        return sorted(((v.name, v.id) for v in calendar.venues.values()), key=lambda o: o[0])
    if name == "kind":
        kinds = sorted({e.kind.value for e in events})
        return [*ORIGINS, *((k, k) for k in kinds)]
    return [("confirmed", "confirmed"), ("tentative (provisional date)", "tentative"), ("not dated yet", "undated")]


class FilterBar(Grid):
    state: reactive[PlanState | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options: dict[str, list[tuple[str, str]]] = {}

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            yield Select[str]([], prompt=PROMPTS[name], id=f"filter-{name}", compact=True)
        yield Input(placeholder="Search titles and places  (/)", id="filter-text", compact=True)

    def watch_state(self, state: PlanState | None) -> None:
        if state is None:
            return
        for name in FIELDS:
            found = options(state, name)
            if found != self._options.get(name):  # setting options clears the choice: only when they change
                self._options[name] = found
                select = self.query_one(f"#filter-{name}", Select)
                value = select.value
                with self.prevent(Select.Changed):
                    select.set_options(choices(found))  # names from the data: never markup
                    if value in {v for _, v in found}:
                        select.value = value

    @property
    def filter(self) -> Filter:
        values: dict[str, Any] = {}
        for name in FIELDS:
            value = self.query_one(f"#filter-{name}", Select).value
            values[name] = value if isinstance(value, str) else None
        text = self.query_one("#filter-text", Input).value.strip()
        return Filter(text=text or None, **values)

    def clear(self) -> None:
        for name in FIELDS:
            self.query_one(f"#filter-{name}", Select).clear()
        self.query_one("#filter-text", Input).value = ""

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(FiltersChanged(self.filter))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(FiltersChanged(self.filter))
