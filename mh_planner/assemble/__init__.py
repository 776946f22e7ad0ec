"""Turn the programme and the hubs' plans into one calendar of concrete, dated events.

    times    start, end and cost conventions shared by every kind of event
    central  national events (confirmed, or placed inside their window) and exchange legs
    local    a hub's work groups (patterns expanded on their schools' calendars) and one-off events
    parts    the calendar hub by hub, kept with it: `reassemble` builds again only the plans an edit changed

Confirmed events keep their dates. An event known only by a window gets a provisional date inside it,
marked tentative with the window kept, until a plan (or the programme) confirms its date. A work group's
meeting pattern expands into meetings in the term time of the schools it concerns; explicit dates in the
plan win over the pattern.
"""

from __future__ import annotations

from collections.abc import Iterable

from mh_planner.assemble.parts import Builder, Delta, reassemble
from mh_planner.assemble.times import DAY_HOURS, half_days
from mh_planner.calendar import Calendar, Event
from mh_planner.loading import Dataset


def assemble(dataset: Dataset, imported: Iterable[Event] = ()) -> Calendar:
    """The calendar of `dataset`; `imported`: busy times and bookings read from other calendars
    (`importing.imported_events`), blocking time like any other event."""
    return Builder(dataset, imported).run()[0]


__all__ = ["DAY_HOURS", "Delta", "assemble", "half_days", "reassemble"]
