"""Random recurrence rules: never past the caps, and the same instances as an unbounded expansion."""

from __future__ import annotations

import datetime as dt

import recurring_ical_events
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from mh_planner.importing import ImportFailure, Limits, read_ics
from mh_planner.importing.zones import to_london
from tests.importing.conftest import YEAR

FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
LIMITS = Limits(max_instances=2_000, max_rule_instances=20_000, max_rule_steps=50_000, max_total_steps=200_000)


def calendar(dtstart: str, rule: str, extra: str = "") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:r@example.org\r\n"
        f"DTSTART;TZID=Europe/London:{dtstart}\r\nDURATION:PT1H\r\nRRULE:{rule}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@st.composite
def any_rule(draw: st.DrawFn) -> str:
    """Anything RFC 5545 lets a rule say, pathological combinations included."""
    parts = [f"FREQ={draw(st.sampled_from(FREQS))}", f"INTERVAL={draw(st.integers(0, 5))}"]
    if draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))))
    if draw(st.booleans()):
        parts.append("BYMONTHDAY=" + ",".join(map(str, draw(st.lists(st.integers(1, 31), min_size=1, max_size=3)))))
    if draw(st.booleans()):
        parts.append("BYMONTH=" + ",".join(map(str, draw(st.lists(st.integers(1, 12), min_size=1, max_size=2)))))
    if draw(st.booleans()):
        parts.append(f"BYSETPOS={draw(st.sampled_from([-1, 1, 2, 5, 30]))}")
    if draw(st.booleans()):
        parts.append(f"BYHOUR={draw(st.integers(0, 23))}")
    end = draw(st.sampled_from(["", "COUNT", "UNTIL"]))
    if end == "COUNT":
        parts.append(f"COUNT={draw(st.integers(1, 10_000_000))}")
    elif end == "UNTIL":
        parts.append(f"UNTIL={draw(st.sampled_from(['20191031T000000Z', '20250101T000000Z', '99991231T000000Z']))}")
    return ";".join(parts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_rule(), st.sampled_from(["20190902T090000", "20000101T000000", "20200615T120000", "20210101T080000"]))
def test_no_rule_exceeds_the_caps(rule: str, dtstart: str) -> None:
    try:
        reading = read_ics(calendar(dtstart, rule), source="r.ics", start=YEAR[0], end=YEAR[1], limits=LIMITS)
    except ImportFailure as error:
        assert str(error).startswith("r.ics: ") and "\n" not in str(error)
        return
    assert len(reading.events) <= LIMITS.max_instances
    assert all(e.end > dt.datetime(2019, 9, 1) and e.start < dt.datetime(2020, 9, 1) for e in reading.events)


@st.composite
def tame_rule(draw: st.DrawFn) -> str:
    """Rules that always match again, so the oracle below (recurring_ical_events alone) terminates."""
    parts = [f"FREQ={draw(st.sampled_from(['DAILY', 'WEEKLY', 'MONTHLY']))}", f"INTERVAL={draw(st.integers(1, 3))}"]
    if draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))))
    end = draw(st.sampled_from(["", "COUNT", "UNTIL"]))
    if end == "COUNT":
        parts.append(f"COUNT={draw(st.integers(1, 400))}")
    elif end == "UNTIL":
        parts.append(f"UNTIL={draw(st.sampled_from(['20191031T000000Z', '20200301T000000Z', '20250101T000000Z']))}")
    return ";".join(parts)


@settings(max_examples=60, deadline=None)
@given(tame_rule(), st.sampled_from(["20190902T090000", "20180305T133000", "20191231T170000"]), st.booleans())
def test_bounded_rules_give_the_unbounded_instances(rule: str, dtstart: str, exdate: bool) -> None:
    # An UNTIL before DTSTART: RFC 5545 keeps DTSTART as the one instance (as we do); recurring_ical_events drops it.
    assume(not ("UNTIL=20191031" in rule and dtstart > "20191031"))
    extra = "EXDATE;TZID=Europe/London:20191104T090000,20200106T090000\r\n" if exdate else ""
    data = calendar(dtstart, rule, extra)
    ours = [e.start for e in read_ics(data, source="r", start=YEAR[0], end=YEAR[1]).events]
    window = (dt.datetime(2019, 9, 1), dt.datetime(2020, 9, 1))
    theirs = sorted(
        to_london(c["DTSTART"].dt)
        for c in recurring_ical_events.of(Calendar.from_ical(data)).between(window[0] - dt.timedelta(days=1),
                                                                            window[1] + dt.timedelta(days=1))
    )  # fmt: skip
    assert ours == [t for t in theirs if window[0] <= t + dt.timedelta(hours=1) and t < window[1]]
