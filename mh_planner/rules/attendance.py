"""Rule 7: a Work Group Lead at none of their project's national workshops; a project the hub must run
with no work group."""

from __future__ import annotations

from collections.abc import Iterator

from mh_planner.calendar import Calendar, EventInfo
from mh_planner.model import EventKind, ProjectType, Required
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule

NATIONAL = (EventKind.WORKSHOP, EventKind.RESIDENTIAL, EventKind.CONFERENCE)


def attendance(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    national: dict[str, list[EventInfo]] = {}
    for event in (*calendar.events, *calendar.undated):
        if event.project and event.kind in NATIONAL and event.origin.value == "central":
            national.setdefault(event.project, []).append(event)
    for group in calendar.work_groups.values():
        roles = set(calendar.people[group.lead].roles)
        # Only the workshops meant for someone like the lead (ITT conferences are for the providers).
        workshops = [e for e in national.get(group.project, []) if not e.audience or roles & set(e.audience)]
        if not workshops:
            continue
        if not any(group.lead in e.attendees for e in workshops):
            project = calendar.dataset.projects[group.project]
            yield Conflict(
                rule="attendance",
                severity=Severity.WARNING,
                message=(
                    f"{index.name(group.lead)} leads {group.name} but attends none of the "
                    f"{len(workshops)} national workshops of {project.label}"
                ),
                event_ids=tuple(e.id for e in workshops),
                people=(group.lead,),
                work_group=group.id,
            )
    for hub, plan in calendar.plans.items():
        running = {g.project for g in plan.work_groups}
        for project in calendar.dataset.projects.values():
            if project.required != Required.YES or project.type == ProjectType.PROGRAMME:
                continue
            if project.id not in running:
                yield Conflict(
                    rule="attendance",
                    severity=Severity.ERROR,
                    message=(
                        f"{hub.upper()} runs no {_what(project.type)} "
                        f"for {project.label} {project.title}, which every hub must run"
                    ),
                    event_ids=(),
                    hub=hub,
                )


def _what(kind: ProjectType) -> str:
    return "community" if kind == ProjectType.COMMUNITY else "work group"


RULE = Rule(
    name="attendance",
    title="Attendance",
    severity=Severity.ERROR,
    clash=True,
    check=attendance,
)
