"""A month as a wall calendar: a column per weekday, a row per week, each day's events listed in its box.

The arrows move a day cursor (up and down a week), PgUp/PgDn (or `[` `]`) a month; Enter (or a click on the
day under the cursor) opens the week around it. As in the year, what a day says reads without colour: `!`
and `?` mark a clash or a possible one, a day off carries its pattern (`-`, `=`, `#`) and the half-term or
holiday starting that day is named; the days of the months either side are dimmed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.strip import Strip

from mh_planner.tui import grid, layout
from mh_planner.tui.widgets.canvas import Cell, cells, to_strip
from mh_planner.tui.widgets.day_cursor import DayCursor

if TYPE_CHECKING:
    from mh_planner.calendar import Event
    from mh_planner.tui.state import PlanState

NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class MonthView(DayCursor, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Day", show=False),
        Binding("right", "move(1)", "Day", show=False),
        Binding("up", "move(-7)", "Week", show=False),
        Binding("down", "move(7)", "Week", show=False),
        Binding("pageup,left_square_bracket", "month(-1)", "Month back", key_display="[", show=False),
        Binding("pagedown,right_square_bracket", "month(1)", "Month on", key_display="]", show=False),
        Binding("home", "edge(0)", "First day", show=False),
        Binding("end", "edge(1)", "Last day", show=False),
        Binding("t", "today", "Today"),
        Binding("enter", "choose", "Open week"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "month-view--header",
        "month-view--number",
        "month-view--term",
        "month-view--weekend",
        "month-view--holiday",
        "month-view--bank-holiday",
        "month-view--closure",
        "month-view--other",
        "month-view--cursor",
        "month-view--today",
        "month-view--error",
        "month-view--warning",
        "month-view--period",
        "month-view--tentative",
        "month-view--more",
        *(f"month-view--{name}" for name in layout.GLYPHS),
    }

    # Repainted line by line (`KeptLines.redraw`): an edit or a step of the cursor redraws the weeks it changed.
    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    cursor: reactive[dt.date] = reactive(dt.date(2000, 1, 3), init=False, repaint=False)
    today: dt.date | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._weeks: dict[tuple[object, ...], list[Strip]] = {}  # each week's lines, by what they show

    def notify_style_update(self) -> None:
        self._weeks.clear()  # a new theme: new colours
        super().notify_style_update()

    # --- geometry ---------------------------------------------------------------------------------

    def _grid(self) -> tuple[list[list[dt.date]], int, list[int]]:
        """The weeks shown, a day's width and each week's height (the lines left over go to the first)."""
        weeks = grid.month_weeks(self.cursor)
        width = max(self.size.width // 7, 4)
        room = max(self.size.height - 1, 2 * len(weeks))
        heights = [room // len(weeks) + (1 if i < room % len(weeks) else 0) for i in range(len(weeks))]
        return weeks, width, heights

    def day_at_offset(self, x: int, y: int) -> dt.date | None:
        """The day drawn at content offset (x, y), for the mouse."""
        weeks, width, heights = self._grid()
        column, top = x // width, 1
        for week, height in zip(weeks, heights, strict=True):
            if top <= y < top + height and 0 <= column < 7:
                return week[column]
            top += height
        return None

    # --- drawing ----------------------------------------------------------------------------------

    def _style(self, name: str, partial: bool = False) -> Style:
        return self.get_component_rich_style(f"month-view--{name}", partial=partial)

    def draw(self) -> list[Strip]:
        state = self.state
        if state is None or self.size.width < 28:
            return []
        weeks, width, heights = self._grid()
        pad = self.rich_style
        strips = [to_strip(self._header(width), self.size.width, pad)]
        kept: dict[tuple[object, ...], list[Strip]] = {}
        for week, height in zip(weeks, heights, strict=True):
            # A week is drawn again only when what it shows changed: an edit redraws the weeks it touched.
            key = (width, height, self.size.width, self._week_key(state, week))
            found = self._weeks.get(key)
            if found is None:
                lines: list[list[Cell]] = [[] for _ in range(height)]
                for day in week:
                    for line, part in zip(lines, self._day(state, day, width, height), strict=True):
                        line.extend(part)
                found = [to_strip(line, self.size.width, pad) for line in lines]
            kept[key] = found
            strips.extend(found)
        self._weeks = kept  # the weeks as drawn now; the others will not be seen again
        return strips[: self.size.height]

    def _week_key(self, state: PlanState, week: list[dt.date]) -> tuple[object, ...]:
        """What a week's boxes depend on: each day's place in the year, clash and events, the cursor, today."""
        return (
            state.year,  # the object itself: an id can be reused once its object is gone
            self.cursor.month,
            tuple(
                (
                    day, day == self.cursor, day == self.today, state.clash_days.get(day),
                    tuple(
                        (e.id, state.label(e, first=True), e.start, e.end, e.all_day, e.tentative,
                         state.severity_of(e), layout.category(e))
                        for e in state.events_by_day.get(day, [])
                    ),
                )
                for day in week
            ),
        )  # fmt: skip

    def _header(self, width: int) -> list[Cell]:
        line: list[Cell] = []
        for name in NAMES:
            label = name if width > len(name) + 1 else name[: max(width - 2, 2)]
            line.extend(cells(" " + label, width, self._style("header")))
        return line

    def _day(self, state: PlanState, day: dt.date, width: int, height: int) -> list[list[Cell]]:
        """A day's box: its number line, then its events, a `│` on its right."""
        base = self._style(layout.shade(state.year, day))
        if day.month != self.cursor.month:
            base += self._style("other", partial=True)
        top = self._number_line(state, day, width - 1, base)
        events = sorted(
            state.events_by_day.get(day, []), key=lambda e: (not e.all_day and e.first_day == e.last_day, e.start)
        )
        room = height - 1
        lines = [self._event_line(state, e, width - 1, base) for e in events[:room]]
        if len(events) > room and room > 0:
            lines[-1] = cells(f" +{len(events) - room + 1} more", width - 1, base + self._style("more", True))
        lines += [cells("", width - 1, base)] * (room - len(lines))
        edge = ("│", base + self._style("number", partial=True))
        return [[*line, edge] for line in [top, *lines]]

    def _number_line(self, state: PlanState, day: dt.date, width: int, base: Style) -> list[Cell]:
        info = grid.Day(day, layout.shade(state.year, day), [], state.clash_days.get(day))
        number_style = base + self._style("number", partial=True)
        if info.clash:
            number_style += self._style(info.clash, partial=True)
        if day == self.today:
            number_style += self._style("today", partial=True)
        if day == self.cursor:
            number_style += self._style("cursor", partial=True)
        starts = grid.period_start(state.year, day)
        number = f"{info.flag}{day.day}"
        note = f" {starts}" if starts else ""
        if starts and len(number) + len(note) + 1 > width:
            note = f" {grid.short_period(starts)}"
        line = cells(number, len(number), number_style)
        line += cells(note, width - len(number) - 1, base + self._style("period", partial=True))
        return [*line, *cells(info.pattern, 1, base)][:width]

    def _event_line(self, state: PlanState, event: Event, width: int, base: Style) -> list[Cell]:
        severity = state.severity_of(event)
        flag = grid.FLAG.get(severity or "", " ")
        time = "" if event.all_day or event.first_day != event.last_day or width < 18 else f"{event.start:%H:%M} "
        style = base + self._style(layout.category(event), partial=True)
        if event.tentative:
            style += self._style("tentative", partial=True)
        return cells(f"{flag}{layout.glyph(event)} {time}{state.label(event, first=True)}", width, style)

    # --- the cursor -------------------------------------------------------------------------------

    def action_month(self, months: int) -> None:
        self._set(grid.add_months(self.cursor, months))

    def action_edge(self, end: int) -> None:
        first = self.cursor.replace(day=1)
        self._set(grid.add_months(first, 1) - dt.timedelta(days=1) if end else first)
