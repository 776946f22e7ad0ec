"""Turn the programme and the hubs' plans into one calendar of concrete, dated events.

    times    start, end and cost conventions shared by every kind of event
    central  national events (confirmed, or placed inside their window) and exchange legs
    local    a hub's work groups (patterns expanded on their schools' calendars) and one-off events

Confirmed events keep their dates. An event known only by a window gets a provisional date inside it,
marked tentative with the window kept, until a plan (or the programme) confirms its date. A work group's
meeting pattern expands into meetings in the term time of the schools it concerns; explicit dates in the
plan win over the pattern.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable

from mh_planner.assemble.central import Central, series_parts
from mh_planner.assemble.local import Local
from mh_planner.assemble.times import DAY_HOURS, half_days
from mh_planner.calendar import AnyEvent, Calendar, Event, UndatedEvent
from mh_planner.loading import Dataset
from mh_planner.loading.calendars import PlanCalendars
from mh_planner.model import Confirmation, Plan


class _Assembler:
    def __init__(self, dataset: Dataset, imported: Iterable[Event] = ()) -> None:
        self.data = dataset
        self.imported = list(imported)
        self.year = dataset.year()
        self.calendar = Calendar(dataset, self.year, [])
        self.attendance: dict[str, list[str]] = defaultdict(list)  # central id -> person ids
        self.confirmations: dict[str, tuple[Confirmation, str]] = {}
        self.plan_calendars: dict[str, PlanCalendars] = {}

    def run(self) -> Calendar:
        for plan_file in self.data.plans:
            self._take_plan(plan_file.plan)
        self._resolve_attendance()
        central = Central(
            self.calendar, self.year, self.attendance, self.confirmations, series_parts(self.data.projects.values())
        )
        events: list[AnyEvent] = []
        for project, item in self.data.central_events():
            events.extend(central.events(project, item))
        for project, leg in self.data.exchange_legs():
            events.append(central.leg(project, leg))
        for plan_file in self.data.plans:
            plan = plan_file.plan
            events.extend(Local(self.data, self.calendar, plan, self.plan_calendars[plan.hub]).events())
        events.extend(self.imported)
        cal = self.calendar
        for calendars in self.plan_calendars.values():
            cal.term_years.update(calendars.years)
        cal.events = sorted((e for e in events if isinstance(e, Event)), key=lambda e: (e.start, e.id))
        cal.undated = sorted((e for e in events if isinstance(e, UndatedEvent)), key=lambda e: e.id)
        return cal

    def _take_plan(self, plan: Plan) -> None:
        cal = self.calendar
        cal.plans[plan.hub] = plan
        calendars = PlanCalendars(self.data, plan)
        self.plan_calendars[plan.hub] = calendars
        cal.hub_years[plan.hub] = calendars.year(calendars.default)
        for person in plan.people:
            cal.people[person.id] = person
            cal.person_hub[person.id] = plan.hub
        cal.venues.update((v.id, v) for v in plan.venues)
        cal.schools.update((s.id, s) for s in plan.schools)
        cal.work_groups.update((g.id, g) for g in plan.work_groups)
        for event_id, confirmation in plan.confirm.items():
            self.confirmations.setdefault(event_id, (confirmation, plan.hub))

    def _resolve_attendance(self) -> None:
        ids = self.data.central_ids()
        known = set(ids)
        found: dict[str, list[str]] = {}  # pattern -> the ids it matches: a network repeats a few patterns
        for person in self.calendar.people.values():
            mine: dict[str, None] = {}  # two patterns may match one event: the person attends it once
            for pattern in person.attends:
                matched = found.get(pattern)
                if matched is None:
                    if any(ch in pattern for ch in "*?["):
                        matched = fnmatch.filter(ids, pattern)
                    else:
                        matched = [pattern] if pattern in known else []
                    found[pattern] = matched
                mine.update(dict.fromkeys(matched))
            for event_id in mine:
                self.attendance[event_id].append(person.id)


def assemble(dataset: Dataset, imported: Iterable[Event] = ()) -> Calendar:
    """The calendar of `dataset`; `imported`: busy times and bookings read from other calendars
    (`importing.imported_events`), blocking time like any other event."""
    return _Assembler(dataset, imported).run()


__all__ = ["DAY_HOURS", "assemble", "half_days"]
