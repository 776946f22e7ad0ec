"""The scheduler on real plans: the adapter from the assembled calendar, proposals and placements verified
by the checker, and each one re-checked here through the editing session (the YAML written, the plan
re-read and re-assembled: a path independent of the scheduler's own verification)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.editing import Planner
from mh_planner.editing.changes import MoveEvent
from mh_planner.loading import load
from mh_planner.rules import Conflict, Severity
from mh_planner.scheduling import SchedulingError, place_year, suggest_series, suggest_times
from tests.builders import DATA
from tests.scheduling.plans import HALF_TERMS, D, exchange_case, tight_year

EXCHANGE_SENTENCE = (
    "Priya Shah's 'First residential' (Tue 5 Nov 2019 - Wed 6 Nov 2019), Priya Shah's 'Outward leg: England "
    "teachers to Shanghai' (Sat 9 Nov 2019 - Fri 22 Nov 2019) and Priya Shah's 'Second residential' "
    "(Tue 26 Nov 2019 - Wed 27 Nov 2019) leave no free Tuesday in Autumn 2 for Peterborough TRG."
)


def calendar_of(root: Path) -> Calendar:
    return assemble(load(root))


def error_keys(conflicts: list[Conflict]) -> set[tuple[object, ...]]:
    return {c.key for c in conflicts if c.severity is Severity.ERROR}


@pytest.fixture(scope="module")
def sample() -> Calendar:
    return calendar_of(DATA)


def test_proposals_for_the_sample_clash_resolve_it_and_pass_the_checker(sample: Calendar, tmp_path: Path) -> None:
    found = suggest_times(sample, "wg-peterborough/meeting-2")
    assert found.refused == 0 and found.period == "Autumn 2" and found.clashes
    # Peterborough's Autumn 2 starts on Mon 28 Oct 2019 (its autumn assumed = Cambridgeshire's): 29 Oct is in it.
    assert [p.start.date() for p in found.proposals] == [D(2019, 11, 5), D(2019, 10, 29), D(2019, 11, 26),
                                                          D(2019, 12, 3), D(2019, 12, 10)]  # fmt: skip
    assert [p.score for p in found.proposals] == sorted(p.score for p in found.proposals)
    assert found.proposals[0].reasons == ("+12 moved 7 days from Tue 12 Nov 2019",)
    # Independently: each proposal written into the plan through the editor adds no error, resolves the clash.
    shutil.copytree(DATA, tmp_path / "data")
    planner = Planner(tmp_path / "data")
    for proposal in found.proposals:
        change = MoveEvent(proposal.event_id, "meeting 2", proposal.start, proposal.end, venue=proposal.venue)
        added, removed = planner.preview(change)
        assert not [c for c in added if c.severity is Severity.ERROR]
        assert any(c.rule == "double-booked" for c in removed)


def test_a_one_off_event_in_the_half_term_is_offered_school_days_near_its_date(sample: Calendar) -> None:
    found = suggest_times(sample, "leaders-briefing", limit=3)  # Wed 23 Oct 2019: Cambridgeshire's half-term
    assert [p.start.date() for p in found.proposals] == [D(2019, 10, 18), D(2019, 10, 28), D(2019, 10, 17)]
    assert all("October half-term" in p.resolves[0] for p in found.proposals)


def test_unknown_and_unmovable_events_are_refused(sample: Calendar) -> None:
    with pytest.raises(SchedulingError, match="no event 'nope'"):
        suggest_times(sample, "nope")
    with pytest.raises(SchedulingError, match="exchange leg"):
        suggest_times(sample, "19-02/outward")
    with pytest.raises(SchedulingError, match="central event"):
        suggest_times(sample, "19-25/nw1")
    with pytest.raises(SchedulingError, match="no work group 'nope'"):
        suggest_series(sample, "nope")
    with pytest.raises(SchedulingError, match="no plan for hub 'zz9'"):
        place_year(sample, hubs=["zz9"])


def test_a_series_placed_in_a_year_made_tight_on_purpose(tmp_path: Path) -> None:
    root, free = tight_year(tmp_path)
    calendar = calendar_of(root)
    result = place_year(calendar)
    assert result.ok and result.placed == 12 and not result.remaining
    moved = {m.event_id: m.start.date() for m in result.moves}
    for n, (name, _, _) in enumerate(HALF_TERMS, 1):
        first_free, second_free = free[name]
        assert moved[f"wg-pboro/meeting-{n}"] == second_free, name  # Orton is booked on the first
        assert moved[f"wg-wisbech/meeting-{n}"] == first_free, name
    # Written through the editor as one change, the plan has no error left that moving could resolve.
    planner = Planner(root)
    planner.move_events([(m.event_id, m.start, m.end, m.venue) for m in result.moves])
    assert not [c for c in planner.conflicts if c.severity is Severity.ERROR and c.rule != "attendance"]
    assert planner.undo() and not planner.can_undo  # one step


def test_an_impossible_meeting_is_explained_by_the_right_constraints(tmp_path: Path) -> None:
    calendar = calendar_of(exchange_case(tmp_path))
    result = place_year(calendar)
    assert not result.ok and not result.moves
    assert result.explanation == EXCHANGE_SENTENCE
    assert len(result.constraints) == 4  # the leg, the two residentials, and the meeting's cadence
    assert not any("National workshop" in c for c in result.constraints)  # redundant: the leg covers it
    found = suggest_times(calendar, "wg-peterborough/meeting-2")
    assert not found.proposals and found.explanation == EXCHANGE_SENTENCE


def test_repair_moves_what_clashes_and_leaves_no_error_a_move_can_fix(sample: Calendar, tmp_path: Path) -> None:
    plain = place_year(sample)
    assert plain.ok and len(plain.remaining) == 3  # the dated meetings and one-off events stay
    repaired = place_year(sample, repair=True)
    assert repaired.ok and not repaired.remaining and len(repaired.resolved) == 4
    assert {"wg-itt/meeting-1", "leaders-briefing", "wg-peterborough/meeting-2"} <= {
        m.event_id for m in repaired.moves
    }
    shutil.copytree(DATA, tmp_path / "data")
    planner = Planner(tmp_path / "data")
    before = error_keys(planner.conflicts)
    planner.move_events([(m.event_id, m.start, m.end, m.venue) for m in repaired.moves])
    assert not error_keys(planner.conflicts) and before


def test_a_series_is_placed_together_with_alternatives(sample: Calendar) -> None:
    found = suggest_series(sample, "wg-itt", limit=2)
    assert found.explanation is None and found.refused == 0
    assert [s.event_id for s in found.sessions] == [f"wg-itt/meeting-{n}" for n in (1, 2, 3)]
    first = found.sessions[0]
    # A week earlier: a week later (Tue 22 Oct 2019) is in Cambridgeshire's October half-term.
    assert first.clashes and first.proposals[0].start == dt.datetime(2019, 10, 8, 17, 0)
    assert all(len(s.proposals) == 2 for s in found.sessions)
