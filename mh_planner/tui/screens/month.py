"""A month as a wall calendar, with the cursor's day in words beside it (below it on a narrow terminal)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll

from mh_planner.tui import grid
from mh_planner.tui.describe import day_heading
from mh_planner.tui.literal import markup
from mh_planner.tui.messages import DayHighlighted
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.day_panel import DayPanel
from mh_planner.tui.widgets.month_view import MonthView
from mh_planner.tui.widgets.text_panel import TextPanel

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

SIDE_PANEL_MIN_WIDTH = 120


class MonthScreen(PlannerScreen[None]):
    CSS_PATH = STYLES / "month.tcss"
    MODE = "month"
    AUTO_FOCUS = "MonthView"

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        yield TextPanel(id="month-title")
        with Horizontal(id="month-body"):
            yield MonthView(id="month-view")
            with VerticalScroll(id="month-side", can_focus=False):
                yield DayPanel(id="month-day")
        yield TextPanel(id="month-summary")
        yield from self.compose_footer()

    def on_resize(self, event: events.Resize) -> None:  # PlannerScreen's handler runs too
        self.set_class(event.size.width < SIDE_PANEL_MIN_WIDTH, "-narrow")

    def show_state(self, state: PlanState) -> None:
        view = self.query_one(MonthView)
        first = view.state is None
        view.today = self.planner_app.today
        view.state = state
        self.query_one(DayPanel).state = state
        if first:
            self.go_to(self.first_day(state))
        self._describe(view.cursor)

    @property
    def current_day(self) -> dt.date | None:
        return self.query_one(MonthView).cursor if self.shown is not None else None

    def go_to(self, day: dt.date) -> None:
        self.query_one(MonthView).cursor = day
        self._describe(day)

    def follow(self, state: PlanState, event_id: str) -> None:
        event = state.by_id.get(event_id)
        if event is not None and event.start is not None:
            self.go_to(event.start.date())

    def on_day_highlighted(self, message: DayHighlighted) -> None:
        self._describe(message.day)

    def _describe(self, day: dt.date) -> None:
        state = self.shown
        if state is None:
            return
        self.query_one(DayPanel).day = day
        terms, holidays = grid.periods(state.year, (day.year, day.month))
        periods = " · ".join([*terms, *holidays])  # from the term dates: never read as markup
        title = markup("[b]$month[/]  [dim]$periods[/]" if periods else "[b]$month[/]", month=f"{day:%B %Y}",
                       periods=periods)  # fmt: skip
        self.query_one("#month-title", TextPanel).show(title)
        events = len(state.events_by_day.get(day, []))
        count = f"{events} event{'s' if events != 1 else ''}" if events else "nothing planned"
        self.query_one("#month-summary", TextPanel).show(day_heading(state, day) + f" · {count} · Enter: its week")
