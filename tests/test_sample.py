"""The shipped sample hub: its deliberate clashes are all found, and nothing else is an error."""

from __future__ import annotations

from mh_planner.assemble import assemble
from mh_planner.rules import Severity
from mh_planner.scheduling import check


def test_sample_deliberate_clashes_and_nothing_else(shipped) -> None:
    conflicts = check(assemble(shipped))
    errors = {(c.rule, c.event_ids) for c in conflicts if c.severity is Severity.ERROR}
    assert errors == {
        ("double-booked", ("19-02/outward", "wg-peterborough/meeting-2")),
        ("travel", ("19-25/nw1", "wg-itt/meeting-1")),
        ("venue", ("llme-cambridge/meeting-1", "sl-session-dec")),
        ("outside-term-time", ("leaders-briefing",)),
    }
    # Each has a fix a hub lead can apply.
    assert all(c.fix for c in conflicts if c.severity is Severity.ERROR)


def test_sample_warnings_are_possible_clashes_with_undated_events(shipped) -> None:
    warnings = [c for c in check(assemble(shipped)) if c.severity is Severity.WARNING]
    assert warnings and {c.rule for c in warnings} == {"possible-clash"}


def test_sample_is_a_realistic_hub(shipped) -> None:
    [plan_file] = shipped.plans
    plan = plan_file.plan
    projects = {g.project for g in plan.work_groups}
    assert {"19-07", "19-09", "19-10", "19-11", "19-15", "19-25"} <= projects  # every required one
    assert sum(1 for g in plan.work_groups if g.project == "19-09") == 4  # as in the hub's call (004)
    assert all(p.email is None or p.email.endswith("@example.org") for p in plan.people)
