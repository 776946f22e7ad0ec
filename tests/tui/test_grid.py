"""What the year's and the month's days say in characters, and tables that fit a width: no UI."""

from __future__ import annotations

import datetime as dt

from mh_planner.tui import grid
from mh_planner.tui.layout import Column, fit_columns, fitting
from mh_planner.tui.state import PlanState

D = dt.date


def day(shade: str = "term", marks: int = 0, clash: str | None = None) -> grid.Day:
    letters = [("X", "exchange", False), ("w", "meeting", True)][:marks]
    return grid.Day(D(2019, 11, 12), shade, letters, clash)


def test_a_day_on_two_characters_is_a_letter_and_a_mark() -> None:
    assert grid.one_line(day(marks=2, clash="error"), 2) == ("", [("X", "exchange", False)], "!")
    assert grid.one_line(day(marks=2), 2)[2] == "+"  # more than one kind that day
    assert grid.one_line(day("holiday"), 2) == ("- ", [], "")
    assert grid.one_line(day("term", clash="warning"), 2) == ("·?", [], "")
    assert grid.one_line(day("weekend"), 2) == ("  ", [], "")


def test_a_wider_day_shows_its_number_or_its_letters_after_its_mark() -> None:
    assert grid.one_line(day("bank-holiday"), 3) == ("=12", [], "")
    assert grid.one_line(day(marks=1, clash="error"), 4) == ("!", [("X", "exchange", False)], "  ")
    number, pattern, marks = grid.two_lines(day("holiday", marks=2, clash="warning"), 4)
    assert (number, pattern, len(marks)) == ("?12 ", "-", 2)


def test_each_month_names_its_half_terms_in_the_room_it_has(state: PlanState) -> None:
    year = state.year
    assert grid.periods(year, (2019, 10)) == (["Autumn 1", "Autumn 2"], ["October half-term"])
    assert grid.period_note(year, (2020, 2), 30) == "Spring 1 · Spring 2"
    assert grid.period_note(year, (2020, 2), 7) == "Sp1 Sp2"
    assert grid.period_note(year, (2020, 2), 5) == ""  # nothing rather than a cut name
    assert grid.period_note(year, (2019, 10), 30, second=True) == "October half-term"
    assert grid.gap((2019, 9)) == (6, 1)  # September 2019 starts on a Sunday
    assert grid.period_start(year, D(2019, 10, 28)) == "Autumn 2"
    assert grid.short_period("Christmas holiday") == "Christmas"


def test_a_month_is_its_weeks_monday_first() -> None:
    weeks = grid.month_weeks(D(2019, 11, 12))
    assert weeks[0][0] == D(2019, 10, 28) and weeks[-1][-1] == D(2019, 12, 1) and len(weeks) == 5
    assert grid.add_months(D(2020, 1, 31), 1) == D(2020, 2, 29)
    assert grid.add_months(D(2019, 11, 12), -2) == D(2019, 9, 12)


COLUMNS = (
    Column("flag", " ", 1),
    Column("when", "When", 22, minimum=16, rank=1),
    Column("title", "Title", 40, minimum=18, rank=1, flex=True),
    Column("where", "Where", 28, minimum=12, rank=3),
    Column("status", "Status", 9, rank=5),
)


def test_columns_fit_by_importance() -> None:
    wide = dict((c.key, w) for c, w in fit_columns(COLUMNS, 200))
    assert wide["when"] == 22 and wide["where"] == 28 and wide["title"] > 40  # the flex column takes the rest
    narrow = fit_columns(COLUMNS, 60)
    assert [c.key for c, _ in narrow] == ["flag", "when", "title", "where"]  # the status goes first
    assert sum(w + 2 for _, w in narrow) <= 60
    assert dict((c.key, w) for c, w in narrow)["title"] > 18  # the title grows before the time does
    assert [c.key for c, _ in fit_columns(COLUMNS, 10)] == ["flag"]


def test_a_cell_shows_its_longest_wording_that_fits() -> None:
    wordings = ("Tue 12 Nov 13:00-16:00", "Tue 12 Nov 13:00", "12 Nov")
    assert fitting(wordings, 22) == wordings[0] and fitting(wordings, 17) == wordings[1]
    assert fitting(wordings, 3) == "12 Nov"  # the last, cut by the table
