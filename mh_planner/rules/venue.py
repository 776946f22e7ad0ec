"""Rule 3: a venue booked twice at once (an imported booking fills it), or more people than it holds."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, Origin
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe, overlapping_pairs
from mh_planner.rules.rule import Rule


def venue(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for venue_id, events in index.by_venue.items():
        place = calendar.venues.get(venue_id)
        name = place.name if place else venue_id
        for a, b in overlapping_pairs(events):
            if a.origin is Origin.IMPORTED and b.origin is Origin.IMPORTED:
                continue  # the venue's own calendar overlapping itself
            movable = b if b.origin.local else a
            yield Conflict(
                rule="venue",
                severity=Severity.ERROR,
                message=f"{name} is booked twice: {describe(a)} and {describe(b)}",
                event_ids=(a.id, b.id),
                venue=venue_id,
                dates=(max(a.first_day, b.first_day),),
                movable=movable.id if movable.origin.local else None,
            )
        if place is None or place.capacity is None:
            continue
        for event in events:
            if event.headcount > place.capacity:
                yield Conflict(
                    rule="venue",
                    severity=Severity.ERROR,
                    message=(f"{name} holds {place.capacity} but {describe(event)} expects {event.headcount} people"),
                    event_ids=(event.id,),
                    venue=venue_id,
                    dates=(event.first_day,),
                )


RULE = Rule(
    name="venue",
    title="Venue",
    severity=Severity.ERROR,
    clash=True,
    check=venue,
)
