"""What each day of the year's grid says in characters, so that it reads without colour (no Textual here).

Colour only adds to what the characters say: a clash is `!` (a possible clash `?`), a holiday `-`, a bank
holiday `=`, a closure `#`, a provisional date a lower-case letter. Each month's row names the half-terms
and holidays it covers in the room its short month leaves at one end ("Autumn 1 · Autumn 2", "Au1 Au2").

A day's cell is `width` characters wide:
- one line a month (a short or a narrow terminal): a mark then the day's letter, or its number when it has
  no events (`!V `, `-12`); two characters: the letter, or the day's pattern, then the mark (`V!`, `-+`);
- two lines a month (a tall terminal): the mark and the number on the first (`!12`), the pattern and the
  letters on the second (`-XW`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mh_planner.tui import layout

if TYPE_CHECKING:
    from mh_planner.academic_year import AcademicYear

PATTERN = {"holiday": "-", "bank-holiday": "=", "closure": "#"}  # a day off, said in characters
FLAG = {"error": "!", "warning": "?"}
SHORT = {"Autumn 1": "Au1", "Autumn 2": "Au2", "Spring 1": "Sp1", "Spring 2": "Sp2", "Summer 1": "Su1",
         "Summer 2": "Su2"}
MARKS_LEGEND = (  # character, words, fewer words
    ("!", "clash", "clash"),
    ("?", "possible clash", "possible"),
    ("-", "holiday", "holiday"),
    ("=", "bank holiday", "bank hol"),
    ("#", "closure", "closed"),
)


@dataclass(frozen=True)
class Day:
    """What a day's cell shows: its shade, its letters (letter, category, tentative), its clash if any."""

    day: dt.date
    shade: str  # layout.shade
    marks: list[tuple[str, str, bool]]
    clash: str | None  # "error", "warning"

    @property
    def pattern(self) -> str:
        return PATTERN.get(self.shade, " ")

    @property
    def flag(self) -> str:
        """The clash's character, else the day off's pattern, else a space."""
        return FLAG[self.clash] if self.clash else self.pattern


def one_line(day: Day, width: int) -> tuple[str, list[tuple[str, str, bool]], str]:
    """A day on one line: (the text before its letters, the letters, the text after), `width` in all."""
    if width <= 2:
        if day.marks:
            after = FLAG[day.clash] if day.clash else "+" if len(day.marks) > 1 else " "
            return "", day.marks[:1], after[: width - 1]
        blank = "·" if day.shade == "term" else day.pattern
        return (blank + (FLAG[day.clash] if day.clash else " "))[:width], [], ""
    if day.marks:
        shown = day.marks[: width - 1]
        return day.flag, shown, " " * (width - 1 - len(shown))
    return day.flag + f"{day.day.day:<{width - 1}}"[: width - 1], [], ""


def two_lines(day: Day, width: int) -> tuple[str, str, list[tuple[str, str, bool]]]:
    """A day on two lines: (its number line, the pattern before its letters, the letters shown)."""
    flag = FLAG[day.clash] if day.clash else " "
    number = (flag + f"{day.day.day:<{width - 1}}")[:width]
    return number, day.pattern, day.marks[: width - 1]


def periods(year: AcademicYear, month: tuple[int, int]) -> tuple[list[str], list[str]]:
    """The half-terms and the holidays that a month's days fall in, in order."""
    first = dt.date(*month, 1)
    days = [first + dt.timedelta(days=i) for i in range(31) if (first + dt.timedelta(days=i)).month == first.month]
    terms, holidays = [], []
    for day in days:
        index = year.half_term_index(day)
        if index is not None and year.half_terms[index].name not in terms:
            terms.append(year.half_terms[index].name)
        holiday = year.holiday_on(day)
        if holiday and day.weekday() < 5 and holiday not in holidays:
            holidays.append(holiday)
    return terms, holidays


def period_note(year: AcademicYear, month: tuple[int, int], room: int, second: bool = False) -> str:
    """What a month's row says of its periods in `room` characters: the half-terms ('Autumn 1 · Autumn 2',
    'Au1 Au2'), or with `second` (the second line of a month) its holidays; '' when nothing fits."""
    terms, holidays = periods(year, month)
    if second:
        candidates = [" · ".join(holidays), " · ".join(h.replace(" holiday", "") for h in holidays)]
    else:
        short = [SHORT.get(t, t) for t in terms]
        candidates = [" · ".join(terms), " ".join(short), "·".join(short)]
    return next((text for text in candidates if text and len(text) <= room), "")


def gap(month: tuple[int, int]) -> tuple[int, int]:
    """The empty slots before a month's first day and after its last (a month fills 28 to 31 of 37)."""
    first = dt.date(*month, 1)
    lead = layout.slot_of(first)
    days = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - first
    return lead, layout.SLOTS - lead - days.days


# --- the month ------------------------------------------------------------------------------------


def month_weeks(day: dt.date) -> list[list[dt.date]]:
    """The weeks (Monday first) that the month of `day` touches, each of seven days, with the days of the
    months either side that share its first and last week."""
    first = day.replace(day=1)
    monday = first - dt.timedelta(days=first.weekday())
    weeks = []
    while monday.month == first.month or monday < first:
        weeks.append([monday + dt.timedelta(days=i) for i in range(7)])
        monday += dt.timedelta(days=7)
    return weeks


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover: every month has a 28th


def short_period(name: str) -> str:
    """'Au2', 'Half-term', 'Christmas': a period's name for a narrow box."""
    if name in SHORT:
        return SHORT[name]
    return "Half-term" if name.endswith("half-term") else name.removesuffix(" holiday")


def period_start(year: AcademicYear, day: dt.date) -> str | None:
    """The name of the half-term or holiday that starts on `day` (on its first weekday), if one does."""
    for period in (*year.half_terms, *year.holidays):
        start = period.start
        while start.weekday() >= 5:
            start += dt.timedelta(days=1)
        if start == day:
            return period.name
    return None
