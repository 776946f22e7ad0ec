"""`data/term-dates/<calendar>/<YYYY-YY>.yaml`: one local authority's (or one school's) published term dates.

A hub covers several local authorities whose dates differ (in spring 2020 Peterborough's Easter holiday ran
Mon 30 Mar - Mon 13 Apr, Cambridgeshire's Thu 2 - Fri 17 Apr), and academies may set their own. Each file
holds what its source publishes for one academic year: the three terms (first and last day) and the
holidays as date ranges of any days ("Saturday 19 October 2019 Sunday 27 October 2019" fits as it is), with
the words of the source, and for a school its own closure (INSET) days. England's bank holidays stay in
`year/YYYY-YY.yaml`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from mh_planner.model.common import DateRange, Day, Id, Strict, YearLabel, within
from mh_planner.model.year import Closure, Term, TermName, check_terms


class Basis(StrEnum):
    """Where one date comes from."""

    PUBLISHED = "published"  # as the source prints it
    DERIVED = "derived"  # worked out from published values (the note says how)
    ASSUMED = "assumed"  # no source found (the note says why)
    RULE = "rule"  # computed by the rule (academic_year.terms_by_rule)


class CalendarStatus(StrEnum):
    """How much of the file is published: shown by `check` and the planner beside the calendar's name."""

    PUBLISHED = "published"
    PARTIAL = "partial"
    ASSUMED = "assumed"
    BY_RULE = "by-rule"


class CalendarKind(StrEnum):
    LOCAL_AUTHORITY = "local-authority"
    SCHOOL = "school"


class Source(Strict):
    name: str
    url: str | None = None
    found: str | None = None
    quote: str | None = Field(default=None, description="the source's words, verbatim")
    note: str | None = None


class TermDates(Strict):
    name: TermName
    start: Day = Field(description="first day of term")
    end: Day = Field(description="last day of term")
    basis: Basis = Basis.PUBLISHED
    start_basis: Basis | None = Field(default=None, description="when the first day's basis differs from `basis`")
    end_basis: Basis | None = Field(default=None, description="when the last day's basis differs from `basis`")
    note: str | None = None


class Holiday(Strict):
    """A break as published: any first and last day (a Friday-to-Sunday half-term, a Saturday-to-Sunday one)."""

    name: str = Field(description="e.g. 'October half-term', 'Easter holiday'")
    start: Day
    end: Day
    text: str | None = Field(default=None, description="the dates exactly as the source words them")
    basis: Basis = Basis.PUBLISHED
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        within(366, self.start, self.end)
        return self


class TermDatesFile(Strict):
    """One calendar's terms and holidays for one academic year."""

    calendar: Id = Field(description="the calendar's id; the file is term-dates/<calendar>/<YYYY-YY>.yaml")
    name: str = Field(description="e.g. 'Peterborough City Council': shown in messages")
    kind: CalendarKind = CalendarKind.LOCAL_AUTHORITY
    year: YearLabel
    status: CalendarStatus = CalendarStatus.PUBLISHED
    training_days: str | None = Field(
        default=None, description="whether the schools' own training days are inside the dates ('inside', 'outside')"
    )
    sources: list[Source] = Field(default_factory=list)
    terms: list[TermDates] = Field(min_length=3, max_length=3)
    holidays: list[Holiday] = Field(default_factory=list)
    closures: list[Closure] = Field(default_factory=list, description="a school's own closure (INSET) days")
    notes: str | None = None

    @property
    def start_year(self) -> int:
        return int(self.year[:4])

    def half_term(self, term: TermDates) -> Holiday | None:
        """The holiday strictly inside a term: its half-term."""
        inside = [h for h in self.holidays if term.start < h.start and h.end < term.end]
        return inside[0] if len(inside) == 1 else None

    @model_validator(mode="after")
    def _consistent(self) -> TermDatesFile:
        first, last = dt.date(self.start_year, 9, 1), dt.date(self.start_year + 1, 8, 31)
        for term in self.terms:
            if term.end < term.start:
                raise ValueError(f"{term.name} term ends ({term.end}) before it starts ({term.start})")
            if not (first <= term.start and term.end <= last):
                raise ValueError(f"{term.name} term {term.start}..{term.end} is not inside {self.year}")
            inside = [h for h in self.holidays if term.start < h.start and h.end < term.end]
            if len(inside) != 1:
                count = len(inside)
                raise ValueError(f"{term.name} term needs exactly one holiday inside it (its half-term), has {count}")
        for holiday in self.holidays:
            for term in self.terms:
                overlaps = holiday.start <= term.end and term.start <= holiday.end
                if overlaps and not (term.start < holiday.start and holiday.end < term.end):
                    days = f"{holiday.start}..{holiday.end}"
                    raise ValueError(f"the {holiday.name} ({days}) cuts across the {term.name} term")
        check_terms(self.as_terms())
        return self

    def as_terms(self) -> list[Term]:
        """The terms with their half-terms, as the academic year reads them."""
        terms = []
        for term in self.terms:
            half = self.half_term(term)
            assert half is not None  # checked by the validator
            half_term = DateRange(start=half.start, end=half.end)
            terms.append(Term(name=term.name, start=term.start, end=term.end, half_term=half_term))
        return terms
