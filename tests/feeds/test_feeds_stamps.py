"""Reproducible stamps: exports of unchanged data into fresh folders are byte for byte the same."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mh_planner.feeds import export as export_module
from mh_planner.feeds.export import export
from mh_planner.feeds.stamps import data_time, git_commit_time, newest_mtime, source_date_epoch
from mh_planner.feeds.state import STATE_FILE
from tests.feeds.test_feeds_helpers import LATER, NOW, calendar_of, contents, edit, vevents

UTC = dt.UTC
DATA_MTIME = 1_560_000_000  # 2019-06-08T13:20:00Z
COMMIT_TIME = 1_565_000_000  # 2019-08-05T10:13:20Z


def set_mtimes(root: Path, seconds: int) -> None:
    for path in root.rglob("*"):
        os.utime(path, (seconds, seconds))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """The export's clock, moved on at every reading: a stamp taken from it would differ from run to run."""
    readings: list[dt.datetime] = []

    def now() -> dt.datetime:
        readings.append(NOW + dt.timedelta(minutes=len(readings) + 1))
        return readings[-1]

    monkeypatch.setattr(export_module, "now_utc", now)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return readings


def test_fresh_exports_of_unchanged_data_are_identical(
    data_copy: Path, tmp_path: Path, clock: list[dt.datetime]
) -> None:
    set_mtimes(data_copy, DATA_MTIME)
    export(calendar_of(data_copy), tmp_path / "one")
    export(calendar_of(data_copy), tmp_path / "two")
    assert contents(tmp_path / "one") == contents(tmp_path / "two")
    assert clock == []  # the clock was never read
    stamp = dt.datetime.fromtimestamp(DATA_MTIME, UTC)
    for component in vevents(tmp_path / "one/ee2/hub.ics").values():
        assert component.decoded("DTSTAMP") == stamp and component.decoded("LAST-MODIFIED") == stamp


def test_source_date_epoch_wins(data_copy: Path, tmp_path: Path, clock: list[dt.datetime],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1567296000")  # 2019-09-01T00:00:00Z
    export(calendar_of(data_copy), tmp_path / "out")
    stamp = dt.datetime(2019, 9, 1, tzinfo=UTC)
    assert {c.decoded("DTSTAMP") for c in vevents(tmp_path / "out/ee2/hub.ics").values()} == {stamp}
    # With a record too, it stands for the clock; a stamp never goes back before an event's last change.
    edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1567382400")  # a day later
    result = export(calendar_of(data_copy), tmp_path / "out")
    moved = vevents(tmp_path / "out/ee2/hub.ics")[result.changed_events[0]]
    assert moved.decoded("DTSTAMP") == stamp + dt.timedelta(days=1) and int(moved["SEQUENCE"]) == 1
    assert clock == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        export(calendar_of(data_copy), tmp_path / "out")


def test_with_a_record_a_change_is_stamped_when_it_is_seen(data_copy: Path, tmp_path: Path,
                                                           clock: list[dt.datetime]) -> None:
    out = tmp_path / "out"
    set_mtimes(data_copy, DATA_MTIME)
    export(calendar_of(data_copy), out)
    edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    result = export(calendar_of(data_copy), out)
    assert vevents(out / "ee2/hub.ics")[result.changed_events[0]].decoded("DTSTAMP") == clock[-1]


def test_a_stamp_never_goes_back(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(calendar_of(data_copy), out, now=LATER)
    edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    result = export(calendar_of(data_copy), out, now=NOW)  # an older clock
    assert vevents(out / "ee2/hub.ics")[result.changed_events[0]].decoded("DTSTAMP") == LATER


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"@{COMMIT_TIME} +0000", "GIT_COMMITTER_DATE": f"@{COMMIT_TIME} +0000",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_clean_checkout_is_stamped_with_its_last_commit(data_copy: Path, tmp_path: Path,
                                                          clock: list[dt.datetime]) -> None:
    repo = data_copy.parent
    (repo / ".gitignore").write_text("data/.feeds-secrets.yaml\n/out*/\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "data")
    set_mtimes(data_copy, DATA_MTIME + 10**7)  # a checkout's file times: later than the commit
    (data_copy / ".feeds-secrets.yaml").write_text("x: y\n")  # ignored, hidden: no effect
    commit = dt.datetime.fromtimestamp(COMMIT_TIME, UTC)
    assert git_commit_time(data_copy) == commit == data_time(data_copy)
    export(calendar_of(data_copy), repo / "out1")
    assert {c.decoded("DTSTAMP") for c in vevents(repo / "out1/ee2/hub.ics").values()} == {commit}

    # An uncommitted edit: the commit time would be older than the data, so the newest file decides.
    edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    os.utime(data_copy / "plans/2019-20/ee2.yaml", (DATA_MTIME + 2 * 10**7, DATA_MTIME + 2 * 10**7))
    assert git_commit_time(data_copy) is None
    assert data_time(data_copy) == newest_mtime(data_copy) == dt.datetime.fromtimestamp(DATA_MTIME + 2 * 10**7, UTC)


def test_outside_git_the_newest_data_file_decides(data_copy: Path) -> None:
    set_mtimes(data_copy, DATA_MTIME)
    os.utime(data_copy / "hubs.yaml", (DATA_MTIME + 60, DATA_MTIME + 60))
    (data_copy / ".feeds-secrets.yaml").write_text("x: y\n")  # hidden, and newer: not data
    (data_copy / "README.txt").write_text("not data\n")
    assert newest_mtime(data_copy) == dt.datetime.fromtimestamp(DATA_MTIME + 60, UTC)


def test_source_date_epoch_parsing() -> None:
    assert source_date_epoch({}) is None
    assert source_date_epoch({"SOURCE_DATE_EPOCH": ""}) is None
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        source_date_epoch({"SOURCE_DATE_EPOCH": "-"})


def sorted_everywhere(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    assert keys == sorted(keys), keys
    return dict(pairs)


def test_the_state_record_is_sorted_throughout(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(calendar_of(data_copy), out, now=NOW)
    edit(data_copy / "plans/2019-20/ee2.yaml", "{session: 4, date: 2020-03-19}", "{session: 4, date: 2020-03-26}")
    export(calendar_of(data_copy), out, now=LATER)
    document = json.loads((out / STATE_FILE).read_text(), object_pairs_hook=sorted_everywhere)
    assert list(document) == ["about", "events", "feeds", "format"]
    assert document["events"] and document["feeds"]
