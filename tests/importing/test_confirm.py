"""The national calendar confirming the programme's tentative central events."""

from __future__ import annotations

import datetime as dt
import random

from mh_planner.importing import Candidate, Verdict, match
from mh_planner.importing.confirm import Announcement, codes, similarity
from tests.importing.conftest import read

# As the planner would build them from data/programme (id, title, code, the window of `when`).
CANDIDATES = [
    Candidate("19-11/a-nw1", "Mastery Readiness National Workshop 1 (experienced MR Leads)",
              dt.date(2019, 10, 1), dt.date(2019, 10, 10), "NCP 19-11"),  # Early October
    Candidate("19-11/b-residential", "Mastery Readiness Residential (new MR Leads)",
              dt.date(2019, 10, 1), dt.date(2019, 10, 10), "NCP 19-11"),  # Early October
    Candidate("19-11/a-nw2", "Mastery Readiness National Workshop 2 (experienced MR Leads)",
              dt.date(2020, 1, 1), dt.date(2020, 1, 31), "NCP 19-11"),  # January
    Candidate("19-11/a-webinar1", "Mastery Readiness webinar (experienced MR Leads)",
              dt.date(2019, 12, 1), dt.date(2019, 12, 31), "NCP 19-11"),  # December
    Candidate("19-13/national-workshop", "National Workshop (1 day)",
              dt.date(2019, 10, 1), dt.date(2019, 10, 31), "NCP 19-13"),  # October 2019
    Candidate("19-25/nw1", "ITT national workshop 1", dt.date(2019, 10, 1), dt.date(2019, 10, 31), "NCP 19-25"),
]  # fmt: skip


def announcements() -> list[Announcement]:
    return [
        Announcement(e.details.summary, e.start, e.end, e.details.description, e.details.categories, e.uid, e.all_day)
        for e in read("national.ics").events
    ]


def test_national_calendar_confirms_matches_and_flags() -> None:
    results = {m.candidate.id: m for m in match(CANDIDATES, announcements())}
    nw1 = results["19-11/a-nw1"]
    assert (nw1.verdict, nw1.event and nw1.event.start, nw1.outside_window) == (
        Verdict.MATCHED,
        dt.datetime(2019, 10, 8, 10),
        False,
    )
    workshop = results["19-13/national-workshop"]  # code in brackets at the end, different wording
    assert (
        workshop.verdict is Verdict.MATCHED and workshop.event and workshop.event.start.date() == dt.date(2019, 10, 17)
    )
    residential = results["19-11/b-residential"]  # the code only in the description
    assert residential.verdict is Verdict.MATCHED and residential.event and residential.event.all_day
    itt = results["19-25/nw1"]  # run twice, London and Birmingham
    assert itt.verdict is Verdict.AMBIGUOUS and [o.start.day for o in itt.options] == [15, 22]
    moved = results["19-11/a-nw2"]  # announced for December, expected in January
    assert moved.verdict is Verdict.MATCHED and moved.outside_window
    assert moved.event and moved.event.start.date() == dt.date(2019, 12, 10)
    assert results["19-11/a-webinar1"].verdict is Verdict.UNMATCHED


def test_deterministic_whatever_the_order() -> None:
    events = announcements()
    expected = match(CANDIDATES, events)
    for seed in range(5):
        shuffled, candidates = events[:], CANDIDATES[:]
        random.Random(seed).shuffle(shuffled)
        random.Random(seed).shuffle(candidates)
        assert match(candidates, shuffled) == expected


def test_numbers_in_titles_must_agree() -> None:
    event = Announcement("NCP 19-11 Mastery Readiness National Workshop 3 (experienced MR Leads)",
                         dt.datetime(2020, 1, 14, 10), dt.datetime(2020, 1, 14, 16))  # fmt: skip
    (result,) = match([CANDIDATES[2]], [event])
    assert result.verdict is Verdict.UNMATCHED


def test_one_event_cannot_confirm_two_candidates() -> None:
    event = Announcement("ITT national workshop 1", dt.datetime(2019, 10, 15, 10), dt.datetime(2019, 10, 15, 16))
    twin = Candidate("19-25/nw1-copy", "ITT national workshop 1", dt.date(2019, 10, 1), dt.date(2019, 10, 31), "19-25")
    results = match([CANDIDATES[5], twin], [event])
    assert [r.verdict for r in results] == [Verdict.AMBIGUOUS, Verdict.AMBIGUOUS]


def test_codes_and_similarity() -> None:
    assert codes("NCP 19-11, also NCP19-13 and 19–25; not 2019-10-08") == {"19-11", "19-13", "19-25"}
    assert similarity("National Workshop (1 day)", "National Workshop - Secondary Mastery Specialists") == 1.0
    assert similarity("Maths Hubs Forum", "ITT national workshop 1") == 0.0
