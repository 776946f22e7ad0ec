"""Rule 1: a person booked for two events at once (all-day and multi-day events block whole days)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe, overlapping_pairs
from mh_planner.rules.rule import Rule


def double_booking(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    # Tentative dates are only the planner's guesses (or tentative in an imported calendar): `possible-clash`
    # warns about those instead.
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    pairs: dict[tuple[str, str], tuple[Event, Event]] = {}
    for person, events in index.by_person.items():
        firm = [e for e in events if not e.tentative]
        for a, b in overlapping_pairs(firm):
            if a.origin is Origin.IMPORTED and b.origin is Origin.IMPORTED:
                continue  # a calendar the planner did not make may overlap itself: not the hub's business
            key = (a.id, b.id)
            shared[key].append(person)
            pairs[key] = (a, b)
    for key, found in shared.items():
        a, b = pairs[key]
        people = sorted(found)  # by id: the same conflict keeps its key whatever else moves
        names = ", ".join(index.name(p) for p in people)
        movable = b if b.origin.local else a
        days = sorted({*a.days_spanned(), *b.days_spanned()} & set(a.days_spanned()) & set(b.days_spanned()))
        yield Conflict(
            rule="double-booked",
            severity=Severity.ERROR,
            message=f"{names} {'is' if len(people) == 1 else 'are'} booked twice: {describe(a)} and {describe(b)}",
            event_ids=key,
            people=tuple(people),
            dates=tuple(days[:1]),
            movable=movable.id if movable.origin.local else None,
        )


RULE = Rule(
    name="double-booked",
    title="Person double-booked",
    severity=Severity.ERROR,
    clash=True,
    check=double_booking,
)
