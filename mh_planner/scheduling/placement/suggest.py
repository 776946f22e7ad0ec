"""Proposals for one session with everything else fixed: an exact enumeration of its candidate slots
(one decision needs no solver), ranked by soft-preference penalty, each with its reasons."""

from __future__ import annotations

from collections.abc import Mapping

from mh_planner.scheduling.placement.costs import (
    Fixed,
    Scorer,
    budget_constraint,
    cadence_constraint,
    ideal_date,
    series_chains,
    units,
)
from mh_planner.scheduling.placement.explain import sentence, static_cover
from mh_planner.scheduling.placement.types import Constraint, Explanation, Problem, Proposal, Session, Slot


def suggest(
    problem: Problem, session_id: str, fixed: Mapping[str, Slot] | None = None, limit: int | None = 5
) -> list[Proposal]:
    """The best `limit` slots for `session_id` (None: all) that break no hard rule given `fixed` (the
    other sessions' slots; sessions not in it are ignored), best first: lowest penalty, then the
    candidates' own order. Empty when nothing fits: `why_not` says why."""
    session, others = _prepare(problem, session_id, fixed)
    if _over_budget(problem, session, others):
        return []
    index = Fixed.build(problem, others)
    neighbours = _neighbours(problem, session, others)
    ideal, scorer = ideal_date(session), Scorer(problem)
    ranked: list[tuple[int, int, Proposal]] = []
    for k, slot in enumerate(session.slots):
        if index.blockers(session, slot):
            continue
        terms = scorer.terms(session, slot, ideal)
        for other in neighbours:
            if others[other.id].venue != slot.venue:
                where = problem.name(others[other.id].venue or others[other.id].town)
                terms.append((problem.weights.venue_change, f"a change of venue from {other.period} ({where})"))
        terms.sort(key=lambda t: (-t[0], t[1]))
        total = sum(t for t, _ in terms)
        reasons = tuple(f"+{t} {why}" for t, why in terms) or ("no soft preference bent",)
        ranked.append((total, k, Proposal(session.id, slot, total, reasons)))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [p for _, _, p in ranked[:limit]]


def why_not(problem: Problem, session_id: str, fixed: Mapping[str, Slot] | None = None) -> Explanation:
    """Why no slot fits: a small set of constraints that together rule out every candidate (a greedy
    set cover of each slot's blockers, then any member the others make redundant is dropped)."""
    session, others = _prepare(problem, session_id, fixed)
    need = cadence_constraint(session)
    over = _over_budget(problem, session, others)
    if over:
        return Explanation((over, need), sentence(problem, (over, need)))
    index = Fixed.build(problem, others)
    blocked = [index.blockers(session, slot) for slot in session.slots]
    if not all(blocked):
        return Explanation((), f"{session.title} ({session.period}) has free slots.", minimal=False)
    return static_cover(problem, session, blocked)


def _prepare(problem: Problem, session_id: str, fixed: Mapping[str, Slot] | None) -> tuple[Session, dict[str, Slot]]:
    session = problem.session(session_id)  # KeyError for an unknown id
    errors = problem.errors()
    if errors:
        raise ValueError("\n".join(errors))
    return session, {k: v for k, v in (fixed or {}).items() if k != session_id}


def _over_budget(problem: Problem, session: Session, others: Mapping[str, Slot]) -> Constraint | None:
    for pid in session.attendees:
        person = problem.people[pid]
        if person.allowance_days is None:
            continue
        spent = units(person.committed_days) + units(session.cost_days)
        spent += sum(units(s.cost_days) for s in problem.sessions if s.id in others and pid in s.attendees)
        if spent > units(person.allowance_days):
            return budget_constraint(problem, pid)
    return None


def _neighbours(problem: Problem, session: Session, others: Mapping[str, Slot]) -> list[Session]:
    """The placed sessions just before and after this one in its series."""
    for chain in series_chains(problem, [*others, session.id]):
        if session in chain:
            i = chain.index(session)
            return [s for s in chain[max(i - 1, 0) : i + 2] if s.id != session.id]
    return []
