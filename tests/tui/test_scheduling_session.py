"""The session's scheduling calls (what the app's workers run), and the assistant's grid, without a UI."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from mh_planner.calendar import Calendar, Event
from mh_planner.editing.changes import MoveEvents
from mh_planner.scheduling import YearPlacement
from mh_planner.scheduling.availability import board
from mh_planner.tui.editor_form import NEW_GROUP, Form, build
from mh_planner.tui.session import Changed, Failed, NextYear, Saved, Session
from mh_planner.tui.session_scheduling import Assistance
from mh_planner.tui.state import PlanState
from tests.builders import DATA

D = dt.date


def test_suggest_and_place_through_the_session() -> None:
    session = Session(DATA)
    session.load()
    found = session.suggest("wg-peterborough/meeting-2")
    assert isinstance(found, Assistance) and found.found.proposals and found.found.refused == 0
    # Autumn 2 on Peterborough's calendar (its autumn assumed = Cambridgeshire's): Mon 28 Oct - Wed 18 Dec 2019
    assert found.board.days[0] == D(2019, 10, 28) and found.board.days[-1] == D(2019, 12, 18)
    assert isinstance(session.suggest("19-02/outward"), Failed)
    assert isinstance(session.suggest("nope"), Failed)
    placed = session.place(repair=True)
    assert not isinstance(placed, Failed) and placed.ok and not placed.remaining
    assert session.dirty is False  # nothing applied: the app previews it first


def test_the_grid_shows_busy_days_holidays_and_undated_windows(calendar: Calendar) -> None:
    visit = next(e for e in calendar.events if e.id.startswith("wg-mastery-readiness/visit-chatteris"))
    assert isinstance(visit, Event)
    grid = board(calendar, visit, D(2019, 9, 30), D(2019, 11, 8))
    (mark,) = grid.rows  # a visit: its lead, no venue
    assert mark.label == "Mark Ellis"
    october = grid.days.index(D(2019, 10, 2))
    assert any("Mastery Readiness Residential" in w for w in mark.cells[october].windows)  # 'Early October'
    half_term = grid.days.index(D(2019, 10, 23))  # Chatteris is in Cambridgeshire: its half-term, 21-25 Oct
    closed = grid.closed[half_term] or ""
    assert closed.startswith("in the October half-term in Cambridgeshire County Council") and grid.is_open(october)
    assert grid.is_open(grid.days.index(D(2019, 10, 30)))  # the "typical" half-term week is term time there


def test_the_new_form_describes_meetings_visits_and_new_work_groups(state: PlanState) -> None:
    form = Form(kind="meeting", group="wg-peterborough", day="2020-07-21", time="13:00-16:00", venue="histon")
    change, errors = build(state, "add", None, form)
    assert not errors and change is not None and change.text.startswith("Added a meeting of 'Peterborough")
    assert getattr(change, "venue", None) == "histon"
    change, errors = build(state, "add", None, Form(kind="visit", group="wg-peterborough", day="2019-11-28"))
    assert change is None and errors == {"school": "choose one of the group's schools"}
    form = Form(kind="meeting", group=NEW_GROUP, day="2019-11-27", title="Ely Reasoning", lead="rgreen")
    change, errors = build(state, "add", None, form)
    assert change is None and set(errors) == {"project", "venue"}
    form.project, form.venue = "19-09", "histon"
    change, errors = build(state, "add", None, form)
    assert not errors and change is not None and change.text.startswith("Added the work group 'Ely Reasoning'")


def test_place_the_year_places_and_saves_the_year_the_session_has_open(tmp_path: Path) -> None:
    """A folder of two years (2020/21 started from the palette's "Start next year"): a session opened on
    2019/20 places 2019/20 and its save writes that year's plan only; a session on the latest year places
    2020/21."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first = Session(data)
    first.load()
    rolled = first.next_year()
    assert isinstance(rolled, NextYear) and not isinstance(first.write_next_year(rolled), Failed)
    old, new = data / "plans" / "2019-20" / "ee2.yaml", data / "plans" / "2020-21" / "ee2.yaml"
    new_text = new.read_text()

    session = Session(data, "2019/20")
    session.load()
    placed = session.place(repair=True)
    assert isinstance(placed, YearPlacement) and placed.ok and placed.moves
    assert all(D(2019, 9, 1) <= m.start.date() <= D(2020, 8, 31) for m in placed.moves)
    change = MoveEvents(tuple((m.event_id, m.start, m.end, m.venue) for m in placed.moves), "the year's placement")
    assert isinstance(session.apply(change), Changed)
    saved = session.save()
    assert isinstance(saved, Saved) and saved.written == [old]
    assert "- {session: 2, date: 2019-11-05}" in old.read_text() and new.read_text() == new_text

    latest = Session(data)
    latest.load()
    placed = latest.place()
    assert isinstance(placed, YearPlacement) and placed.ok
    assert all(D(2020, 9, 1) <= m.start.date() <= D(2021, 8, 31) for m in placed.moves)
