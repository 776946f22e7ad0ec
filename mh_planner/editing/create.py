"""New work-group meetings and school visits, written as the plan writes them (the New form's "work-group
meeting" and "school visit"): a meeting is the group's next session, an entry of its `dates:`; a visit is a
`visit_dates:` entry for the school and term (it replaces the pattern's visit to that school that term); a
meeting of a work group not in the plan yet adds the group, with that meeting as its first date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mh_planner.academic_year import TERM_NAMES
from mh_planner.assemble import DAY_HOURS
from mh_planner.calendar import Calendar, Event
from mh_planner.editing.state import Edit, EditError, State
from mh_planner.files.yaml_ops import Append, Block, Op
from mh_planner.model import EventKind, slug
from mh_planner.timing import parse_time_of_day


def _times(text: str | None) -> tuple[dt.time, dt.time]:
    return (parse_time_of_day(text) if text else None) or DAY_HOURS


def _lands(event_id: str, day: dt.date, what: str) -> Any:
    def check(calendar: Calendar) -> None:
        found = calendar.by_id().get(event_id)
        if not isinstance(found, Event) or found.first_day != day:
            raise EditError(f"{what} cannot be added on {day:%a %d %b %Y}")

    return check


def add_meeting(state: State, group_id: str, day: dt.date, time: str | None, venue: str | None) -> Edit:
    """A new meeting of the group. After all its meetings: its next session, a `dates:` entry numbered after
    every session it has. Before the last one, a session number would break the series' order: an extra
    meeting of the group instead (a one-off event linked to it, as a duplicated meeting is)."""
    index, g, group = state.group(group_id)
    meetings = _meetings(state, group_id)
    if meetings and day <= max(e.first_day for e in meetings):
        return _extra_meeting(state, index, group_id, day, time, venue)
    taken = [d.session for d in group.dates] + [e.number or 0 for e in meetings]
    number = max(taken, default=0) + 1
    entry: dict[str, Any] = {"session": number, "date": day}
    default = group.meetings.time if group.meetings else "13:00-16:00"
    if time is not None and _times(time) != _times(default):
        entry["time"] = time
    if venue is not None and venue != group.venue:
        entry["venue"] = venue
    event_id = f"{group_id}/meeting-{number}"
    changes: dict[int, list[Op]] = {index: [Append(("work_groups", g, "dates"), entry)]}
    return Edit(changes, _lands(event_id, day, f"a meeting of '{group.name}'"), event_id)


def _extra_meeting(state: State, index: int, group_id: str, day: dt.date, time: str | None, venue: str | None) -> Edit:
    _, _, group = state.group(group_id)
    new_id = state.new_id(f"{group_id}-extra-meeting")
    value = Block({"id": new_id, "title": f"{group.name}: extra meeting", "project": group.project})
    value.update(work_group=group_id, date=day, time=time or (group.meetings.time if group.meetings else None))
    value.update(venue=venue or group.venue, people=list(dict.fromkeys((group.lead, *group.members))))
    if value["time"] is None:
        del value["time"]
    visitors = len(group.schools) * group.teachers_per_school
    if visitors:
        value["headcount"] = visitors
    return Edit({index: [Append(("events",), value)]}, _lands(new_id, day, f"a meeting of '{group.name}'"), new_id)


def _meetings(state: State, group_id: str) -> list[Event]:
    return [e for e in state.calendar.events if e.work_group == group_id and e.kind != EventKind.VISIT]


def add_visit(state: State, group_id: str, school: str, day: dt.date, time: str | None) -> Edit:
    """A visit to one of the group's schools: a `visit_dates:` entry for the term of `day`."""
    index, g, group = state.group(group_id)
    if school not in group.schools:
        raise EditError(f"school {school!r} is not in the work group '{group.name}'")
    year = state.calendar.year_of_person(group.lead)
    term = year.term_index(day)
    if term is None:
        raise EditError(f"{day:%a %d %b %Y} is not in a term: a visit falls in term time")
    entry: dict[str, Any] = {"school": school, "term": TERM_NAMES[term], "date": day}
    default = group.visits.time if group.visits else "09:00-12:00"
    if time is not None and _times(time) != _times(default):
        entry["time"] = time
    changes: dict[int, list[Op]] = {index: [Append(("work_groups", g, "visit_dates"), entry)]}

    def landed(calendar: Calendar) -> None:
        found = [e for e in calendar.events if e.work_group == group_id and e.school == school and e.first_day == day]
        if not found:
            raise EditError(f"a visit to {school!r} cannot be added on {day:%a %d %b %Y}")

    return Edit(changes, landed)


def add_work_group(
    state: State,
    hub: str,
    *,
    name: str,
    project: str,
    lead: str,
    members: list[str],
    venue: str,
    day: dt.date,
    time: str | None,
) -> Edit:
    """A work group new to the plan, with this meeting as its first (more follow as they are added, or
    as a pattern written in the plan)."""
    index = state.hub_file(hub)
    taken = {g.id for f in state.files for g in f.plan_file.plan.work_groups}
    base = "wg-" + (slug(name) or "group")
    group_id, n = base[:60], 2
    while group_id in taken:
        group_id, n = f"{base[:56]}-{n}", n + 1
    session: dict[str, Any] = {"session": 1, "date": day}
    if time is not None:
        session["time"] = time
    value = Block({"id": group_id, "project": project, "name": name, "lead": lead})
    if members:
        value["members"] = [m for m in members if m != lead]
    value.update(venue=venue, dates=[session])
    event_id = f"{group_id}/meeting-1"
    edit = Edit({index: [Append(("work_groups",), value)]}, _lands(event_id, day, f"the work group '{name}'"))
    return Edit(edit.changes, edit.verify, event_id)
