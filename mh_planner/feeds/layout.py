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
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.model import ID_PATTERN

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


def plan_feeds(calendar: Calendar) -> list[Feed]:
    """Every feed of every hub with a plan, in a stable order: hub, roles, people, work groups."""
    events = calendar.events
    by_person: dict[str, set[int]] = defaultdict(set)
    by_group: dict[str, set[int]] = defaultdict(set)
    by_hub: dict[str, set[int]] = defaultdict(set)
    for i, event in enumerate(events):
        if event.origin is Origin.IMPORTED:
            continue  # another organisation's calendar: never published, whatever its attendees
        for attendee in event.attendees:
            by_person[attendee].add(i)
        if event.work_group:
            by_group[event.work_group].add(i)
        if event.hub:
            by_hub[event.hub].add(i)

    def pick(positions: Iterable[int]) -> tuple[Event, ...]:
        return tuple(events[i] for i in sorted(positions))  # calendar order: by start, then id

    role_order = {role: n for n, role in enumerate(calendar.dataset.roles)}
    feeds: list[Feed] = []
    for hub in sorted(calendar.plans):
        plan = calendar.plans[hub]
        name = hub_name(calendar, _safe(hub))
        people = [p for p in plan.people if p.id in calendar.people]

        everything = set(by_hub[hub])
        for person in people:
            everything |= by_person[person.id]
        feeds.append(
            Feed(
                FeedKind.HUB,
                hub,
                hub,
                f"{name} (whole hub)",
                f"Everything in the {name}'s plan: its work groups' meetings and visits, its own events, "
                "and the national events its people attend.",
                pick(everything),
            )
        )

        holders: dict[str, list[str]] = defaultdict(list)
        for person in people:
            for role in person.roles:
                holders[role].append(person.id)
        for role in sorted(holders, key=lambda r: (role_order.get(r, len(role_order)), r)):
            known = calendar.dataset.roles.get(role)
            title = known.name if known else role
            if known and known.abbreviation and known.abbreviation != title:
                title = f"{title} ({known.abbreviation})"
            count = len(holders[role])
            positions: set[int] = set()
            for person_id in holders[role]:
                positions |= by_person[person_id]
            feeds.append(
                Feed(
                    FeedKind.ROLE,
                    hub,
                    _safe(role),
                    f"{name}: {title}",
                    f"Every event attended by someone in the hub with the role {title} "
                    f"({count} {'person' if count == 1 else 'people'}).",
                    pick(positions),
                )
            )

        for person in people:
            feeds.append(
                Feed(
                    FeedKind.PERSON,
                    hub,
                    _safe(person.id),
                    f"{name}: {person.name}",
                    f"{person.name}'s events: the meetings, visits and events they lead or attend, "
                    "and the national events they attend.",
                    pick(by_person[person.id]),
                )
            )

        for group in plan.work_groups:
            project = calendar.dataset.projects.get(group.project)
            code = f" ({project.code})" if project else ""
            positions = set(by_group[group.id])
            for person_id in (group.lead, *group.members):
                positions |= {i for i in by_person[person_id] if events[i].origin in CENTRAL_ORIGINS}
            feeds.append(
                Feed(
                    FeedKind.WORK_GROUP,
                    hub,
                    _safe(group.id),
                    f"{name}: {group.name}",
                    f"{group.name}{code}: its meetings and school visits, and the national events its lead "
                    "and members attend.",
                    pick(positions),
                )
            )
    return feeds
