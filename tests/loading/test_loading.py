"""Strict loading: the shipped data loads cleanly; every kind of bad input gives exit 2 with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mh_planner.cli import main
from mh_planner.loading import load
from mh_planner.problems import InvalidData


def test_shipped_data_loads_cleanly(shipped) -> None:
    assert len(shipped.projects) == 25
    assert sorted(shipped.projects) == [f"19-{n:02d}" for n in range(1, 26)]
    assert len(shipped.hubs) == 40
    assert shipped.hubs["ee2"].name == "Cambridge Maths Hub"
    assert sum(1 for h in shipped.hubs.values() if h.code is None) == 5  # the hubs new in 2019 and 2020
    legs = {leg.id: leg for _, leg in shipped.exchange_legs()}
    assert (str(legs["outward"].start), str(legs["outward"].end)) == ("2019-11-09", "2019-11-22")
    assert (str(legs["return"].start), str(legs["return"].end)) == ("2020-02-29", "2020-03-14")
    assert [p.plan.hub for p in shipped.plans] == ["ee2"]


def test_every_project_keeps_its_sources(shipped) -> None:
    for project in shipped.projects.values():
        assert project.source, project.id
        for event in project.events:
            assert event.source, (project.id, event.id)


def run_check(data: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--data", str(data)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, [line for line in err.splitlines() if line]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


PLAN = "plans/2019-20/ee2.yaml"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("lead: rgreen", "lead: jsmith", "work_groups[2].lead", "no person 'jsmith'"),
        ("venue: gaywood\n", "venue: nowhere\n", "work_groups[2].venue", "no venue 'nowhere'"),
        ('project: "19-15"', 'project: "19-99"', "work_groups[6].project", "no project '19-99'"),
        ("date: 2019-10-23", "date: 2019-02-30", "events[0].date", "impossible date"),
        ("date: 2019-10-23", "date: 2019-10-23\n    end_date: 2019-10-01", "events[0]", "before"),
        ('time: "09:30-12:00"', 'time: "12:00-09:30"', "events[0].time", "ends before it starts"),
        ("capacity: 40}", "capacity: lots}", "venues[0].capacity", "integer"),
        ("    name: Mark Ellis\n", "    name: Mark Ellis\n    nmae: typo\n", "people[6].nmae", "unknown field"),
        ("attends: [19-11/b-*]", "attends: [19-11/nope]", "people[6].attends[0]", "no central event"),
    ],
)
def test_bad_plan_gives_one_line_with_file_line_and_field(data_copy, capsys, old, new, field, message) -> None:
    path = data_copy / PLAN
    replace_in(path, old, new)
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    problems = [line for line in lines if field in line]
    assert problems, lines
    assert problems[0].startswith(f"{path}:")
    assert message in problems[0]
    number = int(problems[0].split(":")[1])
    assert number == line_of(path, new.strip().splitlines()[-1].split(":")[0]) or number > 0


def test_line_numbers_point_at_the_field(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "lead: rgreen", "lead: jsmith")
    _, lines = run_check(data_copy, capsys)
    assert f"{path}:{line_of(path, 'lead: jsmith')}: work_groups[2].lead: no person 'jsmith'" in lines


def test_yaml_syntax_error_names_the_line(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "hub: ee2", "hub: [ee2")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert lines[0].startswith(f"{path}:") and "YAML syntax error" in lines[0]


def test_duplicate_mapping_key_is_refused(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "title: Cambridge Maths Hub 2019/20", "title: Cambridge Maths Hub 2019/20\ntitle: Again")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert f"{path}:{line_of(path, 'title: Again')}: title: duplicate key (first at line" in lines[0]


@pytest.mark.parametrize(
    ("file", "old", "new", "what"),
    [
        (PLAN, "  - id: rgreen\n", "  - id: pshah\n", "duplicate person id 'pshah'"),
        (PLAN, "  - id: wg-huntingdon\n", "  - id: wg-kings-lynn\n", "duplicate work group id"),
        (
            "programme/2019-20/19-11.yaml",
            "  - id: a-webinar2\n",
            "  - id: a-webinar1\n",
            "duplicate event id 'a-webinar1'",
        ),
        ("hubs.yaml", "id: ee3", "id: ee2", "duplicate hub id 'ee2'"),
    ],
)
def test_duplicate_ids_are_refused(data_copy, capsys, file, old, new, what) -> None:
    path = data_copy / file
    replace_in(path, old, new)
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any(what in line and line.startswith(f"{path}:") for line in lines), lines


def test_file_that_is_not_text(data_copy, capsys) -> None:
    (data_copy / "plans" / "2019-20" / "photo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any("photo.yaml" in line and "not a text file" in line for line in lines)


def test_file_that_is_not_utf8(data_copy, capsys) -> None:
    (data_copy / "plans" / "2019-20" / "latin1.yaml").write_bytes("hub: ee1\ntitle: caf\xe9\n".encode("latin-1"))
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any("latin1.yaml:2" in line and "not UTF-8" in line for line in lines)


def test_all_problems_are_reported_in_one_run(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "lead: rgreen", "lead: jsmith")
    replace_in(path, "date: 2019-10-23", "date: 2019-13-01")
    replace_in(data_copy / "programme" / "2019-20" / "19-11.yaml", "when: Late June", "when: Latish June")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    problems = [line for line in lines if ": " in line and ".yaml:" in line]
    assert len(problems) == 3
    assert any("no person 'jsmith'" in line for line in problems)  # found beside the impossible date
    assert lines[-1].startswith("3 problem(s)")


def test_reference_problems_are_found_beside_model_problems(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "date: 2019-10-23", "date: 2019-13-01")  # a model problem in events[0]
    replace_in(path, "lead: spatel", "lead: nobody")  # a reference problem elsewhere in the same file
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any("events[0].date" in line for line in lines)
    assert any("work_groups[3].lead: no person 'nobody'" in line for line in lines), lines


def test_an_invalid_item_does_not_cascade(data_copy, capsys) -> None:
    # The school line is broken (an unquoted comma); work groups naming that school are not reported too.
    path = data_copy / PLAN
    replace_in(path, '"Icknield Primary School, Sawston"', "Icknield Primary School, Sawston")
    replace_in(path, "lead: rgreen", "lead: rgren")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert [line.split(": ")[1] for line in lines[:-1]] == ["schools[9].Sawston", "work_groups[2].lead"]


def test_end_before_start_in_term_dates(data_copy, capsys) -> None:
    path = data_copy / "year" / "2019-20.yaml"
    old = "half_term: {start: 2020-02-17, end: 2020-02-21}"
    replace_in(path, old, "half_term: {start: 2020-02-21, end: 2020-02-17}")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any("terms[1].half_term" in line and "before start" in line for line in lines), lines


def test_a_plans_own_terms_must_be_all_three(data_copy, capsys) -> None:
    path = data_copy / PLAN
    replace_in(path, "closures:", "terms:\n  - {name: Autumn, start: 2019-09-03, end: 2019-12-20, "
               "half_term: {start: 2019-10-28, end: 2019-11-01}}\nclosures:")
    code, lines = run_check(data_copy, capsys)
    assert code == 2
    assert any("terms" in line and "Autumn, Spring, Summer" in line for line in lines), lines


def test_missing_data_folder(tmp_path, capsys) -> None:
    code, lines = run_check(tmp_path / "nowhere", capsys)
    assert code == 2
    assert "no such data folder" in lines[0]


def test_time_without_quotes_is_read_as_a_time(data_copy) -> None:
    """YAML 1.1 reads 13:00 as the integer 780; the loader keeps it as the time it is."""
    path = data_copy / PLAN
    replace_in(path, 'time: "09:30-12:00"', "time: 09:30-12:00")
    replace_in(
        path,
        'meetings: {every: half-term, weekday: tuesday, week: 3, time: "13:00-16:00"}',
        "meetings: {every: half-term, weekday: tuesday, week: 3, time: 13:00-16:00}",
    )
    dataset = load(data_copy)
    assert dataset.plans[0].plan.work_groups[0].meetings.time == "13:00-16:00"


def test_invalid_data_exception_lists_every_problem(data_copy) -> None:
    replace_in(data_copy / PLAN, "lead: rgreen", "lead: jsmith")
    with pytest.raises(InvalidData) as info:
        load(data_copy)
    assert len(info.value.problems) == 1
