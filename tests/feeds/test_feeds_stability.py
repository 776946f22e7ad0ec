"""Re-exports: byte-identical when nothing changed, stable UIDs, rising SEQUENCE, only changed feeds touched."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream

from mh_planner.cli import main
from mh_planner.feeds.export import INDEX_FILE, export
from mh_planner.feeds.state import STATE_FILE, State
from mh_planner.feeds.write import write_atomic, write_if_changed
from tests.feeds.test_feeds_helpers import (
    LATER,
    LATEST,
    NOW,
    OLD_MTIME_NS,
    age,
    calendar_of,
    contents,
    edit,
    mtimes,
    unfold,
    vevents,
)

MOVED = "ee2/wg-south-cambs/meeting-4@mh-planner"
PLAN = "plans/2019-20/ee2.yaml"


@pytest.fixture
def first(data_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The shipped data (a writable copy) exported once, every file then aged."""
    out = tmp_path / "calendars"
    export(calendar_of(data_copy), out, now=NOW)
    age(out)
    return data_copy, out


def test_unchanged_data_rewrites_no_file(first: tuple[Path, Path]) -> None:
    data, out = first
    before = contents(out)
    result = export(calendar_of(data), out, now=LATER)
    assert result.written == [] and not result.index_written and result.changed_events == []
    assert contents(out) == before
    assert set(mtimes(out).values()) == {OLD_MTIME_NS}
    assert not [p for p in out.rglob("*.tmp")]


def test_a_damaged_or_deleted_feed_is_written_again(first: tuple[Path, Path]) -> None:
    data, out = first
    good = (out / "ee2/person-pshah.ics").read_bytes()
    (out / "ee2/person-pshah.ics").write_bytes(good[:100])
    (out / "ee2/hub.ics").unlink()
    result = export(calendar_of(data), out, now=LATER)
    assert sorted(result.written) == ["ee2/hub.ics", "ee2/person-pshah.ics"]
    assert (out / "ee2/person-pshah.ics").read_bytes() == good
    assert result.changed_events == []


def test_a_moved_meeting_keeps_its_uid_and_touches_only_its_feeds(first: tuple[Path, Path]) -> None:
    data, out = first
    old_hub = vevents(out / "ee2/hub.ics")
    assert old_hub[MOVED].decoded("DTSTART").date() == dt.date(2020, 3, 19)

    edit(data / PLAN, "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    result = export(calendar_of(data), out, now=LATER)

    assert result.changed_events == [MOVED]
    holding = sorted(f.path for f in result.feeds if f"\r\nUID:{MOVED}\r\n" in unfold((out / f.path).read_bytes()))
    assert sorted(result.written) == holding
    assert set(holding) >= {"ee2/hub.ics", "ee2/group-wg-south-cambs.ics", "ee2/person-dokafor.ics"}
    assert not result.index_written  # same feeds, same counts
    times = mtimes(out)
    for path, mtime in times.items():
        assert (mtime != OLD_MTIME_NS) == (path in holding or path == STATE_FILE), path

    for path in holding:
        events = vevents(out / path)
        moved = events[MOVED]
        assert moved.decoded("DTSTART").date() == dt.date(2020, 3, 26)
        assert int(moved["SEQUENCE"]) == 1
        assert moved.decoded("DTSTAMP") == LATER
        assert moved.decoded("LAST-MODIFIED") == LATER
        for key, other in events.items():
            if key != MOVED:
                assert int(other["SEQUENCE"]) == 0 and other.decoded("DTSTAMP") == NOW, key
        # One event with that UID: the move updates the meeting, it does not add a second one.
        stream = IcsCalendarStream.calendar_from_ics((out / path).read_text(encoding="utf-8"))
        assert [e.uid for e in stream.events].count(MOVED) == 1
    assert set(vevents(out / "ee2/hub.ics")) == set(old_hub)

    # Moving it again raises SEQUENCE again; moving nothing changes nothing.
    edit(data / PLAN, "{session: 4, date: 2020-03-26}", "{session: 4, date: 2020-03-12}")
    export(calendar_of(data), out, now=LATEST)
    assert int(vevents(out / "ee2/hub.ics")[MOVED]["SEQUENCE"]) == 2
    again = export(calendar_of(data), out, now=LATEST + dt.timedelta(days=1))
    assert again.written == []


def remove_event(plan: Path, event_id: str) -> str:
    """Cut one local event's block out of the plan; return it so that it can be put back."""
    text = plan.read_text(encoding="utf-8")
    start = text.index(f"  - id: {event_id}\n")
    end = text.find("\n  - id: ", start + 1)
    end = text.index("\n\n", start) if end == -1 else end
    block = text[start : end + 1]
    plan.write_text(text.replace(block, ""), encoding="utf-8")
    return block


def test_a_removed_event_disappears_and_comes_back_with_a_higher_sequence(first: tuple[Path, Path]) -> None:
    data, out = first
    key = "ee2/sl-session-dec@mh-planner"
    assert key in vevents(out / "ee2/person-lbrown.ics")
    text = (data / PLAN).read_text(encoding="utf-8")

    remove_event(data / PLAN, "sl-session-dec")
    result = export(calendar_of(data), out, now=LATER)
    assert result.removed_events == [key]
    assert sorted(result.written) == ["ee2/hub.ics", "ee2/person-lbrown.ics", "ee2/role-primary-tfm-lead.ics",
                                      "ee2/role-wgl.ics"]
    for path in result.written:
        assert key not in vevents(out / path)
    record = json.loads((out / STATE_FILE).read_text())["events"][key]
    assert record["removed"] is True and record["sequence"] == 0

    (data / PLAN).write_text(text, encoding="utf-8")
    export(calendar_of(data), out, now=LATEST)
    back = vevents(out / "ee2/person-lbrown.ics")[key]
    assert int(back["SEQUENCE"]) == 1 and back.decoded("DTSTAMP") == LATEST


def test_a_lost_state_record_never_lowers_a_sequence(first: tuple[Path, Path]) -> None:
    data, out = first
    edit(data / PLAN, "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    export(calendar_of(data), out, now=LATER)
    before = {k: int(v["SEQUENCE"]) for k, v in vevents(out / "ee2/hub.ics").items()}

    (out / STATE_FILE).unlink()
    result = export(calendar_of(data), out, now=LATEST)
    assert result.recovered
    after = {k: int(v["SEQUENCE"]) for k, v in vevents(out / "ee2/hub.ics").items()}
    assert all(after[k] > before[k] for k in before)  # every client sees an update, none an older one
    assert export(calendar_of(data), out, now=LATEST).written == []  # and the record is back

    (out / STATE_FILE).write_text("{not json")
    assert State.load(out).recovered


def test_a_feed_nobody_has_any_more_is_deleted(first: tuple[Path, Path]) -> None:
    data, out = first
    (out / "README.txt").write_text("published by the hub\n")
    edit(data / PLAN, "roles: [secondary-mastery-specialist]\n", "roles: [wgl]\n")  # jreid's only SMS role
    result = export(calendar_of(data), out, now=LATER)
    assert result.deleted == []  # gliu still holds the role
    edit(data / PLAN, "roles: [secondary-mastery-specialist, wgl]\n", "roles: [wgl]\n")
    result = export(calendar_of(data), out, now=LATEST)
    assert result.deleted == ["ee2/role-secondary-mastery-specialist.ics"]
    assert not (out / "ee2/role-secondary-mastery-specialist.ics").exists()
    assert (out / "README.txt").read_text() == "published by the hub\n"  # not ours: left alone
    assert result.index_written


def test_atomic_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "feed.ics"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one" and (target.stat().st_mode & 0o777) == 0o644
    assert write_if_changed(target, b"one") is False

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"  # the old feed is whole
    assert [p.name for p in tmp_path.iterdir()] == ["feed.ics"]  # and no temporary file is left


def test_export_command(data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cal"
    assert main(["export", "--data", str(data_copy), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "31 written, 0 unchanged" in printed and str(out / INDEX_FILE) in printed
    assert main(["export", "--data", str(data_copy), "--out", str(out)]) == 0
    assert "0 written, 31 unchanged" in capsys.readouterr().out

    assert main(["export", "--data", str(data_copy), "--out", str(data_copy / "feeds")]) == 2
    assert "inside the data folder" in capsys.readouterr().err

    edit(data_copy / PLAN, "lead: pshah", "lead: nobody")
    assert main(["export", "--data", str(data_copy), "--out", str(out)]) == 2
    assert "no person 'nobody'" in capsys.readouterr().err
