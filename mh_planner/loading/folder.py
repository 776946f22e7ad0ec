"""Walk a data folder: read every file, validate it, check references across files, collect every problem.

Layout (see docs/data-format.md):
    year/YYYY-YY.yaml        term dates of a year
    roles.yaml               the roles people hold
    hubs.yaml                the Maths Hubs
    programme/programme.yaml which academic year the programme is for
    programme/NN-NN.yaml     one file per national project
    plans/<hub>.yaml         one file per hub's plan
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from mh_planner.files.yaml_read import Source, read_yaml
from mh_planner.loading.dataset import Dataset, PlanFile
from mh_planner.loading.references import Report, check_plan, check_project
from mh_planner.loading.validate import salvage, validate
from mh_planner.model import HubsFile, Plan, ProgrammeFile, Project, RolesFile, YearFile
from mh_planner.problems import InvalidData, Loc, Problems

M = TypeVar("M", bound=BaseModel)


class _Folder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = Problems()

    def read(self, path: Path, model: type[M]) -> tuple[M | None, Source | None]:
        # The folder as the user named it, so that messages point where they look.
        source = read_yaml(path, self.problems, str(path))
        if source is None:
            return None, None
        return validate(model, source, self.problems, str(path)), source

    def files(self, folder: str) -> list[Path]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())

    def need(self, name: str) -> Path | None:
        path = self.root / name
        if not path.is_file():
            self.problems.add(str(path), None, "", "file is missing")
            return None
        return path

    def unique(self, into: dict[str, Any], value: Any, path: Path, source: Source | None, loc: Loc, what: str) -> bool:
        key = value.id
        if key in into:
            line = source.line_of(loc) if source else None
            self.problems.add(str(path), line, loc, f"duplicate {what} id {key!r}")
            return False
        into[key] = value
        return True

    def load(self) -> Dataset:
        if not self.root.is_dir():
            self.problems.add(str(self.root), None, "", "no such data folder")
            raise InvalidData(self.problems)
        year_files: dict[int, YearFile] = {}
        for path in self.files("year"):
            year_file, _ = self.read(path, YearFile)
            if year_file is not None:
                year_files[year_file.start_year] = year_file
        dataset = Dataset(
            self.root,
            self.programme(),
            year_files,
            self.listed("roles.yaml", RolesFile, "roles", "role"),
            self.listed("hubs.yaml", HubsFile, "hubs", "hub"),
            {},
        )
        self.projects(dataset)
        self.plans(dataset)
        if self.problems:
            raise InvalidData(self.problems)
        return dataset

    def programme(self) -> ProgrammeFile:
        programme = None
        if path := self.need("programme/programme.yaml"):
            programme, _ = self.read(path, ProgrammeFile)
        return programme or ProgrammeFile(year="2019/20", title="(missing programme.yaml)")

    def listed(self, name: str, model: type[RolesFile] | type[HubsFile], key: str, what: str) -> dict[str, Any]:
        """`roles.yaml` or `hubs.yaml`: a list of items with unique ids."""
        found: dict[str, Any] = {}
        if path := self.need(name):
            document, source = self.read(path, model)
            if document is not None:
                for i, item in enumerate(getattr(document, key)):
                    self.unique(found, item, path, source, (key, i, "id"), what)
        return found

    def projects(self, dataset: Dataset) -> None:
        sources: dict[str, tuple[Path, Source]] = {}
        for path in self.files("programme"):
            if path.name in {"programme.yaml", "programme.yml"}:
                continue
            project, source = self.read(path, Project)
            if source is None:
                continue
            if project is None:
                # Keep what is valid of it, so that plans referring to it are not reported as well.
                project, _ = salvage(Project, source.data)
                if project is None:
                    continue
            if self.unique(dataset.projects, project, path, source, ("id",), "project"):
                sources[project.id] = (path, source)
        for project_id, (path, source) in sources.items():
            report = Report(str(path), source, self.problems)
            check_project(dataset.projects[project_id], path.stem, report, dataset.roles.keys())

    def plans(self, dataset: Dataset) -> None:
        central = dataset.central_ids()
        seen: dict[str, dict[str, str]] = {}
        plan_hubs: dict[str, str] = {}
        for path in self.files("plans"):
            plan, source = self.read(path, Plan)
            if source is None:
                continue
            display = str(path)
            if plan is None:
                # Still check the references of the valid parts, so one run reports every problem.
                ghosts: set[str] = set()
                partial, kept = salvage(Plan, source.data, ghosts)
                if partial is not None:
                    report = Report(display, source, self.problems, ghosts, kept)
                    check_plan(partial, report, dataset, central, seen)
                continue
            if plan.hub in plan_hubs:
                message = f"hub {plan.hub!r} already has a plan in {plan_hubs[plan.hub]}"
                self.problems.add(display, source.line_of(("hub",)), "hub", message)
            plan_hubs[plan.hub] = display
            check_plan(plan, Report(display, source, self.problems), dataset, central, seen)
            dataset.plans.append(PlanFile(path, plan, source))


def load(root: str | Path) -> Dataset:
    """Load and validate a data folder; raise InvalidData carrying every problem found."""
    return _Folder(Path(root)).load()
