"""The command palette (ctrl+p): every action of the app and of the screen it was opened from, and any
event by its title, which opens the event in its week."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher

from mh_planner.problems import visible
from mh_planner.tui.messages import ShowEvent
from mh_planner.tui.screens.table import SCREENS

# (title, help, action) run on the app: the screens, from their table, then the rest.
APP_ACTIONS = (
    *((row.title, row.help, row.action) for row in SCREENS),
    ("Go to date", "A day typed as 14 Nov, next tue, spring 2 or easter", "go_to"),
    ("Search", "Search the agenda's titles and places", "search"),
    ("New event", "Add an event to the hub's plan", "new_event"),
    ("Undo", "Undo the last edit", "undo"),
    ("Redo", "Redo the last edit undone", "redo"),
    ("Save", "Write the edits to the data files (comments and layout kept)", "save"),
    ("Reload", "Load the data folder again from disk", "reload"),
    ("Export feeds", "Write the iCalendar feeds and their index", "export"),
    ("Start next year", "Next year's plan from this year's, with what to review (mh-planner new-year)", "next_year"),
    (
        "Import calendar…",
        "Check against an .ics calendar: busy times, a venue's bookings, confirmed dates",
        "import_calendar",
    ),
    (
        "Refresh imported calendars",
        "Read every linked calendar again (one request each if unchanged)",
        "refresh_imports",
    ),
    ("Print the year planner", "One A3 page of the year (on People: the selected person's)", "print"),
    ("Help", "Keys, screens and what the marks mean", "help"),
    ("Quit", "Leave the planner (asking first if there are unsaved changes)", "quit"),
)


def _place_the_year(app: Any) -> None:
    from mh_planner.tui.screens.placement import place_the_year

    place_the_year(app)


# (title, help, callback with the app): the scheduler's actions, which open their own screens.
SCHEDULING_ACTIONS = (
    ("Place the whole year", "Place every meeting and visit that follows its pattern; preview first", _place_the_year),
)


def highlighted(matcher: Matcher, text: str) -> Content:
    """`matcher.highlight` for a text from the data: Textual's reads the text as markup (a title '[/]' stopped
    the palette, '[@click=...]' made a link); here it is content, its matched letters lit as Textual lights them."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class PlannerCommands(Provider):
    def _actions(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        found: list[tuple[str, str, Callable[[], Any]]] = [
            (title, help, partial(app.run_action, action)) for title, help, action in APP_ACTIONS
        ]
        if getattr(app, "state", None) is not None:
            found += [(title, help, partial(callback, app)) for title, help, callback in SCHEDULING_ACTIONS]
        titles = {title for title, _, _ in found}
        # The screen's own keys (move, duplicate, apply fix, sort...), as the footer shows them.
        for active in self.screen.active_bindings.values():
            binding, node = active.binding, active.node
            if not binding.description or binding.description in titles or not isinstance(node, DOMNode):
                continue
            if node is app:
                continue
            titles.add(binding.description)
            help = f"{type(self.screen).__name__.removesuffix('Screen')}: key {binding.key_display or binding.key}"
            found.append((binding.description, help, partial(app.run_action, binding.action, node)))
        return found

    async def discover(self) -> Hits:
        for title, help, callback in self._actions():
            yield DiscoveryHit(title, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help, callback in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help)
        state = getattr(self.app, "state", None)
        if state is None:
            return
        from mh_planner.calendar import Event  # the domain: loaded, as there is a plan

        for event in (*state.calendar.events, *state.calendar.undated):
            title = visible(event.title)  # as the screens show it: its control characters escaped
            score = matcher.match(title)
            if score > 0:
                when = event.when_text() if isinstance(event, Event) else "not dated yet"
                yield Hit(
                    score * 0.8,  # actions first when both match
                    highlighted(matcher, title),
                    partial(self.app.post_message, ShowEvent(event.id)),
                    help=f"Open event · {when}",
                )
