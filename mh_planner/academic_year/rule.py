"""The rule for England's term dates when no calendar gives them, and England's bank holidays."""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter

from mh_planner.model import DateRange, Term, TermName


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def previous_weekday(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def next_weekday(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _on_or_after(day: dt.date, weekdays: tuple[int, ...]) -> dt.date:
    while day.weekday() not in weekdays:
        day += dt.timedelta(days=1)
    return day


def _friday_if_weekend(day: dt.date) -> dt.date:
    return _weekday_on_or_before(day, 4) if day.weekday() >= 5 else day


def easter_terms(year: int) -> tuple[dt.date, dt.date]:
    """(last day of the spring term, first day of the summer term) around Easter in `year`: a two-week
    holiday placed by Easter Sunday, so that Good Friday and Easter Monday are never school days."""
    sunday = easter(year)
    good_friday = sunday - dt.timedelta(days=2)
    if sunday <= dt.date(year, 4, 3):  # very early Easter: Easter week and the week after
        return good_friday - dt.timedelta(days=1), sunday + dt.timedelta(days=15)
    if sunday <= dt.date(year, 4, 12):  # Holy Week and Easter week
        return sunday - dt.timedelta(days=9), sunday + dt.timedelta(days=8)
    # Late Easter: the fortnight before Good Friday's week, plus Easter Monday.
    return good_friday - dt.timedelta(days=14), sunday + dt.timedelta(days=2)


def terms_by_rule(start_year: int) -> list[Term]:
    """England term dates for the academic year starting in September of `start_year`, as the Eastern Region
    model calendar sets them (fitted to Cambridgeshire, Norfolk and Peterborough 2019/20-2021/22; the dates it
    does not reproduce are listed in tests/test_academic_year.py):

    - Autumn starts on the first Monday, Wednesday or Thursday on or after 3 September; ends on 18 December,
      or the Friday before when that is a weekend. October half-term: the last Monday-Friday week wholly in
      October.
    - Spring starts on the first weekday on or after 4 January. February half-term: the week of the first
      Monday on or after 13 February. Easter: see `easter_terms`.
    - May half-term: the week of the last Monday in May. Summer ends on 21 July, or the Friday before.
    """
    mon, wed, thu, fri = 0, 2, 3, 4
    y1, y2 = start_year, start_year + 1
    autumn_start = _on_or_after(dt.date(y1, 9, 3), (mon, wed, thu))
    october_half = _weekday_on_or_before(dt.date(y1, 10, 31), fri) - dt.timedelta(days=4)
    autumn_end = _friday_if_weekend(dt.date(y1, 12, 18))
    spring_start = _on_or_after(dt.date(y2, 1, 4), (0, 1, 2, 3, 4))
    february_half = _on_or_after(dt.date(y2, 2, 13), (mon,))
    spring_end, summer_start = easter_terms(y2)
    may_half = _weekday_on_or_before(dt.date(y2, 5, 31), mon)  # the spring bank holiday's usual week
    summer_end = _friday_if_weekend(dt.date(y2, 7, 21))

    def half(monday: dt.date) -> DateRange:
        return DateRange(start=monday, end=monday + dt.timedelta(days=4))

    return [
        Term(name=TermName.AUTUMN, start=autumn_start, end=autumn_end, half_term=half(october_half)),
        Term(name=TermName.SPRING, start=spring_start, end=spring_end, half_term=half(february_half)),
        Term(name=TermName.SUMMER, start=summer_start, end=summer_end, half_term=half(may_half)),
    ]


def england_bank_holidays(start_year: int) -> dict[dt.date, str]:
    """Bank holidays from 1 September to 31 August, from the maintained `holidays` package."""
    import holidays  # only for years without a list in the data: it takes a while to import

    found = holidays.country_holidays("GB", subdiv="ENG", years=[start_year, start_year + 1])
    first, last = dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)
    return {day: name for day, name in sorted(found.items()) if first <= day <= last}


