"""Values no data file should hold, and files that are not what they seem: each is one problem at its line,
never a crash, a hang, or data silently accepted (issue 11). The CLI's view of the same: tests/hostile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mh_planner.loading import load
from mh_planner.problems import InvalidData, Problem

PLAN = "plans/2019-20/ee2.yaml"
YEAR = "year/2019-20.yaml"
EXCHANGE = "programme/2019-20/19-02.yaml"


def problems(data: Path) -> list[Problem]:
    with pytest.raises(InvalidData) as caught:
        load(data)
    return list(caught.value.problems)


def edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "message"),
    [
        (PLAN, "closures:\n", "closures:\n  - {date: 2019-12-02, end: 9999-12-31}\n", "closures[0].end",
         "9999-12-31 is not a plausible date"),
        (PLAN, "date: 2019-10-23", "date: 0001-01-01", "events[0].date", "not a plausible date"),
        (EXCHANGE, "{what: Depart London, date: 2019-11-09", "{what: Depart London, date: 0019-11-09",
         "exchange_legs[0].steps[0].date", "not a plausible date"),
        (EXCHANGE, "date: 2019-11-11, end: 2019-11-21", "date: 2019-11-21, end: 2019-11-11",
         "exchange_legs[0].steps[2]", "end 2019-11-11 is before date 2019-11-21"),
        (EXCHANGE, "date: 2019-11-11, end: 2019-11-21", "date: 2019-12-11, end: 2019-12-21",
         "exchange_legs[0]", "outside the leg"),
        (EXCHANGE, "when: dates to be provided", "when: 2019-10-10 to 2019-10-01", "events[0].when",
         "ends before it starts"),
        (EXCHANGE, "when: dates to be provided", "when: Early October 9999", "events[0].when",
         "not in a plausible year"),
        (EXCHANGE, "when: dates to be provided", "when: Early October 2025", "events[0].when",
         "far from 2019/20"),
        (EXCHANGE, "    kind: webinar\n    when: dates to be provided\n",
         "    kind: workshop\n    date: 2019-10-02\n    length: 99999999 days\n", "events[0].length", "over 60 days"),
        ("programme/2019-20/19-01.yaml", "days: 15", "days: .inf", "budgets[0].days", "finite"),
        ("programme/2019-20/programme.yaml", 'year: "2019/20"', "year: 19/20", "year", "pattern"),
        ("programme/2019-20/programme.yaml", 'year: "2019/20"', 'year: "2019/21"', "year", "not an academic year"),
        (PLAN, '"19-25/nw1": {date: 2019-10-15', '"19-25/nw1": {date: 2021-10-15', "confirm.19-25/nw1.date",
         "far from 2019/20"),
        (PLAN, "hub: ee2", "hub: " + "x" * 100_000, "hub", "at most 100 characters"),
        (PLAN, "preferred_weekdays: [wednesday]", f"preferred_times: [{', '.join(['09:00-12:00'] * 50_000)}]",
         "people[0].preferred_times", "at most 12 items"),
        (PLAN, "preferred_weekdays: [wednesday]", f"preferred_weekdays: [{', '.join(['tuesday'] * 50_000)}]",
         "people[0].preferred_weekdays", "at most 7 items"),
        (PLAN, "title: Cambridge Maths Hub 2019/20", "title: " + "x" * 100_000, "title", "at most 10000 characters"),
        (YEAR, "2019-12-25: Christmas Day", "2019-12-25: [Christmas Day]", "bank_holidays.2019-12-25",
         "valid string"),
        (YEAR, "2019-12-25: Christmas Day", "2021-12-25: Christmas Day", "", "bank holiday 2021-12-25 is not in"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 and "\n" not in value else "",
)  # fmt: skip
def test_a_value_out_of_bounds_is_one_problem_at_its_field(data_copy, name, old, new, field, message) -> None:
    """(The ids of these cases are the field and its message: a 100,000-character value makes a poor name.)"""
    edit(data_copy, name, old, new)
    found = problems(data_copy)
    assert len(found) == 1, found
    assert found[0].file.endswith(name) and found[0].line and found[0].field == field, found
    assert message in found[0].message and len(str(found[0])) < 300, found


def test_a_year_file_with_another_year_s_terms_is_refused(data_copy) -> None:
    path = data_copy / YEAR
    head, tail = path.read_text().split("bank_holidays", 1)
    path.write_text(head.replace("2020-", "2021-").replace("2019-", "2020-") + "bank_holidays" + tail)
    [problem] = problems(data_copy)
    assert problem.file.endswith(YEAR) and "is not in 2019/20" in problem.message


def test_a_second_year_file_for_the_same_year_is_refused(data_copy) -> None:
    shutil.copyfile(data_copy / YEAR, data_copy / "year" / "2019-20-copy.yaml")
    [problem] = problems(data_copy)
    assert problem.file.endswith("2019-20-copy.yaml") and problem.field == "year"


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to("gone.yaml")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _upper(path: Path) -> None:
    path.rename(path.with_suffix(".YAML"))


@pytest.mark.parametrize("make", [_dangling, _folder, _fifo, _upper], ids=["link", "folder", "fifo", "YAML"])
def test_a_plan_that_cannot_be_read_is_a_problem_not_a_plan_less_year(data_copy, make) -> None:
    make(data_copy / PLAN)
    [problem] = problems(data_copy)
    assert Path(problem.file).stem == "ee2" and "2019-20" in problem.file
    assert problem.line is None and problem.message


@pytest.mark.parametrize("folder", ["plans", "plans/2019-20", "year"])
def test_a_folder_that_is_a_file_is_a_problem(data_copy, folder) -> None:
    shutil.rmtree(data_copy / folder)
    (data_copy / folder).write_text("x\n")
    found = problems(data_copy)
    assert any(p.file == str(data_copy / folder) and "must be a folder" in p.message for p in found), found


def test_an_event_pasted_a_thousand_times_is_one_problem(data_copy) -> None:
    block = (data_copy / PLAN).read_text().split("  - id: hub-launch\n")[1].split("\n\n")[0]
    edit(
        data_copy,
        PLAN,
        "\n# Dates the national",
        "\n" + ("  - id: hub-launch\n" + block + "\n") * 1000 + "\n# Dates the national",
    )
    [problem] = problems(data_copy)
    assert "duplicate event id 'hub-launch': used 1,001 times (lines" in problem.message


def test_a_missing_roles_file_is_the_one_problem_reported(data_copy) -> None:
    (data_copy / "roles.yaml").unlink()
    found = problems(data_copy)
    assert [str(p) for p in found] == [f"{data_copy / 'roles.yaml'}: file is missing"]


def test_an_invalid_exchange_leg_is_reported_once_not_in_every_plan_that_attends_it(data_copy) -> None:
    edit(data_copy, EXCHANGE, "    start: 2019-11-09", "    start: 0019-11-09")
    [problem] = problems(data_copy)
    assert problem.file.endswith(EXCHANGE) and problem.field == "exchange_legs[0].start"


def test_control_characters_in_messages_are_escaped(data_copy) -> None:
    edit(data_copy, PLAN, 'attends: ["19-07/*"]', 'attends: ["\\e[2J19-07/*"]')
    [problem] = problems(data_copy)
    assert "\x1b" not in str(problem) and "\\x1b[2J19-07/*" in str(problem)


def test_a_copy_of_a_plan_is_reported_in_both_files_and_only_there(data_copy) -> None:
    shutil.copyfile(data_copy / PLAN, data_copy / "plans" / "2019-20" / "copy-ee2.yaml")
    found = problems(data_copy)
    assert sorted(Path(p.file).name for p in found) == ["copy-ee2.yaml", "ee2.yaml"]
    assert all(p.field == "hub" and "plan in" in p.message for p in found)
