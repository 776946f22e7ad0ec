"""A loaded data folder: the programme, the years, roles, hubs and the hubs' plans, all validated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mh_planner.academic_year import AcademicYear
from mh_planner.files.yaml_read import Source
from mh_planner.model import CentralEvent, ExchangeLeg, Hub, Plan, ProgrammeFile, Project, Role, YearFile


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

    @property
    def start_year(self) -> int:
        return int(self.programme.year[:4])

    def year(self) -> AcademicYear:
        """The programme's year as shipped (no hub's own terms or closures)."""
        return AcademicYear.build(self.start_year, self.year_files)

    def year_for(self, plan: Plan) -> AcademicYear:
        return AcademicYear.build(self.start_year, self.year_files, terms=plan.terms, closures=plan.closures)

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
