"""Rule 6: release days over a budget. The catalogue sets budgets per project and role, so each person has
one line per project they take part in, counted from that project's events with the catalogue's own rule
for whether its central training counts (19-01's 15 days include the residentials; 19-11's ~30 are "in
addition to attending the Mastery Readiness central training", L1438).

A person takes part in a project when they attend one of its events (dated or not). For each such project
with a budget for one of their roles (for their cohort and programme year, where it says; the largest if
several), the line counts the days of their dated events of that project, leaving out central ones when
the budget is in addition to them. The allowance is the plan's own `budgets` for the project, else the
catalogue's days, adjusted by `per_school` for the schools they lead in it. Over a stated budget is an
error; over an approximate, derived or silent one a warning; a commitment (`limit: false`) is never over.
`allowance_days` is a person's total over every dated event, in a project or not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mh_planner.calendar import AnyEvent, Calendar, Event, Origin
from mh_planner.model import Budget, Person, Project
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule

EPSILON = 1e-9


@dataclass(frozen=True)
class BudgetLine:
    """One budget of one person: a project's, or (project None) their own total."""

    project: str | None
    role: str | None
    counted: float  # days of their dated events counted against it
    allowance: float
    left_out: float = 0.0  # central days the budget is in addition to
    not_dated: float = 0.0  # days of events with no date yet: shown, not counted
    severity: Severity | None = None  # over: an error or a warning; None within (or never over)
    source: str = ""  # where the allowance comes from, for people
    budget: Budget | None = None

    @property
    def over(self) -> float:
        return max(0.0, self.counted - self.allowance)


def programme_year(calendar: Calendar, person: Person, role: str) -> int | None:
    """The year of their programme a specialist is in, from the programme's cohort table."""
    table = calendar.dataset.programme.cohorts.get(role, {})
    return table.get(person.cohort) if person.cohort is not None else None


def _applies(calendar: Calendar, person: Person, budget: Budget) -> bool:
    if budget.role not in person.roles:
        return False
    wanted = budget.applies_to
    if wanted is None:
        return True
    if wanted.cohort is not None and person.cohort is not None and wanted.cohort != person.cohort:
        return False
    year = programme_year(calendar, person, budget.role)
    return wanted.programme_year is None or year is None or wanted.programme_year == year


@dataclass
class _Costs:
    """Who spends days on what, built once per check: each person's costly events (dated or not) by project,
    and the schools each person leads in each project."""

    events: dict[str, dict[str | None, list[AnyEvent]]]
    schools_led: dict[tuple[str, str], int]

    @classmethod
    def of(cls, calendar: Calendar) -> _Costs:
        events: dict[str, dict[str | None, list[AnyEvent]]] = defaultdict(lambda: defaultdict(list))
        pool: list[AnyEvent] = [*calendar.events, *calendar.undated]
        for event in pool:
            if event.days:
                for person in event.attendees:
                    events[person][event.project].append(event)
        led: dict[tuple[str, str], int] = defaultdict(int)
        for group in calendar.work_groups.values():
            led[(group.lead, group.project)] += len(group.schools)
        return cls(events, led)


_RECENT: list[tuple[Calendar, _Costs]] = []  # a screen asks for every person of the same calendar in turn


def _costs_of(calendar: Calendar) -> _Costs:
    found = next((costs for seen, costs in _RECENT if seen is calendar), None)
    if found is None:
        found = _Costs.of(calendar)
        _RECENT.insert(0, (calendar, found))
        del _RECENT[4:]
    return found


def budget_lines(calendar: Calendar, person_id: str, costs: _Costs | None = None) -> list[BudgetLine]:
    """Every budget of a person, one line each: their projects' (by project), then their own total."""
    person = calendar.people[person_id]
    costs = costs or _costs_of(calendar)
    by_project = costs.events.get(person_id, {})
    lines = []
    for project_id in sorted(p for p in by_project if p is not None):
        project = calendar.dataset.projects.get(project_id)
        budgets = [b for b in project.budgets if _applies(calendar, person, b)] if project else []
        if project is not None and budgets:
            budget = max(budgets, key=lambda b: b.days)
            led = costs.schools_led.get((person_id, project_id), 0)
            lines.append(_line(calendar, person, project, budget, by_project[project_id], led))
    if person.allowance_days is not None:
        every = [e for events in by_project.values() for e in events]
        counted = sum(e.days for e in every if isinstance(e, Event))
        severity = Severity.ERROR if counted > person.allowance_days + EPSILON else None
        source = "their own allowance in the plan, over every project"
        not_dated = sum(e.days for e in every if not isinstance(e, Event))
        lines.append(BudgetLine(None, None, counted, person.allowance_days, 0.0, not_dated, severity, source))
    return lines


def _line(
    calendar: Calendar, person: Person, project: Project, budget: Budget, events: list[AnyEvent], led: int
) -> BudgetLine:
    national = (Origin.CENTRAL, Origin.EXCHANGE)
    counts = [e for e in events if budget.includes_central is not False or e.origin not in national]
    counted = sum(e.days for e in counts if isinstance(e, Event))
    left_out = sum(e.days for e in events if e.origin in national and budget.includes_central is False and
                   isinstance(e, Event))
    not_dated = sum(e.days for e in counts if not isinstance(e, Event))
    source = f"catalogue {budget.source}" if budget.source else "the catalogue"
    if project.id in person.budgets:
        allowance, source, stated = person.budgets[project.id], "their own allowance in the plan", True
    else:
        allowance, stated = budget.days, budget.stated
        if budget.per_school is not None and budget.for_schools is not None and led:
            allowance += budget.per_school * (led - budget.for_schools)
            source += f", for {led} schools led"
    severity = None
    if budget.limit and counted > allowance + EPSILON:
        severity = Severity.ERROR if stated else Severity.WARNING
    return BudgetLine(project.id, budget.role, counted, allowance, left_out, not_dated, severity, source, budget)


def committed_days(calendar: Calendar, index: Index, person_id: str) -> float:
    """Every dated day a person is committed to, in a project or not."""
    return sum(e.days for e in index.by_person.get(person_id, ()))


def allowance(calendar: Calendar, person_id: str) -> tuple[float, str] | None:
    """A person's release days in all: their own `allowance_days`, else their projects' budgets added up."""
    person = calendar.people[person_id]
    if person.allowance_days is not None:
        return person.allowance_days, "their own allowance in the plan"
    lines = [line for line in budget_lines(calendar, person_id) if line.project is not None]
    if not lines:
        return None
    projects = calendar.dataset.projects
    return sum(line.allowance for line in lines), "; ".join(
        f"{line.allowance:g} for {projects[line.project or ''].label}" for line in lines
    )


def _message(calendar: Calendar, index: Index, person_id: str, line: BudgetLine) -> str:
    name = index.name(person_id)
    if line.project is None:
        return (
            f"{name} is committed to {line.counted:g} days in all but has {line.allowance:g} ({line.source}): "
            f"{line.over:g} day(s) over"
        )
    project = calendar.dataset.projects[line.project]
    budget = line.budget
    kind = "approximately " if budget is not None and not budget.stated else ""
    role = calendar.dataset.roles.get(line.role or "")
    extra = f"; {line.left_out:g} day(s) of central training not counted" if line.left_out else ""
    return (
        f"{name} is committed to {line.counted:g} days of {project.label} but has {kind}{line.allowance:g} "
        f"({role.name if role else line.role}, {line.source}{extra}): {line.over:g} day(s) over"
    )


def _ids(events: Iterable[Event], project: str | None) -> tuple[str, ...]:
    return tuple(e.id for e in events if e.days and (project is None or e.project == project))


def time_budget(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    costs = _costs_of(calendar)
    for person_id in calendar.people:
        for line in budget_lines(calendar, person_id, costs):
            if line.severity is None:
                continue
            yield Conflict(
                rule="time-budget",
                severity=line.severity,
                message=_message(calendar, index, person_id, line),
                event_ids=_ids(index.by_person.get(person_id, []), line.project),
                people=(person_id,),
            )


RULE = Rule(
    name="time-budget",
    title="Time budget",
    severity=Severity.ERROR,
    clash=False,
    check=time_budget,
)
