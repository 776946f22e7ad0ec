"""Exported feeds parse back, with `icalendar` and with the independent `ical` and `ics` parsers, into the
assembled calendar: a subscriber built on any of the three reads them."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import ics
import ics.grammar.parse
import pytest
from ical.calendar_stream import IcsCalendarStream

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar, Event, Origin
from mh_planner.feeds import ExportResult, Feed, FeedKind
from mh_planner.feeds.build import PRODID, Stamp, calendar_description, content_of, header, summary_of, uid, vevent
from mh_planner.feeds.export import INDEX_FILE, export
from mh_planner.feeds.layout import CENTRAL_ORIGINS
from mh_planner.feeds.privacy import Scrubber
from mh_planner.feeds.state import STATE_FILE
from mh_planner.loading import Dataset, load
from mh_planner.model import EventKind
from mh_planner.query import Filter
from tests.builders import build, person, plan, venue
from tests.feeds.test_feeds_helpers import NOW, parse, unescape_text, unfold, vevents

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")


@dataclass
class Exported:
    calendar: Calendar
    out: Path
    result: ExportResult

    def feed(self, path: str) -> Feed:
        return next(f for f in self.result.feeds if f.path == path)


@pytest.fixture(scope="module")
def exported(shipped: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """One export of the shipped data, shared by the read-only tests of this module."""
    calendar = assemble(shipped)
    out = tmp_path_factory.mktemp("feeds")
    return Exported(calendar, out, export(calendar, out, now=NOW))


def expected_summary(exported: Exported, event: Event) -> str:
    return summary_of(event, Scrubber.for_calendar(exported.calendar))


def expected_transp(event: Event) -> str:
    return "TRANSPARENT" if event.tentative or not event.blocking else "OPAQUE"


def expected_times(event: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    if event.all_day:
        return event.start.date(), event.end.date()
    return event.start.replace(tzinfo=LONDON).astimezone(UTC), event.end.replace(tzinfo=LONDON).astimezone(UTC)


# --- layout -------------------------------------------------------------------------------------------


def test_layout_one_folder_per_hub_with_predictable_names(exported: Exported) -> None:
    cal = exported.calendar
    plan_ = cal.plans["ee2"]
    expected = {"ee2/hub.ics"}
    expected |= {f"ee2/person-{p.id}.ics" for p in plan_.people}
    expected |= {f"ee2/group-{g.id}.ics" for g in plan_.work_groups}
    expected |= {f"ee2/role-{r}.ics" for p in plan_.people for r in p.roles}
    written = {p.relative_to(exported.out).as_posix() for p in exported.out.rglob("*") if p.is_file()}
    assert written == expected | {INDEX_FILE, STATE_FILE}
    assert sorted(exported.result.written) == sorted(expected)
    kinds = [f.kind for f in exported.result.feeds]
    assert kinds == sorted(kinds, key=[FeedKind.HUB, FeedKind.ROLE, FeedKind.PERSON, FeedKind.WORK_GROUP].index)


def test_feed_membership(exported: Exported) -> None:
    cal = exported.calendar
    people = {p.id for p in cal.plans["ee2"].people}
    for feed in exported.result.feeds:
        got = [uid(e) for e in feed.events]
        if feed.kind is FeedKind.PERSON:
            want = Filter(person=feed.subject).events(cal)
        elif feed.kind is FeedKind.ROLE:
            want = Filter(role=feed.subject).events(cal)
        elif feed.kind is FeedKind.HUB:
            want = [e for e in cal.events if e.hub == "ee2" or people & set(e.attendees)]
        else:
            group = cal.work_groups[feed.subject]
            crew = {group.lead, *group.members}
            want = [
                e
                for e in cal.events
                if e.work_group == group.id or (e.origin in CENTRAL_ORIGINS and crew & set(e.attendees))
            ]
        assert got == [uid(e) for e in want], feed.path
        assert feed.events, f"{feed.path} is empty"


# --- parsed back with icalendar -----------------------------------------------------------------------


def test_every_feed_round_trips_through_icalendar(exported: Exported) -> None:
    cal = exported.calendar
    for feed in exported.result.feeds:
        parsed = parse(exported.out / feed.path)
        assert str(parsed["VERSION"]) == "2.0"
        assert str(parsed["PRODID"]) == PRODID
        assert str(parsed["CALSCALE"]) == "GREGORIAN"
        assert str(parsed["METHOD"]) == "PUBLISH"
        assert str(parsed["X-WR-CALNAME"]) == feed.name
        assert parsed["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
        assert parsed["REFRESH-INTERVAL"].dt == dt.timedelta(hours=12)
        # Every time is UTC: no TZID for Outlook to mis-time, no VTIMEZONE needed.
        assert "X-WR-TIMEZONE" not in parsed and not list(parsed.walk("VTIMEZONE"))
        assert "TZID" not in unfold((exported.out / feed.path).read_bytes())

        components = list(parsed.walk("VEVENT"))
        assert [str(c["UID"]) for c in components] == [uid(e) for e in feed.events]
        for event, component in zip(feed.events, components, strict=True):
            start, end = expected_times(event)
            assert component.decoded("DTSTART") == start, event.id
            assert component.decoded("DTEND") == end, event.id
            if not event.all_day:
                assert component.decoded("DTSTART").utcoffset() == dt.timedelta(0)
            assert str(component["SUMMARY"]) == expected_summary(exported, event)
            assert str(component["SUMMARY"]).startswith(event.title)
            assert str(component["STATUS"]) == ("TENTATIVE" if event.tentative else "CONFIRMED")
            assert str(component["TRANSP"]) == expected_transp(event)
            assert component.decoded("DTSTAMP") == NOW
            assert component.decoded("LAST-MODIFIED") == NOW
            assert int(component["SEQUENCE"]) == 0
            assert str(component.get("LOCATION", "")) == (event.location or "")
            categories = [str(c) for c in component["CATEGORIES"].cats]
            project = cal.dataset.projects.get(event.project or "")
            assert categories == ([project.code] if project else []) + [event.kind.value]


def test_one_event_is_the_same_bytes_in_every_feed(exported: Exported) -> None:
    seen: dict[str, bytes] = {}
    for feed in exported.result.feeds:
        text = (exported.out / feed.path).read_bytes()
        for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, flags=re.S):
            key = re.search(rb"\r\nUID:(.*?)\r\n", block)
            assert key is not None
            assert seen.setdefault(key.group(1).decode(), block) == block


def test_known_times_dates_and_statuses(exported: Exported) -> None:
    hub = vevents(exported.out / "ee2/hub.ics")
    # British Summer Time: 13:00 in Peterborough is 12:00 UTC.
    meeting = hub["ee2/wg-peterborough/meeting-1@mh-planner"]
    assert meeting.decoded("DTSTART") == dt.datetime(2019, 9, 24, 12, 0, tzinfo=UTC)
    assert meeting.decoded("DTEND") == dt.datetime(2019, 9, 24, 15, 0, tzinfo=UTC)
    # Greenwich Mean Time: 13:30 in Cambridge in January is 13:30 UTC.
    winter = hub["ee2/wg-secondary/meeting-3@mh-planner"]
    assert winter.decoded("DTSTART") == dt.datetime(2020, 1, 23, 13, 30, tzinfo=UTC)
    # A fortnight's exchange leg: all-day dates, the end exclusive (the day after Fri 22 Nov).
    leg = hub["19-02/outward@mh-planner"]
    assert leg.decoded("DTSTART") == dt.date(2019, 11, 9)
    assert leg.decoded("DTEND") == dt.date(2019, 11, 23)
    assert "DTSTART;VALUE=DATE:20191109" in unfold((exported.out / "ee2/hub.ics").read_bytes())
    # A confirmed central event with its time.
    nw1 = hub["19-25/nw1@mh-planner"]
    assert str(nw1["STATUS"]) == "CONFIRMED"
    assert nw1.decoded("DTSTART") == dt.datetime(2019, 10, 15, 9, 0, tzinfo=UTC)


def test_tentative_events_say_their_window(exported: Exported) -> None:
    tentative = [e for f in exported.result.feeds for e in f.events if e.tentative]
    assert tentative
    hub = vevents(exported.out / "ee2/hub.ics")
    for event in tentative:
        component = hub[uid(event)]
        assert str(component["STATUS"]) == "TENTATIVE"
        # Free, or "tentative" in Outlook, which reads its own property before TRANSP; the title says so,
        # for the apps that show no status at all (Google).
        assert str(component["TRANSP"]) == "TRANSPARENT"
        assert str(component["X-MICROSOFT-CDO-BUSYSTATUS"]) == "TENTATIVE"
        summary = str(component["SUMMARY"])
        assert summary.startswith(f"{event.title} (provisional") and summary.endswith(")")
        description = str(component["DESCRIPTION"])
        assert description.startswith("Provisional date")
        assert event.window is not None
        assert f"{event.window.start.day} {event.window.start:%b %Y}" in description
        if event.timing_text:
            assert f'"{event.timing_text}"' in description


def test_provisional_titles(exported: Exported) -> None:
    hub = vevents(exported.out / "ee2/hub.ics")
    titles = {str(c["SUMMARY"]) for c in hub.values()}
    assert "ITT national workshop 2 (provisional, Jan 2020)" in titles  # the documents' wording
    assert "Mastery Readiness National Workshop 3 (new MR Leads) (provisional, Late June)" in titles
    long = [e for e in exported.calendar.events if e.tentative and e.timing_text and len(e.timing_text) > 40]
    assert long
    for event in long:  # a long wording is given as the window's dates instead
        assert event.window is not None
        summary = expected_summary(exported, event)
        assert summary.endswith(f" to {event.window.end.day} {event.window.end:%b %Y})") and len(summary) < 100
    confirmed = [c for c in hub.values() if str(c["STATUS"]) == "CONFIRMED"]
    assert confirmed and not any("provisional" in str(c["SUMMARY"]) for c in confirmed)
    assert not any("X-MICROSOFT-CDO-BUSYSTATUS" in c for c in confirmed)


def test_undated_events_are_named_in_the_calendar_description(exported: Exported) -> None:
    undated = exported.calendar.undated
    attended = [e for e in undated if e.attendees]
    assert attended and len(attended) < len(undated)
    for feed in exported.result.feeds:
        parsed = parse(exported.out / feed.path)
        description = str(parsed["DESCRIPTION"])
        # icalendar knows no type for X-WR-CALDESC and leaves its text escaped
        assert unescape_text(str(parsed["X-WR-CALDESC"])) == description
        assert description.startswith(feed.about)
        if feed.kind is FeedKind.PERSON:
            assert [e.id for e in feed.undated] == [e.id for e in undated if feed.subject in e.attendees]
        for event in undated:
            project = exported.calendar.dataset.projects[event.project or ""]
            line = f"\n- {project.code}: {event.title} ("
            assert (line in description) == (event in feed.undated), (feed.path, event.id)
    hub = exported.feed("ee2/hub.ics")
    assert [e.id for e in hub.undated] == [e.id for e in attended]  # every one someone of the hub attends
    jreid = str(parse(exported.out / "ee2/person-jreid.ics")["DESCRIPTION"])
    assert "Not dated yet" in jreid and "NCP 19-03: Shanghai Showcase events (timing not announced)" in jreid
    assert not any("pshah" in e.attendees for e in undated)
    pshah = exported.feed("ee2/person-pshah.ics")
    assert str(parse(exported.out / pshah.path)["DESCRIPTION"]) == pshah.about


def test_milestones_block_nobody(exported: Exported) -> None:
    milestones = [e for e in exported.calendar.events if e.kind in (EventKind.DEADLINE, EventKind.SURVEY)]
    hub = vevents(exported.out / "ee2/hub.ics")
    listed = [e for e in milestones if uid(e) in hub]
    assert listed, "the sample hub's feed should hold at least one deadline"
    assert all(str(hub[uid(e)]["TRANSP"]) == "TRANSPARENT" for e in listed)


def test_uids_come_from_identity(exported: Exported) -> None:
    for event in exported.calendar.events:
        key = uid(event)
        assert key.endswith("@mh-planner")
        if event.origin.local:
            assert key == f"{event.hub}/{event.id}@mh-planner"
        else:
            assert key == f"{event.id}@mh-planner"


def test_feeds_are_what_icalendar_itself_writes(exported: Exported) -> None:
    """The feeds are spliced from VEVENTs serialised once; the result is byte for byte the library's own."""
    scrub = Scrubber.for_calendar(exported.calendar)
    for path in ("ee2/hub.ics", "ee2/person-pshah.ics", "ee2/group-wg-itt.ics"):
        feed = exported.feed(path)
        tree = header(feed, calendar_description(feed, exported.calendar, scrub))
        for event in feed.events:
            tree.add_component(vevent(content_of(event, exported.calendar, scrub), Stamp(0, NOW)))
        assert tree.to_ical() == (exported.out / path).read_bytes()


# --- parsed back with the independent `ical` package --------------------------------------------------


def test_every_feed_round_trips_through_ical(exported: Exported) -> None:
    for feed in exported.result.feeds:
        stream = IcsCalendarStream.calendar_from_ics((exported.out / feed.path).read_text(encoding="utf-8"))
        events = stream.events
        assert [e.uid for e in events] == [uid(e) for e in feed.events]
        for event, parsed in zip(feed.events, events, strict=True):
            start, end = expected_times(event)
            assert parsed.dtstart == start, event.id
            assert parsed.dtend == end, event.id
            assert parsed.summary == expected_summary(exported, event)
            assert parsed.status is not None
            assert parsed.status.value == ("TENTATIVE" if event.tentative else "CONFIRMED")
            assert parsed.transparency == expected_transp(event)
            assert parsed.sequence == 0
            assert parsed.dtstamp == NOW
            assert parsed.last_modified == NOW


# --- parsed back with `ics` (ics-py) ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ics_grammar_once() -> Iterator[None]:
    """ics-py runs a TatSu grammar over every content line (some 2 ms a line); the same event's lines recur
    in four or five feeds, so each distinct line goes through the grammar once and its result is reused."""
    grammar = ics.grammar.parse.GRAMMAR
    original = grammar.parse
    seen: dict[str, Any] = {}

    def parse_once(text: str, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return original(text, *args, **kwargs)
        if text not in seen:
            seen[text] = original(text)
        return seen[text]

    grammar.parse = parse_once
    yield
    grammar.parse = original


def test_every_feed_round_trips_through_ics(exported: Exported, ics_grammar_once: None) -> None:
    for feed in exported.result.feeds:
        parsed = ics.Calendar((exported.out / feed.path).read_bytes().decode("utf-8"))
        assert parsed.method == "PUBLISH"
        by_uid = {e.uid: e for e in parsed.events}  # ics-py keeps events in a set
        assert sorted(by_uid) == sorted(uid(e) for e in feed.events), feed.path
        for event in feed.events:
            got = by_uid[uid(event)]
            start, end = expected_times(event)
            assert got.all_day == event.all_day, event.id
            if event.all_day:
                assert (got.begin.date(), got.end.date()) == (start, end), event.id
            else:
                assert (got.begin.datetime, got.end.datetime) == (start, end), event.id
            assert got.name == expected_summary(exported, event)
            assert got.status == ("TENTATIVE" if event.tentative else "CONFIRMED")
            assert got.transparent == (expected_transp(event) == "TRANSPARENT")
            assert got.uid == uid(event)


# --- the bytes ----------------------------------------------------------------------------------------


def check_lines(data: bytes) -> None:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "a bare CR"
    for line in data.split(b"\r\n")[:-1]:
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character


def test_crlf_and_folded_lines(exported: Exported) -> None:
    for feed in exported.result.feeds:
        check_lines((exported.out / feed.path).read_bytes())


LONG_TITLE = "Atelier de mathématiques « maîtrise » — 数学の熟達 Ünïcödé Ελληνικά 🧮 " * 6


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """A tiny plan with long non-ASCII text, markup in names, and a multi-day timed event."""
    the_plan = plan(
        people=[person("ana", "wgl", name="Ana <b>& Bob</b> \"Ö\""), person("ben", "mhl"), person("cy", "sle")],
        venues=[venue("hall", town="Ély & Cie")],
        events=[
            {"id": "long", "title": LONG_TITLE.strip(), "date": "2019-11-13", "time": "10:00-12:00",
             "venue": "hall", "people": ["ana"]},
            {"id": "camp", "title": "Summer camp", "date": "2020-03-28", "end_date": "2020-03-30",
             "time": "09:00-17:00", "people": ["ana", "ben"]},
            {"id": "retreat", "title": "Retreat", "date": "2019-10-24", "end_date": "2019-10-27",
             "people": ["ben"]},
        ],
    )
    root = build(tmp_path_factory.mktemp("awkward"), the_plan, projects=["19-02"])
    calendar = assemble(load(root))
    out = tmp_path_factory.mktemp("awkward-feeds")
    return Exported(calendar, out, export(calendar, out, now=NOW))


def test_long_non_ascii_title_folds_without_splitting_characters(awkward: Exported) -> None:
    data = (awkward.out / "ee2/person-ana.ics").read_bytes()
    check_lines(data)
    assert len(LONG_TITLE.encode()) > 300  # folded over several lines
    events = vevents(awkward.out / "ee2/person-ana.ics")
    assert str(events["ee2/long@mh-planner"]["SUMMARY"]) == LONG_TITLE.strip()
    stream = IcsCalendarStream.calendar_from_ics(data.decode())
    assert [e.summary for e in stream.events if e.uid == "ee2/long@mh-planner"] == [LONG_TITLE.strip()]
    names = [e.name for e in ics.Calendar(data.decode()).events if e.uid == "ee2/long@mh-planner"]
    assert names == [LONG_TITLE.strip()]
    assert str(events["ee2/long@mh-planner"]["LOCATION"]) == "Hall, Ély & Cie"


def test_a_feed_with_no_events_still_parses(awkward: Exported) -> None:
    data = (awkward.out / "ee2/person-cy.ics").read_bytes()
    check_lines(data)
    assert b"BEGIN:VEVENT" not in data  # cy attends nothing: a subscriber sees an empty calendar
    assert IcsCalendarStream.calendar_from_ics(data.decode()).events == []
    assert not ics.Calendar(data.decode()).events
    assert str(parse(awkward.out / "ee2/person-cy.ics")["X-WR-CALNAME"]).endswith("Cy")


def test_multi_day_events_and_the_clock_change(awkward: Exported) -> None:
    events = vevents(awkward.out / "ee2/hub.ics")
    # Timed over three days across the spring clock change: 09:00 GMT on Saturday, 17:00 BST on Monday.
    camp = events["ee2/camp@mh-planner"]
    assert camp.decoded("DTSTART") == dt.datetime(2020, 3, 28, 9, 0, tzinfo=UTC)
    assert camp.decoded("DTEND") == dt.datetime(2020, 3, 30, 16, 0, tzinfo=UTC)
    # All day, Thursday to Sunday: the end is the Monday.
    retreat = events["ee2/retreat@mh-planner"]
    assert retreat.decoded("DTSTART") == dt.date(2019, 10, 24)
    assert retreat.decoded("DTEND") == dt.date(2019, 10, 28)
    # The same with the two other parsers.
    text = (awkward.out / "ee2/hub.ics").read_bytes().decode()
    stream = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(text).events}
    assert stream["ee2/camp@mh-planner"].dtend == dt.datetime(2020, 3, 30, 16, 0, tzinfo=UTC)
    assert stream["ee2/retreat@mh-planner"].dtend == dt.date(2019, 10, 28)
    by_uid = {e.uid: e for e in ics.Calendar(text).events}
    assert by_uid["ee2/camp@mh-planner"].end.datetime == dt.datetime(2020, 3, 30, 16, 0, tzinfo=UTC)
    assert by_uid["ee2/retreat@mh-planner"].end.date() == dt.date(2019, 10, 28)


# --- index.html ---------------------------------------------------------------------------------------


def test_index_lists_every_feed_with_a_relative_link(exported: Exported) -> None:
    page = (exported.out / INDEX_FILE).read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    links = re.findall(r'href="([^"]+)"', page)
    assert sorted(links) == sorted(f.path for f in exported.result.feeds)
    for feed in exported.result.feeds:
        assert html.escape(feed.about) in page
        assert (exported.out / feed.path).is_file()


def test_undated_events_are_in_the_index_not_in_the_feeds(exported: Exported) -> None:
    undated = exported.calendar.undated
    assert undated
    page = html.unescape((exported.out / INDEX_FILE).read_text(encoding="utf-8"))
    in_feeds = {key for f in exported.result.feeds for key in vevents(exported.out / f.path)}
    for event in undated:
        assert event.title in page
        assert uid(event) not in in_feeds


def test_index_escapes_names(awkward: Exported) -> None:
    page = (awkward.out / INDEX_FILE).read_text(encoding="utf-8")
    assert "<b>" not in page and "Ana &lt;b&gt;&amp; Bob&lt;/b&gt; &quot;Ö&quot;" in page


def test_central_events_are_not_tied_to_one_hub(exported: Exported) -> None:
    central = [e for e in exported.calendar.events if e.origin is Origin.CENTRAL]
    assert all("/" in uid(e) and not uid(e).startswith("ee2/") for e in central)
    # The icalendar objects carry no feed-specific property: the same VEVENT serves every feed.
    assert isinstance(vevent(content_of(central[0], exported.calendar, Scrubber()), Stamp(0, NOW)), icalendar.Event)
