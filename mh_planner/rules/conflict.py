"""A conflict: what a rule found, how bad it is, and the fix that `scheduling` suggests where one exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # a hard conflict: `check` exits 1
    WARNING = "warning"  # worth a look: may clash, or bends a rule of the programme

    @property
    def rank(self) -> int:
        return 0 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Fix:
    """Move `event_id` to a new time; applying it is one edit of the plan."""

    event_id: str
    start: dt.datetime
    end: dt.datetime
    text: str


@dataclass(frozen=True, slots=True)
class Conflict:
    rule: str
    severity: Severity
    message: str
    event_ids: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    venue: str | None = None
    dates: tuple[dt.date, ...] = ()
    fix: Fix | None = None
    work_group: str | None = None
    movable: str | None = None  # the hub's own event that moving would resolve this (for a fix)
    hub: str | None = None  # the hub it is about as a whole, when it names none of its events, people or venues

    @property
    def key(self) -> tuple[object, ...]:
        """Identity for de-duplication and for comparing the conflicts before and after an edit."""
        return (self.rule, self.event_ids, self.people, self.venue, self.dates, self.work_group, self.hub)
