"""The day cursor the year grid and the month view share: moved by keys and clicks, kept inside the
academic year, said to the screen (`DayHighlighted`) as it moves, and chosen (`DayChosen`) with Enter, a
second click or a double click. Each widget keeps its own geometry (`day_at_offset`) and its own moves by
month."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import events

from mh_planner.tui import layout
from mh_planner.tui.messages import DayChosen, DayHighlighted
from mh_planner.tui.widgets.kept_lines import KeptLines

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


class DayCursor(KeptLines):
    """A mixin base: the subclass declares the reactives `state` and `cursor` (neither repainting: a move
    redraws the lines it changed) and the `today` attribute."""

    state: PlanState | None
    cursor: dt.date
    today: dt.date | None

    def day_at_offset(self, x: int, y: int) -> dt.date | None:
        raise NotImplementedError

    def watch_state(self) -> None:
        self.redraw()

    def watch_cursor(self, day: dt.date) -> None:
        self.redraw()
        self.post_message(DayHighlighted(day))

    def _set(self, day: dt.date) -> None:
        if self.state is not None:
            self.cursor = layout.clamp(self.state.year, day)

    def action_move(self, days: int) -> None:
        self._set(self.cursor + dt.timedelta(days=days))

    def action_today(self) -> None:
        if self.today is not None:
            self._set(self.today)

    def action_choose(self) -> None:
        self.post_message(DayChosen(self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        day = self.day_at_offset(offset.x, offset.y) if offset is not None else None
        if day is None:
            return
        if day == self.cursor or event.chain > 1:
            self.post_message(DayChosen(day))
        self._set(day)
