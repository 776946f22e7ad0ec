"""The week around a day, time drawn to scale, with the selected event's people and venue beside it.

Escape goes back to the year with its cursor on the day last looked at.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from mh_planner.tui.describe import event_details, event_line
from mh_planner.tui.messages import EventHighlighted
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.week_view import WeekView

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

SIDE_PANEL_MIN_WIDTH = 120


class WeekScreen(PlannerScreen[dt.date]):  # returns the day it was left on
    CSS_PATH = STYLES / "week.tcss"
    MODE = "year"
    AUTO_FOCUS = "WeekView"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("t", "today", "Today", show=False),
        Binding("m", "edit('move')", "Move"),
        # Not in the footer, which would overflow at 80 columns: Enter's details offer them as buttons.
        Binding("d", "edit('duplicate')", "Duplicate", show=False),
        Binding("x,delete", "edit('delete')", "Delete", show=False),
    ]

    def __init__(self, day: dt.date, event_id: str | None = None) -> None:
        super().__init__()
        self._start = (day, event_id)

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(id="week-body"):
            yield WeekView(id="week-view")
            with VerticalScroll(id="event-side", can_focus=False):
                yield Static(id="event-side-text")
        yield Static(id="event-summary")
        yield from self.compose_footer()

    def on_resize(self, event: events.Resize) -> None:  # PlannerScreen's handler runs too (Textual calls both)
        self.set_class(event.size.width < SIDE_PANEL_MIN_WIDTH, "-narrow")

    def show_state(self, state: PlanState) -> None:
        view = self.query_one(WeekView)
        first = view.state is None
        view.state = state
        if first:
            view.show(*self._start)
        elif view.selected not in state.by_id:
            view.show(view.day)
        self._describe(view.selected)

    @property
    def day(self) -> dt.date:
        return self.query_one(WeekView).day

    def go_to(self, day: dt.date, event_id: str | None = None) -> None:
        self.query_one(WeekView).show(day, event_id)

    def select(self, event_id: str) -> None:
        """Select an event after an edit made or moved it."""
        from mh_planner.calendar import Event  # the domain: loaded, as there is a plan

        state = self.planner_app.state
        event = state.by_id.get(event_id) if state else None
        if isinstance(event, Event):
            self.go_to(event.first_day, event_id)

    def on_event_highlighted(self, message: EventHighlighted) -> None:
        self._describe(message.event_id)

    def _describe(self, event_id: str | None) -> None:
        state = self.planner_app.state
        if state is None:
            return
        view = self.query_one(WeekView)
        event = state.by_id.get(event_id or "")
        side = self.query_one("#event-side-text", Static)
        summary = self.query_one("#event-summary", Static)
        if event is None:
            from mh_planner.tui.describe import day_heading

            text = day_heading(state, view.day) + "\n[dim]Nothing planned: press n to add an event.[/]"
            side.update(text)
            summary.update(text)
            return
        side.update(event_details(state, event))
        summary.update(event_line(state, event, people=6))

    def action_back(self) -> None:
        self.dismiss(self.day)

    def action_today(self) -> None:
        today = self.planner_app.today
        if today is not None:
            self.go_to(today)

    def action_edit(self, action: str) -> None:
        selected = self.query_one(WeekView).selected
        if selected is None:
            self.notify("Select an event first (arrow keys).", severity="warning")
            return
        self.planner_app.edit_event(selected, action)
