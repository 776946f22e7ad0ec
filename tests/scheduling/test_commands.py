"""`mh-planner suggest` and `place`: output, exit codes, --write, determinism, the solver loaded lazily."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mh_planner.cli import main
from tests.builders import DATA, ROOT
from tests.scheduling.plans import exchange_case


def test_suggest_one_event_as_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "wg-peterborough/meeting-2", "--data", str(DATA), "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Peterborough Primary TfM Development: meeting 2 (Autumn 2)")
    assert "1. Tue 5 Nov 2019 13:00-16:00, Orton Wistow Primary School, Peterborough  [12]" in out
    assert "resolves: Priya Shah is booked twice" in out
    assert main(["suggest", "wg-peterborough/meeting-2", "--data", str(DATA), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "mh-planner/suggestions/v1" and document["found"] is True
    (event,) = document["events"]
    assert event["now"]["date"] == "2019-11-12" and event["now"]["clashes"]
    first = event["proposals"][0]
    assert (first["date"], first["start"], first["end"], first["venue"]) == ("2019-11-05", "13:00", "16:00",
                                                                             "orton-wistow")  # fmt: skip
    assert len(event["proposals"]) == 5 and first["score"] == 12


def test_suggest_a_work_group(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--work-group", "wg-itt", "--data", str(DATA), "--format", "json", "--limit", "1"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["asked"] == {"work_group": "wg-itt"} and document["series"]["name"] == "Cambridge ITT Partnership"
    assert [e["id"] for e in document["events"]] == ["wg-itt/meeting-1", "wg-itt/meeting-2", "wg-itt/meeting-3"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["suggest"], "give an EVENT-ID or --work-group"),
        (["suggest", "wg-itt/meeting-1", "--work-group", "wg-itt"], "give an EVENT-ID or --work-group"),
        (["suggest", "nope"], "no event 'nope'"),
        (["suggest", "--work-group", "nope"], "no work group 'nope'"),
        (["suggest", "19-02/outward"], "exchange leg"),
        (["suggest", "wg-itt/meeting-1", "--limit", "0"], "--limit must be at least 1"),
        (["place", "--hub", "zz9"], "no hub plan 'zz9'"),
    ],
)
def test_bad_requests_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main([*argv, "--data", str(DATA)]) == 2
    assert message in capsys.readouterr().err


def test_nothing_fits_exits_1_with_the_explanation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(exchange_case(tmp_path))
    assert main(["suggest", "wg-peterborough/meeting-2", "--data", root]) == 1
    assert "nothing fits: Priya Shah's 'First residential'" in capsys.readouterr().out
    assert main(["place", "--data", root, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["found"] is False and document["moves"] == [] and len(document["constraints"]) == 4
    assert document["explanation"].endswith("leave no free Tuesday in Autumn 2 for Peterborough TRG.")


def test_place_prints_the_moves_and_writes_them_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    plan = data / "plans" / "2019-20" / "ee2.yaml"
    text = plan.read_text()
    assert main(["place", "--repair", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Errors: 4 before, 4 resolved, 0 left." in out and "Nothing written: add --write" in out
    assert plan.read_text() == text
    assert main(["place", "--repair", "--write", "--data", str(data)]) == 0
    assert "Written: " in capsys.readouterr().out
    after = plan.read_text()
    assert "# Sample plan: Cambridge Maths Hub (EE2), 2019/20." in after  # comments kept
    assert "- {session: 2, date: 2019-11-05}" in after
    assert main(["check", "--data", str(data)]) == 0  # no error left
    capsys.readouterr()
    assert main(["place", "--data", str(data), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["moves"] == []  # placed already: nothing more to move


def test_place_write_into_a_read_only_plan_writes_nothing_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan that cannot be written is a problem with the input (2), not "nothing fits" (1)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    plan = data / "plans" / "2019-20" / "ee2.yaml"
    text = plan.read_text()
    plan.chmod(0o444)
    assert main(["place", "--repair", "--write", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "nothing written" in err and "Traceback" not in err
    assert plan.read_text() == text


def test_suggest_and_place_read_and_write_the_year_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder of several years: the latest with a plan by default, `--year` (after the command or before
    it) for another; `place --write` writes that year's plan and no other."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    assert main(["new-year", "2020/21", "--data", str(data)]) == 0
    capsys.readouterr()
    meeting = ["wg-peterborough/meeting-2", "--data", str(data), "--format", "json", "--limit", "1"]
    for argv, day in (
        (["suggest", *meeting], "2020-11-17"),
        (["suggest", *meeting, "--year", "2019/20"], "2019-11-12"),
        (["--year", "2019/20", "suggest", *meeting], "2019-11-12"),
    ):
        assert main(argv) == 0
        (event,) = json.loads(capsys.readouterr().out)["events"]
        assert event["now"]["date"] == day, argv
    old, new = data / "plans" / "2019-20" / "ee2.yaml", data / "plans" / "2020-21" / "ee2.yaml"
    new_text = new.read_text()
    assert main(["place", "--repair", "--write", "--year", "2019/20", "--data", str(data)]) == 0
    assert "Written: " in capsys.readouterr().out
    assert "- {session: 2, date: 2019-11-05}" in old.read_text() and new.read_text() == new_text
    assert main(["check", "--year", "2019/20", "--data", str(data)]) == 0
    assert main(["place", "--year", "2030/31", "--data", str(data)]) == 2  # no such year: invalid input


COMMANDS = """
import sys
from mh_planner.cli import main
main(['place', '--repair', '--data', sys.argv[1], '--format', 'json'])
main(['suggest', '--work-group', 'wg-peterborough', '--data', sys.argv[1], '--format', 'json', '--limit', '2'])
"""


def test_same_data_same_answers_across_interpreters() -> None:
    """Fresh interpreters with different hash seeds: set and dict order cannot leak into the results."""
    outputs = set()
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", COMMANDS, str(DATA)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


LAZY = """
import sys
import mh_planner.scheduling, mh_planner.editing, mh_planner.cli.schedule_commands, mh_planner.tui.session
from pathlib import Path
from mh_planner.assemble import assemble
from mh_planner.loading import load
from mh_planner.scheduling import suggest_times
assert 'ortools' not in sys.modules, 'imported at start-up'
suggest_times(assemble(load(Path(sys.argv[1]))), 'wg-peterborough/meeting-2')
assert 'ortools' not in sys.modules, 'imported to suggest (no solver needed)'
print('ok')
"""


def test_the_solver_is_imported_only_to_place() -> None:
    run = subprocess.run([sys.executable, "-c", LAZY, str(DATA)], cwd=ROOT, capture_output=True, text=True)
    assert run.stdout.strip() == "ok", run.stderr
