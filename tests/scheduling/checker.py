"""An independent checker of the hard rules, written from the rules' wording, not from the solver's
model: every violation is tagged with the constraint group an explanation would name."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping

from mh_planner.scheduling.placement import Problem, Session, Slot

Span = tuple[dt.datetime, dt.datetime, str | None, str | None]  # start, end, town (None: no travel), venue


def minutes_between(problem: Problem, a: Span, b: Span) -> int:
    town_a, town_b = (a[2] or "").strip().lower(), (b[2] or "").strip().lower()
    if town_a == town_b:
        return 0 if a[3] is not None and a[3] == b[3] else problem.travel.same_town
    for pair, minutes in problem.travel.minutes.items():
        if {t.strip().lower() for t in pair} == {town_a, town_b}:
            return minutes
    return problem.travel.default


def conflict(problem: Problem, a: Span, b: Span) -> bool:
    """One person cannot do both: they overlap, or the second starts on the day the first ends without
    the journey time between them."""
    if a[0] < b[1] and b[0] < a[1]:
        return True
    if a[2] is None or b[2] is None:
        return False
    first, second = (a, b) if a[1] <= b[0] else (b, a)
    last_day_of_first = (first[1] - dt.timedelta(seconds=1)).date()
    if last_day_of_first != second[0].date():
        return False
    return (second[0] - first[1]) < dt.timedelta(minutes=minutes_between(problem, first, second))


def span(slot: Slot) -> Span:
    start = dt.datetime.combine(slot.date, slot.start)
    return start, dt.datetime.combine(slot.date, slot.end), slot.town, slot.venue


def violations(problem: Problem, assignment: Mapping[str, Slot], movable: set[str]) -> Iterator[str]:
    """Constraint keys broken by `assignment` (fixed sessions are those assigned but not movable).
    Only what involves a movable session counts: clashes between fixed ones are not the placer's."""
    by_id = {s.id: s for s in problem.sessions}
    placed = [(by_id[i], slot) for i, slot in sorted(assignment.items())]
    for sid in sorted(movable):
        if sid not in assignment:
            yield f"cadence:{sid}"
    for (s, a), (t, b) in itertools.combinations(placed, 2):
        if s.id not in movable and t.id not in movable:
            continue
        both = s.id in movable and t.id in movable
        fixed_key = f"fixed:{t.id if s.id in movable else s.id}"
        for p in sorted(set(s.attendees) & set(t.attendees)):
            if conflict(problem, span(a), span(b)):
                yield f"person:{p}" if both else fixed_key
        if a.venue and a.venue == b.venue and span(a)[0] < span(b)[1] and span(b)[0] < span(a)[1]:
            yield f"venue:{a.venue}" if both else fixed_key
    for s, slot in placed:
        if s.id not in movable:
            continue
        if slot not in s.slots:
            yield f"not-a-candidate:{s.id}"
        for i, busy in enumerate(problem.busy):
            if busy.who in problem.venues:
                if busy.who == slot.venue and busy.start < span(slot)[1] and span(slot)[0] < busy.end:
                    yield f"busy:{i}"
            elif busy.who in s.attendees and conflict(problem, span(slot), (busy.start, busy.end, busy.town, None)):
                yield f"busy:{i}"
        if slot.venue:
            cap = problem.venues[slot.venue].capacity
            if cap is not None and max(s.headcount, len(s.attendees)) > cap:
                yield f"capacity:{slot.venue}"
    for pid, person in problem.people.items():
        mine = [s for s, _ in placed if pid in s.attendees]
        if person.allowance_days is None or not any(s.id in movable for s in problem.sessions if pid in s.attendees):
            continue
        if person.committed_days + sum(s.cost_days for s in mine) > person.allowance_days + 1e-9:
            yield f"budget:{pid}"


def assignments(problem: Problem, movable: list[Session], optional: set[str]) -> Iterator[dict[str, Slot]]:
    """Every way to place `movable` (sessions in `optional` may also stay unplaced)."""
    choices: list[list[Slot | None]] = [[*s.slots, *([None] if s.id in optional else [])] for s in movable]
    for combo in itertools.product(*choices):
        yield {s.id: slot for s, slot in zip(movable, combo, strict=True) if slot is not None}


def feasible(
    problem: Problem, fixed: Mapping[str, Slot], movable: list[Session], keys: set[str] | None = None
) -> list[dict[str, Slot]]:
    """Brute force: the assignments breaking none of `keys` (None: none at all). With `keys`, a
    session whose cadence is not among them may stay unplaced: the constraint is switched off."""
    ids = {s.id for s in movable}
    optional = set() if keys is None else {i for i in ids if f"cadence:{i}" not in keys}
    out = []
    for moved in assignments(problem, movable, optional):
        broken = set(violations(problem, {**fixed, **moved}, ids))
        if not (broken if keys is None else broken & keys):
            out.append(moved)
    return out
