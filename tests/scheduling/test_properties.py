"""Property tests over random small problems, judged by the independent checker and brute force."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mh_planner.scheduling.placement import (
    Busy,
    Person,
    Problem,
    Session,
    Slot,
    Travel,
    Venue,
    Weights,
    Window,
    place,
    score,
    suggest,
    why_not,
)
from tests.scheduling.checker import feasible, violations

TOWNS = ("Ely", "Wisbech", "March")
DAYS = (dt.date(2019, 11, 4), dt.date(2019, 11, 5), dt.date(2019, 11, 6))
STARTS = (dt.time(9), dt.time(11), dt.time(12, 30), dt.time(14))
PEOPLE = ("ann", "bob", "cat")
VENUES = ("v1", "v2", "v3")


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    minutes = {frozenset(p): draw(st.sampled_from((30, 60, 120))) for p in (TOWNS[:2], TOWNS[1:], TOWNS[::2])}
    travel = Travel(minutes, same_town=draw(st.sampled_from((0, 20))), default=90)
    venues = {
        v: Venue(v, v.upper(), draw(st.sampled_from(TOWNS)), draw(st.sampled_from((None, 4, 10)))) for v in VENUES
    }
    people = {
        p: Person(
            p,
            p.title(),
            draw(st.sampled_from((None, 1.0, 1.5, 3.0))),
            draw(st.sampled_from((0.0, 0.5))),
            draw(st.sampled_from((None, *TOWNS))),
            frozenset(draw(st.sets(st.integers(0, 4), max_size=2))),
            draw(st.sampled_from(((), ((dt.time(12), dt.time(18)),)))),
        )
        for p in PEOPLE
    }
    sessions = []
    for i in range(draw(st.integers(1, 4))):
        hours = draw(st.sampled_from((1, 2, 3)))
        slots = []
        for _ in range(draw(st.integers(1, 5))):  # a session without candidates is tested by hand
            day, start = draw(st.sampled_from(DAYS)), draw(st.sampled_from(STARTS))
            venue = draw(st.sampled_from((None, *VENUES)))
            town = venues[venue].town if venue else draw(st.sampled_from(TOWNS))
            end = (dt.datetime.combine(day, start) + dt.timedelta(hours=hours)).time()
            slots.append(Slot(day, start, end, venue, town))
        group, cost = draw(st.sampled_from(("g1", "g2"))), draw(st.sampled_from((0.5, 1.0)))
        attendees = tuple(sorted(draw(st.sets(st.sampled_from(PEOPLE), min_size=1, max_size=2))))
        headcount = draw(st.integers(0, 8))
        ideal = draw(st.sampled_from((None, *DAYS)))  # a date it has now (moving costs), or none
        unique = tuple(dict.fromkeys(slots))
        now = draw(st.sampled_from((None, *unique)))  # where it is now (leaving it costs), or nowhere yet
        title = f"Session {i}"
        sessions.append(Session(f"s{i}", title, group, "Autumn 2", cost, attendees, unique, headcount, "", ideal, now))
    busy: list[Busy] = []
    for _ in range(draw(st.integers(0, 4))):
        day, start = draw(st.sampled_from(DAYS)), draw(st.sampled_from(STARTS))
        start_at = dt.datetime.combine(day, start)
        length = dt.timedelta(hours=draw(st.sampled_from((1, 2, 30))))
        who = draw(st.sampled_from((*PEOPLE, *VENUES)))
        busy.append(Busy(who, start_at, start_at + length, f"busy {len(busy)}", draw(st.sampled_from((None, *TOWNS)))))
    windows = tuple(
        Window(p, DAYS[1], DAYS[2], "a webinar") for p in draw(st.sets(st.sampled_from(PEOPLE), max_size=1))
    )
    changes = draw(st.sampled_from((0, 4)))
    weights = Weights(weekday=3, time=2, spread=1, move=2, window=5, venue_change=changes, travel=1)
    return Problem(tuple(sessions), people, venues, tuple(busy), windows, travel, weights)


@st.composite
def with_fixed(draw: st.DrawFn) -> tuple[Problem, dict[str, Slot]]:
    problem = draw(problems())
    fixed: dict[str, Slot] = {}
    for s in problem.sessions[1:]:
        if draw(st.booleans()):
            fixed[s.id] = draw(st.sampled_from(s.slots))
    return problem, fixed


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(with_fixed())
def test_suggest_proposes_exactly_the_slots_that_break_nothing(case: tuple[Problem, dict[str, Slot]]) -> None:
    problem, others = case
    target = problem.sessions[0]
    proposals = suggest(problem, target.id, others, limit=None)
    proposed = {p.slot for p in proposals}
    event(f"{len(proposals)} of {len(target.slots)} proposed")
    for slot in target.slots:
        broken = list(violations(problem, {**others, target.id: slot}, {target.id}))
        assert (slot in proposed) == (not broken), (slot, broken)
    assert [p.score for p in proposals] == sorted(p.score for p in proposals)
    if not proposals:  # and the explanation names constraints that do rule out every candidate
        keys = {c.key for c in why_not(problem, target.id, others).constraints}
        assert f"cadence:{target.id}" in keys
        assert not feasible(problem, others, [target], keys)


@SETTINGS
@given(with_fixed())
def test_place_breaks_no_rule_is_optimal_or_explains_a_true_minimal_conflict(
    case: tuple[Problem, dict[str, Slot]],
) -> None:
    problem, fixed = case
    movable = [s for s in problem.sessions if s.id not in fixed]
    result = place(problem, fixed=fixed)
    solutions = feasible(problem, fixed, movable)
    event("placed" if result.ok else f"explained by {len(result.explanation.constraints) if result.explanation else 0}")
    if result.ok:
        assert set(result.slots) == {s.id for s in movable}
        assert not list(violations(problem, {**fixed, **result.slots}, {s.id for s in movable}))
        assert result.optimal
        assert result.score == score(problem, {**fixed, **result.slots})
        assert result.score == min(score(problem, {**fixed, **s}) for s in solutions)
        return
    assert not solutions  # infeasible indeed
    explanation = result.explanation
    assert explanation is not None and explanation.minimal and explanation.constraints
    keys = {c.key for c in explanation.constraints}
    assert not feasible(problem, fixed, movable, keys)  # the named constraints alone cannot all hold
    for key in keys:  # and each of them is needed
        assert feasible(problem, fixed, movable, keys - {key}), key
