"""What a user types for a date or a time, in the editor's form or on the command line."""

from __future__ import annotations

import datetime as dt
import re

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
    raise ValueError(f"cannot read the date {text.strip()!r}: write it as 2019-11-12 or 12 Nov 2019")


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"there is no such date as {text.strip()!r}") from None


def parse_time(text: str) -> tuple[dt.time, dt.time] | None:
    """'13:00-16:00', 'twilight', 'am' ...; None (empty or 'all day') for an all-day event."""
    if not text.strip():
        return None
    return parse_time_of_day(text)


def time_text(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"
