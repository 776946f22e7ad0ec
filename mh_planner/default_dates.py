"""The dates the data's own wording implies, before anyone searches for better ones.

A work group's pattern ("the 3rd Tuesday of each half-term") names a day; a central event known only by a
window ("Early October") gets a provisional day inside it, marked tentative until the date is announced.
This is arithmetic on the academic year, done while the calendar is assembled; searching for dates that
the checker accepts is `scheduling`'s job, one layer up.
"""

from __future__ import annotations

import datetime as dt

from mh_planner.academic_year import AcademicYear
from mh_planner.model import MeetingPattern
from mh_planner.timing import Window

PREFERRED_WEEKDAYS = (1, 2, 3)  # Tue-Thu: what the national calendar mostly uses


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
