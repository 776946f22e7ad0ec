"""Imported calendars and the scheduler (issue 10: "a person's busy time that `suggest` avoids"): a
specialist's school calendar linked as her busy times reaches the placement problem as busy intervals, and no
proposal (library, command line, the TUI's session) nor placement overlaps it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from mh_planner.assemble import assemble
from mh_planner.cli import main
from mh_planner.importing import imported_events
from mh_planner.loading import load
from mh_planner.scheduling import place_year, suggest_times
from mh_planner.scheduling.problem import build
from mh_planner.scheduling.sessions import sessions_of
from mh_planner.tui.session import Session
from mh_planner.tui.session_scheduling import Assistance
from tests.builders import DATA
from tests.importing.conftest import ICS

D = dt.date
MEETING = "wg-peterborough/meeting-2"  # Tue 12 Nov 2019, while Priya Shah is in Shanghai: it must move
BUSY = [  # priya-school.ics, as London times
    (dt.datetime(2019, 10, 29), dt.datetime(2019, 10, 30)),  # cover all day
    (dt.datetime(2019, 11, 5, 14), dt.datetime(2019, 11, 5, 15)),  # pupil progress meetings
    (dt.datetime(2019, 11, 26, 9), dt.datetime(2019, 11, 26, 13, 30)),  # moderation, into the afternoon
]
FREE_TUESDAYS = [D(2019, 12, 3), D(2019, 12, 10), D(2019, 12, 17)]  # the rest of Peterborough's Autumn 2


def overlaps(start: dt.datetime, end: dt.datetime) -> bool:
    return any(start < b_end and b_start < end for b_start, b_end in BUSY)


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample, with Priya Shah's school calendar linked as her busy times (`mh-planner import`)."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    source = ICS / "priya-school.ics"
    assert main(["import", str(source), "--as", "busy", "--person", "pshah", "--data", str(root)]) == 0
    assert "busy times of pshah" in capsys.readouterr().out
    return root


def test_imported_busy_times_reach_the_placement_problem_and_suggest_avoids_them(data: Path) -> None:
    dataset = load(data)
    calendar = assemble(dataset, imported_events(dataset).events)
    scope = build(calendar, sessions_of(calendar, {"ee2"}))
    imported = [(b.start, b.end) for b in scope.problem.busy if b.who == "pshah" and b.label.startswith("'Busy'")]
    assert sorted(imported) == BUSY  # titles hidden: not the hub's own calendar
    found = suggest_times(calendar, MEETING)
    assert found.refused == 0 and not any(overlaps(p.start, p.end) for p in found.proposals)
    # Without the import, the first three proposals were Tue 5 Nov, 29 Oct and 26 Nov (test_planner.py).
    assert [p.start.date() for p in found.proposals] == FREE_TUESDAYS
    placed = place_year(calendar, repair=True)
    hers = [m for m in placed.moves if "pshah" in calendar.by_id()[m.event_id].attendees]
    assert placed.ok and hers and not any(overlaps(m.start, m.end) for m in hers)
    assert next(m for m in hers if m.event_id == MEETING).start.date() in FREE_TUESDAYS


def test_the_command_line_and_the_tui_read_the_linked_calendars_too(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["suggest", MEETING, "--data", str(data), "--format", "json"]) == 0
    (event,) = json.loads(capsys.readouterr().out)["events"]
    assert [D.fromisoformat(p["date"]) for p in event["proposals"]] == FREE_TUESDAYS
    assert main(["place", "--repair", "--data", str(data), "--format", "json"]) == 0
    moves = {m["event_id"]: m for m in json.loads(capsys.readouterr().out)["moves"]}
    assert D.fromisoformat(moves[MEETING]["date"]) in FREE_TUESDAYS
    session = Session(data)
    session.load()
    assisted = session.suggest(MEETING)
    assert isinstance(assisted, Assistance)
    assert [p.start.date() for p in assisted.found.proposals] == FREE_TUESDAYS
