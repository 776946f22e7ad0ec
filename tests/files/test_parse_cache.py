"""The parse cache: an unchanged file is read back, never a stale, damaged or foreign entry."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mh_planner.files import parse_cache
from mh_planner.files.parse_cache import ParseCache, read_cached
from mh_planner.files.yaml_read import read_yaml
from mh_planner.loading import InvalidData, load
from mh_planner.problems import Problems


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.ENV, str(folder))
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parse_cache, "parse_bytes", refuse)


def entries(folder: Path) -> list[Path]:
    return sorted((folder / "parsed").glob("*/*.pickle"))


def test_an_unchanged_folder_is_not_parsed_again(cache: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load(data_copy)
    assert entries(cache)  # every file parsed once, kept
    _no_parsing(monkeypatch)
    again = load(data_copy)
    assert [f.plan for f in again.plans] == [f.plan for f in first.plans]
    assert again.plans[0].source.lines == first.plans[0].source.lines
    assert again.plans[0].source.path == first.plans[0].source.path


def test_a_changed_file_is_parsed(cache: Path, data_copy: Path) -> None:
    load(data_copy)
    plan = next((data_copy / "plans").rglob("ee2.yaml"))
    plan.write_text(plan.read_text().replace("title: Cambridge Maths Hub 2019/20", "title: Changed"))
    assert load(data_copy).plans[0].plan.title == "Changed"


def test_the_same_bytes_elsewhere_share_an_entry(cache: Path, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text("x: 1\n")
    read_cached(tmp_path / "a.yaml", Problems())
    source = read_cached(tmp_path / "b.yaml", Problems())
    assert source is not None and source.path == tmp_path / "b.yaml" and source.data == {"x": 1}
    assert len(entries(cache)) == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_is_removed_and_the_file_parsed(cache: Path, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("when: 2019-10-01\nitems: [1, 2]\n")
    expected = read_yaml(path, Problems())
    read_cached(path, Problems())
    (entry,) = entries(cache)
    blob = entry.read_bytes()
    entry.write_bytes(
        {"truncate": blob[: len(blob) // 2], "flip": blob[:-1] + bytes([blob[-1] ^ 1]), "garbage": b"\x80\x05junk",
         "empty": b""}[damage]
    )  # fmt: skip
    source = read_cached(path, Problems())
    assert source is not None and expected is not None and source.data == expected.data
    assert entries(cache) and entries(cache)[0].read_bytes() == blob  # parsed and kept again


def test_an_entry_for_other_bytes_is_not_used(cache: Path, tmp_path: Path) -> None:
    """An entry stored under a key is only used for the bytes of that key (the key is checked inside it)."""
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("x: 1\n")
    b.write_text("x: 2\n")
    read_cached(a, Problems())
    store = parse_cache.current()
    assert store is not None
    (entry,) = entries(cache)
    planted = store._path(store.key(b.read_bytes()))
    planted.parent.mkdir(exist_ok=True)
    planted.write_bytes(entry.read_bytes())  # a's parse under b's key
    source = read_cached(b, Problems())
    assert source is not None and source.data == {"x": 2}


def test_another_program_version_does_not_share_entries(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("x: 1\n")
    one = ParseCache(cache)
    other = ParseCache(cache)
    other.stamp = b"another reader"
    assert one.key(path.read_bytes()) != other.key(path.read_bytes())


def test_files_with_problems_are_parsed_every_time(cache: Path, data_copy: Path) -> None:
    plan = next((data_copy / "plans").rglob("ee2.yaml"))
    plan.write_text(plan.read_text() + "hub: ee2\n")  # a duplicate key
    for _ in range(2):
        with pytest.raises(InvalidData) as failed:
            load(data_copy)
        assert any("duplicate key" in p.message for p in failed.value.problems)


def test_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(parse_cache.ENV, "off")
    assert parse_cache.current() is None
    (tmp_path / "f.yaml").write_text("x: 1\n")
    source = read_cached(tmp_path / "f.yaml", Problems())
    assert source is not None and source.data == {"x": 1}


@pytest.mark.parametrize("part", ["", "parsed"])
def test_a_folder_others_can_write_to_is_not_used(tmp_path: Path, part: str) -> None:
    """Entries are pickles: a folder anyone else can write to could hand the planner code to run."""
    folder = tmp_path / "shared"
    (folder / "parsed").mkdir(parents=True)
    (folder / part).chmod(0o777)
    assert ParseCache.at(folder) is None
    (folder / part).chmod(0o700)
    assert ParseCache.at(folder) is not None


def test_unreadable_files_are_reported_as_before(cache: Path, tmp_path: Path) -> None:
    problems = Problems()
    assert read_cached(tmp_path / "missing.yaml", problems) is None
    assert "cannot read the file" in next(iter(problems)).message


def test_entries_unused_for_a_month_are_pruned(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("x: 1\n")
    read_cached(path, Problems())
    (entry,) = entries(cache)
    old = time.time() - (parse_cache.MAX_AGE_DAYS + 1) * parse_cache.DAY
    os.utime(entry, (old, old))
    (cache / "parsed" / ".pruned").unlink()  # the last pruning was over a day ago
    store = ParseCache(cache)
    assert store.prune() == 1 and not entries(cache)
    assert store.prune() == 0  # once a process
