"""Saving a plan: minimal diffs with every comment kept, atomic writes, files changed on disk, round trips."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
from pathlib import Path

import pytest

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.editing import ChangedOnDisk, Planner
from mh_planner.files.atomic import leftover_temp_files
from mh_planner.loading import load
from mh_planner.problems import InvalidData
from mh_planner.scheduling import check
from tests.builders import DATA

D = dt.datetime


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def plan_path(root: Path) -> Path:
    return root / "plans" / "2019-20" / "ee2.yaml"


def timetable(calendar: Calendar) -> list[tuple[str, D, D]]:
    return sorted((e.id, e.start, e.end) for e in calendar.events)


def test_save_changes_only_the_lines_of_the_edit(root: Path, plan_path: Path) -> None:
    original = plan_path.read_text()
    planner = Planner(root)
    planner.move_event("wg-itt/meeting-1", D(2019, 10, 22, 17), D(2019, 10, 22, 18, 30))
    assert planner.save() == [plan_path]

    saved = plan_path.read_text()
    diff = [
        line
        for line in difflib.unified_diff(original.splitlines(), saved.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == [
        '-      - {session: 1, date: 2019-10-15, time: "17:00-18:30"}',
        '+      - {session: 1, date: 2019-10-22, time: "17:00-18:30"}',
    ]
    comments = [line for line in original.splitlines() if line.strip().startswith("#")]
    assert len(comments) > 20 and all(line in saved.splitlines() for line in comments)
    assert not planner.dirty


def test_save_keeps_every_comment_and_all_untouched_lines(root: Path, plan_path: Path) -> None:
    original = plan_path.read_text().splitlines()
    planner = Planner(root)
    for conflict in [c for c in planner.conflicts if c.fix]:
        planner.apply_fix(conflict)
    planner.add_local_event("ee2", title="Forum", day=dt.date(2020, 5, 6), time=None, venue=None, people=[])
    planner.delete_event("hub-launch")
    planner.save()
    saved = plan_path.read_text().splitlines()
    matcher = difflib.SequenceMatcher(None, original, saved, autojunk=False)
    removed = [
        original[i]
        for tag, i1, i2, _, _ in matcher.get_opcodes()
        if tag in ("delete", "replace")
        for i in range(i1, i2)
    ]
    # Only the moved dates and the deleted event's lines went; every comment and blank line is still there.
    assert all(line.strip() and not line.strip().startswith("#") for line in removed)
    assert all(line in saved for line in original if line.strip().startswith("#"))


def test_save_and_reload_give_the_same_calendar(root: Path) -> None:
    planner = Planner(root)
    for conflict in [c for c in planner.conflicts if c.fix]:
        planner.apply_fix(conflict)
    planner.confirm_central("19-11/b-residential", dt.date(2019, 11, 20), dt.date(2019, 11, 21))
    new_id = planner.add_local_event(
        "ee2", title="Forum", day=dt.date(2020, 5, 6), time="16:00-17:30", venue="histon", people=["dokafor"]
    )
    planner.duplicate_event("wg-secondary/meeting-2", dt.date(2019, 11, 28))
    planner.delete_event("wg-kings-lynn/meeting-6")
    planner.move_event("wg-peterborough/visit-eye-pri-autumn", D(2019, 11, 15, 10), D(2019, 11, 15, 12))
    planner.save()

    fresh = assemble(load(root))
    assert timetable(fresh) == timetable(planner.calendar)
    assert {c.key for c in check(fresh)} == {c.key for c in planner.conflicts}
    assert new_id in fresh.by_id()

    planner.reload()
    assert timetable(planner.calendar) == timetable(fresh)
    assert not planner.dirty and not planner.can_undo
    assert planner.save() == []  # nothing to write


def test_save_writes_only_changed_files(root: Path, plan_path: Path) -> None:
    other = root / "plans" / "2019-20" / "sw1.yaml"
    other.write_text("# another hub\nhub: sw1\ntitle: South West 1\n")
    stamp = other.stat().st_mtime_ns
    planner = Planner(root)
    planner.move_event("leaders-briefing", D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    assert planner.save() == [plan_path]
    assert other.stat().st_mtime_ns == stamp


def test_undo_after_save_is_an_unsaved_change(root: Path, plan_path: Path) -> None:
    original = plan_path.read_text()
    planner = Planner(root)
    planner.move_event("leaders-briefing", D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    planner.save()
    planner.undo()
    assert planner.dirty
    planner.save()
    assert plan_path.read_text() == original and not planner.dirty


def test_line_ends_and_byte_order_mark_are_kept(root: Path, plan_path: Path) -> None:
    plan_path.write_bytes(b"\xef\xbb\xbf" + plan_path.read_bytes().replace(b"\n", b"\r\n"))
    planner = Planner(root)
    planner.move_event("leaders-briefing", D(2019, 11, 6, 9, 30), D(2019, 11, 6, 12))
    planner.save()
    raw = plan_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert b"    date: 2019-11-06\r\n" in raw


# --- atomicity -----------------------------------------------------------------------------------


def _edited(root: Path) -> Planner:
    planner = Planner(root)
    planner.move_event("wg-itt/meeting-1", D(2019, 10, 22, 17), D(2019, 10, 22, 18, 30))
    return planner


def _assert_intact(plan_path: Path, original: bytes, planner: Planner) -> None:
    assert plan_path.read_bytes() == original
    assert leftover_temp_files(plan_path.parent) == []
    assert not [p for p in plan_path.parent.iterdir() if p.name != "ee2.yaml"]
    assert planner.dirty  # still unsaved, so the user can try again


def test_interrupted_rename_leaves_the_old_file(root: Path, plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = plan_path.read_bytes()
    planner = _edited(root)

    def broken(*_: object) -> None:
        raise OSError("disk unplugged")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="unplugged"):
        planner.save()
    _assert_intact(plan_path, original, planner)
    monkeypatch.undo()
    assert planner.save() == [plan_path] and b"2019-10-22" in plan_path.read_bytes()


def test_write_failing_midway_leaves_the_old_file(root: Path, plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = plan_path.read_bytes()
    planner = _edited(root)
    real_write = os.write
    calls = []

    def half_then_fail(fd: int, data: bytes) -> int:
        if calls:
            raise OSError("no space left on device")
        calls.append(fd)
        return real_write(fd, bytes(data[: len(data) // 2]))

    monkeypatch.setattr(os, "write", half_then_fail)
    with pytest.raises(OSError, match="no space"):
        planner.save()
    assert calls  # it did get half way
    _assert_intact(plan_path, original, planner)


def test_failing_fsync_leaves_the_old_file(root: Path, plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = plan_path.read_bytes()
    planner = _edited(root)

    def broken(_: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="I/O error"):
        planner.save()
    _assert_intact(plan_path, original, planner)


def test_save_keeps_the_file_mode(root: Path, plan_path: Path) -> None:
    plan_path.chmod(0o640)
    planner = _edited(root)
    planner.save()
    assert plan_path.stat().st_mode & 0o777 == 0o640


# --- files changed on disk -----------------------------------------------------------------------


def test_changed_on_disk_is_detected_and_not_overwritten(root: Path, plan_path: Path) -> None:
    planner = _edited(root)
    assert planner.changed_on_disk() == []
    theirs = plan_path.read_text() + "# added in another editor\n"
    plan_path.write_text(theirs)
    assert planner.changed_on_disk() == [plan_path]

    with pytest.raises(ChangedOnDisk) as raised:
        planner.save()
    assert raised.value.paths == [plan_path]
    assert plan_path.read_text() == theirs

    assert planner.save(force=True) == [plan_path]
    assert "2019-10-22" in plan_path.read_text() and planner.changed_on_disk() == []


def test_touching_a_file_without_changing_it_is_not_a_change(root: Path, plan_path: Path) -> None:
    planner = _edited(root)
    os.utime(plan_path, ns=(1, 1))
    assert planner.changed_on_disk() == []
    assert planner.save() == [plan_path]


def test_same_size_rewrite_is_a_change(root: Path, plan_path: Path) -> None:
    planner = Planner(root)
    stat = plan_path.stat()
    plan_path.write_text(plan_path.read_text().replace("2019-10-23", "2019-10-24"))
    os.utime(plan_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    assert planner.changed_on_disk() == [plan_path]


def test_a_deleted_file_is_a_change(root: Path, plan_path: Path) -> None:
    planner = _edited(root)
    plan_path.unlink()
    assert planner.changed_on_disk() == [plan_path]
    with pytest.raises(ChangedOnDisk):
        planner.save()


def test_reload_picks_up_changes_on_disk(root: Path, plan_path: Path) -> None:
    planner = _edited(root)
    plan_path.write_text(plan_path.read_text().replace("date: 2019-10-23", "date: 2019-11-13"))
    planner.reload()
    assert planner.calendar.by_id()["leaders-briefing"].first_day == dt.date(2019, 11, 13)
    assert planner.calendar.by_id()["wg-itt/meeting-1"].first_day == dt.date(2019, 10, 15)  # the edit is gone
    assert not planner.dirty and not planner.can_undo and planner.changed_on_disk() == []


def test_reload_of_invalid_data_keeps_the_session(root: Path, plan_path: Path) -> None:
    planner = _edited(root)
    state = planner._state
    plan_path.write_text(plan_path.read_text().replace("lead: pshah", "lead: nobody"))
    with pytest.raises(InvalidData):
        planner.reload()
    assert planner._state is state and planner.dirty and planner.can_undo
