"""`data/year/YYYY-YY.yaml`: an academic year's terms, half-terms and bank holidays; a hub's closure days."""

from __future__ import annotations

import datetime as dt
import itertools
from enum import StrEnum

from pydantic import Field, model_validator

from mh_planner.model.common import DateRange, Day, Strict, YearLabel, within


class TermName(StrEnum):
    AUTUMN = "Autumn"
    SPRING = "Spring"
    SUMMER = "Summer"


class Term(Strict):
    name: TermName
    start: Day
    end: Day
    half_term: DateRange = Field(description="the one-week holiday that splits the term in two")

    @model_validator(mode="after")
    def _inside(self) -> Term:
        within(366, self.start, self.end)
        if not (self.start < self.half_term.start and self.half_term.end < self.end):
            raise ValueError(f"half_term {self.half_term.start}..{self.half_term.end} is not inside the term")
        return self


def year_span(label: str) -> tuple[dt.date, dt.date]:
    """1 September to 31 August of an academic year ('2019/20')."""
    start = int(label[:4])
    return dt.date(start, 9, 1), dt.date(start + 1, 8, 31)


def check_terms(terms: list[Term], label: str | None = None) -> None:
    """Autumn, Spring, Summer in order, and (given the year) inside it."""
    names = [t.name for t in terms]
    if names != [TermName.AUTUMN, TermName.SPRING, TermName.SUMMER]:
        raise ValueError("terms must be Autumn, Spring, Summer in that order")
    for earlier, later in itertools.pairwise(terms):
        if later.start <= earlier.end:
            raise ValueError(f"{later.name} term starts before {earlier.name} term ends")
    if label is not None:
        first, last = year_span(label)
        outside = [t for t in terms if not first <= t.start <= t.end <= last]
        if outside:
            term = outside[0]
            raise ValueError(f"the {term.name} term ({term.start} to {term.end}) is not in {label}")


class Closure(Strict):
    date: Day
    end: Day | None = None
    reason: str = "closure"

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        within(366, self.date, self.end, ("date", "end"))
        return self


class YearFile(Strict):
    """`data/year/YYYY-YY.yaml`: England's bank holidays in one academic year, and the national default terms
    (for national events, and for a plan that names no local authority). Local authorities' own dates are in
    `term-dates/`."""

    year: YearLabel
    source: str | None = None
    terms: list[Term] | None = Field(
        default=None, min_length=3, max_length=3, description="the national default; by rule when absent"
    )
    bank_holidays: dict[Day, str] | None = Field(
        default=None, description="England's bank holidays; computed with the `holidays` package when absent"
    )

    @property
    def start_year(self) -> int:
        return int(self.year[:4])

    @model_validator(mode="after")
    def _terms_in_order(self) -> YearFile:
        if self.terms is not None:
            check_terms(self.terms, self.year)
        first, last = year_span(self.year)
        for day in self.bank_holidays or {}:
            if not first <= day <= last:
                raise ValueError(f"the bank holiday {day} is not in {self.year}")
        return self
