"""`mh-planner new-year 2020/21`: the sample plan rolled into 2020/21, with no errors from the roll itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from mh_planner.assemble import assemble
from mh_planner.cli import main
from mh_planner.editing import EditError
from mh_planner.editing.new_year import roll_forward
from mh_planner.files.atomic import leftover_temp_files
from mh_planner.loading import load
from mh_planner.rules import Severity
from mh_planner.scheduling import check
from tests.builders import SAMPLE_PLAN

D = dt.date


@pytest.fixture
def rolled(data_copy: Path, capsys) -> tuple[Path, str]:
    assert main(["new-year", "2020/21", "--data", str(data_copy)]) == 0
    return data_copy / "plans" / "2020-21" / "ee2.yaml", capsys.readouterr().out


def test_the_rolled_sample_has_no_errors_from_the_roll(rolled, data_copy: Path) -> None:
    path, out = rolled
    dataset = load(data_copy)  # the latest year with a plan is now 2020/21
    assert dataset.label == "2020/21" and [f.path for f in dataset.plans] == [path]
    errors = [c for c in check(assemble(dataset)) if c.severity is Severity.ERROR]
    # The only error is the sample's deliberate half-term clash, carried and listed for review.
    assert [(c.rule, c.event_ids) for c in errors] == [("outside-term-time", ("leaders-briefing",))]
    assert "event leaders-briefing: Wed 23 Oct 2019 -> Wed 28 Oct 2020 (October half-term, week 1, Wed): was " \
           "outside term time (a clash) and still is" in out  # fmt: skip
    # The 2019/20 plan is untouched.
    assert load(data_copy, "2019/20").plans[0].path.read_text() == SAMPLE_PLAN.read_text()


def test_what_is_carried_and_what_moves(rolled, data_copy: Path) -> None:
    plan = load(data_copy).plans[0].plan
    assert plan.year == "2020/21" and plan.title == "Cambridge Maths Hub 2020/21"
    assert len(plan.people) == 11 and len(plan.schools) == 38 and len(plan.venues) == 9
    groups = {g.id: g.project for g in plan.work_groups}
    assert groups == {
        "wg-peterborough": "primary-tfm-development",
        "wg-south-cambs": "primary-tfm-development",
        "wg-kings-lynn": "primary-tfm-development",
        "wg-huntingdon": "primary-tfm-development",
        "wg-itt": "20-22",
    }
    south = next(g for g in plan.work_groups if g.id == "wg-south-cambs")
    assert [(d.session, d.date) for d in south.dates] == [(2, D(2020, 12, 3))]  # session 4's date = the pattern's
    events = {e.id: e for e in plan.events}
    assert events["leaders-briefing"].date == D(2020, 10, 28) and events["leaders-briefing"].project == (
        "primary-tfm-development"
    )
    assert events["sl-session-dec"].date == D(2020, 12, 9) and events["sl-session-dec"].project is None
    assert not plan.closures and not plan.confirm
    assert all(not p.attends for p in plan.people)  # nothing of 2019/20's national events runs in 2020/21


def test_a_moved_date_that_would_clash_is_moved_again_and_said(rolled) -> None:
    path, out = rolled
    data = yaml.safe_load(path.read_text())
    launch = next(e for e in data["events"] if e["id"] == "hub-launch")
    # Wed 23 Sep 2020 (week 4 of Autumn 1) is the King's Lynn group's first meeting, in King's Lynn until 16:00.
    assert launch["date"] == D(2020, 9, 30) and launch["title"] == "Maths Hub launch conference 2020/21"
    assert "Wed 30 Sep 2020 instead: on Wed 23 Sep 2020, Rachel Green cannot get from King's Lynn" in out


def test_the_file_keeps_the_comments_and_heads_with_the_review(rolled) -> None:
    path, out = rolled
    text = path.read_text()
    assert text.startswith("# Rolled forward from plans/2019-20/ee2.yaml by `mh-planner new-year 2020/21`.")
    assert "#   - wg-south-cambs session 4: Thu 19 Mar 2020 -> Thu 18 Mar 2021" in text
    assert "# Moved to the evening of the first national workshop so the news is fresh (see clash 2)." in text
    assert "# Half-termly TRG: the 3rd Tuesday of each half-term (Peterborough's)" in text
    # Work groups whose project is not known to run are kept as comments at the end.
    assert "# - id: wg-embedding\n#   project: 19-10" in text
    assert not leftover_temp_files(path.parent)
    for line in (
        "pshah (Primary Mastery Specialist, Cohort 4): programme year 2 -> 3",
        "gliu (Secondary Mastery Specialist, Cohort 2): programme year 3 -> 4",
        "closure Mon 6 Jan 2020 (INSET day at the lead school): not carried; the same day next year: Mon 4 Jan 2021",
        "oprice attends 19-25/*: dropped (20-22/* has no events yet)",
        "not known to run in 2020/21 (no project of its programme continues them): 19-01, 19-02",
    ):
        assert line in out, line


def test_the_year_s_own_rules_then_apply_face_to_face_before_october_half_term(rolled, data_copy: Path) -> None:
    path, _ = rolled
    rule = "face_to_face: {from: october-half-term, source: 004:L133}\n"
    text = path.read_text().replace("calendar: cambridgeshire\n", "calendar: cambridgeshire\n" + rule)
    path.write_text(text)
    errors = [c for c in check(assemble(load(data_copy))) if c.severity is Severity.ERROR]
    early = {c.event_ids[0] for c in errors if c.rule == "face-to-face"}
    assert {"hub-launch", "wg-itt/meeting-1", "wg-peterborough/meeting-1"} <= early
    assert all(c.event_ids[0] not in early for c in errors if c.rule == "face-to-face" and c.dates[0] > D(2020, 11, 1))


def test_an_existing_plan_is_never_overwritten(rolled, data_copy: Path, capsys) -> None:
    path, _ = rolled
    before = path.read_text()
    assert main(["new-year", "2020/21", "--data", str(data_copy)]) == 2
    assert "exists already" in capsys.readouterr().err and path.read_text() == before


def test_dry_run_writes_nothing(data_copy: Path, capsys) -> None:
    assert main(["new-year", "2020/21", "--data", str(data_copy), "--dry-run"]) == 0
    assert "(dry run: nothing written)" in capsys.readouterr().out
    assert not (data_copy / "plans" / "2020-21").exists()


def test_a_year_without_its_programme_is_refused(data_copy: Path, capsys) -> None:
    assert main(["new-year", "2022/23", "--data", str(data_copy)]) == 2
    assert "no programme for 2022/23" in capsys.readouterr().err
    with pytest.raises(EditError, match="no 2019/20 plan for ee9"):
        roll_forward(data_copy, "2020/21", ["ee9"])


def test_2021_22_follows_2020_21_by_continues_and_by_id(rolled, data_copy: Path) -> None:
    [plan] = roll_forward(data_copy, "2021/22")
    projects = {g["id"]: g["project"] for g in yaml.safe_load(plan.text)["work_groups"]}
    # primary-tfm-development has the same id in 2021/22; the ITT network "continues" 20-22.
    assert projects["wg-peterborough"] == "primary-tfm-development" and projects["wg-itt"] == "itt-providers"
