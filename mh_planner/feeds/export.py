"""Export a calendar's feeds into a folder: build, stamp, write what changed, delete what is gone.

Every event is turned into content and stamped once; a feed whose inputs (its header, its events' digests
and stamps) match the state record and whose file is intact is left alone without being serialised, so a
re-export after one edit costs the few feeds that hold the edited event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import icalendar

from mh_planner.calendar import Calendar
from mh_planner.feeds.build import (
    RENDERING,
    UTC,
    Content,
    Stamp,
    calendar_description,
    content_of,
    header,
    serialise,
    uid,
    vevent,
)
from mh_planner.feeds.index import FeedLinks, render_index
from mh_planner.feeds.layout import Feed, plan_feeds
from mh_planner.feeds.privacy import Scrubber
from mh_planner.feeds.stamps import data_time, source_date_epoch
from mh_planner.feeds.state import STATE_FILE, FeedRecord, State
from mh_planner.feeds.write import PUBLIC, remove_feed, sync_folder, write_if_changed
from mh_planner.files.batch import AtomicBatch
from mh_planner.files.lock import writing

INDEX_FILE = "index.html"


def out_folder_problem(data: Path, out: Path) -> str | None:
    """Why `out` cannot hold the feeds, or None. The feeds must never be written into the data."""
    if out.exists() and not out.is_dir():
        return f"{out} is not a folder"
    data_r, out_r = data.resolve(), out.resolve()
    if out_r == data_r or data_r in out_r.parents:
        return f"the feeds cannot go inside the data folder {data}: choose another --out"
    return None


@dataclass
class ExportResult:
    out: Path
    feeds: list[Feed]
    written: list[str] = field(default_factory=list)  # feed paths whose bytes changed
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # feeds nobody has any more
    changed_events: list[str] = field(default_factory=list)  # UIDs new or changed since the last export
    removed_events: list[str] = field(default_factory=list)  # UIDs no longer in any feed
    index_written: bool = False
    recovered: bool = False  # the state record was missing and was rebuilt from the feeds
    records: dict[str, FeedRecord] = field(default_factory=dict, repr=False)  # what the state file keeps

    def summary(self) -> str:
        parts = [f"{len(self.feeds)} feeds in {self.out}"]
        parts.append(f"{len(self.written)} written, {len(self.unchanged)} unchanged")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        events = f"{len(self.changed_events)} event(s) new or changed"
        if self.removed_events:
            events += f", {len(self.removed_events)} removed"
        return f"{'; '.join(parts)}; {events}."


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Stamped:
    """One event ready for every feed it is in."""

    content: Content
    stamp: Stamp
    fingerprint: str  # its digest and stamp: what a feed's inputs are made of


def feed_inputs(feed: Feed, description: str, stamped: dict[str, Stamped]) -> str:
    """A digest of everything a feed's bytes are made of (with the library's version, whose output may
    differ): equal digests and an intact file mean the feed need not be serialised again."""
    head = json.dumps([RENDERING, icalendar.__version__, feed.name, description], ensure_ascii=False)
    body = "\n".join(stamped[uid(e)].fingerprint for e in feed.events)
    return hashlib.sha256(f"{head}\n{body}".encode()).hexdigest()


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def change_time(calendar: Calendar, state: State) -> dt.datetime:
    """The change time of the events new or changed at this export (see `stamps`): `SOURCE_DATE_EPOCH` if
    set; into a fresh folder, when the data last changed; otherwise now."""
    moment = source_date_epoch()
    if moment is None and state.fresh:
        moment = data_time(calendar.dataset.root)
    return moment or now_utc()


def export(
    calendar: Calendar, out: Path, *, now: dt.datetime | None = None, hubs: Collection[str] | None = None
) -> ExportResult:
    """Write every feed of `calendar` and index.html into `out`; rewrite nothing whose bytes would not change.

    `now` is the change time given to new and changed events (tests pass a fixed one); by default
    `change_time`, so that exports of the same data into fresh folders are byte for byte the same.
    `hubs`: only these hubs' feeds (`export --hub`); the other hubs' feeds in `out` are left as they are.
    One export at a time per folder (the planner's and `serve`'s re-export): the writers' lock of `out`.
    """
    out.mkdir(parents=True, exist_ok=True)
    with writing(out):
        return _export(calendar, out, now, hubs)


def _export(
    calendar: Calendar, out: Path, now: dt.datetime | None, hubs: Collection[str] | None
) -> ExportResult:
    every = plan_feeds(calendar)
    feeds = every if hubs is None else [f for f in every if f.hub in hubs]
    state = State.load(out)
    moment = (now or change_time(calendar, state)).astimezone(UTC).replace(microsecond=0)
    result = ExportResult(out, feeds, recovered=state.recovered)
    scrub = Scrubber.for_calendar(calendar)
    stamped = _stamp_events(calendar, feeds, state, moment, scrub, result)
    # An event is gone when no hub's feed holds it any more, whichever hubs are written this time.
    result.removed_events = state.retire(set(stamped) if hubs is None else {uid(e) for f in every for e in f.events})
    # Every changed feed and the index replaced together: one flush to disk, not one per file.
    kept = {} if hubs is None else {p: r for p, r in state.feeds.items() if p.partition("/")[0] not in hubs}
    listed = every if hubs is None else [f for f in every if f.hub in hubs or f.path in kept]
    with AtomicBatch() as batch:
        _write_feeds(calendar, feeds, stamped, state, scrub, result, batch)
        index = render_index(calendar, listed, lambda f: FeedLinks(f.path))
        result.index_written = batch.write_if_changed(out / INDEX_FILE, index, mode=PUBLIC)
    touched: set[Path] = set()
    for stale in sorted(set(state.feeds) - set(result.records) - set(kept)):
        if remove_feed(out, stale):
            result.deleted.append(stale)
            touched.add(out / stale)
    state.feeds = {**kept, **result.records}
    # The record last: if anything above fails, the next export stamps the same changes again.
    if write_if_changed(out / STATE_FILE, state.to_bytes(), mode=PUBLIC, sync=False):
        touched.add(out / STATE_FILE)
    for folder in {p.parent for p in touched}:
        sync_folder(folder)
    return result


def _stamp_events(
    calendar: Calendar, feeds: list[Feed], state: State, moment: dt.datetime, scrub: Scrubber, result: ExportResult
) -> dict[str, Stamped]:
    """Each event once: its content, and its stamp from the record (a new one where the content changed)."""
    stamped: dict[str, Stamped] = {}
    for feed in feeds:
        for event in feed.events:
            key = uid(event)
            if key in stamped:
                continue
            content = content_of(event, calendar, scrub)
            digest = content.digest()
            before = state.events.get(key)
            was = (before.sequence, before.removed) if before else None  # stamp() updates the record
            stamp = state.stamp(key, digest, moment)
            if was != (stamp.sequence, False):
                result.changed_events.append(key)
            stamped[key] = Stamped(content, stamp, f"{key} {digest} {stamp.sequence} {stamp.modified:%Y%m%dT%H%M%S}")
    return stamped


def _write_feeds(
    calendar: Calendar,
    feeds: list[Feed],
    stamped: dict[str, Stamped],
    state: State,
    scrub: Scrubber,
    result: ExportResult,
    batch: AtomicBatch,
) -> None:
    """Every feed whose inputs changed (or whose file is not intact) serialised and staged in `batch`."""
    blobs: dict[str, bytes] = {}  # serialised VEVENTs, made on first need and shared by every feed

    def blob(key: str) -> bytes:
        if key not in blobs:
            blobs[key] = vevent(stamped[key].content, stamped[key].stamp).to_ical()
        return blobs[key]

    for feed in feeds:
        keys = [uid(e) for e in feed.events]
        if len(set(keys)) != len(keys):  # two events with one UID would collapse into one in every client
            raise AssertionError(f"duplicate UID in {feed.path}")
        path = result.out / feed.path
        description = calendar_description(feed, calendar, scrub)
        inputs = feed_inputs(feed, description, stamped)
        known = state.feeds.get(feed.path)
        if known is not None and known.inputs == inputs and _sha256_of(path) == known.sha256:
            result.records[feed.path] = known
            result.unchanged.append(feed.path)
            continue
        data = serialise(header(feed, description), (blob(k) for k in keys))
        result.records[feed.path] = FeedRecord(inputs, hashlib.sha256(data).hexdigest())
        if batch.write_if_changed(path, data, mode=PUBLIC):
            result.written.append(feed.path)
        else:
            result.unchanged.append(feed.path)
