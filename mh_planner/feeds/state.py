"""The small record of what was last exported, kept beside the feeds.

For every event ever exported: a digest of its content, its SEQUENCE and when it last changed (which is
its DTSTAMP and LAST-MODIFIED). An event whose digest differs from the record gets SEQUENCE + 1 and a new
change time; an unchanged one keeps both, so its bytes (and the feed's) stay the same. Removed events
keep their record, so that one coming back continues its SEQUENCE instead of starting again at 0.
The record also lists the feed files written, with a digest of what went into each and of its bytes: a
feed whose inputs did not change and whose file is intact is not even serialised again (a re-export after
one edit costs the changed feeds only), and a feed nobody has any more is deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import icalendar

from mh_planner.feeds.build import UTC, Stamp

STATE_FILE = ".mh-planner-state.json"
FORMAT = 1
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
ABOUT = "What mh-planner last exported here: keep it with the feeds (see docs/feeds.md)."


def _stamp_text(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


@dataclass(slots=True)
class Record:
    digest: str | None  # None: recovered from an old feed, content unknown
    sequence: int
    modified: dt.datetime
    removed: bool = False


@dataclass(frozen=True, slots=True)
class FeedRecord:
    inputs: str  # digest of the feed's header and of its events' UIDs, digests and stamps
    sha256: str  # of the bytes written


@dataclass
class State:
    events: dict[str, Record] = field(default_factory=dict)
    feeds: dict[str, FeedRecord] = field(default_factory=dict)
    recovered: bool = False  # rebuilt from the feeds because the record was missing or unreadable

    @property
    def fresh(self) -> bool:
        """No record and no feed to recover one from: a first export into this folder."""
        return not self.recovered and not self.events and not self.feeds

    # --- updating ---------------------------------------------------------------------------------

    def stamp(self, uid: str, digest: str, now: dt.datetime) -> Stamp:
        record = self.events.get(uid)
        if record is None:
            record = self.events[uid] = Record(digest, 0, now)
        elif record.digest != digest or record.removed:
            # Never earlier than the last change: a stamp taken from SOURCE_DATE_EPOCH may be older.
            record.digest, record.sequence, record.removed = digest, record.sequence + 1, False
            record.modified = max(now, record.modified)
        return Stamp(record.sequence, record.modified)

    def retire(self, present: set[str]) -> list[str]:
        """Mark every event not exported this time as removed; return the newly removed UIDs."""
        gone = [uid for uid, r in self.events.items() if uid not in present and not r.removed]
        for uid in gone:
            self.events[uid].removed = True
        return gone

    # --- reading and writing ----------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """Deterministic JSON, one event per line, every object's keys sorted: the same state gives the same
        bytes, and diffs read well."""
        entries = []
        for uid, r in sorted(self.events.items()):
            fields = {"digest": r.digest, "modified": _stamp_text(r.modified), "sequence": r.sequence}
            if r.removed:
                fields["removed"] = True
            entries.append(f"  {json.dumps(uid, ensure_ascii=False)}: {json.dumps(fields, sort_keys=True)}")
        feeds = [
            f"  {json.dumps(path, ensure_ascii=False)}: "
            + json.dumps({"inputs": r.inputs, "sha256": r.sha256}, sort_keys=True)
            for path, r in sorted(self.feeds.items())
        ]
        lines = [
            "{",
            f' "about": {json.dumps(ABOUT)},',
            ' "events": {',
            ",\n".join(entries),
            " },",
            ' "feeds": {',
            ",\n".join(feeds),
            " },",
            f' "format": {FORMAT}',
            "}",
        ]
        return ("\n".join(line for line in lines if line) + "\n").encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> State:
        document = json.loads(data)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("not an mh-planner state record of a known format")
        state = cls()
        for path, r in document.get("feeds", {}).items():
            state.feeds[str(path)] = FeedRecord(str(r["inputs"]), str(r["sha256"]))
        for uid, r in document.get("events", {}).items():
            state.events[uid] = Record(
                r.get("digest"), int(r["sequence"]), _parse_stamp(r["modified"]), bool(r.get("removed", False))
            )
        return state

    @classmethod
    def load(cls, folder: Path) -> State:
        path = folder / STATE_FILE
        try:
            return cls.from_bytes(path.read_bytes())
        except FileNotFoundError:
            pass
        except (ValueError, KeyError, TypeError, AttributeError):
            pass  # unreadable: rebuild from the feeds like a missing one
        return cls.recover(folder)

    @classmethod
    def recover(cls, folder: Path) -> State:
        """Without a record, take each event's SEQUENCE from the feeds already there.

        Subscribers hold those SEQUENCEs; starting again at 0 would make some clients ignore the next
        change. The digests are unknown, so every recovered event is stamped as changed once.
        """
        state = cls()
        if not folder.is_dir():
            return state
        for path in sorted(folder.glob("*/*.ics")):
            try:
                parsed = icalendar.Calendar.from_ical(path.read_bytes())
            except (ValueError, OSError):
                continue
            state.recovered = True
            for component in parsed.walk("VEVENT"):
                uid = str(component.get("UID", ""))
                sequence = int(component.get("SEQUENCE", 0))
                known = state.events.get(uid)
                if uid and (known is None or known.sequence < sequence):
                    # The change time is never used: an unknown digest is always stamped anew.
                    state.events[uid] = Record(None, sequence, _EPOCH)
        return state
