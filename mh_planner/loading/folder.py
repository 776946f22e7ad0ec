"""Walk a data folder: read every file, validate it, check references across files, collect every problem.

Layout (see docs/data-format.md; `years` finds the year asked for):
    year/YYYY-YY.yaml                    England's bank holidays and the national default terms of a year
    term-dates/<calendar>/YYYY-YY.yaml   a local authority's (or a school's) published dates
    roles.yaml                           the roles people hold
    hubs.yaml                            the Maths Hubs
    programme/[YYYY-YY/]programme.yaml   which academic year the programme is for
    programme/[YYYY-YY/]NN-NN.yaml       one file per national project
    plans/[YYYY-YY/]<hub>.yaml           one file per hub's plan
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from mh_planner.files.parse_cache import read_cached
from mh_planner.files.yaml_read import Source
from mh_planner.loading.dataset import Dataset, PlanFile
from mh_planner.loading.entries import data_files, odd_folders, what_is_wrong
from mh_planner.loading.references import Report, check_plan, check_project
from mh_planner.loading.span import YearSpan
from mh_planner.loading.validate import salvage, validate
from mh_planner.loading.years import YearLayout, folder_name, layout, normalise
from mh_planner.model import HubsFile, Plan, ProgrammeFile, Project, RolesFile, TermDatesFile, YearFile
from mh_planner.problems import InvalidData, Loc, Problems

M = TypeVar("M", bound=BaseModel)


class _Folder:
    def __init__(self, root: Path, year: str | None = None) -> None:
        self.root = root
        self.year = year
        self.problems = Problems()
        self.central_ghosts: set[str] = set()  # ids of central events of invalid project files
        self.unknown: set[str] = set()  # kinds of id whose file could not be read ("role", "hub")

    def read(self, path: Path, model: type[M]) -> tuple[M | None, Source | None]:
        # The folder as the user named it, so that messages point where they look. An unchanged file is not
        # parsed again (files.parse_cache: keyed by its bytes).
        source = read_cached(path, self.problems, str(path))
        if source is None:
            return None, None
        return validate(model, source, self.problems, str(path)), source

    def files(self, folder: str | Path) -> list[Path]:
        """The folder's data files; any entry named like one that cannot be read as one is a problem."""
        found, odd = data_files(self.root / folder)
        for path, problem in odd:
            self.problems.add(str(path), None, "", problem)
        return found

    def need(self, name: str | Path) -> Path | None:
        path = self.root / name
        problem = what_is_wrong(path)
        if problem is not None:
            self.problems.add(str(path), None, "", problem)
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
        asked = normalise(self.year) if self.year else None
        for path, problem in odd_folders(self.root, folder_name(asked) if asked else None):
            self.problems.add(str(path), None, "", problem)
        where = layout(self.root, self.year)
        if isinstance(where, str):
            self.problems.add(str(self.root), None, "", where)
            raise InvalidData(self.problems)
        dataset = Dataset(
            self.root,
            self.programme(where),
            self.year_files(),
            self.listed("roles.yaml", RolesFile, "roles", "role"),
            self.listed("hubs.yaml", HubsFile, "hubs", "hub"),
            {},
            term_dates=self.term_dates(),
            plans_folder=where.plans,
            years=where.years or None,
        )
        span = YearSpan(dataset.label, dataset.year())
        self.projects(dataset, where.programme, span)
        self.plans(dataset, where.plans, span)
        if self.problems:
            raise InvalidData(self.problems)
        return dataset

    def year_files(self) -> dict[int, YearFile]:
        """Every `year/` file, each under the name its year gives it, no year twice."""
        found: dict[int, YearFile] = {}
        where: dict[int, Path] = {}
        for path in self.files("year"):
            year_file, source = self.read(path, YearFile)
            if year_file is None or source is None:
                continue
            expected = f"{folder_name(year_file.year)}{path.suffix}"
            line = source.line_of(("year",))
            if year_file.start_year in found:
                message = f"{year_file.year} is already defined in {where[year_file.start_year]}"
                self.problems.add(str(path), line, "year", message)
            elif path.name != expected:
                self.problems.add(str(path), line, "year", f"the file for {year_file.year} must be named {expected}")
            else:
                found[year_file.start_year] = year_file
                where[year_file.start_year] = path
        return found

    def programme(self, where: YearLayout) -> ProgrammeFile:
        programme, source = None, None
        if path := self.need(where.programme.relative_to(self.root) / "programme.yaml"):
            programme, source = self.read(path, ProgrammeFile)
        expected = where.label or (normalise(self.year) if self.year else None)
        if programme is not None and source is not None and expected and programme.year != expected:
            place = f"the folder {where.programme.name}" if where.label else "--year"
            message = f"this programme is for {programme.year}, but {place} says {expected}"
            self.problems.add(str(path), source.line_of(("year",)), "year", message)
        return programme or ProgrammeFile(year=where.label or "2019/20", title="(missing programme.yaml)")

    def term_dates(self) -> dict[tuple[str, int], TermDatesFile]:
        """Every calendar of `term-dates/`, by (calendar id, first year): each file where its fields say."""
        found: dict[tuple[str, int], TermDatesFile] = {}
        top = self.root / "term-dates"
        folders = sorted(p for p in top.iterdir() if p.is_dir()) if top.is_dir() else []
        for folder in folders:
            for path in self.files(folder.relative_to(self.root)):
                dates, source = self.read(path, TermDatesFile)
                if dates is None or source is None:
                    continue
                expected = f"term-dates/{dates.calendar}/{folder_name(dates.year)}{path.suffix}"
                if path.relative_to(self.root).as_posix() != expected:
                    message = f"calendar {dates.calendar!r} for {dates.year} must be in {expected}"
                    self.problems.add(str(path), source.line_of(("calendar",)), "calendar", message)
                    continue
                found[(dates.calendar, dates.start_year)] = dates
        return found

    def listed(self, name: str, model: type[RolesFile] | type[HubsFile], key: str, what: str) -> dict[str, Any]:
        """`roles.yaml` or `hubs.yaml`: a list of items with unique ids."""
        found: dict[str, Any] = {}
        path = self.need(name)
        document, source = self.read(path, model) if path else (None, None)
        if path is None or document is None or source is None:
            self.unknown.add(what)  # its problems are the report: references to its ids are not checked
            return found
        places: dict[str, list[Loc]] = {}
        for i, item in enumerate(getattr(document, key)):
            places.setdefault(item.id, []).append((key, i, "id"))
            found.setdefault(item.id, item)
        report = Report(str(path), source, self.problems)
        for item_id, locs in places.items():
            if len(locs) > 1:
                report.duplicate(locs, f"duplicate {what} id {item_id!r}")
        return found

    def projects(self, dataset: Dataset, folder: Path, span: YearSpan) -> None:
        sources: dict[str, tuple[Path, Source]] = {}
        valid: set[str] = set()
        dropped: dict[str, set[str]] = {}  # a salvaged project's items dropped for their own problems
        for path in self.files(folder.relative_to(self.root)):
            if path.name in {"programme.yaml", "programme.yml"}:
                continue
            project, source = self.read(path, Project)
            if source is None:
                continue
            if project is None:
                # Keep what is valid of it, so that plans referring to it are not reported as well.
                ghosts: set[str] = set()
                project, _ = salvage(Project, source.data, ghosts)
                if project is None:
                    continue
                self.central_ghosts.update(f"{project.id}/{ghost}" for ghost in ghosts)
                dropped[str(path)] = ghosts
            else:
                valid.add(str(path))
            if self.unique(dataset.projects, project, path, source, ("id",), "project"):
                sources[project.id] = (path, source)
        for project_id, (path, source) in sources.items():
            report = Report(str(path), source, self.problems, dropped.get(str(path), frozenset()), unknown=self.unknown)
            check_project(dataset.projects[project_id], path.stem, report, dataset.roles.keys())
            if str(path) in valid:
                span.check_project(dataset.projects[project_id], report)

    def plans(self, dataset: Dataset, folder: Path, span: YearSpan) -> None:
        # Events dropped from an invalid project file are known: reported there, not again in every plan.
        central = dataset.central_ids() + sorted(self.central_ghosts)
        seen: dict[str, dict[str, str]] = {}
        plan_hubs: dict[str, tuple[str, Source]] = {}
        for path in self.files(folder.relative_to(self.root)):
            plan, source = self.read(path, Plan)
            if source is None:
                continue
            display = str(path)
            if plan is None:
                # Still check the references of the valid parts, so one run reports every problem.
                ghosts: set[str] = set()
                partial, kept = salvage(Plan, source.data, ghosts)
                if partial is not None:
                    report = Report(display, source, self.problems, ghosts, kept, self.unknown)
                    check_plan(partial, report, dataset, central, seen)
                continue
            if plan.hub in plan_hubs:
                # Both files named (either may be the copy); a copy's ids are not reported again one by one.
                first, first_source = plan_hubs[plan.hub]
                message = f"hub {plan.hub!r} already has a plan in {first}"
                self.problems.add(display, source.line_of(("hub",)), "hub", message)
                message = f"hub {plan.hub!r} has a second plan in {display}"
                self.problems.add(first, first_source.line_of(("hub",)), "hub", message)
                continue
            plan_hubs[plan.hub] = (display, source)
            report = Report(display, source, self.problems, unknown=self.unknown)
            check_plan(plan, report, dataset, central, seen)
            span.check_plan(plan, report)
            dataset.plans.append(PlanFile(path, plan, source))


def load(root: str | Path, year: str | None = None) -> Dataset:
    """Load and validate one year of a data folder (by default the latest year with a plan); raise
    InvalidData carrying every problem found."""
    return _Folder(Path(root), year).load()
