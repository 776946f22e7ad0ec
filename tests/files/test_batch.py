"""The batch writer: files replaced together after one flush; nothing visible, nothing left on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mh_planner.files import batch as batch_module
from mh_planner.files.atomic import leftover_temp_files
from mh_planner.files.batch import AtomicBatch


def test_files_appear_only_on_commit_after_one_flush(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushes: list[int] = []
    monkeypatch.setattr(batch_module, "flush_to_disk", lambda paths: flushes.append(len(paths)))
    (tmp_path / "same.ics").write_bytes(b"same")
    with AtomicBatch() as batch:
        for n in range(50):
            assert batch.write_if_changed(tmp_path / "feeds" / f"{n}.ics", f"feed {n}".encode(), mode=0o644)
        assert not batch.write_if_changed(tmp_path / "same.ics", b"same")
        assert not (tmp_path / "feeds" / "0.ics").exists()  # staged, not visible yet
    assert flushes == [50]
    assert (tmp_path / "feeds" / "7.ics").read_bytes() == b"feed 7"
    assert (tmp_path / "feeds" / "7.ics").stat().st_mode & 0o777 == 0o644
    assert not leftover_temp_files(tmp_path / "feeds")


def test_a_failure_leaves_the_old_files_and_no_temporary_ones(tmp_path: Path) -> None:
    old = tmp_path / "a.ics"
    old.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicBatch() as batch:
        batch.write_if_changed(old, b"new")
        batch.write_if_changed(tmp_path / "b.ics", b"new")
        raise RuntimeError("serialising failed")
    assert old.read_bytes() == b"old" and not (tmp_path / "b.ics").exists()
    assert not leftover_temp_files(tmp_path)


def test_a_link_planted_in_the_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "x.ics").symlink_to(outside)
    with AtomicBatch() as batch:
        batch.write_if_changed(feeds / "x.ics", b"feed")
    assert outside.read_bytes() == b"keep"
    assert not (feeds / "x.ics").is_symlink() and (feeds / "x.ics").read_bytes() == b"feed"


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_bytes(b"a")
    os.chmod(path, 0o600)
    with AtomicBatch() as batch:
        batch.write_if_changed(path, b"b")
    assert path.stat().st_mode & 0o777 == 0o600
