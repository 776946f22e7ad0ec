"""The calendars a plan links (`imports:`), read from their last good copies (a check, never the network)
or afresh (`mh-planner import`, `--refresh`), and their busy times as events of the assembled calendar.

    imported = imported_events(dataset)          # the last good copies: what `check` and the planner use
    calendar = assemble(dataset, imported.events)
    imported.lines()                             # one line per source: how old, stale or missing

Copies live in `<data>/.imports/` (see `fetch`): a source that cannot be read keeps its last good copy,
and the reason is kept beside it for the check's output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mh_planner.calendar import Event, Origin
from mh_planner.importing.errors import ImportFailure, is_address, shown_source
from mh_planner.importing.fetch import Timeouts, cached, file_path, load
from mh_planner.importing.limits import DEFAULT_LIMITS, Limits
from mh_planner.importing.read import Busy, Reading, read_ics
from mh_planner.loading import Dataset
from mh_planner.model import CalendarImport, EventKind, ImportAs, Venue

CACHE_FOLDER = ".imports"
BUSY_TITLE, BOOKED_TITLE = "Busy", "Booked"
DEFAULT_TIMEOUTS = Timeouts()


def cache_dir(root: Path) -> Path:
    return root / CACHE_FOLDER


def window(dataset: Dataset) -> tuple[dt.date, dt.date]:
    """The days imported: the academic year (recurrences are expanded within it only)."""
    year = dataset.year()
    return year.start, year.end


def links(dataset: Dataset, hub: str | None = None) -> Iterator[tuple[str, CalendarImport]]:
    for plan_file in dataset.plans:
        plan = plan_file.plan
        if hub is None or plan.hub == hub:
            for link in plan.imports:
                yield plan.hub, link


def describe_link(link: CalendarImport) -> str:
    """'busy times of pshah', 'bookings of comberton-hall', 'confirmed dates'."""
    if link.as_ is ImportAs.CONFIRMATIONS:
        return "confirmed dates"
    return f"{'busy times' if link.as_ is ImportAs.BUSY else 'bookings'} of {link.subject}"


@dataclass(frozen=True)
class Linked:
    """One linked source as read: its reading (None without a usable copy) and what to say about it."""

    hub: str
    link: CalendarImport
    reading: Reading | None
    fetched_at: dt.datetime | None = None  # UTC: when the copy used was last confirmed current
    note: str | None = None  # stale, changed since it was read, no copy yet, unusable
    not_modified: bool = False  # a refresh found it unchanged (HTTP 304)

    def line(self) -> str:
        """'busy times of pshah from google.ics: 14 busy, read 2019-10-01 12:00 UTC (stale since ...)'."""
        what = f"{describe_link(self.link)} from {shown_source(self.link.source)}"
        if self.reading is None:
            return f"{what}: {self.note or 'no copy'}"
        count = len(self.reading.events if self.link.as_ is ImportAs.CONFIRMATIONS else self.reading.busy())
        noun = "event(s)" if self.link.as_ is ImportAs.CONFIRMATIONS else "busy"
        when = f"read {self.fetched_at:%Y-%m-%d %H:%M} UTC" if self.fetched_at else "read"
        return f"{what}: {count} {noun}, {when}" + (f" ({self.note})" if self.note else "")


def _read(dataset: Dataset, link: CalendarImport, body: bytes, limits: Limits) -> Reading:
    start, end = window(dataset)
    details = link.shows_details or link.as_ is ImportAs.CONFIRMATIONS  # matching reads the titles
    return read_ics(body, source=link.source, start=start, end=end, details=details, limits=limits)


def read_cached(dataset: Dataset, hub: str, link: CalendarImport, limits: Limits = DEFAULT_LIMITS) -> Linked:
    """A linked source from its last good copy; never raises (what cannot be read is said in `note`)."""
    copy = cached(link.source, cache_dir(dataset.root))
    if copy is None:
        return Linked(hub, link, None, note="not read yet: run `mh-planner import --refresh`")
    try:
        reading = _read(dataset, link, copy.body, limits)
    except ImportFailure as failure:
        return Linked(hub, link, None, copy.fetched_at, f"its copy is unusable: {failure.detail}")
    note = copy.note
    if note is None and not is_address(link.source):
        note = _changed_since(link.source, dataset.root, copy.body, limits)
    return Linked(hub, link, reading, copy.fetched_at, note)


def _changed_since(source: str, root: Path, body: bytes, limits: Limits) -> str | None:
    """A file source that no longer holds its copy's bytes (local, so a check may look)."""
    try:
        with file_path(source, root).open("rb") as handle:
            now = handle.read(limits.max_bytes + 1)
    except OSError:
        return "the file is gone: its last copy is used"
    if hashlib.sha256(now).digest() != hashlib.sha256(body).digest():
        return "the file changed since: run `mh-planner import --refresh`"
    return None


def refresh(
    dataset: Dataset,
    hub: str,
    link: CalendarImport,
    *,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    limits: Limits = DEFAULT_LIMITS,
) -> Linked:
    """Read the source itself (conditional GET for an address) and keep it as the last good copy if it
    reads; else the last good copy with a note. Raises ImportFailure when there is no copy at all."""
    readings: list[Reading] = []
    fetched = load(
        link.source,
        cache_dir(dataset.root),
        base=dataset.root,
        max_bytes=limits.max_bytes,
        timeouts=timeouts,
        accept=lambda body: readings.append(_read(dataset, link, body, limits)),
    )
    if not readings:  # the last good copy: it read before
        try:
            readings.append(_read(dataset, link, fetched.body, limits))
        except ImportFailure as failure:
            why = f"neither the source nor its last copy can be used: {failure.detail}"
            raise ImportFailure(link.source, why) from None
    return Linked(hub, link, readings[-1], fetched.fetched_at, fetched.note, fetched.not_modified)


@dataclass
class Imported:
    """Every busy time and booking of the linked calendars, as events, and how each source was read."""

    events: list[Event] = field(default_factory=list)
    sources: list[Linked] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [s.line() for s in self.sources]

    @property
    def stale(self) -> list[Linked]:
        return [s for s in self.sources if s.note is not None]


def imported_events(dataset: Dataset, limits: Limits = DEFAULT_LIMITS) -> Imported:
    """The busy times and bookings of every plan's linked calendars, from their last good copies."""
    found = Imported()
    venues = {v.id: v for f in dataset.plans for v in f.plan.venues}
    for hub, link in links(dataset):
        linked = read_cached(dataset, hub, link, limits)
        found.sources.append(linked)
        if linked.reading is not None and link.as_ is not ImportAs.CONFIRMATIONS:
            found.events.extend(to_events(linked, venues))
    return found


def to_events(linked: Linked, venues: Mapping[str, Venue]) -> list[Event]:
    """A source's busy times as blocking events: attended by the person, or filling the venue. Titled
    "Busy" or "Booked" unless the plan lets its details be shown; ids reveal nothing of the source."""
    link, reading = linked.link, linked.reading
    if reading is None:
        return []
    shown = link.shows_details
    venue = venues.get(link.venue or "")
    prefix = _digest(f"{linked.hub}\n{link.source}\n{link.as_.value}\n{link.subject}")[:10]
    seen: Counter[str] = Counter()
    out: list[Event] = []
    for busy in reading.busy():
        ident = _identity(busy)
        seen[ident] += 1
        summary = busy.details.summary.strip() if shown else ""
        out.append(
            Event(
                id=f"imported/{prefix}/{_digest(f'{ident}#{seen[ident]}')[:12]}",
                title=summary or (BUSY_TITLE if link.person else BOOKED_TITLE),
                kind=EventKind.OTHER,
                origin=Origin.IMPORTED,
                start=busy.start,
                end=busy.end,
                all_day=busy.all_day,
                tentative=busy.tentative,
                hub=linked.hub,
                venue=link.venue,
                place=venue.town if venue else None,
                location=(venue.name if venue else None) or (busy.details.location.strip() if shown else None) or None,
                attendees=(link.person,) if link.person else (),
                headcount=(venue.capacity or 0) if venue else 0,  # a booking fills the venue
                description=busy.details.description.strip() if shown else "",
            )
        )
    return out


def _identity(busy: Busy) -> str:
    if busy.uid:
        return f"{busy.uid}\n{busy.recurrence_id.isoformat() if busy.recurrence_id else ''}"
    return f"\n{busy.start.isoformat()}\n{busy.end.isoformat()}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
