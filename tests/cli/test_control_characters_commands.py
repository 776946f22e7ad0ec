"""Text from an imported calendar or from the data never drives the terminal (issue 11), in the commands that
are not reports: `import` (titles and the source's name from the .ics, the confirmations' table, a stale
copy's reason), `new-year` (its review list), `export`, `publish` and `serve` (feed names, addresses). Their
lines show control characters and bidi controls escaped, as the reports do (tests/cli/test_control_characters.py)."""

from __future__ import annotations

import argparse
import json
import logging
import queue
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from mh_planner.cli import main
from mh_planner.cli.feed_commands import VisibleFormatter, cmd_serve
from tests.builders import DATA, SAMPLE_PLAN
from tests.cli.test_control_characters import CONTROL
from tests.importing.conftest import ICS

EVIL = " \x1b]0;owned\x07 \x1b[2J \x9b31m \u202eevil\u202c \u2066x\u2069 \u200f"  # set the title, clear, CSI, bidi
EVIL_ICS = EVIL + "\\nnext"  # and a newline, as iCalendar text writes it


def clean(out: str, err: str) -> None:
    assert not CONTROL.search(out) and not CONTROL.search(err)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The sample with names, a title and a closure's reason holding EVIL (and a newline)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    plan = data / SAMPLE_PLAN.relative_to(DATA)
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("title: Maths Hub launch conference 2019/20", f"title: {json.dumps('Launch' + EVIL + ' 2019/20')}"),
        ("name: Priya Shah", f"name: {json.dumps('Priya' + EVIL)}"),
        ("name: Rachel Green", f"name: {json.dumps('Rachel' + EVIL)}"),
        ("name: Peterborough Primary TfM Development", f"name: {json.dumps('Peterborough' + EVIL)}"),
        ("reason: INSET day at the lead school", f"reason: {json.dumps('INSET' + EVIL + chr(10) + 'hub: evil')}"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    return data


@pytest.fixture
def calendar_file(tmp_path: Path) -> Path:
    """The national calendar with EVIL in every SUMMARY and LOCATION, in a file whose name holds it too."""
    lines = (ICS / "national.ics").read_text(encoding="utf-8").splitlines()
    lines = [line + EVIL_ICS if line.startswith(("SUMMARY:", "LOCATION:")) else line for line in lines]
    path = tmp_path / "national \x1b[2J\u202e.ics"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    clean(captured.out, captured.err)
    return code, captured.out, captured.err


def test_import_refresh_and_check_show_the_calendar_escaped(
    hostile: Path, calendar_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(hostile)
    code, out, _ = run(capsys, "import", str(calendar_file), "--as", "confirmations", "--approve", "--data", data)
    assert code == 0, out
    assert "from " + str(calendar_file.parent) + "/national \\x1b[2J\\u202e.ics: " in out  # the source's name
    assert "\\x1b]0;owned\\x07 \\x1b[2J \\x9b31m \\u202eevil\\u202c" in out  # a SUMMARY, in the table
    assert "pinned 19-13/national-workshop" in out
    code, out, _ = run(capsys, "import", "--refresh", "--approve", "--data", data)
    assert code == 0 and "\\u202e.ics" in out
    # The file gone: its last copy kept, the reason said beside the escaped name.
    calendar_file.unlink()
    code, out, err = run(capsys, "import", "--refresh", "--approve", "--data", data)
    assert code == 1 and "\\u202e.ics" in out and "cannot be read" in out
    code, out, err = run(capsys, "check", "--data", data)
    assert "imported confirmed dates from" in out and "\\u202e.ics" in out
    code, out, err = run(capsys, "check", "--data", data, "--format", "json")
    assert "\\u202e.ics" in err


def test_a_new_source_that_cannot_be_read_is_named_escaped(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken \x1b[2J\u202e.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nSUMMARY:\x1b]0;owned\x07\u202e\r\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(broken), "--as", "busy", "--person", "pshah", "--data", str(hostile))
    assert code == 2 and "broken \\x1b[2J\\u202e.ics" in err and "(nothing was linked)" in err


def test_busy_times_with_their_details_are_escaped_where_they_clash(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (ICS / "google.ics").read_text(encoding="utf-8").splitlines()
    source = tmp_path / "priya.ics"
    source.write_text("\r\n".join(x + EVIL_ICS if x.startswith("SUMMARY:") else x for x in lines) + "\r\n", "utf-8")
    argv = ["import", str(source), "--as", "busy", "--person", "pshah", "--own", "--data", str(hostile)]
    assert run(capsys, *argv)[0] == 0
    _, out, _ = run(capsys, "check", "--person", "pshah", "--data", str(hostile))
    assert "Senior leadership briefing \\x1b]0;owned" in out


def test_new_year_reviews_the_names_escaped_and_its_file_keeps_them_in_the_comment(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new-year", "2020/21", "--data", str(hostile))
    assert code == 0, out
    assert "closure Mon 6 Jan 2020 (INSET \\x1b]0;owned\\x07 \\x1b[2J \\x9b31m \\u202eevil" in out
    assert "\\nhub: evil)" in out and "Launch \\x1b]0;owned" in out
    text = (hostile / "plans" / "2020-21" / "ee2.yaml").read_text(encoding="utf-8")
    head = text.split("\n#\n", 1)[0]
    assert all(line.startswith("#") for line in head.split("\n"))  # the reason's newline did not end the comment
    assert yaml.safe_load(text)["hub"] == "ee2"
    assert run(capsys, "check", "--year", "2020/21", "--data", str(hostile))[0] in (0, 1)


def test_export_and_publish_print_the_feed_names_escaped(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "feeds \x1b[2J\u202e")
    code, printed, _ = run(capsys, "export", "--data", str(hostile), "--out", out)
    assert code == 0 and "wrote   " + str(tmp_path) + "/feeds \\x1b[2J\\u202e/ee2/hub.ics" in printed
    site = str(tmp_path / "site")
    argv = ["publish", site, "--data", str(hostile), "--out", out, "--public-url", "https://cal.example.org"]
    code, printed, _ = run(capsys, *argv)
    assert code == 0 and "Cambridge Maths Hub: Priya \\x1b]0;owned\\x07" in printed


def test_print_names_whose_planner_it_is_escaped(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["print", "--person", "pshah", "--format", "html", "--out", str(tmp_path / "p.html"), "--data", str(hostile)]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "Priya \\x1b]0;owned\\x07" in out


@pytest.mark.parametrize("who", [[], ["--person", "pshah"]])
def test_the_printed_svg_stays_well_formed_xml(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], who: list[str]
) -> None:
    """XML allows no control character: one in a title made the whole page an XML error."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "p.svg"
    assert run(capsys, "print", *who, "--format", "svg", "--out", str(out), "--data", str(hostile))[0] == 0
    text = out.read_text(encoding="utf-8")
    ET.fromstring(text)  # raises on a character XML does not allow
    assert "\\x1b]0;owned\\x07" in text  # the hostile name or title, shown escaped


def test_serve_prints_the_feed_names_escaped(hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(data=str(hostile), out=str(tmp_path / "cal"), host="127.0.0.1", port=0, rotate=False,
                              public_url="https://cal.example.org/", max_connections=10, request_timeout=10.0)
    ready: queue.Queue[object] = queue.Queue()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(cmd_serve(args, ready=ready.put)), daemon=True)
    thread.start()
    server = ready.get(timeout=30)
    try:
        printed = capsys.readouterr()
    finally:
        server.stop()  # type: ignore[attr-defined]
    thread.join(timeout=30)
    assert codes == [0]
    clean(printed.out, printed.err)
    assert "Cambridge Maths Hub: Priya \\x1b]0;owned\\x07" in printed.out


def test_the_serve_log_shows_what_it_quotes_escaped() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, 'GET "%s"', ("/a\x1b[2J\u202e\nb",), None)
    line = VisibleFormatter("%(message)s").format(record)
    assert line == 'GET "/a\\x1b[2J\\u202e\\nb"'  # on one line: a newline cannot forge a log line


def test_error_lines_quoting_the_input_are_escaped(capsys: pytest.CaptureFixture[str], hostile: Path) -> None:
    """The one-line errors of `suggest`, `place` and the filters quote what was typed or found, escaped."""
    data = str(hostile)
    programme = hostile / "programme" / "2019-20" / "19-08.yaml"
    text = programme.read_text(encoding="utf-8")
    old = "title: EY transition national workshop Day 1"
    assert old in text
    programme.write_text(text.replace(old, f"title: {json.dumps('EY Day 1' + EVIL)}", 1), encoding="utf-8")
    code, _, err = run(capsys, "suggest", "19-08/day-1", "--data", data)  # "'<title>' is a central event"
    assert code == 2 and "is a central event" in err
    assert run(capsys, "suggest", "no-such" + EVIL, "--data", data)[0] == 2
    assert run(capsys, "suggest", "--work-group", "none" + EVIL, "--data", data)[0] == 2
    assert run(capsys, "check", "--from", "14 Nov" + EVIL, "--data", data)[0] == 2
    assert run(capsys, "place", "--hub", "x" + EVIL, "--data", data)[0] == 2
