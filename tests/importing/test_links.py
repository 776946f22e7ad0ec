"""Linked calendars in the plan (`imports:`) and in the checker: blocking events of the assembled calendar,
every clash rule, never a feed, and another organisation's titles never shown unless the plan says so."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar, Origin
from mh_planner.feeds.export import export
from mh_planner.feeds.layout import plan_feeds
from mh_planner.importing import imported_events, read_cached, refresh
from mh_planner.importing.errors import shown_source
from mh_planner.importing.linked import cache_dir
from mh_planner.loading import load
from mh_planner.model import CalendarImport
from mh_planner.problems import InvalidData
from mh_planner.rules import Index
from mh_planner.scheduling import check
from tests.importing.conftest import ICS

BOOKING_TITLE = "Lettings: Cambridge Choral Society rehearsal"  # what the venue's calendar calls it


def link_in_plan(data: Path, *links: dict[str, Any]) -> None:
    """Append `imports:` to the sample plan (as `mh-planner import` would) and copy the files it names."""
    plan = data / "plans" / "2019-20" / "ee2.yaml"
    for link in links:
        source = Path(link["source"])
        if not source.is_absolute() and (ICS / source.name).exists():
            shutil.copy(ICS / source.name, data / source.name)
    text = plan.read_text() + "\nimports:\n" + "".join(f"  - {yaml.safe_dump(dict(x), default_flow_style=True)}" for x in links)
    plan.write_text(text)


def read_all(data: Path) -> Calendar:
    """Read every link afresh (as `import --refresh`), then assemble from the copies (as `check`)."""
    dataset = load(data)
    for plan_file in dataset.plans:
        for link in plan_file.plan.imports:
            refresh(dataset, plan_file.plan.hub, link)
    return assemble(dataset, imported_events(dataset).events)


VENUE = {"source": "venue-comberton-hall.ics", "as": "bookings", "venue": "comberton-hall"}
GOOGLE = {"source": "google.ics", "as": "busy", "person": "pshah"}


def test_a_link_needs_its_subject_and_a_readable_scheme() -> None:
    with pytest.raises(ValueError, match="needs a person"):
        CalendarImport.model_validate({"source": "a.ics", "as": "busy"})
    with pytest.raises(ValueError, match="needs a venue"):
        CalendarImport.model_validate({"source": "a.ics", "as": "bookings", "person": "pshah"})
    with pytest.raises(ValueError, match="no person"):
        CalendarImport.model_validate({"source": "a.ics", "as": "confirmations", "person": "pshah"})
    with pytest.raises(ValueError, match="ftp: addresses are not read"):
        CalendarImport.model_validate({"source": "ftp://example.org/a.ics", "as": "confirmations"})
    mine = CalendarImport.model_validate({"source": "a.ics", "as": "bookings", "venue": "v", "own": True})
    assert mine.shows_details  # the hub's own calendar: titles shown by default
    hidden = CalendarImport.model_validate({"source": "a.ics", "as": "bookings", "venue": "v", "own": True, "details": "hidden"})
    other = CalendarImport.model_validate({"source": "a.ics", "as": "busy", "person": "p"})
    assert not hidden.shows_details and not other.shows_details


def test_references_of_links_are_checked(data_copy: Path) -> None:
    link_in_plan(data_copy, {"source": "x.ics", "as": "busy", "person": "nobody"}, VENUE, VENUE)
    with pytest.raises(InvalidData) as caught:
        load(data_copy)
    messages = [p.message for p in caught.value.problems]
    assert "no person 'nobody'" in messages
    assert "'venue-comberton-hall.ics' is already imported as bookings here" in messages


def test_a_venue_booking_clashes_with_a_planned_meeting(data_copy: Path) -> None:
    calendar = read_all(link_in_plan_and(data_copy, VENUE))
    booked = [e for e in calendar.events if e.origin is Origin.IMPORTED]
    assert booked and all(e.title == "Booked" and e.venue == "comberton-hall" and e.headcount == 120 for e in booked)
    venue_clashes = [c for c in check(calendar) if c.rule == "venue" and any(i.startswith("imported/") for i in c.event_ids)]
    day = dt.date(2019, 12, 4)
    assert any(day in c.dates and "llme-cambridge/meeting-1" in c.event_ids for c in venue_clashes)
    text = "\n".join(c.message for c in check(calendar))
    assert "'Booked' (Wed 4 Dec 2019 16:30-19:00)" in text
    assert BOOKING_TITLE not in text and "01223 000000" not in text  # another organisation's details
    # The booking's GCSE weeks fill the hall: the summer meeting is a clash too, and a fix avoids them.
    summer = next(c for c in check(calendar) if c.rule == "venue" and "llme-cambridge/meeting-3" in c.event_ids)
    assert summer.fix is not None and not dt.date(2020, 5, 11) <= summer.fix.start.date() <= dt.date(2020, 6, 19)


def link_in_plan_and(data: Path, *links: dict[str, Any]) -> Path:
    link_in_plan(data, *links)
    return data


def test_the_hubs_own_calendar_shows_its_titles(data_copy: Path) -> None:
    calendar = read_all(link_in_plan_and(data_copy, {**VENUE, "own": True}))
    titles = {e.title for e in calendar.events if e.origin is Origin.IMPORTED}
    assert BOOKING_TITLE in titles and "Booked" not in titles


def test_busy_times_block_a_person_in_every_clash_rule_and_in_the_fixes(data_copy: Path) -> None:
    # Owen Price's Cambridge meeting 1 clashes with travel from Birmingham; the fix the checker offers is
    # Tue 22 Oct 17:00. His school calendar says he is busy then: the fix must go elsewhere.
    ics = data_copy / "oprice.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:parents-evening@school.example.org\r\n"
        "DTSTART;TZID=Europe/London:20191022T163000\r\nDTEND;TZID=Europe/London:20191022T200000\r\n"
        "SUMMARY:Year 7 parents' evening\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:maybe@school.example.org\r\nDTSTART;TZID=Europe/London:20191015T180000\r\n"
        "DTEND;TZID=Europe/London:20191015T190000\r\nSTATUS:TENTATIVE\r\nSUMMARY:Maybe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    calendar = read_all(link_in_plan_and(data_copy, {"source": "oprice.ics", "as": "busy", "person": "oprice"}))
    busy = next(e for e in calendar.events if e.origin is Origin.IMPORTED and not e.tentative)
    assert busy.attendees == ("oprice",) and busy.title == "Busy" and busy.blocking
    index = Index.build(calendar)
    assert not index.free(["oprice"], dt.datetime(2019, 10, 22, 17), dt.datetime(2019, 10, 22, 18, 30), ignore="")
    travel = next(c for c in check(calendar) if c.rule == "travel" and "oprice" in c.people)
    assert travel.fix is not None and travel.fix.start.date() != dt.date(2019, 10, 22)
    # A firm meeting inside a tentative busy time: a possible clash (a warning), not a double booking.
    maybe = [c for c in check(calendar) if "wg-itt/meeting-1" in c.event_ids and any("imported/" in i for i in c.event_ids)]
    assert [(c.rule, c.severity.value) for c in maybe] == [("possible-clash", "warning")]
    assert "'Busy' (Tue 15 Oct 2019 18:00-19:00) is tentative in their calendar" in maybe[0].message
    assert all("Maybe" not in c.message and "parents" not in c.message for c in check(calendar))


def test_an_imported_calendar_overlapping_itself_is_no_clash(data_copy: Path) -> None:
    calendar = read_all(link_in_plan_and(data_copy, GOOGLE))  # its own events overlap each other
    imported = {e.id for e in calendar.events if e.origin is Origin.IMPORTED}
    for conflict in check(calendar):
        assert not set(conflict.event_ids) <= imported, conflict.message
    # Rules about the hub's own work ignore them: no cadence, budget, term-time or attendance conflict names one.
    for conflict in check(calendar):
        if conflict.rule in ("cadence", "time-budget", "outside-term-time", "attendance", "order"):
            assert not imported & set(conflict.event_ids)


def test_imported_events_never_reach_a_feed(data_copy: Path, tmp_path: Path) -> None:
    calendar = read_all(link_in_plan_and(data_copy, {**VENUE, "own": True}, {**GOOGLE, "details": "shown"}))
    assert any(e.origin is Origin.IMPORTED for e in calendar.events)
    for feed in plan_feeds(calendar):
        assert all(e.origin is not Origin.IMPORTED for e in feed.events)
    out = tmp_path / "feeds"
    export(calendar, out)
    text = "\n".join(p.read_text() for p in out.rglob("*.ics"))
    for private in (BOOKING_TITLE, "Y5 planning meeting", "Busy", "Booked"):
        assert private not in text


def test_check_reads_the_copies_only_and_says_what_is_missing(data_copy: Path) -> None:
    link_in_plan(data_copy, GOOGLE, {"source": "https://calendar.example.org/ical/secret-token/basic.ics", "as": "busy", "person": "hmarsh"})
    dataset = load(data_copy)
    found = imported_events(dataset)  # nothing read yet: no copies, and no network
    assert found.events == [] and len(found.stale) == 2
    assert all("run `mh-planner import --refresh`" in line for line in found.lines())
    assert "secret-token" not in "\n".join(found.lines())  # an address is shown without its path
    assert shown_source("https://calendar.example.org/ical/secret-token/basic.ics") == "https://calendar.example.org/.../basic.ics"
    plan_file = dataset.plans[0]
    refresh(dataset, "ee2", plan_file.plan.imports[0])
    assert len(imported_events(dataset).events) == 7
    (data_copy / "google.ics").write_text((data_copy / "google.ics").read_text().replace("Y5", "Y6"))
    assert "the file changed since" in (read_cached(dataset, "ee2", plan_file.plan.imports[0]).note or "")
    assert (cache_dir(data_copy)).is_dir()


def test_a_failure_names_an_address_without_its_secret() -> None:
    """Every message of a failed import (printed, and kept beside the copy) shows the address as shown_source."""
    from mh_planner.importing.errors import ImportFailure

    failure = ImportFailure("https://calendar.example.org/ical/secret-token/basic.ics?key=s3cret", "HTTP 404")
    assert str(failure) == "https://calendar.example.org/.../basic.ics: HTTP 404"
    assert str(ImportFailure("calendars/priya.ics", "bad", line=7)) == "calendars/priya.ics: line 7: bad"
