"""Arguments no command should take quietly, and what an unexpected exception looks like (issue 11)."""

from __future__ import annotations

import argparse
import stat
from pathlib import Path

import pytest

from mh_planner.cli import main, report_commands
from mh_planner.files.crash import EXIT_SOFTWARE
from tests.builders import DATA


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "--from", "2020-01-01", "--to", "2019-09-01"], "--from 2020-01-01 is after --to 2019-09-01"),
        (["agenda", "--kind", "nonsense"], "no kind of event 'nonsense': workshop,"),
        (["serve", "--port", "99999"], "not a port: '99999' (0 to 65535)"),
        (["serve", "--port", "-1"], "not a port"),
        (["serve", "--max-connections", "0"], "not a number from 1"),
        (["serve", "--request-timeout", "nan"], "not a number of seconds"),
        (["check", "--from", "easter", "--to", "october half-term"], "--from 2020-04-04 is after --to 2019-10-21"),
        (["check", "--from", "2019-10-01T10:00"], "--from: cannot read the date '2019-10-01T10:00'"),
        (["check", "--person", "x" * 100_000], "(100,000 characters)"),
        (["check", "--work-group", "\x1b[2J"], "no work group '\\x1b[2J'"),
        (["agenda", "--to", "y" * 100_000], "(100,000 characters)"),
        (["suggest", "x" * 100_000], "no event 'xxxx"),
        (["suggest", "--work-group", "\x1b[2J"], "no work group '\\x1b[2J'"),
        (["place", "--hub", "z" * 100_000], "(100,000 characters)"),
        (["export", "--hub", "\x1b[2J" + "z" * 100], "no hub plan '\\x1b[2Jzzz"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else None,
)
def test_an_argument_out_of_range_is_a_usage_error(capsys, args, says) -> None:
    assert main([*args, "--data", str(DATA)] if args[0] != "serve" else args) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and "\x1b" not in err and len(err) < 2000


def test_without_a_terminal_the_planner_refuses_to_start(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_commands, "has_terminal", lambda: False)
    assert main(["--data", str(DATA)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a terminal" in err and "mh-planner check" in err


def test_an_unexpected_exception_exits_70_with_a_report_and_no_values(
    capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(args: argparse.Namespace) -> int:
        secret = "pshah@example.org"  # a local variable: never in the report
        raise ValueError(f"cannot place {secret}")

    monkeypatch.setattr(report_commands, "cmd_check", broken)
    assert main(["check", "--data", str(DATA)]) == EXIT_SOFTWARE
    err = capsys.readouterr().err
    [report] = (tmp_path / "state" / "mh-planner").glob("crash-*.txt")
    assert err.count("\n") == 1 and str(report) in err and "internal error (ValueError)" in err
    assert "example.org" not in err
    text = report.read_text()
    assert "in broken" in text and "builtins.ValueError" in text and "example.org" not in text
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_the_exit_statuses_are_listed_in_the_help(capsys) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "70 an internal error" in out and "crash-*.txt" in out


def test_dates_as_people_type_them_are_compared_as_dates(capsys) -> None:
    """`--from 9 Nov --to 10 Dec` is a range the right way round (compared as typed, "9 Nov" came after "10 Dec")."""
    assert main(["agenda", "--from", "9 Nov", "--to", "10 Dec", "--data", str(DATA)]) in (0, 1)
    out = capsys.readouterr()
    assert "is after" not in out.err and "Nov" in out.out
