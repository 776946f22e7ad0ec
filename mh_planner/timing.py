"""Timings as the national programme words them, and the windows they stand for.

The documents give a date ("Saturday 9 November"), a month ("December 2019"), part of a month
("Early October", "mid-August 2020"), two months ("Sep/Oct 2019"), a term ("in the Autumn term",
"Term 3 18/19"), "one in each term", or a phrase relative to the year ("towards the end of the year").
`parse_when` turns the wording into a spec; `spec.windows(year)` resolves it against an academic year.
The wording is always kept for display: a window is a planning aid, not a fact.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Protocol


class YearLike(Protocol):
    """What resolution needs of an academic year (see `academic_year.AcademicYear`)."""

    start_year: int

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...

    def term_range(self, index: int) -> tuple[dt.date, dt.date]: ...

    def half_term_range(self, index: int) -> tuple[dt.date, dt.date]: ...

    def other(self, start_year: int) -> YearLike: ...


@dataclass(frozen=True, slots=True)
class Window:
    """The dates an event may fall on (both ends included), with the wording it came from."""

    start: dt.date
    end: dt.date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def exact(self) -> bool:
        return False


MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
TERMS = {"autumn": 0, "spring": 1, "summer": 2}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _month_year(month: int, year: int | None, start_year: int) -> int:
    """A month without a year belongs to the academic year: Sep-Dec the first year, Jan-Aug the second."""
    if year is not None:
        return year
    return start_year if month >= 9 else start_year + 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _full_year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


class WhenSpec:
    """A parsed timing. `windows` gives one window, or one per occurrence ("one in each term")."""

    text: str

    def windows(self, year: YearLike) -> list[Window]:
        raise NotImplementedError

    @property
    def dated(self) -> bool:
        return True


@dataclass(frozen=True)
class Undated(WhenSpec):
    """'TBC', 'Continual', 'dates to be provided': nothing to plan with yet."""

    text: str

    def windows(self, year: YearLike) -> list[Window]:
        return []

    @property
    def dated(self) -> bool:
        return False


@dataclass(frozen=True)
class DateSpan(WhenSpec):
    text: str
    first: tuple[int | None, int, int]  # (year or None, month, day)
    last: tuple[int | None, int, int]
    deadline: bool = False  # "by 6 July 2020": any day up to it

    def windows(self, year: YearLike) -> list[Window]:
        y1 = _month_year(self.first[1], self.first[0] if self.first[0] else self.last[0], year.start_year)
        y2 = _month_year(self.last[1], self.last[0], year.start_year)
        start = dt.date(y1, self.first[1], self.first[2])
        end = dt.date(y2, self.last[1], self.last[2])
        if self.deadline:
            start = min(year.start, end)
        return [Window(start, end, self.text)]


@dataclass(frozen=True)
class MonthSpan(WhenSpec):
    text: str
    first: int
    last: int
    year: int | None = None
    part: str | None = None  # early / mid / late
    deadline: bool = False  # "by the end of June 2020"

    def windows(self, year: YearLike) -> list[Window]:
        # A year printed after the second month ("Sep/Oct 2019") is that month's year.
        y2 = _month_year(self.last, self.year, year.start_year)
        y1 = y2 - 1 if self.first > self.last else y2
        if self.year is None:
            y1 = _month_year(self.first, None, year.start_year)
        start = dt.date(y1, self.first, 1)
        end = _month_end(y2, self.last)
        if self.part is not None:
            lo, hi = PARTS[self.part]
            start = dt.date(y1, self.first, lo)
            end = min(dt.date(y2, self.last, min(hi, end.day)), end)
        if self.deadline:
            start = min(year.start, end)
        return [Window(start, end, self.text)]


@dataclass(frozen=True)
class TermSpan(WhenSpec):
    """A term; `start_year` set when the wording names the year, `offset` for 'before they start'."""

    text: str
    term: int
    start_year: int | None = None
    offset: int = 0

    def windows(self, year: YearLike) -> list[Window]:
        target = year
        if self.start_year is not None and self.start_year != year.start_year:
            target = year.other(self.start_year)
        elif self.offset:
            target = year.other(year.start_year + self.offset)
        start, end = target.term_range(self.term)
        return [Window(start, end, self.text)]


@dataclass(frozen=True)
class EachTerm(WhenSpec):
    text: str

    def windows(self, year: YearLike) -> list[Window]:
        return [Window(*year.term_range(i), self.text) for i in range(3)]


@dataclass(frozen=True)
class HalfTermSpan(WhenSpec):
    text: str
    half_term: int  # 0..5; -1 for the last
    start_year: int | None = None

    def windows(self, year: YearLike) -> list[Window]:
        target = year if self.start_year in (None, year.start_year) else year.other(self.start_year)
        index = self.half_term % 6
        return [Window(*target.half_term_range(index), self.text)]


@dataclass(frozen=True)
class WholeYear(WhenSpec):
    text: str

    def windows(self, year: YearLike) -> list[Window]:
        return [Window(year.term_range(0)[0], year.term_range(2)[1], self.text)]


UNDATED = (
    r"tbc|to be confirmed|continual|continuous|ongoing|dates to be provided|once per year|once a year"
    r"|at appropriate times between the face to face days|no timing given|not yet known"
)
QUALIFIER = r"\s*[-–—,;]\s*(?:dates? to be provided|tbc|to be confirmed|exact dates? will follow.*)$"


def _normalise(text: str) -> str:
    value = text.strip().lower()
    value = re.sub(r"[()]", " ", value)
    value = value.replace("–", "-").replace("—", "-")
    value = re.sub(r"\s+", " ", value).strip()
    value = re.sub(QUALIFIER.replace("[-–—,;]", "[-,;]"), "", value).strip()
    value = re.sub(r"^(?:in|during|from|at|on) the (?=(?:autumn|spring|summer) term)", "", value)
    value = re.sub(r"^(?:in|during) (?=(?:autumn|spring|summer|term \d|early|late|mid|" + MONTH_RE + r"))", "", value)
    value = re.sub(r"\bapprox(?:imately)?\.? ", "", value)
    value = re.sub(r"^from (?=\d|" + WEEKDAY_RE + ")", "", value)
    return value


def _day_month(text: str) -> tuple[int | None, int, int] | None:
    m = re.fullmatch(rf"(?:{WEEKDAY_RE} )?(\d{{1,2}})(?:st|nd|rd|th)? ({MONTH_RE})(?: (\d{{4}}))?", text)
    if not m:
        return None
    year = int(m.group(3)) if m.group(3) else None
    return (year, MONTHS[m.group(2)], int(m.group(1)))


def _check_date(parts: tuple[int | None, int, int], original: str) -> None:
    year, month, day = parts
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February passes without a year
    except ValueError as exc:
        raise ValueError(f"impossible date in timing {original!r}: {exc}") from None


def parse_when(text: str) -> WhenSpec:
    """Parse a timing as worded in the documents; raise ValueError with a readable message if unknown."""
    value = _normalise(text)
    if not value or re.fullmatch(UNDATED, value):
        return Undated(text)
    found = _dates(value, text) or _months_and_terms(value, text) or _relative(value, text)
    if found is None:
        raise ValueError(
            f"cannot read the timing {text!r}: use a date (2019-10-03, 'Saturday 9 November'), a month "
            "('December 2019'), part of a month ('Early October'), two months ('Sep/Oct 2019'), a term "
            "('Autumn term'), 'one in each term', or 'TBC'"
        )
    return found


def _dates(value: str, original: str) -> WhenSpec | None:
    """An ISO date or range, a day ("Saturday 9 November"), a range of days; each maybe a deadline ("by")."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: to (\d{4})-(\d{2})-(\d{2}))?", value)
    if m:
        iso_first = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        iso_last = (int(m.group(4)), int(m.group(5)), int(m.group(6))) if m.group(4) else iso_first
        _check_date(iso_first, original)
        _check_date(iso_last, original)
        return DateSpan(original, iso_first, iso_last)
    deadline, value = _deadline(value)
    single = _day_month(value)
    if single:
        _check_date(single, original)
        return DateSpan(original, single, single, deadline=deadline)
    m = re.fullmatch(r"(.+?) (?:to|until|-) (.+)", value)
    if m:
        last = _day_month(m.group(2))
        first = _day_month(m.group(1))
        if first is None and last is not None:
            # "Monday 11 to Thursday 21 November": the first part borrows the month.
            d = re.fullmatch(rf"(?:{WEEKDAY_RE} )?(\d{{1,2}})(?:st|nd|rd|th)?", m.group(1))
            if d:
                first = (last[0], last[1], int(d.group(1)))
        if first and last:
            _check_date(first, original)
            _check_date(last, original)
            return DateSpan(original, first, last, deadline=deadline)
    return None


def _deadline(value: str) -> tuple[bool, str]:
    m = re.fullmatch(r"by(?: the end of)? (.+)", value)
    return (True, m.group(1)) if m else (False, value)


def _months_and_terms(value: str, original: str) -> WhenSpec | None:
    """Part of a month, one or two months, one in each term, a named or numbered term."""
    deadline, value = _deadline(value)
    m = re.fullmatch(rf"(early|mid|late)[- ]?({MONTH_RE})(?: (\d{{4}}))?", value)
    if m:
        month = MONTHS[m.group(2)]
        return MonthSpan(original, month, month, int(m.group(3)) if m.group(3) else None, part=m.group(1))
    m = re.fullmatch(rf"({MONTH_RE})(?: ?[/&-] ?| or | and )?({MONTH_RE})?(?: (\d{{4}}))?", value)
    if m:
        first = MONTHS[m.group(1)]
        last = MONTHS[m.group(2)] if m.group(2) else first
        year = int(m.group(3)) if m.group(3) else None
        return MonthSpan(original, first, last, year, deadline=deadline)
    if re.fullmatch(r"(?:one|1) (?:in )?each term|termly|one per term|once a term", value):
        return EachTerm(original)
    m = re.fullmatch(r"(autumn|spring|summer)(?: term)?(?: (\d{4}))?(?: before they start.*)?", value)
    if m:
        term = TERMS[m.group(1)]
        start_year = None
        if m.group(2):
            year = int(m.group(2))
            start_year = year if term == 0 else year - 1
        offset = -1 if "before they start" in value else 0
        return TermSpan(original, term, start_year, offset)
    m = re.fullmatch(r"term ([123])(?: (\d{2,4})/(\d{2}))?", value)
    if m:
        start_year = _full_year(m.group(2)) if m.group(2) else None
        return TermSpan(original, int(m.group(1)) - 1, start_year)
    return None


def _relative(value: str, original: str) -> WhenSpec | None:
    """Phrases relative to the year: early in it, towards its end, mid-year, during it."""
    _, value = _deadline(value)
    m = re.fullmatch(r"early(?: in)?(?: the year| (\d{2,4})/(\d{2}))", value)
    if m or value in {"at the beginning of the year", "beginning of the year", "start of the year"}:
        start_year = _full_year(m.group(1)) if m and m.group(1) else None
        return HalfTermSpan(original, 0, start_year)
    if value in {"towards the end of the year", "end of the year", "at the end of the year"}:
        return HalfTermSpan(original, -1)
    if value in {"mid-year", "mid year", "middle of the year"}:
        return TermSpan(original, 1)
    if re.fullmatch(r"(?:during|throughout|over the course of) (?:the year|\d{4}/\d{2}|\d{4}-\d{2})", value):
        return WholeYear(original)
    return None


# --- Time of day and length --------------------------------------------------------------------------

TWILIGHT = (dt.time(16, 0), dt.time(17, 30))
NAMED_TIMES = {
    "twilight": TWILIGHT,
    **dict.fromkeys(("morning", "am"), (dt.time(9, 0), dt.time(12, 0))),
    **dict.fromkeys(("afternoon", "pm"), (dt.time(13, 0), dt.time(16, 0))),
}


def _clock(text: str, original: str) -> dt.time:
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text.strip())
    if not m:
        raise ValueError(f"cannot read the time {original!r}: write it as 13:00-16:00 or 'twilight'")
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"impossible time {text.strip()!r} in {original!r}")
    return dt.time(hour, minute)


@functools.lru_cache(maxsize=512)  # a plan repeats a few times thousands of times (every visit of a pattern)
def parse_time_of_day(text: str) -> tuple[dt.time, dt.time] | None:
    """'13:00-16:00' or 'twilight'; None for 'all day'. End must come after start."""
    value = text.strip().lower().replace("–", "-")
    if value in {"all day", "all-day", "day"}:
        return None
    if value in NAMED_TIMES:
        return NAMED_TIMES[value]
    parts = value.split("-")
    if len(parts) != 2:
        raise ValueError(f"cannot read the time {text!r}: write it as 13:00-16:00 or 'twilight'")
    start, end = _clock(parts[0], text), _clock(parts[1], text)
    if end <= start:
        raise ValueError(f"time {text!r} ends before it starts")
    return start, end


@dataclass(frozen=True, slots=True)
class Length:
    days: float = 0.0  # whole or part days away from school
    hours: float = 0.0  # for short events (webinars)

    @property
    def calendar_days(self) -> int:
        """How many calendar days a multi-day event spans (1.5 days is two days)."""
        whole = int(self.days)
        return max(1, whole + (1 if self.days - whole > 0 else 0))


WORDS = {"half": 0.5, "a": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def parse_length(text: str) -> Length:
    value = text.strip().lower()
    if value == "twilight":
        return Length(hours=1.5)
    if value in {"half day", "half a day", "half-day"}:
        return Length(days=0.5)
    m = re.fullmatch(r"(\d+(?:\.\d+)?|half|a|one|two|three|four)[ -]?(day|days|hour|hours|hr|hrs)", value)
    if not m:
        raise ValueError(f"cannot read the length {text!r}: write it as '1 day', '1.5 days' or '1 hour'")
    amount = WORDS.get(m.group(1)) or float(m.group(1))
    if m.group(2).startswith("day"):
        return Length(days=float(amount))
    return Length(hours=float(amount))
