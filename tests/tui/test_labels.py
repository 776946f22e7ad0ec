"""Labels a reader can tell apart: a project's code once, titles shared across projects or work groups told
apart, venues by their full names. No UI."""

from __future__ import annotations

import datetime as dt

from mh_planner.tui.describe import event_details
from mh_planner.tui.state import PlanState
from mh_planner.tui.widgets.filter_bar import options

D = dt.date


def test_a_projects_code_is_said_once(state: PlanState) -> None:
    labels = [label for label, _ in options(state, "project")]
    assert "NCP 19-10 Primary TfM Embedding Work Groups" in labels
    assert not any(label.count("NCP 19-10") > 1 for label in labels)
    event = next(e for e in state.calendar.events if e.project == "19-10")
    assert "NCP 19-10 NCP 19-10" not in event_details(state, event).plain


def test_the_same_title_in_three_projects_is_told_apart(state: PlanState) -> None:
    closes = [e for e in state.events_by_day[D(2019, 10, 31)] if e.title == "Participant recruitment window closes"]
    assert len(closes) == 3
    labels = {state.label(e) for e in closes}
    assert labels == {f"Participant recruitment window closes · NCP 19-2{n}" for n in (1, 2, 3)}
    assert {state.label(e, first=True)[:6] for e in closes} == {"19-21:", "19-22:", "19-23:"}


def test_a_series_of_one_group_keeps_its_title(state: PlanState) -> None:
    meeting = state.by_id["wg-peterborough/meeting-2"]
    assert state.label(meeting) == meeting.title


def test_venues_by_their_full_names(state: PlanState) -> None:
    names = [label for label, _ in options(state, "venue")]
    assert "Comberton Village College" in names and "Comberton Village College hall" in names
