"""The academic year at a glance, as a wall planner: a row per month from September to July, days aligned
by weekday, shaded by term, holiday, bank holiday and weekend, each day marked with a letter per kind of
event (lower case when its date is provisional) and clashes highlighted. A day cursor moves with the arrows.

Wide terminals get two lines per month (day numbers, then up to three marks); narrow ones one line, where a
day shows its marks if it has events and its number otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from mh_planner.problems import visible
from mh_planner.tui import grid, layout
from mh_planner.tui.widgets.day_cursor import DayCursor

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

LABEL = 5  # "Sep " and the year under it
MONTHS = 11
TALL = 36
WIDE = 120  # a legend in full words from this width


class YearGrid(DayCursor, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "Day", show=False),
        Binding("right", "move(1)", "Day", show=False),
        Binding("up", "month(-1)", "Month", show=False),
        Binding("down", "month(1)", "Month", show=False),
        Binding("pageup", "move(-7)", "Week back", show=False),
        Binding("pagedown", "move(7)", "Week on", show=False),
        Binding("home", "edge(0)", "First day", show=False),
        Binding("end", "edge(1)", "Last day", show=False),
        Binding("t", "today", "Today"),
        Binding("enter", "choose", "Open week"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "year-grid--header",
        "year-grid--month",
        "year-grid--term",
        "year-grid--weekend",
        "year-grid--holiday",
        "year-grid--bank-holiday",
        "year-grid--closure",
        "year-grid--error",
        "year-grid--warning",
        "year-grid--today",
        "year-grid--cursor",
        "year-grid--tentative",
        "year-grid--number",
        "year-grid--odd",
        "year-grid--legend",
        "year-grid--exchange",
        "year-grid--residential",
        "year-grid--central",
        "year-grid--meeting",
        "year-grid--visit",
        "year-grid--local",
        "year-grid--imported",
        "year-grid--milestone",
        "year-grid--period",
    }

    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    cursor: reactive[dt.date] = reactive(dt.date(2000, 1, 1), init=False, repaint=False)
    today: dt.date | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._months: dict[tuple[object, ...], list[Strip]] = {}  # each month's lines (and the frame's), by key

    # --- geometry ---------------------------------------------------------------------------------

    def _cell_width(self, width: int) -> int:
        for cell in (4, 3):
            if width >= LABEL + layout.SLOTS * cell:
                return cell
        return 2

    def _rows_per_month(self, width: int, screen_height: int) -> int:
        # Two lines a month need 23 lines; below 36 the day panel would have too little room.
        return 2 if self._cell_width(width) >= 3 and screen_height >= TALL else 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.state is None:
            return 1
        return 1 + MONTHS * self._rows_per_month(width, viewport.height) + len(self._legend(width))

    def _geometry(self) -> tuple[int, int]:
        width = self.content_size.width
        return self._cell_width(width), self._rows_per_month(width, self.app.size.height)

    # --- drawing ----------------------------------------------------------------------------------

    # Every line kept until something changes (`KeptLines`), and each month's lines kept while its days are
    # the same: a cursor step redraws two months, an edit the months it touched (`_month_key`).

    def notify_style_update(self) -> None:
        self._months.clear()  # a new theme: new colours
        super().notify_style_update()

    def _to_strips(self, texts: list[Text]) -> list[Strip]:
        console, width, base = self.app.console, self.size.width, self.rich_style
        # An empty line renders as a segment with no style, which Textual's filter for NO_COLOR cannot take.
        return [
            Strip([s for s in text.render(console) if s.text], text.cell_len).extend_cell_length(width, base)
            for text in texts
        ]

    def draw(self) -> list[Strip]:
        state = self.state
        if state is None:
            return []
        cell, rows = self._geometry()
        width = self.content_size.width
        frame = ("frame", cell, width, state.has_imported)  # the header and the legend, kept as the months are
        kept: dict[tuple[object, ...], list[Strip]] = {
            frame: self._months.get(frame) or self._to_strips([self._header(cell), *self._legend(width)])
        }
        strips = kept[frame][:1]
        for index, month in enumerate(layout.months(state.year)):
            key = self._month_key(state, month, cell, rows)
            found = self._months.get(key) or self._to_strips(self._month_lines(state, index, month, cell, rows))
            kept[key] = found
            strips.extend(found)
        self._months = kept  # the months as drawn now; the others will not be seen again
        return strips + kept[frame][1:]

    def _month_key(self, state: PlanState, month: tuple[int, int], cell: int, rows: int) -> tuple[object, ...]:
        """What a month's lines depend on: its days' letters and clashes, the cursor and today in it, the room."""
        limit = max(cell - 1, 1) if rows == 2 or cell > 2 else 1
        days = [layout.day_at(month, slot) for slot in range(layout.SLOTS)]
        marks = tuple(
            (tuple(layout.day_glyphs(state.events_by_day.get(day, []), limit)), state.clash_days.get(day))
            for day in days
            if day is not None
        )
        in_month = tuple(d if d is not None and (d.year, d.month) == month else None for d in (self.cursor, self.today))
        return (state.year, month, cell, rows, self.size.width, in_month, marks)  # the year itself, not its id

    def _month_lines(self, state: PlanState, index: int, month: tuple[int, int], cell: int, rows: int) -> list[Text]:
        first = dt.date(*month, 1)
        label = self.get_component_rich_style("year-grid--month")
        top = Text(f"{first:%b}".ljust(LABEL), style=label, end="")
        bottom = Text((str(first.year) if index in (0, 4) else "").ljust(LABEL), style=label, end="")
        for slot in range(layout.SLOTS):
            day = layout.day_at(month, slot)
            if day is None:
                top.append(" " * cell)
                bottom.append(" " * cell)
                continue
            self._append_day(state, day, cell, rows, top, bottom)
        lines = [self._with_note(state, month, top, cell)]
        if rows == 2:
            lines.append(self._with_note(state, month, bottom, cell, second=True))
        return lines

    def _append_day(self, state: PlanState, day: dt.date, cell: int, rows: int, top: Text, bottom: Text) -> None:
        """A day's cell, on the one line of its month or on both (`grid` says what characters)."""
        base = self._day_style(state, day)
        limit = max(cell - 1, 1) if rows == 2 or cell > 2 else 1
        info = grid.Day(
            day, layout.shade(state.year, day), layout.day_glyphs(state.events_by_day.get(day, []), limit),
            state.clash_days.get(day),
        )
        if rows == 2:
            number, pattern, marks = grid.two_lines(info, cell)
            top.append(number, style=base)
            bottom.append(pattern, style=base)
            self._append_marks(bottom, marks, base)
            bottom.append(" " * (cell - 1 - len(marks)), style=base)
            return
        before, marks, after = grid.one_line(info, cell)
        # Numbers touch on a narrow terminal: alternate brightness keeps "1011" apart as 10 and 11.
        shade = "odd" if cell == 3 and day.day % 2 else "number"
        top.append(before, style=base + (self._over(shade) if not marks else Style()))
        self._append_marks(top, marks, base)
        top.append(after, style=base)

    def _with_note(self, state: PlanState, month: tuple[int, int], line: Text, cell: int, second: bool = False) -> Text:
        """The row with the half-terms (or, on a month's second line, the holidays) it covers, written in the
        larger of the gaps its short month leaves."""
        lead, trail = grid.gap(month)
        room = max(lead, trail) * cell - 1
        note = visible(grid.period_note(state.year, month, room, second))[:room]  # names from the term dates
        if not note:
            return line
        at = LABEL + (layout.SLOTS - trail) * cell + 1 if trail >= lead else LABEL + lead * cell - 1 - len(note)
        styled = Text(note, style=self.get_component_rich_style("year-grid--period"), end="")
        return Text.assemble(line[:at], styled, line[at + len(note) :], end="")

    def _legend(self, width: int) -> list[Text]:
        """What the letters, marks and shades mean, wrapped to the width; in fewer words when narrow."""
        wide = width >= WIDE
        over, shade = self._over, self.get_component_rich_style
        category = {letter: name for name, letter in layout.GLYPHS.items()}
        imported = self.state is not None and self.state.has_imported
        items = [
            Text.assemble((letter, over(category[letter])), " ", long if wide else short)
            for letter, long, short in (*layout.LEGEND, *([layout.IMPORTED_LEGEND] if imported else []))
        ]
        items.append(Text.assemble(("c", over("central") + over("tentative")), " provisional" if wide else " prov."))
        swatch = {"!": "error", "?": "warning", "-": "holiday", "=": "bank-holiday", "#": "closure"}
        for mark, long, short in grid.MARKS_LEGEND:
            name = swatch[mark]
            style = shade(f"year-grid--{name}") if mark in "-=#" else shade("year-grid--term") + over(name)
            items.append(Text.assemble((f"{mark}", style), " ", long if wide else short))
        indent = LABEL if wide else 0
        lines: list[Text] = [Text("", end="")] if wide else []
        line = Text(" " * indent, end="")
        for item in items:
            if line.cell_len + item.cell_len + 1 > width and line.cell_len > indent:
                lines.append(line)
                line = Text(" " * indent, end="")
            line.append_text(item)
            line.append("  " if wide else " ")
        lines.append(line)
        for text in lines:
            text.stylize_before(shade("year-grid--legend"))
        return lines

    def _header(self, cell: int) -> Text:
        header = Text(" " * LABEL, style=self.get_component_rich_style("year-grid--header"), end="")
        names = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
        for slot in range(layout.SLOTS):
            name = names[slot % 7]
            header.append((" " + name).ljust(cell) if cell > 2 else name)
        header.stylize(self.get_component_rich_style("year-grid--header"))
        return header

    def _over(self, name: str) -> Style:
        """A component's own style, without the widget's background: it goes over a day's shade."""
        return self.get_component_rich_style(f"year-grid--{name}", partial=True)

    def _day_style(self, state: PlanState, day: dt.date) -> Style:
        base = self.get_component_rich_style(f"year-grid--{layout.shade(state.year, day)}")
        clash = state.clash_days.get(day)
        if clash:
            base += self._over(clash)
        if day == self.today:
            base += self._over("today")
        if day == self.cursor:
            base += self._over("cursor")
        return base

    def _append_marks(self, line: Text, marks: list[tuple[str, str, bool]], base: Style) -> None:
        for letter, category, tentative in marks:
            mark = base + self._over(category)
            if tentative:
                mark += self._over("tentative")
            if base.reverse:  # keep the cursor visible whatever the mark's colour
                mark += Style(reverse=True)
            line.append(letter, style=mark)

    # --- the cursor -------------------------------------------------------------------------------

    def action_month(self, rows: int) -> None:
        if self.state is not None:
            self._set(layout.vertical(self.state.year, self.cursor, rows))

    def action_edge(self, end: int) -> None:
        if self.state is not None:
            self._set(layout.last_day(self.state.year) if end else layout.first_day(self.state.year))

    def day_at_offset(self, x: int, y: int) -> dt.date | None:
        """The day drawn at content offset (x, y), for the mouse."""
        if self.state is None or y < 1 or x < LABEL:
            return None
        cell, rows = self._geometry()
        month_row = (y - 1) // rows
        all_months = layout.months(self.state.year)
        if month_row >= len(all_months):
            return None
        return layout.day_at(all_months[month_row], (x - LABEL) // cell)
