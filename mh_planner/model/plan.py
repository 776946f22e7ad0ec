"""`plans/<hub>.yaml`: one hub's year (people, venues, schools, work groups, its own events)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from mh_planner.model.common import (
    MAX_COUNT,
    CadenceEvery,
    Day,
    Days,
    EventKind,
    FaceToFace,
    Id,
    Mode,
    Strict,
    TimeText,
    Weekday,
    YearLabel,
    within,
)
from mh_planner.model.year import Closure, Term, TermName, check_terms

MAX_PATTERN = 100  # an `attends` pattern: an event id with '*' wildcards
MAX_PREFERRED_TIMES = 12  # times of day a person would rather meet at: a few, never a timetable


class Person(Strict):
    id: Id
    name: str
    roles: list[Id] = Field(min_length=1)
    cohort: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    school: str | None = None
    email: str | None = Field(default=None, description="private: never exported")
    phone: str | None = Field(default=None, description="private: never exported")
    notes: str | None = Field(default=None, description="private: never exported")
    allowance_days: Days | None = Field(
        default=None, description="their total release days this year, over every project and none"
    )
    budgets: dict[Id, Annotated[float, Field(ge=0, le=366, allow_inf_nan=False)]] = Field(
        default_factory=dict, description="project -> their own release days for it, instead of the catalogue's"
    )

    @property
    def email_key(self) -> str | None:
        """Their email as plans are compared (one person in two plans has the same), or None without one."""
        return self.email.strip().casefold() if self.email and self.email.strip() else None
    attends: list[Annotated[str, Field(min_length=1, max_length=MAX_PATTERN)]] = Field(
        default_factory=list, description="central event ids, '*' wildcards allowed"
    )
    # Soft preferences for finding times (`suggest`, `place`): never checked, only counted in the ranking.
    town: str | None = Field(default=None, description="where they work: travel from here costs a little")
    # Capped: a slot is checked against every preferred time, and a reason names them all.
    preferred_weekdays: list[Weekday] = Field(
        default_factory=list, max_length=7, description="days they would rather meet on"
    )
    preferred_times: list[TimeText] = Field(
        default_factory=list, max_length=MAX_PREFERRED_TIMES, description="times they would rather meet at"
    )


class Venue(Strict):
    id: Id
    name: str
    town: str
    capacity: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    address: str | None = None
    calendar: Id | None = Field(default=None, description="its term dates (term-dates/<id>/); else the plan's")
    school: Id | None = Field(default=None, description="the venue is this school's building: its calendar applies")


class School(Strict):
    id: Id
    name: str
    town: str
    calendar: Id | None = Field(
        default=None, description="its local authority's (or its own) term dates, term-dates/<id>/; else the plan's"
    )
    closures: list[Closure] = Field(default_factory=list, description="its own closure (INSET) days this year")


class MeetingPattern(Strict):
    """How a series repeats in term time: e.g. every half-term, the 3rd Tuesday, 13:00-16:00."""

    every: CadenceEvery
    weekday: Weekday
    week: int = Field(default=3, ge=1, le=8, description="which week of the half-term or term")
    time: TimeText = "13:00-16:00"
    mode: Mode | None = Field(default=None, description="online or face-to-face; else the work group's")
    alternative_weekdays: list[Weekday] = Field(
        default_factory=list, description="other weekdays `suggest` and `place` may choose"
    )
    alternative_times: list[TimeText] = Field(default_factory=list, description="other times they may choose")


class SessionDate(Strict):
    """An explicit date for session `session` of a series; it wins over the pattern."""

    session: int = Field(ge=1, le=MAX_COUNT)
    date: Day
    time: TimeText | None = None
    venue: Id | None = None
    mode: Mode | None = Field(default=None, description="online or face-to-face; else the pattern's")
    cancelled: bool = False


class VisitDate(Strict):
    school: Id
    term: TermName
    date: Day
    time: TimeText | None = None
    mode: Mode | None = Field(default=None, description="online or face-to-face; else the pattern's")


class WorkGroup(Strict):
    id: Id
    project: Id
    name: str
    lead: Id
    members: list[Id] = Field(default_factory=list, description="other people of the plan who attend meetings")
    schools: list[Id] = Field(default_factory=list)
    teachers_per_school: int = Field(default=2, ge=0, le=MAX_COUNT)
    venue: Id
    alternative_venues: list[Id] = Field(
        default_factory=list, description="other venues `suggest` and `place` may choose for a meeting"
    )
    meetings: MeetingPattern | None = None
    sessions: int | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="stop the pattern after this many meetings"
    )
    dates: list[SessionDate] = Field(default_factory=list)
    visits: MeetingPattern | None = Field(default=None, description="a visit by the lead to each school")
    visit_dates: list[VisitDate] = Field(default_factory=list)
    mode: Mode = Field(default=Mode.FACE_TO_FACE, description="how its meetings and visits are held")
    notes: str | None = Field(default=None, description="private: never exported")

    @model_validator(mode="after")
    def _something_to_schedule(self) -> WorkGroup:
        seen: set[int] = set()
        for d in self.dates:
            if d.session in seen:
                raise ValueError(f"session {d.session} is given two dates")
            seen.add(d.session)
        return self


class LocalEvent(Strict):
    id: Id
    title: str
    kind: EventKind = EventKind.MEETING
    project: Id | None = None
    work_group: Id | None = None
    date: Day
    end_date: Day | None = None
    time: TimeText | None = Field(default=None, description="absent: all day")
    venue: Id | None = None
    location: str | None = Field(default=None, description="a town or 'Online' when there is no venue")
    mode: Mode | None = Field(default=None, description="online or face-to-face (`location: Online` is online)")
    people: list[Id] = Field(default_factory=list)
    schools: list[Id] = Field(default_factory=list, description="schools it concerns: their calendars apply too")
    headcount: int | None = Field(default=None, ge=0, le=MAX_COUNT, description="people expected besides `people`")
    notes: str | None = Field(default=None, description="private: never exported")

    @model_validator(mode="after")
    def _dates(self) -> LocalEvent:
        within(366, self.date, self.end_date, ("date", "end_date"))
        return self


class Confirmation(Strict):
    """The hub's word on a central event: its announced date, or where the hub hosts it."""

    date: Day | None = None
    end_date: Day | None = None
    time: TimeText | None = None
    venue: Id | None = None

    @model_validator(mode="after")
    def _dates(self) -> Confirmation:
        if self.end_date is not None and (self.date is None or self.end_date < self.date):
            raise ValueError("end_date needs a date on or before it")
        if self.date is not None:
            within(366, self.date, self.end_date, ("date", "end_date"))
        return self


class TravelTime(Strict):
    between: list[str] = Field(min_length=2, max_length=2)
    minutes: int = Field(ge=0, le=24 * 60)


class Travel(Strict):
    default_minutes: int = Field(default=90, ge=0, le=24 * 60, description="between two different towns not listed")
    same_town_minutes: int = Field(default=20, ge=0, le=24 * 60)
    times: list[TravelTime] = Field(default_factory=list)


class ImportAs(StrEnum):
    BUSY = "busy"  # a person's busy times (their school's or Outlook calendar)
    BOOKINGS = "bookings"  # a venue's booking calendar
    CONFIRMATIONS = "confirmations"  # a calendar announcing the dates of central events (the national one)


class Shown(StrEnum):
    SHOWN = "shown"
    HIDDEN = "hidden"


ADDRESS_SCHEMES = ("http", "https", "webcal", "webcals")


class CalendarImport(Strict):
    """An .ics source the plan is checked against (see docs/data-format.md, `imports`)."""

    source: str = Field(min_length=1, description="a file (relative to the data folder) or an http(s)/webcal address")
    as_: ImportAs = Field(alias="as", description="busy (needs person), bookings (needs venue) or confirmations")
    person: Id | None = Field(default=None, description="whose busy times")
    venue: Id | None = Field(default=None, description="whose bookings")
    own: bool = Field(default=False, description="the hub's own calendar: its titles may be shown")
    details: Shown | None = Field(default=None, description="titles shown or hidden; default: shown only if own")

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        scheme = urlsplit(value).scheme.lower()
        if "://" in value and scheme not in (*ADDRESS_SCHEMES, "file"):
            raise ValueError(f"{scheme}: addresses are not read; use http(s), webcal or a file")
        return value

    @model_validator(mode="after")
    def _subject(self) -> CalendarImport:
        needs = {ImportAs.BUSY: "person", ImportAs.BOOKINGS: "venue"}.get(self.as_)
        given = [name for name in ("person", "venue") if getattr(self, name) is not None]
        if needs is None and given:
            raise ValueError(f"confirmations are for the programme's events: no {given[0]}")
        if needs is not None and given != [needs]:
            raise ValueError(f"`as: {self.as_.value}` needs a {needs} (and nothing else)")
        return self

    @property
    def shows_details(self) -> bool:
        """Whether its events' titles, descriptions and places may be shown in reports and the planner."""
        return self.details is Shown.SHOWN or (self.details is None and self.own)

    @property
    def subject(self) -> str | None:
        return self.person or self.venue


class Plan(Strict):
    """`data/plans/<hub>.yaml`: one hub's year."""

    hub: Id = Field(description="id of the hub in hubs.yaml, e.g. ee2")
    year: YearLabel | None = Field(default=None, description="e.g. 2019/20: the programme's")
    title: str | None = None
    calendar: Id | None = Field(
        default=None, description="the term dates of schools and venues that name none (term-dates/<id>/)"
    )
    terms: list[Term] | None = Field(default=None, description="the hub's own term dates, when they differ")
    closures: list[Closure] = Field(default_factory=list)
    face_to_face: FaceToFace | None = Field(
        default=None, description="the hub holds no face-to-face meetings before this (e.g. october-half-term)"
    )
    travel: Travel = Field(default_factory=Travel)
    people: list[Person] = Field(default_factory=list)
    venues: list[Venue] = Field(default_factory=list)
    schools: list[School] = Field(default_factory=list)
    work_groups: list[WorkGroup] = Field(default_factory=list)
    events: list[LocalEvent] = Field(default_factory=list)
    confirm: dict[str, Confirmation] = Field(default_factory=dict)
    imports: list[CalendarImport] = Field(default_factory=list, description=".ics sources checked against")

    @model_validator(mode="after")
    def _own_terms(self) -> Plan:
        if self.terms is not None:
            check_terms(self.terms, self.year)
        return self
