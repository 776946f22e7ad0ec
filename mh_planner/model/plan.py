"""`plans/<hub>.yaml`: one hub's year (people, venues, schools, work groups, its own events)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from mh_planner.model.common import CadenceEvery, EventKind, Id, Strict, TimeText, Weekday
from mh_planner.model.year import Closure, Term, TermName, check_terms


class Person(Strict):
    id: Id
    name: str
    roles: list[Id] = Field(min_length=1)
    cohort: int | None = None
    school: str | None = None
    email: str | None = Field(default=None, description="private: never exported")
    phone: str | None = Field(default=None, description="private: never exported")
    notes: str | None = Field(default=None, description="private: never exported")
    allowance_days: float | None = Field(default=None, gt=0, description="overrides the role's budget")
    attends: list[str] = Field(default_factory=list, description="central event ids, '*' wildcards allowed")
    # Soft preferences for finding times (`suggest`, `place`): never checked, only counted in the ranking.
    town: str | None = Field(default=None, description="where they work: travel from here costs a little")
    preferred_weekdays: list[Weekday] = Field(default_factory=list, description="days they would rather meet on")
    preferred_times: list[TimeText] = Field(default_factory=list, description="times they would rather meet at")


class Venue(Strict):
    id: Id
    name: str
    town: str
    capacity: int | None = Field(default=None, ge=1)
    address: str | None = None


class School(Strict):
    id: Id
    name: str
    town: str


class MeetingPattern(Strict):
    """How a series repeats in term time: e.g. every half-term, the 3rd Tuesday, 13:00-16:00."""

    every: CadenceEvery
    weekday: Weekday
    week: int = Field(default=3, ge=1, le=8, description="which week of the half-term or term")
    time: TimeText = "13:00-16:00"
    alternative_weekdays: list[Weekday] = Field(
        default_factory=list, description="other weekdays `suggest` and `place` may choose"
    )
    alternative_times: list[TimeText] = Field(default_factory=list, description="other times they may choose")


class SessionDate(Strict):
    """An explicit date for session `session` of a series; it wins over the pattern."""

    session: int = Field(ge=1)
    date: dt.date
    time: TimeText | None = None
    venue: Id | None = None
    cancelled: bool = False


class VisitDate(Strict):
    school: Id
    term: TermName
    date: dt.date
    time: TimeText | None = None


class WorkGroup(Strict):
    id: Id
    project: Id
    name: str
    lead: Id
    members: list[Id] = Field(default_factory=list, description="other people of the plan who attend meetings")
    schools: list[Id] = Field(default_factory=list)
    teachers_per_school: int = Field(default=2, ge=0)
    venue: Id
    alternative_venues: list[Id] = Field(
        default_factory=list, description="other venues `suggest` and `place` may choose for a meeting"
    )
    meetings: MeetingPattern | None = None
    sessions: int | None = Field(default=None, ge=1, description="stop the pattern after this many meetings")
    dates: list[SessionDate] = Field(default_factory=list)
    visits: MeetingPattern | None = Field(default=None, description="a visit by the lead to each school")
    visit_dates: list[VisitDate] = Field(default_factory=list)
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
    date: dt.date
    end_date: dt.date | None = None
    time: TimeText | None = Field(default=None, description="absent: all day")
    venue: Id | None = None
    location: str | None = Field(default=None, description="a town or 'Online' when there is no venue")
    people: list[Id] = Field(default_factory=list)
    headcount: int | None = Field(default=None, ge=0, description="people expected besides `people`")
    notes: str | None = Field(default=None, description="private: never exported")

    @model_validator(mode="after")
    def _dates(self) -> LocalEvent:
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        return self


class Confirmation(Strict):
    """The hub's word on a central event: its announced date, or where the hub hosts it."""

    date: dt.date | None = None
    end_date: dt.date | None = None
    time: TimeText | None = None
    venue: Id | None = None

    @model_validator(mode="after")
    def _dates(self) -> Confirmation:
        if self.end_date is not None and (self.date is None or self.end_date < self.date):
            raise ValueError("end_date needs a date on or before it")
        return self


class TravelTime(Strict):
    between: list[str] = Field(min_length=2, max_length=2)
    minutes: int = Field(ge=0)


class Travel(Strict):
    default_minutes: int = Field(default=90, ge=0, description="between two different towns not listed")
    same_town_minutes: int = Field(default=20, ge=0)
    times: list[TravelTime] = Field(default_factory=list)


class Plan(Strict):
    """`data/plans/<hub>.yaml`: one hub's year."""

    hub: Id = Field(description="id of the hub in hubs.yaml, e.g. ee2")
    title: str | None = None
    terms: list[Term] | None = Field(default=None, description="the hub's own term dates, when they differ")
    closures: list[Closure] = Field(default_factory=list)
    travel: Travel = Field(default_factory=Travel)
    people: list[Person] = Field(default_factory=list)
    venues: list[Venue] = Field(default_factory=list)
    schools: list[School] = Field(default_factory=list)
    work_groups: list[WorkGroup] = Field(default_factory=list)
    events: list[LocalEvent] = Field(default_factory=list)
    confirm: dict[str, Confirmation] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _own_terms(self) -> Plan:
        if self.terms is not None:
            check_terms(self.terms)
        return self
