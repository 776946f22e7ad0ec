"""What the People and Venues screens share: a list on the left (`master`), the selected row's summary and
its events on the right (`detail`). Tab moves between the two; Enter on a row of the list goes to its events,
Enter on an event opens it in its week; `i` imports a calendar for the selected row."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable

from mh_planner.tui.layout import Column
from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.fitted_table import FittedTable
from mh_planner.tui.widgets.text_panel import TextPanel


class MasterDetailScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "tables.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open event"),
        Binding("i", "import_calendar", "Import calendar…", show=False),
    ]
    # Each screen's: its widgets' ids, its columns, and what an import is for ("person", "venue").
    MASTER: ClassVar[str]
    SUMMARY: ClassVar[str]
    DETAIL: ClassVar[str]
    MASTER_COLUMNS: ClassVar[tuple[Column, ...]]
    DETAIL_COLUMNS: ClassVar[tuple[Column, ...]]
    IMPORT_FOR: ClassVar[str]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(classes="master-detail"):
            with Vertical(classes="master"):
                yield FittedTable(self.MASTER_COLUMNS, id=self.MASTER)
            with Vertical(classes="detail"):
                yield TextPanel(id=self.SUMMARY, classes="detail-summary")
                yield FittedTable(self.DETAIL_COLUMNS, id=self.DETAIL)
        yield from self.compose_footer()

    def selected(self) -> str | None:
        """The id of the list's selected row."""
        return self.query_one(f"#{self.MASTER}", FittedTable).cursor_key

    def show_detail(self) -> None:
        """Draw the selected row's summary and events (subclasses)."""

    def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
        if message.data_table.id == self.MASTER and self.shown is not None:
            message.stop()
            self.show_detail()

    def on_data_table_row_selected(self, message: DataTable.RowSelected) -> None:
        message.stop()
        if message.data_table.id == self.DETAIL and message.row_key.value:
            self.post_message(ShowEvent(message.row_key.value))
        elif message.data_table.id == self.MASTER:
            self.query_one(f"#{self.DETAIL}").focus()

    def action_open(self) -> None:
        key = self.query_one(f"#{self.DETAIL}", FittedTable).cursor_key
        if key:
            self.post_message(ShowEvent(key))

    def action_import_calendar(self) -> None:
        """ "Import calendar…" for the selected row: a person's busy times, a venue's bookings."""
        chosen = self.selected()
        self.planner_app.action_import_calendar(f"{self.IMPORT_FOR}:{chosen}" if chosen else "confirmations")
