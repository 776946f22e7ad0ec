"""Checks across files: every id a file names exists (a work group's lead, a plan's hub, an `attends`
pattern) and ids are unique. Free functions over validated models, used by the loader on the folder and by
editing on plans held in memory before they are saved."""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mh_planner.files.yaml_read import Source
from mh_planner.loading.dataset import Dataset, PlanFile
from mh_planner.model import CentralEvent, ExchangeLeg, Plan, Project, Role
from mh_planner.problems import Loc, Problems, shorten


@dataclass
class Report:
    """Where problems of one file go: its name as shown, its positions, the collector."""

    display: str
    source: Source
    problems: Problems
    ghosts: Collection[str] = frozenset()  # ids of items dropped for their own problems: known for references
    kept: dict[str, list[int]] = field(default_factory=dict)  # a salvaged file's original list indexes
    unknown: Collection[str] = frozenset()  # kinds of reference whose file could not be read ("role", "hub")

    def add(self, loc: Loc, message: str) -> None:
        self.problems.add(self.display, self.source.line_of(loc), loc, message)

    def ref(self, known: Collection[str], value: str, loc: Loc, what: str) -> None:
        if value not in known and value not in self.ghosts and what not in self.unknown:
            self.add(loc, f"no {what} {shorten(value)}")

    def duplicate(self, locs: Sequence[Loc], message: str) -> None:
        """One problem for an id used several times (a block pasted 1,000 times is one mistake), at its
        second use, with where the others are."""
        lines = [self.source.line_of(loc) for loc in locs]
        shown = ", ".join(str(line) for line in lines[:5] if line) + (", …" if len(lines) > 5 else "")
        self.add(locs[1], f"{message}: used {len(locs):,} times (lines {shown})")

    def numbered(self, section: str, items: Sequence[Any]) -> Iterable[tuple[int, Any]]:
        """Items with their index in the file (a salvaged plan has lost some)."""
        original = self.kept.get(section)
        return zip(original, items, strict=True) if original is not None else enumerate(items)


def check_project(project: Project, stem: str, report: Report, roles: Collection[str]) -> None:
    if stem != project.id:
        report.add(("id",), f"project {project.id!r} must be in a file named {project.id}.yaml")
    for i, role in enumerate(project.roles):
        report.ref(roles, role, ("roles", i), "role")
    for i, budget in enumerate(project.budgets):
        report.ref(roles, budget.role, ("budgets", i, "role"), "role")
    places: dict[str, list[Loc]] = {}
    sections: tuple[tuple[str, Sequence[CentralEvent | ExchangeLeg]], ...] = (
        ("events", project.events),
        ("exchange_legs", project.exchange_legs),
    )
    for kind, items in sections:
        for i, item in enumerate(items):
            places.setdefault(item.id, []).append((kind, i, "id"))
            for j, role in enumerate(item.audience):
                report.ref(roles, role, (kind, i, "audience", j), "role")
    for item_id, locs in places.items():
        if len(locs) > 1:
            report.duplicate(locs, f"duplicate event id {shorten(item_id)}")
    legs = {leg.id for leg in project.exchange_legs}
    for i, leg in enumerate(project.exchange_legs):
        for j, quota in enumerate(leg.per_hub):
            report.ref(roles, quota.role, ("exchange_legs", i, "per_hub", j, "role"), "role")
        if leg.hosted is not None:
            missing = leg.hosted.leg not in legs and leg.hosted.leg not in report.ghosts  # not if dropped: reported
            if missing or leg.hosted.leg == leg.id:
                other = f"no other exchange leg {shorten(leg.hosted.leg)} here"
                report.add(("exchange_legs", i, "hosted", "leg"), other)
            if leg.hosted.role is not None:
                report.ref(roles, leg.hosted.role, ("exchange_legs", i, "hosted", "role"), "role")


def check_plan(
    plan: Plan, report: Report, dataset: Dataset, central: Sequence[str], seen: dict[str, dict[str, str]]
) -> None:
    """A plan's references; `seen` collects ids across plans (an id may be used by one plan only)."""
    people = _unique(report, seen, "person", plan.people, "people")
    venues = _unique(report, seen, "venue", plan.venues, "venues")
    schools = _unique(report, seen, "school", plan.schools, "schools")
    groups = _unique(report, seen, "work group", plan.work_groups, "work_groups")
    _unique(report, seen, "event", plan.events, "events")
    report.ref(dataset.hubs.keys(), plan.hub, ("hub",), "hub")
    if plan.year is not None and plan.year != dataset.label:
        report.add(("year",), f"this plan is for {plan.year}, but the programme is for {dataset.label}")
    _check_calendars(plan, report, dataset, schools)
    _check_people(plan, report, dataset.roles, central)
    _check_groups(plan, report, dataset, people, venues, schools)
    _check_events(plan, report, dataset, people, venues, groups, schools)
    known_central = set(central)
    for event_id, confirmation in plan.confirm.items():
        loc = ("confirm", event_id)
        report.ref(known_central, event_id, loc, "central event")
        if confirmation.venue is not None:
            report.ref(venues, confirmation.venue, (*loc, "venue"), "venue")
    _check_imports(plan, report, people, venues)


def _unique(report: Report, seen: dict[str, dict[str, str]], kind: str, items: Sequence[Any], section: str) -> set[str]:
    places: dict[str, list[Loc]] = {}
    registry = seen.setdefault(kind, {})
    for i, item in report.numbered(section, items):
        places.setdefault(item.id, []).append((section, i, "id"))
    for item_id, locs in places.items():
        if len(locs) > 1:
            report.duplicate(locs, f"duplicate {kind} id {shorten(item_id)}")
        elif item_id in registry:
            report.add(locs[0], f"{kind} id {shorten(item_id)} is already used in {registry[item_id]}")
        registry.setdefault(item_id, report.display)
    return set(places)


def _check_calendars(plan: Plan, report: Report, dataset: Dataset, schools: set[str]) -> None:
    """Every calendar named has files in term-dates/ (for some year: a year without one is by rule)."""
    known = {calendar for calendar, _ in dataset.term_dates}

    def named(value: str | None, loc: Loc) -> None:
        if value is not None and value not in known:
            report.add(loc, f"no term dates {value!r} (term-dates/{value}/<YYYY-YY>.yaml)")

    named(plan.calendar, ("calendar",))
    for i, venue in report.numbered("venues", plan.venues):
        named(venue.calendar, ("venues", i, "calendar"))
        if venue.school is not None:
            report.ref(schools, venue.school, ("venues", i, "school"), "school")
    for i, school in report.numbered("schools", plan.schools):
        named(school.calendar, ("schools", i, "calendar"))


def _check_people(plan: Plan, report: Report, roles: dict[str, Role], central: Sequence[str]) -> None:
    for i, person in report.numbered("people", plan.people):
        for j, role in enumerate(person.roles):
            report.ref(roles.keys(), role, ("people", i, "roles", j), "role")
        for j, pattern in enumerate(person.attends):
            if not _matches_any(pattern, tuple(central)):
                report.add(("people", i, "attends", j), f"no central event {pattern!r}")


@functools.lru_cache(maxsize=1024)  # every plan names the same few patterns ("19-07/*") for many people
def _matches_any(pattern: str, central: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(event_id, pattern) for event_id in central)


def _check_groups(
    plan: Plan, report: Report, dataset: Dataset, people: set[str], venues: set[str], schools: set[str]
) -> None:
    for i, group in report.numbered("work_groups", plan.work_groups):
        loc: Loc = ("work_groups", i)
        report.ref(dataset.projects.keys(), group.project, (*loc, "project"), "project")
        report.ref(people, group.lead, (*loc, "lead"), "person")
        report.ref(venues, group.venue, (*loc, "venue"), "venue")
        for j, other in enumerate(group.alternative_venues):
            report.ref(venues, other, (*loc, "alternative_venues", j), "venue")
        for j, member in enumerate(group.members):
            report.ref(people, member, (*loc, "members", j), "person")
        for j, school in enumerate(group.schools):
            report.ref(schools, school, (*loc, "schools", j), "school")
        for j, session in enumerate(group.dates):
            if session.venue is not None:
                report.ref(venues, session.venue, (*loc, "dates", j, "venue"), "venue")
        for j, visit in enumerate(group.visit_dates):
            if visit.school not in group.schools:
                report.add((*loc, "visit_dates", j, "school"), f"school {visit.school!r} is not in this work group")
        if group.meetings is None and not group.dates:
            report.add(loc, "a work group needs a meeting pattern (`meetings`) or explicit `dates`")


def _check_events(
    plan: Plan,
    report: Report,
    dataset: Dataset,
    people: set[str],
    venues: set[str],
    groups: set[str],
    schools: set[str],
) -> None:
    for i, event in report.numbered("events", plan.events):
        loc: Loc = ("events", i)
        if event.project is not None:
            report.ref(dataset.projects.keys(), event.project, (*loc, "project"), "project")
        if event.work_group is not None:
            report.ref(groups, event.work_group, (*loc, "work_group"), "work group")
        if event.venue is not None:
            report.ref(venues, event.venue, (*loc, "venue"), "venue")
        for j, person in enumerate(event.people):
            report.ref(people, person, (*loc, "people", j), "person")
        for j, school in enumerate(event.schools):
            report.ref(schools, school, (*loc, "schools", j), "school")


def _check_imports(plan: Plan, report: Report, people: set[str], venues: set[str]) -> None:
    """An imported calendar names a person or venue of the plan, and is linked once."""
    linked: set[tuple[str, str, str | None]] = set()
    for i, link in report.numbered("imports", plan.imports):
        loc: Loc = ("imports", i)
        if link.person is not None:
            report.ref(people, link.person, (*loc, "person"), "person")
        if link.venue is not None:
            report.ref(venues, link.venue, (*loc, "venue"), "venue")
        key = (link.source, link.as_.value, link.subject)
        if key in linked:
            report.add((*loc, "source"), f"{link.source!r} is already imported as {link.as_.value} here")
        linked.add(key)


def check_references(plans: Sequence[PlanFile], dataset: Dataset, only: Collection[int] | None = None) -> Problems:
    """The checks across files for plans held in memory (an edited plan before it is saved). `only`: the
    positions of the plans that changed; the others were checked before and only hold ids the changed ones
    must not take again (one hub's edit in a network checks one plan, not forty)."""
    problems = Problems()
    central = dataset.central_ids()
    seen: dict[str, dict[str, str]] = {}
    if only is not None:
        for i, plan_file in enumerate(plans):
            if i not in only:
                _register(plan_file, seen)
    for i, plan_file in enumerate(plans):
        if only is None or i in only:
            check_plan(plan_file.plan, Report(str(plan_file.path), plan_file.source, problems), dataset, central, seen)
    return problems


def _register(plan_file: PlanFile, seen: dict[str, dict[str, str]]) -> None:
    """A plan's ids, as `check_plan` records them, without checking it."""
    plan, display = plan_file.plan, str(plan_file.path)
    sections = (("person", plan.people), ("venue", plan.venues), ("school", plan.schools),
                ("work group", plan.work_groups), ("event", plan.events))  # fmt: skip
    for kind, items in sections:
        registry = seen.setdefault(kind, {})
        for item in items:
            registry.setdefault(item.id, display)
