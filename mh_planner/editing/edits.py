"""Each kind of edit as the YAML operations that write it into a plan, with a check that the calendar
then shows what was meant. Functions of the session's `State`; the session applies them (see docs/editing.md
for what each edit writes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from mh_planner.calendar import Calendar, Event, Origin, fmt_day
from mh_planner.editing import series
from mh_planner.editing.state import MIDNIGHT, Edit, EditError, State
from mh_planner.files.yaml_ops import Append, Block, DeleteItem, DeleteKey, Op, SetKey
from mh_planner.model import EventKind, slug
from mh_planner.timing import parse_time_of_day


def span(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """A requested time span, to the minute; wall-clock times only."""
    if start.tzinfo is not None or end.tzinfo is not None:
        raise EditError("times are Europe/London wall-clock times, without a time zone")
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    if end <= start:
        raise EditError("the end must come after the start")
    return start, end


def dated(state: State, event_id: str) -> Event:
    event = state.event(event_id)
    if not isinstance(event, Event):
        raise EditError(f"'{event.title}' has no date yet")
    return event


def move_event(
    state: State, event_id: str, start: dt.datetime, end: dt.datetime, venue: str | None = None
) -> Edit:
    """Move a hub's own event. Times are wall-clock, to the minute; midnight to midnight is all day.
    `venue`: a work-group meeting's venue for that session (None: unchanged)."""
    return move_events(state, [(event_id, start, end, venue)])


Moving = tuple[str, dt.datetime, dt.datetime, str | None]  # event id, start, end, venue (None: unchanged)


def move_events(state: State, moves: Sequence[Moving]) -> Edit:
    """Several events moved at once: one edit, so one step to undo (a placement of the year). Every move
    is written against the same plan text; the calendar must then show each where it was meant to be."""
    changes: dict[int, list[Op]] = {}
    wanted: dict[str, tuple[dt.datetime, dt.datetime, str | None, str]] = {}
    for event_id, start, end, venue in moves:
        if event_id in wanted:
            raise EditError(f"{event_id!r} is moved twice in one change")
        event, ops, start, end = _move(state, event_id, start, end, venue)
        for index, file_ops in ops.items():
            changes.setdefault(index, []).extend(file_ops)
        wanted[event_id] = (start, end, venue, event.title)

    def moved(calendar: Calendar) -> None:
        found = calendar.by_id()
        for event_id, (start, end, venue, title) in wanted.items():
            event = found.get(event_id)
            where = venue is None or (isinstance(event, Event) and event.venue == venue)
            if not isinstance(event, Event) or (event.start, event.end) != (start, end) or not where:
                raise EditError(f"'{title}' cannot be moved to {fmt_day(start.date())} {start:%H:%M}")

    return Edit(changes, moved, moves[0][0] if len(moves) == 1 else None)


def _move(
    state: State, event_id: str, start: dt.datetime, end: dt.datetime, venue: str | None
) -> tuple[Event, dict[int, list[Op]], dt.datetime, dt.datetime]:
    origin = state.event(event_id).origin
    start, end = span(start, end)
    if origin is Origin.IMPORTED:
        raise EditError("this comes from another calendar: change it there, then refresh the import")
    if origin is Origin.CENTRAL:
        raise EditError("central events are not movable: confirm their date instead")
    if origin is Origin.EXCHANGE:
        raise EditError("exchange legs are not movable: their dates are fixed by the programme")
    event = dated(state, event_id)
    if venue is not None and venue != event.venue and (event.origin is Origin.LOCAL or event.kind == EventKind.VISIT):
        raise EditError(f"'{event.title}' keeps its place: only a work group's meeting changes venue here")
    if event.origin is Origin.LOCAL:
        changes = _move_local(state, event, start, end)
    elif event.kind == EventKind.VISIT:
        changes = series.move_visit(state, event, start, end)
    else:
        changes = series.move_meeting(state, event, start, end, venue)
    return event, changes, start, end


def _move_local(state: State, event: Event, start: dt.datetime, end: dt.datetime) -> dict[int, list[Op]]:
    index, i = state.local(event.id)
    item = state.files[index].plan_file.plan.events[i]
    data = state.data(index)["events"][i]
    path = ("events", i)
    all_day = start.time() == MIDNIGHT and end.time() == MIDNIGHT
    first = start.date()
    last = (end - dt.timedelta(days=1)).date() if all_day else end.date()
    ops: list[Op] = []
    if item.date != first:
        ops.append(SetKey(path, "date", first))
    if last > first:
        if item.end_date != last:
            ops.append(SetKey(path, "end_date", last, after=("date",)))
    elif "end_date" in data:
        ops.append(DeleteKey(path, "end_date"))
    current = parse_time_of_day(item.time) if item.time else None
    if all_day:
        if current is not None:
            ops.append(DeleteKey(path, "time"))
    elif current != (start.time(), end.time()):
        ops.append(SetKey(path, "time", series.time_text(start.time(), end.time()), after=("end_date", "date")))
    return {index: ops}


def confirm_central(
    state: State, event_id: str, day: dt.date, end_day: dt.date | None = None, time: str | None = None
) -> Edit:
    """Record the announced date of a central event in the plan's `confirm:` map."""
    event = state.event(event_id)
    if event.origin is Origin.EXCHANGE:
        raise EditError("exchange legs have fixed dates set by the programme: there is nothing to confirm")
    if event.origin is not Origin.CENTRAL:
        raise EditError(f"'{event.title}' is the hub's own event: move it instead")
    if "#" in event_id:
        raise EditError(f"'{event.title}' is one of a series held once a term: only a single event is confirmed")
    if end_day is not None and end_day < day:
        raise EditError(f"the last day {end_day} is before the first day {day}")
    project_id, item_id = event_id.split("/", 1)
    item = next(e for e in state.dataset.projects[project_id].events if e.id == item_id)
    if item.date is not None:
        raise EditError(f"the programme already dates '{event.title}' ({fmt_day(item.date)})")
    index = _confirming_file(state, event_id, event.attendees)
    entry = state.files[index].plan_file.plan.confirm.get(event_id)
    ops: list[Op] = []
    if entry is None:
        value: dict[str, Any] = {"date": day}
        if end_day is not None:
            value["end_date"] = end_day
        if time is not None:
            value["time"] = time
        if isinstance(state.data(index).get("confirm"), dict):
            ops.append(SetKey(("confirm",), event_id, value))
        else:
            ops.append(SetKey((), "confirm", Block({event_id: value})))
    else:
        path = ("confirm", event_id)
        if entry.date != day:
            ops.append(SetKey(path, "date", day))
        if end_day is None:
            ops.append(DeleteKey(path, "end_date"))
        elif entry.end_date != end_day:
            ops.append(SetKey(path, "end_date", end_day, after=("date",)))
        if time is None:
            ops.append(DeleteKey(path, "time"))
        elif entry.time != time:
            ops.append(SetKey(path, "time", time, after=("end_date", "date")))

    def confirmed(calendar: Calendar) -> None:
        found = calendar.by_id().get(event_id)
        if not isinstance(found, Event) or found.first_day != day or found.tentative:
            raise EditError(f"the date of '{event.title}' cannot be confirmed from the plan")

    return Edit({index: ops}, confirmed, event_id)


def _confirming_file(state: State, event_id: str, attendees: tuple[str, ...]) -> int:
    """The plan that speaks for a central event: the first already confirming it (the assembler takes the
    first), else the plan of the hub whose people attend, else the first plan."""
    files = state.files
    if not files:
        raise EditError("there is no hub plan to record the date in")
    for index, f in enumerate(files):
        if event_id in f.plan_file.plan.confirm:
            return index
    for person in attendees:
        hub = state.calendar.person_hub.get(person)
        for index, f in enumerate(files):
            if f.plan_file.plan.hub == hub:
                return index
    return 0


def add_local_event(
    state: State,
    hub: str,
    *,
    title: str,
    day: dt.date,
    time: str | None,
    venue: str | None,
    people: list[str],
    project: str | None = None,
    end_day: dt.date | None = None,
) -> Edit:
    """Add a one-off event to a hub's plan, with a new id made from the title."""
    index = state.hub_file(hub)
    new_id = state.new_id(slug(title) or "event")
    value = Block({"id": new_id, "title": title})
    if project is not None:
        value["project"] = project
    value["date"] = day
    if end_day is not None:
        value["end_date"] = end_day
    if time is not None:
        value["time"] = time
    if venue is not None:
        value["venue"] = venue
    value["people"] = list(people)
    return Edit({index: [Append(("events",), value)]}, exists(new_id), new_id)


def duplicate_event(state: State, event_id: str, day: dt.date) -> Edit:
    """A copy of a hub's event on `day`, as a one-off local event."""
    if not state.event(event_id).origin.local:
        raise EditError("central events are run by the programme: add a local event instead of a copy")
    event = dated(state, event_id)
    if event.origin is Origin.LOCAL:
        index, i = state.local(event_id)
        original = dict(state.data(index)["events"][i])
        value = Block(original)
        value["id"] = state.new_id(re.sub(r"-\d+$", "", event_id))
        value["date"] = day
        if original.get("end_date") is not None:
            value["end_date"] = day + (original["end_date"] - original["date"])
    else:
        index, value = _series_copy(state, event, day)
    new_id = str(value["id"])
    return Edit({index: [Append(("events",), value)]}, exists(new_id), new_id)


def _series_copy(state: State, event: Event, day: dt.date) -> tuple[int, Block]:
    """A meeting or visit of a series copied as a one-off event of the work group."""
    index, _, group = state.group(event.work_group or "")
    times = series.time_text(event.start.time(), event.end.time())
    if event.kind == EventKind.VISIT:
        value = Block({"id": state.new_id(f"{group.id}-visit-{event.school}"), "title": event.title})
        value.update(kind="visit", project=group.project, work_group=group.id, date=day, time=times)
        value.update(location=event.place, people=[group.lead])
        return index, value
    value = Block({"id": state.new_id(f"{group.id}-extra-meeting"), "title": f"{group.name}: extra meeting"})
    value.update(project=group.project, work_group=group.id, date=day, time=times, venue=event.venue)
    value["people"] = list(event.attendees)
    visitors = len(group.schools) * group.teachers_per_school
    if visitors:
        value["headcount"] = visitors
    return index, value


def delete_event(state: State, event_id: str) -> Edit:
    """A local event is removed; a series meeting is cancelled (`cancelled: true` on its session)."""
    if not state.event(event_id).origin.local:
        raise EditError("central events are run by the programme: they cannot be deleted")
    event = dated(state, event_id)
    if event.origin is Origin.LOCAL:
        index, i = state.local(event_id)
        changes: dict[int, list[Op]] = {index: [DeleteItem(("events",), i)]}
    elif event.kind == EventKind.VISIT:
        changes = series.delete_visit(state, event)
    else:
        changes = series.cancel_meeting(state, event)

    def gone(calendar: Calendar) -> None:
        if event_id in calendar.by_id():
            raise EditError(f"'{event.title}' cannot be deleted")

    return Edit(changes, gone)


def delete_series(state: State, work_group_id: str) -> Edit:
    """Remove a work group with all its meetings and visits. Local events linked to it stay, unlinked."""
    index, g, _ = state.group(work_group_id)
    ops: list[Op] = []
    # Unlink first: the indices of `events` do not move when a work group goes.
    for i, item in enumerate(state.files[index].plan_file.plan.events):
        if item.work_group == work_group_id:
            ops.append(DeleteKey(("events", i), "work_group"))
    ops.append(DeleteItem(("work_groups",), g))
    return Edit({index: ops})


def link_source(state: State, hub: str, entry: dict[str, Any]) -> Edit:
    """Link a calendar to a hub's plan: an item of its `imports:` list (`source`, `as`, `person` or `venue`,
    ...), written on one line; nothing when the plan links it so already."""
    index = state.hub_file(hub)
    subject = entry.get("person") or entry.get("venue")
    for link in state.files[index].plan_file.plan.imports:
        if (link.source, link.as_.value, link.subject) == (entry["source"], entry["as"], subject):
            return Edit({})
    return Edit({index: [Append(("imports",), dict(entry))]})


def exists(event_id: str) -> Callable[[Calendar], None]:
    def verify(calendar: Calendar) -> None:
        if event_id not in calendar.by_id():
            raise EditError(f"the new event {event_id!r} does not appear in the calendar")

    return verify
