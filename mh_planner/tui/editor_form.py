"""What the event editor's form holds, and the change it describes, with no Textual here (tested without a UI).

The New form makes a hub's one-off event, a work-group meeting (of a work group of the plan: its next
session, or an extra meeting before its last; or the first meeting of a new work group) or a school visit.
Each field is checked as it is typed; `build` returns the change, or the errors by field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mh_planner.calendar import fmt_day  # the domain: loaded by the time an event is edited

if TYPE_CHECKING:
    from mh_planner.calendar import AnyEvent
    from mh_planner.editing.changes import Change
    from mh_planner.tui.state import PlanState

NEW_GROUP = "+new"  # the work group field's choice for a group not in the plan yet
KINDS = (("A hub event", "event"), ("A work-group meeting", "meeting"), ("A school visit", "visit"))


@dataclass
class Form:
    """What the form holds, read from its widgets."""

    title: str = ""
    day: str = ""
    end_day: str = ""
    time: str = ""
    venue: str | None = None
    project: str | None = None
    people: list[str] = field(default_factory=list)
    scope: str = "event"  # delete: "event" or "series"
    kind: str = "event"  # add: event, meeting or visit
    group: str | None = None  # a work group id, or NEW_GROUP
    school: str | None = None
    lead: str | None = None
    venue_chosen: str | None = None  # move: the venue a proposal of the assistant chose


@dataclass(frozen=True)
class When:
    day: dt.date | None
    end_day: dt.date | None
    times: tuple[dt.time, dt.time] | None


def read_when(state: PlanState, action: str, form: Form, errors: dict[str, str]) -> When:
    from mh_planner.user_input import parse_day, parse_time

    year = state.year
    day = end_day = None
    times = None
    if action in ("add", "move", "confirm", "duplicate"):
        try:
            day = parse_day(form.day, year.start_year)
            if not (year.start <= day <= year.end):
                errors["day"] = f"{fmt_day(day)} is outside the academic year {year.label}"
        except ValueError as exc:
            errors["day"] = str(exc)
    if form.end_day.strip():
        try:
            end_day = parse_day(form.end_day, year.start_year)
            if day is not None and end_day < day:
                errors["end_day"] = "the last day comes before the first"
        except ValueError as exc:
            errors["end_day"] = str(exc)
    if form.time.strip():
        try:
            times = parse_time(form.time)
        except ValueError as exc:
            errors["time"] = str(exc)
    return When(day, end_day, times)


def build(state: PlanState, action: str, event: AnyEvent | None, form: Form) -> tuple[Change | None, dict[str, str]]:
    """The change the form describes, or the errors by field."""
    errors: dict[str, str] = {}
    if action == "add" and form.kind == "event" and not form.title.strip():
        errors["title"] = "a title is needed"
    when = read_when(state, action, form, errors)
    if action == "add" and form.kind != "event":
        change = _work_group_change(state, form, when, errors)
        return (None, errors) if errors else (change, {})
    if errors:
        return None, errors
    return _change(state, action, event, form, when), {}


def _work_group_change(state: PlanState, form: Form, when: When, errors: dict[str, str]) -> Change | None:
    from mh_planner.editing.changes import AddMeeting, AddVisit, AddWorkGroup

    calendar = state.calendar
    time = form.time.strip() or None
    if form.group is None:
        errors["group"] = "choose a work group"
        return None
    if form.kind == "visit":
        group = calendar.work_groups.get(form.group)
        if group is None or form.group == NEW_GROUP:
            errors["group"] = "a visit is by a work group of the plan"
        elif form.school is None:
            errors["school"] = "choose one of the group's schools"
        if errors or when.day is None or group is None or form.school is None:
            return None
        school = calendar.schools.get(form.school)
        return AddVisit(group.id, form.school, school.name if school else form.school, when.day, time)
    if form.group != NEW_GROUP:
        group = calendar.work_groups.get(form.group)
        if group is None or when.day is None:
            return None
        venue = form.venue if form.venue and form.venue != group.venue else None
        return AddMeeting(group.id, group.name, when.day, time, venue)
    for name, value, what in (("title", form.title.strip(), "the new work group's name"),
                              ("project", form.project, "its project"), ("lead", form.lead, "its lead"),
                              ("venue", form.venue, "its venue")):  # fmt: skip
        if not value:
            errors[name] = f"{what} is needed"
    if errors or when.day is None or state.hub is None:
        return None
    assert form.project and form.lead and form.venue
    members = tuple(p for p in form.people if p != form.lead)
    return AddWorkGroup(state.hub, form.title.strip(), form.project, form.lead, members, form.venue, when.day, time)


def _change(state: PlanState, action: str, event: AnyEvent | None, form: Form, when: When) -> Change | None:
    from mh_planner.calendar import Event
    from mh_planner.editing.changes import (
        AddEvent,
        ConfirmCentral,
        DeleteEvent,
        DeleteSeries,
        DuplicateEvent,
        MoveEvent,
    )

    day = when.day
    if action == "add" and day is not None and state.hub is not None:
        time = form.time.strip() or None
        people = tuple(form.people)
        return AddEvent(state.hub, form.title.strip(), day, time, form.venue, people, form.project, when.end_day)
    if event is None or (day is None and action != "delete"):
        return None
    if action == "delete":
        if form.scope == "series" and event.work_group:
            group = state.calendar.work_groups.get(event.work_group)
            return DeleteSeries(event.work_group, group.name if group else event.work_group)
        return DeleteEvent(event.id, event.title)
    assert day is not None
    if action == "duplicate":
        return DuplicateEvent(event.id, event.title, day)
    if action == "confirm":
        return ConfirmCentral(event.id, event.title, day, when.end_day, form.time.strip() or None)
    if not isinstance(event, Event):  # only central events are undated, and they are confirmed, not moved
        return None
    if event.all_day:
        last = when.end_day or day + (event.last_day - event.first_day)
        start = dt.datetime.combine(day, dt.time())
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
        return MoveEvent(event.id, event.title, start, end, all_day=True)
    times = when.times or (event.start.time(), event.end.time())
    start, end = dt.datetime.combine(day, times[0]), dt.datetime.combine(day, times[1])
    venue = form.venue_chosen if form.venue_chosen != event.venue else None
    return MoveEvent(event.id, event.title, start, end, venue=venue)
