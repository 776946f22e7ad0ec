"""The CP-SAT backend. `ortools` is imported here, inside the functions, never when `placement` loads
(the import costs a few hundred milliseconds and pulls in numpy and pandas)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mh_planner.scheduling.placement.program import Program

# Determinism: one worker with a fixed seed, and a *deterministic* time limit (work units, not seconds),
# so the same input gives the same answer on any machine at any load.
SEED = 0
WORK_LIMIT = 60.0  # deterministic seconds for an optimising solve; the representative hub needs < 10
EXPLAIN_WORK_LIMIT = 20.0  # each feasibility solve while shrinking an explanation


@dataclass(frozen=True, slots=True)
class Result:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID
    values: frozenset[int]  # the variables set true
    objective: int
    bound: int  # the best proven lower bound (objective == bound: optimal)
    core: tuple[int, ...]  # INFEASIBLE under assumptions: a subset of them that suffices
    wall_seconds: float
    work: float  # deterministic time used


class CpSat:
    """A CP-SAT model of a program, built once and solved under different assumptions."""

    def __init__(self, program: Program, *, optimise: bool = True) -> None:
        from ortools.sat.python import cp_model

        self.program, self.optimise = program, optimise
        self.model = model = cp_model.CpModel()
        self.v = v = [model.new_bool_var(f"v{i}") for i in range(program.n)]
        for row in program.rows:
            lits = [v[i] for i in row.vars]
            unit = all(c == 1 for c in row.coefs)
            if unit and row.lb is None and row.ub == 1:
                ct = model.add_at_most_one(lits)
            elif unit and row.lb == 1 and row.ub == 1:
                ct = model.add_exactly_one(lits)
            elif unit and row.lb == 1 and row.ub is None:
                ct = model.add_bool_or(lits)
            else:
                expr = cp_model.LinearExpr.weighted_sum(lits, row.coefs)
                lo = row.lb if row.lb is not None else -sum(abs(c) for c in row.coefs)
                hi = row.ub if row.ub is not None else sum(abs(c) for c in row.coefs)
                ct = model.add_linear_constraint(expr, lo, hi)
            if row.enforce is not None:
                ct.only_enforce_if(v[row.enforce])
        if optimise and program.objective:
            keys = sorted(program.objective)
            model.minimize(cp_model.LinearExpr.weighted_sum([v[i] for i in keys], [program.objective[i] for i in keys]))

    def solve(
        self, assumptions: Sequence[int] = (), *, work_limit: float = WORK_LIMIT, gap: float = 0.0, workers: int = 1
    ) -> Result:
        from ortools.sat.python import cp_model

        self.model.clear_assumptions()
        if assumptions:
            self.model.add_assumptions([self.v[i] for i in assumptions])
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.random_seed = SEED
        params.interleave_search = workers > 1  # deterministic with several workers too
        params.max_deterministic_time = work_limit
        params.relative_gap_limit = gap  # stop once within this fraction of the proven bound
        # Measured on the representative hub: the full LP relaxation (level 2) is nearly tight here (bound
        # 1808 against an optimum of 1809), so one LP-driven worker beats the default by far.
        params.linearization_level = 2
        if assumptions:
            # Presolve can report a literal outside the assumptions as part of the core (or-tools #5141).
            params.cp_model_presolve = False
        status = solver.solve(self.model)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        solution = solver.response_proto.solution if found else []
        values = frozenset(i for i, val in enumerate(solution) if val)
        core: tuple[int, ...] = ()
        if status == cp_model.INFEASIBLE and assumptions:
            asked = set(assumptions)
            core = tuple(sorted(i for i in solver.sufficient_assumptions_for_infeasibility() if i in asked))
        objective = bound = 0
        if found and self.optimise:
            objective = round(solver.objective_value) + self.program.offset
            bound = math.ceil(solver.best_objective_bound - 1e-6) + self.program.offset  # integer objective
        name = solver.status_name(status)
        return Result(name, values, objective, bound, core, solver.wall_time, solver.deterministic_time)
