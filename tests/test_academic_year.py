"""England's academic year: shipped 2019/20 dates, dates by rule for other years, bank holidays, closures."""

from __future__ import annotations

import datetime as dt

import pytest

from mh_planner.academic_year import AcademicYear, england_bank_holidays, terms_by_rule
from mh_planner.model import Closure

D = dt.date


@pytest.fixture(scope="module")
def year(shipped_year_files) -> AcademicYear:
    return AcademicYear.build(2019, shipped_year_files)


def test_shipped_bank_holidays_agree_with_the_holidays_package(shipped_year_files) -> None:
    # The shipped list keeps its own wording; the dates must be the package's.
    assert set(shipped_year_files[2019].bank_holidays) == set(england_bank_holidays(2019))
    assert D(2020, 5, 8) in england_bank_holidays(2019)  # May Day moved for VE Day
    assert D(2020, 5, 4) not in england_bank_holidays(2019)


def test_rule_reproduces_the_2019_20_terms(shipped_year_files) -> None:
    assert terms_by_rule(2019) == shipped_year_files[2019].terms


@pytest.mark.parametrize("start_year", range(2015, 2031))
def test_rule_gives_a_sensible_year(start_year: int) -> None:
    year = AcademicYear.build(start_year)
    autumn, spring, summer = year.terms
    assert autumn.start.month == 9 and autumn.start.weekday() < 5
    assert spring.start.weekday() == 0 and summer.start.weekday() == 0
    easter_holiday = next(h for h in year.holidays if h.name == "Easter holiday")
    good_friday = next(d for d, n in year.bank_holidays.items() if n == "Good Friday")
    assert good_friday in easter_holiday
    assert year.half_terms[0].name == "Autumn 1" and len(year.half_terms) == 6
    for term in year.terms:
        assert 10 <= (term.end - term.start).days // 7 <= 16  # a spring term is short when Easter is early


def test_half_terms_of_2019_20(year: AcademicYear) -> None:
    assert [(p.start, p.end) for p in year.half_terms] == [
        (D(2019, 9, 4), D(2019, 10, 25)),
        (D(2019, 11, 4), D(2019, 12, 20)),
        (D(2020, 1, 6), D(2020, 2, 14)),
        (D(2020, 2, 24), D(2020, 4, 3)),
        (D(2020, 4, 20), D(2020, 5, 22)),
        (D(2020, 6, 1), D(2020, 7, 22)),
    ]


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2019, 11, 16), "a Saturday"),
        (D(2019, 10, 30), "in the October half-term"),
        (D(2019, 12, 23), "in the Christmas holiday"),
        (D(2020, 5, 8), "a bank holiday (Early May bank holiday"),
        (D(2020, 4, 14), "in the Easter holiday"),
        (D(2020, 7, 23), "in the Summer holiday"),
        (D(2019, 11, 12), None),
    ],
)
def test_why_not_a_school_day(year: AcademicYear, day: dt.date, why: str | None) -> None:
    reason = year.why_not_a_school_day(day)
    assert (reason is None) if why is None else reason.startswith(why)


def test_hub_closures_and_own_terms(shipped_year_files) -> None:
    own = terms_by_rule(2019)
    own[0] = own[0].model_copy(update={"start": D(2019, 9, 3)})
    year = AcademicYear.build(2019, shipped_year_files, terms=own,
                              closures=[Closure(date=D(2020, 1, 6), end=D(2020, 1, 7), reason="INSET")])
    assert year.is_school_day(D(2019, 9, 3))
    assert year.why_not_a_school_day(D(2020, 1, 7)) == "a hub closure day (INSET)"
    assert year.source == "the hub's own term dates"


def test_another_year_by_rule_when_no_file(year: AcademicYear) -> None:
    other = year.other(2020)
    assert other.label == "2020/21" and other.source == "computed by rule"
    assert other.terms[0].half_term.start == D(2020, 10, 26)
