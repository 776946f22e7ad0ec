"""What a user types for a date or a time, in the editor's form or on the command line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from mh_planner.problems import shorten
from mh_planner.timing import parse_time_of_day

MONTHS = {
    m: i + 1
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}


def parse_day(text: str, start_year: int) -> dt.date:
    """'2019-11-12', '12/11/2019' (day first, as in England), '12 Nov 2019' or '12 Nov' (the year is taken
    from the academic year: September to December in its first year, the rest in its second)."""
    value = text.strip().lower()
    if not value:
        raise ValueError("a date is needed")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return _date(year + 2000 if year < 100 else year, month, day, text)
    m = re.fullmatch(r"(?:[a-z]{3,9},? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,9})\.?(?: (\d{4}))?", value)
    if m and m.group(2)[:3] in MONTHS:
        month = MONTHS[m.group(2)[:3]]
        year = int(m.group(3)) if m.group(3) else start_year + (month < 9)
        return _date(year, month, int(m.group(1)), text)
    raise ValueError(f"cannot read the date {shorten(text.strip())}: write it as 2019-11-12 or 12 Nov 2019")


class Period(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def start(self) -> dt.date: ...


class Year(Protocol):
    """What `parse_date` needs of an academic year (`academic_year.AcademicYear` is one)."""

    @property
    def start_year(self) -> int: ...

    @property
    def half_terms(self) -> Sequence[Period]: ...

    @property
    def term_periods(self) -> Sequence[Period]: ...

    @property
    def holidays(self) -> Sequence[Period]: ...


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SHORT_HALF_TERMS = ("au1", "au2", "sp1", "sp2", "su1", "su2")  # as the year's grid abbreviates them


def parse_date(text: str, year: Year, today: dt.date | None = None) -> dt.date:
    """A day as typed anywhere a day is asked for: what `parse_day` reads, and 'today', 'tomorrow', a weekday
    ('tue': today if a Tuesday, else the coming one; 'next tue': the first after today; 'last tue'), 'next
    week' (its Monday), and a period of the academic year by name, for its first day: 'spring 2' (or 'sp2'),
    'summer term', 'october half-term', 'easter'. Raises ValueError saying what can be typed."""
    value = _words(text).removeprefix("the ")
    today = today or dt.date.today()
    relative = _relative(value, today)
    if relative is not None:
        return relative
    periods = _named_periods(year)
    named = periods.get(value.removesuffix("s") if value.endswith(" holidays") else value)
    if named is not None:
        return named
    try:
        return parse_day(text, year.start_year)
    except ValueError as exc:
        if "no such date" in str(exc):
            raise
    raise ValueError(
        f"cannot read the date {shorten(text.strip())}: write it as 14 Nov, 14/11/2019, next tue or spring 2"
    ) from None


def _relative(value: str, today: dt.date) -> dt.date | None:
    """'today', 'tomorrow', 'yesterday', 'next week', '[next|last] tue[sday]', or None."""
    fixed = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if value in fixed:
        return today + dt.timedelta(days=fixed[value])
    if value == "next week":
        return today + dt.timedelta(days=7 - today.weekday())
    m = re.fullmatch(r"(?:(next|last|this) )?([a-z]{3,9})", value)
    word = m.group(2) if m else ""
    weekday = next((i for i, name in enumerate(WEEKDAYS) if name.startswith(word)), None) if m else None
    if m is None or weekday is None:
        return None
    ahead = (weekday - today.weekday()) % 7
    if m.group(1) == "last":
        return today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7)
    if m.group(1) == "next":
        ahead = ahead or 7
    return today + dt.timedelta(days=ahead)


def _named_periods(year: Year) -> dict[str, dt.date]:
    """The first day of each named period, by the names that may be typed for it (lower case)."""
    found: dict[str, dt.date] = {}
    for short, period in zip(SHORT_HALF_TERMS, year.half_terms, strict=False):
        found[_words(period.name)] = found[short] = period.start
    for period in year.term_periods:
        name = _words(period.name)
        found[name] = found[f"{name} term"] = period.start
    terms = set(found)
    for period in year.holidays:  # the summer holiday at the end of the year, not the one at its start
        name = _words(period.name)
        found[name] = period.start
        if name.removesuffix(" holiday") not in terms:  # 'easter', 'christmas'; 'summer' stays the term
            found[name.removesuffix(" holiday")] = period.start
    return found


def _words(text: str) -> str:
    """Lower case, hyphens as spaces, one space between words: 'October Half-term ' -> 'october half term'."""
    return " ".join(text.strip().lower().replace("-", " ").split())


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"there is no such date as {shorten(text.strip())}") from None


def parse_time(text: str) -> tuple[dt.time, dt.time] | None:
    """'13:00-16:00', 'twilight', 'am' ...; None (empty or 'all day') for an all-day event."""
    if not text.strip():
        return None
    return parse_time_of_day(text)


def time_text(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"
