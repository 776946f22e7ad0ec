"""Hand-made scenarios: a tight year placed, impossible ones explained, proposals ranked."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from mh_planner.scheduling.placement import Busy, Person, Problem, Session, Window, place, suggest, why_not
from tests.scheduling.checker import violations
from tests.scheduling.hub import HALF_TERMS, PEOPLE, D, at, problem, slot, trg, tuesdays

ROOT = Path(__file__).resolve().parents[2]


def tight_year() -> tuple[list[Session], list[Busy], dict[str, tuple[dt.date, dt.date]]]:
    """Priya Shah leads two TRGs that meet on Tuesday afternoons. A weekly Tuesday commitment leaves
    her two free Tuesdays a half-term; Orton Wistow is booked on the first: so Peterborough must take
    the second and Wisbech the first, in every half-term."""
    free: dict[str, tuple[dt.date, dt.date]] = {}
    busy: list[Busy] = []
    days_of = {}
    for name, first, last in HALF_TERMS:
        days = tuesdays(first, last)
        days_of[name] = days
        free[name] = (days[1], days[3])
        for day in days:
            if day not in free[name]:
                busy.append(Busy("pshah", at(day, 9), at(day, 17), f"teaching ({day:%d %b})", "Peterborough"))
        busy.append(Busy("orton", at(days[1], 8), at(days[1], 18), f"the school's open day ({days[1]:%d %b})"))
    sessions = trg("pboro", "Peterborough TRG", "orton", "pshah", days_of)
    sessions += trg("wisbech", "Wisbech TRG", "kinderley", "pshah", days_of)
    return sessions, busy, free


def test_a_tight_year_is_placed_exactly_where_it_fits() -> None:
    sessions, busy, free = tight_year()
    p = problem(sessions, busy)
    result = place(p)
    assert result.ok and result.optimal
    assert not list(violations(p, result.slots, {s.id for s in sessions}))
    for name, (first_free, second_free) in free.items():
        key = name.lower().replace(" ", "")
        assert result.slots[f"pboro/{key}"].date == second_free
        assert result.slots[f"wisbech/{key}"].date == first_free


def exchange_case() -> tuple[Problem, list[Session]]:
    """Autumn 2: the Peterborough TRG may meet on the first four Tuesdays only. Priya's outward exchange
    leg (9-22 Nov) takes two, her two residentials the others; a workshop on 12 Nov is redundant."""
    days_of = {name: tuesdays(first, last)[:4] for name, first, last in HALF_TERMS}
    sessions = trg("pboro", "Peterborough TRG", "orton", "pshah", days_of)
    sessions += trg("histon", "Histon TRG", "histon", "dokafor", {n: tuesdays(a, b) for n, a, b in HALF_TERMS})
    busy = [
        Busy("dokafor", at(D(2019, 11, 5), 9), at(D(2019, 11, 5), 17), "school trip", "Cambridge"),
        Busy(
            "pshah", at(D(2019, 11, 9), 0), at(D(2019, 11, 23), 0), "outward exchange leg (9-22 Nov 2019)", "Shanghai"
        ),
        Busy("pshah", at(D(2019, 11, 12), 9, 30), at(D(2019, 11, 12), 16), "national workshop (12 Nov)", "Birmingham"),
        Busy("pshah", at(D(2019, 11, 5), 10), at(D(2019, 11, 6), 13), "first residential (5-6 Nov)", "Nottingham"),
        Busy("pshah", at(D(2019, 11, 26), 10), at(D(2019, 11, 27), 13), "second residential (26-27 Nov)", "Nottingham"),
    ]
    return problem(sessions, busy), sessions


def test_an_impossible_meeting_is_explained_by_the_right_constraints() -> None:
    p, sessions = exchange_case()
    result = place(p)
    assert not result.ok and result.explanation is not None
    keys = {c.key for c in result.explanation.constraints}
    assert keys == {"busy:1", "busy:3", "busy:4", "cadence:pboro/autumn2"}
    assert result.explanation.minimal
    assert result.explanation.text == (
        "Priya Shah's outward exchange leg (9-22 Nov 2019), Priya Shah's first residential (5-6 Nov) and "
        "Priya Shah's second residential (26-27 Nov) leave no free Tuesday in Autumn 2 for Peterborough TRG."
    )
    # The same, asked of one session with the others fixed where they are.
    rest = place(p, movable=[s.id for s in sessions if s.id != "pboro/autumn2"])
    assert rest.ok
    assert suggest(p, "pboro/autumn2", rest.slots) == []
    assert {c.key for c in why_not(p, "pboro/autumn2", rest.slots).constraints} == keys


def test_two_sessions_of_one_person_that_only_fit_at_once() -> None:
    days = {name: [first + dt.timedelta(days=(1 - first.weekday()) % 7)] for name, first, _ in HALF_TERMS}
    sessions = trg("pboro", "Peterborough TRG", "orton", "pshah", days)[:1]
    sessions += trg("wisbech", "Wisbech TRG", "kinderley", "pshah", days)[:1]
    result = place(problem(sessions, []))
    assert result.explanation is not None
    assert {c.key for c in result.explanation.constraints} == {
        "cadence:pboro/autumn1", "cadence:wisbech/autumn1", "person:pshah"
    }  # fmt: skip
    assert (
        "leave no way to fit all of Peterborough TRG (Autumn 1) and Wisbech TRG (Autumn 1)" in result.explanation.text
    )


def test_a_budget_that_cannot_hold_the_year() -> None:
    days_of = {name: tuesdays(first, last) for name, first, last in HALF_TERMS}
    people = {**PEOPLE, "pshah": Person("pshah", "Priya Shah", 6.0, 4.0, "Peterborough")}  # room for 4 of 6
    result = place(problem(trg("pboro", "Peterborough TRG", "orton", "pshah", days_of), [], people))
    assert result.explanation is not None
    kinds = sorted(c.kind for c in result.explanation.constraints)
    assert kinds == ["budget"] + ["cadence"] * 5  # any 5 of the 6 meetings overrun 2 free days
    assert "Priya Shah's allowance of 6 release days, 4 already committed" in result.explanation.text


def test_proposals_are_ranked_with_reasons() -> None:
    days_of = {name: tuesdays(first, last) for name, first, last in HALF_TERMS}
    wed = {name: [d + dt.timedelta(days=1) for d in days] for name, days in days_of.items()}
    both = {name: sorted(days_of[name] + wed[name]) for name in days_of}
    sessions = trg("histon", "Histon TRG", "histon", "dokafor", both)  # Daniel prefers Wednesdays
    p = problem(sessions, [])
    p = type(p)(
        p.sessions,
        p.people,
        p.venues,
        (),
        (Window("dokafor", D(2019, 11, 11), D(2019, 11, 15), "the webinar ('mid Nov')"),),
        p.travel,
    )
    proposals = suggest(p, "histon/autumn2", limit=None)
    assert [x.score for x in proposals] == sorted(x.score for x in proposals)
    best = proposals[0]
    assert best.slot == slot(D(2019, 11, 27), "histon")  # a Wednesday, a day from the middle of Autumn 2
    assert best.reasons == ("+1 1 day from the middle of Autumn 2",)
    tuesday = next(x for x in proposals if x.slot.date == D(2019, 11, 12))
    assert tuesday.reasons[0] == "+15 inside the window of the webinar ('mid Nov'), which Daniel Okafor attends"
    assert "+6 Daniel Okafor prefers Wed" in tuesday.reasons
    assert len(suggest(p, "histon/autumn2", limit=3)) == 3


def test_fixed_sessions_are_respected_and_venue_changes_avoided() -> None:
    days_of = {name: tuesdays(first, last) for name, first, last in HALF_TERMS}
    sessions = trg("histon", "Histon TRG", "histon", "dokafor", days_of)
    p = problem(sessions, [])
    fixed = {"histon/autumn1": slot(D(2019, 10, 8), "histon")}
    result = place(p, fixed=fixed)
    assert result.ok and "histon/autumn1" not in result.slots and len(result.slots) == 5
    assert not list(violations(p, {**fixed, **result.slots}, set(result.slots)))


def test_bad_input_is_refused() -> None:
    p, _ = exchange_case()
    with pytest.raises(ValueError, match="no session 'nope'"):
        place(p, movable=["nope"])
    with pytest.raises(KeyError):
        suggest(p, "nope")
    broken = type(p)(p.sessions, {}, p.venues)
    with pytest.raises(ValueError, match="no person 'pshah'"):
        place(broken)


def test_the_solver_loads_only_when_placing() -> None:
    code = (
        "import sys, mh_planner.scheduling.placement, mh_planner.scheduling; "
        "assert 'ortools' not in sys.modules; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


DETERMINISM = """
from tests.scheduling.test_scenarios import tight_year, exchange_case
from tests.scheduling.hub import problem
from mh_planner.scheduling.placement import place, suggest
sessions, busy, _ = tight_year()
p = problem(sessions, busy)
print(sorted(place(p).slots.items()))
e, _ = exchange_case()
print(place(e).explanation)
print(suggest(e, 'histon/autumn2', limit=None))
"""


def test_same_input_same_output_across_processes() -> None:
    """Run in fresh interpreters with different hash seeds: set and dict order cannot leak into results."""
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
        run = subprocess.run([sys.executable, "-c", DETERMINISM], cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outs.add(run.stdout)
    assert len(outs) == 1
