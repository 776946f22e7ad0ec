"""Importing calendars the planner did not make: a person's busy times, a venue's bookings, and the
national calendar's confirmed dates for central events known only by a window (see README.md here).

The .ics core, which knows nothing of the planner:
    read      read_ics: bytes -> Reading (Busy times in London wall-clock time, within a window)
    lines     the structure check and the content lines icalendar parses, with their line numbers
    parse     icalendar's own parser, told the line; zones: time zones to London; rules: RRULE bounds
    fetch     a file or an http(s) address -> the last good copy in a cache (conditional GET)
    confirm   matching announcements to candidates (code, title, window)
    limits, errors   the caps on hostile input; ImportFailure, one line naming the source

The planner's side:
    linked         the plan's `imports:` read from their copies (check) or afresh (refresh); busy
                   times as events of the calendar (Origin.IMPORTED)
    confirmations  proposals of confirmed dates for approval, and the pins approval writes
"""

from mh_planner.importing.confirm import Candidate, Match, Verdict, match
from mh_planner.importing.confirmations import Pin, Proposal, propose
from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.fetch import Fetched, fetch, load
from mh_planner.importing.limits import DEFAULT_LIMITS, Limits
from mh_planner.importing.linked import Imported, Linked, imported_events, links, read_cached, refresh
from mh_planner.importing.read import Busy, Details, Reading, read_ics

__all__ = [
    "DEFAULT_LIMITS",
    "Busy",
    "Candidate",
    "Details",
    "Fetched",
    "ImportFailure",
    "Imported",
    "Limits",
    "Linked",
    "Match",
    "Pin",
    "Proposal",
    "Reading",
    "Verdict",
    "fetch",
    "imported_events",
    "links",
    "load",
    "match",
    "propose",
    "read_cached",
    "read_ics",
    "refresh",
]
