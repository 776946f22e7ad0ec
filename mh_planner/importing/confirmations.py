"""Confirmed dates: the programme's central events known only by a window, matched against a calendar
that announces their dates (the national Maths Hub calendar), as proposals for a person to approve.

    proposals = propose(dataset, reading)   # one per undated central event, sorted by id
    [p.pin for p in proposals if p.approvable]   # what approving writes into a plan's `confirm:` map

Matching itself is `confirm.match` (code, title, window). Writing a pin is an edit of the plan
(`editing.Planner.confirm_central`): this module decides nothing about files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mh_planner.calendar import fmt_day
from mh_planner.importing.confirm import Announcement, Candidate, Match, Verdict, match
from mh_planner.importing.read import Reading
from mh_planner.loading import Dataset
from mh_planner.timing import parse_time_of_day, parse_when

DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Pin:
    """A date to write into a plan's `confirm:` map for central event `event_id`."""

    event_id: str
    day: dt.date
    end_day: dt.date | None = None
    time: str | None = None

    def text(self) -> str:
        """'Tue 8 Oct 2019 10:00-16:00', 'Wed 2 Oct 2019 - Thu 3 Oct 2019'."""
        days = fmt_day(self.day) + (f" - {fmt_day(self.end_day)}" if self.end_day else "")
        return f"{days} {self.time}" if self.time else days


@dataclass(frozen=True, slots=True)
class Proposal:
    match: Match
    when: str  # the programme's wording of the window: "Early October"
    options: tuple[Pin, ...]  # one per event still in play (the match itself, or the choices)
    current: Pin | None = None  # what a plan confirms today

    @property
    def event_id(self) -> str:
        return self.match.candidate.id

    @property
    def title(self) -> str:
        return self.match.candidate.title

    @property
    def verdict(self) -> Verdict:
        return self.match.verdict

    @property
    def pin(self) -> Pin | None:
        """The date a match gives (None unless matched)."""
        event = self.match.event
        return pin_of(self.event_id, event) if self.verdict is Verdict.MATCHED and event is not None else None

    @property
    def unchanged(self) -> bool:
        """The plan already confirms exactly this date."""
        return self.pin is not None and self.current == self.pin

    @property
    def approvable(self) -> bool:
        """Matched inside its window and new: what approving pins (outside the window asks separately)."""
        return self.pin is not None and not self.unchanged and not self.match.outside_window


def pin_of(event_id: str, event: Announcement) -> Pin:
    first = event.start.date()
    if event.all_day:
        last = (event.end - DAY).date() if event.end > event.start else first
        return Pin(event_id, first, last if last > first else None)
    time = f"{event.start:%H:%M}-{event.end:%H:%M}"
    try:
        parse_time_of_day(time)
    except ValueError:  # e.g. ends at midnight: the day alone
        time = ""
    last = event.end.date()
    return Pin(event_id, first, last if last > first else None, time or None)


def announcements(reading: Reading) -> list[Announcement]:
    """Every event of the reading (a national calendar is all transparent: free, yet it announces)."""
    return [
        Announcement(e.details.summary, e.start, e.end, e.details.description, e.details.categories, e.uid, e.all_day)
        for e in reading.events
        if e.details.summary
    ]


def candidates(dataset: Dataset) -> dict[str, tuple[Candidate, str]]:
    """Central events with no date in the programme and one window: id -> (candidate, the wording)."""
    year = dataset.year()
    found: dict[str, tuple[Candidate, str]] = {}
    for project, item in dataset.central_events():
        wording = item.assume or item.when
        if item.date is not None or not wording:
            continue
        windows = parse_when(wording).windows(year)
        if len(windows) != 1:
            continue  # "one in each term": several events, confirmed one by one in the plan
        event_id = f"{project.id}/{item.id}"
        window = windows[0]
        found[event_id] = (Candidate(event_id, item.title, window.start, window.end, project.code), wording)
    return found


def current_pins(dataset: Dataset) -> dict[str, Pin]:
    """What the plans confirm today (the first plan confirming an event speaks for it)."""
    pins: dict[str, Pin] = {}
    for plan_file in dataset.plans:
        for event_id, confirmation in plan_file.plan.confirm.items():
            if confirmation.date is not None and event_id not in pins:
                pins[event_id] = Pin(event_id, confirmation.date, confirmation.end_date, confirmation.time)
    return pins


def propose(dataset: Dataset, reading: Reading) -> list[Proposal]:
    wanted = candidates(dataset)
    current = current_pins(dataset)
    results = match([c for c, _ in wanted.values()], announcements(reading))
    return [
        Proposal(
            m,
            wanted[m.candidate.id][1],
            tuple(pin_of(m.candidate.id, e) for e in m.options),
            current.get(m.candidate.id),
        )
        for m in results
    ]
