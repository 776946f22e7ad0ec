"""Every time in an imported file, brought to Europe/London wall-clock time.

- IANA names and Windows names ("GMT Standard Time", "W. Europe Standard Time") are resolved by
  icalendar itself (CLDR's windowsZones mapping, `icalendar.timezone.windows_to_olson`).
- A custom VTIMEZONE (Outlook's "Customized Time Zone") is built from the file that defines it.
  icalendar caches such zones for the whole process under their TZID, first definition winning, so the
  second of two files defining "Customized Time Zone" differently would silently get the first file's
  offsets; `_own_zones` rebuilds them from this file.
- A TZID that nothing defines is an error: icalendar would quietly read the time as floating.
- Google's X-WR-TIMEZONE is applied with `x_wr_timezone` (UTC and floating times become that zone, so
  a weekly 09:00 series stays at 09:00 across the change to summer time).
- Floating times without X-WR-TIMEZONE are taken as London times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import x_wr_timezone
from icalendar import Calendar, Component, Timezone
from icalendar.parser.parameter import Parameters
from icalendar.prop import vBroken, vDDDLists, vDDDTypes
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from mh_planner.importing.errors import ImportFailure
from mh_planner.importing.parse import TIMING, Parsed, explain

LONDON = ZoneInfo("Europe/London")
_DATETIMES = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def to_london(value: dt.date) -> dt.datetime:
    """Naive London wall-clock time; a date is its midnight."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.replace(tzinfo=None)  # floating: London
        return value.astimezone(LONDON).replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())


def known_zone(tzid: str) -> bool:
    """A name icalendar resolves without the file's help: IANA or Windows."""
    name = tzid.strip("/")
    if name in WINDOWS_TO_OLSON:
        return True
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def plain(component: Component) -> dict[str, Any]:
    """The component's properties as a plain dict.

    A Component is a CaselessDict that stores its keys upper-cased; every lookup upper-cases the key
    again, which costs more than the conversion it serves. `dict.items` reads the stored pairs as they are.
    """
    return dict(dict.items(component))


def events(calendar: Component) -> list[Component]:
    return [c for c in calendar.subcomponents if c.name == "VEVENT"]


def prepare(calendar: Calendar, parsed: Parsed, source: str) -> Calendar:
    """Check every time of the calendar's events and put it in its real zone; returns the calendar to read."""
    defined: dict[str, Timezone] = {
        str(c["TZID"]): c for c in calendar.subcomponents if isinstance(c, Timezone) and "TZID" in c
    }
    for event in events(calendar):
        for name, params, value in _timing_values(event, plain(event), parsed, source):
            tzid = params.get("TZID")
            if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
                raise ImportFailure(
                    source,
                    f"{name} names the time zone {tzid!r}, which no VTIMEZONE defines and is neither an IANA "
                    "nor a Windows zone name",
                    parsed.line_of(event, name),
                )
    _own_zones(calendar, defined, parsed, source)
    wr = calendar.get("X-WR-TIMEZONE")
    if wr is not None:
        try:
            zone = ZoneInfo(str(wr).strip())
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ImportFailure(source, f"X-WR-TIMEZONE {str(wr)!r} is not a known time zone") from None
        converted: Calendar = x_wr_timezone.to_standard(calendar, timezone=zone)
        return converted
    return calendar


def _timing_values(
    event: Component, props: dict[str, object], parsed: Parsed, source: str
) -> Iterator[tuple[str, Parameters, dt.date]]:
    for name in _DATETIMES:
        prop = props.get(name)
        for item in prop if isinstance(prop, list) else [prop] if prop is not None else []:
            if isinstance(item, vBroken):
                raise ImportFailure(
                    source, f"{name}: {explain(item.parse_error or ValueError(item))}", parsed.line_of(event, name)
                )
            if isinstance(item, vDDDLists):
                for one in item.dts:
                    value = one.dt[0] if isinstance(one.dt, tuple) else one.dt  # RDATE;VALUE=PERIOD
                    if isinstance(value, dt.date):
                        yield name, item.params, value
            elif isinstance(item, vDDDTypes):
                if isinstance(item.dt, dt.date):
                    yield name, item.params, item.dt
            else:
                raise ImportFailure(source, f"{name} is not a date or time", parsed.line_of(event, name))
    for name in ("DURATION", "RRULE"):
        broken = props.get(name)
        if isinstance(broken, vBroken):
            raise ImportFailure(
                source, f"{name}: {explain(broken.parse_error or ValueError(broken))}", parsed.line_of(event, name)
            )


def _own_zones(calendar: Calendar, defined: dict[str, Timezone], parsed: Parsed, source: str) -> None:
    swap: dict[int, dt.tzinfo] = {}
    for tzid, component in defined.items():
        if known_zone(tzid):
            continue  # icalendar uses its own definition of IANA and Windows zones, whatever the file says
        try:
            own = component.to_tz(tzp, lookup_tzid=False)
        except Exception as error:
            raise ImportFailure(source, f"time zone {tzid!r}: {explain(error)}", parsed.line_of(component)) from None
        # what icalendar attached: possibly another file's definition (typed as never None; it can be)
        shared: object | None = tzp.timezone(tzid)
        if shared is not None and shared is not own:
            swap[id(shared)] = own
    if not swap:
        return
    for event in events(calendar):
        for name in _DATETIMES:
            prop = event.get(name)
            for item in prop if isinstance(prop, list) else [prop] if prop is not None else []:
                for one in item.dts if isinstance(item, vDDDLists) else [item] if isinstance(item, vDDDTypes) else []:
                    one.dt = _rezone(one.dt, swap)


def _rezone(value: Any, swap: dict[int, dt.tzinfo]) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None and id(value.tzinfo) in swap:
        return value.replace(tzinfo=swap[id(value.tzinfo)])
    if isinstance(value, tuple):
        return tuple(_rezone(v, swap) for v in value)
    return value


__all__ = ["LONDON", "TIMING", "events", "known_zone", "plain", "prepare", "to_london"]
