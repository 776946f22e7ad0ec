"""Which events the scheduler may place, and where each may go.

A *session* is one occurrence the plan must hold: a work group's meeting in its half-term (or term), a visit
to one school in its term, or, when asked for, a hub's one-off event. Its candidates are the days of its
period on the weekdays the plan allows (the pattern's, its `alternative_weekdays`, and the day it has now)
x the times it allows (the pattern's `time`, `alternative_times`, the time it has now) x the places (the
group's venue, its `alternative_venues`, the venue it has now; a visit is at its school; an online meeting
or visit stays online). A one-off event may move to a day within four weeks of its date, at its own time
and place.

A day is open at a place when the checker would accept the event there on that day (`_opener`): a school
day on every calendar the event concerns held there, the ones the assembler and the term-time rule use
(`loading.calendars`: a meeting, its venue's and every school's of the group; a visit, the school's; a
one-off event, its venue's and its schools'), inside the academic year, and, face to face, not before the
first day the programme and the plan allow (the face-to-face rule's `first_face_to_face`).

A session is *explicit* when the plan writes its date itself (`dates:`, `visit_dates:`, a one-off event):
`place` keeps those unless repairing; the others follow the pattern and are `place`'s to choose.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES, AcademicYear, Period
from mh_planner.assemble import DAY_HOURS
from mh_planner.calendar import Calendar, Event, Origin, fmt_day
from mh_planner.model import ONLINE, CadenceEvery, EventKind, MeetingPattern, WorkGroup
from mh_planner.rules.face_to_face import first_face_to_face
from mh_planner.timing import parse_time_of_day

LOCAL_REACH = dt.timedelta(days=28)  # how far a one-off event may move from its date
Times = tuple[dt.time, dt.time]
Place = tuple[str | None, str]  # (venue id or None, town)


class SchedulingError(ValueError):
    """A request the scheduler cannot take: an unknown id, an event it may not move. For the user."""


@dataclass(frozen=True)
class Candidates:
    """Where one session may go."""

    event: Event
    title: str  # what explanations call it: the work group's name, the visit, the event
    group: str
    period: str  # "Autumn 2", "Spring", or "around 30 Oct 2019" for a one-off event
    days: tuple[dt.date, ...]  # open at one of its places at least
    times: tuple[Times, ...]
    places: tuple[Place, ...]
    explicit: bool  # its date is written in the plan: kept by `place` unless repairing
    span: tuple[dt.date, dt.date]  # its period's first and last day
    closed: frozenset[tuple[dt.date, str | None]] = frozenset()  # (day, venue id): one of `days` not open there

    def open_at(self, day: dt.date, venue: str | None) -> bool:
        return (day, venue) not in self.closed

    @property
    def ideal(self) -> dt.date:
        """The best date for it: where it is now (its pattern's day, or the date the plan writes). The
        pattern spreads a series through the year; the scheduler moves a session only as far as it must."""
        return self.event.first_day

    @property
    def event_id(self) -> str:
        return self.event.id


def candidates(calendar: Calendar, event: Event) -> Candidates:
    """Where `event` may go; SchedulingError for an event the scheduler may not move."""
    if event.origin is Origin.CENTRAL:
        raise SchedulingError(f"'{event.title}' is a central event: its date is the programme's (confirm it)")
    if event.origin is Origin.EXCHANGE:
        raise SchedulingError(f"'{event.title}' is an exchange leg: its dates are fixed by the programme")
    group = calendar.work_groups.get(event.work_group or "")
    if event.origin is Origin.WORK_GROUP and group is not None:
        if event.kind == EventKind.VISIT:
            return _visit(calendar, event, group)
        return _meeting(calendar, event, group)
    return _local(calendar, event)


def sessions_of(calendar: Calendar, hubs: set[str] | None = None) -> dict[str, Candidates]:
    """Every work-group meeting and visit (of `hubs`, or all), by event id, in the calendar's order."""
    out: dict[str, Candidates] = {}
    for event in calendar.events:
        if event.origin is Origin.WORK_GROUP and (hubs is None or event.hub in hubs):
            out[event.id] = candidates(calendar, event)
    return out


def concerned(calendar: Calendar, event: Event, venue: str | None) -> str | None:
    """The key of the calendars `event` concerns when held at `venue` (`Event.calendar`, as the assembler
    keys them): a work group's meeting, its venue's and every school's of the group; anything else keeps
    its own (a visit is at its school, a one-off event moves only in time)."""
    group = calendar.work_groups.get(event.work_group or "")
    calendars = calendar.plan_calendars.get(event.hub or "")
    if event.origin is not Origin.WORK_GROUP or event.kind == EventKind.VISIT or group is None or calendars is None:
        return event.calendar
    return calendars.meeting(group, venue)


def held_at(calendar: Calendar, event: Event, place: Place) -> Event:
    """`event` held at `place` (its venue, town and the calendars it then concerns), on the same day."""
    venue, town = place
    if venue == event.venue and town == event.place:
        return event
    if venue is None:
        return dataclasses.replace(event, venue=None, place=town)
    key = concerned(calendar, event, venue)
    return dataclasses.replace(event, venue=venue, place=town, calendar=key)


def _opener(calendar: Calendar, event: Event, place: Place) -> Callable[[dt.date], bool]:
    there = held_at(calendar, event, place)
    year = calendar.year_of(there)
    first, last = calendar.year.start, calendar.year.end  # the `outside-year` rule's year
    rule = None if there.online else first_face_to_face(calendar, there)
    if rule is not None:
        first = max(first, rule[0])
    return lambda day: first <= day <= last and year.is_school_day(day)


def shut_text(calendar: Calendar, c: Candidates) -> str:
    """Why a session has no open day at all (it stays where it is), for the user."""
    event = c.event
    rule = None if event.online else first_face_to_face(calendar, event)
    if rule is not None and rule[0] > c.span[1]:
        why = f"face to face only from {rule[1]}: make it online (`mode: online`) or move it by hand"
    else:
        why = "no school day on the calendars it concerns, on the weekdays it may take"
    return f"No day of {c.period} is open to '{event.title}' ({why}): it stays on {fmt_day(event.first_day)}."


# --- each kind of session ---------------------------------------------------------------------------


def _meeting(calendar: Calendar, event: Event, group: WorkGroup) -> Candidates:
    pattern = group.meetings
    every = pattern.every if pattern else CadenceEvery.HALF_TERM
    year = calendar.year_of(event)
    index, period = _period(year, every, event)
    if event.online:
        places: tuple[Place, ...] = ((None, ONLINE),)  # online it stays: no venue, no journey
    else:
        venues = [group.venue, *group.alternative_venues, event.venue or group.venue]
        places = tuple(dict.fromkeys((v, calendar.venues[v].town) for v in venues if v in calendar.venues))
    explicit = any(d.session == event.number for d in group.dates)
    days, closed = _days(calendar, event, period, _weekdays(pattern, event), places)
    return Candidates(
        event=event,
        title=group.name,
        group=group.id,
        period=_names(every)[index] if index < len(_names(every)) else period.name,
        days=days,
        times=_times(pattern, event),
        places=places,
        explicit=explicit,
        span=(period.start, period.end),
        closed=closed,
    )


def _visit(calendar: Calendar, event: Event, group: WorkGroup) -> Candidates:
    pattern = group.visits
    every = pattern.every if pattern else CadenceEvery.TERM
    year = calendar.year_of(event)
    index = (event.number or 1) - 1
    periods = _periods(year, every)
    period = periods[min(index, len(periods) - 1)]
    school = calendar.schools.get(event.school or "")
    town = ONLINE if event.online else school.town if school else (event.place or "")
    places: tuple[Place, ...] = ((None, town),)
    return Candidates(
        event=event,
        title=event.title,
        group=group.id,
        period=period.name,
        days=_days(calendar, event, period, _weekdays(pattern, event), places)[0],
        times=_times(pattern, event),
        places=places,
        explicit=_visit_written(year, group, event, every),
        span=(period.start, period.end),
    )


def _local(calendar: Calendar, event: Event) -> Candidates:
    if event.all_day or event.first_day != event.last_day:
        raise SchedulingError(f"'{event.title}' lasts all day or several days: move it by hand")
    if event.online or not event.place:
        raise SchedulingError(f"'{event.title}' has no place to meet at: move it by hand")
    first = max(event.first_day - LOCAL_REACH, calendar.year.start)
    reach = Period(f"around {fmt_day(event.first_day)}", first, min(event.first_day + LOCAL_REACH, calendar.year.end))
    places: tuple[Place, ...] = ((event.venue, event.place),)
    return Candidates(
        event=event,
        title=event.title,
        group=event.work_group or event.id,
        period=reach.name,
        days=_days(calendar, event, reach, set(range(5)), places)[0],
        times=((event.start.time(), event.end.time()),),
        places=places,
        explicit=True,
        span=(reach.start, reach.end),
    )


# --- the parts ----------------------------------------------------------------------------------------


def _periods(year: AcademicYear, every: CadenceEvery) -> list[Period]:
    if every == CadenceEvery.HALF_TERM:
        return year.half_terms
    if every == CadenceEvery.TERM:
        return year.term_periods
    return [Period("the year", year.terms[0].start, year.terms[2].end)]


def _names(every: CadenceEvery) -> tuple[str, ...]:
    return {CadenceEvery.HALF_TERM: HALF_TERM_NAMES, CadenceEvery.TERM: TERM_NAMES}.get(every, ("the year",))


def _period(year: AcademicYear, every: CadenceEvery, event: Event) -> tuple[int, Period]:
    """The period a meeting belongs to: the one its date is in, else (a date in a holiday) its number's."""
    periods = _periods(year, every)
    for index, period in enumerate(periods):
        if event.first_day in period:
            return index, period
    index = min(max((event.number or 1) - 1, 0), len(periods) - 1)
    return index, periods[index]


def _weekdays(pattern: MeetingPattern | None, event: Event) -> set[int]:
    if pattern is None:
        return set(range(5))  # no pattern: any weekday
    return {pattern.weekday.number, *(d.number for d in pattern.alternative_weekdays), event.first_day.weekday()}


def _times(pattern: MeetingPattern | None, event: Event) -> tuple[Times, ...]:
    texts = [pattern.time, *pattern.alternative_times] if pattern else []
    found = [parse_time_of_day(t) or DAY_HOURS for t in texts]
    return tuple(dict.fromkeys([*found, (event.start.time(), event.end.time())]))


def _days(
    calendar: Calendar, event: Event, period: Period, weekdays: set[int], places: Sequence[Place]
) -> tuple[tuple[dt.date, ...], frozenset[tuple[dt.date, str | None]]]:
    """The days of `period` on `weekdays` open at one of `places` at least, and the (day, venue) pairs
    among them that are not open at that place."""
    opens = [(venue, _opener(calendar, event, (venue, town))) for venue, town in places]
    days: list[dt.date] = []
    closed: set[tuple[dt.date, str | None]] = set()
    day = period.start
    while day <= period.end:
        if day.weekday() in weekdays:
            shut = [venue for venue, is_open in opens if not is_open(day)]
            if len(shut) < len(opens):
                days.append(day)
                closed.update((day, venue) for venue in shut)
        day += dt.timedelta(days=1)
    return tuple(days), frozenset(closed)


def _visit_written(year: AcademicYear, group: WorkGroup, event: Event, every: CadenceEvery) -> bool:
    """A `visit_dates` entry gives this visit (as the assembler reads them: its term, or for half-termly
    visits the half-term its date is in)."""
    period = (event.number or 1) - 1
    for visit in group.visit_dates:
        term = TERM_NAMES.index(visit.term.value)
        index = (year.half_term_index(visit.date) or term * 2) if every == CadenceEvery.HALF_TERM else term
        if visit.school == event.school and index == period:
            return True
    return False

