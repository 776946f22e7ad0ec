"""England's academic year: terms, half-terms, school holidays, bank holidays and a hub's closure days.

A year comes from `data/year/YYYY-YY.yaml` when shipped (2019/20 is), otherwise from typical
England dates computed by rule (Easter from `dateutil`); a hub may override its terms, since local
authorities differ. Bank holidays come from the `holidays` package (England) unless the file lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from dateutil.easter import easter

from mh_planner.model import Closure, Term, TermName, YearFile

TERM_NAMES = ("Autumn", "Spring", "Summer")
HALF_TERM_NAMES = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")


@dataclass(frozen=True, slots=True)
class Period:
    name: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _previous_weekday(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _next_weekday(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def terms_by_rule(start_year: int) -> list[Term]:
    """Typical England term dates for the academic year starting in September of `start_year`."""
    mon, wed, fri = 0, 2, 4
    y1, y2 = start_year, start_year + 1
    autumn_start = _weekday_on_or_after(_weekday_on_or_after(dt.date(y1, 9, 1), mon), wed)
    october_half = _weekday_on_or_before(dt.date(y1, 10, 31), mon)
    autumn_end = _weekday_on_or_before(dt.date(y1, 12, 21), fri)
    spring_start = _weekday_on_or_after(dt.date(y2, 1, 4), mon)
    february_half = _weekday_on_or_after(dt.date(y2, 2, 1), mon) + dt.timedelta(weeks=2)
    easter_sunday = easter(y2)
    easter_start = easter_sunday - dt.timedelta(days=6)  # Monday of Holy Week
    spring_end = easter_start - dt.timedelta(days=3)
    summer_start = easter_sunday + dt.timedelta(days=8)  # the Monday after Easter week
    may_half = _weekday_on_or_before(dt.date(y2, 5, 31), mon)  # week of the spring bank holiday
    summer_end = dt.date(y2, 7, 22)
    if summer_end.weekday() >= 5:
        summer_end = _weekday_on_or_before(summer_end, fri)

    def half(monday: dt.date) -> dict[str, dt.date]:
        return {"start": monday, "end": monday + dt.timedelta(days=4)}

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


@dataclass
class AcademicYear:
    start_year: int
    terms: list[Term]
    listed_bank_holidays: Mapping[dt.date, str] | None  # as the year file lists them, if it does
    closures: Mapping[dt.date, str] = field(default_factory=dict)
    source: str = "computed by rule"
    known: Mapping[int, YearFile] = field(default_factory=dict, repr=False)
    _reasons: dict[dt.date, str | None] = field(default_factory=dict, repr=False, compare=False)
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)  # for callers' caches

    # --- construction ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        start_year: int,
        files: Mapping[int, YearFile] | None = None,
        terms: list[Term] | None = None,
        closures: Iterable[Closure] = (),
    ) -> AcademicYear:
        # Every assembly asks for the same years again (the TUI re-assembles after each edit): the years,
        # and what they have worked out about their days, are kept while their inputs are the same.
        closures = tuple(closures)
        key = (
            start_year,
            tuple(sorted((y, f.model_dump_json()) for y, f in (files or {}).items())),
            None if terms is None else tuple(t.model_dump_json() for t in terms),
            tuple(c.model_dump_json() for c in closures),
        )
        if key not in _BUILT:
            if len(_BUILT) > 64:
                _BUILT.clear()
            _BUILT[key] = cls._build(start_year, files, terms, closures)
        return _BUILT[key]

    @classmethod
    def _build(
        cls,
        start_year: int,
        files: Mapping[int, YearFile] | None,
        terms: list[Term] | None,
        closures: Iterable[Closure],
    ) -> AcademicYear:
        files = dict(files or {})
        year_file = files.get(start_year)
        source = "computed by rule"
        bank = None
        if year_file is not None:
            source = year_file.source or f"data/year/{year_file.year.replace('/', '-')}.yaml"
            bank = year_file.bank_holidays
        if terms is None:
            terms = year_file.terms if year_file else terms_by_rule(start_year)
        else:
            source = "the hub's own term dates"
        closed: dict[dt.date, str] = {}
        for closure in closures:
            day = closure.date
            while day <= (closure.end or closure.date):
                closed[day] = closure.reason
                day += dt.timedelta(days=1)
        return cls(
            start_year=start_year,
            terms=list(terms),
            listed_bank_holidays=dict(bank) if bank is not None else None,
            closures=closed,
            source=source,
            known=files,
        )

    def other(self, start_year: int) -> AcademicYear:
        """Another year (e.g. the summer term before a programme starts), from data or by rule."""
        return AcademicYear.build(start_year, self.known)

    # --- what the year contains -----------------------------------------------------------------

    @cached_property
    def bank_holidays(self) -> Mapping[dt.date, str]:
        # Worked out only when needed: resolving "the summer term 2019" needs that year's terms, not these.
        if self.listed_bank_holidays is not None:
            return self.listed_bank_holidays
        return england_bank_holidays(self.start_year)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 9, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 8, 31)

    def term_range(self, index: int) -> tuple[dt.date, dt.date]:
        term = self.terms[index]
        return term.start, term.end

    @cached_property
    def half_terms(self) -> list[Period]:
        periods = []
        for i, term in enumerate(self.terms):
            periods.append(Period(HALF_TERM_NAMES[2 * i], term.start, _previous_weekday(term.half_term.start)))
            periods.append(Period(HALF_TERM_NAMES[2 * i + 1], _next_weekday(term.half_term.end), term.end))
        return periods

    def half_term_range(self, index: int) -> tuple[dt.date, dt.date]:
        period = self.half_terms[index]
        return period.start, period.end

    @cached_property
    def term_periods(self) -> list[Period]:
        return [Period(t.name.value, t.start, t.end) for t in self.terms]

    @cached_property
    def holidays(self) -> list[Period]:
        """School holidays: the summer holiday either side, half-terms, Christmas and Easter."""
        autumn, spring, summer = self.terms
        day = dt.timedelta(days=1)
        return [
            Period("Summer holiday", self.start, autumn.start - day),
            Period("October half-term", autumn.half_term.start, autumn.half_term.end),
            Period("Christmas holiday", autumn.end + day, spring.start - day),
            Period("February half-term", spring.half_term.start, spring.half_term.end),
            Period("Easter holiday", spring.end + day, summer.start - day),
            Period("May half-term", summer.half_term.start, summer.half_term.end),
            Period("Summer holiday", summer.end + day, self.end),
        ]

    def holiday_on(self, day: dt.date) -> str | None:
        for period in self.holidays:
            if day in period:
                return period.name
        return None

    def term_index(self, day: dt.date) -> int | None:
        for i, period in enumerate(self.term_periods):
            if day in period:
                return i
        return None

    def half_term_index(self, day: dt.date) -> int | None:
        for i, period in enumerate(self.half_terms):
            if day in period:
                return i
        return None

    def why_not_a_school_day(self, day: dt.date) -> str | None:
        """Why a local event cannot be on `day`, or None for an ordinary term-time weekday."""
        # Asked thousands of times per assembly (provisional dates, patterns, rules): remember answers.
        if day in self._reasons:
            return self._reasons[day]
        reason = self._why_not(day)
        self._reasons[day] = reason
        return reason

    def _why_not(self, day: dt.date) -> str | None:
        if day.weekday() >= 5:
            return day.strftime("a %A")
        if day in self.bank_holidays:
            return f"a bank holiday ({self.bank_holidays[day]})"
        holiday = self.holiday_on(day)
        if holiday:
            return f"in the {holiday}"
        if day in self.closures:
            return f"a hub closure day ({self.closures[day]})"
        if not (self.start <= day <= self.end):
            return f"outside the academic year {self.label}"
        return None

    def is_school_day(self, day: dt.date) -> bool:
        return self.why_not_a_school_day(day) is None

    def school_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        days, day = [], start
        while day <= end:
            if self.is_school_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days


_BUILT: dict[tuple[object, ...], AcademicYear] = {}


def start_year_of(label: str) -> int:
    """'2019/20' -> 2019."""
    return int(label[:4])


__all__ = ["HALF_TERM_NAMES", "TERM_NAMES", "AcademicYear", "Period", "england_bank_holidays", "terms_by_rule"]
