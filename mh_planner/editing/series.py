"""Edits of a work group's series: a meeting or visit moved or cancelled is written as an explicit entry
(`dates:`, `visit_dates:`) over the pattern, with only what differs from the pattern."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES
from mh_planner.assemble import DAY_HOURS
from mh_planner.calendar import Event
from mh_planner.editing.state import EditError, State
from mh_planner.files.yaml_ops import Append, DeleteItem, DeleteKey, Op, SetKey
from mh_planner.model import CadenceEvery, Plan, WorkGroup
from mh_planner.timing import parse_time_of_day


def time_text(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def _times(text: str | None, default: str) -> tuple[dt.time, dt.time]:
    return parse_time_of_day(text or default) or DAY_HOURS


def move_meeting(
    state: State, event: Event, start: dt.datetime, end: dt.datetime, venue: str | None = None
) -> dict[int, list[Op]]:
    """A `dates:` entry for the session, or its entry updated; `venue` (None: unchanged) is written only
    when it is not the group's own."""
    if start.date() != end.date():
        raise EditError("a work group meeting starts and ends on the same day")
    index, g, group = state.group(event.work_group or "")
    path = ("work_groups", g, "dates")
    default = group.meetings.time if group.meetings else "13:00-16:00"
    wanted = (start.time(), end.time())
    j = next((j for j, d in enumerate(group.dates) if d.session == event.number), None)
    if j is None:
        # Only what differs from the pattern is written: a moved session keeps following its time.
        entry: dict[str, Any] = {"session": event.number, "date": start.date()}
        if _times(None, default) != wanted:
            entry["time"] = time_text(*wanted)
        if venue is not None and venue != group.venue:
            entry["venue"] = venue
        return {index: [Append(path, entry)]}
    session = group.dates[j]
    ops: list[Op] = []
    if session.date != start.date():
        ops.append(SetKey((*path, j), "date", start.date()))
    if _times(session.time, default) != wanted:
        ops.append(SetKey((*path, j), "time", time_text(*wanted), after=("date",)))
    if venue is not None and venue != (session.venue or group.venue):
        if venue == group.venue:
            ops.append(DeleteKey((*path, j), "venue"))
        else:
            ops.append(SetKey((*path, j), "venue", venue, after=("time", "date")))
    return {index: ops}


def cancel_meeting(state: State, event: Event) -> dict[int, list[Op]]:
    index, g, group = state.group(event.work_group or "")
    path = ("work_groups", g, "dates")
    j = next((j for j, d in enumerate(group.dates) if d.session == event.number), None)
    if j is None:
        entry = {"session": event.number, "date": event.first_day, "cancelled": True}
        return {index: [Append(path, entry)]}
    return {index: [SetKey((*path, j), "cancelled", True)]}


def visit_entry(state: State, group: WorkGroup, event: Event, plan: Plan) -> tuple[int, bool, int | None]:
    """The term index of a visit's period, whether visits are half-termly, and its `visit_dates` entry."""
    half = group.visits is not None and group.visits.every == CadenceEvery.HALF_TERM
    period = (event.number or 1) - 1
    year = state.calendar.year_of_group(group.id)  # the assembler reads visit_dates on the group's calendar

    def period_of(term: int, day: dt.date) -> int:  # as the assembler reads a visit_dates entry
        return (year.half_term_index(day) or term * 2) if half else term

    j = next(
        (
            j
            for j, v in enumerate(group.visit_dates)
            if v.school == event.school and period_of(TERM_NAMES.index(v.term.value), v.date) == period
        ),
        None,
    )
    return (period // 2 if half else min(period, 2)), half, j


def move_visit(state: State, event: Event, start: dt.datetime, end: dt.datetime) -> dict[int, list[Op]]:
    if start.date() != end.date():
        raise EditError("a visit starts and ends on the same day")
    index, g, group = state.group(event.work_group or "")
    plan = state.files[index].plan_file.plan
    term, half, j = visit_entry(state, group, event, plan)
    period = (event.number or 1) - 1
    if half:
        year = state.calendar.year_of_group(group.id)  # the assembler reads visit_dates on the group's calendar
        if (year.half_term_index(start.date()) or term * 2) != period:
            name = HALF_TERM_NAMES[period]
            raise EditError(f"this is the {name} visit to the school: move it to a day of {name}")
    default = group.visits.time if group.visits else "09:00-12:00"
    wanted = (start.time(), end.time())
    path = ("work_groups", g, "visit_dates")
    if j is None:
        entry: dict[str, Any] = {"school": event.school, "term": TERM_NAMES[term], "date": start.date()}
        if _times(None, default) != wanted:
            entry["time"] = time_text(*wanted)
        return {index: [Append(path, entry)]}
    visit = group.visit_dates[j]
    ops: list[Op] = []
    if visit.date != start.date():
        ops.append(SetKey((*path, j), "date", start.date()))
    if _times(visit.time, default) != wanted:
        ops.append(SetKey((*path, j), "time", time_text(*wanted), after=("date",)))
    return {index: ops}


def delete_visit(state: State, event: Event) -> dict[int, list[Op]]:
    index, g, group = state.group(event.work_group or "")
    _, _, j = visit_entry(state, group, event, state.files[index].plan_file.plan)
    if group.visits is not None or j is None:
        raise EditError(
            "a visit of the work group's pattern cannot be cancelled on its own: move it, or change `visits`"
        )
    if len(group.visit_dates) == 1:
        return {index: [DeleteKey(("work_groups", g), "visit_dates")]}
    return {index: [DeleteItem(("work_groups", g, "visit_dates"), j)]}
