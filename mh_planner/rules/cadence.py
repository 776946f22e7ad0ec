"""Rule 5: a series that breaks its cadence (a half-term with no meeting, or two; a school with no
termly visit; fewer sessions than the project requires)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES, AcademicYear
from mh_planner.calendar import Calendar, Event
from mh_planner.model import CadenceEvery, EventKind, WorkGroup
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index
from mh_planner.rules.rule import Rule


def _period_of(year: AcademicYear, every: CadenceEvery, event: Event) -> int | None:
    if every == CadenceEvery.HALF_TERM:
        return year.half_term_index(event.first_day)
    if every == CadenceEvery.TERM:
        return year.term_index(event.first_day)
    return 0


def _names(every: CadenceEvery) -> tuple[str, ...]:
    return {CadenceEvery.HALF_TERM: HALF_TERM_NAMES, CadenceEvery.TERM: TERM_NAMES}.get(every, ("the year",))


def cadence(calendar: Calendar, index: Index) -> Iterator[Conflict]:
    by_group: dict[str, list[Event]] = defaultdict(list)
    for event in calendar.events:
        if event.work_group:
            by_group[event.work_group].append(event)
    for group in calendar.work_groups.values():
        events = by_group.get(group.id, [])
        year = calendar.year_of_group(group.id)  # the half-terms of its venue's calendar
        project = calendar.dataset.projects.get(group.project)
        rules = list(project.cadence) if project else []
        meetings = [e for e in events if e.kind != EventKind.VISIT]
        visits = [e for e in events if e.kind == EventKind.VISIT]

        meeting_every = next((r.every for r in rules if r.what != EventKind.VISIT and r.every), None)
        meeting_every = meeting_every or (group.meetings.every if group.meetings else None)
        if meeting_every in (CadenceEvery.HALF_TERM, CadenceEvery.TERM):
            yield from _per_period(group, meetings, year, meeting_every)

        minimum = max((r.min_sessions or 0 for r in rules if r.what != EventKind.VISIT), default=0)
        if minimum and len(meetings) < minimum:
            text = next((r.text for r in rules if r.min_sessions == minimum and r.text), None)
            yield Conflict(
                rule="cadence",
                severity=Severity.ERROR,
                message=(
                    f"{group.name} has {len(meetings)} session(s) this year; {project.label if project else ''} "
                    f"asks for at least {minimum}" + (f" ('{text}')" if text else "")
                ),
                event_ids=tuple(e.id for e in meetings),
                people=(group.lead,),
                work_group=group.id,
            )

        visit_rule = next((r for r in rules if r.what == EventKind.VISIT and r.every), None)
        visit_every = visit_rule.every if visit_rule else (group.visits.every if group.visits else None)
        if visit_every in (CadenceEvery.HALF_TERM, CadenceEvery.TERM) and group.schools:
            yield from _visits(calendar, group, visits, year, visit_every)


def _per_period(group: WorkGroup, meetings: list[Event], year: AcademicYear, every: CadenceEvery) -> Iterator[Conflict]:
    names = _names(every)
    counts: dict[int, list[Event]] = defaultdict(list)
    for event in meetings:
        found_in = _period_of(year, every, event)
        if found_in is not None:
            counts[found_in].append(event)
    periods = year.half_terms if every == CadenceEvery.HALF_TERM else year.term_periods
    limit = group.sessions or len(periods)
    word = "half-termly" if every == CadenceEvery.HALF_TERM else "termly"
    for i, period in enumerate(periods):
        found = counts.get(i, [])
        if not found and i < limit:
            yield Conflict(
                rule="cadence",
                severity=Severity.ERROR,
                message=(
                    f"{group.name} meets {word} but has no meeting in {names[i]} "
                    f"({period.start.day} {period.start:%b}-{period.end.day} {period.end:%b %Y})"
                ),
                event_ids=(),
                people=(group.lead,),
                work_group=group.id,
                dates=(period.start,),
            )
        elif len(found) > 1:
            yield Conflict(
                rule="cadence",
                severity=Severity.WARNING,
                message=(
                    f"{group.name} meets {word} but has {len(found)} meetings in {names[i]}: "
                    + ", ".join(e.when_text() for e in found)
                ),
                event_ids=tuple(e.id for e in found),
                people=(group.lead,),
                work_group=group.id,
                dates=(found[0].first_day,),
            )


def _visits(
    calendar: Calendar, group: WorkGroup, visits: list[Event], year: AcademicYear, every: CadenceEvery
) -> Iterator[Conflict]:
    names = _names(every)
    seen: set[tuple[str, int]] = set()
    for event in visits:
        period = _period_of(year, every, event)
        if period is not None and event.school:
            seen.add((event.school, period))
    periods = year.half_terms if every == CadenceEvery.HALF_TERM else year.term_periods
    word = "half-termly" if every == CadenceEvery.HALF_TERM else "termly"
    for school in group.schools:
        missing = [names[i] for i in range(len(periods)) if (school, i) not in seen]
        if missing:
            name = calendar.schools[school].name if school in calendar.schools else school
            yield Conflict(
                rule="cadence",
                severity=Severity.ERROR,
                message=f"{name} ({group.name}) has no {word} visit in {', '.join(missing)}",
                people=(group.lead,),
                work_group=group.id,
                event_ids=(f"{group.id}/visits/{school}",),
                dates=(periods[names.index(missing[0])].start,),
            )


RULE = Rule(
    name="cadence",
    title="Cadence",
    severity=Severity.ERROR,
    clash=False,
    check=cadence,
)
