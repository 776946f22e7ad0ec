"""A solver-neutral 0-1 program for placing sessions: Boolean variables, linear rows, a linear objective.

One variable per (session, candidate slot). Hard rules become rows; in *explain* mode every group of
rules (a busy interval, a cadence requirement, a budget, a person's or a venue's one-at-a-time rule)
is switched on by its own assumption literal, so the solver can name a small infeasible set of them.
Any solver that takes linear 0-1 rows can read it (CP-SAT in `cpsat`; the measurements behind that choice
fed it to HiGHS and CBC too: docs/scheduling.md)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from mh_planner.scheduling.placement.costs import (
    Fixed,
    Scorer,
    budget_constraint,
    cadence_constraint,
    clash,
    ideal_date,
    person_constraint,
    series_chains,
    units,
    venue_constraint,
)
from mh_planner.scheduling.placement.types import Constraint, Problem, Session, Slot

Sig = tuple[str | None, str | None, dt.time, dt.time]  # (venue, town, start, end) of a slot on one day


@dataclass(slots=True)
class Row:
    """lb <= sum(coefs * vars) <= ub, only while `enforce` (a variable) is true when set."""

    vars: list[int]
    coefs: list[int]
    lb: int | None
    ub: int | None
    enforce: int | None = None


@dataclass
class Program:
    n: int = 0
    rows: list[Row] = field(default_factory=list)
    objective: dict[int, int] = field(default_factory=dict)
    offset: int = 0  # the fixed sessions' own penalty
    x: dict[tuple[str, int], int] = field(default_factory=dict)  # (session id, slot index) -> variable
    assumptions: dict[int, Constraint] = field(default_factory=dict)  # explain mode: variable -> what it switches on
    trivially_infeasible: bool = False  # a session lost every slot before any solving
    truncated: bool = False  # some session kept only its `keep` cheapest open slots

    def var(self) -> int:
        self.n += 1
        return self.n - 1

    def row(self, vars: Sequence[int], lb: int | None, ub: int | None, coefs: Sequence[int] | None = None,
            enforce: int | None = None) -> None:  # fmt: skip
        self.rows.append(Row(list(vars), list(coefs) if coefs is not None else [1] * len(vars), lb, ub, enforce))


class _Builder:
    def __init__(
        self, problem: Problem, fixed: Mapping[str, Slot], movable: Sequence[str], explain: bool, keep: int | None
    ) -> None:
        self.problem, self.fixed, self.explain, self.keep = problem, fixed, explain, keep
        self.movable = [problem.session(i) for i in movable]
        self.p = Program()
        self.switch: dict[str, int] = {}  # constraint key -> its assumption variable
        self.cliques: dict[tuple[object, ...], list[list[int]]] = {}  # memo: clique covers by signature set

    def assume(self, c: Constraint) -> int | None:
        """The literal that switches `c` on (explain mode), or None: always on."""
        if not self.explain:
            return None
        if c.key not in self.switch:
            self.switch[c.key] = v = self.p.var()
            self.p.assumptions[v] = c
        return self.switch[c.key]

    def _switch(self, c: Constraint) -> int:
        literal = self.assume(c)
        assert literal is not None  # explain mode
        return literal

    def build(self) -> Program:
        p, problem = self.p, self.problem
        index, scorer = Fixed.build(problem, self.fixed), Scorer(problem)
        for s in self.movable:
            ideal = ideal_date(s)
            open_: list[tuple[int, int, list[Constraint]]] = []  # (cost, slot index, blockers)
            for k, slot in enumerate(s.slots):
                blockers = index.blockers(s, slot)
                if blockers and not self.explain:
                    continue  # ruled out whatever else happens
                open_.append((scorer.cost(s, slot, ideal), k, blockers))
            if self.keep is not None and len(open_) > self.keep:
                open_ = sorted(open_)[: self.keep]  # the session's cheapest slots (ties: candidate order)
                p.truncated = True
            for cost, k, blockers in sorted(open_, key=lambda o: o[1]):
                p.x[(s.id, k)] = v = p.var()
                for c in blockers:  # only in explain mode: each alone rules the slot out
                    p.row([v, self._switch(c)], None, 1)
                if cost:
                    p.objective[v] = cost
            xs = [p.x[(s.id, k)] for k in range(len(s.slots)) if (s.id, k) in p.x]
            if self.explain:
                p.row(xs, None, 1)
                p.row(xs, 1, None, enforce=self.assume(cadence_constraint(s)))
            elif xs:
                p.row(xs, 1, 1)
            else:
                p.trivially_infeasible = True
        for s in problem.sessions:
            if s.id in self.fixed:
                p.offset += scorer.cost(s, self.fixed[s.id])
        self._one_at_a_time()
        self._budgets()
        self._venue_changes()
        return p

    def _placed_on(self) -> dict[tuple[str, dt.date], list[tuple[Session, Slot, int]]]:
        """Per (person or venue, day): the movable sessions' candidate variables."""
        out: dict[tuple[str, dt.date], list[tuple[Session, Slot, int]]] = defaultdict(list)
        for s in self.movable:
            for k, slot in enumerate(s.slots):
                if (s.id, k) in self.p.x:
                    item = (s, slot, self.p.x[(s.id, k)])
                    for person in s.attendees:
                        out[(person, slot.date)].append(item)
                    if slot.venue:
                        out[("@" + slot.venue, slot.date)].append(item)
        return out

    def _one_at_a_time(self) -> None:
        """A person in one place at a time with time to travel; a venue hosting one session at a time.
        Per (who, day), slots with the same signature share one variable u (sum of their x <= u), and
        the conflicts between signatures are covered by cliques: a few at-most-one rows instead of one
        row per conflicting pair."""
        problem = self.problem
        for (who, day), items in sorted(self._placed_on().items(), key=lambda kv: kv[0]):
            if len({s.id for s, _, _ in items}) < 2:
                continue
            is_venue = who.startswith("@")
            c = venue_constraint(problem, who[1:]) if is_venue else person_constraint(problem, who)
            on = self.assume(c)
            by_sig: dict[Sig, list[int]] = defaultdict(list)
            for _, slot, v in items:
                sig: Sig = (
                    (None, None, slot.start, slot.end) if is_venue else (slot.venue, slot.town, slot.start, slot.end)
                )
                by_sig[sig].append(v)
            sigs = sorted(by_sig, key=lambda g: (g[2], g[3], g[0] or "", g[1] or ""))
            u: list[int] = []
            for sig in sigs:
                xs = by_sig[sig]
                if len(xs) == 1 and on is None:
                    u.append(xs[0])  # one slot: it is its own signature variable
                else:
                    u.append(self.p.var())
                    self.p.row([*xs, u[-1]], None, 0, [1] * len(xs) + [-1], enforce=on)
            for clique in self._cover(sigs, day):
                self.p.row([u[i] for i in clique], None, 1, enforce=on)

    def _cover(self, sigs: list[Sig], day: dt.date) -> list[list[int]]:
        """A greedy edge clique cover of the conflict graph between signatures (memoised: days repeat)."""
        key = tuple(sigs)
        if key not in self.cliques:

            def at(g: Sig) -> tuple[dt.datetime, dt.datetime, str | None, str | None]:
                return dt.datetime.combine(day, g[2]), dt.datetime.combine(day, g[3]), g[1], g[0]

            n = len(sigs)
            adj = [[i != j and clash(at(sigs[i]), at(sigs[j]), self.problem) for j in range(n)] for i in range(n)]
            self.cliques[key] = _edge_clique_cover(n, lambda i, j: adj[i][j])
        return self.cliques[key]

    def _budgets(self) -> None:
        problem = self.problem
        for pid, person in sorted(problem.people.items()):
            if person.allowance_days is None:
                continue
            mine = [s for s in self.movable if pid in s.attendees]
            if not mine:
                continue
            left = units(person.allowance_days - person.committed_days)
            left -= sum(units(s.cost_days) for s in problem.sessions if s.id in self.fixed and pid in s.attendees)
            if sum(units(s.cost_days) for s in mine) <= left:
                continue  # cannot bind
            vars_, coefs = [], []
            for s in mine:
                for k in range(len(s.slots)):
                    if (s.id, k) in self.p.x:
                        vars_.append(self.p.x[(s.id, k)])
                        coefs.append(units(s.cost_days))
            self.p.row(vars_, None, left, coefs, enforce=self.assume(budget_constraint(problem, pid)))

    def _venue_changes(self) -> None:
        """change >= [s at v] - [t at v] for consecutive sessions s, t of a series and every venue v."""
        weight = self.problem.weights.venue_change
        if not weight or self.explain:
            return  # explaining needs no objective
        moving = {s.id for s in self.movable}
        for chain in series_chains(self.problem, [*moving, *self.fixed]):
            for a, b in itertools.pairwise(chain):
                if a.id not in moving and b.id not in moving:
                    self.p.offset += weight * (self.fixed[a.id].venue != self.fixed[b.id].venue)
                    continue
                at_a, at_b = self._at_venue(a), self._at_venue(b)
                change = self.p.var()
                self.p.objective[change] = weight
                for venue in sorted(set(at_a) | set(at_b)):
                    plus, minus = at_a.get(venue, ([], 0)), at_b.get(venue, ([], 0))
                    vars_ = [*plus[0], *minus[0], change]
                    coefs = [1] * len(plus[0]) + [-1] * len(minus[0]) + [-1]
                    self.p.row(vars_, None, minus[1] - plus[1], coefs)

    def _at_venue(self, s: Session) -> dict[str, tuple[list[int], int]]:
        """venue -> (the x of s at it, 1 if s is fixed there): [s at v] = sum(x) + constant."""
        out: dict[str, tuple[list[int], int]] = {}
        if s.id in self.fixed:
            return {self.fixed[s.id].venue or "": ([], 1)}
        for k, slot in enumerate(s.slots):
            if (s.id, k) in self.p.x:
                out.setdefault(slot.venue or "", ([], 0))[0].append(self.p.x[(s.id, k)])
        return out


def _edge_clique_cover(n: int, adjacent: Callable[[int, int], bool]) -> list[list[int]]:
    covered: set[tuple[int, int]] = set()
    cliques: list[list[int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            if not adjacent(i, j) or (i, j) in covered:
                continue
            clique = [i, j]
            for k in range(n):  # grow it greedily: every further node adjacent to all members
                if k not in clique and all(adjacent(k, m) for m in clique):
                    clique.append(k)
            clique.sort()
            covered.update((a, b) for a in clique for b in clique if a < b)
            cliques.append(clique)
    return cliques


def build(
    problem: Problem, fixed: Mapping[str, Slot], movable: Sequence[str], explain: bool = False, keep: int | None = None
) -> Program:
    """The program for placing `movable` around `fixed`; `keep` limits each session to its cheapest open
    slots (a smaller, faster model: infeasible there proves nothing, so the caller widens it)."""
    return _Builder(problem, fixed, movable, explain, keep).build()
