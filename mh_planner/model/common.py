"""What every data file shares: strict models, ids, and times, timings and lengths as worded."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

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


class ProjectType(StrEnum):
    PROGRAMME = "programme"
    WORK_GROUP = "work-group"
    COMMUNITY = "community"


class Required(StrEnum):
    YES = "yes"
    NO = "no"
    RECOMMENDED = "recommended"
    CHOICE = "choice"  # e.g. 19-08: a hub must have an EY offer from one of three projects
    NOT_STATED = "not-stated"  # the documents do not say (the 2020/21 and 2021/22 seeds)


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


class Mode(StrEnum):
    """How a hub event is held: face to face (the default) or online."""

    FACE_TO_FACE = "face-to-face"
    ONLINE = "online"


# A holiday of an event's school calendar, by name: "from october-half-term" is from its first day.
HolidayStart = Literal[
    "october-half-term", "christmas-holiday", "february-half-term", "easter-holiday", "may-half-term"
]
HOLIDAY_NAMES: dict[str, str] = {
    "october-half-term": "October half-term",
    "christmas-holiday": "Christmas holiday",
    "february-half-term": "February half-term",
    "easter-holiday": "Easter holiday",
    "may-half-term": "May half-term",
}


class FaceToFace(Strict):
    """No face-to-face hub meetings before a day: 004:L133, "The Cambridge Maths Hub does not intend to hold any
    face to face meetings before October half term 2020 due to covid 19"."""

    allowed_from: dt.date | HolidayStart = Field(
        alias="from", description="a date, or a holiday of the event's school calendar: allowed from its first day"
    )
    text: str | None = Field(default=None, description="the decision as worded")
    source: str | None = None

    @property
    def what(self) -> str:
        """'October half-term' or '2 Nov 2020', for messages."""
        if isinstance(self.allowed_from, dt.date):
            return f"{self.allowed_from:%a} {self.allowed_from.day} {self.allowed_from:%b %Y}"
        return HOLIDAY_NAMES[self.allowed_from]


class CadenceEvery(StrEnum):
    HALF_TERM = "half-term"
    TERM = "term"
    YEAR = "year"


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"

    @property
    def number(self) -> int:
        """Monday 0 to Friday 4, as `date.weekday()`."""
        return _WEEKDAY_NUMBERS[self]


_WEEKDAY_NUMBERS = {day: n for n, day in enumerate(Weekday)}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
