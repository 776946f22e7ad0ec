"""What every data file shares: strict models, ids, and times, timings and lengths as worded."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from mh_planner import timing

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
MAX_ID = 100
Id = Annotated[
    str, Field(pattern=ID_PATTERN, max_length=MAX_ID, description="lower-case letters, digits, '.', '_' or '-'")
]
MAX_TEXT = 10_000  # characters of any text: the longest note quoted from the documents is about 1,300

# Every date of the data lies in these years: nothing the planner works out from a date can overflow, and a
# mistyped year (0019, 9999) is caught here; the loader then checks dates against the programme's own year.
FIRST_YEAR, LAST_YEAR = 1990, 2099


def _plausible(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is not a plausible date (a year from {FIRST_YEAR} to {LAST_YEAR})")
    return day


Day = Annotated[dt.date, AfterValidator(_plausible)]


def _year_label(value: str) -> str:
    start, end = int(value[:4]), int(value[5:])
    if end != (start + 1) % 100:
        raise ValueError(f"{value!r} is not an academic year: write it as {start}/{(start + 1) % 100:02d}")
    if not FIRST_YEAR <= start < LAST_YEAR:
        first, last = f"{FIRST_YEAR}/{(FIRST_YEAR + 1) % 100:02d}", f"{LAST_YEAR - 1}/{LAST_YEAR % 100:02d}"
        raise ValueError(f"{value!r} is not a plausible academic year ({first} to {last})")
    return value


YearLabel = Annotated[str, Field(pattern=r"^\d{4}/\d{2}$", description="e.g. 2019/20"), AfterValidator(_year_label)]
# Release days (of a budget, an allowance): a finite number of days in a year.
Days = Annotated[float, Field(gt=0, le=366, allow_inf_nan=False)]
MAX_COUNT = 100_000  # people, seats, sessions: far more than any hub has


def within(days: int, first: dt.date, last: dt.date | None, names: tuple[str, str] = ("start", "end")) -> None:
    """A span of dates is ordered and at most `days` long (a year, for an event: a typo such as 2029 is not)."""
    if last is None:
        return
    if last < first:
        raise ValueError(f"{names[1]} {last} is before {names[0]} {first}")
    if (last - first).days > days:
        raise ValueError(f"{names[0]} {first} to {names[1]} {last} is longer than {days} days")


class Strict(BaseModel):
    """Hand-edited files: a misspelt key is an error, not silently ignored; no text is longer than a note."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, str_max_length=MAX_TEXT)


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
    """A timing the planner can read, naming plausible years, not ending before it starts (where its ends
    are known without the year: '10 to 1 October', '2019-10-10 to 2019-10-01')."""
    spec = timing.parse_when(value)
    years: list[int | None] = []
    if isinstance(spec, timing.DateSpan):
        (y1, m1, d1), (y2, m2, d2) = spec.first, spec.last
        years = [y1, y2]
        comparable = (y1 is not None and y2 is not None) or (y1 is None and y2 is None and m1 == m2)
        if comparable and (y1 or 0, m1, d1) > (y2 or 0, m2, d2):
            raise ValueError(f"the timing {value!r} ends before it starts")
    elif isinstance(spec, timing.MonthSpan):
        years = [spec.year]
    elif isinstance(spec, timing.TermSpan | timing.HalfTermSpan):
        years = [spec.start_year]
    for year in years:
        if year is not None and not FIRST_YEAR <= year < LAST_YEAR:
            raise ValueError(f"the timing {value!r} is not in a plausible year ({FIRST_YEAR} to {LAST_YEAR - 1})")
    return value


MAX_LENGTH_DAYS, MAX_LENGTH_HOURS = 60, 24  # a residential is a few days; an exchange leg has dates instead


def _valid_length(value: str) -> str:
    length = timing.parse_length(value)
    if length.days > MAX_LENGTH_DAYS:
        raise ValueError(f"the length {value!r} is over {MAX_LENGTH_DAYS} days")
    if length.hours > MAX_LENGTH_HOURS:
        raise ValueError(f"the length {value!r} is over {MAX_LENGTH_HOURS} hours: give it in days")
    return value


# Worded timings are short; the checks run on at most this many characters (a 10 MB value is not a timing).
Worded = Field(max_length=200)
TimeText = Annotated[str, BeforeValidator(_time_text), Worded, AfterValidator(_valid_time)]
WhenText = Annotated[str, Worded, AfterValidator(_valid_when)]
LengthText = Annotated[str, Worded, AfterValidator(_valid_length)]


class DateRange(Strict):
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        within(366, self.start, self.end)
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

    allowed_from: Day | HolidayStart = Field(
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
