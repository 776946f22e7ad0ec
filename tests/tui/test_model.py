"""The TUI's logic without a UI: the snapshot's indexes, the year and week geometry, form parsing, changes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from mh_planner.editing.changes import MoveEvent
from mh_planner.tui import layout
from mh_planner.tui.state import PlanState, conflicts_delta, default_today, week_start
from mh_planner.user_input import parse_day, parse_time
from tests.builders import ROOT

D = dt.date


def test_counts_and_hub(state: PlanState) -> None:
    assert (state.errors, state.warnings) == (4, 6)
    assert state.hub == "ee2" and state.year.label == "2019/20"
    assert state.year.closures  # the hub's own year: its INSET day is shaded


def test_clash_days_mark_the_sample_clashes(state: PlanState) -> None:
    days = state.clash_days
    for day in (D(2019, 10, 15), D(2019, 10, 23), D(2019, 11, 12), D(2019, 12, 4)):
        assert days[day] == "error"
    assert days[D(2019, 10, 4)] == "warning"  # a visit inside an undated residential's window
    assert D(2019, 11, 13) not in days


def test_an_event_is_marked_by_its_worst_clash_but_not_by_a_budget(state: PlanState) -> None:
    assert state.severity_of(state.by_id["wg-peterborough/meeting-2"]) == "error"
    assert state.severity_of(state.by_id["wg-peterborough/meeting-1"]) is None


def test_today_defaults_to_the_first_school_day_outside_the_year(state: PlanState) -> None:
    assert default_today(state.year, D(2031, 1, 1)) == D(2019, 9, 4)
    assert default_today(state.year, D(2020, 2, 3)) == D(2020, 2, 3)
    assert week_start(D(2019, 11, 14)) == D(2019, 11, 11)


def test_the_year_is_a_wall_planner_aligned_by_weekday(state: PlanState) -> None:
    months = layout.months(state.year)
    assert months[0] == (2019, 9) and months[-1] == (2020, 7) and len(months) == 11
    assert layout.slot_of(D(2019, 9, 1)) == 6  # a Sunday
    assert layout.day_at((2019, 9), 6) == D(2019, 9, 1)
    assert layout.day_at((2019, 9), 5) is None and layout.day_at((2019, 9), 36) is None
    assert max(layout.slot_of(D(y, m, 28)) for y, m in months) < layout.SLOTS


def test_up_and_down_keep_the_column_or_the_nearest_day(state: PlanState) -> None:
    year = state.year
    assert layout.vertical(year, D(2019, 10, 15), 1) == D(2019, 11, 12)  # Tue under Tue
    assert layout.vertical(year, D(2019, 9, 30), -1) == D(2019, 9, 30)  # top row: nowhere to go
    assert layout.vertical(year, D(2019, 10, 1), 1) == D(2019, 11, 1)  # before November's first day
    assert layout.vertical(year, D(2020, 6, 30), 5) == D(2020, 7, 28)  # clamped to the last month, Tue


def test_shades_of_the_year(state: PlanState) -> None:
    year = state.year
    assert layout.shade(year, D(2019, 10, 22)) == "holiday"
    assert layout.shade(year, D(2019, 12, 25)) == "bank-holiday"
    assert layout.shade(year, D(2020, 1, 6)) == "closure"
    assert layout.shade(year, D(2019, 11, 16)) == "weekend"
    assert layout.shade(year, D(2019, 11, 12)) == "term"
    assert layout.school_week(year, D(2019, 9, 4)) == 1 and layout.school_week(year, D(2019, 12, 25)) is None


def test_day_marks_one_letter_per_kind_lower_case_when_provisional(state: PlanState) -> None:
    marks = layout.day_glyphs(state.events_by_day[D(2019, 11, 12)], 3)
    assert [m[0] for m in marks] == ["X", "W"]
    tentative = next(e for e in state.calendar.events if e.tentative and e.origin.value == "central")
    assert layout.glyph(tentative).islower()


def test_overlapping_events_share_their_day_in_lanes(state: PlanState) -> None:
    events = [state.by_id["llme-cambridge/meeting-1"], state.by_id["sl-session-dec"]]
    placed = {p.event.id: (p.lane, p.lanes) for p in layout.lanes(events)}
    assert placed == {"llme-cambridge/meeting-1": (0, 2), "sl-session-dec": (1, 2)}
    alone = layout.lanes([state.by_id["wg-peterborough/meeting-1"]])
    assert (alone[0].lane, alone[0].lanes) == (0, 1)
    assert layout.hour_span(events) == (8, 19)
    assert layout.hour_span([]) == (8, 17)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2019-11-12", D(2019, 11, 12)),
        ("12/11/2019", D(2019, 11, 12)),
        ("12 Nov", D(2019, 11, 12)),
        ("3 March", D(2020, 3, 3)),
        ("Tue 12 Nov 2019", D(2019, 11, 12)),
    ],
)
def test_dates_as_people_type_them(text: str, day: dt.date) -> None:
    assert parse_day(text, 2019) == day


@pytest.mark.parametrize(("text", "message"), [("", "needed"), ("31 Feb", "no such date"), ("soon", "cannot read")])
def test_unreadable_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_day(text, 2019)


def test_times() -> None:
    assert parse_time("") is None
    assert parse_time("13:00-16:00") == (dt.time(13), dt.time(16))
    with pytest.raises(ValueError, match="ends before"):
        parse_time("16:00-13:00")


def test_a_change_says_what_it_does() -> None:
    move = MoveEvent("x", "Briefing", dt.datetime(2019, 11, 6, 9, 30), dt.datetime(2019, 11, 6, 12))
    assert move.text == "Moved 'Briefing' to Wed 6 Nov 2019 09:30-12:00"


def test_no_command_opens_the_planner(monkeypatch: pytest.MonkeyPatch) -> None:
    from mh_planner import cli
    from mh_planner.cli import report_commands
    from mh_planner.tui import app

    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(app, "run_tui", lambda data, year=None, hub=None: opened.append((data, hub)) or 0)
    monkeypatch.setattr(report_commands, "has_terminal", lambda: True)
    assert cli.main(["--data", "elsewhere"]) == 0 and cli.main([]) == 0
    assert cli.main(["--hub", "sw1"]) == 0 and cli.main(["tui", "--hub", "ee2"]) == 0
    assert opened == [("elsewhere", None), ("data", None), ("data", "sw1"), ("data", "ee2")]


def test_the_first_screen_does_not_wait_for_the_domain() -> None:
    """The app module paints the year before pydantic and the rules are imported (in the load worker)."""
    code = "import sys, mh_planner.tui.app; print([m for m in ('pydantic', 'mh_planner.rules') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_the_week_grid_is_as_fine_as_its_room_allows() -> None:
    def scale(room: int) -> tuple[int, int, int]:
        found = layout.time_scale([], top=2, room=room)  # no events: the school day, 08:00-17:00
        assert found.top == 2
        return found.rows, found.first_hour, found.minutes

    assert scale(36) == (36, 8, 15)  # a line per quarter of an hour
    assert scale(100) == (48, 8, 15)  # room to spare: the evening too, up to 20:00
    assert scale(10) == (10, 8, 60)  # an hour a line, and one more hour fits
    assert scale(3) == (3, 8, 60)


def test_block_text_is_wrapped_and_cut_with_an_ellipsis() -> None:
    assert layout.wrap("Peterborough Primary TfM Development", 12, 2) == ["Peterborough", "Primary TfM…"]
    assert layout.wrap("Briefing", 12, 2) == ["Briefing"]
    assert layout.wrap("Briefing", 0, 2) == []


def test_an_edit_says_how_many_conflicts_it_resolved_and_made(state: PlanState) -> None:
    fewer = PlanState(state.data, state.calendar, state.conflicts[1:])
    assert conflicts_delta(None, state) == ""
    assert conflicts_delta(state, state) == ""
    assert conflicts_delta(state, fewer) == " · 1 conflict(s) resolved"
    assert conflicts_delta(fewer, state) == " · 1 new"
