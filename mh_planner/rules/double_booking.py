"""Rule 1: a person booked for two events at once (all-day and multi-day events block whole days)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mh_planner.assemble import Calendar
from mh_planner.conflicts import Conflict, Index, Severity, describe, suggest_move
from mh_planner.events import Event


def overlapping_pairs(events: list[Event]) -> Iterator[tuple[Event, Event]]:
    """Sort-and-sweep over events sorted by start: each overlapping pair once, O(n log n + pairs)."""
    active: list[Event] = []
    for event in events:
        active = [a for a in active if a.end > event.start]
        for other in active:
            yield other, event
        active.append(event)


def double_booking(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    # Tentative dates are only the planner's guesses: `possible-clash` warns about those instead.
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    pairs: dict[tuple[str, str], tuple[Event, Event]] = {}
    for person, events in index.by_person.items():
        firm = [e for e in events if not e.tentative]
        for a, b in overlapping_pairs(firm):
            key = (a.id, b.id)
            shared[key].append(person)
            pairs[key] = (a, b)
    for key, people in shared.items():
        a, b = pairs[key]
        names = ", ".join(index.name(p) for p in people)
        movable = b if b.origin.local else a
        fix = suggest_move(movable, index) if movable.origin.local else None
        days = sorted({*a.days_spanned(), *b.days_spanned()} & set(a.days_spanned()) & set(b.days_spanned()))
        yield Conflict(
            rule="double-booked",
            severity=Severity.ERROR,
            message=f"{names} {'is' if len(people) == 1 else 'are'} booked twice: {describe(a)} and {describe(b)}",
            event_ids=key,
            people=tuple(people),
            dates=tuple(days[:1]),
            fix=fix,
        )
