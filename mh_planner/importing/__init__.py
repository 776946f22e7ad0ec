"""Importing calendars the planner did not make: busy times, venue bookings, confirmed dates.

Self-contained (icalendar, recurring-ical-events, x-wr-timezone and the standard library); the
planner adapts these types to its own.
"""

from mh_planner.importing.confirm import Candidate, Match, Verdict, match
from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.fetch import Fetched, fetch, load
from mh_planner.importing.limits import DEFAULT_LIMITS, Limits
from mh_planner.importing.read import Busy, Details, Reading, read_ics

__all__ = [
    "DEFAULT_LIMITS",
    "Busy",
    "Candidate",
    "Details",
    "Fetched",
    "ImportFailure",
    "Limits",
    "Match",
    "Reading",
    "Verdict",
    "fetch",
    "load",
    "match",
    "read_ics",
]
