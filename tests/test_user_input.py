"""Dates as people type them, wherever a date is asked for (the editor, go-to-date, the command line)."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.loading import Dataset
from mh_planner.user_input import parse_date

D = dt.date
TUESDAY = D(2019, 11, 12)


@pytest.fixture(scope="module")
def year(shipped: Dataset):
    from mh_planner.assemble import assemble

    return assemble(shipped).year


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("14 Nov", D(2019, 11, 14)),
        ("14/11/2019", D(2019, 11, 14)),
        ("2019-11-14", D(2019, 11, 14)),
        ("today", TUESDAY),
        ("tomorrow", D(2019, 11, 13)),
        ("tue", TUESDAY),  # today is a Tuesday
        ("next tue", D(2019, 11, 19)),
        ("Next Tuesday", D(2019, 11, 19)),
        ("last tue", D(2019, 11, 5)),
        ("fri", D(2019, 11, 15)),
        ("next week", D(2019, 11, 18)),
        ("spring 2", D(2020, 2, 24)),
        ("sp2", D(2020, 2, 24)),
        ("Autumn 1", D(2019, 9, 4)),
        ("summer term", D(2020, 4, 20)),
        ("summer", D(2020, 4, 20)),  # the term, not the summer holiday (as 'autumn' and 'spring' are terms)
        ("summer holidays", D(2020, 7, 22)),
        ("Easter holidays", D(2020, 4, 4)),
        ("october half-term", D(2019, 10, 21)),
        ("May half term", D(2020, 5, 25)),
        ("easter", D(2020, 4, 4)),
        ("the Christmas holiday", D(2019, 12, 19)),
    ],
)
def test_dates_as_people_say_them(year, text: str, day: dt.date) -> None:
    assert parse_date(text, year, TUESDAY) == day


@pytest.mark.parametrize(("text", "message"), [("someday", "cannot read the date"), ("31 Nov", "no such date")])
def test_what_cannot_be_read_says_why(year, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text, year, TUESDAY)
