"""Turn the programme and the hubs' plans into one calendar of concrete, dated events.

Confirmed events keep their dates. An event known only by a window gets a provisional date inside it,
marked tentative with the window kept, until a plan (or the programme) confirms its date. A work group's
meeting pattern expands into meetings in term time; explicit dates in the plan win over the pattern.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES, AcademicYear
from mh_planner.calendar import AnyEvent, Calendar, Event, Origin, UndatedEvent
from mh_planner.default_dates import nearest_free_day, pattern_day, provisional_day
from mh_planner.loading import Dataset
from mh_planner.model import (
    CadenceEvery,
    CentralEvent,
    Confirmation,
    EventKind,
    ExchangeLeg,
    LocalEvent,
    Plan,
    Project,
    WorkGroup,
)
from mh_planner.timing import Length, Window, parse_length, parse_time_of_day, parse_when

DAY_HOURS = (dt.time(9, 30), dt.time(16, 0))  # a "1 day" central event, when no time is given
WEBINAR_START = dt.time(16, 0)  # after school, when only a length is given


def at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)


def all_day_span(first: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    return at(first, dt.time()), at(first + dt.timedelta(days=days), dt.time())


def half_days(start: dt.time, end: dt.time) -> float:
    """Release-day cost of a timed local session: up to 4 hours is half a day."""
    hours = (at(dt.date.min, end) - at(dt.date.min, start)).total_seconds() / 3600
    return 0.5 if hours <= 4 else 1.0


class _Assembler:
    def __init__(self, dataset: Dataset, imported: Iterable[Event] = ()) -> None:
        self.data = dataset
        self.imported = list(imported)
        self.year = dataset.year()
        self.calendar = Calendar(dataset, self.year, [])
        self.attendance: dict[str, list[str]] = defaultdict(list)  # central id -> person ids
        self.confirmations: dict[str, tuple[Confirmation, str]] = {}

    def run(self) -> Calendar:
        for plan_file in self.data.plans:
            self._take_plan(plan_file.plan)
        self._resolve_attendance()
        events: list[AnyEvent] = []
        for project, event in self.data.central_events():
            events.extend(self._central(project, event))
        for project, leg in self.data.exchange_legs():
            events.append(self._leg(project, leg))
        for plan_file in self.data.plans:
            plan = plan_file.plan
            year = self.calendar.hub_years[plan.hub]
            for group in plan.work_groups:
                events.extend(self._work_group(plan, group, year))
                events.extend(self._visits(plan, group, year))
            events.extend(self._local(plan, e) for e in plan.events)
        events.extend(self.imported)
        cal = self.calendar
        cal.events = sorted((e for e in events if isinstance(e, Event)), key=lambda e: (e.start, e.id))
        cal.undated = sorted((e for e in events if isinstance(e, UndatedEvent)), key=lambda e: e.id)
        return cal

    def _take_plan(self, plan: Plan) -> None:
        cal = self.calendar
        cal.plans[plan.hub] = plan
        cal.hub_years[plan.hub] = self.data.year_for(plan)
        for person in plan.people:
            cal.people[person.id] = person
            cal.person_hub[person.id] = plan.hub
        cal.venues.update((v.id, v) for v in plan.venues)
        cal.schools.update((s.id, s) for s in plan.schools)
        cal.work_groups.update((g.id, g) for g in plan.work_groups)
        for event_id, confirmation in plan.confirm.items():
            self.confirmations.setdefault(event_id, (confirmation, plan.hub))

    # --- central events and exchange legs -------------------------------------------------------

    def _resolve_attendance(self) -> None:
        ids = self.data.central_ids()
        for person in self.calendar.people.values():
            for pattern in person.attends:
                if any(ch in pattern for ch in "*?["):
                    matched = fnmatch.filter(ids, pattern)
                else:
                    matched = [pattern] if pattern in ids else []
                for event_id in matched:
                    if person.id not in self.attendance[event_id]:
                        self.attendance[event_id].append(person.id)

    def _central(self, project: Project, item: CentralEvent) -> Iterable[AnyEvent]:
        base_id = f"{project.id}/{item.id}"
        wording = item.assume or item.when
        windows = parse_when(wording).windows(self.year) if wording else []
        length = parse_length(item.length) if item.length else _default_length(item.kind)
        confirmation, hub = self.confirmations.get(base_id, (None, None))
        confirmed = item.date or (confirmation.date if confirmation else None)
        confirmed_end = item.end_date or (confirmation.end_date if confirmation else None)
        time_text = (confirmation.time if confirmation and confirmation.time else None) or item.time
        info = self._central_info(project, item, base_id, confirmation, hub)
        # "One in each term": one event per window, each with its own id.
        occurrences: list[tuple[str, Window | None]] = []
        if len(windows) > 1:
            occurrences = [(f"{base_id}#{i + 1}", w) for i, w in enumerate(windows)]
        if not occurrences:
            occurrences = [(base_id, windows[0] if windows else None)]
        for n, (event_id, window) in enumerate(occurrences):
            title = item.title if len(occurrences) == 1 else f"{item.title} ({TERM_NAMES[n % 3]})"
            common = {**info, "id": event_id, "title": title, "window": window}
            if confirmed is not None and len(occurrences) == 1:
                last = confirmed_end
                yield Event(**common, **_in_time(confirmed, last, length, time_text))
            elif window is not None:
                first = provisional_day(window, length.calendar_days if length.days > 1 else 1, self.year)
                yield Event(**common, tentative=True, **_in_time(first, None, length, time_text))
            else:
                yield UndatedEvent(**common)

    def _central_info(
        self, project: Project, item: CentralEvent, event_id: str, confirmation: Confirmation | None, hub: str | None
    ) -> dict[str, Any]:
        """What a central event's occurrences share, whatever their dates."""
        attendees = tuple(self.attendance.get(event_id, ()))
        venue = confirmation.venue if confirmation else None
        return {
            "kind": item.kind,
            "origin": Origin.CENTRAL,
            "timing_text": item.when,
            "project": project.id,
            "hub": hub if venue else None,
            "series": f"{project.id}/{item.series}" if item.series else None,
            "number": item.number,
            "min_gap_days": item.min_gap_days,
            "venue": venue,
            "place": item.location,
            "location": self.calendar.venues[venue].name if venue else item.location,
            "attendees": attendees,
            "audience": tuple(item.audience),
            "headcount": len(attendees),
            "days": parse_length(item.length).days if item.length else _default_length(item.kind).days,
            "description": _central_description(project, item),
            "source": item.source,
        }

    def _leg(self, project: Project, leg: ExchangeLeg) -> Event:
        event_id = f"{project.id}/{leg.id}"
        confirmation, hub = self.confirmations.get(event_id, (None, None))
        venue = confirmation.venue if confirmation else None
        start, end = all_day_span(leg.start, (leg.end - leg.start).days + 1)
        attendees = tuple(self.attendance.get(event_id, ()))
        steps = "\n".join(f"{s.text or s.date:}: {s.what}" for s in leg.steps)
        return Event(
            id=event_id,
            title=leg.title,
            kind=EventKind.EXCHANGE,
            origin=Origin.EXCHANGE,
            start=start,
            end=end,
            all_day=True,
            project=project.id,
            hub=hub if venue else None,
            venue=venue,
            place=leg.destination,
            location=self.calendar.venues[venue].name if venue else f"{leg.origin} to {leg.destination}",
            attendees=attendees,
            headcount=len(attendees),
            days=0.0,  # funded by the DfE outside the release-day budgets
            description=f"{project.code} {project.title}.\nTravellers: {leg.travellers}\n{steps}".strip(),
            source=leg.source,
        )

    # --- a hub's own events ---------------------------------------------------------------------

    def _work_group(self, plan: Plan, group: WorkGroup, year: AcademicYear) -> Iterable[Event]:
        venue = self.calendar.venues[group.venue]
        attendees = tuple(dict.fromkeys((group.lead, *group.members)))
        headcount = len(attendees) + len(group.schools) * group.teachers_per_school
        project = self.data.projects.get(group.project)
        code = project.code if project else group.project
        sessions = _sessions(group, year)
        for number, (day, time_text, venue_id) in sorted(sessions.items()):
            start_t, end_t = parse_time_of_day(time_text) or DAY_HOURS
            where = self.calendar.venues.get(venue_id, venue)
            yield Event(
                id=f"{group.id}/meeting-{number}",
                title=f"{group.name}: meeting {number}",
                kind=EventKind.MEETING,
                origin=Origin.WORK_GROUP,
                start=at(day, start_t),
                end=at(day, end_t),
                project=group.project,
                hub=plan.hub,
                work_group=group.id,
                series=f"{group.id}/meetings",
                number=number,
                venue=where.id,
                place=where.town,
                location=f"{where.name}, {where.town}",
                attendees=attendees,
                headcount=headcount,
                days=half_days(start_t, end_t),
                description=f"{code} work group meeting {number}, led by {self._name(group.lead)}.",
                notes=group.notes,
            )

    def _visits(self, plan: Plan, group: WorkGroup, year: AcademicYear) -> Iterable[Event]:
        pattern = group.visits
        planned = _planned_visits(group, year)
        every = pattern.every if pattern else CadenceEvery.TERM
        names = HALF_TERM_NAMES if every == CadenceEvery.HALF_TERM else TERM_NAMES
        for (school_id, index), (day, time_text) in sorted(planned.items(), key=lambda kv: (kv[1][0], kv[0])):
            school = self.calendar.schools[school_id]
            start_t, end_t = parse_time_of_day(time_text) or DAY_HOURS
            period_name = names[index] if index < len(names) else str(index)
            yield Event(
                id=f"{group.id}/visit-{school_id}-{_slug(period_name)}",
                title=f"Visit: {school.name} ({group.name})",
                kind=EventKind.VISIT,
                origin=Origin.WORK_GROUP,
                start=at(day, start_t),
                end=at(day, end_t),
                project=group.project,
                hub=plan.hub,
                work_group=group.id,
                series=f"{group.id}/visits/{school_id}",
                number=index + 1,
                place=school.town,
                location=f"{school.name}, {school.town}",
                attendees=(group.lead,),
                headcount=1,
                days=half_days(start_t, end_t),
                school=school_id,
                description=f"{period_name} support visit by {self._name(group.lead)} to {school.name}.",
                notes=group.notes,
            )

    def _local(self, plan: Plan, item: LocalEvent) -> Event:
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
        return Event(
            id=item.id,
            title=item.title,
            kind=item.kind,
            origin=Origin.LOCAL,
            start=start,
            end=end,
            all_day=times is None,
            project=item.project,
            hub=plan.hub,
            work_group=item.work_group,
            venue=item.venue,
            place=venue.town if venue else item.location,
            location=f"{venue.name}, {venue.town}" if venue else item.location,
            attendees=people,
            headcount=len(people) + (item.headcount or 0),
            days=days,
            description=item.title,
            notes=item.notes,
        )

    def _name(self, person_id: str) -> str:
        person = self.calendar.people.get(person_id)
        return person.name if person else person_id


def _default_length(kind: EventKind) -> Length:
    if kind == EventKind.WEBINAR:
        return Length(hours=1)
    if kind in (EventKind.DEADLINE, EventKind.SURVEY):
        return Length()
    return Length(days=1)


def _in_time(first: dt.date, last: dt.date | None, length: Length, time_text: str | None) -> dict[str, Any]:
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


def _central_description(project: Project, item: CentralEvent) -> str:
    lines = [f"{project.code} {project.title}."]
    if item.audience_text:
        lines.append(f"For: {item.audience_text}")
    if item.when:
        lines.append(f"Timing as announced: {item.when}")
    if item.note:
        lines.append(item.note)
    return "\n".join(lines)


def _sessions(group: WorkGroup, year: AcademicYear) -> dict[int, tuple[dt.date, str, str]]:
    """Session number -> (day, time, venue): the pattern's days, then the plan's own dates over them."""
    sessions: dict[int, tuple[dt.date, str, str]] = {}
    if group.meetings is not None:
        pattern = group.meetings
        for index, (_, period) in enumerate(_periods(year, pattern.every)):
            day = pattern_day(period, pattern, year)
            if day is not None:
                sessions[index + 1] = (day, pattern.time, group.venue)
        if group.sessions is not None:
            sessions = {n: s for n, s in sessions.items() if n <= group.sessions}
    default_time = group.meetings.time if group.meetings else "13:00-16:00"
    for override in group.dates:
        if override.cancelled:
            sessions.pop(override.session, None)
        else:
            sessions[override.session] = (override.date, override.time or default_time, override.venue or group.venue)
    return sessions


def _planned_visits(group: WorkGroup, year: AcademicYear) -> dict[tuple[str, int], tuple[dt.date, str]]:
    """(school, period index) -> (day, time): the pattern's days, one school a week, then the plan's own."""
    pattern = group.visits
    planned: dict[tuple[str, int], tuple[dt.date, str]] = {}
    if pattern is not None:
        for index, (_, period) in enumerate(_periods(year, pattern.every)):
            used: set[dt.date] = set()
            for k, school in enumerate(group.schools):
                day = pattern_day(period, pattern, year, week=pattern.week + k)
                if day in used:  # more schools than weeks: the nearest other free school day
                    day = nearest_free_day(day, period, year, used)
                if day is not None:
                    used.add(day)
                    planned[(school, index)] = (day, pattern.time)
    for visit in group.visit_dates:
        index = TERM_NAMES.index(visit.term.value)
        if pattern is not None and pattern.every == CadenceEvery.HALF_TERM:
            index = year.half_term_index(visit.date) or index * 2
        planned[(visit.school, index)] = (visit.date, visit.time or (pattern.time if pattern else "09:00-12:00"))
    return planned


def _periods(year: AcademicYear, every: CadenceEvery) -> list[tuple[str, tuple[dt.date, dt.date]]]:
    if every == CadenceEvery.HALF_TERM:
        return [(p.name, (p.start, p.end)) for p in year.half_terms]
    if every == CadenceEvery.TERM:
        return [(p.name, (p.start, p.end)) for p in year.term_periods]
    return [("Year", (year.terms[0].start, year.terms[2].end))]


def _slug(text: str) -> str:
    return text.lower().replace(" ", "")


def assemble(dataset: Dataset, imported: Iterable[Event] = ()) -> Calendar:
    """The calendar of `dataset`; `imported`: busy times and bookings read from other calendars
    (`importing.imported_events`), blocking time like any other event."""
    return _Assembler(dataset, imported).run()
