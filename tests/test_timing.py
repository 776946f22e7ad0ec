"""Every timing wording of the 2019/20 catalogue (002) resolves to the right window in 2019/20."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.academic_year import AcademicYear
from mh_planner.timing import Length, parse_length, parse_time_of_day, parse_when

D = dt.date


@pytest.fixture(scope="module")
def year(shipped_year_files) -> AcademicYear:
    return AcademicYear.build(2019, shipped_year_files)


# (wording as printed, catalogue line, expected windows)
CATALOGUE = [
    ("Early October", "L1486", [(D(2019, 10, 1), D(2019, 10, 10))]),
    ("Late June", "L1502", [(D(2020, 6, 21), D(2020, 6, 30))]),
    ("mid-August 2020", "L447", [(D(2020, 8, 11), D(2020, 8, 20))]),
    ("December", "L1490", [(D(2019, 12, 1), D(2019, 12, 31))]),
    ("January", "L1494", [(D(2020, 1, 1), D(2020, 1, 31))]),
    ("April", "L1498", [(D(2020, 4, 1), D(2020, 4, 30))]),
    ("September", "L1668", [(D(2019, 9, 1), D(2019, 9, 30))]),
    ("February", "L1670", [(D(2020, 2, 1), D(2020, 2, 29))]),
    ("July", "L1672", [(D(2020, 7, 1), D(2020, 7, 31))]),
    ("March", "L575", [(D(2020, 3, 1), D(2020, 3, 31))]),
    ("September 2019", "L1075", [(D(2019, 9, 1), D(2019, 9, 30))]),
    ("Sep 2019", "L2475", [(D(2019, 9, 1), D(2019, 9, 30))]),
    ("December 2019", "L1076", [(D(2019, 12, 1), D(2019, 12, 31))]),
    ("Dec 2019", "L1936", [(D(2019, 12, 1), D(2019, 12, 31))]),
    ("February 2020", "L1077", [(D(2020, 2, 1), D(2020, 2, 29))]),
    ("July 2020", "L1078", [(D(2020, 7, 1), D(2020, 7, 31))]),
    ("October 2019", "L1786", [(D(2019, 10, 1), D(2019, 10, 31))]),
    ("January 2020", "L1790", [(D(2020, 1, 1), D(2020, 1, 31))]),
    ("Jan 2020", "L3466", [(D(2020, 1, 1), D(2020, 1, 31))]),
    ("April 2020", "L2497", [(D(2020, 4, 1), D(2020, 4, 30))]),
    ("Sep/Oct 2019", "L1925", [(D(2019, 9, 1), D(2019, 10, 31))]),
    ("Feb/March 2020", "L1941", [(D(2020, 2, 1), D(2020, 3, 31))]),
    ("April/May 2020", "L1953", [(D(2020, 4, 1), D(2020, 5, 31))]),
    ("June/July 2020", "L1958", [(D(2020, 6, 1), D(2020, 7, 31))]),
    ("Sept/Oct", "L575", [(D(2019, 9, 1), D(2019, 10, 31))]),
    ("Oct/Nov", "L576", [(D(2019, 10, 1), D(2019, 11, 30))]),
    ("June/July", "L575", [(D(2020, 6, 1), D(2020, 7, 31))]),
    ("Feb/March", "L317", [(D(2020, 2, 1), D(2020, 3, 31))]),
    ("September/October 2018", "L177", [(D(2018, 9, 1), D(2018, 10, 31))]),
    ("January/February 2019", "L178", [(D(2019, 1, 1), D(2019, 2, 28))]),
    ("June 2019", "L179", [(D(2019, 6, 1), D(2019, 6, 30))]),
    ("(in the Autumn term)", "L2093", [(D(2019, 9, 4), D(2019, 12, 18))]),
    ("in the Spring term", "L2097", [(D(2020, 1, 6), D(2020, 4, 3))]),
    ("Autumn 2019", "L1761", [(D(2019, 9, 4), D(2019, 12, 18))]),
    ("in the Summer Term – dates to be provided", "L446", [(D(2020, 4, 20), D(2020, 7, 21))]),
    ("in the Autumn term 2019", "L798", [(D(2019, 9, 4), D(2019, 12, 18))]),
    ("Term 1", "L2926", [(D(2019, 9, 4), D(2019, 12, 18))]),
    (
        "one in each term",
        "L694",
        [(D(2019, 9, 4), D(2019, 12, 18)), (D(2020, 1, 6), D(2020, 4, 3)), (D(2020, 4, 20), D(2020, 7, 21))],
    ),
    ("(at the beginning of the year)", "L2217", [(D(2019, 9, 4), D(2019, 10, 18))]),
    ("(towards the end of the year)", "L2218", [(D(2020, 6, 1), D(2020, 7, 21))]),
    ("Mid-year", "L2944", [(D(2020, 1, 6), D(2020, 4, 3))]),
    ("early 19/20", "L2912", [(D(2019, 9, 4), D(2019, 10, 18))]),
    ("over the course of 2019/20", "L619", [(D(2019, 9, 4), D(2020, 7, 21))]),
    ("By the end of June 2020", "L3399", [(D(2019, 9, 1), D(2020, 6, 30))]),
    ("from 9 November to 22 November 2019", "L322", [(D(2019, 11, 9), D(2019, 11, 22))]),
    ("Saturday 9 November", "L361", [(D(2019, 11, 9), D(2019, 11, 9))]),
    ("Monday 11 to Thursday 21 November", "L367", [(D(2019, 11, 11), D(2019, 11, 21))]),
    ("Saturday 29 February", "L391", [(D(2020, 2, 29), D(2020, 2, 29))]),
    ("Monday 2 to Thursday 12 March", "L400", [(D(2020, 3, 2), D(2020, 3, 12))]),
]

# The summer term of the year before (2018/19), computed by rule: Easter 2019 was 21 April.
BEFORE = [
    ("in the summer term 2019", "L682", (D(2019, 4, 23), D(2019, 7, 19))),
    ("in the summer term before they start the programme", "L144", (D(2019, 4, 23), D(2019, 7, 19))),
    ("Term 3 18/19", "L2912", (D(2019, 4, 23), D(2019, 7, 19))),
]


@pytest.mark.parametrize(("wording", "line", "expected"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_catalogue_timing_resolves_to_its_window(year: AcademicYear, wording: str, line: str, expected) -> None:
    windows = parse_when(wording).windows(year)
    assert [(w.start, w.end) for w in windows] == expected
    assert all(w.label == wording for w in windows)  # the wording is kept for display


@pytest.mark.parametrize(("wording", "line", "expected"), BEFORE, ids=[c[0] for c in BEFORE])
def test_summer_term_of_the_year_before(year: AcademicYear, wording: str, line: str, expected) -> None:
    [window] = parse_when(wording).windows(year)
    assert (window.start, window.end) == expected


@pytest.mark.parametrize(
    "wording",
    ["TBC", "Continual", "Once per year", "dates to be provided", "at appropriate times between the face to face days"],
)
def test_undated_wordings_have_no_window(year: AcademicYear, wording: str) -> None:
    spec = parse_when(wording)
    assert not spec.dated
    assert spec.windows(year) == []


@pytest.mark.parametrize("wording", ["Octember", "next Tuesday-ish", "31 February 2020", "2019-02-30"])
def test_unreadable_or_impossible_timing_is_an_error(wording: str) -> None:
    with pytest.raises(ValueError, match=r"timing|impossible"):
        parse_when(wording)


def test_every_shipped_timing_parses_and_lands_in_or_near_the_year(shipped) -> None:
    year = shipped.year()
    count = 0
    for project, event in shipped.central_events():
        wording = event.assume or event.when
        if not wording:
            continue
        for window in parse_when(wording).windows(year):
            count += 1
            assert window.start <= window.end
            # 2018/19 items (the launch "before they start") are the only ones allowed before the year.
            assert window.end >= dt.date(2019, 4, 1), (project.id, event.id, wording)
            assert window.start <= dt.date(2020, 8, 31), (project.id, event.id, wording)
    assert count > 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:00-16:00", (dt.time(13), dt.time(16))),
        ("9:30–15:30", (dt.time(9, 30), dt.time(15, 30))),
        ("twilight", (dt.time(16), dt.time(17, 30))),
        ("all day", None),
    ],
)
def test_time_of_day(text: str, expected) -> None:
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["16:00-13:00", "25:00-26:00", "1pm till 4"])
def test_bad_time_of_day(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time_of_day(text)


@pytest.mark.parametrize(
    ("text", "days", "calendar_days", "hours"),
    [("1 day", 1, 1, 0), ("1.5 days", 1.5, 2, 0), ("2-day", 2, 2, 0), ("1 hour", 0, 1, 1), ("twilight", 0, 1, 1.5)],
)
def test_lengths(text: str, days: float, calendar_days: int, hours: float) -> None:
    length = parse_length(text)
    assert length == Length(days=days, hours=hours)
    assert length.calendar_days == calendar_days
