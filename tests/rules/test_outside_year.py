"""A date outside the plan's academic year is an error, not a quiet event in another year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from mh_planner.assemble import assemble
from mh_planner.loading import load
from mh_planner.rules import BY_NAME, Index, Severity
from tests.builders import SAMPLE_PLAN, calendar_for, person, plan, venue

D = dt.date


def outside(cal):
    return list(BY_NAME["outside-year"].check(cal, Index.build(cal)))


def test_a_copy_of_the_2019_20_plan_into_2020_21_reports_every_date_left_behind(data_copy: Path) -> None:
    # The sample plan copied as it is into 2020/21, with only what 2020/21 knows of: its projects, no
    # national dates of 2019/20.
    data = yaml.safe_load(SAMPLE_PLAN.read_text())
    data["year"] = "2020/21"
    successor = {"19-09": "primary-tfm-development", "19-25": "20-22"}
    data["work_groups"] = [
        {**g, "project": successor[g["project"]]} for g in data["work_groups"] if g["project"] in successor
    ]
    for item in data["events"]:
        item.pop("project", None)
    for someone in data["people"]:
        someone.pop("attends", None)
    data.pop("confirm")
    (data_copy / "plans" / "2020-21").mkdir()
    (data_copy / "plans" / "2020-21" / "ee2.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    found = outside(assemble(load(data_copy, "2020/21")))
    ids = {c.event_ids for c in found}
    assert {("hub-launch",), ("leaders-briefing",), ("sl-session-dec",)} <= ids
    assert ("wg-south-cambs/meeting-2",) in ids and ("wg-itt/meeting-1",) in ids  # the pinned sessions
    closure = next(c for c in found if not c.event_ids)
    assert "closure day Mon 6 Jan 2020" in closure.message
    assert all(c.severity is Severity.ERROR for c in found)
    launch = next(c for c in found if c.event_ids == ("hub-launch",))
    assert launch.message == (
        "'Maths Hub launch conference 2019/20' (Wed 25 Sep 2019 16:00-18:30) is outside the academic year "
        "2020/21 (Tue 1 Sep 2020 - Tue 31 Aug 2021): a date of the hub's plan from another year?"
    )


def test_dates_inside_the_year_are_fine(tmp_path: Path) -> None:
    event = {"id": "e", "title": "E", "date": D(2020, 8, 31), "venue": "hall", "people": ["a"]}
    cal = calendar_for(tmp_path, plan(people=[person("a")], venues=[venue("hall")], events=[event]), projects=[])
    assert outside(cal) == []
    event["date"] = D(2020, 9, 1)
    [conflict] = outside(calendar_for(tmp_path / "b", plan(people=[person("a")], venues=[venue("hall")],
                                                           events=[event]), projects=[]))  # fmt: skip
    assert conflict.event_ids == ("e",)
    # The term-time rule leaves it to this one: one error, not two.
    cal = calendar_for(tmp_path / "c", plan(people=[person("a")], venues=[venue("hall")], events=[event]), projects=[])
    assert list(BY_NAME["outside-term-time"].check(cal, Index.build(cal))) == []
