"""Events not in the plan yet, as the assembler would make them (the calendars they concern included): what
the New form describes, so that the scheduling assistant can find it a time (`suggest_new`) before it is
added."""

from __future__ import annotations

import dataclasses
import datetime as dt

from mh_planner.assemble import half_days
from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.model import EventKind
from mh_planner.problems import shorten
from mh_planner.scheduling.sessions import SchedulingError, concerned

DRAFT = "(new)"


def _at(day: dt.date, times: tuple[dt.time, dt.time]) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(day, times[0]), dt.datetime.combine(day, times[1])


def draft_meeting(
    calendar: Calendar, group_id: str, day: dt.date, times: tuple[dt.time, dt.time], venue: str | None = None
) -> Event:
    """A new meeting of a work group, at its venue unless another is given. Without a number in the series:
    before the group's last meeting the form adds it as an extra meeting (a number would break the series'
    order), after it as the next session, in order either way."""
    group = calendar.work_groups.get(group_id)
    if group is None:
        raise SchedulingError(f"no work group {shorten(group_id)}")
    where = calendar.venues[venue or group.venue]
    attendees = tuple(dict.fromkeys((group.lead, *group.members)))
    start, end = _at(day, times)
    event = Event(
        id=f"{group_id}/meeting-{DRAFT}",
        title=f"{group.name}: new meeting",
        kind=EventKind.MEETING,
        origin=Origin.WORK_GROUP,
        start=start,
        end=end,
        project=group.project,
        hub=calendar.person_hub.get(group.lead),
        work_group=group_id,
        venue=where.id,
        place=where.town,
        location=f"{where.name}, {where.town}",
        attendees=attendees,
        headcount=len(attendees) + len(group.schools) * group.teachers_per_school,
        days=half_days(*times),
    )
    return dataclasses.replace(event, calendar=concerned(calendar, event, where.id))


def draft_event(
    calendar: Calendar,
    hub: str,
    title: str,
    day: dt.date,
    times: tuple[dt.time, dt.time],
    venue: str | None,
    people: tuple[str, ...],
) -> Event:
    """A new one-off event of the hub (or a new work group's first meeting), at a venue."""
    if venue is None or venue not in calendar.venues:
        raise SchedulingError("choose a venue first: the assistant finds a time at a place")
    where = calendar.venues[venue]
    calendars = calendar.plan_calendars.get(hub)
    start, end = _at(day, times)
    return Event(
        id=f"{DRAFT}/{title}",
        title=title or "New event",
        kind=EventKind.MEETING,
        origin=Origin.LOCAL,
        start=start,
        end=end,
        hub=hub,
        venue=venue,
        place=where.town,
        location=f"{where.name}, {where.town}",
        attendees=people,
        headcount=len(people),
        days=half_days(*times),
        calendar=calendars.local(venue) if calendars is not None else None,
    )
