"""The command line: help everywhere, version, exit codes, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mh_planner import __version__
from mh_planner.cli import main
from tests.builders import DATA, ROOT


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize(
    "command", [[], ["check"], ["agenda"], ["schema"], ["new-year"], ["people"], ["venues"], ["groups"], ["print"]]
)
def test_help_on_every_command(capsys, command) -> None:
    assert main([*command, "--help"]) == 0
    assert "usage: mh-planner" in capsys.readouterr().out


def test_usage_error_exits_2(capsys) -> None:
    assert main(["check", "--data", str(DATA), "--from", "someday"]) == 2
    assert "--from: cannot read the date 'someday'" in capsys.readouterr().err


def test_unknown_person_filter_is_a_usage_error(capsys) -> None:
    assert main(["check", "--data", str(DATA), "--person", "nobody"]) == 2
    assert "no person 'nobody'" in capsys.readouterr().err


def test_python_dash_m_runs_the_package() -> None:
    result = subprocess.run([sys.executable, "-m", "mh_planner", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and __version__ in result.stdout


def test_check_on_shipped_data_reports_the_sample_clashes(capsys) -> None:
    assert main(["check", "--data", str(DATA)]) == 1  # the sample has deliberate clashes
    out = capsys.readouterr().out
    assert "Errors (" in out and "Person double-booked" in out


def test_check_json_follows_the_documented_schema(capsys) -> None:
    code = main(["check", "--data", str(DATA), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "mh-planner/conflicts/v1"
    assert document["year"] == "2019/20"
    assert code == (1 if document["summary"]["errors"] else 0)
    assert document["summary"]["errors"] + document["summary"]["warnings"] == len(document["conflicts"])
    for conflict in document["conflicts"]:
        assert set(conflict) == {"rule", "severity", "message", "event_ids", "people", "venue", "dates", "fix"}
        assert conflict["severity"] in {"error", "warning"}


def test_person_filter_narrows_the_report(capsys) -> None:
    main(["check", "--data", str(DATA), "--format", "json"])
    everything = json.loads(capsys.readouterr().out)["conflicts"]
    main(["check", "--data", str(DATA), "--format", "json", "--person", "oprice"])
    narrowed = json.loads(capsys.readouterr().out)["conflicts"]
    assert 0 < len(narrowed) < len(everything)


def test_date_filter_narrows_the_report(capsys) -> None:
    main(["check", "--data", str(DATA), "--format", "json", "--from", "2019-11-01", "--to", "2019-11-30"])
    for conflict in json.loads(capsys.readouterr().out)["conflicts"]:
        assert all("2019-11-01" <= d <= "2019-11-30" for d in conflict["dates"][:1])


def test_agenda_lists_events_and_undated(capsys) -> None:
    assert main(["agenda", "--data", str(DATA), "--undated"]) == 1  # as check: the sample has hard conflicts
    out = capsys.readouterr().out
    assert "England teachers to Shanghai" in out or "Shanghai" in out
    assert "Not yet dated" in out


def test_schema_prints_json_schema(capsys) -> None:
    assert main(["schema", "plan"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Plan" and "work_groups" in schema["properties"]


def test_output_into_a_closed_pipe_is_not_a_traceback() -> None:
    command = f"{sys.executable} -m mh_planner agenda --format json --data {DATA} | head -1"  # > a pipe buffer
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.count("\n") == 1
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr
