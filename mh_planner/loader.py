"""Load a data folder into validated models, reporting every problem with its file, line and field.

Layout (see docs/data-format.md):
    year/YYYY-YY.yaml        term dates of a year
    roles.yaml               the roles people hold
    hubs.yaml                the Maths Hubs
    programme/programme.yaml which academic year the programme is for
    programme/NN-NN.yaml     one file per national project
    plans/<hub>.yaml         one file per hub's plan
"""

from __future__ import annotations

import copy
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mh_planner.academic_year import AcademicYear
from mh_planner.model import (
    CentralEvent,
    ExchangeLeg,
    Hub,
    HubsFile,
    Plan,
    Project,
    Role,
    RolesFile,
    Strict,
    YearFile,
)
from mh_planner.problems import InvalidData, Loc, Problems
from mh_planner.yaml_source import Source, read_yaml

M = TypeVar("M", bound=BaseModel)


class ProgrammeFile(Strict):
    year: str
    title: str
    source: str | None = None


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


def _message(error: dict[str, Any]) -> str:
    msg = str(error.get("msg", "invalid"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if error.get("type") == "extra_forbidden":
        msg = "unknown field (misspelt?)"
    elif error.get("type") == "missing":
        msg = "required field is missing"
    elif error.get("type") == "string_pattern_mismatch" and error.get("loc", ())[-1:] in (("id",), ("hub",)):
        msg = f"{error.get('input')!r} is not a valid id: use lower-case letters, digits, '.', '_' or '-'"
    return msg


def validate(model: type[M], source: Source, problems: Problems, display: str) -> M | None:
    if not isinstance(source.data, dict):
        problems.add(
            display, 1, "", f"expected a mapping of fields at the top of the file, found {type(source.data).__name__}"
        )
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc: Loc = tuple(error["loc"])
            # Pydantic names dict keys in the loc; a bad key of a date-keyed map reports as such.
            loc = tuple(part for part in loc if part != "[key]")
            problems.add(display, source.line_of(loc), loc, _message(error))
        return None


def salvage(
    model: type[M], data: Any, ghosts: set[str] | None = None, rounds: int = 5
) -> tuple[M | None, dict[str, list[int]]]:
    """The model without the list items (or fields) that fail validation, and for each list the original
    indexes of the items kept; the ids of dropped items go into `ghosts`, so that references to them are
    not reported too. Only used to look for more problems in a file that already has some: a file with
    problems is never loaded as data.
    """
    ghosts = set() if ghosts is None else ghosts
    if not isinstance(data, dict):
        return None, {}
    data = copy.deepcopy(data)
    kept = {key: list(range(len(value))) for key, value in data.items() if isinstance(value, list)}
    for _ in range(rounds):
        try:
            return model.model_validate(data), kept
        except ValidationError as exc:
            drop: dict[str, set[int]] = {}
            for error in exc.errors():
                loc = tuple(error["loc"])
                if not loc or loc[0] not in data:
                    return None, kept
                if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data[loc[0]], list):
                    drop.setdefault(str(loc[0]), set()).add(loc[1])
                else:
                    data.pop(loc[0])
            for key, indexes in drop.items():
                ghosts.update(
                    str(data[key][n]["id"]) for n in indexes if isinstance(data[key][n], dict) and "id" in data[key][n]
                )
                data[key] = [item for n, item in enumerate(data[key]) if n not in indexes]
                kept[key] = [orig for n, orig in enumerate(kept[key]) if n not in indexes]
    return None, kept


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems = Problems()
        self.ghosts: set[str] = set()  # ids of items dropped for their own problems: known for references

    def rel(self, path: Path) -> str:
        return str(path)  # the folder as the user named it, so messages point where they look

    def read(self, path: Path, model: type[M]) -> tuple[M | None, Source | None]:
        display = self.rel(path)
        source = read_yaml(path, self.problems, display)
        if source is None:
            return None, None
        return validate(model, source, self.problems, display), source

    def files(self, folder: str) -> list[Path]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return sorted(p for p in directory.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())

    def need(self, name: str) -> Path | None:
        path = self.root / name
        if not path.is_file():
            self.problems.add(self.rel(path), None, "", "file is missing")
            return None
        return path

    def load(self) -> Dataset:
        if not self.root.is_dir():
            self.problems.add(str(self.root), None, "", "no such data folder")
            raise InvalidData(self.problems)

        year_files: dict[int, YearFile] = {}
        for path in self.files("year"):
            year_file, _ = self.read(path, YearFile)
            if year_file is not None:
                year_files[year_file.start_year] = year_file

        roles: dict[str, Role] = {}
        roles_source = None
        if path := self.need("roles.yaml"):
            roles_file, roles_source = self.read(path, RolesFile)
            if roles_file:
                for i, role in enumerate(roles_file.roles):
                    self.unique(roles, role.id, role, path, roles_source, ("roles", i, "id"), "role")

        hubs: dict[str, Hub] = {}
        if path := self.need("hubs.yaml"):
            hubs_file, hubs_source = self.read(path, HubsFile)
            if hubs_file:
                for i, hub in enumerate(hubs_file.hubs):
                    self.unique(hubs, hub.id, hub, path, hubs_source, ("hubs", i, "id"), "hub")

        programme = None
        if path := self.need("programme/programme.yaml"):
            programme, _ = self.read(path, ProgrammeFile)

        projects: dict[str, Project] = {}
        project_sources: dict[str, tuple[Path, Source]] = {}
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
            if self.unique(projects, project.id, project, path, source, ("id",), "project"):
                project_sources[project.id] = (path, source)
        for project_id, (path, source) in project_sources.items():
            self.check_project(projects[project_id], path, source, roles)

        dataset = Dataset(
            self.root,
            programme or ProgrammeFile(year="2019/20", title="(missing programme.yaml)"),
            year_files,
            roles,
            hubs,
            projects,
        )
        if programme is not None and dataset.start_year not in year_files:
            pass  # a year without a file is computed by rule; that is allowed

        central = dataset.central_ids()
        seen_ids: dict[str, dict[str, str]] = {}
        plan_hubs: dict[str, str] = {}
        for path in self.files("plans"):
            plan, source = self.read(path, Plan)
            if source is None:
                continue
            display = self.rel(path)
            if plan is None:
                # Still check the references of the valid parts, so one run reports every problem.
                partial, kept = salvage(Plan, source.data, self.ghosts)
                if partial is not None:
                    self.check_plan(partial, display, source, dataset, central, seen_ids, kept)
                self.ghosts.clear()
                continue
            if plan.hub in plan_hubs:
                self.problems.add(
                    display,
                    source.line_of(("hub",)),
                    "hub",
                    f"hub {plan.hub!r} already has a plan in {plan_hubs[plan.hub]}",
                )
            plan_hubs[plan.hub] = display
            self.check_plan(plan, display, source, dataset, central, seen_ids)
            dataset.plans.append(PlanFile(path, plan, source))

        if self.problems:
            raise InvalidData(self.problems)
        return dataset

    def unique(
        self, into: dict[str, Any], key: str, value: Any, path: Path, source: Source | None, loc: Loc, what: str
    ) -> bool:
        if key in into:
            line = source.line_of(loc) if source else None
            self.problems.add(self.rel(path), line, loc, f"duplicate {what} id {key!r}")
            return False
        into[key] = value
        return True

    def ref(self, known: Any, value: str, display: str, source: Source, loc: Loc, what: str) -> None:
        if value not in known and value not in self.ghosts:
            self.problems.add(display, source.line_of(loc), loc, f"no {what} {value!r}")

    def check_project(self, project: Project, path: Path, source: Source, roles: dict[str, Role]) -> None:
        display = self.rel(path)
        if path.stem != project.id:
            self.problems.add(
                display,
                source.line_of(("id",)),
                "id",
                f"project {project.id!r} must be in a file named {project.id}.yaml",
            )
        for i, role in enumerate(project.roles):
            self.ref(roles, role, display, source, ("roles", i), "role")
        for i, budget in enumerate(project.budgets):
            self.ref(roles, budget.role, display, source, ("budgets", i, "role"), "role")
        ids: dict[str, int] = {}
        for kind, items in (("events", project.events), ("exchange_legs", project.exchange_legs)):
            for i, item in enumerate(items):
                loc = (kind, i, "id")
                if item.id in ids:
                    self.problems.add(display, source.line_of(loc), loc, f"duplicate event id {item.id!r}")
                ids[item.id] = i
                for j, role in enumerate(item.audience):
                    self.ref(roles, role, display, source, (kind, i, "audience", j), "role")

    def check_plan(
        self,
        plan: Plan,
        display: str,
        source: Source,
        dataset: Dataset,
        central: Sequence[str],
        seen: dict[str, dict[str, str]],
        kept: dict[str, list[int]] | None = None,
    ) -> None:
        def numbered(section: str, items: Sequence[Any]) -> Iterable[tuple[int, Any]]:
            """Items with their index in the file (a salvaged plan has lost some)."""
            original = (kept or {}).get(section)
            return zip(original, items, strict=True) if original is not None else enumerate(items)

        def unique(kind: str, items: Sequence[Any], loc_name: str) -> dict[str, Any]:
            found: dict[str, Any] = {}
            registry = seen.setdefault(kind, {})
            for i, item in numbered(loc_name, items):
                loc = (loc_name, i, "id")
                if item.id in found:
                    self.problems.add(display, source.line_of(loc), loc, f"duplicate {kind} id {item.id!r}")
                elif item.id in registry:
                    self.problems.add(
                        display,
                        source.line_of(loc),
                        loc,
                        f"{kind} id {item.id!r} is already used in {registry[item.id]}",
                    )
                found[item.id] = item
                registry.setdefault(item.id, display)
            return found

        people = unique("person", plan.people, "people")
        venues = unique("venue", plan.venues, "venues")
        schools = unique("school", plan.schools, "schools")
        groups = unique("work group", plan.work_groups, "work_groups")
        unique("event", plan.events, "events")

        self.ref(dataset.hubs, plan.hub, display, source, ("hub",), "hub")
        for i, person in numbered("people", plan.people):
            for j, role in enumerate(person.roles):
                self.ref(dataset.roles, role, display, source, ("people", i, "roles", j), "role")
            for j, pattern in enumerate(person.attends):
                if not any(fnmatch.fnmatchcase(event_id, pattern) for event_id in central):
                    loc = ("people", i, "attends", j)
                    self.problems.add(display, source.line_of(loc), loc, f"no central event {pattern!r}")
        for i, group in numbered("work_groups", plan.work_groups):
            loc = ("work_groups", i)
            self.ref(dataset.projects, group.project, display, source, (*loc, "project"), "project")
            self.ref(people, group.lead, display, source, (*loc, "lead"), "person")
            self.ref(venues, group.venue, display, source, (*loc, "venue"), "venue")
            for j, member in enumerate(group.members):
                self.ref(people, member, display, source, (*loc, "members", j), "person")
            for j, school in enumerate(group.schools):
                self.ref(schools, school, display, source, (*loc, "schools", j), "school")
            for j, session in enumerate(group.dates):
                if session.venue is not None:
                    self.ref(venues, session.venue, display, source, (*loc, "dates", j, "venue"), "venue")
            for j, visit in enumerate(group.visit_dates):
                if visit.school not in group.schools:
                    where = (*loc, "visit_dates", j, "school")
                    self.problems.add(
                        display, source.line_of(where), where, f"school {visit.school!r} is not in this work group"
                    )
            if group.meetings is None and not group.dates:
                self.problems.add(
                    display,
                    source.line_of(loc),
                    loc,
                    "a work group needs a meeting pattern (`meetings`) or explicit `dates`",
                )
        for i, event in numbered("events", plan.events):
            loc = ("events", i)
            if event.project is not None:
                self.ref(dataset.projects, event.project, display, source, (*loc, "project"), "project")
            if event.work_group is not None:
                self.ref(groups, event.work_group, display, source, (*loc, "work_group"), "work group")
            if event.venue is not None:
                self.ref(venues, event.venue, display, source, (*loc, "venue"), "venue")
            for j, person in enumerate(event.people):
                self.ref(people, person, display, source, (*loc, "people", j), "person")
        for event_id, confirmation in plan.confirm.items():
            loc = ("confirm", event_id)
            self.ref(set(central), event_id, display, source, loc, "central event")
            if confirmation.venue is not None:
                self.ref(venues, confirmation.venue, display, source, (*loc, "venue"), "venue")


def check_references(plans: Sequence[PlanFile], dataset: Dataset) -> Problems:
    """The checks across files for plans held in memory (an edited plan before it is saved)."""
    loader = _Loader(dataset.root)
    central = dataset.central_ids()
    seen: dict[str, dict[str, str]] = {}
    for plan_file in plans:
        loader.check_plan(plan_file.plan, str(plan_file.path), plan_file.source, dataset, central, seen)
    return loader.problems


def load(root: str | Path) -> Dataset:
    """Load and validate a data folder; raise InvalidData carrying every problem found."""
    return _Loader(Path(root)).load()
