"""Text from the data never drives the terminal (issue 11): the reports show control characters escaped, keep
one line per event whatever a title holds, and their JSON is JSON with nothing raw a terminal would act on."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.cli import main
from mh_planner.loading import Dataset
from mh_planner.problems import visible
from mh_planner.report import agenda_json, agenda_text, conflicts_text, json_text, lines_text, table_text, wrapped
from mh_planner.rules import Conflict, Severity
from tests.builders import DATA, SAMPLE_PLAN

# A newline between lines is the one allowed; the bidi controls would reorder a line ("Trojan Source").
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROL = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI}]")
TITLE = "Senior \x1b]0;owned\x07 briefing\tx\ny \x1b[2J \x9b31m [/] end"
SHOWN = "Senior \\x1b]0;owned\\x07 briefing\\tx\\ny \\x1b[2J \\x9b31m [/] end"
# Any text, control characters (C0, C1, the Unicode line separators, the bidi controls) well represented.
TEXTS = st.text(st.one_of(st.characters(), st.sampled_from(f"\x1b\x07\t\n\r\x00\x7f\x85\x9b\u2028\u2029{BIDI}[]\\")))


NAMES = (TITLE, "Priya \x1b]0;owned\x07 Shah", "Comberton \x9b31m hall", "Peterborough \x1b[2J WG\n")


@pytest.fixture(scope="module")
def calendar(shipped: Dataset) -> Calendar:
    return assemble(shipped)


# --- the report's text and JSON, on any text ------------------------------------------------------------


@given(text=TEXTS)
def test_visible_leaves_no_control_character_and_changes_nothing_else(text: str) -> None:
    shown = visible(text)
    assert not CONTROL.search(shown) and "\n" not in shown
    if not CONTROL.search(text) and "\n" not in text:
        assert shown == text


def test_visible_escapes_the_bidi_controls_and_keeps_letters_emoji_and_joiners() -> None:
    text = "admin\u202e\u2066 txt.exe\u2069\u202c \u200f\u061c"
    assert visible(text) == "admin\\u202e\\u2066 txt.exe\\u2069\\u202c \\u200f\\u061c"
    kept = "Zoë Ødegård, Łódź, Ελένη, Марія, محمد, יעל, 李雷, 👩\u200d👩\u200d👧, e\u0301, \u200c"
    assert visible(kept) == kept


@given(text=TEXTS, width=st.one_of(st.none(), st.integers(20, 120)))
def test_a_wrapped_line_holds_no_control_character(text: str, width: int | None) -> None:
    lines = wrapped(text, width, 4)
    assert not any(CONTROL.search(line) or "\n" in line for line in lines)
    if width is None:
        assert len(lines) == 1


@given(lines=st.lists(TEXTS, max_size=5))
def test_lines_text_is_one_line_per_line(lines: list[str]) -> None:
    text = lines_text(lines)
    assert not CONTROL.search(text)
    assert text.count("\n") == max(len(lines) - 1, 0)


@given(rows=st.lists(st.tuples(TEXTS, TEXTS), max_size=4))
def test_a_table_holds_no_control_character(rows: list[tuple[str, str]]) -> None:
    text = table_text(("id", "name"), rows)
    assert not CONTROL.search(text) and text.count("\n") == len(rows)


DOCUMENTS = st.recursive(st.one_of(st.none(), TEXTS), lambda inner: st.lists(inner) | st.dictionaries(TEXTS, inner))


@given(document=DOCUMENTS)
def test_json_text_is_the_same_document_with_nothing_raw(document: object) -> None:
    text = json_text(document)
    assert json.loads(text) == document
    assert not CONTROL.search(text.replace("\n", " "))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXTS, where=TEXTS)
def test_an_agenda_is_one_line_per_event_whatever_the_titles(calendar: Calendar, title: str, where: str) -> None:
    events = [dataclasses.replace(e, title=title, location=where or None) for e in calendar.events[:5]]
    for width in (None, 100):
        text = agenda_text(calendar, events, [], [], width)
        assert not CONTROL.search(text)
        if width is None:
            assert len(text.split("\n")) == len(events) + 2  # a line per event, a blank line, the count
    message = f"{title!s} is booked twice"
    conflict = Conflict("double-booked-person", Severity.ERROR, message, event_ids=(events[0].id,))
    assert not CONTROL.search(conflicts_text(calendar, [conflict]))
    assert [e["title"] for e in json.loads(agenda_json(calendar, events))] == [title] * len(events)


# --- every command that prints the data, end to end -----------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with an event's title, a person's, a venue's and a work group's names holding terminal
    escapes (set the window's title, clear the screen, an 8-bit CSI), a tab, a newline and a bidi override."""
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, data)
    plan = data / SAMPLE_PLAN.relative_to(DATA)
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("title: Senior leaders' briefing on Teaching for Mastery", f"title: {json.dumps(TITLE)}"),
        ("name: Priya Shah", 'name: "Priya \\e]0;owned\\a Shah\\t[/] \\u202eevil\\u202c"'),
        ("name: Peterborough Primary TfM Development", 'name: "Peterborough \\e[2J WG\\n[bold red]x"'),
        ("name: Comberton Village College hall,", 'name: "Comberton \\x9b31m hall [@click=app.quit]boom[/]",'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    return data


COMMANDS = [
    ["check"],
    ["agenda"],
    ["agenda", "--person", "pshah"],
    ["people"],
    ["venues"],
    ["groups"],
    ["suggest", "--work-group", "wg-peterborough", "--limit", "2"],
    ["place"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_command_prints_a_control_character_from_the_data(capsys, hostile: Path, command: list[str]) -> None:
    assert main([*command, "--data", str(hostile)]) in (0, 1)
    out, err = capsys.readouterr()
    assert not CONTROL.search(out) and not CONTROL.search(err)
    assert "\\x1b" in out or "\\x9b" in out  # shown escaped, not dropped


def test_the_agenda_shows_the_title_escaped_on_its_one_line(capsys, hostile: Path) -> None:
    main(["agenda", "--data", str(hostile)])
    lines = [line for line in capsys.readouterr().out.split("\n") if "Senior \\x1b" in line]
    assert len(lines) == 1 and SHOWN in lines[0] and lines[0].startswith("x Wed 23 Oct 09:30-12:00")


@pytest.mark.parametrize("command", [c for c in COMMANDS if c[0] != "agenda" or len(c) == 1], ids=" ".join)
def test_the_json_holds_the_data_as_written(capsys, hostile: Path, command: list[str]) -> None:
    main([*command, "--data", str(hostile), "--format", "json"])
    out = capsys.readouterr().out
    assert not CONTROL.search(out.replace("\n", " "))
    document = json.loads(out)
    assert any(name in text for text in strings(document) for name in NAMES)


def strings(document: object) -> list[str]:
    if isinstance(document, dict):
        return [*document, *(s for value in document.values() for s in strings(value))]
    if isinstance(document, list):
        return [s for value in document for s in strings(value)]
    return [document] if isinstance(document, str) else []
