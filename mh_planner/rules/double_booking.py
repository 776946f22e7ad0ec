"""Rule 1: a person booked for two events at once (all-day and multi-day events block whole days)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index, describe, overlapping_groups
from mh_planner.rules.rule import Rule

MAX_PER_PERSON = 100  # clashes listed for one person: beyond them one line says how many more


def booked(events: list[Event]) -> str:
    """'booked twice: A and B', or for a group of events at exactly the same time, how many."""
    if len(events) == 2:
        return f"booked twice: {describe(events[0])} and {describe(events[1])}"
    shown = list(dict.fromkeys(describe(e) for e in events))  # pasted copies read the same: once each
    more = " and others" if len(shown) > 3 else ""
    return f"booked {len(events):,} times at once: {'; '.join(shown[:3])}{more}"


def double_booking(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    # Tentative dates are only the planner's guesses (or tentative in an imported calendar): `possible-clash`
    # warns about those instead.
    shared: dict[tuple[str, ...], list[str]] = defaultdict(list)
    clashes: dict[tuple[str, ...], list[Event]] = {}
    for person, events in index.by_person.items():
        firm = [e for e in events if not e.tentative]
        listed = 0
        for clash in overlapping_groups(firm):
            if all(e.origin is Origin.IMPORTED for e in clash):
                continue  # a calendar the planner did not make may overlap itself: not the hub's business
            listed += 1
            if listed > MAX_PER_PERSON:
                yield _more(index, person, clash)
                break
            key = tuple(e.id for e in clash)
            shared[key].append(person)
            clashes[key] = clash
    for key, found in shared.items():
        clash = clashes[key]
        people = sorted(found)  # by id: the same conflict keeps its key whatever else moves
        names = ", ".join(index.name(p) for p in people)
        local = [e for e in clash if e.origin.local]
        days = set(clash[0].days_spanned())
        for event in clash[1:]:
            days &= set(event.days_spanned())
        yield Conflict(
            rule="double-booked",
            severity=Severity.ERROR,
            message=f"{names} {'is' if len(people) == 1 else 'are'} {booked(clash)}",
            event_ids=key,
            people=tuple(people),
            dates=tuple(sorted(days)[:1]),
            movable=local[-1].id if local else None,
        )


def _more(index: Index, person: str, clash: list[Event]) -> Conflict:
    return Conflict(
        rule="double-booked",
        severity=Severity.ERROR,
        message=f"{index.name(person)} has more than {MAX_PER_PERSON} clashes; only the first are listed",
        event_ids=(clash[0].id,),
        people=(person,),
        dates=(clash[0].first_day,),
    )


RULE = Rule(
    name="double-booked",
    title="Person double-booked",
    severity=Severity.ERROR,
    clash=True,
    check=double_booking,
)
