"""Place every movable session, or explain in a few named constraints why that is impossible."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from mh_planner.scheduling.placement.costs import Fixed, score
from mh_planner.scheduling.placement.explain import budget_overrun, sentence, static_cover
from mh_planner.scheduling.placement.program import Program, build
from mh_planner.scheduling.placement.types import Explanation, Placement, Problem, Slot

# When shrinking an explanation, try dropping the generic rules first, so that what remains names
# concrete things: a busy interval, a fixed session, the session that cannot fit.
DROP_FIRST = ("person", "venue", "capacity", "budget", "fixed", "busy", "cadence")
# Measured on the representative hub (optimum 1809 over every candidate): keep 12 with a 0.2% gap gives
# 1811 in a fifth of the time of keep 24 solved to optimality (REPORT.md).
KEEP = 12  # slots per session in the first, smaller model
GAP = 0.002  # relative optimality gap at which the search stops


def place(
    problem: Problem,
    fixed: Mapping[str, Slot] | None = None,
    movable: Iterable[str] | None = None,
    *,
    work_limit: float | None = None,
    keep: int | None = KEEP,
    gap: float = GAP,
) -> Placement:
    """Assign a slot to every movable session (default: every session not fixed) so that no hard rule
    breaks, minimising the soft-preference penalty. Sessions neither fixed nor movable are ignored.
    `keep`: search first each session's `keep` cheapest open slots (None: all at once); `gap`: stop
    within this fraction of the proven best. Deterministic: the same input gives the same placement."""
    from mh_planner.scheduling.placement import cpsat as _cpsat  # the solver loads only now

    fixed = dict(fixed or {})
    moving = [s.id for s in problem.sessions if s.id not in fixed] if movable is None else list(dict.fromkeys(movable))
    _validate(problem, fixed, moving)
    status = "INFEASIBLE"
    # First each session's `keep` cheapest open slots: a model several times smaller whose optimum, on the
    # measured hub, is within a point of the whole one's. Only if that fails is every candidate searched,
    # so a reported infeasibility is always about every candidate.
    for width in dict.fromkeys((keep, None)):
        program = build(problem, fixed, moving, keep=width)
        if program.trivially_infeasible:
            break  # a session has no open slot at all: no wider search helps
        result = _cpsat.CpSat(program).solve(work_limit=work_limit or _cpsat.WORK_LIMIT, gap=gap)
        status = result.status
        if status in ("OPTIMAL", "FEASIBLE"):
            slots = _read(problem, program, result.values)
            total = score(problem, {**fixed, **slots})
            proven = result.objective == result.bound and not program.truncated
            return Placement(slots, total, proven, None if proven else result.bound)
        if not program.truncated:
            break
    if status != "INFEASIBLE":
        text = f"No placement found within the solver's work limit ({status}); one may still exist."
        return Placement({}, explanation=Explanation((), text, minimal=False))
    return Placement({}, explanation=explain(problem, fixed, moving))


def _validate(problem: Problem, fixed: Mapping[str, Slot], moving: list[str]) -> None:
    errors = problem.errors()
    known = {s.id for s in problem.sessions}
    errors += [f"fixed: no session {i!r}" for i in fixed if i not in known]
    errors += [f"movable: no session {i!r}" for i in moving if i not in known]
    errors += [f"session {i!r} is both fixed and movable" for i in moving if i in fixed]
    if errors:
        raise ValueError("\n".join(errors))


def _read(problem: Problem, program: Program, values: frozenset[int]) -> dict[str, Slot]:
    out: dict[str, Slot] = {}
    for (sid, k), v in program.x.items():
        if v in values:
            out[sid] = problem.session(sid).slots[k]
    return dict(sorted(out.items()))


def explain(problem: Problem, fixed: Mapping[str, Slot], moving: list[str]) -> Explanation:
    """A small set of constraint groups that cannot all hold: CP-SAT's core under one assumption per
    group, then shrunk by a deletion filter (drop one; still infeasible? then it was not needed)."""
    from mh_planner.scheduling.placement import cpsat as _cpsat

    # The common cases need no solver: a session that every fixed thing shuts out, a budget overrun
    # (each session costs its days wherever it goes).
    index = Fixed.build(problem, fixed)
    for sid in moving:
        session = problem.session(sid)
        blocked = [index.blockers(session, slot) for slot in session.slots]
        if all(blocked):
            return static_cover(problem, session, blocked)
    overrun = budget_overrun(problem, fixed, moving)
    if overrun is not None:
        return overrun
    program = build(problem, fixed, moving, explain=True)
    cp = _cpsat.CpSat(program, optimise=False)
    rank = {kind: i for i, kind in enumerate(DROP_FIRST)}
    order = sorted(program.assumptions, key=lambda v: (rank[program.assumptions[v].kind], program.assumptions[v].key))
    first = cp.solve(order, work_limit=_cpsat.EXPLAIN_WORK_LIMIT)
    if first.status != "INFEASIBLE":
        text = f"No placement was found, but no conflict could be proved either ({first.status})."
        return Explanation((), text, minimal=False)
    core = [v for v in order if v in set(first.core)] or order
    minimal, i = True, 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        result = cp.solve(trial, work_limit=_cpsat.EXPLAIN_WORK_LIMIT)
        if result.status == "INFEASIBLE":
            kept = set(result.core) if result.core else set(trial)
            core = [v for v in trial if v in kept]  # the solver's smaller core, if it found one
        else:
            minimal &= result.status != "UNKNOWN"
            i += 1  # needed: without it a placement exists
    constraints = tuple(sorted((program.assumptions[v] for v in core), key=lambda c: (rank[c.kind], c.key)))
    return Explanation(constraints, sentence(problem, constraints), minimal)
