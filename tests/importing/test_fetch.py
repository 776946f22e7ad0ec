"""The fetch path against a local HTTP server on 127.0.0.1, started by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from mh_planner.importing import ImportFailure, fetch, load
from mh_planner.importing.fetch import Timeouts, cached
from tests.importing.conftest import BODY, ETAG, Handler

FAST = Timeouts(connect=2, read=0.5, total=5)


def test_200_then_304_costs_one_request(server: str, tmp_path: Path) -> None:
    first = fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST)
    assert first.body == BODY and first.fresh and not first.not_modified
    second = fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST)
    assert second.body == BODY and second.fresh and second.not_modified and second.note is None
    assert Handler.hits == [("/venue.ics", 200), ("/venue.ics", 304)]
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".ics", ".json"]  # no temporary files left


def test_last_modified_alone_is_enough(server: str, tmp_path: Path) -> None:
    fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST)
    meta = next(tmp_path.glob("*.json"))
    meta.write_text(meta.read_text().replace(ETAG.replace('"', '\\"'), ""))
    assert fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST).not_modified


def test_redirect_and_webcal(server: str, tmp_path: Path) -> None:
    assert fetch(f"{server}/moved", tmp_path, timeouts=FAST).body == BODY


def test_a_redirect_elsewhere_is_refused_without_quoting_its_address(server: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFailure) as failed:
        fetch(f"{server}/to-ftp", tmp_path, timeouts=FAST)
    assert "not an http(s) address" in str(failed.value) and "s3cret" not in str(failed.value)


def test_timeout_oversize_and_errors_without_a_cache(server: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="did not answer in time"):
        fetch(f"{server}/slow", tmp_path, timeouts=FAST)
    with pytest.raises(ImportFailure, match="more than the limit of 100,000 bytes"):
        fetch(f"{server}/endless", tmp_path, max_bytes=100_000, timeouts=FAST)
    with pytest.raises(ImportFailure, match="1,000,000,000 bytes, more than the limit"):
        fetch(f"{server}/declared", tmp_path, max_bytes=100_000, timeouts=FAST)
    with pytest.raises(ImportFailure, match="more than the limit of 100,000 bytes"):
        fetch(f"{server}/bomb", tmp_path, max_bytes=100_000, timeouts=FAST)
    with pytest.raises(ImportFailure, match=r"/gone: cannot be fetched: HTTP 503"):
        fetch(f"{server}/gone", tmp_path, timeouts=FAST)
    assert list(tmp_path.iterdir()) == []  # nothing cached from failures


def test_server_down_gives_the_last_good_copy(server: str, tmp_path: Path) -> None:
    url = f"{server}/venue.ics"
    fetch(url, tmp_path, timeouts=FAST)
    dead = "http://127.0.0.1:9/venue.ics"  # the discard port: nothing listens
    with pytest.raises(ImportFailure, match="connection was refused"):
        fetch(dead, tmp_path, timeouts=FAST)
    # same cache entry, server gone: rename the cached pair to the dead address's key
    from mh_planner.importing.fetch import _Cache

    live, gone = _Cache(tmp_path, url), _Cache(tmp_path, dead)
    live.body_path.rename(gone.body_path)
    live.meta_path.rename(gone.meta_path)
    stale = fetch(dead, tmp_path, timeouts=FAST)
    assert stale.body == BODY and not stale.fresh
    assert (
        stale.note
        and stale.note.startswith("stale since ")
        and stale.note.endswith("because the connection was refused")
    )


def test_half_written_cache_is_ignored(server: str, tmp_path: Path) -> None:
    url = f"{server}/venue.ics"
    fetch(url, tmp_path, timeouts=FAST)
    next(tmp_path.glob("*.ics")).write_bytes(b"BEGIN:VCAL")  # body replaced, validators of the old one
    assert not fetch(url, tmp_path, timeouts=FAST).not_modified  # fetched afresh, not trusted


def test_load_reads_paths_with_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "a.ics"
    path.write_bytes(BODY)
    assert load(str(path), tmp_path / "cache").body == BODY
    with pytest.raises(ImportFailure, match="larger than the limit"):
        load(str(path), tmp_path / "other", max_bytes=100)
    with pytest.raises(ImportFailure, match="cannot be read"):
        load(str(tmp_path / "missing.ics"), tmp_path / "cache")
    assert load("a.ics", tmp_path / "cache", base=tmp_path).body == BODY  # relative to the data folder


def test_a_file_gone_or_refused_keeps_its_last_good_copy(tmp_path: Path) -> None:
    path, cache = tmp_path / "a.ics", tmp_path / "cache"
    path.write_bytes(BODY)
    load(str(path), cache)
    path.unlink()
    stale = load(str(path), cache)
    assert stale.body == BODY and not stale.fresh and stale.note and "cannot be read" in stale.note
    copy = cached(str(path), cache)
    assert copy is not None and copy.body == BODY and copy.note == stale.note  # what `check` says

    def refuse(body: bytes) -> None:
        raise ImportFailure(str(path), "DTSTART: bad", line=7)

    path.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    kept = load(str(path), cache, accept=refuse)
    assert kept.body == BODY and kept.note and kept.note.endswith("the copy read now is unusable (line 7: DTSTART: bad)")
    path.write_bytes(BODY)
    fresh = load(str(path), cache, accept=lambda body: None)
    assert fresh.fresh and fresh.note is None
    again = cached(str(path), cache)
    assert again is not None and again.fresh and again.note is None  # a good copy clears the note


def test_a_refused_first_copy_is_not_kept(server: str, tmp_path: Path) -> None:
    def refuse(body: bytes) -> None:
        raise ImportFailure("x", "not iCalendar")

    with pytest.raises(ImportFailure, match="not iCalendar"):
        fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST, accept=refuse)
    assert list(tmp_path.iterdir()) == [] and cached(f"{server}/venue.ics", tmp_path) is None


def test_copies_are_owner_only_and_a_killed_imports_leftovers_go(server: str, tmp_path: Path) -> None:
    """Issue 11's temp-file hygiene for the import cache: copies written through files.atomic, so a copy left
    half-written by a killed import is named as such and removed by the next import."""
    leftover = tmp_path / ".mh-planner-0123abcd.ics.k3j_x9ab.tmp"
    leftover.write_bytes(b"BEGIN:VCAL")
    fetch(f"{server}/venue.ics", tmp_path, timeouts=FAST)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".ics", ".json"]
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in tmp_path.iterdir())
    leftover.write_bytes(b"BEGIN:VCAL")
    source = tmp_path.parent / f"{tmp_path.name}-busy.ics"
    source.write_bytes(BODY)
    load(str(source), tmp_path)
    assert not leftover.exists()
