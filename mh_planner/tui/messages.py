"""Every message the planner's widgets and screens send up the DOM, in one place.

Widgets tell their screen what the user did (a day chosen, an event picked, filters changed); screens tell
the app what they want done (jump to an event, apply a change). The app answers by setting attributes down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from mh_planner.editing.changes import Change
    from mh_planner.problems import Problem
    from mh_planner.query import Filter
    from mh_planner.rules import Conflict
    from mh_planner.scheduling import YearPlacement
    from mh_planner.tui.session import Failed
    from mh_planner.tui.session_scheduling import Assistance
    from mh_planner.tui.state import PlanState


# --- from workers to the app --------------------------------------------------------------------


@dataclass
class PlanLoaded(Message):
    """The data folder was loaded (at start-up or on reload)."""

    state: PlanState


@dataclass
class LoadFailed(Message):
    """The data folder has problems: the app shows them instead of a calendar."""

    problems: list[Problem]


@dataclass
class PlanChanged(Message):
    """An edit, undo or redo was applied. Several may queue up behind a slow frame: only the newest
    snapshot matters, so a queued one is replaced rather than drawn."""

    state: PlanState
    text: str = ""
    event_id: str | None = None  # the event the change made or moved, to select it

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PlanChanged)


@dataclass
class EditFailed(Message):
    text: str


@dataclass
class PreviewReady(Message):
    """The conflicts a change in the editor would add and remove."""

    token: int
    added: list[Conflict] = field(default_factory=list)
    removed: list[Conflict] = field(default_factory=list)
    error: str | None = None

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PreviewReady)


@dataclass
class SuggestionsReady(Message):
    """The scheduling assistant's proposals and grid (or why there are none) came back from its worker."""

    result: Assistance | Failed


@dataclass
class PlacementReady(Message):
    """The whole year placed (or explained) in a worker, for its preview."""

    result: YearPlacement | Failed


# --- from widgets to their screen ---------------------------------------------------------------


@dataclass
class DayHighlighted(Message):
    """The year grid's cursor moved to `day`."""

    day: dt.date

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, DayHighlighted)


@dataclass
class DayChosen(Message):
    """Enter or a click on a day: open its week."""

    day: dt.date


@dataclass
class EventHighlighted(Message):
    """The week view's selection moved to an event (or to an empty day: None)."""

    event_id: str | None
    day: dt.date

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, EventHighlighted)


@dataclass
class EventChosen(Message):
    """Enter on an event: show its people and venue."""

    event_id: str


@dataclass
class FiltersChanged(Message):
    filter: Filter

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FiltersChanged)


# --- from screens to the app --------------------------------------------------------------------


@dataclass
class ShowEvent(Message):
    """Open the week around an event with the event selected (from the agenda, conflicts, people...)."""

    event_id: str


@dataclass
class ShowDay(Message):
    """Open the week around a day."""

    day: dt.date


@dataclass
class ApplyChange(Message):
    """Apply an edit to the plan (in a worker) and redraw."""

    change: Change


@dataclass
class FixConflict(Message):
    conflict: Conflict
