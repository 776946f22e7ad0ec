"""Conflicts: what a rule found, how bad it is, and how to fix it where a fix exists."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from mh_planner.assemble import Calendar
from mh_planner.events import Event, fmt_day


class Severity(StrEnum):
    ERROR = "error"  # a hard conflict: `check` exits 1
    WARNING = "warning"  # worth a look: may clash, or bends a rule of the programme

    @property
    def rank(self) -> int:
        return 0 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Fix:
    """Move `event_id` to a new time; applying it is one edit of the plan."""

    event_id: str
    start: dt.datetime
    end: dt.datetime
    text: str


@dataclass(frozen=True, slots=True)
class Conflict:
    rule: str
    severity: Severity
    message: str
    event_ids: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    venue: str | None = None
    dates: tuple[dt.date, ...] = ()
    fix: Fix | None = None
    work_group: str | None = None

    @property
    def key(self) -> tuple[object, ...]:
        """Identity for de-duplication and for comparing the conflicts before and after an edit."""
        return (self.rule, self.event_ids, self.people, self.venue, self.dates, self.work_group)


@dataclass
class Index:
    """Who and what is busy on each day: built once per check, shared by the rules and the fixer."""

    calendar: Calendar
    by_person: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    by_venue: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    busy: dict[tuple[str, dt.date], list[Event]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, calendar: Calendar) -> Index:
        index = cls(calendar)
        for event in calendar.events:  # already sorted by start
            if not event.blocking:
                continue
            for person in event.attendees:
                index.by_person[person].append(event)
                for day in event.days_spanned():
                    index.busy[(person, day)].append(event)
            if event.venue:
                index.by_venue[event.venue].append(event)
                for day in event.days_spanned():
                    index.busy[("@" + event.venue, day)].append(event)
        return index

    def name(self, person: str) -> str:
        found = self.calendar.people.get(person)
        return found.name if found else person

    def venue_name(self, venue: str | None) -> str:
        found = self.calendar.venues.get(venue or "")
        return found.name if found else (venue or "")

    def free(self, who: Iterable[str], start: dt.datetime, end: dt.datetime, ignore: str) -> bool:
        for key in who:
            for other in self.busy.get((key, start.date()), ()):
                if other.id != ignore and other.start < end and start < other.end:
                    return False
        return True


def overlaps(a: Event, b: Event) -> bool:
    return a.start < b.end and b.start < a.end


def describe(event: Event) -> str:
    return f"'{event.title}' ({event.when_text()})"


def suggest_move(event: Event, index: Index, reason: str = "") -> Fix | None:
    """The nearest school day (same half-term for a half-termly series) when every attendee and the
    venue are free at the same time of day. Only the hub's own events can be moved."""
    if not event.origin.local or event.all_day:
        return None
    year = index.calendar.year_of(event)
    half_term = year.half_term_index(event.first_day)
    duration = event.end - event.start
    who = [*event.attendees, *(["@" + event.venue] if event.venue else [])]
    # The same weekday first (series and venues are booked by weekday), then the nearest days.
    offsets = [sign * week * 7 for week in range(1, 5) for sign in (1, -1)]
    offsets += [sign * step for step in range(1, 29) for sign in (1, -1) if step % 7]
    for offset in offsets:
        day = event.first_day + dt.timedelta(days=offset)
        if not year.is_school_day(day):
            continue
        if half_term is not None and event.series and year.half_term_index(day) != half_term:
            continue
        start = dt.datetime.combine(day, event.start.time())
        if index.free(who, start, start + duration, event.id):
            where = " and the venue are" if event.venue else " are"
            text = f"move to {fmt_day(day)}: all attendees{where} free"
            return Fix(event.id, start, start + duration, text + (f" ({reason})" if reason else ""))
    return None
