"""Several academic years in one data folder: which year opens, the flat layout, `--year`, years that
disagree with their folder, and the later years' programmes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mh_planner.cli import main
from mh_planner.loading import InvalidData, load
from mh_planner.loading.years import default_year, layout, normalise, years
from mh_planner.model import Required
from tests.builders import DATA, PLANS, PROGRAMME


def test_the_shipped_folder_holds_three_years_and_opens_the_one_with_a_plan() -> None:
    assert years(DATA) == ["2019/20", "2020/21", "2021/22"]
    assert default_year(DATA) == "2019/20"  # the latest year with a plan
    dataset = load(DATA)
    assert dataset.label == "2019/20" and dataset.years == ("2019/20", "2020/21", "2021/22")
    assert dataset.plans_dir == PLANS and [f.plan.hub for f in dataset.plans] == ["ee2"]


def test_the_latest_year_with_a_plan_opens_by_default(data_copy: Path) -> None:
    (data_copy / "plans" / "2020-21").mkdir()
    (data_copy / "plans" / "2020-21" / "ee2.yaml").write_text('hub: ee2\nyear: "2020/21"\n')
    assert load(data_copy).label == "2020/21"
    assert load(data_copy, "2019/20").label == "2019/20"


@pytest.mark.parametrize("asked", ["2020/21", "2020-21", "2020"])
def test_a_year_asked_for_in_any_spelling(asked: str) -> None:
    assert normalise(asked) == "2020/21"
    dataset = load(DATA, asked)
    assert dataset.label == "2020/21" and not dataset.plans
    assert set(dataset.projects) == {"20-22", "primary-tfm-development"}


def test_a_year_not_in_the_folder_is_a_problem() -> None:
    with pytest.raises(InvalidData) as caught:
        load(DATA, "2022/23")
    [problem] = caught.value.problems
    assert "no programme for 2022/23" in problem.message and "2019/20, 2020/21, 2021/22" in problem.message
    assert isinstance(layout(DATA, "2020/22"), str)  # not a year


def test_the_flat_layout_still_loads_as_one_year(tmp_path: Path) -> None:
    root = tmp_path / "flat"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("programme", "plans"))
    shutil.copytree(PROGRAMME, root / "programme")
    shutil.copytree(PLANS, root / "plans")
    dataset = load(root)
    assert dataset.label == "2019/20" and dataset.years is None
    assert dataset.plans_dir == root / "plans" and len(dataset.plans) == 1
    with pytest.raises(InvalidData, match="this programme is for 2019/20, but --year says 2020/21"):
        load(root, "2020/21")


def test_a_programme_must_be_in_its_year_s_folder(data_copy: Path) -> None:
    path = data_copy / "programme" / "2020-21" / "programme.yaml"
    path.write_text(path.read_text().replace('year: "2020/21"', 'year: "2019/20"'))
    with pytest.raises(InvalidData, match="this programme is for 2019/20, but the folder 2020-21 says 2020/21"):
        load(data_copy, "2020/21")


def test_a_plan_s_year_must_be_its_programme_s(data_copy: Path) -> None:
    path = data_copy / "plans" / "2019-20" / "ee2.yaml"
    path.write_text(path.read_text().replace('year: "2019/20"', 'year: "2020/21"'))
    with pytest.raises(InvalidData) as caught:
        load(data_copy)
    [problem] = caught.value.problems
    assert (problem.field, problem.message) == ("year", "this plan is for 2020/21, but the programme is for 2019/20")


def test_a_term_dates_file_must_be_where_its_fields_say(data_copy: Path) -> None:
    wrong = data_copy / "term-dates" / "norfolk" / "2018-19.yaml"
    shutil.copy(data_copy / "term-dates" / "norfolk" / "2019-20.yaml", wrong)
    with pytest.raises(InvalidData, match=r"calendar 'norfolk' for 2019/20 must be in term-dates/norfolk/2019-20.yaml"):
        load(data_copy)


def test_the_2020_21_programme_is_seed_000_and_004_undated() -> None:
    dataset = load(DATA, "2020/21")
    itt = dataset.projects["20-22"]
    assert (itt.code, itt.continues, itt.events, itt.required) == ("NCP20-22", ["19-25"], [], Required.NOT_STATED)
    development = dataset.projects["primary-tfm-development"]
    assert development.code is None and development.label == "primary-tfm-development"
    assert development.continues == ["19-09"] and [c.every for c in development.cadence] == ["half-term", "term"]


def test_the_2021_22_programme_is_seed_001_by_phase_all_undated() -> None:
    dataset = load(DATA, "2021/22")
    assert len(dataset.projects) == 17  # every project of seed 001
    assert all(not p.events and not p.budgets and not p.cadence for p in dataset.projects.values())
    assert {p.id for p in dataset.projects.values() if p.new} == {
        "new-to-core-maths", "secondary-mat-leads", "secondary-subject-leadership"
    }  # fmt: skip
    assert dataset.projects["itt-providers"].continues == ["20-22"]


def test_check_and_agenda_take_a_year(capsys) -> None:
    assert main(["check", "--data", str(DATA), "--year", "2020/21"]) == 0
    out = capsys.readouterr().out
    assert "academic year 2020/21 (years in the folder: 2019/20, 2020/21, 2021/22)" in out
    assert main(["--year", "2021/22", "agenda", "--data", str(DATA)]) == 0
    assert main(["check", "--data", str(DATA), "--year", "1999/00"]) == 2
    assert "no programme for 1999/00" in capsys.readouterr().err


def test_check_names_the_term_dates_in_use(capsys) -> None:
    main(["check", "--data", str(DATA)])
    out = capsys.readouterr().out
    assert (
        "  term dates: Cambridgeshire County Council 2019/20; Norfolk County Council 2019/20; "
        "Peterborough City Council 2019/20 (partial)"
    ) in out


def test_the_year_files_cover_the_years_of_the_folder() -> None:
    for label in years(DATA):
        path = DATA / "year" / f"{label.replace('/', '-')}.yaml"
        assert yaml.safe_load(path.read_text())["year"] == label
