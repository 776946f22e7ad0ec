"""One calendar's academic year: terms, half-terms, school holidays, bank holidays, closure days; whether a
day is a school day, and if not, why (naming the calendar and quoting its source)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from mh_planner.academic_year.rule import england_bank_holidays, next_weekday, previous_weekday, terms_by_rule
from mh_planner.model import Closure, Term, TermDatesFile, YearFile

TERM_NAMES = ("Autumn", "Spring", "Summer")
HALF_TERM_NAMES = ("Autumn 1", "Autumn 2", "Spring 1", "Spring 2", "Summer 1", "Summer 2")


@dataclass(frozen=True, slots=True)
class Period:
    name: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Named:
    """A holiday as a calendar publishes it: its name, its days, the source's words."""

    name: str
    start: dt.date
    end: dt.date
    text: str | None = None


@dataclass(eq=False)
class AcademicYear:
    """One calendar's year: the national default (`year/` file or rule), or a local authority's or a school's
    (`term-dates/`), with a hub's closure days. A joint year (`joint`) is a day-by-day answer for an event
    that concerns several calendars: a school day only when it is one in all of them."""

    start_year: int
    terms: list[Term]
    listed_bank_holidays: Mapping[dt.date, str] | None  # as the year file lists them, if it does
    closures: Mapping[dt.date, str] = field(default_factory=dict)  # the hub's: reason
    source: str = "computed by rule"
    known: Mapping[int, YearFile] = field(default_factory=dict, repr=False)
    calendar: str | None = None  # the term-dates id; None: the national default
    name: str | None = None  # e.g. "Peterborough City Council"
    status: str | None = None  # published, partial, assumed, by-rule
    published: tuple[Named, ...] = ()  # holidays as published, with their words
    own_closures: Mapping[dt.date, str] = field(default_factory=dict)  # a school's: "<school> (<reason>)"
    also: tuple[AcademicYear, ...] = ()  # a joint year's other calendars
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
        *,
        dates: TermDatesFile | None = None,
        own_closures: Mapping[dt.date, str] | None = None,
        named: tuple[str, str] | None = None,
    ) -> AcademicYear:
        """The national default (`files`, else the rule), or `dates` (a term-dates file), or `terms` (a hub's
        own), with a hub's `closures` and a school's `own_closures`; `named` (id, name) is a term-dates
        calendar that has no file this year: its dates come from the rule."""
        # Every assembly asks for the same years again (the TUI re-assembles after each edit): the years,
        # and what they have worked out about their days, are kept while their inputs are the same.
        closures = tuple(closures)
        key = (
            start_year,
            tuple(sorted((y, f.model_dump_json()) for y, f in (files or {}).items())),
            None if terms is None else tuple(t.model_dump_json() for t in terms),
            tuple(c.model_dump_json() for c in closures),
            None if dates is None else dates.model_dump_json(),
            tuple(sorted((own_closures or {}).items())),
            named,
        )
        if key not in _BUILT:
            if len(_BUILT) > 256:
                _BUILT.clear()
            year = cls._build(start_year, files, terms, closures)
            if dates is not None:
                year = year._with_dates(dates)
            elif named is not None:
                source = f"by rule: no term-dates/{named[0]}/{year.label.replace('/', '-')}.yaml"
                year = dataclasses.replace(year, calendar=named[0], name=named[1], status="by-rule", source=source)
            if own_closures:
                year = dataclasses.replace(year, own_closures=dict(own_closures))
            _BUILT[key] = year
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
            if year_file.terms is not None:
                source = year_file.source or f"data/year/{year_file.year.replace('/', '-')}.yaml"
            bank = year_file.bank_holidays
        if terms is None:
            terms = year_file.terms if year_file and year_file.terms else terms_by_rule(start_year)
        else:
            source = "the hub's own term dates"
        closed: dict[dt.date, str] = {}
        for closure in closures:
            for day in closure_days(closure, start_year):
                closed[day] = closure.reason
        return cls(
            start_year=start_year,
            terms=list(terms),
            listed_bank_holidays=dict(bank) if bank is not None else None,
            closures=closed,
            source=source,
            known=files,
        )

    def _with_dates(self, dates: TermDatesFile) -> AcademicYear:
        closed = dict(self.own_closures)
        for closure in dates.closures:
            for day in closure_days(closure, self.start_year):
                closed[day] = f"{dates.name} ({closure.reason})"
        return dataclasses.replace(
            self,
            terms=dates.as_terms(),
            source=f"term-dates/{dates.calendar}/{dates.year.replace('/', '-')}.yaml",
            calendar=dates.calendar,
            name=dates.name,
            status=dates.status.value,
            published=tuple(Named(h.name, h.start, h.end, h.text) for h in dates.holidays),
            own_closures=closed,
        )

    def joint(self, others: Iterable[AcademicYear]) -> AcademicYear:
        """This year's terms and half-terms, with a school day only when it is one in `others` too."""
        extra = tuple(o for o in dict.fromkeys(others) if o is not self)
        if not extra:
            return self
        # Kept while the years it joins are (ids are only unique among objects alive together).
        key = (id(self), *(id(o) for o in extra))
        entry = _JOINT.get(key)
        if entry is None or entry[0] is not self or any(a is not b for a, b in zip(entry[1].also, extra, strict=True)):
            if len(_JOINT) > 256:
                _JOINT.clear()
            entry = (self, dataclasses.replace(self, also=extra, _reasons={}, memo={}))
            _JOINT[key] = entry
        return entry[1]

    def other(self, start_year: int) -> AcademicYear:
        """Another year (e.g. the summer term before a programme starts), from data or by rule."""
        return AcademicYear.build(start_year, self.known)

    # --- what the year is -----------------------------------------------------------------------

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def title(self) -> str:
        """Which calendar this is, for people: 'Peterborough City Council 2019/20 (partial)'."""
        return " and ".join(dict.fromkeys(y._own_title() for y in (self, *self.also)))

    def _own_title(self) -> str:
        if self.name is None:
            own = self.source == "the hub's own term dates"
            return f"{'the hub' + chr(39) + 's own terms' if own else 'England (national default)'} {self.label}"
        status = "" if self.status in (None, "published") else f" ({self.status})"
        return f"{self.name} {self.label}{status}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 9, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.start_year + 1, 8, 31)

    @cached_property
    def bank_holidays(self) -> Mapping[dt.date, str]:
        # Worked out only when needed: resolving "the summer term 2019" needs that year's terms, not these.
        if self.listed_bank_holidays is not None:
            return self.listed_bank_holidays
        return england_bank_holidays(self.start_year)

    def term_range(self, index: int) -> tuple[dt.date, dt.date]:
        term = self.terms[index]
        return term.start, term.end

    @cached_property
    def half_terms(self) -> list[Period]:
        periods = []
        for i, term in enumerate(self.terms):
            periods.append(Period(HALF_TERM_NAMES[2 * i], term.start, previous_weekday(term.half_term.start)))
            periods.append(Period(HALF_TERM_NAMES[2 * i + 1], next_weekday(term.half_term.end), term.end))
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
                return next((h.name for h in self.published if h.start <= day <= h.end), period.name)
        return None

    def holiday_start(self, name: str) -> tuple[dt.date, str] | None:
        """The first day of a named holiday ("October half-term") and the calendar it is on; for a joint year,
        the latest of its calendars' (a school day in all of them comes after it)."""
        found = [
            (period.start, year._own_title())
            for year in (self, *self.also)
            for period in year.holidays
            if period.name == name
        ]
        return max(found) if found else None

    def holiday_text(self, day: dt.date) -> str | None:
        """The source's words for the holiday `day` is in, when published."""
        return next((h.text for h in self.published if h.start <= day <= h.end and h.text), None)

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

    # --- school days ----------------------------------------------------------------------------

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
        if not (self.start <= day <= self.end):
            return f"outside the academic year {self.label}"
        holiday = self.holiday_on(day)
        if holiday:
            where = f" in {self.name}" if self.name else ""
            text = self.holiday_text(day)
            return f"in the {holiday}{where}" + (f" ({text})" if text else "")
        if day in self.closures:
            return f"a hub closure day ({self.closures[day]})"
        if day in self.own_closures:
            return f"a closure day at {self.own_closures[day]}"
        for other in self.also:
            why = other.why_not_a_school_day(day)
            if why is not None:
                return why
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


def closure_days(closure: Closure, start_year: int) -> Iterator[dt.date]:
    """The days of a closure that can matter to a year: those from the September before it to the August after
    (the data is checked to lie there; clipped all the same, so that no closure is walked day by day to 9999)."""
    first = max(closure.date, dt.date(start_year - 1, 9, 1))
    last = min(closure.end or closure.date, dt.date(start_year + 2, 8, 31))
    for n in range((last - first).days + 1):
        yield first + dt.timedelta(days=n)


_BUILT: dict[tuple[object, ...], AcademicYear] = {}
_JOINT: dict[tuple[int, ...], tuple[AcademicYear, AcademicYear]] = {}


def start_year_of(label: str) -> int:
    """'2019/20' -> 2019."""
    return int(label[:4])


def label_of(start_year: int) -> str:
    """2019 -> '2019/20'."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


