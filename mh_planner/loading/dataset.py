"""A loaded data folder: the programme, the years, roles, hubs and the hubs' plans, all validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mh_planner.academic_year import AcademicYear
from mh_planner.files.yaml_read import Source
from mh_planner.model import (
    CentralEvent,
    ExchangeLeg,
    Hub,
    Plan,
    ProgrammeFile,
    Project,
    Role,
    TermDatesFile,
    YearFile,
)


@dataclass
class PlanFile:
    path: Path
    plan: Plan
    source: Source


@dataclass
class Dataset:
    root: Path
    programme: ProgrammeFile
    year_files: dict[int, YearFile]
    roles: dict[str, Role]
    hubs: dict[str, Hub]
    projects: dict[str, Project]
    plans: list[PlanFile] = field(default_factory=list)
    term_dates: dict[tuple[str, int], TermDatesFile] = field(default_factory=dict)  # (calendar, first year)
    plans_folder: Path | None = None  # where this year's plans are (None: <root>/plans)
    years: tuple[str, ...] | None = None  # the years of a folder of year folders; None: one year (flat)

    @property
    def label(self) -> str:
        """The academic year, e.g. '2019/20'."""
        return self.programme.year

    @property
    def plans_dir(self) -> Path:
        return self.plans_folder or self.root / "plans"

    def calendar_name(self, calendar: str) -> str | None:
        """The name a calendar's files give it (its file for this year, else any year's), None if unknown."""
        found = self.term_dates.get((calendar, self.start_year))
        if found is None:
            found = next((f for (c, _), f in sorted(self.term_dates.items()) if c == calendar), None)
        return found.name if found else None

    @property
    def start_year(self) -> int:
        return int(self.programme.year[:4])

    def year(self) -> AcademicYear:
        """The national default year (the year file's terms, else the rule): national events are placed on it."""
        return AcademicYear.build(self.start_year, self.year_files)

    def year_for(self, plan: Plan) -> AcademicYear:
        """The plan's own default: its `calendar` (or its own `terms`), with its closure days."""
        return self.calendar_year(plan.calendar, plan)

    def calendar_year(
        self, calendar: str | None, plan: Plan | None = None, own_closures: dict[dt.date, str] | None = None
    ) -> AcademicYear:
        """A calendar's year (None: the plan's own terms, else the national default) with the plan's closures."""
        closures = plan.closures if plan else []
        if calendar is None:
            terms = plan.terms if plan else None
            return AcademicYear.build(
                self.start_year, self.year_files, terms=terms, closures=closures, own_closures=own_closures
            )
        dates = self.term_dates.get((calendar, self.start_year))
        named = None if dates else (calendar, self.calendar_name(calendar) or calendar)
        return AcademicYear.build(
            self.start_year, self.year_files, closures=closures, dates=dates, own_closures=own_closures, named=named
        )

    def central_events(self) -> Iterable[tuple[Project, CentralEvent]]:
        for project in self.projects.values():
            for event in project.events:
                yield project, event

    def exchange_legs(self) -> Iterable[tuple[Project, ExchangeLeg]]:
        for project in self.projects.values():
            for leg in project.exchange_legs:
                yield project, leg

    def central_ids(self) -> list[str]:
        ids = [f"{p.id}/{e.id}" for p, e in self.central_events()]
        ids += [f"{p.id}/{leg.id}" for p, leg in self.exchange_legs()]
        return ids
