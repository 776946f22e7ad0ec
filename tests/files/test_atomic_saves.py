"""Saving a user's file: the writers' lock, read-only files, a change made by someone else just before or
during the rename, owner-only temporary copies that .gitignore covers and the next start removes."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest

from mh_planner.files import atomic
from mh_planner.files.atomic import ChangedSince, Fingerprint, leftover_temp_files, remove_leftovers, save_file
from mh_planner.files.lock import Busy, writing
from tests.builders import ROOT


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "ee2.yaml"
    path.parent.mkdir()
    path.write_bytes(b"hub: ee2  # a comment\n")
    return path


def read(path: Path) -> Fingerprint:
    return Fingerprint.of(path, path.read_bytes())


def test_a_save_replaces_the_file_and_keeps_its_mode(plan: Path) -> None:
    plan.chmod(0o640)
    found = save_file(plan, b"hub: ee3\n", expect=read(plan))
    assert plan.read_bytes() == b"hub: ee3\n" and found == read(plan)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640 and not leftover_temp_files(plan.parent)


def test_a_read_only_file_is_not_overwritten(plan: Path) -> None:
    plan.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        save_file(plan, b"hub: ee3\n", expect=read(plan))
    assert plan.read_bytes() == b"hub: ee2  # a comment\n" and not leftover_temp_files(plan.parent)


def test_a_change_made_since_the_file_was_read_is_not_overwritten(plan: Path) -> None:
    seen = read(plan)
    plan.write_bytes(b"hub: theirs\n")
    with pytest.raises(ChangedSince):
        save_file(plan, b"hub: ours\n", expect=seen)
    assert plan.read_bytes() == b"hub: theirs\n"


def test_a_change_made_just_before_the_rename_is_kept(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = read(plan)
    real_open_old = atomic._open_old

    def late(target: Path) -> int | None:  # the old file is opened just before the last check and the rename
        plan.write_bytes(b"hub: theirs\n")
        return real_open_old(target)

    monkeypatch.setattr(atomic, "_open_old", late)
    with pytest.raises(ChangedSince):
        save_file(plan, b"hub: ours\n", expect=seen)
    assert plan.read_bytes() == b"hub: theirs\n" and not leftover_temp_files(plan.parent)


def test_a_change_written_during_the_rename_is_put_back(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = read(plan)
    real_replace = os.replace

    def during(src: str, dst: str) -> None:
        if Path(dst) == plan and "mh-planner" in Path(src).name and b"ours" in Path(src).read_bytes():
            plan.write_bytes(b"hub: theirs\n")  # in place, into the file being replaced
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", during)
    with pytest.raises(ChangedSince, match="kept that change"):
        save_file(plan, b"hub: ours\n", expect=seen)
    assert plan.read_bytes() == b"hub: theirs\n" and not leftover_temp_files(plan.parent)


def test_an_exclusive_save_never_replaces_a_file(plan: Path) -> None:
    with pytest.raises(FileExistsError):
        save_file(plan, b"hub: new\n", expect=None, exclusive=True)
    new = plan.parent / "ee3.yaml"
    save_file(new, b"hub: ee3\n", expect=None, exclusive=True)
    assert new.read_bytes() == b"hub: ee3\n" and stat.S_IMODE(new.stat().st_mode) == atomic.NEW_FILE_MODE


def test_the_temporary_copy_is_owner_only_and_ignored_by_git(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append((Path(src).name, stat.S_IMODE(os.stat(src).st_mode)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save_file(plan, b"hub: ee3\n", expect=read(plan))
    [(name, mode)] = seen
    assert name.startswith(".mh-planner-ee2.yaml.") and name.endswith(".tmp") and mode == 0o600
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", f"data/plans/{name}"])
    assert ignored.returncode == 0


def test_leftovers_are_removed_unless_a_writer_is_at_work(plan: Path) -> None:
    for name in (".mh-planner-ee2.yaml.ab12cd34.tmp", ".ee2.yaml.k3j_x9.tmp"):  # ours; an older version's
        (plan.parent / name).write_bytes(plan.read_bytes())
    with writing(plan.parent):  # a save under way in another process keeps its file
        holder = threading.Thread(target=lambda: remove_leftovers(plan.parent))
        holder.start()
        holder.join()
        assert len(leftover_temp_files(plan.parent)) == 2
    assert len(remove_leftovers(plan.parent)) == 2 and not leftover_temp_files(plan.parent)


def test_two_writers_take_turns_and_a_stuck_one_makes_the_other_give_up(plan: Path) -> None:
    order: list[str] = []

    def second() -> None:
        with writing(plan.parent):
            order.append("second")

    with writing(plan.parent):
        other = threading.Thread(target=second)
        other.start()
        time.sleep(0.2)
        order.append("first")
        with pytest.raises(Busy, match="another mh-planner is writing"), writing(plan.parent, wait=0.05):
            pass
    other.join()
    assert order == ["first", "second"]
