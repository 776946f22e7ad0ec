"""One person committed by two hubs at once. Someone who works for two hubs is in both plans, under each
plan's own id; the same `email` (in any case) says they are one person. Their events from the two plans
are checked against each other as one diary: each overlap of firm events is an error naming both hubs.
(Each plan's own double bookings are `double-booked`'s.)"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe
from mh_planner.rules.rule import Rule


def shared_people(calendar: Calendar) -> list[tuple[str, ...]]:
    """The person ids of each person in more than one plan (the same email), each group in plan order."""
    by_email: dict[str, list[str]] = defaultdict(list)
    for person_id, person in calendar.people.items():
        if person.email_key:
            by_email[person.email_key].append(person_id)
    return [
        tuple(ids) for ids in by_email.values() if len({calendar.person_hub.get(p) for p in ids}) > 1
    ]


def two_hubs(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for ids in shared_people(calendar):
        diary = sorted(
            ((event, person) for person in ids for event in index.by_person.get(person, ()) if not event.tentative),
            key=lambda pair: (pair[0].start, pair[0].id, pair[1]),
        )
        active: list[tuple[Event, str]] = []
        for event, person in diary:
            active = [(e, p) for e, p in active if e.end > event.start]
            for other, someone in active:
                hubs = calendar.person_hub.get(someone), calendar.person_hub.get(person)
                if hubs[0] == hubs[1] or other.id == event.id:
                    continue  # one plan's own double booking, or one national event both ids attend
                yield _conflict(calendar, index, (other, someone), (event, person))
            active.append((event, person))


def _conflict(calendar: Calendar, index: Index, first: tuple[Event, str], second: tuple[Event, str]) -> Conflict:
    (a, p), (b, q) = first, second
    hub_a, hub_b = (calendar.person_hub.get(x, "") for x in (p, q))
    movable = b if b.origin.local else a
    return Conflict(
        rule="two-hubs",
        severity=Severity.ERROR,
        message=(
            f"{index.name(p)} works for {hub_a.upper()} and {hub_b.upper()}, and both have them at once: "
            f"{describe(a)} for {hub_a.upper()} and {describe(b)} for {hub_b.upper()}"
        ),
        event_ids=(a.id, b.id),
        people=(p, q),
        dates=(max(a.first_day, b.first_day),),
        movable=movable.id if movable.origin.local else None,
    )


RULE = Rule(
    name="two-hubs",
    title="Committed by two hubs at once",
    severity=Severity.ERROR,
    clash=True,
    check=two_hubs,
    short="Two hubs",
)
