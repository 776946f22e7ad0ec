"""Every conflict, errors first, with its explanation; Enter opens the event, `f` applies the suggested fix."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable

from mh_planner.rules import BY_NAME
from mh_planner.tui.describe import conflict_text, flag
from mh_planner.tui.layout import Column
from mh_planner.tui.literal import markup
from mh_planner.tui.messages import FixConflict, ShowEvent
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.fitted_table import Cell, FittedTable
from mh_planner.tui.widgets.text_panel import TextPanel

if TYPE_CHECKING:
    from mh_planner.rules import Conflict
    from mh_planner.tui.state import PlanState

# Most important first when the terminal is narrow (`rank`): what and when, then its kind and who.
COLUMNS = (
    Column("severity", " ", 1),
    Column("date", "Date", 10, minimum=6, rank=1),
    Column("message", "What", 200, minimum=40, rank=1, flex=True),
    Column("rule", "Kind of conflict", 24, minimum=12, rank=2),
    Column("fix", "Fix", 3, rank=3),
    Column("who", "Who / where", 26, minimum=12, rank=4),
)


class ConflictsScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    MODE = "conflicts"
    AUTO_FOCUS = "#conflicts-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open event"),
        Binding("f", "fix", "Fix"),
        Binding("t", "find_time", "Find another time"),
        Binding("w", "warnings", "Hide warnings", show=False),  # in the help: the footer fits 80 columns
    ]

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[Conflict] = []
        self.errors_only = False

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield FittedTable(COLUMNS, id="conflicts-table")
        with VerticalScroll(id="conflict-detail-scroll", can_focus=False):
            yield TextPanel(id="conflict-detail")
        yield from self.compose_footer()

    def show_state(self, state: PlanState) -> None:
        table = self.query_one("#conflicts-table", FittedTable)
        row = table.cursor_row
        shown = [c for c in state.conflicts if not self.errors_only or c.severity.value == "error"]
        self.conflicts = shown
        table.fill([(str(index), self._cells(state, conflict)) for index, conflict in enumerate(shown)])
        if shown:
            table.move_cursor(row=min(max(row, 0), len(shown) - 1), animate=False)
        self._detail(state)
        self.sub_title = f"{state.errors} errors, {state.warnings} warnings"

    def _cells(self, state: PlanState, conflict: Conflict) -> dict[str, Cell]:
        day = conflict.dates[0] if conflict.dates else None
        return {
            "severity": flag(conflict.severity.value),
            "date": (f"{day:%a} {day.day} {day:%b}", f"{day.day} {day:%b}") if day else "",
            "message": conflict.message,
            "rule": BY_NAME[conflict.rule].label if conflict.rule in BY_NAME else conflict.rule,
            "fix": "f" if conflict.fix else "",
            "who": self._who(state, conflict),
        }

    @staticmethod
    def _who(state: PlanState, conflict: Conflict) -> str:
        names = [state.person_name(p) for p in conflict.people]
        if conflict.venue:
            names.append(state.venue_name(conflict.venue))
        return ", ".join(names)

    @property
    def current(self) -> Conflict | None:
        key = self.query_one("#conflicts-table", FittedTable).cursor_key
        if key is None or not self.conflicts:
            return None
        return self.conflicts[min(int(key), len(self.conflicts) - 1)]

    def _detail(self, state: PlanState) -> None:
        conflict = self.current
        if conflict is None:
            text = markup("[$text-success]No conflicts: the plan is clear.[/]" if not state.conflicts else "")
        else:
            text = conflict_text(state, conflict)
        self.query_one("#conflict-detail", TextPanel).show(text)  # after an edit, mostly as it was

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        message.stop()
        if self.shown is not None:
            self._detail(self.shown)

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        self.action_open()

    def action_open(self) -> None:
        conflict = self.current
        if conflict is None or self.shown is None:
            return
        # The event the fix would move, else the first that is dated.
        ids = [conflict.fix.event_id] if conflict.fix else []
        ids += [i for i in conflict.event_ids if i in self.shown.by_id]
        if ids:
            self.post_message(ShowEvent(ids[0]))
            return
        self.notify("This conflict is about a person's whole year, not one event.", severity="information")

    def action_fix(self) -> None:
        conflict = self.current
        if conflict is None:
            return
        if conflict.fix is None:
            self.notify("No automatic fix for this one: open the event (Enter) and move it.", severity="warning")
            return
        self.post_message(FixConflict(conflict))

    def action_find_time(self) -> None:
        """The scheduling assistant for the hub's event this conflict could move."""
        from mh_planner.tui.screens.assistant import open_assistant

        conflict, state = self.current, self.shown
        if conflict is None or state is None:
            return
        ids = [conflict.fix.event_id] if conflict.fix else []
        ids += [conflict.movable] if conflict.movable else []
        ids += [i for i in conflict.event_ids if i in state.by_id and state.editable(state.by_id[i])]
        if not ids:
            self.notify("Nothing of the hub's own to move in this one.", severity="warning")
            return
        open_assistant(self.planner_app, ids[0])

    def action_warnings(self) -> None:
        self.errors_only = not self.errors_only
        if self.shown is not None:
            self.show_state(self.shown)
        self.notify("Showing errors only" if self.errors_only else "Showing errors and warnings")
