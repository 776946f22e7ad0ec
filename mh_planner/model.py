"""Validated models of everything in `data/`: the academic year, the national programme, hubs and a hub's plan.

These mirror the YAML files one to one (see docs/data-format.md). They check each file on its own;
references between files (a work group's lead, an event id in `attends`) are checked by `loader`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from mh_planner import timing

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, description="lower-case letters, digits, '.', '_' or '-'")]


class Strict(BaseModel):
    """Hand-edited files: a misspelt key is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _time_text(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 13:00 as the base-60 integer 780; the loader keeps such scalars as text,
    # but a model built in code may still pass a time.
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def _valid_time(value: str) -> str:
    timing.parse_time_of_day(value)  # raises ValueError with a readable message
    return value


def _valid_when(value: str) -> str:
    timing.parse_when(value)
    return value


def _valid_length(value: str) -> str:
    timing.parse_length(value)
    return value


TimeText = Annotated[str, BeforeValidator(_time_text), AfterValidator(_valid_time)]
WhenText = Annotated[str, AfterValidator(_valid_when)]
LengthText = Annotated[str, AfterValidator(_valid_length)]


class DateRange(Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def days(self) -> int:
        return (self.end - self.start).days + 1


# --- The academic year -------------------------------------------------------------------------------


class TermName(StrEnum):
    AUTUMN = "Autumn"
    SPRING = "Spring"
    SUMMER = "Summer"


class Term(Strict):
    name: TermName
    start: dt.date
    end: dt.date
    half_term: DateRange = Field(description="the one-week holiday that splits the term in two")

    @model_validator(mode="after")
    def _inside(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if not (self.start < self.half_term.start and self.half_term.end < self.end):
            raise ValueError(f"half_term {self.half_term.start}..{self.half_term.end} is not inside the term")
        return self


def check_terms(terms: list[Term]) -> None:
    names = [t.name for t in terms]
    if names != [TermName.AUTUMN, TermName.SPRING, TermName.SUMMER]:
        raise ValueError("terms must be Autumn, Spring, Summer in that order")
    for earlier, later in itertools.pairwise(terms):
        if later.start <= earlier.end:
            raise ValueError(f"{later.name} term starts before {earlier.name} term ends")


class Closure(Strict):
    date: dt.date
    end: dt.date | None = None
    reason: str = "closure"

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.end is not None and self.end < self.date:
            raise ValueError(f"end {self.end} is before date {self.date}")
        return self


class YearFile(Strict):
    """`data/year/YYYY-YY.yaml`: one academic year's term dates (England; local authorities differ)."""

    year: str = Field(pattern=r"^\d{4}/\d{2}$", description="e.g. 2019/20")
    source: str | None = None
    terms: list[Term] = Field(min_length=3, max_length=3)
    bank_holidays: dict[dt.date, str] | None = Field(
        default=None, description="England's bank holidays; computed with the `holidays` package when absent"
    )

    @property
    def start_year(self) -> int:
        return int(self.year[:4])

    @model_validator(mode="after")
    def _terms_in_order(self) -> YearFile:
        check_terms(self.terms)
        return self


# --- The national programme --------------------------------------------------------------------------


class ProjectType(StrEnum):
    PROGRAMME = "programme"
    WORK_GROUP = "work-group"
    COMMUNITY = "community"


class Required(StrEnum):
    YES = "yes"
    NO = "no"
    RECOMMENDED = "recommended"
    CHOICE = "choice"  # e.g. 19-08: a hub must have an EY offer from one of three projects


def _yaml_bool(value: Any) -> Any:
    # YAML 1.1 turns a bare yes/no into a bool.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class EventKind(StrEnum):
    WORKSHOP = "workshop"
    RESIDENTIAL = "residential"
    WEBINAR = "webinar"
    LAUNCH = "launch"
    CONFERENCE = "conference"
    FORUM = "forum"
    VISIT = "visit"
    DEADLINE = "deadline"
    SURVEY = "survey"
    EXCHANGE = "exchange"
    MEETING = "meeting"
    OTHER = "other"


ONLINE = "Online"


class CentralEvent(Strict):
    """An event run by the national programme, known by a date or only by a window."""

    id: Id
    title: str
    kind: EventKind
    when: WhenText | None = Field(default=None, description="timing exactly as the document words it")
    assume: WhenText | None = Field(
        default=None, description="a timing to plan with instead of `when`, where the document is doubtful"
    )
    date: dt.date | None = Field(default=None, description="confirmed start date (from the national calendar)")
    end_date: dt.date | None = None
    time: TimeText | None = Field(default=None, description="'10:00-16:00', 'twilight', or absent")
    length: LengthText | None = Field(default=None, description="as worded: '1 day', '1.5 days', '1 hour', 'twilight'")
    location: str | None = Field(default=None, description="a town, 'Online', or absent when not given")
    audience: list[Id] = Field(default_factory=list, description="role ids of who attends")
    audience_text: str | None = None
    series: str | None = Field(default=None, description="events of one series must run in `number` order")
    number: int | None = Field(default=None, ge=1)
    min_gap_days: int | None = Field(default=None, ge=0, description="gap-task time before the next of the series")
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _dates(self) -> CentralEvent:
        if self.end_date is not None:
            if self.date is None:
                raise ValueError("end_date needs a date")
            if self.end_date < self.date:
                raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        return self

    @property
    def online(self) -> bool:
        return (self.location or "").lower() == "online"


class ExchangeStep(Strict):
    what: str
    date: dt.date
    end: dt.date | None = None
    text: str | None = Field(default=None, description="the date as the document words it")


class ExchangeLeg(Strict):
    """A fixed fortnight of the China-England exchange; everyone who takes part is away for all of it."""

    id: Id
    title: str
    start: dt.date
    end: dt.date
    origin: str
    destination: str
    travellers: str
    hosts: str | None = None
    audience: list[Id] = Field(default_factory=list)
    steps: list[ExchangeStep] = Field(default_factory=list)
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ExchangeLeg:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Budget(Strict):
    """Release days a role has for a project (e.g. 15 days supply cover for a specialist)."""

    role: Id
    days: float = Field(gt=0)
    approximate: bool = False
    breakdown: str | None = None
    source: str | None = None


class CadenceEvery(StrEnum):
    HALF_TERM = "half-term"
    TERM = "term"
    YEAR = "year"


class Cadence(Strict):
    """What the project asks of a hub's local activity, e.g. half-termly TRGs, a termly visit per school."""

    what: EventKind = EventKind.MEETING
    every: CadenceEvery | None = None
    per_school: bool = False
    min_sessions: int | None = Field(default=None, ge=1)
    max_sessions: int | None = Field(default=None, ge=1)
    text: str | None = Field(default=None, description="the rule as the document words it")
    source: str | None = None


class Project(Strict):
    """One Network Collaborative Project: `data/programme/NN-NN.yaml`."""

    id: Id = Field(description="e.g. 19-09")
    code: str = Field(pattern=r"^NCP ?\d{2}-\d{2}$", description="e.g. 'NCP 19-09'")
    title: str
    phase: str | None = None
    project_year: str | None = None
    type: ProjectType
    type_text: str | None = None
    required: Annotated[Required, BeforeValidator(_yaml_bool)]
    required_text: str | None = None
    roles: list[Id] = Field(default_factory=list)
    budgets: list[Budget] = Field(default_factory=list)
    cadence: list[Cadence] = Field(default_factory=list)
    events: list[CentralEvent] = Field(default_factory=list)
    exchange_legs: list[ExchangeLeg] = Field(default_factory=list)
    note: str | None = None
    source: str | None = None


class Role(Strict):
    id: Id
    name: str
    abbreviation: str | None = None


class RolesFile(Strict):
    roles: list[Role]


class Hub(Strict):
    id: Id
    code: str | None = Field(default=None, description="e.g. EE2; hubs new in 2019 or 2020 have none yet")
    name: str
    region: str
    lead_schools: list[str] = Field(default_factory=list)
    started: str | None = None
    source: str | None = None


class HubsFile(Strict):
    hubs: list[Hub]


# --- A hub's plan ------------------------------------------------------------------------------------


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


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"

    @property
    def index(self) -> int:
        return list(Weekday).index(self)


class MeetingPattern(Strict):
    """How a series repeats in term time: e.g. every half-term, the 3rd Tuesday, 13:00-16:00."""

    every: CadenceEvery
    weekday: Weekday
    week: int = Field(default=3, ge=1, le=8, description="which week of the half-term or term")
    time: TimeText = "13:00-16:00"


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


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
