"""The feeds' text written directly is byte for byte what `icalendar` writes: every VEVENT and header of the
sample and of a generated network, and random texts (commas, semicolons, backslashes, line breaks, accents,
emoji, lines of every length)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar
from mh_planner.feeds.build import UTC, Content, Stamp, calendar_description, content_of, header, vevent
from mh_planner.feeds.ical_text import fold, header_bytes, vevent_bytes
from mh_planner.feeds.layout import plan_feeds
from mh_planner.feeds.privacy import Scrubber
from mh_planner.loading import load
from tests.builders import DATA

STAMP = Stamp(3, dt.datetime(2019, 9, 1, 12, 0, tzinfo=UTC))


def every_feed_the_same(calendar: Calendar) -> int:
    scrub = Scrubber.for_calendar(calendar)
    seen = 0
    for feed in plan_feeds(calendar):
        description = calendar_description(feed, calendar, scrub)
        assert header_bytes(feed.name, description) == header(feed, description).to_ical()
        for event in feed.events:
            content = content_of(event, calendar, scrub)
            assert vevent_bytes(content, STAMP) == vevent(content, STAMP).to_ical(), event.id
            seen += 1
    return seen


def test_the_samples_feeds() -> None:
    assert every_feed_the_same(assemble(load(DATA))) > 500


def test_a_networks_feeds(tmp_path: Path) -> None:
    assert every_feed_the_same(assemble(load(generate(tmp_path / "data", 2)))) > 2000


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
when = st.datetimes(dt.datetime(2019, 1, 1), dt.datetime(2021, 1, 1))
when = when.map(lambda t: t.replace(tzinfo=UTC, microsecond=0))


@settings(max_examples=300, deadline=None)
@given(summary=text, description=text, location=st.none() | text, categories=st.lists(text, min_size=1, max_size=3),
       start=when, all_day=st.booleans(), tentative=st.booleans(), sequence=st.integers(0, 10_000))  # fmt: skip
def test_random_texts(
    summary: str, description: str, location: str | None, categories: list[str], start: dt.datetime,
    all_day: bool, tentative: bool, sequence: int,
) -> None:  # fmt: skip
    begin: dt.datetime | dt.date = start.date() if all_day else start
    end: dt.datetime | dt.date = begin + dt.timedelta(days=1) if all_day else start + dt.timedelta(hours=2)
    content = Content(f"{summary[:20]}@x", summary, begin, end, "TENTATIVE" if tentative else "CONFIRMED",
                      tentative, location, description, tuple(categories))  # fmt: skip
    stamp = Stamp(sequence, start)
    assert vevent_bytes(content, stamp) == vevent(content, stamp).to_ical()
    from mh_planner.feeds.layout import Feed, FeedKind

    feed = Feed(FeedKind.HUB, "ee2", "ee2", summary or "x", description, ())
    written = header_bytes(feed.name, description)
    if written is None:  # a line break in the name: icalendar refuses it, and export goes through icalendar
        with pytest.raises(AssertionError):
            header(feed, description).to_ical()
    else:
        assert written == header(feed, description).to_ical()


@pytest.mark.parametrize("line", ["a" * 74, "a" * 75, "a" * 200, "é" * 40, "a" * 73 + "\\,b", "😀" * 30])
def test_folding_at_the_edges(line: str) -> None:
    from icalendar.parser.string import _foldline

    assert fold(line) == _foldline(line)
