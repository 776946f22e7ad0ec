"""The edits the planner's screens ask for, as values: one callable per kind of change (no Textual here).

A change is built by a form or a key, previewed with `Planner.preview(change)` ("check before you book"),
then applied by the app in a worker. Each says in a few words what it does, for the notification and for
the editor's summary. Parsing of what a user types in the form lives here too, so it is tested without a UI.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from mh_planner.events import fmt_day

if TYPE_CHECKING:
    from mh_planner.conflicts import Conflict
    from mh_planner.editing import Planner


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

    @property
    def text(self) -> str:
        when = fmt_day(self.start.date())
        if not self.all_day:
            when += f" {self.start:%H:%M}-{self.end:%H:%M}"
        return f"Moved '{self.title}' to {when}"

    def __call__(self, planner: Planner) -> str | None:
        planner.move_event(self.event_id, self.start, self.end)
        return self.event_id


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


# --- what a user types in the form ------------------------------------------------------------------

MONTHS = {
    m: i + 1
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}


def parse_day(text: str, start_year: int) -> dt.date:
    """'2019-11-12', '12/11/2019' (day first, as in England), '12 Nov 2019' or '12 Nov' (the year is taken
    from the academic year: September to December in its first year, the rest in its second)."""
    value = text.strip().lower()
    if not value:
        raise ValueError("a date is needed")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return _date(year + 2000 if year < 100 else year, month, day, text)
    m = re.fullmatch(r"(?:[a-z]{3,9},? )?(\d{1,2})(?:st|nd|rd|th)? ([a-z]{3,9})\.?(?: (\d{4}))?", value)
    if m and m.group(2)[:3] in MONTHS:
        month = MONTHS[m.group(2)[:3]]
        year = int(m.group(3)) if m.group(3) else start_year + (month < 9)
        return _date(year, month, int(m.group(1)), text)
    raise ValueError(f"cannot read the date {text.strip()!r}: write it as 2019-11-12 or 12 Nov 2019")


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"there is no such date as {text.strip()!r}") from None


def parse_time(text: str) -> tuple[dt.time, dt.time] | None:
    """'13:00-16:00', 'twilight', 'am' ...; None (empty or 'all day') for an all-day event."""
    from mh_planner.timing import parse_time_of_day

    if not text.strip():
        return None
    return parse_time_of_day(text)


def time_text(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"
