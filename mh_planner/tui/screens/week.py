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
from textual.content import Content

from mh_planner.tui.describe import event_details, event_line
from mh_planner.tui.messages import EventHighlighted
from mh_planner.tui.screens.base import STYLES, PlannerScreen
from mh_planner.tui.widgets.text_panel import TextPanel
from mh_planner.tui.widgets.week_view import WeekView

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

SIDE_PANEL_MIN_WIDTH = 120


class WeekScreen(PlannerScreen[dt.date]):  # returns the day it was left on
    CSS_PATH = STYLES / "week.tcss"
    MODE = "year"
    AUTO_FOCUS = "WeekView"
    # The keys of what can be done to the selected event, only when it applies (`PlanState.actions`).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("t", "today", "Today", show=False),
        Binding("m", "edit('move')", "Move"),
        Binding("m", "edit('confirm')", "Confirm date"),
        # Not in the footer, which would overflow at 80 columns: Enter's details offer them as buttons.
        Binding("d", "edit('duplicate')", "Duplicate", show=False),
        Binding("x,delete", "edit('delete')", "Delete", show=False),
    ]

    def __init__(self, day: dt.date, event_id: str | None = None, mode: str = "year") -> None:
        super().__init__()
        self._start = (day, event_id)
        self._mode = mode  # the mode it was opened in: its tab stays lit
        self._actions: tuple[str, ...] = ()  # what can be done to the selected event

    @property
    def tab(self) -> str:
        return self._mode

    @property
    def current_day(self) -> dt.date | None:
        return self.query_one(WeekView).day if self.is_mounted else self._start[0]

    def compose(self) -> ComposeResult:
        yield from self.compose_status()
        with Horizontal(id="week-body"):
            yield WeekView(id="week-view")
            with VerticalScroll(id="event-side", can_focus=False):
                yield TextPanel(id="event-side-text")
        yield TextPanel(id="event-summary")
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

    def follow(self, state: PlanState, event_id: str) -> None:
        """Select an event after an edit, undo or redo made or moved it: to its week if need be."""
        from mh_planner.calendar import Event  # the domain: loaded, as there is a plan

        event = state.by_id.get(event_id)
        if isinstance(event, Event):
            self.go_to(event.first_day, event_id)

    def on_event_highlighted(self, message: EventHighlighted) -> None:
        self._describe(message.event_id)
        state = self.planner_app.state
        event = state.by_id.get(message.event_id or "") if state else None
        actions = state.actions(event) if state and event else ()
        if actions != self._actions:  # what can be done depends on the event: its keys, in the footer
            self._actions = actions
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "edit":
            return True
        state, views = self.planner_app.state, self.query(WeekView)  # none while it opens or closes
        event = state.by_id.get(views.first().selected or "") if state and views else None
        return event is not None and parameters[0] in state.actions(event)  # type: ignore[union-attr]

    def _describe(self, event_id: str | None) -> None:
        state = self.planner_app.state
        if state is None:
            return
        view = self.query_one(WeekView)
        event = state.by_id.get(event_id or "")
        side = self.query_one("#event-side-text", TextPanel)
        summary = self.query_one("#event-summary", TextPanel)
        if event is None:
            from mh_planner.tui.describe import day_heading

            nothing = Content.from_markup("\n[dim]Nothing planned: press n to add an event.[/]")
            text = day_heading(state, view.day) + nothing
            side.show(text)
            summary.show(text)
            return
        side.show(event_details(state, event))
        summary.show(event_line(state, event, people=6))

    def action_back(self) -> None:
        self.dismiss(self.day)

    def action_today(self) -> None:
        today = self.planner_app.today
        if today is not None:
            self.go_to(today)

    def action_edit(self, action: str) -> None:
        selected = self.query_one(WeekView).selected
        if selected is not None:
            self.planner_app.edit_event(selected, action)
