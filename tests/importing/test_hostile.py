"""Bad input: one readable line naming the source (and the line), or a bounded result; never a hang."""

from __future__ import annotations

import re

import pytest

from mh_planner.importing import ImportFailure, Limits, read_ics
from tests.importing.conftest import ICS, YEAR, at

HEAD = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n"
EVENT = b"BEGIN:VEVENT\r\nUID:e%d@example.org\r\nDTSTART:20191010T100000Z\r\nDTEND:20191010T110000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\n"


def fail(data: bytes, source: str = "hostile.ics", limits: Limits | None = None) -> str:
    with pytest.raises(ImportFailure) as caught:
        read_ics(data, source=source, start=YEAR[0], end=YEAR[1], limits=limits or Limits())
    text = str(caught.value)
    assert "\n" not in text and text.startswith(source + ":")
    return text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("not-ical.html", "not-ical.html: line 1: is not an iCalendar file (it begins '<!DOCTYPE html>')"),
        ("truncated.ics", "truncated.ics: is truncated: BEGIN:VEVENT of line 10 is never closed (the file ends at line 12)"),
        ("bad-tzid.ics", "bad-tzid.ics: line 6: DTSTART names the time zone 'Mars/Olympus Mons'"),
        ("bad-vtimezone.ics", "bad-vtimezone.ics: line 9: the time zone defined above: mandatory TZOFFSETFROM"),
        ("bad-date.ics", "bad-date.ics: line 7: DTSTART: "),
        ("secondly.ics", "secondly.ics: line 8: event 'secondly@example.org': RRULE FREQ=SECONDLY: from 2019-09-01"),
        ("minutely.ics", "minutely.ics: line 8: event 'minutely@example.org': RRULE FREQ=MINUTELY;COUNT=5000000"),
        ("bysetpos-secondly.ics", "BYSETPOS with a FREQ shorter than a day is not supported"),
        ("interval-zero.ics", "INTERVAL must be at least 1"),
    ],
)  # fmt: skip
def test_hostile_files_fail_with_one_line(name: str, expected: str) -> None:
    message = fail((ICS / "hostile" / name).read_bytes(), source=name)
    assert expected in message


def test_rule_without_end_is_expanded_only_within_the_window() -> None:
    reading = read_ics((ICS / "hostile" / "rrule-no-end.ics").read_bytes(), source="s", start=YEAR[0], end=YEAR[1])
    assert len(reading.events) == 366  # every day of 2019/20 (a leap year), none after
    assert reading.events[0].start == at(2019, 9, 1, 9) and reading.events[-1].start == at(2020, 8, 31, 9)


def test_rule_that_never_matches_again_is_bounded() -> None:
    """FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30: dateutil would search to the year 9999 (4 s); only DTSTART stays."""
    reading = read_ics((ICS / "hostile" / "impossible-rule.ics").read_bytes(), source="s", start=YEAR[0], end=YEAR[1])
    assert [e.start for e in reading.events] == [at(2019, 9, 1, 10)]


def test_enormous_file_is_refused_before_parsing() -> None:
    data = HEAD + b"".join(EVENT % i for i in range(2000)) + b"END:VCALENDAR\r\n"
    assert "more than the limit of 100,000" in fail(data, limits=Limits(max_bytes=100_000))
    # the default cap: 20 MB, generated here rather than committed
    huge = HEAD + b"X-PAD:" + b"x" * (21 * 1024 * 1024) + b"\r\nEND:VCALENDAR\r\n"
    assert "more than the limit of 20,971,520" in fail(huge)


def test_too_many_components_or_instances() -> None:
    data = HEAD + b"".join(EVENT % i for i in range(300)) + b"END:VCALENDAR\r\n"
    assert "more than 200 components" in fail(data, limits=Limits(max_components=200))
    assert "more than 100 events in the window" in fail(data, limits=Limits(max_instances=100))


def test_million_instances_are_refused_not_listed() -> None:
    rule = (
        HEAD
        + b"BEGIN:VEVENT\r\nUID:h\r\nDTSTART:20190901T000000Z\r\nRRULE:FREQ=HOURLY;INTERVAL=1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert "instances in the window" in fail(rule, limits=Limits(max_instances=5000))
    assert (
        len(read_ics(rule, source="h", start=YEAR[0], end=YEAR[1]).events) == 366 * 24 - 1
    )  # under the default cap (00:00Z is 01:00 BST)


def test_deeply_nested_components() -> None:
    depth = 50_000
    data = HEAD + b"BEGIN:VEVENT\r\n" * depth + b"END:VEVENT\r\n" * depth + b"END:VCALENDAR\r\n"
    assert re.search(r"hostile.ics: line \d+: components are nested more than 8 deep", fail(data))


def test_binary_and_empty_input() -> None:
    assert "binary" in fail(bytes(range(256)) * 100)
    assert fail(b"") == "hostile.ics: is empty"
    assert "END:VTODO does not close BEGIN:VEVENT of line 4" in fail(
        HEAD + b"BEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )


def test_many_impossible_rules_exhaust_the_file_budget() -> None:
    rule = b"BEGIN:VEVENT\r\nUID:n%d\r\nDTSTART:20190901T090000Z\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\r\nEND:VEVENT\r\n"
    data = HEAD + b"".join(rule % i for i in range(30)) + b"END:VCALENDAR\r\n"
    assert "take more than 500,000 steps to expand" in fail(data, limits=Limits(max_total_steps=500_000))


def test_a_file_with_two_calendars_reads_both() -> None:
    one = HEAD + EVENT % 1 + b"END:VCALENDAR\r\n"
    assert len(read_ics(one + one.replace(b"e1@", b"e2@"), source="two", start=YEAR[0], end=YEAR[1]).events) == 2
