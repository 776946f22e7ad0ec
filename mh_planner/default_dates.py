"""The dates the data's own wording implies, before anyone searches for better ones.

A work group's pattern ("the 3rd Tuesday of each half-term") names a day; a central event known only by a
window ("Early October") gets a provisional day inside it, marked tentative until the date is announced,
chosen as a reader of the wording would (`place`). This is arithmetic on the academic year, done while the
calendar is assembled; searching for dates that the checker accepts is `scheduling`'s job, one layer up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from mh_planner.academic_year import AcademicYear
from mh_planner.model import MeetingPattern
from mh_planner.timing import Window

PREFERRED_WEEKDAYS = (1, 2, 3)  # Tue-Thu: what the national calendar mostly uses


class Placement(StrEnum):
    """How a central event known by a window was placed."""

    PROVISIONAL = "provisional"  # a planning day inside the window (or inside its part of it)
    DEADLINE = "deadline"  # the window's last day: "by the end of June 2020"
    BEFORE_YEAR = "before the year"  # the window ends before 1 September: not pinned to a day
    THROUGH_YEAR = "through the year"  # a programme running all year, with no length: not a day


@dataclass(frozen=True, slots=True)
class Placed:
    day: dt.date | None  # None: not pinned (before the year, through the year)
    placement: Placement
    window: Window  # the window, cut to the year; for the k-th of n, its part


def place(
    window: Window,
    year: AcademicYear,
    *,
    calendar_days: int = 1,
    deadline: bool = False,
    part: tuple[int, int] = (1, 1),
    length_given: bool = True,
) -> Placed:
    """Where a reader of the wording would put an event known only by `window`, in the national `year`.

    - A window that ends before the year starts ("Term 3 18/19") is before the year: not pinned. One that
      starts before and ends inside it is cut to start on 1 September.
    - A deadline ("By the end of June 2020", or a `deadline` event) falls on the window's last day.
    - The k-th of n events of one series worded alike (`part` = (k, n)) takes the k-th of n parts of the
      window: three parts of a whole year are its terms, six its half-terms, else equal runs of school days.
      "Three days over the course of 2019/20" are one in each term, not three on one day.
    - A single event with no length over the whole year ("a programme during the year") is not a day.
    - Otherwise a Tue-Thu of term time near the middle of the window (`provisional_day`).
    """
    if window.end < year.start:
        return Placed(None, Placement.BEFORE_YEAR, window)
    if window.start < year.start:
        window = Window(year.start, window.end, window.label)
    if deadline:
        return Placed(window.end, Placement.DEADLINE, window)
    k, n = part
    whole_year = window.start <= year.terms[0].start and year.terms[2].end <= window.end
    if n == 1 and not length_given and whole_year:
        return Placed(None, Placement.THROUGH_YEAR, window)
    if n > 1:
        window = _part(window, k, n, year)
    return Placed(provisional_day(window, calendar_days, year), Placement.PROVISIONAL, window)


def _part(window: Window, k: int, n: int, year: AcademicYear) -> Window:
    """The k-th (from 1) of n parts of `window`."""
    terms = [p for p in year.term_periods if window.start <= p.start and p.end <= window.end]
    halves = [p for p in year.half_terms if window.start <= p.start and p.end <= window.end]
    for periods in (terms, halves):
        if len(periods) == n in (3, 6):
            return Window(periods[k - 1].start, periods[k - 1].end, window.label)
    span = [window.start + dt.timedelta(days=i) for i in range(window.days)]
    days = [d for d in span if year.is_school_day(d)] or span
    size = len(days) / n
    first = round((k - 1) * size)
    run = days[first : max(round(k * size), first + 1)]
    return Window(run[0], run[-1], window.label)


def provisional_day(window: Window, calendar_days: int, year: AcademicYear) -> dt.date:
    """A plausible date inside `window`: a Tue-Thu of term time near its middle, all days school days."""
    key = ("provisional", window.start, window.end, calendar_days)
    if key not in year.memo:
        year.memo[key] = _provisional_day(window, calendar_days, year)
    return year.memo[key]  # type: ignore[return-value]


def _provisional_day(window: Window, calendar_days: int, year: AcademicYear) -> dt.date:

    def fits(first: dt.date) -> bool:
        span = [first + dt.timedelta(days=i) for i in range(calendar_days)]
        return span[-1] <= window.end and all(year.is_school_day(d) for d in span)

    middle = window.start + (window.end - window.start) / 2
    after = [middle + dt.timedelta(days=i) for i in range((window.end - middle).days + 1)]
    before = [middle - dt.timedelta(days=i) for i in range(1, (middle - window.start).days + 1)]
    for preferred in (True, False):
        # The first fitting day from the middle on, else the last one before it.
        for day in (*after, *before):
            if (not preferred or day.weekday() in PREFERRED_WEEKDAYS) and fits(day):
                return day
    day = window.start
    while day <= window.end and day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day if day <= window.end else window.start


def pattern_day(
    period: tuple[dt.date, dt.date], pattern: MeetingPattern, year: AcademicYear, week: int | None = None
) -> dt.date | None:
    """The `week`-th school-day occurrence of the pattern's weekday in a half-term or term (holiday weeks,
    bank holidays and closures are not counted); the last one if the period is shorter."""
    key = ("weekdays", period, pattern.weekday.number)
    if key not in year.memo:
        start, end = period
        day = start + dt.timedelta(days=(pattern.weekday.number - start.weekday()) % 7)
        found = []
        while day <= end:
            if year.is_school_day(day):
                found.append(day)
            day += dt.timedelta(weeks=1)
        year.memo[key] = found
    candidates: list[dt.date] = year.memo[key]  # type: ignore[assignment]
    if not candidates:
        return None
    return candidates[min((week or pattern.week) - 1, len(candidates) - 1)]


def nearest_free_day(
    day: dt.date, period: tuple[dt.date, dt.date], year: AcademicYear, used: set[dt.date]
) -> dt.date | None:
    for step in range(1, (period[1] - period[0]).days + 1):
        for candidate in (day - dt.timedelta(days=step), day + dt.timedelta(days=step)):
            if period[0] <= candidate <= period[1] and candidate not in used and year.is_school_day(candidate):
                return candidate
    return None
