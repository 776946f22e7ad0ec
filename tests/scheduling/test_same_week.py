"""A one-off date moved into the next year: same week of term, same weekday (Cambridgeshire 2019/20 -> 2020/21)."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.academic_year import AcademicYear
from mh_planner.loading import Dataset
from mh_planner.scheduling.same_week import position, same_week

D = dt.date


@pytest.fixture(scope="module")
def years(shipped: Dataset) -> tuple[AcademicYear, AcademicYear]:
    def cambs(start_year: int) -> AcademicYear:
        dates = shipped.term_dates[("cambridgeshire", start_year)]
        return AcademicYear.build(start_year, shipped.year_files, dates=dates)

    return cambs(2019), cambs(2020)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (D(2019, 9, 25), D(2020, 9, 23), "Autumn 1, week 4, Wed"),  # the hub launch
        (D(2019, 10, 15), D(2020, 10, 13), "Autumn 1, week 7, Tue"),  # the ITT group's first session
        (D(2019, 12, 4), D(2020, 12, 9), "Autumn 2, week 6, Wed"),  # the senior leaders' session
        (D(2019, 11, 28), D(2020, 12, 3), "Autumn 2, week 5, Thu"),  # South Cambs session 2
        (D(2020, 3, 19), D(2021, 3, 18), "Spring 2, week 4, Thu"),  # South Cambs session 4
        (D(2020, 1, 6), D(2021, 1, 4), "Spring 1, week 1, Mon"),  # the INSET day (a suggestion only)
    ],
)
def test_same_week_of_term_and_weekday(years, old: dt.date, new: dt.date, where: str) -> None:
    moved = same_week(old, *years)
    assert (moved.new, str(moved.at), moved.note) == (new, where, "")


def test_a_day_in_a_holiday_stays_in_that_holiday(years) -> None:
    moved = same_week(D(2019, 10, 23), *years)  # the sample's deliberate half-term clash
    assert (moved.new, str(moved.at)) == (D(2020, 10, 28), "October half-term, week 1, Wed")
    assert moved.note == "was outside term time (a clash) and still is"


def test_a_bank_holiday_gives_the_nearest_school_day(years) -> None:
    # Mon 11 May 2020 is Summer 1, week 4, Monday; in 2021 that is Mon 3 May, the early May bank holiday.
    moved = same_week(D(2020, 5, 11), *years)
    assert moved.new == D(2021, 5, 4) and moved.note.startswith("Mon 3 May is a bank holiday")


def test_a_shorter_period_gives_its_last_such_weekday(years) -> None:
    # Spring 2 2020 ran to Wed 1 Apr (week 6); in 2021 it ends Fri 26 Mar (week 5).
    moved = same_week(D(2020, 4, 1), *years)
    assert moved.new == D(2021, 3, 24) and "shorter" in moved.note


def test_the_summer_holiday_has_no_position(years) -> None:
    assert position(D(2020, 8, 5), years[0]) is None
    assert same_week(D(2020, 8, 5), *years).new is None
