"""Dates near the academic year: every date of a project or a plan, and every window its timings give, lies
between the September before the year and the August after it.

The models already refuse implausible years (0019, 9999); this refuses a plausible year that is not this
year's (a confirmed date typed 2021 in a 2019/20 plan, which would silently hide a clash), and a timing whose
window cannot be worked out in this year ('29 February' in a year without one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from mh_planner.academic_year import AcademicYear
from mh_planner.loading.references import Report
from mh_planner.model import Plan, Project, check_terms
from mh_planner.problems import Loc
from mh_planner.timing import parse_when


def year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    """The dates a year's data may name: 1 September of the year before to 31 August of the year after."""
    return dt.date(start_year - 1, 9, 1), dt.date(start_year + 2, 8, 31)


def dates_in(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dt.date]]:
    """Every date a validated model holds, with its place in the file (keys as the file spells them)."""
    if isinstance(value, dt.date):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from dates_in(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from dates_in(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from dates_in(item, (*loc, str(key)))


class YearSpan:
    """Checks the files of one academic year against it."""

    def __init__(self, label: str, year: AcademicYear) -> None:
        self.label = label
        self.year = year
        self.first, self.last = year_bounds(year.start_year)

    def far(self, day: dt.date) -> str | None:
        if self.first <= day <= self.last:
            return None
        return f"{day.isoformat()} is far from {self.label}: dates from {self.first} to {self.last} only"

    def check_dates(self, model: BaseModel, report: Report) -> None:
        for loc, day in dates_in(model):
            problem = self.far(day)
            if problem:
                report.add(loc, problem)

    def check_project(self, project: Project, report: Report) -> None:
        self.check_dates(project, report)
        for i, event in enumerate(project.events):
            for name in ("when", "assume"):
                wording = getattr(event, name)
                if wording:
                    self._check_timing(wording, ("events", i, name), report)

    def _check_timing(self, wording: str, loc: Loc, report: Report) -> None:
        try:
            windows = parse_when(wording).windows(self.year)
        except ValueError as exc:  # a day this year has not (29 February), a span that ends before it starts
            report.add(loc, f"the timing {wording!r} cannot be placed in {self.label}: {exc}")
            return
        for window in windows:
            if window.end < window.start:
                report.add(loc, f"the timing {wording!r} ends before it starts in {self.label}")
            problem = self.far(window.start) or self.far(window.end)
            if problem:
                report.add(loc, f"the timing {wording!r}: {problem}")

    def check_plan(self, plan: Plan, report: Report) -> None:
        self.check_dates(plan, report)
        if plan.terms is not None and plan.year is None:  # with a year, the model checked them against it
            try:
                check_terms(plan.terms, self.label)
            except ValueError as exc:
                report.add(("terms",), str(exc))
