"""Scheduling: finding times the checker accepts.

    fixes      a quick fix for each conflict that moving one of the hub's own events resolves; `check`
    sessions   which events may be placed (meetings, visits, one-off events) and their candidate slots
    problem    the adapter: the assembled calendar as a placement problem
    placement  the placement core (CP-SAT): suggest, place, explain; it knows nothing of the planner
    verify     the checker's word on a change: `rules.check` on the calendar with it made
    proposals  find a time for one event, a work group's series, or a meeting not made yet
    placing    place the whole year (`repair`: move what clashes too)
    availability  who is busy when: the scheduling assistant's grid

`check` is the checker as users meet it: every rule's conflicts, with the suggested fixes. The solver is
imported only when placing, never at start-up.
"""

from mh_planner.scheduling.fixes import check, check_hub, recheck, suggest_move, with_fixes
from mh_planner.scheduling.placing import Move, YearPlacement, place_year
from mh_planner.scheduling.proposals import (
    Proposal,
    SeriesSuggestions,
    Suggestions,
    suggest_new,
    suggest_series,
    suggest_times,
)
from mh_planner.scheduling.sessions import SchedulingError

__all__ = [
    "Move",
    "Proposal",
    "SchedulingError",
    "SeriesSuggestions",
    "Suggestions",
    "YearPlacement",
    "check",
    "check_hub",
    "place_year",
    "recheck",
    "suggest_move",
    "suggest_new",
    "suggest_series",
    "suggest_times",
    "with_fixes",
]
