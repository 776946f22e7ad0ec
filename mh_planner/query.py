"""Narrowing the calendar and its conflicts: shared by `check`, `agenda`, the feeds and the TUI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from mh_planner.calendar import AnyEvent, Calendar, Event, UndatedEvent
from mh_planner.rules import Conflict

E = TypeVar("E", Event, UndatedEvent)


class HubScope:
    """What concerns one hub of a network: its plan's people, venues and work groups, its own events, and the
    national events its people attend or it hosts; a conflict naming any of them, or the hub itself."""

    def __init__(self, calendar: Calendar, hub: str) -> None:
        plan = calendar.plans.get(hub)
        self.calendar, self.hub = calendar, hub
        self.people = {p.id for p in plan.people} if plan else set()
        self.venues = {v.id for v in plan.venues} if plan else set()
        self.groups = {g.id for g in plan.work_groups} if plan else set()

    def has_event(self, event: AnyEvent) -> bool:
        return (
            event.hub == self.hub
            or (event.venue is not None and event.venue in self.venues)
            or any(p in self.people for p in event.attendees)
        )

    def conflicts(self, conflicts: Iterable[Conflict]) -> list[Conflict]:
        """Those of `conflicts` that concern the hub."""
        by_id = self.calendar.by_id()
        return [c for c in conflicts if self.has_conflict(c, by_id)]

    def has_conflict(self, conflict: Conflict, by_id: dict[str, AnyEvent]) -> bool:
        if conflict.hub == self.hub or conflict.venue in self.venues or conflict.work_group in self.groups:
            return True
        if any(p in self.people for p in conflict.people):
            return True
        return any((e := by_id.get(i)) is not None and e.origin.local and e.hub == self.hub for i in conflict.event_ids)


@dataclass(frozen=True)
class Filter:
    hub: str | None = None  # only what concerns this hub of the network (`HubScope`)
    person: str | None = None
    work_group: str | None = None
    role: str | None = None
    project: str | None = None
    venue: str | None = None
    kind: str | None = None
    status: str | None = None  # "confirmed" | "tentative"
    start: dt.date | None = None
    end: dt.date | None = None
    text: str | None = None

    def people_with_role(self, calendar: Calendar) -> set[str]:
        return {p.id for p in calendar.people.values() if self.role in p.roles}

    @overload
    def events(self, calendar: Calendar) -> list[Event]: ...

    @overload
    def events(self, calendar: Calendar, events: Sequence[E]) -> list[E]: ...

    def events(self, calendar: Calendar, events: Sequence[AnyEvent] | None = None) -> list[Any]:
        """The events of the calendar (or of `events`, e.g. the undated ones) that pass every filter."""
        pool: Sequence[AnyEvent] = calendar.events if events is None else events
        role_people = self.people_with_role(calendar) if self.role else set()
        needle = (self.text or "").lower()
        scope = HubScope(calendar, self.hub) if self.hub else None
        out = []
        for event in pool:
            if scope is not None and not scope.has_event(event):
                continue
            if self.person and self.person not in event.attendees:
                continue
            if self.work_group and event.work_group != self.work_group:
                continue
            if self.role and not role_people.intersection(event.attendees):
                continue
            if self.project and event.project != self.project:
                continue
            if self.venue and event.venue != self.venue:
                continue
            if self.kind and self.kind not in (event.kind.value, event.origin.value):
                continue
            if self.status and (self.status == "tentative") != event.tentative:
                continue
            if isinstance(event, Event):
                if self.start and event.last_day < self.start:
                    continue
                if self.end and event.first_day > self.end:
                    continue
            if needle and needle not in f"{event.title} {event.location or ''} {event.id}".lower():
                continue
            out.append(event)
        return out

    def conflicts(self, calendar: Calendar, conflicts: list[Conflict]) -> list[Conflict]:
        by_id = calendar.by_id()
        scope = HubScope(calendar, self.hub) if self.hub else None
        out = []
        for conflict in conflicts:
            if scope is not None and not scope.has_conflict(conflict, by_id):
                continue
            events = [by_id[i] for i in conflict.event_ids if i in by_id]
            if (
                self.person
                and self.person not in conflict.people
                and not any(self.person in e.attendees for e in events)
            ):
                continue
            groups = {conflict.work_group, *(e.work_group for e in events)}
            if self.work_group and self.work_group not in groups:
                continue
            if (self.start or self.end) and conflict.dates:
                day = conflict.dates[0]
                if (self.start and day < self.start) or (self.end and day > self.end):
                    continue
            out.append(conflict)
        return out
