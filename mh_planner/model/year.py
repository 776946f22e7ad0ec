"""`data/year/YYYY-YY.yaml`: an academic year's terms, half-terms and bank holidays; a hub's closure days."""

from __future__ import annotations

import datetime as dt
import itertools
from enum import StrEnum

from pydantic import Field, model_validator

from mh_planner.model.common import DateRange, Strict


class TermName(StrEnum):
    AUTUMN = "Autumn"
    SPRING = "Spring"
    SUMMER = "Summer"


class Term(Strict):
    name: TermName
    start: dt.date
    end: dt.date
    half_term: DateRange = Field(description="the one-week holiday that splits the term in two")

    @model_validator(mode="after")
    def _inside(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if not (self.start < self.half_term.start and self.half_term.end < self.end):
            raise ValueError(f"half_term {self.half_term.start}..{self.half_term.end} is not inside the term")
        return self


def check_terms(terms: list[Term]) -> None:
    names = [t.name for t in terms]
    if names != [TermName.AUTUMN, TermName.SPRING, TermName.SUMMER]:
        raise ValueError("terms must be Autumn, Spring, Summer in that order")
    for earlier, later in itertools.pairwise(terms):
        if later.start <= earlier.end:
            raise ValueError(f"{later.name} term starts before {earlier.name} term ends")


class Closure(Strict):
    date: dt.date
    end: dt.date | None = None
    reason: str = "closure"

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.end is not None and self.end < self.date:
            raise ValueError(f"end {self.end} is before date {self.date}")
        return self


class YearFile(Strict):
    """`data/year/YYYY-YY.yaml`: England's bank holidays in one academic year, and the national default terms
    (for national events, and for a plan that names no local authority). Local authorities' own dates are in
    `term-dates/`."""

    year: str = Field(pattern=r"^\d{4}/\d{2}$", description="e.g. 2019/20")
    source: str | None = None
    terms: list[Term] | None = Field(
        default=None, min_length=3, max_length=3, description="the national default; by rule when absent"
    )
    bank_holidays: dict[dt.date, str] | None = Field(
        default=None, description="England's bank holidays; computed with the `holidays` package when absent"
    )

    @property
    def start_year(self) -> int:
        return int(self.year[:4])

    @model_validator(mode="after")
    def _terms_in_order(self) -> YearFile:
        if self.terms is not None:
            check_terms(self.terms)
        return self
