"""Rule 3: a venue booked twice at once (an imported booking fills it), or more people than it holds."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, Origin
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.double_booking import booked
from mh_planner.rules.index import Index, describe, overlapping_groups
from mh_planner.rules.rule import Rule


def venue(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for venue_id, events in index.by_venue.items():
        place = calendar.venues.get(venue_id)
        name = place.name if place else venue_id
        for clash in overlapping_groups(events):
            if all(e.origin is Origin.IMPORTED for e in clash):
                continue  # the venue's own calendar overlapping itself
            local = [e for e in clash if e.origin.local]
            yield Conflict(
                rule="venue",
                severity=Severity.ERROR,
                message=f"{name} is {booked(clash)}",
                event_ids=tuple(e.id for e in clash),
                venue=venue_id,
                dates=(max(e.first_day for e in clash),),
                movable=local[-1].id if local else None,
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
