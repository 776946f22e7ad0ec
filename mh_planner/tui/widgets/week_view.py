"""A week with time drawn to scale: a column per day, a row per slice of the day, each event a block as
tall as it lasts; all-day and multi-day events (an exchange fortnight, a residential) in a band on top.

The arrows move a selection: left and right from day to day (and across weeks), up and down through a
day's events. The slice of time per row shrinks as the terminal grows (an hour, 30, 20 or 15 minutes).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.strip import Strip

from mh_planner.tui import grid, layout
from mh_planner.tui.messages import EventChosen, EventHighlighted
from mh_planner.tui.state import week_start
from mh_planner.tui.widgets.canvas import Cell, cells, to_strip
from mh_planner.tui.widgets.kept_lines import KeptLines

if TYPE_CHECKING:
    from mh_planner.calendar import Event
    from mh_planner.tui.state import PlanState

GUTTER = 6  # "09:00 "
MAX_BAND = 4  # all-day rows before "+n more"
MIN_LANE = 7  # narrowest readable lane of overlapping events



class WeekView(KeptLines, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "day(-1)", "Day", show=False),
        Binding("right", "day(1)", "Day", show=False),
        Binding("up", "event(-1)", "Event", show=False),
        Binding("down", "event(1)", "Event", show=False),
        # In the help rather than the footer, which must fit 80 columns (left and right cross weeks too).
        Binding("pageup,left_square_bracket", "day(-7)", "Week back", key_display="[", show=False),
        Binding("pagedown,right_square_bracket", "day(7)", "Week on", key_display="]", show=False),
        Binding("enter", "choose", "Details"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "week-view--header",
        "week-view--header-cursor",
        "week-view--gutter",
        "week-view--term",
        "week-view--weekend",
        "week-view--holiday",
        "week-view--bank-holiday",
        "week-view--closure",
        "week-view--cursor-day",
        "week-view--hour",
        "week-view--exchange",
        "week-view--residential",
        "week-view--central",
        "week-view--meeting",
        "week-view--visit",
        "week-view--local",
        "week-view--milestone",
        "week-view--selected",
        "week-view--tentative",
        "week-view--error",
        "week-view--warning",
        "week-view--more",
    }

    # Repainted line by line (`KeptLines.redraw`): an edit or a new selection redraws the lines it changed.
    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)
    day: reactive[dt.date] = reactive(dt.date(2000, 1, 3), init=False, repaint=False)
    selected: reactive[str | None] = reactive(None, init=False, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn: list[tuple[int, int, int, str]] = []  # (line, first x, end x, event id), for the mouse

    @property
    def monday(self) -> dt.date:
        return week_start(self.day)

    # --- what is on the week ----------------------------------------------------------------------

    def _week_events(self) -> list[Event]:
        if self.state is None:
            return []
        seen: dict[str, Event] = {}
        for offset in range(7):
            for event in self.state.events_by_day.get(self.monday + dt.timedelta(days=offset), []):
                seen.setdefault(event.id, event)
        return list(seen.values())

    @staticmethod
    def _in_band(event: Event) -> bool:
        return event.all_day or event.first_day != event.last_day

    def day_events(self, day: dt.date) -> list[Event]:
        """A day's events in the order the selection walks them: the band first, then by time."""
        if self.state is None:
            return []
        found = self.state.events_by_day.get(day, [])
        return sorted(found, key=lambda e: (not self._in_band(e), e.start, e.id))

    # --- geometry ---------------------------------------------------------------------------------

    def _columns(self, width: int) -> list[tuple[int, int]]:
        """(x, width) of each day's column, separator included. A day with overlapping events is wider, in
        proportion to its lanes (up to three); a quiet weekend day is narrower."""
        events = self._week_events()
        busy = {d for e in events for d in e.days_spanned()}
        available = max(width - GUTTER, 7 * 3)
        days = [self.monday + dt.timedelta(days=i) for i in range(7)]
        weights = []
        for day in days:
            timed = [e for e in events if e.first_day == day and not self._in_band(e)]
            lanes = max((p.lanes for p in layout.lanes(timed)), default=1)
            quiet = day.weekday() >= 5 and day not in busy and day != self.day
            weights.append(0.4 if quiet else float(min(lanes, 3)))
        total = sum(weights)
        out, x = [], GUTTER
        for weight in weights:
            w = max(4, int(available * weight / total))
            out.append((x, w))
            x += w
        return out

    def _band(self, events: list[Event]) -> list[list[Event]]:
        """All-day events in rows, each row a set of events that do not share a day this week."""
        rows: list[list[Event]] = []
        for event in sorted(events, key=lambda e: (e.start, -(e.end - e.start), e.id)):
            for row in rows:
                if all(e.last_day < event.first_day or event.last_day < e.first_day for e in row):
                    row.append(event)
                    break
            else:
                rows.append([event])
        return rows

    # --- drawing ----------------------------------------------------------------------------------

    def _style(self, name: str, partial: bool = False) -> Style:
        return self.get_component_rich_style(f"week-view--{name}", partial=partial)

    def draw(self) -> list[Strip]:
        state = self.state
        width, height = self.size.width, self.size.height
        if state is None or width < GUTTER + 21 or height < 4:
            return []
        columns = self._columns(width)
        days = [self.monday + dt.timedelta(days=i) for i in range(7)]
        events = self._week_events()
        self._drawn = []
        canvas = [self._header(days, columns)]
        canvas += self._band_lines(state, [e for e in events if self._in_band(e)], days, columns, width)
        timed = [e for e in events if not self._in_band(e)]
        scale = layout.time_scale(timed, top=len(canvas), room=height - len(canvas))
        canvas += self._hour_lines(state, scale, days, columns)
        for day, (x, w) in zip(days, columns, strict=True):
            self._draw_day(canvas, state, [e for e in timed if e.first_day == day], x, w, scale)
        pad = self.rich_style
        return [to_strip(line, width, pad) for line in canvas[:height]]

    def _header(self, days: list[dt.date], columns: list[tuple[int, int]]) -> list[Cell]:
        """The days, the cursor's lit; a clash's mark or a day off's pattern before each (`grid`)."""
        header = [(" ", self._style("gutter"))] * GUTTER
        state = self.state
        for day, (_, w) in zip(days, columns, strict=True):
            style = self._style("header-cursor" if day == self.day else "header")
            label = f"{day:%a} {day.day} {day:%b}" if w >= 13 else f"{day:%a}"[: w - 2] + (
                f" {day.day}" if w >= 7 else ""
            )
            flag = " "
            if state is not None:
                flag = grid.Day(day, layout.shade(state.year, day), [], state.clash_days.get(day)).flag
            header.extend(cells(flag + label, w, style))
        return header

    def _band_lines(
        self, state: PlanState, events: list[Event], days: list[dt.date], columns: list[tuple[int, int]], width: int
    ) -> list[list[Cell]]:
        """The band of all-day events: a line per row of bars, then "+n more" past `MAX_BAND` rows."""
        band_rows = self._band(events)
        lines: list[list[Cell]] = []
        for row in band_rows[:MAX_BAND]:
            line = [(" ", self._style("gutter"))] * GUTTER
            for day, (_, w) in zip(days, columns, strict=True):
                line.extend(cells("", w, self._day_style(state, day)))
            for event in row:
                self._draw_bar(line, 1 + len(lines), event, days, columns, state)
            lines.append(line)
        if len(band_rows) > MAX_BAND:
            more = len(band_rows) - MAX_BAND
            lines.append(cells(f"      +{more} more all-day row(s)", width, self._style("gutter")))
        return lines

    def _hour_lines(
        self, state: PlanState, scale: layout.TimeScale, days: list[dt.date], columns: list[tuple[int, int]]
    ) -> list[list[Cell]]:
        """The empty timed grid, to scale: the hours in the gutter, a rule at each hour and each slice."""
        lines = []
        for r in range(scale.rows):
            minute = scale.first_hour * 60 + r * scale.minutes
            label = f"{minute // 60:02d}:{minute % 60:02d}" if minute % 60 == 0 and minute < 24 * 60 else ""
            line = cells(label, GUTTER, self._style("gutter"))
            for day, (_, w) in zip(days, columns, strict=True):
                style = self._day_style(state, day)
                line.append(("│" if minute % 60 == 0 else "╎", style + self._style("hour", partial=True)))
                line.extend(cells("", w - 1, style))
            lines.append(line)
        return lines

    def _draw_day(
        self, canvas: list[list[Cell]], state: PlanState, timed: list[Event], x: int, w: int, scale: layout.TimeScale
    ) -> None:
        """A day's timed events as blocks in lanes; too many side by side: the first lanes, then "+n" (the
        arrows reach all)."""
        placed = layout.lanes(timed)
        fits = max(1, (w - 1) // MIN_LANE)
        hidden = [p for p in placed if p.lane >= fits]
        for item in placed:
            if item.lane < fits:
                lanes = min(item.lanes, fits)
                self._draw_block(canvas, layout.Placed(item.event, item.lane, lanes), x, w, scale, state)
        if hidden:
            row = scale.top + max(0, layout.row_of(hidden[0].event.start.time(), scale.first_hour, scale.minutes))
            if row < len(canvas):
                mark = f"+{len(hidden)}"
                canvas[row][x + w - len(mark) : x + w] = cells(mark, len(mark), self._style("more"))

    def _day_style(self, state: PlanState, day: dt.date) -> Style:
        style = self._style(layout.shade(state.year, day))
        if day == self.day:
            style += self._style("cursor-day", partial=True)
        return style

    def _event_style(self, state: PlanState, event: Event) -> Style:
        style = self._style(layout.category(event))
        if event.tentative:
            style += self._style("tentative", partial=True)
        if event.id == self.selected:
            style += self._style("selected", partial=True)
        return style

    def _flag(self, state: PlanState, event: Event) -> str:
        severity = state.severity_of(event)
        mark = "✖" if severity == "error" else "⚠" if severity == "warning" else ""
        return mark + ("~" if event.tentative else "")

    def _draw_bar(
        self,
        line: list[Cell],
        y: int,
        event: Event,
        days: list[dt.date],
        columns: list[tuple[int, int]],
        state: PlanState,
    ) -> None:
        spanned = [i for i, d in enumerate(days) if event.first_day <= d <= event.last_day]
        if not spanned:
            return
        x = columns[spanned[0]][0]
        end = columns[spanned[-1]][0] + columns[spanned[-1]][1]
        self._drawn.append((y, x + 1, end, event.id))
        style = self._event_style(state, event)
        flag = self._flag(state, event)
        continues = "◂" if event.first_day < days[spanned[0]] else ""
        text = f" {continues}{flag}{layout.glyph(event)} {state.label(event, first=True)}"
        line[x + 1 : end] = cells(text, end - x - 1, style)

    def _draw_block(
        self, canvas: list[list[Cell]], item: layout.Placed, x: int, w: int, scale: layout.TimeScale, state: PlanState
    ) -> None:
        event = item.event
        inner = w - 1
        lane_w = max(inner // item.lanes, 1)
        left = x + 1 + item.lane * lane_w
        width = inner - item.lane * lane_w if item.lane == item.lanes - 1 else lane_w
        top, rows, first_hour, minutes = scale.top, scale.rows, scale.first_hour, scale.minutes
        start = layout.row_of(event.start.time(), first_hour, minutes)
        end_time = event.end.time() if event.end.date() == event.start.date() else dt.time(23, 59)
        end = max(start + 1, -(-((end_time.hour - first_hour) * 60 + end_time.minute) // minutes))
        start, end = max(start, 0), min(end, rows)
        if start >= rows:
            return
        style = self._event_style(state, event)
        flag = self._flag(state, event)
        lines = self._block_text(state, event, flag, width - 1, end - start)
        for r in range(start, end):
            text = lines[r - start] if r - start < len(lines) else ""
            canvas[top + r][left : left + width] = cells(text, width, style)
            self._drawn.append((top + r, left, left + width, event.id))
        if width > 1 and item.lane < item.lanes - 1:  # a gap between lanes
            for r in range(start, end):
                canvas[top + r][left + width - 1] = (" ", canvas[top + r][left + width - 1][1])

    def _block_text(self, state: PlanState, event: Event, flag: str, width: int, rows: int) -> list[str]:
        head = f"{event.start:%H:%M} " if width >= 14 else ""
        words = f"{flag}{layout.glyph(event)} {head}{state.label(event, first=True)}"
        lines = layout.wrap(words, width, max(rows - (1 if rows > 2 else 0), 1))
        extra = [event.location or "", state.people_text(event, limit=2)]
        for text in extra:
            if len(lines) < rows and text:
                lines.extend(layout.wrap(text, width, rows - len(lines)))
        return [" " + line for line in lines]

    # --- the selection ----------------------------------------------------------------------------

    def watch_state(self) -> None:
        self.redraw()

    def watch_day(self) -> None:
        self.redraw()
        self._announce()

    def watch_selected(self) -> None:
        self.redraw()
        self._announce()

    def _announce(self) -> None:
        self.post_message(EventHighlighted(self.selected, self.day))

    def show(self, day: dt.date, event_id: str | None = None) -> None:
        """Go to `day` and select `event_id` (or the day's first event)."""
        self.day = day
        events = self.day_events(day)
        if event_id is None or all(e.id != event_id for e in events):
            event_id = events[0].id if events else None
        self.selected = event_id

    def action_day(self, step: int) -> None:
        from mh_planner.calendar import Event  # the domain: loaded, as there is a plan

        if self.state is None:
            return
        current = self.state.by_id.get(self.selected or "")
        day = layout.clamp(self.state.year, self.day + dt.timedelta(days=step))
        events = self.day_events(day)
        self.day = day
        if not events:
            self.selected = None
        elif not isinstance(current, Event):  # nothing selected (an undated event is never in a week)
            self.selected = events[0].id
        else:  # the event nearest in time of day to the one selected before
            target = current.start.hour * 60 + current.start.minute
            self.selected = min(
                events,
                key=lambda e: (
                    self._in_band(e) != self._in_band(current),
                    abs(e.start.hour * 60 + e.start.minute - target),
                ),
            ).id

    def action_event(self, step: int) -> None:
        events = self.day_events(self.day)
        if not events:
            return
        ids = [e.id for e in events]
        index = ids.index(self.selected) if self.selected in ids else -1 if step > 0 else len(ids)
        self.selected = ids[min(max(index + step, 0), len(ids) - 1)]

    def action_choose(self) -> None:
        if self.selected:
            self.post_message(EventChosen(self.selected))

    def event_at(self, x: int, y: int) -> str | None:
        """The event drawn at content offset (x, y), as last drawn (the one on top where two touch)."""
        for line, first, end, event_id in reversed(self._drawn):
            if line == y and first <= x < end:
                return event_id
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on an event selects it (a second click, or a double click, shows its details); a click
        elsewhere in a day's column selects the day."""
        offset = event.get_content_offset(self)
        if offset is None or self.state is None:
            return
        for index, (x, w) in enumerate(self._columns(self.size.width)):
            if not x <= offset.x < x + w:
                continue
            day = self.monday + dt.timedelta(days=index)
            hit = self.event_at(offset.x, offset.y)
            if hit is not None and (hit == self.selected or event.chain > 1):
                self.post_message(EventChosen(hit))
            elif hit is not None:
                self.day, self.selected = day, hit
            else:
                self.show(day, self.selected if day == self.day else None)
            return
