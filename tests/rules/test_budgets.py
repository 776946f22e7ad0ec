"""Release days per project and role, as the catalogue sets them (002), counted from each project's events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mh_planner.academic_year import AcademicYear
from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.cli import main
from mh_planner.loading import Dataset
from mh_planner.rules import BY_NAME, Conflict, Index, Severity
from mh_planner.rules.budget import allowance, budget_lines
from tests.builders import DATA, calendar_for, person, plan

SCHOOL_DAYS = AcademicYear.build(2019).school_days(dt.date(2019, 9, 9), dt.date(2020, 7, 10))


def days_of(project: str | None, who: str, count: int, time: str | None = None, first: int = 0) -> list[dict]:
    """`count` one-off events of a project on different school days: all day (1 day) or timed (half a day)."""
    events = []
    for n in range(count):
        day = SCHOOL_DAYS[first + n]
        item = {"id": f"{who}-{project or 'none'}-{first + n}", "title": "Day", "date": day, "people": [who]}
        if project:
            item["project"] = project
        if time:
            item["time"] = time
        events.append(item)
    return events


def budget(cal: Calendar) -> list[Conflict]:
    return list(BY_NAME["time-budget"].check(cal, Index.build(cal)))


def lines(cal: Calendar, who: str) -> list[tuple[str | None, float, float, Severity | None]]:
    return [(line.project, line.counted, line.allowance, line.severity) for line in budget_lines(cal, who)]


def test_a_cohort_5_specialist_has_19_01_s_15_days_central_training_included(tmp_path: Path) -> None:
    # "15 days of supply cover for the year: 7 days to attend the launch and 3 x 2-day residentials" (L186-187).
    specialist = person("c5", "primary-mastery-specialist", attends=["19-01/*"], cohort=5)
    the_plan = plan(people=[specialist], events=days_of("19-01", "c5", 20, "13:00-16:00"))  # 10 days of TRGs
    cal = calendar_for(tmp_path, the_plan, projects=["19-01"])
    assert lines(cal, "c5") == [("19-01", 16.0, 15.0, Severity.ERROR)]  # 3 x 2 residential days + 10 local
    [conflict] = budget(cal)
    assert conflict.message == (
        "C5 is committed to 16 days of NCP 19-01 but has 15 (Primary Mastery Specialist, catalogue L186-189): "
        "1 day(s) over"
    )
    # The launch is in the summer term before the year: not dated, not counted.
    [line] = budget_lines(cal, "c5")
    assert line.not_dated == 1.0
    # Before, the largest budget of any project for the role applied: 19-09's 33 days.
    assert allowance(cal, "c5") == (15.0, "15 for NCP 19-01")


def test_an_mr_lead_at_exactly_30_local_days_is_fine(tmp_path: Path) -> None:
    # "approximately 30 days ... in addition to attending the Mastery Readiness central training" (L1438).
    mrl = person("mrl", "mrl", "wgl", attends=["19-11/b-*"])
    cal = calendar_for(tmp_path, plan(people=[mrl], events=days_of("19-11", "mrl", 30)), projects=["19-11"])
    [line] = budget_lines(cal, "mrl")
    assert (line.counted, line.allowance, line.severity) == (30.0, 30.0, None)
    assert line.left_out == 4.0  # the residential (2 days) and two national workshops: not counted
    assert budget(cal) == []
    # One more local day is over an approximate budget: a warning, not an error.
    cal = calendar_for(tmp_path / "b", plan(people=[mrl], events=days_of("19-11", "mrl", 31)), projects=["19-11"])
    [conflict] = budget(cal)
    assert conflict.severity is Severity.WARNING
    assert "31 days of NCP 19-11 but has approximately 30" in conflict.message
    assert "4 day(s) of central training not counted" in conflict.message


def test_one_person_in_two_projects_has_two_budgets(tmp_path: Path) -> None:
    # 19-12: "8 days: Running Work Group sessions: 3 days - Central NCP workshops: 3 days ..." (L1643-1646);
    # 19-18: "9 or 10 days WGL time in total" (L2508). Before: one cap of 10 for both.
    events = days_of("19-12", "w", 8) + days_of("19-18", "w", 10, first=8)
    cal = calendar_for(tmp_path, plan(people=[person("w", "wgl")], events=events), projects=["19-12", "19-18"])
    assert lines(cal, "w") == [("19-12", 8.0, 8.0, None), ("19-18", 10.0, 10.0, None)]
    assert budget(cal) == []
    events += days_of("19-12", "w", 1, first=18)
    cal = calendar_for(tmp_path / "b", plan(people=[person("w", "wgl")], events=events), projects=["19-12", "19-18"])
    assert lines(cal, "w") == [("19-12", 9.0, 8.0, Severity.ERROR), ("19-18", 10.0, 10.0, None)]
    [conflict] = budget(cal)
    assert conflict.severity is Severity.ERROR and "9 days of NCP 19-12 but has 8" in conflict.message


def test_roles_without_a_budget_in_the_project_give_no_line(tmp_path: Path) -> None:
    # Lucy Brown leads a 19-10 group: 19-10 sets no budget; 19-08's 10 days for WGLs are not hers.
    cal = calendar_for(tmp_path, plan(people=[person("lb", "primary-tfm-lead", "wgl")],
                                      events=days_of("19-10", "lb", 12)), projects=["19-10", "19-08"])  # fmt: skip
    assert budget_lines(cal, "lb") == [] and budget(cal) == []


def test_a_budget_for_seven_schools_scales_with_the_schools_led(shipped: Dataset) -> None:
    cal = assemble(shipped)
    by_person = {who: lines(cal, who) for who in ("pshah", "dokafor")}
    assert by_person == {
        "pshah": [("19-09", 13.5, 33.0, None)],  # 7 schools: "6 TRGs + 3 x 7 school visits + 6 days"
        "dokafor": [("19-09", 12.0, 30.0, None)],  # 6 schools: 3 days fewer
    }


def test_the_sample_mr_lead_counts_local_days_only(shipped: Dataset) -> None:
    [line] = budget_lines(assemble(shipped), "mellis")
    assert (line.project, line.counted, line.left_out, line.allowance) == ("19-11", 20.0, 4.0, 30.0)


def test_allowance_days_is_a_total_and_days_outside_projects_count_there_only(tmp_path: Path) -> None:
    events = days_of("19-12", "x", 8) + days_of(None, "x", 1, first=8) + days_of(None, "x", 1, "13:00-16:00", 9)
    cal = calendar_for(tmp_path, plan(people=[person("x", "wgl", allowance_days=9)], events=events), projects=["19-12"])
    assert lines(cal, "x") == [("19-12", 8.0, 8.0, None), (None, 9.5, 9.0, Severity.ERROR)]
    [conflict] = budget(cal)
    assert conflict.message.startswith("X is committed to 9.5 days in all but has 9")


def test_a_plan_can_set_its_own_allowance_for_one_project(tmp_path: Path) -> None:
    mrl = person("m", "mrl", budgets={"19-11": 32})
    cal = calendar_for(tmp_path, plan(people=[mrl], events=days_of("19-11", "m", 31)), projects=["19-11"])
    assert lines(cal, "m") == [("19-11", 31.0, 32.0, None)]
    mrl["budgets"] = {"19-11": 30}
    cal = calendar_for(tmp_path / "b", plan(people=[mrl], events=days_of("19-11", "m", 31)), projects=["19-11"])
    assert lines(cal, "m") == [("19-11", 31.0, 30.0, Severity.ERROR)]  # the plan's own number is exact


def test_a_commitment_is_never_over(tmp_path: Path) -> None:
    # 19-20: "Project level commitment: 3 days ... Hub level commitment: 3 days (or equivalent)" (L2738-2739).
    cal = calendar_for(tmp_path, plan(people=[person("w", "wgl")], events=days_of("19-20", "w", 9)), projects=["19-20"])
    assert lines(cal, "w") == [("19-20", 9.0, 6.0, None)]


@pytest.mark.parametrize(
    ("project", "role", "includes_central", "stated"),
    [
        ("19-01", "primary-mastery-specialist", True, True),
        ("19-09", "primary-mastery-specialist", False, False),
        ("19-11", "mrl", False, False),
        ("19-12", "wgl", True, True),
        ("19-15", "secondary-mastery-specialist", None, False),
    ],
)
def test_the_catalogue_s_budgets_say_whether_central_training_counts(
    shipped: Dataset, project: str, role: str, includes_central: bool | None, stated: bool
) -> None:
    [found] = [b for b in shipped.projects[project].budgets if b.role == role]
    assert (found.includes_central, found.stated) == (includes_central, stated)
    assert found.source and found.breakdown  # quoted, with its lines


def test_a_person_s_agenda_lists_each_budget(capsys) -> None:
    assert main(["agenda", "--data", str(DATA), "--person", "mellis"]) == 0
    out = capsys.readouterr().out
    assert "Release days of Mark Ellis:" in out
    assert (
        "  NCP 19-11 (Mastery Readiness Lead): 20 of 30 days (approximate; 4 days of central training not counted)"
        " [catalogue L1438]"
    ) in out
    assert "  not in a project: 0.5 days" in out  # the hub launch
