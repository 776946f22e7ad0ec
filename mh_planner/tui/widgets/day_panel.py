"""What is on the cursor's day (the year's, the month's): the day's place in the year, its events and their
clashes, and what comes next. Drawn line by line, as every panel (`TextPanel`): in its scroll view it is as
tall as the view, so most of its lines are blank and stay as they were after an edit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive

from mh_planner.tui.describe import day_text
from mh_planner.tui.widgets.text_panel import TextPanel

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


class DayPanel(TextPanel):
    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    day: reactive[dt.date | None] = reactive(None, repaint=False)
    _said: tuple[PlanState | None, dt.date | None, Content] | None = None  # the text and what it is from

    def watch_state(self) -> None:
        self.redraw()

    def watch_day(self) -> None:
        self.redraw()

    @property
    def text(self) -> Content:
        state, day = self.state, self.day
        if self._said is None or self._said[0] is not state or self._said[1] != day:
            said = day_text(state, day) if state is not None and day is not None else Content()
            self._said = (state, day, said)
        return self._said[2]
