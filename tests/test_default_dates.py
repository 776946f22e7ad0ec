"""Provisional dates a reader of the wording would pick: vague windows spread, deadlines at the end, windows
before the year flagged rather than pinned; on the national default year and in the shipped programme."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.academic_year import AcademicYear
from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar, Event, UndatedEvent
from mh_planner.default_dates import Placement, place
from mh_planner.loading import Dataset
from mh_planner.timing import Window, parse_when

D = dt.date


@pytest.fixture(scope="module")
def year(shipped_year_files) -> AcademicYear:
    return AcademicYear.build(2019, shipped_year_files)


@pytest.fixture(scope="module")
def calendar(shipped: Dataset) -> Calendar:
    return assemble(shipped)


def window(wording: str, year: AcademicYear) -> Window:
    [found] = parse_when(wording).windows(year)
    return found


def test_three_days_over_the_course_of_the_year_are_one_in_each_term(year: AcademicYear) -> None:
    whole = window("over the course of 2019/20", year)
    days = [place(whole, year, part=(k, 3)).day for k in (1, 2, 3)]
    assert days == [D(2019, 10, 29), D(2020, 2, 25), D(2020, 6, 9)]
    assert [year.term_index(d) for d in days if d] == [0, 1, 2]


def test_six_parts_of_a_year_are_its_half_terms(year: AcademicYear) -> None:
    whole = window("during the year", year)
    days = [place(whole, year, part=(k, 6)).day for k in range(1, 7)]
    assert [year.half_term_index(d) for d in days if d] == [0, 1, 2, 3, 4, 5]


def test_parts_of_a_month_are_runs_of_its_school_days(year: AcademicYear) -> None:
    march = window("March", year)
    first, second = (place(march, year, part=(k, 2)) for k in (1, 2))
    assert first.day is not None and second.day is not None
    assert first.day < D(2020, 3, 16) <= second.day
    assert first.window.end < second.window.start  # each keeps its own part of the window


def test_a_deadline_is_the_window_s_last_day(year: AcademicYear) -> None:
    placed = place(window("By the end of June 2020", year), year, deadline=True)
    assert (placed.day, placed.placement) == (D(2020, 6, 30), Placement.DEADLINE)  # was Thu 30 Jan


@pytest.mark.parametrize("wording", ["Term 3 18/19", "in the summer term 2019"])
def test_windows_before_the_year_are_flagged_not_pinned(year: AcademicYear, wording: str) -> None:
    placed = place(window(wording, year), year, deadline=True)
    assert (placed.day, placed.placement) == (None, Placement.BEFORE_YEAR)
    assert placed.window.end < year.start


def test_a_window_starting_before_the_year_is_cut_to_it(year: AcademicYear) -> None:
    placed = place(Window(D(2019, 8, 1), D(2019, 9, 30), "Aug/Sep 2019"), year)
    assert placed.window.start == D(2019, 9, 1) and placed.day is not None and placed.day >= D(2019, 9, 4)


def test_a_programme_through_the_year_is_not_a_day(year: AcademicYear) -> None:
    placed = place(window("during the year", year), year, length_given=False)
    assert (placed.day, placed.placement) == (None, Placement.THROUGH_YEAR)


def test_a_single_window_is_read_as_before(year: AcademicYear) -> None:
    assert place(window("Early October", year), year, calendar_days=2).day == D(2019, 10, 8)


# --- in the shipped programme -------------------------------------------------------------------------


def dated(calendar: Calendar, event_id: str) -> Event:
    found = calendar.by_id()[event_id]
    assert isinstance(found, Event)
    return found


def test_the_19_05_face_to_face_days_are_spread_over_the_year(calendar: Calendar) -> None:
    # "a programme of 3 face to face days over the course of 2019/20" (002 L619): all three fell on Wed 12 Feb.
    days = [dated(calendar, f"19-05/pd-day-{k}").first_day for k in (1, 2, 3)]
    assert days == [D(2019, 10, 29), D(2020, 2, 25), D(2020, 6, 9)]
    assert dated(calendar, "19-05/pd-day-1").timing_text == "over the course of 2019/20"  # kept verbatim


def test_one_in_each_term_on_a_series_of_three_is_kept_verbatim(calendar: Calendar) -> None:
    workshops = [dated(calendar, f"19-05/cl-nw{k}") for k in (1, 2, 3)]
    assert [w.timing_text for w in workshops] == ["one in each term"] * 3
    assert [calendar.year.term_index(w.first_day) for w in workshops] == [0, 1, 2]
    assert not any(e.id.startswith("19-05/cl-nw1#") for e in calendar.events)  # not three times three


def test_deadlines_in_the_programme_fall_at_the_end(calendar: Calendar) -> None:
    assert dated(calendar, "19-25/itt-provider-list").first_day == D(2020, 6, 30)  # "By the end of June 2020"
    assert dated(calendar, "19-06/application").first_day == D(2019, 12, 18)  # "in the Autumn term 2019"
    assert dated(calendar, "19-02/evaluation-report").first_day == D(2020, 8, 20)  # "mid-August 2020"


def test_before_the_year_and_through_the_year_are_listed_undated(calendar: Calendar) -> None:
    undated = {e.id: e for e in calendar.undated}
    for event_id in ("19-01/launch", "19-05/application", "19-21/wgl-recruitment"):
        event = undated[event_id]
        assert isinstance(event, UndatedEvent) and event.placement == "before the year"
        assert event.window is not None and event.window.end == D(2019, 7, 19)
    assert undated["19-09/pd-lead-programme"].placement == "through the year"
    assert not any(e.first_day < calendar.year.start for e in calendar.events if e.origin.value == "central")
