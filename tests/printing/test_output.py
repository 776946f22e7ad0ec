"""A printed page is written as every file the planner writes: all at once, never half a page, the old one
kept when printing fails (issue 11's atomic saves, for main's `print` and the planner's P)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from mh_planner.files.atomic import leftover_temp_files
from mh_planner.printing import to_pdf, write_page
from mh_planner.printing.pdf import browse


def test_a_page_is_written_whole_with_the_usual_mode(tmp_path: Path) -> None:
    out = tmp_path / "planner.html"
    write_page(out, b"<html>new</html>")
    assert out.read_bytes() == b"<html>new</html>" and stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o600)
    write_page(out, b"again")
    assert out.read_bytes() == b"again" and stat.S_IMODE(out.stat().st_mode) == 0o600  # its own mode kept
    assert not leftover_temp_files(tmp_path)


def test_an_interrupted_write_leaves_the_old_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "planner.html"
    out.write_bytes(b"old")

    def killed(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_page(out, b"new" * 10_000)
    assert out.read_bytes() == b"old" and not leftover_temp_files(tmp_path)


def test_through_a_link_the_file_behind_it_changes(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_bytes(b"old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_page(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_device_is_written_to_a_folder_or_a_missing_one_refused(tmp_path: Path) -> None:
    write_page(Path(os.devnull), b"nothing")  # --out /dev/null (or /dev/stdout): written, not replaced
    assert Path(os.devnull).is_char_device()
    with pytest.raises(IsADirectoryError):
        write_page(tmp_path, b"x")
    with pytest.raises(FileNotFoundError):
        write_page(tmp_path / "typo" / "planner.html", b"x")
    assert not (tmp_path / "typo").exists()  # no folder made for a mistyped path


def _browser(tmp_path: Path, script: str) -> str:
    path = tmp_path / "fake-browser"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return str(path)


def test_a_failed_pdf_keeps_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "planner.pdf"
    out.write_bytes(b"%PDF old")
    monkeypatch.setenv("MH_PLANNER_BROWSER", _browser(tmp_path, "exit 1"))  # prints nothing
    with pytest.raises(OSError, match="did not write"):
        to_pdf("<html></html>", out)
    assert out.read_bytes() == b"%PDF old"
    script = 'for a in "$@"; do case "$a" in --print-to-pdf=*) printf "%%PDF new" > "${a#--print-to-pdf=}";; esac; done'
    monkeypatch.setenv("MH_PLANNER_BROWSER", _browser(tmp_path, script))
    to_pdf("<html></html>", out)
    assert out.read_bytes() == b"%PDF new" and not leftover_temp_files(tmp_path)


def test_a_browser_that_hangs_is_an_error_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MH_PLANNER_BROWSER", _browser(tmp_path, "exec sleep 30"))
    with pytest.raises(OSError, match=r"took longer than 0\.5 s"):
        browse("<html></html>", "--print-to-pdf=/dev/null", timeout=0.5)
