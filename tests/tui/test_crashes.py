"""A bug met in the planner: a report without values and one line, never Textual's traceback with its locals
(the data set, private fields included). Invalid data never gets here: it shows the problems screen."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from mh_planner.files.crash import EXIT_SOFTWARE
from mh_planner.problems import Problem
from mh_planner.tui.screens.problems import ProblemsScreen, problems_text
from tests.tui.conftest import SMALL, make_app, settle


def test_a_bug_met_while_loading_shows_the_problems_screen(data: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*args: object, **kwargs: object) -> None:
        email = "pshah@example.org"  # noqa: F841 - a local the report must not hold
        raise OverflowError("date value out of range")

    monkeypatch.setattr("mh_planner.editing.Planner.__init__", broken)

    async def flow() -> str:
        app = make_app(data)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ProblemsScreen)
            return str(app.screen.query_one("#problems-text").render())

    shown = asyncio.run(flow())
    [report] = (tmp_path / "state" / "mh-planner").glob("crash-*.txt")
    assert "internal error (OverflowError)" in shown and str(report) in shown.replace("\n", "")
    assert "example.org" not in report.read_text() and "in broken" in report.read_text()


def test_a_bug_in_a_handler_exits_70_with_one_line_and_no_locals(
    data: Path, monkeypatch, tmp_path: Path, capsys
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app(data)

    def broken() -> None:
        raise RuntimeError("pshah@example.org")

    monkeypatch.setattr(app, "action_help", broken)

    async def flow() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()

    with pytest.raises(RuntimeError):  # the pilot re-raises what ended the app, for the test to see
        asyncio.run(flow())
    assert app.return_code == EXIT_SOFTWARE
    err = capsys.readouterr().err
    [line] = err.strip().splitlines()
    assert "internal error (RuntimeError)" in line and "example.org" not in line and "crash-" in line


def test_problem_messages_are_shown_as_they_are_not_parsed_as_markup() -> None:
    problems = [Problem("data/[b]plans/ee2.yaml", 3, "people[0].id", "no person '[/]x[b' ([red]red[/red])")]
    text = problems_text(problems).plain
    assert "data/[b]plans/ee2.yaml:3" in text and "no person '[/]x[b' ([red]red[/red])" in text
