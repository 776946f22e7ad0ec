"""Explanations in words, and the one that needs no solver: a session every fixed thing shuts out."""

from __future__ import annotations

from collections.abc import Mapping

from mh_planner.scheduling.placement.costs import budget_constraint, cadence_constraint, units
from mh_planner.scheduling.placement.types import Constraint, Explanation, Problem, Session, Slot

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def budget_overrun(problem: Problem, fixed: Mapping[str, Slot], moving: list[str]) -> Explanation | None:
    """A person whose sessions cost more days than they have left, wherever they go: their budget and
    the fewest of their movable sessions (dearest first) that already overrun it."""
    for pid, person in sorted(problem.people.items()):
        if person.allowance_days is None:
            continue
        left = units(person.allowance_days - person.committed_days)
        left -= sum(units(s.cost_days) for s in problem.sessions if s.id in fixed and pid in s.attendees)
        mine = sorted((problem.session(i) for i in moving if pid in problem.session(i).attendees),
                      key=lambda s: (-s.cost_days, s.id))  # fmt: skip
        if not mine or sum(units(s.cost_days) for s in mine) <= left:
            continue  # nothing to place for them, or it all fits
        chosen: list[Session] = []
        while sum(units(s.cost_days) for s in chosen) <= left:
            chosen.append(mine[len(chosen)])
        constraints = (
            budget_constraint(problem, pid),
            *(cadence_constraint(s) for s in sorted(chosen, key=lambda s: s.id)),
        )
        return Explanation(constraints, sentence(problem, constraints))
    return None


def static_cover(problem: Problem, session: Session, blocked: list[list[Constraint]]) -> Explanation:
    """A few constraints that together rule out every candidate of `session`: a greedy set cover of the
    slots' blockers, then any member that the others make redundant is dropped (so, like the deletion
    filter, no member can go)."""
    slots_of: dict[str, tuple[Constraint, set[int]]] = {}
    for k, cs in enumerate(blocked):
        for c in cs:
            slots_of.setdefault(c.key, (c, set()))[1].add(k)
    every = set(range(len(blocked)))
    left, chosen = set(every), []
    while left:
        key = max(sorted(slots_of), key=lambda c: len(slots_of[c][1] & left))
        chosen.append(key)
        left -= slots_of[key][1]
    for key in list(reversed(chosen)):
        rest = [c for c in chosen if c != key]
        covered: set[int] = set().union(*(slots_of[c][1] for c in rest)) if rest else set()
        if covered >= every:
            chosen = rest
    constraints = (*sorted((slots_of[c][0] for c in chosen), key=lambda c: c.key), cadence_constraint(session))
    return Explanation(constraints, sentence(problem, constraints))


def sentence(problem: Problem, constraints: tuple[Constraint, ...]) -> str:
    """'A, B and C leave no free Tuesday in Autumn 2 for the Peterborough TRG.'"""
    cadences = [c for c in constraints if c.kind == "cadence"]
    others = [c.text for c in constraints if c.kind != "cadence"]
    if len(cadences) == 1:
        session = problem.session(cadences[0].key.removeprefix("cadence:"))
        days = {s.date.weekday() for s in session.slots}
        what = WEEKDAY_NAMES[days.pop()] if len(days) == 1 else "slot"
        if not others:
            return f"{session.title} has no candidate {what.lower()} in {session.period}."
        verb = "leaves" if len(others) == 1 else "leave"
        return f"{_join(others)} {verb} no free {what} in {session.period} for {session.title}."
    if not cadences:
        return _join(others) + " cannot all hold."
    sessions = [problem.session(c.key.removeprefix("cadence:")) for c in cadences]
    names = _join([f"{s.title} ({s.period})" for s in sessions])
    return f"{_join(others) if others else 'Their candidate slots'} leave no way to fit all of {names}."


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
