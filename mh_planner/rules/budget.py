"""Rule 6: a person committed to more days than their role's release-day allowance."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule


def allowance(calendar: Calendar, person_id: str) -> tuple[float, str] | None:
    """The person's own allowance, else the largest budget the programme gives one of their roles."""
    person = calendar.people[person_id]
    if person.allowance_days is not None:
        return person.allowance_days, "their own allowance in the plan"
    best: tuple[float, str] | None = None
    for project in calendar.dataset.projects.values():
        for budget in project.budgets:
            if budget.role in person.roles and (best is None or budget.days > best[0]):
                role = calendar.dataset.roles.get(budget.role)
                best = (budget.days, f"{role.name if role else budget.role}, {project.label}")
    return best


def committed_days(calendar: Calendar, index: Index, person_id: str) -> float:
    return sum(e.days for e in index.by_person.get(person_id, ()))


def time_budget(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    for person_id in calendar.people:
        limit = allowance(calendar, person_id)
        if limit is None:
            continue
        days = committed_days(calendar, index, person_id)
        if days > limit[0] + 1e-9:
            events = index.by_person.get(person_id, [])
            yield Conflict(
                rule="time-budget",
                severity=Severity.ERROR,
                message=(
                    f"{index.name(person_id)} is committed to {days:g} days but has {limit[0]:g} "
                    f"({limit[1]}): {days - limit[0]:g} day(s) over"
                ),
                event_ids=tuple(e.id for e in events if e.days),
                people=(person_id,),
            )


RULE = Rule(
    name="time-budget",
    title="Time budget",
    severity=Severity.ERROR,
    clash=False,
    check=time_budget,
)
