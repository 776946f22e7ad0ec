"""The concrete, dated events of an assembled calendar (all times are Europe/London wall-clock times)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from mh_planner.model import EventKind
from mh_planner.timing import Window

TIMEZONE = "Europe/London"


class Origin(StrEnum):
    CENTRAL = "central"  # run by the national programme
    EXCHANGE = "exchange"  # a leg of the China-England exchange
    WORK_GROUP = "work-group"  # a meeting or visit of a hub's work group
    LOCAL = "local"  # a one-off event in a hub's plan

    @property
    def local(self) -> bool:
        return self in (Origin.WORK_GROUP, Origin.LOCAL)


# Milestones are dated but nobody is away for them: they block no one's diary.
NON_BLOCKING = frozenset({EventKind.DEADLINE, EventKind.SURVEY})


@dataclass(slots=True)
class Event:
    id: str  # identity from the data (never from position or date): feeds' UIDs derive from it
    title: str
    kind: EventKind
    origin: Origin
    start: dt.datetime  # for all-day events: midnight of the first day
    end: dt.datetime  # exclusive; for all-day events: midnight after the last day
    all_day: bool = False
    tentative: bool = False
    window: Window | None = None  # the window a tentative date was chosen in
    timing_text: str | None = None  # the wording of the documents
    project: str | None = None
    hub: str | None = None
    work_group: str | None = None
    series: str | None = None
    number: int | None = None
    min_gap_days: int | None = None
    venue: str | None = None  # a venue id of the hub's plan
    place: str | None = None  # a town, or "Online"
    location: str | None = None  # what a calendar shows as LOCATION
    attendees: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()  # role ids the programme addresses it to
    headcount: int = 0  # people at the venue, attendees included
    days: float = 0.0  # release days it costs each attendee
    school: str | None = None
    description: str = ""
    source: str | None = None
    notes: str | None = field(default=None, repr=False)  # private: never exported

    @property
    def online(self) -> bool:
        return (self.place or "").lower() == "online"

    @property
    def blocking(self) -> bool:
        return self.kind not in NON_BLOCKING

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        """The last day the event touches (an all-day end is exclusive)."""
        end = self.end - dt.timedelta(microseconds=1)
        return max(end.date(), self.start.date())

    def days_spanned(self) -> list[dt.date]:
        day, last, out = self.first_day, self.last_day, []
        while day <= last:
            out.append(day)
            day += dt.timedelta(days=1)
        return out

    def when_text(self) -> str:
        """'Tue 12 Nov 2019 13:00-16:00', 'Sat 9 Nov - Fri 22 Nov 2019'."""
        if self.all_day:
            first, last = self.first_day, self.last_day
            if first == last:
                return fmt_day(first)
            return f"{fmt_day(first)} - {fmt_day(last)}"
        return f"{fmt_day(self.first_day)} {self.start:%H:%M}-{self.end:%H:%M}"


def fmt_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
