"""When an assembled event starts and ends, and what it costs: the conventions every kind of event shares."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from mh_planner.model import EventKind
from mh_planner.timing import Length, parse_time_of_day

DAY_HOURS = (dt.time(9, 30), dt.time(16, 0))  # a "1 day" central event, when no time is given
WEBINAR_START = dt.time(16, 0)  # after school, when only a length is given


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)


def all_day_span(first: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    return at(first, dt.time()), at(first + dt.timedelta(days=days), dt.time())


@functools.lru_cache(maxsize=256)  # the same few session times, thousands of times
def half_days(start: dt.time, end: dt.time) -> float:
    """Release-day cost of a timed local session: up to 4 hours is half a day."""
    hours = (at(dt.date.min, end) - at(dt.date.min, start)).total_seconds() / 3600
    return 0.5 if hours <= 4 else 1.0


def default_length(kind: EventKind) -> Length:
    if kind == EventKind.WEBINAR:
        return Length(hours=1)
    if kind in (EventKind.DEADLINE, EventKind.SURVEY):
        return Length()
    return Length(days=1)


def in_time(first: dt.date, last: dt.date | None, length: Length, time_text: str | None) -> dict[str, Any]:
    """A central event's start, end and all-day flag on the day chosen for it."""
    times = parse_time_of_day(time_text) if time_text else None
    if times is not None:
        return {"start": at(first, times[0]), "end": at(last or first, times[1])}
    if length.days > 1 or last is not None or length == Length():
        span = (last - first).days + 1 if last else (length.calendar_days if length.days else 1)
        start, end = all_day_span(first, span)
        return {"start": start, "end": end, "all_day": True}
    if length.hours:
        start = at(first, WEBINAR_START)
        return {"start": start, "end": start + dt.timedelta(hours=length.hours)}
    return {"start": at(first, DAY_HOURS[0]), "end": at(first, DAY_HOURS[1])}
