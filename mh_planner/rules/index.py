"""Who and what is busy on each day: built once per check, shared by the rules and by scheduling."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from mh_planner.calendar import Calendar, Event


@dataclass
class Index:
    calendar: Calendar
    by_person: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    by_venue: dict[str, list[Event]] = field(default_factory=lambda: defaultdict(list))
    busy: dict[tuple[str, dt.date], list[Event]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, calendar: Calendar, people: Collection[str] | None = None) -> Index:
        """`people`: only these people's days (a re-check of part of a network: `rules.incremental`)."""
        index = cls(calendar)
        by_person, by_venue, busy = index.by_person, index.by_venue, index.busy
        for event in calendar.events:  # already sorted by start
            if not event.blocking:
                continue
            days = event.days_spanned()  # once per event, not once per attendee
            for person in event.attendees:
                if people is not None and person not in people:
                    continue
                by_person[person].append(event)
                for day in days:
                    busy[(person, day)].append(event)
            if event.venue:
                by_venue[event.venue].append(event)
                key = "@" + event.venue
                for day in days:
                    busy[(key, day)].append(event)
        return index

    def name(self, person: str) -> str:
        found = self.calendar.people.get(person)
        return found.name if found else person

    def venue_name(self, venue: str | None) -> str:
        found = self.calendar.venues.get(venue or "")
        return found.name if found else (venue or "")

    def free(self, who: Iterable[str], start: dt.datetime, end: dt.datetime, ignore: str) -> bool:
        """Every one of `who` (person ids, and '@' + venue id) is free from `start` to `end`, on one day."""
        for key in who:
            for other in self.busy.get((key, start.date()), ()):
                if other.id != ignore and other.start < end and start < other.end:
                    return False
        return True


def overlaps(a: Event, b: Event) -> bool:
    return a.start < b.end and b.start < a.end


def describe(event: Event) -> str:
    return f"'{event.title}' ({event.when_text()})"


def overlapping_groups(events: list[Event]) -> Iterator[list[Event]]:
    """Sort-and-sweep over events sorted by start, O(n log n + pairs), with events of exactly the same times
    as one group (a block pasted a thousand times is one clash, not half a million): each group of several
    with itself, then each overlapping pair of groups, as one list of events that all overlap each other.
    Two single events come as a pair."""
    groups: dict[tuple[dt.datetime, dt.datetime], list[Event]] = {}
    for event in events:  # sorted by start, so the groups are too
        groups.setdefault((event.start, event.end), []).append(event)
    active: list[list[Event]] = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1 and first.start < first.end:
            yield list(group)
        active = [a for a in active if a[0].end > first.start]
        for other in active:
            yield [*other, *group]
        active.append(group)
