"""Which school calendar applies where, for one plan: its schools', its venues', and the joint calendar of
an event that concerns several schools. The one place that says which calendars concern an event: a work
group's meeting, its venue's and every school's of the group (`meeting`); a visit, the school's (`school`);
a one-off event, its venue's and its schools' (`local`). The assembler keys events by these, the checker
reads them (`Calendar.year_of`), and the scheduler asks them where an event could go.

Each calendar is an `AcademicYear` under a key the assembled calendar keeps (`Event.calendar`):
`<hub>:<calendar id>` (`ee2:peterborough`), `<hub>:national` for the national default or the plan's own
terms, `<hub>:<id>@<school>` for a school with its own closure days, and keys joined by `+` for a joint
calendar. Every one carries the hub's closure days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from mh_planner.academic_year import AcademicYear
from mh_planner.academic_year.year import closure_days
from mh_planner.loading.dataset import Dataset
from mh_planner.model import Plan, School, WorkGroup

NATIONAL = "national"


class PlanCalendars:
    def __init__(self, dataset: Dataset, plan: Plan) -> None:
        self.dataset = dataset
        self.plan = plan
        self.years: dict[str, AcademicYear] = {}
        self.schools = {s.id: s for s in plan.schools}
        self.venues = {v.id: v for v in plan.venues}
        self.default = self._calendar(plan.calendar)

    def year(self, key: str) -> AcademicYear:
        return self.years[key]

    def _calendar(self, calendar: str | None, school: School | None = None) -> str:
        key = f"{self.plan.hub}:{calendar or NATIONAL}"
        if school is not None and school.closures:
            key += f"@{school.id}"
        if key not in self.years:  # a school's closure days worked out once, not at each of its events
            own: dict[dt.date, str] = {}
            if school is not None:
                for closure in school.closures:
                    for day in closure_days(closure, self.dataset.start_year):
                        own[day] = f"{school.name} ({closure.reason})"
            self.years[key] = self.dataset.calendar_year(calendar, self.plan, own or None)
        return key

    def school(self, school_id: str) -> str:
        school = self.schools.get(school_id)
        if school is None:
            return self.default
        return self._calendar(school.calendar or self.plan.calendar, school)

    def venue(self, venue_id: str | None) -> str:
        venue = self.venues.get(venue_id or "")
        if venue is None:
            return self.default
        if venue.school is not None and venue.school in self.schools:
            return self.school(venue.school)
        return self._calendar(venue.calendar or self.plan.calendar)

    def meeting(self, group: WorkGroup, venue: str | None = None) -> str:
        """A work group's meeting at `venue` (default: the group's): the venue's calendar (the first: its terms
        and half-terms) and every school's of the group."""
        return self.joint([self.venue(venue or group.venue), *(self.school(s) for s in group.schools)])

    def local(self, venue: str | None, schools: Iterable[str] = ()) -> str:
        """A one-off event: its venue's calendar, if it has one, and each of its schools' (else the default)."""
        return self.joint([*([self.venue(venue)] if venue else []), *(self.school(s) for s in schools)])

    def by_key(self, key: str) -> str:
        """The calendar another year's plan knew by `key` (same schools, same calendar ids), made here."""
        parts = []
        for part in key.split("+"):
            calendar, _, school = part.partition(":")[2].partition("@")
            found = self.schools.get(school) if school else None
            parts.append(self._calendar(None if calendar == NATIONAL else calendar, found))
        return self.joint(parts)

    def joint(self, keys: Iterable[str]) -> str:
        """One key for an event concerning all of `keys` (the first gives its terms and half-terms)."""
        unique = list(dict.fromkeys(keys)) or [self.default]
        key = "+".join(unique)
        if key not in self.years:
            first, *others = (self.years[k] for k in unique)
            self.years[key] = first.joint(others)
        return key
