"""Which part of a network the planner shows: one hub (the one being planned), or all of them.

A data folder may hold many hubs' plans. The planner opens on the hub being planned (`--hub`, or the only
plan, or the one the user picks), showing its part of the network (`state.narrowed`): its own events, the
national events its people attend, the conflicts that concern it. The whole network is a key away. Edits,
undo and saving always work on the whole network's plans: the scope is only what is shown. No Textual here.

`collector_paused`: loading a network makes the objects the session keeps for as long as it lives.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mh_planner.calendar import Calendar
    from mh_planner.editing import Planner
    from mh_planner.rules import Conflict
    from mh_planner.tui.state import PlanState


class Scoped:
    """The part of `Session` that says which hub is shown (plain: every method may run in a worker)."""

    home: str | None  # the hub being planned (None: not chosen yet; a folder of one plan: that one)
    scope: str | None  # the hub shown; None: the whole network
    _planner: Planner | None
    _lock: threading.Lock

    @property
    def hubs(self) -> tuple[str, ...]:
        """The hubs with a plan in the folder (none before the first load)."""
        return tuple(self._planner.calendar.plans) if self._planner is not None else ()

    def _settle_scope(self) -> None:
        """A folder of one plan is that hub's; a hub chosen that has no plan (any more) is not."""
        hubs = self.hubs
        if self.home not in hubs:
            self.home = hubs[0] if len(hubs) == 1 else None
        if self.scope is not None and self.scope not in hubs:
            self.scope = self.home

    def show(self, hub: str | None) -> tuple[PlanState, str]:
        """Show one hub of the network (it becomes the hub being planned), or the whole network (None): the
        new snapshot, and what was done in words."""
        with self._lock:
            if self._planner is None:
                raise RuntimeError("no plan loaded yet")
            if hub is not None:
                self.home = hub
            self.scope = hub
            self._settle_scope()
            state = self._snapshot()
        if state.scope is not None:
            return state, f"Showing {state.hub_name}"
        return state, f"Showing the whole network ({len(state.hubs)} hubs)"

    def _shown(self, planner: Planner) -> tuple[Calendar, list[Conflict], Calendar | None]:
        """What the snapshot shows: the hub's part of the network, its conflicts (not waiting for the network's)
        and the whole network's calendar; or the whole calendar, its conflicts and None."""
        from mh_planner.tui.state import narrowed

        calendar = planner.calendar
        if self.scope is None or len(calendar.plans) < 2:
            return calendar, list(planner.conflicts), None
        return narrowed(calendar, self.scope), planner.conflicts_of(self.scope), calendar

    def complete(self) -> None:
        """Check the whole network now (a worker does, once the hub's plan is drawn): no edit waits for it."""
        with self._lock:
            if self._planner is not None:
                self._planner.complete()

    def _snapshot(self) -> PlanState:  # Session's
        raise NotImplementedError


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Loading makes the objects the session keeps for as long as it lives: the cyclic collector is paused
    while they are made, and they are frozen out of its scans afterwards (40 hubs: loading 2.3 -> 1.6 s, an
    edit 78 -> 55 ms of CPU). What an earlier load froze is released first: it may be garbage now."""
    gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.freeze()
