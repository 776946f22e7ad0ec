"""A hub's own events: work groups' meetings and visits expanded from their patterns on the calendar of the
schools they concern, explicit dates over them, and one-off events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES, AcademicYear
from mh_planner.assemble.times import DAY_HOURS, all_day_span, at, half_days
from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.default_dates import nearest_free_day, pattern_day
from mh_planner.loading import Dataset
from mh_planner.loading.calendars import PlanCalendars
from mh_planner.model import ONLINE, CadenceEvery, EventKind, LocalEvent, Mode, Plan, WorkGroup
from mh_planner.timing import parse_time_of_day


class Local:
    """Builds one plan's events; `calendars` says which school calendar applies to each."""

    def __init__(self, dataset: Dataset, calendar: Calendar, plan: Plan, calendars: PlanCalendars) -> None:
        self.data, self.calendar, self.plan, self.calendars = dataset, calendar, plan, calendars

    def events(self) -> Iterable[Event]:
        for group in self.plan.work_groups:
            yield from self.work_group(group)
            yield from self.visits(group)
        for item in self.plan.events:
            yield self.local(item)

    def group_calendar(self, group: WorkGroup, venue: str | None = None) -> str:
        """A meeting concerns its venue's calendar (the first: its terms and half-terms) and every school's."""
        return self.calendars.meeting(group, venue)

    def work_group(self, group: WorkGroup) -> Iterable[Event]:
        venue = self.calendar.venues[group.venue]
        attendees = tuple(dict.fromkeys((group.lead, *group.members)))
        headcount = len(attendees) + len(group.schools) * group.teachers_per_school
        project = self.data.projects.get(group.project)
        code = project.label if project else group.project
        key = self.group_calendar(group)
        self.calendar.group_calendars[group.id] = key
        for number, (day, time_text, venue_id, mode) in sorted(sessions(group, self.calendars.year(key)).items()):
            start_t, end_t = parse_time_of_day(time_text) or DAY_HOURS
            where = self.calendar.venues.get(venue_id, venue)
            online = mode == Mode.ONLINE  # no venue booked, no journey
            yield Event(
                id=f"{group.id}/meeting-{number}",
                title=f"{group.name}: meeting {number}",
                kind=EventKind.MEETING,
                origin=Origin.WORK_GROUP,
                start=at(day, start_t),
                end=at(day, end_t),
                project=group.project,
                hub=self.plan.hub,
                work_group=group.id,
                series=f"{group.id}/meetings",
                number=number,
                venue=None if online else where.id,
                place=ONLINE if online else where.town,
                location=ONLINE if online else f"{where.name}, {where.town}",
                attendees=attendees,
                headcount=headcount,
                days=half_days(start_t, end_t),
                calendar=key if where.id == group.venue else self.group_calendar(group, where.id),
                description=f"{code} work group meeting {number}, led by {self._name(group.lead)}.",
                notes=group.notes,
            )

    def visits(self, group: WorkGroup) -> Iterable[Event]:
        pattern = group.visits
        planned = planned_visits(group, self.calendars.year(self.group_calendar(group)))
        every = pattern.every if pattern else CadenceEvery.TERM
        names = HALF_TERM_NAMES if every == CadenceEvery.HALF_TERM else TERM_NAMES
        for (school_id, index), (day, time_text, mode) in sorted(planned.items(), key=lambda kv: (kv[1][0], kv[0])):
            school = self.calendar.schools[school_id]
            online = mode == Mode.ONLINE
            start_t, end_t = parse_time_of_day(time_text) or DAY_HOURS
            period_name = names[index] if index < len(names) else str(index)
            yield Event(
                id=f"{group.id}/visit-{school_id}-{period_name.lower().replace(' ', '')}",
                title=f"Visit: {school.name} ({group.name})",
                kind=EventKind.VISIT,
                origin=Origin.WORK_GROUP,
                start=at(day, start_t),
                end=at(day, end_t),
                project=group.project,
                hub=self.plan.hub,
                work_group=group.id,
                series=f"{group.id}/visits/{school_id}",
                number=index + 1,
                place=ONLINE if online else school.town,
                location=ONLINE if online else f"{school.name}, {school.town}",
                attendees=(group.lead,),
                headcount=1,
                days=half_days(start_t, end_t),
                school=school_id,
                calendar=self.calendars.school(school_id),
                description=f"{period_name} support visit by {self._name(group.lead)} to {school.name}.",
                notes=group.notes,
            )

    def local(self, item: LocalEvent) -> Event:
        times = parse_time_of_day(item.time) if item.time else None
        last = item.end_date or item.date
        if times is None:
            start, end = all_day_span(item.date, (last - item.date).days + 1)
            days = float((last - item.date).days + 1)
        else:
            start, end = at(item.date, times[0]), at(last, times[1])
            days = half_days(*times) * ((last - item.date).days + 1)
        venue = self.calendar.venues.get(item.venue) if item.venue else None
        people = tuple(item.people)
        cals = self.calendars
        place = venue.town if venue else item.location
        location = f"{venue.name}, {venue.town}" if venue else item.location
        if item.mode == Mode.ONLINE:
            venue, place, location = None, ONLINE, ONLINE
        return Event(
            id=item.id,
            title=item.title,
            kind=item.kind,
            origin=Origin.LOCAL,
            start=start,
            end=end,
            all_day=times is None,
            project=item.project,
            hub=self.plan.hub,
            work_group=item.work_group,
            venue=venue.id if venue else None,
            place=place,
            location=location,
            attendees=people,
            headcount=len(people) + (item.headcount or 0),
            days=days,
            calendar=cals.local(item.venue, item.schools),
            description=item.title,
            notes=item.notes,
        )

    def _name(self, person_id: str) -> str:
        person = self.calendar.people.get(person_id)
        return person.name if person else person_id


def sessions(group: WorkGroup, year: AcademicYear) -> dict[int, tuple[dt.date, str, str, Mode]]:
    """Session number -> (day, time, venue, mode): the pattern's days, then the plan's own dates over them."""
    found: dict[int, tuple[dt.date, str, str, Mode]] = {}
    default_mode = (group.meetings.mode if group.meetings else None) or group.mode
    if group.meetings is not None:
        pattern = group.meetings
        for index, (_, period) in enumerate(periods(year, pattern.every)):
            day = pattern_day(period, pattern, year)
            if day is not None:
                found[index + 1] = (day, pattern.time, group.venue, default_mode)
        if group.sessions is not None:
            found = {n: s for n, s in found.items() if n <= group.sessions}
    default_time = group.meetings.time if group.meetings else "13:00-16:00"
    for override in group.dates:
        if override.cancelled:
            found.pop(override.session, None)
        else:
            venue, mode = override.venue or group.venue, override.mode or default_mode
            found[override.session] = (override.date, override.time or default_time, venue, mode)
    return found


def planned_visits(group: WorkGroup, year: AcademicYear) -> dict[tuple[str, int], tuple[dt.date, str, Mode]]:
    """(school, period index) -> (day, time, mode): the pattern's days, one school a week, then the plan's own."""
    pattern = group.visits
    mode = (pattern.mode if pattern else None) or group.mode
    planned: dict[tuple[str, int], tuple[dt.date, str, Mode]] = {}
    if pattern is not None:
        for index, (_, period) in enumerate(periods(year, pattern.every)):
            used: set[dt.date] = set()
            for k, school in enumerate(group.schools):
                day = pattern_day(period, pattern, year, week=pattern.week + k)
                if day in used:  # more schools than weeks: the nearest other free school day
                    day = nearest_free_day(day, period, year, used)
                if day is not None:
                    used.add(day)
                    planned[(school, index)] = (day, pattern.time, mode)
    for visit in group.visit_dates:
        index = TERM_NAMES.index(visit.term.value)
        if pattern is not None and pattern.every == CadenceEvery.HALF_TERM:
            index = year.half_term_index(visit.date) or index * 2
        time = visit.time or (pattern.time if pattern else "09:00-12:00")
        planned[(visit.school, index)] = (visit.date, time, visit.mode or mode)
    return planned


def periods(year: AcademicYear, every: CadenceEvery) -> list[tuple[str, tuple[dt.date, dt.date]]]:
    if every == CadenceEvery.HALF_TERM:
        return [(p.name, (p.start, p.end)) for p in year.half_terms]
    if every == CadenceEvery.TERM:
        return [(p.name, (p.start, p.end)) for p in year.term_periods]
    return [("Year", (year.terms[0].start, year.terms[2].end))]
