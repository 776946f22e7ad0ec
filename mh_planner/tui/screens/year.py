"""The first screen: the academic year at a glance, and what is on the cursor's day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from mh_planner.tui.messages import DayHighlighted
from mh_planner.tui.screens.base import PlannerScreen
from mh_planner.tui.widgets.day_panel import DayPanel
from mh_planner.tui.widgets.year_grid import YearGrid

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


class YearScreen(PlannerScreen[None]):
    MODE = "year"
    AUTO_FOCUS = "YearGrid"

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield YearGrid(id="year-grid")
        with VerticalScroll(id="day-scroll", can_focus=False):
            yield DayPanel(id="day-panel")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        if self.planner_app.state is None:
            self.query_one(YearGrid).loading = True

    def show_state(self, state: PlanState) -> None:
        grid = self.query_one(YearGrid)
        if grid.loading:  # set only when it changes: clearing it redraws the whole screen
            grid.loading = False
        grid.today = self.planner_app.today
        first_time = grid.state is None
        grid.state = state
        self.query_one(DayPanel).state = state
        if first_time:  # the grid's height follows the plan's year (and the legend) once there is one
            self.go_to(self.first_day(state))
            grid.focus()
            grid.refresh(layout=True)

    def go_to(self, day: dt.date) -> None:
        """Move the cursor (when the week view closes, or from the app)."""
        self.query_one(YearGrid).cursor = day
        self.query_one(DayPanel).day = day

    @property
    def cursor(self) -> dt.date:
        return self.query_one(YearGrid).cursor

    @property
    def current_day(self) -> dt.date | None:
        return self.cursor if self.shown is not None else None

    def follow(self, state: PlanState, event_id: str) -> None:
        event = state.by_id.get(event_id)
        if event is not None and event.start is not None:
            self.go_to(event.start.date())

    def on_day_highlighted(self, message: DayHighlighted) -> None:
        self.query_one(DayPanel).day = message.day
