"""The edits the planner's screens ask for, as values: one callable per kind of change (no Textual here).

A change is built by a form or a key, previewed with `Planner.preview(change)` ("check before you book"),
then applied by the app in a worker. Each says in a few words what it does, for the notification and for
the editor's summary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from mh_planner.calendar import fmt_day

if TYPE_CHECKING:
    from mh_planner.editing.session import Planner
    from mh_planner.rules import Conflict


class Change(Protocol):
    @property
    def text(self) -> str: ...

    def __call__(self, planner: Planner) -> str | None: ...


@dataclass(frozen=True)
class MoveEvent:
    event_id: str
    title: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool = False
    venue: str | None = None  # a work-group meeting's venue for that session (None: unchanged)

    @property
    def text(self) -> str:
        when = fmt_day(self.start.date())
        if not self.all_day:
            when += f" {self.start:%H:%M}-{self.end:%H:%M}"
        return f"Moved '{self.title}' to {when}"

    def __call__(self, planner: Planner) -> str | None:
        planner.move_event(self.event_id, self.start, self.end, self.venue)
        return self.event_id


@dataclass(frozen=True)
class MoveEvents:
    """Several events moved as one change, one step to undo: a placement of the year, a series."""

    moves: tuple[tuple[str, dt.datetime, dt.datetime, str | None], ...]  # event id, start, end, venue
    what: str = "the placement"

    @property
    def text(self) -> str:
        return f"Applied {self.what}: {len(self.moves)} event(s) moved"

    def __call__(self, planner: Planner) -> str | None:
        planner.move_events(self.moves)
        return None


@dataclass(frozen=True)
class ConfirmCentral:
    event_id: str
    title: str
    day: dt.date
    end_day: dt.date | None = None
    time: str | None = None

    @property
    def text(self) -> str:
        return f"Confirmed '{self.title}' on {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        planner.confirm_central(self.event_id, self.day, self.end_day, self.time)
        return self.event_id


@dataclass(frozen=True)
class AddEvent:
    hub: str
    title: str
    day: dt.date
    time: str | None
    venue: str | None
    people: tuple[str, ...]
    project: str | None = None
    end_day: dt.date | None = None

    @property
    def text(self) -> str:
        return f"Added '{self.title}' on {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        return planner.add_local_event(
            self.hub,
            title=self.title,
            day=self.day,
            time=self.time,
            venue=self.venue,
            people=list(self.people),
            project=self.project,
            end_day=self.end_day,
        )


@dataclass(frozen=True)
class AddMeeting:
    """A new meeting of a work group: its next session."""

    group: str
    name: str
    day: dt.date
    time: str | None
    venue: str | None = None

    @property
    def text(self) -> str:
        return f"Added a meeting of '{self.name}' on {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        return planner.add_meeting(self.group, self.day, self.time, self.venue)


@dataclass(frozen=True)
class AddVisit:
    """A visit to one of a work group's schools (it replaces the pattern's visit there that term)."""

    group: str
    school: str
    school_name: str
    day: dt.date
    time: str | None

    @property
    def text(self) -> str:
        return f"Added a visit to {self.school_name} on {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        planner.add_visit(self.group, self.school, self.day, self.time)
        return None


@dataclass(frozen=True)
class AddWorkGroup:
    """A work group new to the plan, with its first meeting."""

    hub: str
    name: str
    project: str
    lead: str
    members: tuple[str, ...]
    venue: str
    day: dt.date
    time: str | None

    @property
    def text(self) -> str:
        return f"Added the work group '{self.name}' with a meeting on {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        return planner.add_work_group(
            self.hub, name=self.name, project=self.project, lead=self.lead, members=list(self.members),
            venue=self.venue, day=self.day, time=self.time,
        )  # fmt: skip


@dataclass(frozen=True)
class DuplicateEvent:
    event_id: str
    title: str
    day: dt.date

    @property
    def text(self) -> str:
        return f"Duplicated '{self.title}' to {fmt_day(self.day)}"

    def __call__(self, planner: Planner) -> str | None:
        return planner.duplicate_event(self.event_id, self.day)


@dataclass(frozen=True)
class DeleteEvent:
    event_id: str
    title: str

    @property
    def text(self) -> str:
        return f"Deleted '{self.title}'"

    def __call__(self, planner: Planner) -> str | None:
        planner.delete_event(self.event_id)
        return None


@dataclass(frozen=True)
class DeleteSeries:
    work_group: str
    name: str

    @property
    def text(self) -> str:
        return f"Deleted the work group '{self.name}' and all its meetings and visits"

    def __call__(self, planner: Planner) -> str | None:
        planner.delete_series(self.work_group)
        return None


@dataclass(frozen=True)
class ApplyFix:
    conflict: Conflict

    @property
    def text(self) -> str:
        fix = self.conflict.fix
        return f"Fixed: {fix.text}" if fix else "Nothing to fix"

    def __call__(self, planner: Planner) -> str | None:
        planner.apply_fix(self.conflict)
        return self.conflict.fix.event_id if self.conflict.fix else None
