"""Geometry of the year and week views, kept apart from the widgets so that it is tested without a UI.

The year is a wall planner: one row per month, September to July, days aligned by weekday (37 slots, Monday
first) so that weekends and weeks line up down the page. The week is drawn to scale: rows are slices of
the day, and events that overlap share their day's column in lanes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mh_planner.academic_year import AcademicYear
    from mh_planner.calendar import AnyEvent, Event

ROW_MINUTES = (15, 20, 30, 60)  # the slices of a day the week view draws a line for, finest first
SLOTS = 37  # a month starting on a Sunday with 31 days reaches slot 6 + 30
WEEKDAY_LETTERS = "MTWTFSS"

# One letter per kind of event, in the order a day shows them when it has several; lower case when the
# date is only provisional (tentative), so that the difference survives a terminal without colour.
GLYPHS = {
    "exchange": "X",
    "residential": "R",
    "central": "C",
    "meeting": "W",
    "visit": "V",
    "local": "L",
    "milestone": "D",
    "imported": "B",  # busy or booked, from a calendar the planner did not make
}
GLYPH_ORDER = list(GLYPHS)
LEGEND = (  # letter, words, fewer words for a narrow terminal
    ("X", "exchange", "exchange"),
    ("R", "residential", "residential"),
    ("C", "central event", "central"),
    ("W", "work group meeting", "meeting"),
    ("V", "school visit", "visit"),
    ("L", "hub event", "hub"),
    ("D", "deadline", "deadline"),
)
IMPORTED_LEGEND = ("B", "busy or booked (imported)", "busy")  # only when a plan has imported calendars


def category(event: AnyEvent) -> str:
    """`calendar.category`, imported on first use: this module draws the first screen before the domain
    (and pydantic) is loaded."""
    from mh_planner.calendar import category as of

    return of(event)


def glyph(event: AnyEvent) -> str:
    letter = GLYPHS[category(event)]
    return letter.lower() if event.tentative else letter


def day_glyphs(events: list[Event], limit: int) -> list[tuple[str, str, bool]]:
    """Up to `limit` (letter, category, tentative) marks for a day, one per kind, most notable first;
    a kind is tentative only if all its events that day are."""
    seen: dict[str, bool] = {}
    for event in events:
        cat = category(event)
        seen[cat] = seen.get(cat, True) and event.tentative
    ordered = sorted(seen, key=GLYPH_ORDER.index)[:limit]
    return [(GLYPHS[c].lower() if seen[c] else GLYPHS[c], c, seen[c]) for c in ordered]


# --- the year -------------------------------------------------------------------------------------


def months(year: AcademicYear) -> list[tuple[int, int]]:
    """(year, month) from September to July."""
    return [(year.start_year + (m < 9), m) for m in (*range(9, 13), *range(1, 8))]


def slot_of(day: dt.date) -> int:
    return day.replace(day=1).weekday() + day.day - 1


def day_at(month: tuple[int, int], slot: int) -> dt.date | None:
    first = dt.date(month[0], month[1], 1)
    offset = slot - first.weekday()
    if offset < 0:
        return None
    day = first + dt.timedelta(days=offset)
    return day if day.month == first.month else None


def month_index(year: AcademicYear, day: dt.date) -> int | None:
    try:
        return months(year).index((day.year, day.month))
    except ValueError:
        return None


def first_day(year: AcademicYear) -> dt.date:
    return dt.date(year.start_year, 9, 1)


def last_day(year: AcademicYear) -> dt.date:
    return dt.date(year.start_year + 1, 7, 31)


def clamp(year: AcademicYear, day: dt.date) -> dt.date:
    return min(max(day, first_day(year)), last_day(year))


def vertical(year: AcademicYear, day: dt.date, rows: int) -> dt.date:
    """The day in the same column `rows` months up or down, or the nearest day of that month."""
    index = month_index(year, day)
    all_months = months(year)
    if index is None:
        return clamp(year, day)
    target = min(max(index + rows, 0), len(all_months) - 1)
    month = all_months[target]
    slot = slot_of(day)
    found = day_at(month, slot)
    if found is not None:
        return found
    first = dt.date(*month, 1)
    return first if slot < slot_of(first) else _month_end(first)


def _month_end(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def shade(year: AcademicYear, day: dt.date) -> str:
    """How a day is shaded: 'bank-holiday', 'closure', 'holiday', 'weekend' or 'term'."""
    if day in year.bank_holidays:
        return "bank-holiday"
    if day in year.closures:
        return "closure"
    if day.weekday() >= 5:
        return "weekend"
    if year.holiday_on(day):
        return "holiday"
    return "term"


def period_name(year: AcademicYear, day: dt.date) -> str:
    """'Autumn 1', 'October half-term', ... for the day panel's title."""
    holiday = year.holiday_on(day)
    if holiday:
        return holiday
    index = year.half_term_index(day)
    if index is not None:
        return year.half_terms[index].name
    return ""


def school_week(year: AcademicYear, day: dt.date) -> int | None:
    """The week of term (1 = the week the term starts) or None in a holiday."""
    for term in year.terms:
        if term.start <= day <= term.end:
            first_monday = term.start - dt.timedelta(days=term.start.weekday())
            return (day - first_monday).days // 7 + 1
    return None


# --- the week -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    event: Event
    lane: int
    lanes: int  # lanes in this event's group of overlapping events


def lanes(events: list[Event]) -> list[Placed]:
    """Timed events of one day in lanes: overlapping events side by side, each group as wide as it needs."""
    ordered = sorted(events, key=lambda e: (e.start, -(e.end - e.start).total_seconds(), e.id))
    placed: list[Placed] = []
    group: list[tuple[Event, int]] = []
    lane_ends: list[dt.datetime] = []
    group_end: dt.datetime | None = None

    def close() -> None:
        width = max((lane for _, lane in group), default=-1) + 1
        placed.extend(Placed(e, lane, width) for e, lane in group)

    for event in ordered:
        if group_end is not None and event.start >= group_end:
            close()
            group, lane_ends, group_end = [], [], None
        for lane, end in enumerate(lane_ends):
            if end <= event.start:
                lane_ends[lane] = event.end
                break
        else:
            lane = len(lane_ends)
            lane_ends.append(event.end)
        group.append((event, lane))
        group_end = event.end if group_end is None else max(group_end, event.end)
    close()
    return placed


def hour_span(events: list[Event], default: tuple[int, int] = (8, 17)) -> tuple[int, int]:
    """First and last hour to draw: the school day, widened to show every timed event of the week."""
    first, last = default
    for event in events:
        first = min(first, event.start.hour)
        end_hour = event.end.hour + (1 if event.end.minute else 0)
        if event.end.date() > event.start.date():
            end_hour = 24
        last = max(last, end_hour)
    return first, min(last, 24)


def row_of(time: dt.time, first_hour: int, minutes_per_row: int) -> int:
    return ((time.hour - first_hour) * 60 + time.minute) // minutes_per_row


@dataclass(frozen=True)
class TimeScale:
    """The week's timed grid: its first line on the canvas, its lines, the hour of the first line and the
    minutes each line stands for."""

    top: int
    rows: int
    first_hour: int
    minutes: int


def time_scale(events: list[Event], top: int, room: int) -> TimeScale:
    """The timed grid in `room` lines: the finest slice of time (`ROW_MINUTES`) that shows the events' hours,
    then as many more hours as fit (the evening: twilight sessions, meetings after school)."""
    first_hour, last_hour = hour_span(events)
    minutes = next((m for m in ROW_MINUTES if (last_hour - first_hour) * 60 // m <= room), 60)
    while last_hour < 20 and (last_hour + 1 - first_hour) * 60 // minutes <= room:
        last_hour += 1
    rows = max(min(room, (last_hour - first_hour) * 60 // minutes), 1)
    return TimeScale(top, rows, first_hour, minutes)


def wrap(text: str, width: int, rows: int) -> list[str]:
    """Word-wrap into at most `rows` lines of `width`, the last ending in '…' when cut."""
    if width <= 0 or rows <= 0:
        return []
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word[:width]
    if line:
        lines.append(line)
    if len(lines) > rows:
        lines = lines[:rows]
        last = lines[-1]
        lines[-1] = (last[: width - 1] + "…") if len(last) >= width else last + "…"
    return lines


# --- tables ---------------------------------------------------------------------------------------

CELL_PADDING = 2  # a table cell's padding, one column either side


@dataclass(frozen=True)
class Column:
    """A table's column: `width` when there is room, never under `minimum`; the lower its `rank`, the later
    it is dropped when the table is too narrow for every column; a `flex` column takes the room left."""

    key: str
    label: str
    width: int
    minimum: int = 0  # 0: `width`
    rank: int = 0
    flex: bool = False

    @property
    def narrowest(self) -> int:
        return self.minimum or self.width


def fit_columns(columns: tuple[Column, ...], room: int) -> list[tuple[Column, int]]:
    """The columns that fit in `room` cells, most important first (by rank, then order), each with its width:
    every kept column gets its minimum, then they grow to their width (the flex columns first, then in order
    of importance), then the flex columns share what is left. Returned in the table's order."""
    by_importance = sorted(columns, key=lambda c: (c.rank, columns.index(c)))
    kept: list[Column] = []
    used = 0
    for column in by_importance:
        need = column.narrowest + CELL_PADDING
        if used + need <= room or not kept:
            kept.append(column)
            used += need
    widths = {c.key: c.narrowest for c in kept}
    spare = room - used
    for column in sorted(kept, key=lambda c: not c.flex):  # the flex columns first grow to their width
        grow = min(max(column.width - widths[column.key], 0), max(spare, 0))
        widths[column.key] += grow
        spare -= grow
    flexible = [c for c in kept if c.flex]
    for i, column in enumerate(flexible):
        share = max(spare, 0) // (len(flexible) - i)
        widths[column.key] += share
        spare -= share
    return [(c, widths[c.key]) for c in columns if c in kept]


def fitting(alternatives: tuple[str, ...] | str, width: int) -> str:
    """The longest of a cell's wordings that fits `width` (the last, cut, when none does)."""
    if isinstance(alternatives, str):
        return alternatives
    for text in alternatives:
        if len(text) <= width:
            return text
    return alternatives[-1]
