"""A one-off date moved into another year: the same week of the same half-term (or holiday), same weekday.

A day's position in its year is (period, week, weekday): the half-term it falls in (Autumn 1 ... Summer 2)
or, outside term, the holiday (October half-term ... May half-term); week 1 is the Monday-to-Sunday week
holding the period's first weekday. In the new year the day is the same weekday of the same week of the
same period, read on the calendar of the schools the event concerns. A shorter period gives its last such
weekday; a day that is not a school day there (a bank holiday) the nearest school day in the period. A day
in a holiday stays in that holiday: a deliberate clash stays one, and is listed for review.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mh_planner.academic_year import AcademicYear, Period
from mh_planner.model import HOLIDAY_NAMES

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
HOLIDAYS = tuple(HOLIDAY_NAMES.values())  # the year's holidays in term time, by their names


@dataclass(frozen=True)
class Position:
    period: str
    week: int
    weekday: int

    @property
    def in_term(self) -> bool:
        return self.period not in HOLIDAYS

    def __str__(self) -> str:
        return f"{self.period}, week {self.week}, {WEEKDAYS[self.weekday]}"


@dataclass(frozen=True)
class Moved:
    old: dt.date
    new: dt.date | None  # None: no such period in the new year (the summer holiday, outside the year)
    at: Position | None
    note: str = ""


def _first_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _periods(year: AcademicYear) -> list[Period]:
    """Half-terms and the named holidays between them; weeks count from each period's first weekday."""
    found = [*year.half_terms, *(h for h in year.holidays if h.name in HOLIDAYS)]
    return [Period(p.name, _first_weekday(p.start), p.end) for p in found]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def position(day: dt.date, year: AcademicYear) -> Position | None:
    for period in _periods(year):
        if period.start <= day <= period.end:
            return Position(period.name, (day - _monday(period.start)).days // 7 + 1, day.weekday())
    return None


def same_week(day: dt.date, old: AcademicYear, new: AcademicYear) -> Moved:
    at = position(day, old)
    if at is None:
        return Moved(day, None, None, "not in a term or a half-term or holiday")
    period = next((p for p in _periods(new) if p.name == at.period), None)
    if period is None:
        return Moved(day, None, at, f"no {at.period} in {new.label}")
    target = _monday(period.start) + dt.timedelta(weeks=at.week - 1, days=at.weekday)
    note = ""
    while target > period.end:
        target -= dt.timedelta(weeks=1)
        note = f"{at.period} is shorter in {new.label}: its last {target:%A}"
    while target < period.start:
        target += dt.timedelta(weeks=1)
        note = f"{at.period} starts later in {new.label}: its first {target:%A}"
    if not at.in_term:
        return Moved(day, target, at, "was outside term time (a clash) and still is")
    why = new.why_not_a_school_day(target)
    if why is not None:
        for step in range(1, 15):
            for candidate in (target + dt.timedelta(days=step), target - dt.timedelta(days=step)):
                if period.start <= candidate <= period.end and new.is_school_day(candidate):
                    said = f"{target:%a} {target.day} {target:%b} is {why}: the nearest school day"
                    return Moved(day, candidate, at, said)
    return Moved(day, target, at, note)
