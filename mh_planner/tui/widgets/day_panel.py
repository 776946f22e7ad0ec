"""What is on the cursor's day (the year's, the month's): the day's place in the year, its events and their
clashes, and what comes next.

Drawn line by line (`KeptLines`): after an edit the panel repaints the lines of the day's text that
changed, not the panel (in its scroll view it is as tall as the view, so most of its lines are blank and
stay as they were)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.visual import Visual

from mh_planner.tui.describe import day_text
from mh_planner.tui.widgets.kept_lines import KeptLines

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState


class DayPanel(KeptLines):
    DEFAULT_CSS: ClassVar[str] = "DayPanel { height: auto; }"

    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    day: reactive[dt.date | None] = reactive(None, repaint=False)
    _said: tuple[object, Content] | None = None  # the text and what it was worked out from

    def watch_state(self) -> None:
        self.redraw()

    def watch_day(self) -> None:
        self.redraw()

    @property
    def text(self) -> Content:
        """What the panel says (the data in it never read as markup)."""
        key = (id(self.state), self.day)
        if self._said is None or self._said[0] != key:
            said = day_text(self.state, self.day) if self.state is not None and self.day is not None else Content()
            self._said = (key, said)
        return self._said[1]

    def render(self) -> Content:
        return self.text  # what a selection or a test reads: the drawing is `draw`'s

    def draw(self) -> list[Strip]:
        return Visual.to_strips(self, self.text, self.size.width, None, self.visual_style, pad=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.text.get_height(self.styles, width)  # type: ignore[arg-type]  # as Widget does
