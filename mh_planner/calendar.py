"""The assembled calendar: its events (dated, or not dated yet) and what the rules, feeds and screens need
to know about the hub plans behind them. All times are Europe/London wall-clock times, without a zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from mh_planner.academic_year import AcademicYear
from mh_planner.loading import Dataset
from mh_planner.loading.calendars import PlanCalendars
from mh_planner.model import EventKind, Person, Plan, School, Venue, WorkGroup
from mh_planner.timing import Window

TIMEZONE = "Europe/London"
ONE_DAY = dt.timedelta(days=1)


class Origin(StrEnum):
    CENTRAL = "central"  # run by the national programme
    EXCHANGE = "exchange"  # a leg of the China-England exchange
    WORK_GROUP = "work-group"  # a meeting or visit of a hub's work group
    LOCAL = "local"  # a one-off event in a hub's plan
    IMPORTED = "imported"  # a busy time or booking from a calendar the planner did not make (never in a feed)

    @property
    def local(self) -> bool:
        return self in (Origin.WORK_GROUP, Origin.LOCAL)


# Milestones are dated but nobody is away for them: they block no one's diary.
NON_BLOCKING = frozenset({EventKind.DEADLINE, EventKind.SURVEY})


@dataclass(slots=True, kw_only=True)
class EventInfo:
    """What an event is, whether or not it has a date yet."""

    id: str  # identity from the data (never from position or date): feeds' UIDs derive from it
    title: str
    kind: EventKind
    origin: Origin
    all_day: bool = False
    tentative: bool = False
    window: Window | None = None  # the window a tentative date was chosen in
    placement: str | None = None  # how a window was read: default_dates.Placement ("before the year", ...)
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
    calendar: str | None = None  # key of the school calendar that applies (Calendar.term_years); hub events
    description: str = ""
    source: str | None = None
    notes: str | None = field(default=None, repr=False)  # private: never exported

    @property
    def online(self) -> bool:
        return (self.place or "").lower() == "online"

    @property
    def blocking(self) -> bool:
        return self.kind not in NON_BLOCKING


@dataclass(slots=True, kw_only=True)
class Event(EventInfo):
    """An event with a date: the rules check these."""

    start: dt.datetime  # for all-day events: midnight of the first day
    end: dt.datetime  # exclusive; for all-day events: midnight after the last day

    @property
    def first_day(self) -> dt.date:
        return self.start.date()

    @property
    def last_day(self) -> dt.date:
        """The last day the event touches (an all-day end is exclusive)."""
        end, first = self.end, self.start.date()
        last = end.date()
        if not (end.hour or end.minute or end.second or end.microsecond):
            last -= ONE_DAY  # an end at midnight is the day before's
        return last if last > first else first

    def days_spanned(self) -> list[dt.date]:
        day, last = self.first_day, self.last_day
        if day == last:  # most events: one day
            return [day]
        out = []
        while day <= last:
            out.append(day)
            day += ONE_DAY
        return out

    def when_text(self) -> str:
        """'Tue 12 Nov 2019 13:00-16:00', 'Sat 9 Nov - Fri 22 Nov 2019'."""
        if self.all_day:
            first, last = self.first_day, self.last_day
            if first == last:
                return fmt_day(first)
            return f"{fmt_day(first)} - {fmt_day(last)}"
        return f"{fmt_day(self.first_day)} {self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(slots=True, kw_only=True)
class UndatedEvent(EventInfo):
    """A central event with no day yet: announced with no date or window, or with a window that is not a day
    (before the year, through the year: `placement`). Listed, never checked."""

    start: None = None
    end: None = None


AnyEvent = Event | UndatedEvent


def category(event: AnyEvent) -> str:
    """The kind of event a reader tells apart by colour and glyph: the planner's screens and the printed
    year use the same (imported, exchange, milestone, residential, central, visit, meeting, local)."""
    kind, origin = event.kind.value, event.origin.value
    if origin in ("imported", "exchange"):
        return origin
    if kind in ("deadline", "survey"):
        return "milestone"
    if kind == "residential":
        return "residential"
    if origin == "central":
        return "central"
    if kind == "visit":
        return "visit"
    return "meeting" if origin == "work-group" else "local"


@dataclass
class Calendar:
    dataset: Dataset
    year: AcademicYear
    events: list[Event]  # dated, sorted by start
    undated: list[UndatedEvent] = field(default_factory=list)  # central events with no timing yet
    hub_years: dict[str, AcademicYear] = field(default_factory=dict)  # each hub's default calendar
    term_years: dict[str, AcademicYear] = field(default_factory=dict)  # every school calendar in use, by key
    group_calendars: dict[str, str] = field(default_factory=dict)  # work group -> key of its meetings' calendar
    people: dict[str, Person] = field(default_factory=dict)
    person_hub: dict[str, str] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    schools: dict[str, School] = field(default_factory=dict)
    work_groups: dict[str, WorkGroup] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    # Each hub's calendars (`loading.calendars`): which calendars concern an event held elsewhere than the
    # assembler put it (the scheduler's candidates), made when first asked for.
    plan_calendars: dict[str, PlanCalendars] = field(default_factory=dict)
    parts: object = field(default=None, repr=False, compare=False)  # what it was assembled from (assemble.parts)
    _found: tuple[object, dict[str, AnyEvent]] | None = field(default=None, init=False, repr=False, compare=False)

    def by_id(self) -> dict[str, AnyEvent]:
        """Every event by id, dated or not; made once for the lists as they are (read it, do not change it)."""
        key = (id(self.events), len(self.events), id(self.undated), len(self.undated))
        if self._found is None or self._found[0] != key:
            found: dict[str, AnyEvent] = {e.id: e for e in self.events}
            found.update((e.id, e) for e in self.undated)
            self._found = (key, found)
        return self._found[1]

    def derive_by_id(self, before: Calendar, gone: Iterable[str], new: Iterable[AnyEvent]) -> None:
        """`by_id` made from `before`'s (if it has one) without `gone` and with `new`: a re-assembly after an
        edit changes a few hundred of a network's events, not its 25,000."""
        if before._found is None or before._found[0] != (
            id(before.events), len(before.events), id(before.undated), len(before.undated)
        ):
            return
        found = dict(before._found[1])
        for event_id in gone:
            found.pop(event_id, None)
        found.update((e.id, e) for e in new)
        self._found = ((id(self.events), len(self.events), id(self.undated), len(self.undated)), found)

    def year_of(self, event: EventInfo) -> AcademicYear:
        """The calendar that applies to an event: its schools' and venue's (jointly), else its hub's default,
        else the national default."""
        return self.year_by_key(event.calendar, event.hub)

    def year_by_key(self, key: str | None, hub: str | None) -> AcademicYear:
        """The calendar keyed `key` (`Event.calendar`) in `hub`'s plan, else the hub's default, else the
        national default."""
        found = self.term_years.get(key or "")
        if found is None and key:
            calendars = self.plan_calendars.get(hub or "")
            found = calendars.years.get(key) if calendars is not None else None
        return found if found is not None else self.hub_years.get(hub or "", self.year)

    def year_of_group(self, group: str) -> AcademicYear:
        """The calendar a work group's meetings keep: its venue's and its schools' (jointly)."""
        found = self.term_years.get(self.group_calendars.get(group, ""))
        if found is not None:
            return found
        lead = self.work_groups[group].lead if group in self.work_groups else ""
        return self.year_of_person(lead)

    def year_of_person(self, person: str) -> AcademicYear:
        return self.hub_years.get(self.person_hub.get(person, ""), self.year)


def fmt_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
