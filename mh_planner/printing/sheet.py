"""What goes where on the printed year planner, in millimetres of an A3 landscape page (no drawing here).

A column per month from September to August, a row per day of the month (1 to 31), so that each day has a
box wide enough for its events' titles: a day's events are listed in its box (in two columns when there are
more than one column holds), an event of several days is a bar down the right of its days with its title on
its first day. Each box knows its shade (term, weekend, holiday, bank holiday, closure), its clash, and the
half-term or holiday that starts on it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from mh_planner.academic_year import AcademicYear
from mh_planner.calendar import Calendar, Event, category
from mh_planner.rules import BY_NAME, Conflict, Severity

PAGE_W, PAGE_H, MARGIN = 420.0, 297.0, 8.0
TITLE_H, HEAD_H, KEY_H = 13.0, 5.0, 19.0
LABEL_W = 6.0  # "Tu 12" at the left of a day's box
BAR_W = 1.2  # a bar of an event of several days, down the right of its days
LINE_H, FONT = 1.95, 1.6  # an event's line in a box, and its text
LAYOUTS = ((1, LINE_H, FONT), (2, LINE_H, FONT), (2, 1.6, 1.35), (3, 1.6, 1.35))  # columns, line, type: a busy day
CHAR_W = 0.42  # an estimate of a character's width, in ems of the narrow face used (bold: 0.43)
GLYPHS = {"exchange": "X", "residential": "R", "central": "C", "meeting": "W", "visit": "V", "local": "L",
          "milestone": "D"}
KINDS = {"exchange": "exchange", "residential": "residential", "central": "central event",
         "meeting": "work group meeting", "visit": "school visit", "local": "hub event", "milestone": "deadline"}
SHORT = {"Autumn 1": "Au1", "Autumn 2": "Au2", "Spring 1": "Sp1", "Spring 2": "Sp2", "Summer 1": "Su1",
         "Summer 2": "Su2"}




@dataclass(frozen=True)
class Line:
    text: str
    category: str
    tentative: bool
    clash: str | None  # "error", "warning"


@dataclass
class Box:
    day: dt.date
    x: float
    y: float
    w: float
    h: float
    shade: str
    clash: str | None = None
    note: str = ""  # the half-term, holiday or bank holiday that starts on the day
    lines: list[Line] = field(default_factory=list)
    columns: int = 1
    hidden: int = 0  # events that did not fit (none on the sample's busiest day)
    lanes: int = 0  # bars of events of several days down its right
    line_h: float = LINE_H
    font: float = FONT

    @property
    def text_x(self) -> float:
        return self.x + LABEL_W

    @property
    def text_w(self) -> float:
        return self.w - LABEL_W - self.lanes * (BAR_W + 0.3) - 0.4


@dataclass(frozen=True)
class Bar:
    x: float
    top: float
    bottom: float
    category: str
    tentative: bool
    clash: str | None


@dataclass
class Sheet:
    title: str
    whose: str
    summary: str
    months: list[tuple[str, float, float]]  # label, x, width
    boxes: list[Box]
    bars: list[Bar]
    periods: list[str]  # the year's half-terms and holidays, with their dates, for the key
    left_out: int  # events outside the academic year


def months_of(year: AcademicYear) -> list[tuple[int, int]]:
    return [(year.start_year + (m < 9), m) for m in (*range(9, 13), *range(1, 9))]


def shade(year: AcademicYear, day: dt.date) -> str:
    if day in year.bank_holidays:
        return "bank-holiday"
    if day in year.closures:
        return "closure"
    if day.weekday() >= 5:
        return "weekend"
    return "holiday" if year.holiday_on(day) else "term"


def clashes(calendar: Calendar, conflicts: list[Conflict]) -> tuple[dict[str, str], dict[dt.date, str]]:
    """The worst clash of each event and of each day (as the planner's screens mark them)."""
    by_event: dict[str, str] = {}
    by_day: dict[dt.date, str] = {}
    events = calendar.by_id()

    def worst(found: dict[object, str], key: object, severity: str) -> None:
        if found.get(key) != Severity.ERROR.value:
            found[key] = severity

    for conflict in conflicts:
        rule = BY_NAME.get(conflict.rule)
        if rule is not None and not rule.clash:
            continue
        severity = conflict.severity.value
        for event_id in conflict.event_ids:
            worst(by_event, event_id, severity)  # type: ignore[arg-type]
        days = list(conflict.dates)
        if conflict.rule == "possible-clash":
            others = [e for i in conflict.event_ids[1:] if isinstance(e := events.get(i), Event)]
            days = [d for e in others for d in e.days_spanned()]
        for day in days:
            worst(by_day, day, severity)  # type: ignore[arg-type]
    return by_event, by_day


def periods_key(year: AcademicYear) -> list[str]:
    """'Autumn 1 Wed 4 Sep - Fri 25 Oct', ... in date order, for the key."""
    found = [*year.half_terms, *year.holidays[1:-1]]
    return [f"{p.name} {p.start:%a} {p.start.day} {p.start:%b} - {p.end:%a} {p.end.day} {p.end:%b}"
            for p in sorted(found, key=lambda p: p.start)]


def starts(year: AcademicYear) -> dict[dt.date, str]:
    """The first weekday of each half-term and holiday, and each bank holiday, with its name."""
    found: dict[dt.date, str] = {}
    for period in (*year.half_terms, *year.holidays):
        day = period.start
        while day.weekday() >= 5 and day < period.end:
            day += dt.timedelta(days=1)
        found[day] = period.name
    for day, name in year.bank_holidays.items():
        found[day] = name
    return found


def lay_out(calendar: Calendar, events: list[Event], conflicts: list[Conflict], title: str, whose: str) -> Sheet:
    """The sheet for `events` (already chosen: the hub's, a person's, a work group's)."""
    year = calendar.year
    grid_top = MARGIN + TITLE_H + HEAD_H
    row_h = (PAGE_H - grid_top - KEY_H - MARGIN) / 31
    col_w = (PAGE_W - 2 * MARGIN) / 12
    by_event, by_day = clashes(calendar, conflicts)
    named = starts(year)
    in_year = [e for e in events if e.last_day >= year.start and e.first_day <= year.end]
    single: dict[dt.date, list[Event]] = defaultdict(list)
    for event in in_year:
        if event.first_day == event.last_day:
            single[event.first_day].append(event)
    sheet = Sheet(title, whose, "", [], [], [], periods_key(year), len(events) - len(in_year))
    for index, (y, m) in enumerate(months_of(year)):
        x = MARGIN + index * col_w
        sheet.months.append((f"{dt.date(y, m, 1):%B %Y}", x, col_w))
        day = dt.date(y, m, 1)
        while day.month == m:
            box = Box(day, x, grid_top + (day.day - 1) * row_h, col_w, row_h, shade(year, day), by_day.get(day))
            box.note = named.get(day, "")
            sheet.boxes.append(box)
            day += dt.timedelta(days=1)
    boxes = {box.day: box for box in sheet.boxes}
    _bars(sheet, boxes, [e for e in in_year if e.first_day != e.last_day], by_event)
    for day, box in boxes.items():
        _fill(box, sorted(single.get(day, []), key=lambda e: (not e.all_day, e.start, e.title)), by_event)
    errors = sum(1 for c in conflicts if c.severity is Severity.ERROR)
    sheet.summary = (
        f"{len(in_year)} events · {errors} hard conflict(s) · {len(conflicts) - errors} warning(s)"
        + (f" · {sheet.left_out} event(s) outside {year.label} not shown" if sheet.left_out else "")
    )
    return sheet


def _bars(sheet: Sheet, boxes: dict[dt.date, Box], events: list[Event], by_event: dict[str, str]) -> None:
    """Events of several days: a bar down the right of their days (a lane each, from the right) and their
    title on their first day in each month."""
    lanes: dict[dt.date, int] = defaultdict(int)
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        days = [d for d in event.days_spanned() if d in boxes]
        lane = max((lanes[d] for d in days), default=0)
        for day in days:
            lanes[day] = lane + 1
            boxes[day].lanes = max(boxes[day].lanes, lane + 1)
        for month_days in _runs(days):
            first, last = boxes[month_days[0]], boxes[month_days[-1]]
            x = first.x + first.w - (lane + 1) * (BAR_W + 0.3)
            sheet.bars.append(Bar(x, first.y + 0.3, last.y + last.h - 0.3, category(event), event.tentative,
                                  by_event.get(event.id)))
            first.lines.append(_line(event, by_event, "▸ "))


def _runs(days: list[dt.date]) -> list[list[dt.date]]:
    """Consecutive days split by month (a bar stops at the foot of its month's column)."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and runs[-1][-1].month == day.month and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def _line(event: Event, by_event: dict[str, str], lead: str = "") -> Line:
    time = "" if event.all_day or event.first_day != event.last_day else f"{event.start:%H:%M} "
    mark = "~" if event.tentative else ""
    return Line(f"{lead}{GLYPHS[category(event)]} {mark}{time}{event.title}", category(event), event.tentative,
                by_event.get(event.id))


def _fill(box: Box, events: list[Event], by_event: dict[str, str]) -> None:
    """A day's events as lines: one column while they fit, then two, then smaller type in two or three
    columns (`LAYOUTS`); what still does not fit is counted ('+2 more')."""
    box.lines.extend(_line(e, by_event) for e in events)
    for layout in LAYOUTS:
        box.columns, box.line_h, box.font = layout
        if len(box.lines) <= box.columns * rows_of(box):
            break
    room = box.columns * rows_of(box)
    if len(box.lines) > room:
        box.hidden = len(box.lines) - room + 1
        box.lines = box.lines[: room - 1]


def rows_of(box: Box) -> int:
    return max(int((box.h - 0.4) // box.line_h), 1)


def fitted(text: str, width: float, size: float = FONT) -> str:
    """`text` cut (with '…') to the characters that fit `width` mm at `size`."""
    most = int(width / (size * CHAR_W))
    return text if len(text) <= most else text[: max(most - 1, 1)].rstrip() + "…"


def wrap(text: str, width: float, size: float, rows: int) -> list[str]:
    """`text` in at most `rows` lines of `width` mm, word by word, the last cut with '…' if need be."""
    most = max(int(width / (size * CHAR_W)), 1)
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > most:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    if len(lines) > rows:
        lines = [*lines[: rows - 1], " ".join(lines[rows - 1 :])]
    return [fitted(one, width, size) for one in lines]
