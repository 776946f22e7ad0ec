"""What is on the year cursor's day: the day's place in the year, its events and their clashes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.reactive import reactive

from mh_planner.tui.describe import day_text
from mh_planner.tui.widgets.kept_lines import DrawsOnce
from mh_planner.tui.widgets.text_panel import TextPanel

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


class DayPanel(DrawsOnce, TextPanel):
    # Shown through `show`, which repaints only a text that changed.
    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    day: reactive[dt.date | None] = reactive(None, repaint=False)

    def watch_state(self) -> None:
        self.redraw()

    def watch_day(self) -> None:
        self.redraw()

    def draw_now(self) -> None:
        if self.state is not None and self.day is not None:
            self.show(day_text(self.state, self.day))  # an edit elsewhere leaves the day as it was: no redraw
