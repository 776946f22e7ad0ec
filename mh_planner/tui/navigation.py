"""Where the planner takes you, as a stack: each screen you open sits on top of the one you opened it from,
and `Esc` takes you back there.

The screens of the table (year, month, agenda, conflicts, people, venues) are the bottoms of the stacks,
one per mode: a screen's key always shows that screen itself, whatever was opened on top of it. The week
around a day or an event, an event's details and the editor are pushed on the stack of the screen they
were opened from. The app's message handlers and actions call these functions; each imports the screen it
needs when first used (the year is all the first paint needs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mh_planner.tui.literal import notify_text

if TYPE_CHECKING:
    from mh_planner.editing.changes import Change
    from mh_planner.importing import Pin
    from mh_planner.tui.app import MHPlannerApp
    from mh_planner.tui.session import CalendarImported, ImportRequest


def show_mode(app: MHPlannerApp, mode: str) -> None:
    """The screen of a row of the table, itself: dialogs closed, and the screens opened on top of it too. The
    calendars share the day you are on: `o` on the year's 8 Nov shows November, `y` from a week its day."""
    while len(app.screen_stack) > 1 and app.screen.is_modal:
        app.pop_screen()
    left, day = app.screen, day_of(app.screen)
    if app.current_mode != mode:
        app.switch_mode(mode)
    while len(app.screen_stack) > 1:
        app.pop_screen()
    shown = app.screen
    if day is not None and shown is not left and hasattr(shown, "go_to"):
        if getattr(shown, "shown", None) is None:
            shown.start_day = day  # type: ignore[attr-defined]  # not drawn yet: it opens there
        else:
            shown.go_to(day)


def day_of(screen: Any) -> dt.date | None:
    """The day a screen is on (the year's or the month's cursor, the week's day), if it is on one."""
    day = getattr(screen, "current_day", None)
    return day if isinstance(day, dt.date) else None


def open_week(app: MHPlannerApp, day: dt.date, event_id: str | None = None) -> None:
    """The week around `day`, with `event_id` (or the day's first event) selected, on top of the screen it is
    opened from; `Esc` goes back there (a year or a month with its cursor on the day the week was left on)."""
    from mh_planner.tui.screens.week import WeekScreen

    while len(app.screen_stack) > 1 and app.screen.is_modal:
        app.pop_screen()
    moved = app.state.by_id.get(app.state.moved or "") if app.state else None
    if event_id is None and moved is not None and moved.start is not None and moved.start.date() == day:
        event_id = moved.id  # the event the last edit moved, rather than the day's first
    if isinstance(app.screen, WeekScreen):
        app.screen.go_to(day, event_id)
        return
    under = app.screen

    def back(left_on: dt.date | None) -> None:
        if left_on is not None and under is app.screen and hasattr(under, "go_to"):
            under.go_to(left_on)

    app.push_screen(WeekScreen(day, event_id, mode=app.current_mode), back)


def go_to_day(app: MHPlannerApp, day: dt.date) -> None:
    """`g`: the year, the month and the week move to the day; any other screen opens the week around it."""
    while len(app.screen_stack) > 1 and app.screen.is_modal:
        app.pop_screen()
    if day_of(app.screen) is not None:
        app.screen.go_to(day)  # type: ignore[attr-defined]
    else:
        open_week(app, day)


def show_event(app: MHPlannerApp, event_id: str) -> None:
    """An event in its week; one not dated yet has no week, so its details instead."""
    from mh_planner.calendar import Event

    if app.state is None:
        return
    event = app.state.by_id.get(event_id)
    if isinstance(event, Event):
        open_week(app, event.first_day, event.id)
    elif event is not None:
        show_details(app, event.id)


def show_details(app: MHPlannerApp, event_id: str) -> None:
    from mh_planner.tui.screens.event_details import EventDetailsScreen

    app.push_screen(EventDetailsScreen(event_id))


def search(app: MHPlannerApp) -> None:
    """`/`: the agenda, its search field focused; Enter or Down in it lands in the results."""
    show_mode(app, "agenda")
    app.call_after_refresh(lambda: getattr(app.screen, "action_search", lambda: None)())


def new_event(app: MHPlannerApp, day: dt.date | None = None) -> None:
    """The editor on a new event of the hub's plan, on `day` or else the day the screen is on."""
    from mh_planner.tui.screens.event_editor import EventEditor

    state = app.state
    if state is None:
        return
    if state.hub is None:
        app.notify("There is no hub plan in the data folder to add events to.", severity="warning")
        return
    day = day or day_of(app.screen)
    editor = EventEditor.add(state, day or app.today or state.year.terms[0].start)
    app.push_screen(editor, _then_apply(app))


def edit_event(app: MHPlannerApp, event_id: str, action: str = "move") -> None:
    """The editor on an event: 'move', 'duplicate', 'delete' or 'confirm'; or why it cannot be edited."""
    from mh_planner.tui.screens.event_editor import EventEditor

    state = app.state
    if state is None or event_id not in state.by_id:
        return
    event = state.by_id[event_id]
    refusal = state.cannot(event, action)
    if refusal:
        notify_text(app, refusal, severity="warning")
        return
    app.push_screen(EventEditor.for_event(state, event_id, action), _then_apply(app))


def import_calendar(app: MHPlannerApp, target: str = "confirmations") -> None:
    """ "Import calendar…" for `target` ('confirmations', 'person:<id>', 'venue:<id>'): the source is read,
    and linked in the plan, in a worker."""
    from mh_planner.tui.screens.import_calendar import ImportCalendarScreen

    if app.state is None:
        return

    def chosen(request: ImportRequest | None) -> None:
        if request is not None:
            app.busy = "reading the calendar"
            app.import_worker(request)

    app.push_screen(ImportCalendarScreen(app.state, target), chosen)


def calendar_imported(app: MHPlannerApp, result: CalendarImported) -> None:
    """The calendar was read and linked: the plan redrawn; confirmed dates, if any, shown for approval."""
    from mh_planner.tui.screens.confirmations import ConfirmationsScreen
    from mh_planner.tui.session import PinDates

    app.busy = ""
    app.state = result.state
    notify_text(app, result.text, title="Import calendar", timeout=8)
    if not result.proposals:
        return

    def approved(pins: tuple[Pin, ...] | None) -> None:
        if pins:
            app.apply(PinDates(pins))

    app.push_screen(ConfirmationsScreen(result.proposals), approved)


def _then_apply(app: MHPlannerApp) -> Callable[[Change | None], None]:
    """What the editor's answer leads to: its change applied, or nothing when it was cancelled."""

    def applied(change: Change | None) -> None:
        if change is not None:
            app.apply(change)

    return applied


def start_next_year(app: MHPlannerApp) -> None:
    """Next year's plans from this year's (`mh-planner new-year`): rolled and checked in a worker, shown with
    what to review, then written only when the user says so."""
    from mh_planner.tui.screens.confirm import write_next_year
    from mh_planner.tui.session import Failed, NextYear

    def done(result: object) -> None:
        app.busy = ""
        if isinstance(result, Failed):
            notify_text(app, result.text, title="Next year", severity="warning", timeout=8)
        elif isinstance(result, NextYear):
            app.push_screen(write_next_year(result.year, result.text), lambda choice: write(result, choice))
        else:
            notify_text(app, getattr(result, "text", ""), title="Next year", timeout=12)

    def write(next_year: NextYear, choice: str | None) -> None:
        if choice == "write":
            app.busy = "writing"
            app.run_worker(lambda: app.call_from_thread(done, app.session.write_next_year(next_year)), thread=True)

    if app.session.loaded:
        app.busy = "rolling forward"
        app.run_worker(lambda: app.call_from_thread(done, app.session.next_year()), thread=True, group="next-year")
