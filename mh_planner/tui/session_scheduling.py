"""The session's scheduling calls, what the assistant and the place-the-year preview run in the app's
workers: proposals for an event with the grid of who is busy when, and the whole year placed.

Plain Python, no Textual (nor Rich), like the rest of the session. A search reads a snapshot of the plan
taken under the session's lock (the calendar is immutable), then runs outside it, so that a long solve never
holds up edits or saves; what it finds is applied later as an ordinary change (`Session.apply`), in the
year the session has open.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mh_planner.calendar import Calendar, Event
    from mh_planner.editing import Planner
    from mh_planner.rules import Conflict
    from mh_planner.scheduling import Suggestions, YearPlacement
    from mh_planner.scheduling.availability import Board
    from mh_planner.tui.session import Failed


@dataclass(frozen=True)
class Assistance:
    """What the scheduling assistant shows: the proposals for an event and who is busy when."""

    found: Suggestions
    board: Board


class SchedulingCalls:
    """Finding times and placing the year, for `Session` (which gives the lock and the planner)."""

    _lock: threading.Lock

    def _loaded(self) -> Planner:
        raise NotImplementedError

    def _current(self) -> tuple[Calendar, list[Conflict]]:
        """The plan as it is now: an immutable snapshot, so the search needs no lock while it runs."""
        with self._lock:
            planner = self._loaded()
            return planner.calendar, list(planner.conflicts)

    def suggest(self, event_id: str, limit: int = 5, draft: Event | None = None) -> Assistance | Failed:
        """Times for an event (or for `draft`, an event the New form describes), verified by the checker,
        with the grid of who is busy in its period."""
        from mh_planner.scheduling import SchedulingError, suggest_new, suggest_times
        from mh_planner.scheduling.availability import board
        from mh_planner.scheduling.proposals import find_event
        from mh_planner.scheduling.sessions import candidates
        from mh_planner.tui.session import Failed

        calendar, conflicts = self._current()
        try:
            event = draft if draft is not None else find_event(calendar, event_id)
            span = candidates(calendar, event).span
            if draft is not None:
                found = suggest_new(calendar, draft, limit, conflicts)
            else:
                found = suggest_times(calendar, event_id, limit, conflicts)
        except SchedulingError as exc:
            return Failed(str(exc))
        except Exception as exc:  # a worker must not take the app down: say what went wrong instead
            return Failed(f"Could not find times: {exc or type(exc).__name__}")
        return Assistance(found, board(calendar, event, *span))

    def place(self, repair: bool = False) -> YearPlacement | Failed:
        """The whole year the session has open placed, for its (first) hub; nothing applied: the app previews
        it, then applies it as one change, saved into that year's plan."""
        from mh_planner.scheduling import SchedulingError, place_year
        from mh_planner.tui.session import Failed

        calendar, conflicts = self._current()
        hub = getattr(self, "home", None) or next(iter(calendar.plans), None)  # the hub being planned (scope.py)
        if hub is None:
            return Failed("There is no hub plan to place.")
        try:
            return place_year(calendar, repair=repair, hubs=[hub], conflicts=conflicts)
        except SchedulingError as exc:
            return Failed(str(exc))
        except Exception as exc:  # as above
            return Failed(f"Could not place the year: {exc or type(exc).__name__}")
