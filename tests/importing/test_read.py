"""Each client's export, read into London wall-clock busy times."""

from __future__ import annotations

import datetime as dt

from mh_planner.importing import Busy, read_ics
from tests.importing.conftest import ICS, YEAR, at, read


def by_summary(events: tuple[Busy, ...], summary: str) -> list[Busy]:
    return [e for e in events if e.details.summary == summary]


def test_google_utc_times_and_x_wr_timezone() -> None:
    reading = read("google.ics")
    assert reading.name == "Priya Shah (work)"
    (planning,) = by_summary(reading.events, "Y5 planning meeting")
    assert (planning.start, planning.end) == (at(2019, 10, 9, 14), at(2019, 10, 9, 16))  # 13:00Z in BST
    # A weekly 09:00 London series written in UTC: X-WR-TIMEZONE keeps it at 09:00 after the clocks change.
    briefing = by_summary(reading.events, "Senior leadership briefing")
    assert [b.start for b in briefing] == [at(2019, 10, d, 9) for d in (14, 21, 28)] + [
        at(2019, 11, 4, 9),
        at(2019, 11, 11, 9),
    ]
    assert all(b.recurrence_id == b.start for b in briefing)
    (parents,) = by_summary(reading.events, "Parents' evening week")
    assert parents.all_day and not parents.busy  # TRANSP:TRANSPARENT
    (governors,) = by_summary(reading.events, "Governors' curriculum committee (to be confirmed)")
    assert governors.busy and governors.tentative


def test_outlook_windows_zones_busy_status_and_custom_zone() -> None:
    events = read("outlook.ics").events
    summary = {e.details.summary: e for e in events}
    moderation = summary["Y6 moderation"]
    assert (moderation.start, moderation.end, moderation.busy) == (at(2019, 11, 12, 13, 30), at(2019, 11, 12, 15), True)
    assert moderation.details.attendees == ("Tom Ashby <tom.ashby@example.org>", "Lucy Brown <lucy.brown@example.org>")
    assert not summary["Marking (free)"].busy  # X-MICROSOFT-CDO-BUSYSTATUS:FREE
    assert summary["Possible: trust heads' meeting"].tentative
    leave = summary["Annual leave"]  # TRANSP:TRANSPARENT but Outlook says out of office: busy
    assert leave.busy and leave.all_day and (leave.start, leave.end) == (at(2019, 11, 18), at(2019, 11, 20))
    assert summary["Call with the Berlin partner school"].start == at(2019, 11, 21, 9)  # W. Europe Standard Time
    assert summary["Webinar hosted from Boston"].start == at(2019, 11, 22, 14)  # custom VTIMEZONE, UTC-5


def test_custom_zone_of_one_file_does_not_leak_into_the_next() -> None:
    """icalendar caches a custom VTIMEZONE process-wide under its TZID; each file must get its own."""

    def calendar(offset: str) -> bytes:
        return (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
            f"BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Customized Time Zone:20191210T100000"
            "\r\nDTEND;TZID=Customized Time Zone:20191210T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()

    first = read_ics(calendar("+0300"), source="a", start=YEAR[0], end=YEAR[1]).events[0]
    second = read_ics(calendar("-0800"), source="b", start=YEAR[0], end=YEAR[1]).events[0]
    assert first.start == at(2019, 12, 10, 7)
    assert second.start == at(2019, 12, 10, 18)


def test_apple_export() -> None:
    events = read("apple.ics").events
    dentist, family = events
    assert (dentist.start, dentist.end, dentist.busy) == (at(2019, 12, 3, 16, 30), at(2019, 12, 3, 17, 30), True)
    assert family.all_day and not family.busy and family.end == at(2019, 12, 24)


def test_recurring_series_with_exdate_rdate_and_overrides() -> None:
    events = read("recurring.ics").events
    starts = [e.start for e in events]
    assert at(2019, 10, 29, 15, 30) not in starts  # EXDATE (half-term)
    assert at(2019, 10, 8, 15, 30) not in starts  # moved ...
    (moved,) = [e for e in events if e.recurrence_id == at(2019, 10, 8, 15, 30)]
    assert (moved.start, moved.details.summary) == (at(2019, 10, 9, 16), "Staff meeting (moved for the inspection)")
    (cancelled,) = [e for e in events if e.start == at(2019, 12, 3, 15, 30)]
    assert not cancelled.busy  # the overriding instance is STATUS:CANCELLED
    assert starts[-1] == at(2019, 12, 19, 15, 30)  # RDATE after the UNTIL
    assert len(events) == 15  # 15 Tuesdays 10 Sep..17 Dec, less EXDATE, plus RDATE
    assert len({(e.uid, e.recurrence_id) for e in events}) == len(events)


def test_all_day_multi_day_duration_and_no_end() -> None:
    summary = {e.details.summary: e for e in read("allday.ics").events}
    assert (summary["Year 6 residential (Norfolk)"].start, summary["Year 6 residential (Norfolk)"].end) == (
        at(2020, 3, 16),
        at(2020, 3, 19),
    )
    assert summary["Sports day"].end == at(2020, 7, 4)  # DATE without DTEND: one day
    assert summary["Open evening"].end == at(2019, 10, 10, 20)  # DURATION:PT2H
    assert summary["Book fair"].end == at(2019, 11, 14)  # DURATION:P3D on a date
    deadline = summary["Data return deadline"]
    assert deadline.start == deadline.end == at(2020, 1, 31, 12)  # DATE-TIME without DTEND: an instant
    assert summary["Summer holiday"].start == at(2019, 7, 23)  # overlaps the window's start: kept whole


def test_window_excludes_what_lies_outside_it() -> None:
    reading = read_ics(open_ics("floating.ics"), source="f", start=dt.date(2019, 9, 1), end=dt.date(2019, 12, 31))
    assert [e.start for e in reading.events] == [at(2019, 10, 15, 15, 30)]


def open_ics(name: str) -> bytes:
    return (ICS / name).read_bytes()


def test_floating_times_are_london_times() -> None:
    first, second = read("floating.ics").events
    assert first.start == at(2019, 10, 15, 15, 30) and second.start == at(2020, 6, 16, 15, 30)


def test_cancelled_is_not_busy() -> None:
    cancelled, held = read("cancelled.ics").events
    assert not cancelled.busy and held.busy


def test_method_cancel_frees_every_event() -> None:
    data = open_ics("cancelled.ics").replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:CANCEL\r\n")
    assert not any(e.busy for e in read_ics(data, source="c", start=YEAR[0], end=YEAR[1]).events)


def test_venue_booking_clashes_with_the_planned_llme_meeting() -> None:
    """ee2's LLME community meets in Comberton's hall on Wed 4 Dec 2019, 16:00-18:00."""
    bookings = read("venue-comberton-hall.ics").busy()
    meeting = (at(2019, 12, 4, 16), at(2019, 12, 4, 18))
    clashes = [b for b in bookings if b.start < meeting[1] and meeting[0] < b.end]
    assert [b.uid for b in clashes] == ["booking-2019-1187@lettings.comberton.example.org"]
    badminton = [b for b in bookings if b.details.summary == "Badminton club"]
    assert len(badminton) == 14 and at(2019, 10, 29, 18) not in [b.start for b in badminton]
    assert all(b.start.hour == 18 for b in badminton)  # London times on both sides of the clock change


def test_details_are_private_and_optional() -> None:
    reading = read("venue-comberton-hall.ics", details=False)
    assert all(e.details.summary == "" and e.details.description == "" for e in reading.events)
    assert len(reading.events) == len(read("venue-comberton-hall.ics").events)
    assert "Choral" not in repr(read("venue-comberton-hall.ics").events)  # not in logs by accident


def test_events_are_sorted_and_deterministic() -> None:
    first, second = read("recurring.ics"), read("recurring.ics")
    assert first == second
    assert list(first.events) == sorted(first.events, key=lambda e: (e.start, e.end, e.uid))


def test_event_without_dtstart_is_skipped_with_a_warning() -> None:
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    reading = read_ics(data, source="nostart.ics", start=YEAR[0], end=YEAR[1])
    assert reading.events == () and reading.warnings == ("nostart.ics: line 4: an event without DTSTART was skipped",)


def test_two_versions_of_one_event_keep_the_highest_sequence() -> None:
    event = "BEGIN:VEVENT\r\nUID:same\r\nSEQUENCE:{0}\r\nDTSTART:2019110{0}T100000Z\r\nEND:VEVENT\r\n"
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{event.format(1)}{event.format(2)}END:VCALENDAR\r\n"
    (kept,) = read_ics(data.encode(), source="v", start=YEAR[0], end=YEAR[1]).events
    assert kept.start == at(2019, 11, 2, 10) and kept.recurrence_id is None
