"""One VEVENT per event, one VCALENDAR per feed, with the `icalendar` library.

An event's VEVENT is the same in every feed it appears in (same UID, same bytes), so it is built and
serialised once and the feeds are spliced together from those bytes: at national scale an event sits in
four or five feeds, and serialising is what costs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import icalendar

from mh_planner.calendar import TIMEZONE, Calendar, Event, fmt_day
from mh_planner.feeds.layout import Feed
from mh_planner.feeds.privacy import Scrubber

if TYPE_CHECKING:
    from mh_planner.timing import Window

UTC = dt.UTC
LONDON = ZoneInfo(TIMEZONE)
PRODID = "-//Maths Hubs//mh-planner//EN"  # no version: upgrading must not rewrite every feed
UID_DOMAIN = "mh-planner"
REFRESH = dt.timedelta(hours=12)
# Part of every content digest: a change to how events are rendered raises every SEQUENCE once.
RENDERING = 1
_END = b"END:VCALENDAR\r\n"
MAX_WORDING = 40  # longer wordings of a window are given as its dates in the title


def uid(event: Event) -> str:
    """The event's identity in the data, never its position, date or content.

    Central events and exchange legs are the same event for every hub ('19-02/outward@mh-planner');
    a hub's own events carry the hub, since their ids are the hub's own ('ee2/hub-launch@mh-planner').
    """
    if event.origin.local and event.hub:
        return f"{event.hub}/{event.id}@{UID_DOMAIN}"
    return f"{event.id}@{UID_DOMAIN}"


def to_utc(moment: dt.datetime) -> dt.datetime:
    """A naive Europe/London wall-clock time as UTC (every occurrence is its own event, so no VTIMEZONE)."""
    return moment.replace(tzinfo=LONDON).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Content:
    """Everything a VEVENT says about an event except when it changed: what the digest is taken over."""

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    status: str  # CONFIRMED or TENTATIVE
    transparent: bool
    location: str | None
    description: str
    categories: tuple[str, ...]

    def digest(self) -> str:
        fields = [
            RENDERING,
            self.uid,
            self.summary,
            self.start.isoformat(),
            self.end.isoformat(),
            self.status,
            self.transparent,
            self.location,
            self.description,
            list(self.categories),
        ]
        # 128 bits are plenty to tell versions of one event apart, and keep the record small at 25,000 events.
        return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Stamp:
    """When an event last changed and how often it has: DTSTAMP, LAST-MODIFIED and SEQUENCE."""

    sequence: int
    modified: dt.datetime  # UTC


def _span(window: Window) -> str:
    if window.start.year != window.end.year:
        return f"{window.start.day} {window.start:%b %Y} to {window.end.day} {window.end:%b %Y}"
    return f"{window.start.day} {window.start:%b} to {window.end.day} {window.end:%b %Y}"


def provisional_label(event: Event, scrub: Scrubber) -> str:
    """What the title of an event on a placeholder date adds: '(provisional, Early October)'.

    Most calendar apps show the title and nothing else in their views (Google shows no status at all), so
    the title says it. The wording of the documents when short, else the window's dates.
    """
    wording = (scrub(event.timing_text) or "").strip()
    if wording and len(wording) <= MAX_WORDING:
        return f"(provisional, {wording})"
    if event.window is not None:
        return f"(provisional, {_span(event.window)})"
    return "(provisional)"


def summary_of(event: Event, scrub: Scrubber) -> str:
    title = scrub(event.title.strip()) or event.id
    return f"{title} {provisional_label(event, scrub)}" if event.tentative else title


def tentative_note(event: Event) -> str:
    window = event.window
    wording = f'"{event.timing_text}"' if event.timing_text else "a window"
    span = f" ({fmt_day(window.start)} to {fmt_day(window.end)})" if window else ""
    return (
        f"Provisional date: the programme gives only {wording}{span}. "
        "This date is a placeholder inside that window and will move when the date is announced."
    )


def content_of(event: Event, calendar: Calendar, scrub: Scrubber) -> Content:
    if event.all_day:
        start: dt.datetime | dt.date = event.start.date()
        end: dt.datetime | dt.date = event.end.date()  # exclusive: the day after the last one
    else:
        start, end = to_utc(event.start), to_utc(event.end)
    parts = [tentative_note(event)] if event.tentative else []
    if event.description:
        parts.append(event.description)  # `notes` are private and never read here
    categories = []
    if event.project:
        project = calendar.dataset.projects.get(event.project)
        categories.append(project.label if project else event.project)
    categories.append(event.kind.value)
    return Content(
        uid=uid(event),
        summary=summary_of(event, scrub),
        start=start,
        end=end,
        status="TENTATIVE" if event.tentative else "CONFIRMED",
        # A placeholder date blocks nobody's diary: Outlook and Google take free/busy from TRANSP.
        transparent=event.tentative or not event.blocking,
        location=scrub(event.location),
        description=scrub("\n\n".join(parts)) or "",
        categories=tuple(categories),
    )


def vevent(content: Content, stamp: Stamp) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", content.uid)
    event.add("dtstamp", stamp.modified)  # the event's last change, not the export time
    event.add("last-modified", stamp.modified)
    event.add("sequence", stamp.sequence)
    event.add("summary", content.summary)
    event.add("dtstart", content.start)
    event.add("dtend", content.end)
    event.add("status", content.status)
    event.add("transp", "TRANSPARENT" if content.transparent else "OPAQUE")
    if content.status == "TENTATIVE":
        event.add("x-microsoft-cdo-busystatus", "TENTATIVE")  # Outlook reads this before TRANSP
    if content.location:
        event.add("location", content.location)
    if content.description:
        event.add("description", content.description)
    event.add("categories", list(content.categories))
    return event


def calendar_description(feed: Feed, calendar: Calendar, scrub: Scrubber) -> str:
    """What the feed holds, and the events of its subject that have no date yet (they cannot be in it)."""
    if not feed.undated:
        return feed.about
    lines = [feed.about, "", "Not dated yet, so not in this calendar until the programme gives a date:"]
    for event in feed.undated:
        project = calendar.dataset.projects.get(event.project or "")
        code = f"{project.label}: " if project else ""
        timing = (scrub(event.timing_text) or "").strip() or "timing not announced"
        lines.append(f"- {code}{scrub(event.title.strip()) or event.id} ({timing})")
    return "\n".join(lines)


def header(feed: Feed, description: str | None = None) -> icalendar.Calendar:
    """The VCALENDAR's own properties; `description` defaults to what the feed holds (`feed.about`)."""
    description = feed.about if description is None else description
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed.name)  # Apple, Google, Outlook
    cal.add("name", feed.name)  # RFC 7986
    cal.add("x-wr-caldesc", icalendar.vText(description))  # as text: icalendar would not escape its newlines
    cal.add("description", description)
    cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})  # RFC 7986
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))  # Outlook
    return cal


def serialise(cal: icalendar.Calendar, events: Iterable[bytes]) -> bytes:
    """`cal.to_ical()` with the already serialised VEVENTs as its subcomponents.

    icalendar writes a component's properties, then each subcomponent's lines, then END: splicing the
    VEVENTs before the final END is byte for byte what it would write for the whole tree.
    """
    head: bytes = cal.to_ical()
    if not head.endswith(_END):
        raise AssertionError("icalendar wrote an unexpected VCALENDAR ending")
    return head[: -len(_END)] + b"".join(events) + _END
