"""Property tests over random small hub plans: whatever the plan, a placement or a proposal never breaks a hard
rule of the checker. The scheduler verifies its own answers; these tests check that it never had to refuse
one (`refused`: the adapter models the rules faithfully) and re-check each answer through the editing
session, which writes it into the plan's YAML and re-reads, re-assembles and re-checks the plan.

More examples: HYPOTHESIS_EXAMPLES=200 pytest tests/scheduling/test_plan_properties.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mh_planner.editing import Planner
from mh_planner.editing.changes import MoveEvent
from mh_planner.rules import Severity
from mh_planner.scheduling import place_year, suggest_times
from mh_planner.scheduling.verify import key
from tests.builders import DATA, person, plan
from tests.scheduling.plans import projects

TOWNS = ("Ely", "March", "Wisbech")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
TIMES = ("09:00-12:00", "13:00-16:00", "13:30-15:30", "16:00-17:30")
PEOPLE = ("ann", "bob", "cat")
TERM_DAYS = [dt.date(2019, 9, 2) + dt.timedelta(days=i) for i in range(0, 320, 3)]  # holidays and weekends too
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "12"))
SETTINGS = settings(  # the suite's run is the same every time; a deeper run explores
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize="HYPOTHESIS_EXAMPLES" not in os.environ,
)


@st.composite
def pattern(draw: st.DrawFn, every: tuple[str, ...] = ("half-term", "term")) -> dict[str, Any]:
    out: dict[str, Any] = {"every": draw(st.sampled_from(every)), "weekday": draw(st.sampled_from(WEEKDAYS)),
                           "week": draw(st.integers(1, 4)), "time": draw(st.sampled_from(TIMES))}  # fmt: skip
    others = draw(st.lists(st.sampled_from(WEEKDAYS), max_size=1, unique=True))
    if others:
        out["alternative_weekdays"] = others
    times = draw(st.lists(st.sampled_from(TIMES), max_size=1, unique=True))
    if times:
        out["alternative_times"] = times
    return out


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    venues = [{"id": f"v{i}", "name": f"Venue {i}", "town": draw(st.sampled_from(TOWNS)),
               "capacity": draw(st.sampled_from((8, 30)))} for i in range(3)]  # fmt: skip
    people = [
        person(p, "primary-mastery-specialist", town=draw(st.sampled_from(TOWNS)),
               preferred_weekdays=draw(st.lists(st.sampled_from(WEEKDAYS), max_size=2, unique=True)),
               allowance_days=draw(st.sampled_from((8, 40))))
        for p in PEOPLE
    ]  # fmt: skip
    schools = [{"id": f"s{i}", "name": f"School {i}", "town": draw(st.sampled_from(TOWNS))} for i in range(2)]
    groups = []
    for g in range(draw(st.integers(1, 2))):
        lead = draw(st.sampled_from(PEOPLE))
        group: dict[str, Any] = {
            "id": f"wg{g}", "project": "19-09", "name": f"Group {g}", "lead": lead,
            "members": draw(st.lists(st.sampled_from([p for p in PEOPLE if p != lead]), max_size=1, unique=True)),
            "venue": draw(st.sampled_from(["v0", "v1", "v2"])),
            "alternative_venues": draw(st.lists(st.sampled_from(["v0", "v1", "v2"]), max_size=1, unique=True)),
            "schools": draw(st.lists(st.sampled_from(["s0", "s1"]), max_size=2, unique=True)),
            "teachers_per_school": draw(st.sampled_from((0, 2, 4))),
            "meetings": draw(pattern()),
        }  # fmt: skip
        if group["schools"] and draw(st.booleans()):
            group["visits"] = draw(pattern(("term",)))
        groups.append(group)
    travel = {"times": [{"between": list(TOWNS[:2]), "minutes": draw(st.sampled_from((30, 120)))}]}
    return plan(people=people, venues=venues, schools=schools, work_groups=groups, events=draw(local_events()),
                travel=travel)  # fmt: skip


@st.composite
def local_events(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(0, 8))):
        item: dict[str, Any] = {"id": f"e{i}", "title": f"Event {i}", "date": draw(st.sampled_from(TERM_DAYS)),
                                "people": draw(st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True))}  # fmt: skip
        if draw(st.booleans()):
            item["time"] = draw(st.sampled_from(TIMES))
        if draw(st.booleans()):
            item["venue"] = draw(st.sampled_from(["v0", "v1", "v2"]))
        else:
            item["location"] = draw(st.sampled_from(TOWNS))
        out.append(item)
    return out


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The programme once; each example writes its own plan over the last one."""
    root = tmp_path_factory.mktemp("plans") / "data"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("plans"))
    for path in (root / "programme").glob("??-??.yaml"):
        if path.stem not in projects():
            path.unlink()
    (root / "plans").mkdir()
    return root


class _PlainDumper(yaml.SafeDumper):
    """No anchors for values drawn twice: hand-written plans have none, and edits are written into the text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def written(folder: Path, the_plan: dict[str, Any]) -> Planner:
    (folder / "plans" / "ee2.yaml").write_text(yaml.dump(the_plan, Dumper=_PlainDumper, sort_keys=False))
    return Planner(folder)


def errors(planner: Planner) -> set[tuple[object, ...]]:
    return {key(c) for c in planner.conflicts if c.severity is Severity.ERROR}


@SETTINGS
@given(plans(), st.booleans())
def test_a_placement_never_breaks_a_hard_rule(folder: Path, the_plan: dict[str, Any], repair: bool) -> None:
    planner = written(folder, the_plan)
    before = errors(planner)
    result = place_year(planner.calendar, repair=repair, conflicts=planner.conflicts)
    assert not result.refused, result.explanation
    event("placed" if result.ok else "explained")
    if not result.ok:
        assert result.explanation and not result.moves
        return
    planner.move_events([(m.event_id, m.start, m.end, m.venue) for m in result.moves])
    assert errors(planner) <= before  # no new error; those the moves resolved are gone
    assert {key(c) for c in result.remaining} == errors(planner)


@SETTINGS
@given(plans(), st.data())
def test_proposals_never_break_a_hard_rule(folder: Path, the_plan: dict[str, Any], data: st.DataObject) -> None:
    planner = written(folder, the_plan)
    sessions = sorted(e.id for e in planner.calendar.events if e.origin.value == "work-group")
    if not sessions:
        return
    target = data.draw(st.sampled_from(sessions))
    found = suggest_times(planner.calendar, target, limit=3, conflicts=planner.conflicts)
    assert found.refused == 0
    event(f"{len(found.proposals)} proposals")
    if not found.proposals:
        assert found.explanation
    for proposal in found.proposals:
        added, removed = planner.preview(MoveEvent(target, "", proposal.start, proposal.end, venue=proposal.venue))
        gone = {key(c) for c in removed}  # a budget lists its events in date order: the same conflict, re-keyed
        assert not [c for c in added if c.severity is Severity.ERROR and key(c) not in gone], proposal
