"""Rule 2: one person at two places the same day without time to travel between them."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event
from mh_planner.model import Travel
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def travel_minutes(a: Event, b: Event, settings: Travel) -> int:
    """Minutes needed from `a`'s place to `b`'s. Online events need none."""
    if a.online or b.online or not a.place or not b.place:
        return 0
    town_a, town_b = a.place.strip().lower(), b.place.strip().lower()
    if town_a == town_b:
        same_spot = (a.venue and a.venue == b.venue) or (a.location and a.location == b.location)
        return 0 if same_spot else settings.same_town_minutes
    for entry in settings.times:
        pair = {t.strip().lower() for t in entry.between}
        if pair == {town_a, town_b}:
            return entry.minutes
    return settings.default_minutes


def travel(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    default = Travel()
    for person, events in index.by_person.items():
        hub = calendar.person_hub.get(person)
        settings = calendar.plans[hub].travel if hub in calendar.plans else default
        by_day: dict[dt.date, list[Event]] = defaultdict(list)
        for event in events:
            # Online events need no travel and leave the person where they were.
            if not event.tentative and not event.all_day and not event.online and event.place:
                by_day[event.first_day].append(event)
        for day, todays in by_day.items():
            todays.sort(key=lambda e: e.start)
            for a, b in itertools.pairwise(todays):
                if b.start < a.end:
                    continue  # overlapping: double-booked, not a travel problem
                need = travel_minutes(a, b, settings)
                gap = int((b.start - a.end).total_seconds() // 60)
                if gap >= need:
                    continue
                movable = b if b.origin.local else a
                yield Conflict(
                    rule="travel",
                    severity=Severity.ERROR,
                    message=(
                        f"{index.name(person)} cannot get from {a.place} to {b.place} in time: {describe(a)} "
                        f"ends {gap} min before {describe(b)}, and the journey takes about {need} min"
                    ),
                    event_ids=(a.id, b.id),
                    people=(person,),
                    dates=(day,),
                    movable=movable.id if movable.origin.local else None,
                )


RULE = Rule(
    name="travel",
    title="No time to travel",
    severity=Severity.ERROR,
    clash=True,
    check=travel,
)
