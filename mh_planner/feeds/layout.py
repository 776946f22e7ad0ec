"""Which feeds a calendar publishes, what each one holds, and where its file lives.

Every hub with a plan gets a folder named after its id, holding:

    <hub>/hub.ics              the whole hub
    <hub>/role-<role>.ics      every event someone of the hub in that role attends
    <hub>/person-<person>.ics  one person's events
    <hub>/group-<group>.ics    a work group's meetings and visits, and the central events its lead and
                               members attend (nothing about any other group)

Ids are the ones of the data, so a file name stays put as long as its subject does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from mh_planner.calendar import Calendar, Event, Origin, UndatedEvent
from mh_planner.model import ID_PATTERN, Person, WorkGroup

_SAFE_ID = re.compile(ID_PATTERN)
CENTRAL_ORIGINS = frozenset({Origin.CENTRAL, Origin.EXCHANGE})


class FeedKind(StrEnum):
    HUB = "hub"
    ROLE = "role"
    PERSON = "person"
    WORK_GROUP = "group"


@dataclass(frozen=True, slots=True)
class Feed:
    kind: FeedKind
    hub: str
    subject: str  # the id of the hub, role, person or work group
    name: str  # what a calendar app shows (X-WR-CALNAME)
    about: str  # what it contains, for the index and X-WR-CALDESC
    events: tuple[Event, ...]
    undated: tuple[UndatedEvent, ...] = ()  # its subject's events with no date yet: named in its description

    @property
    def path(self) -> str:
        """The file's path inside the export folder, '/'-separated."""
        if self.kind is FeedKind.HUB:
            return f"{self.hub}/hub.ics"
        return f"{self.hub}/{self.kind.value}-{self.subject}.ics"

    @property
    def flat_name(self) -> str:
        """The last part of the feed's served address: 'ee2-person-pshah.ics'."""
        return self.path.replace("/", "-")


def _safe(identifier: str) -> str:
    # The loader enforces the pattern already; a file name must never be able to climb out of the folder.
    if not _SAFE_ID.match(identifier) or ".." in identifier:
        raise ValueError(f"{identifier!r} cannot name a feed file")
    return identifier


def hub_name(calendar: Calendar, hub: str) -> str:
    known = calendar.dataset.hubs.get(hub)
    return known.name if known else hub.upper()


class _Where:
    """Which events each person, work group and hub has, as positions in the calendar's order."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.events = calendar.events
        self.by_person: dict[str, set[int]] = defaultdict(set)
        self.by_group: dict[str, set[int]] = defaultdict(set)
        self.by_hub: dict[str, set[int]] = defaultdict(set)
        for i, event in enumerate(self.events):
            if event.origin is Origin.IMPORTED:
                continue  # another organisation's calendar: never published, whatever its attendees
            for attendee in event.attendees:
                self.by_person[attendee].add(i)
            if event.work_group:
                self.by_group[event.work_group].add(i)
            if event.hub:
                self.by_hub[event.hub].add(i)

    def pick(self, positions: Iterable[int]) -> tuple[Event, ...]:
        return tuple(self.events[i] for i in sorted(positions))  # calendar order: by start, then id

    def pending(self, people: Iterable[str], hub: str | None = None) -> tuple[UndatedEvent, ...]:
        """The central events with no date yet that these people attend (or that the hub hosts), by id."""
        wanted = set(people)
        return tuple(
            e for e in self.calendar.undated if (hub is not None and e.hub == hub) or wanted & set(e.attendees)
        )

    def of_people(self, people: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for person in people:
            found |= self.by_person[person]
        return found


def plan_feeds(calendar: Calendar) -> list[Feed]:
    """Every feed of every hub with a plan, in a stable order: hub, roles, people, work groups."""
    where = _Where(calendar)
    feeds: list[Feed] = []
    for hub in sorted(calendar.plans):
        plan = calendar.plans[hub]
        name = hub_name(calendar, _safe(hub))
        people = [p for p in plan.people if p.id in calendar.people]
        feeds.append(_hub_feed(where, hub, name, people))
        feeds.extend(_role_feeds(where, hub, name, people))
        feeds.extend(_person_feeds(where, hub, name, people))
        feeds.extend(_group_feeds(where, hub, name, plan.work_groups))
    return feeds


def _hub_feed(where: _Where, hub: str, name: str, people: list[Person]) -> Feed:
    ids = [p.id for p in people]
    return Feed(
        FeedKind.HUB,
        hub,
        hub,
        f"{name} (whole hub)",
        f"Everything in the {name}'s plan: its work groups' meetings and visits, its own events, "
        "and the national events its people attend.",
        where.pick(where.by_hub[hub] | where.of_people(ids)),
        where.pending(ids, hub),
    )


def _role_feeds(where: _Where, hub: str, name: str, people: list[Person]) -> Iterator[Feed]:
    roles = where.calendar.dataset.roles
    order = {role: n for n, role in enumerate(roles)}
    holders: dict[str, list[str]] = defaultdict(list)
    for person in people:
        for role in person.roles:
            holders[role].append(person.id)
    for role in sorted(holders, key=lambda r: (order.get(r, len(order)), r)):
        known = roles.get(role)
        title = known.name if known else role
        if known and known.abbreviation and known.abbreviation != title:
            title = f"{title} ({known.abbreviation})"
        count = len(holders[role])
        yield Feed(
            FeedKind.ROLE,
            hub,
            _safe(role),
            f"{name}: {title}",
            f"Every event attended by someone in the hub with the role {title} "
            f"({count} {'person' if count == 1 else 'people'}).",
            where.pick(where.of_people(holders[role])),
            where.pending(holders[role]),
        )


def _person_feeds(where: _Where, hub: str, name: str, people: list[Person]) -> Iterator[Feed]:
    for person in people:
        yield Feed(
            FeedKind.PERSON,
            hub,
            _safe(person.id),
            f"{name}: {person.name}",
            f"{person.name}'s events: the meetings, visits and events they lead or attend, "
            "and the national events they attend.",
            where.pick(where.by_person[person.id]),
            where.pending([person.id]),
        )


def _group_feeds(where: _Where, hub: str, name: str, groups: list[WorkGroup]) -> Iterator[Feed]:
    for group in groups:
        project = where.calendar.dataset.projects.get(group.project)
        code = f" ({project.label})" if project else ""
        members = (group.lead, *group.members)
        central = {i for i in where.of_people(members) if where.events[i].origin in CENTRAL_ORIGINS}
        yield Feed(
            FeedKind.WORK_GROUP,
            hub,
            _safe(group.id),
            f"{name}: {group.name}",
            f"{group.name}{code}: its meetings and school visits, and the national events its lead "
            "and members attend.",
            where.pick(where.by_group[group.id] | central),
            where.pending(members),
        )
