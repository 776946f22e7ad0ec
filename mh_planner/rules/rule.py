"""What a rule is: a name, how reports and screens title it, and the function that finds its conflicts."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mh_planner.calendar import Calendar
from mh_planner.rules.conflict import Conflict, Severity
from mh_planner.rules.index import Index


@dataclass(frozen=True)
class Rule:
    name: str  # in conflicts, JSON and `--rule` filters: never changes once published
    title: str  # for people: report headings, the TUI's conflict list
    severity: Severity  # the worst it reports (some rules also warn)
    clash: bool  # True: it makes a day or an event a clash; False: about a series or a person's whole year
    check: Callable[[Calendar, Index], Iterable[Conflict]]
    short: str = ""  # a shorter title where room is tight (the TUI's table); the title when empty

    @property
    def label(self) -> str:
        return self.short or self.title
