"""What the command line prints for a person at a terminal: lines that fit it, clash marks and projects in the
agenda, dates typed as people say them, the ids the filters take, a printable year planner, and exit codes as
the README says."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mh_planner.cli import main
from mh_planner.printing import find_browser
from tests.builders import DATA


def at_a_terminal(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """Standard output as a terminal of `width` columns (pytest's capture is none)."""
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


def test_check_fits_the_terminal(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    at_a_terminal(monkeypatch, 80)
    main(["check", "--data", str(DATA)])
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    at = next(i for i, line in enumerate(lines) if "cannot get from Birmingham" in line)
    assert lines[at].startswith("    x ") and lines[at + 1].startswith("      ")  # wrapped under its mark


def test_a_pipe_gets_one_line_per_conflict(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # not a terminal: however wide $COLUMNS says it is
    main(["check", "--data", str(DATA)])
    lines = capsys.readouterr().out.splitlines()
    assert any(len(line) > 200 and "Birmingham" in line for line in lines)  # for grep, not wrapped


def test_the_agenda_marks_clashes_and_names_projects(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    at_a_terminal(monkeypatch, 100)
    assert main(["agenda", "--data", str(DATA)]) == 1  # the sample's hard conflicts, as check says
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    clash = next(line for line in lines if "Peterborough Primary TfM Development: meeting 2" in line)
    assert clash.startswith("x Tue 12 Nov 13:00-16:00") and " 19-09 " in clash
    closes = [line for line in lines if "Participant recruitment window closes" in line]
    assert {line.split()[4] for line in closes} == {"19-21", "19-22", "19-23"}  # told apart by project
    assert "x hard conflict, ! warning, ~ provisional" in out


def test_dates_in_filters_as_people_type_them(capsys: pytest.CaptureFixture[str]) -> None:
    main(["agenda", "--data", str(DATA), "--format", "json", "--from", "2019-11-14", "--to", "2019-11-21"])
    iso = json.loads(capsys.readouterr().out)
    main(["agenda", "--data", str(DATA), "--format", "json", "--from", "14 Nov", "--to", "21/11/2019"])
    assert json.loads(capsys.readouterr().out) == iso and iso
    main(["agenda", "--data", str(DATA), "--format", "json", "--from", "spring 2", "--to", "spring 2"])
    assert {e["start"][:10] for e in json.loads(capsys.readouterr().out)} <= {"2020-02-24"}


def test_an_unreadable_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agenda", "--data", str(DATA), "--to", "31 Nov"]) == 2
    assert "--to: there is no such date as '31 Nov'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kind", "first", "found"),
    [
        ("people", "id ", "pshah"),
        ("venues", "id ", "comberton-hall"),
        ("groups", "id ", "wg-peterborough"),
    ],
)
def test_listings_give_the_ids_the_filters_take(
    capsys: pytest.CaptureFixture[str], kind: str, first: str, found: str
) -> None:
    assert main([kind, "--data", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(first) and f"\n{found} " in out
    assert main([kind, "--data", str(DATA), "--format", "json"]) == 0
    assert found in {row["id"] for row in json.loads(capsys.readouterr().out)}


def test_people_show_days_against_allowance(capsys: pytest.CaptureFixture[str]) -> None:
    main(["people", "--data", str(DATA), "--format", "json"])
    mark = next(row for row in json.loads(capsys.readouterr().out) if row["id"] == "mellis")
    assert mark["days"] == 24.5 and mark["allowance"] == 30 and mark["events"] > 0


def test_exit_codes_are_as_the_readme_says(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "| `agenda` |" in readme and "| `export`, `publish`, `print` |" in readme
    assert main(["check", "--data", str(DATA)]) == 1
    assert main(["agenda", "--data", str(DATA)]) == 1
    assert main(["agenda", "--data", str(DATA), "--person", "gliu"]) == 0  # none of her conflicts is an error
    assert main(["check", "--data", str(DATA), "--person", "gliu"]) == 0
    assert main(["people", "--data", str(DATA)]) == 0
    assert main(["export", "--data", str(DATA), "--out", str(tmp_path / "feeds")]) == 0  # written: 0
    assert main(["print", "--data", str(DATA), "--out", str(tmp_path / "p.html")]) == 0


def test_print_writes_a_planner_for_a_person(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "planner.html"
    assert main(["print", "--data", str(DATA), "--person", "pshah", "--out", str(out)]) == 0
    page = out.read_text()
    assert "Priya Shah" in page and "A3 landscape" in page and "Peterborough" in page
    assert "the year planner on one A3 landscape page" in capsys.readouterr().out
    assert main(["print", "--data", str(DATA), "--person", "nobody"]) == 2


@pytest.mark.skipif(find_browser() is None, reason="no Chromium or Chrome to print a PDF with")
def test_print_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "planner.pdf"
    assert main(["print", "--data", str(DATA), "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_print_a_pdf_without_a_browser_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MH_PLANNER_BROWSER", str(tmp_path / "no-such-browser"))
    assert main(["print", "--data", str(DATA), "--format", "pdf", "--out", str(tmp_path / "p.pdf")]) == 2
    assert "print it from a browser" in capsys.readouterr().err
