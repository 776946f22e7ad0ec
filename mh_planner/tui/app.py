"""The terminal planner: `mh-planner` with no command, or `mh-planner tui --data DIR`.

The app holds a `Session` (`session.py`: the planner, its lock, loading, edits, undo, saving, exporting)
and hands each new snapshot of the plan (`PlanState`) down to the screen on view. The first screen is
painted before anything slow: the data is loaded, and the domain (pydantic and all) imported, in a thread
worker; every edit, save and export also runs in a worker that calls the session, and comes back as a
message.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.events import DescendantFocus
from textual.reactive import reactive
from textual.screen import Screen

from mh_planner.tui import navigation
from mh_planner.tui.app_files import FileActions
from mh_planner.tui.crash import ReportingApp
from mh_planner.tui.hubs import NetworkApp
from mh_planner.tui.literal import notify_text
from mh_planner.tui.messages import (
    ApplyChange,
    DayChosen,
    EditFailed,
    EventChosen,
    FixConflict,
    LoadFailed,
    PlanChanged,
    PlanLoaded,
    ShowDay,
    ShowEvent,
)
from mh_planner.tui.screens.base import STYLES
from mh_planner.tui.screens.table import SCREENS
from mh_planner.tui.session import Changed, Failed, ImportRequest, Session
from mh_planner.tui.state import PlanState, conflicts_delta
from mh_planner.tui.typeahead import TypeAheadApp
from mh_planner.tui.widgets import toggles

if TYPE_CHECKING:
    from mh_planner.editing.changes import Change

STARTED = time.perf_counter()  # for the "ready in N ms" log line
EXIT_OK, EXIT_INVALID = 0, 2
SHORT = 32  # lines: a shorter terminal gets the compact dialogs


def _commands() -> type:
    from mh_planner.tui.commands import PlannerCommands

    return PlannerCommands


class MHPlannerApp(TypeAheadApp, FileActions, NetworkApp, ReportingApp):
    TITLE = "mh-planner"
    CSS_PATH = STYLES / "app.tcss"
    # The screens you switch between, from their table; each is imported when first shown.
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {row.mode: row.make for row in SCREENS}
    DEFAULT_MODE = "year"
    COMMANDS = App.COMMANDS | {_commands}
    NOTIFICATION_TIMEOUT = 4
    # One binding per action, here or on one screen: the footer shows the screen's own keys and these few.
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(row.key, row.action, row.title, show=False) for row in SCREENS),
        Binding("g", "go_to", "Go to date", show=False),
        Binding("slash", "search", "Search", key_display="/", show=False),
        Binding("n", "new_event", "New"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("ctrl+s", "save", "Save"),
        Binding("e", "export", "Export", show=False),  # in the help and the palette: the footer is for editing
        Binding("P", "print", "Print", show=False),
        Binding("ctrl+r", "reload", "Reload", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    # Nothing draws the app itself: its screens and status bars watch these, so a new plan repaints only what
    # they change, not the whole screen (a repaint would cost every edit a full frame of output).
    state: reactive[PlanState | None] = reactive(None, always_update=True, repaint=False)

    def __init__(
        self,
        data: str | Path = "data",
        *,
        year: str | None = None,
        today: dt.date | None = None,
        export_dir: str | Path = "calendars",
        print_dir: str | Path = ".",
        blink: bool = True,
        session: Session | None = None,
        hub: str | None = None,
    ) -> None:
        super().__init__()
        toggles.install()  # ticked or not said in characters: [x] [ ] (•) ( )
        self.data = Path(data)
        self.export_dir = Path(export_dir)
        self.print_dir = Path(print_dir)
        self.blink = blink  # off in tests, so that snapshots do not catch the cursor mid-blink
        self.today: dt.date | None = None
        self._today_given = today
        self.session = session or Session(self.data, year, hub)  # one already loaded: shown as it is
        self.problems: list[Any] | None = None

    # --- start-up ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.session.loaded:  # given a session already loaded (tests): its plan is the first paint
            self.post_message(PlanLoaded(self.session.load()))
            return
        self.busy = "loading"
        # Start loading once the first screen is painted: the worker's imports would slow that paint.
        self.call_after_refresh(self.load_plan)

    @work(thread=True, exclusive=True, group="load")
    def load_plan(self, reload: bool = False) -> None:
        from mh_planner.problems import InvalidData

        try:
            state = self.session.load(reload)
        except InvalidData as exc:
            self.post_message(LoadFailed(list(exc.problems)))
            return
        self.post_message(PlanLoaded(state))

    def on_plan_loaded(self, message: PlanLoaded) -> None:
        from mh_planner.tui.state import default_today

        first = self.state is None
        self.today = self._today_given or default_today(message.state.year)
        self.problems = None
        self.busy = ""
        if self.screen.id == "problems":
            self.pop_screen()
            self.refresh_bindings()
        self.state = message.state
        if first:
            self.log.info(f"ready in {(time.perf_counter() - STARTED) * 1000:.0f} ms")
        else:
            notify_text(self, f"Reloaded {self.data}")

    def on_load_failed(self, message: LoadFailed) -> None:
        from mh_planner.tui.screens.problems import ProblemsScreen

        self.busy = ""
        self.problems = message.problems
        self.refresh_bindings()
        if isinstance(self.screen, ProblemsScreen):
            self.screen.problems = message.problems
        else:
            self.push_screen(ProblemsScreen(self.data, message.problems))

    def watch_state(self, old: PlanState | None, state: PlanState | None) -> None:
        from mh_planner.tui.screens.base import PlannerScreen

        # Undo and redo come and go with the history: the footer is rebuilt only when they do (a rebuilt
        # footer restyles every key, which cost an edit more than redrawing the year).
        if old is None or state is None or (old.can_undo, old.can_redo) != (state.can_undo, state.can_redo):
            self.refresh_bindings()
        if state is not None and isinstance(self.screen, PlannerScreen):
            self.screen.catch_up()

    def back_from_problems(self) -> None:
        """Escape on the problems of a failed reload: back to the plan as it was before."""
        if self.session.loaded and self.state is not None and self.screen.id == "problems":
            self.problems = None
            self.pop_screen()
            self.refresh_bindings()

    PLAN_ACTIONS: ClassVar[set[str]] = {
        *("show", "go_to", "search", "new_event", "undo", "redo", "save", "export", "print"),
        *("import_calendar", "refresh_imports"),
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide what needs a plan while there is none (loading, or problems shown); grey out an undo or
        redo with nothing to do."""
        if action in self.PLAN_ACTIONS and (self.state is None or self.problems is not None):
            return False
        if action == "undo" and self.state is not None and not self.state.can_undo:
            return None
        if action == "redo" and self.state is not None and not self.state.can_redo:
            return None
        return True

    # --- edits --------------------------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        if not self.session.loaded:
            return
        self.busy = "checking"
        self._apply(change)

    @work(thread=True, group="edit")
    def _apply(self, change: Change) -> None:
        self._post(self.session.apply(change))

    def _post(self, result: Changed | Failed) -> None:
        """A worker's result as the message the app draws: the plan as changed, or why it was not."""
        if isinstance(result, Failed):
            self.post_message(EditFailed(result.text))
        else:
            self.post_message(PlanChanged(result.state, result.text, result.event_id))

    def on_apply_change(self, message: ApplyChange) -> None:
        self.apply(message.change)

    def on_fix_conflict(self, message: FixConflict) -> None:
        from mh_planner.editing.changes import ApplyFix

        if message.conflict.fix is None:
            self.notify("This conflict has no automatic fix.", severity="warning")
            return
        self.apply(ApplyFix(message.conflict))

    def on_plan_changed(self, message: PlanChanged) -> None:
        # Every screen follows the event the change moved (`PlanState.moved`) as it catches up with it.
        before = self.state
        self.busy = ""
        self.state = message.state
        if message.text:
            notify_text(self, message.text + conflicts_delta(before, message.state))

    def on_edit_failed(self, message: EditFailed) -> None:
        self.busy = ""
        notify_text(self, message.text, title="Not changed", severity="error", timeout=8)

    def action_undo(self) -> None:
        self._history("undo")

    def action_redo(self) -> None:
        self._history("redo")

    def _history(self, which: str) -> None:
        if not self.session.loaded:
            return
        self.busy = "checking"
        self._step(which)

    @work(thread=True, group="edit")
    def _step(self, which: str) -> None:
        self._post(self.session.undo() if which == "undo" else self.session.redo())

    # --- reloading (saving, exporting, printing: app_files.py) ----------------------------------------

    def action_reload(self) -> None:
        self.reload()

    def reload(self, confirmed: bool = False) -> None:
        from mh_planner.tui.screens.confirm import reload_and_lose_edits

        if self.session.dirty and not confirmed:
            self.push_screen(
                reload_and_lose_edits(), lambda choice: self.reload(confirmed=True) if choice == "reload" else None
            )
            return
        self.busy = "loading"
        self.load_plan(reload=self.session.loaded)

    # --- other calendars (the modals: navigation.py) ------------------------------------------------

    def action_import_calendar(self, target: str = "confirmations") -> None:
        navigation.import_calendar(self, target)

    @work(thread=True, exclusive=True, group="import")
    def import_worker(self, request: ImportRequest) -> None:
        result = self.session.import_calendar(request)
        if isinstance(result, Failed):
            self.post_message(EditFailed(result.text))
        else:
            self.call_from_thread(navigation.calendar_imported, self, result)

    def action_refresh_imports(self) -> None:
        self.busy = "reading calendars"
        self._refresh_imports()

    @work(thread=True, exclusive=True, group="import")
    def _refresh_imports(self) -> None:
        self._post(self.session.refresh_imports())

    # --- moving around (where each leads: navigation.py) --------------------------------------------

    def action_show(self, mode: str) -> None:
        if self.state is None or self.problems is not None:
            return
        navigation.show_mode(self, mode)

    def action_go_to(self) -> None:
        from mh_planner.tui.screens.go_to import GoToDate

        state = self.state
        if state is None or isinstance(self.screen, GoToDate):
            return

        def went(day: dt.date | None) -> None:
            if day is not None:
                navigation.go_to_day(self, day)

        self.push_screen(GoToDate(state.year, navigation.day_of(self.screen) or self.today), went)

    def action_search(self) -> None:
        navigation.search(self)

    def on_day_chosen(self, message: DayChosen) -> None:
        navigation.open_week(self, message.day)

    def on_show_day(self, message: ShowDay) -> None:
        navigation.open_week(self, message.day)

    def on_show_event(self, message: ShowEvent) -> None:
        navigation.show_event(self, message.event_id)

    def on_event_chosen(self, message: EventChosen) -> None:
        navigation.show_details(self, message.event_id)

    def action_new_event(self, day: dt.date | None = None) -> None:
        navigation.new_event(self, day)

    def action_next_year(self) -> None:
        navigation.start_next_year(self)

    def edit_event(self, event_id: str, action: str = "move") -> None:
        """Open the editor on an event: 'move', 'duplicate', 'delete' or 'confirm' (from the week's keys)."""
        navigation.edit_event(self, event_id, action)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands, but for its Quit: the palette's Quit is the planner's (it asks first)."""
        return (command for command in super().get_system_commands(screen) if command.title != "Quit")

    def action_help(self) -> None:
        from mh_planner.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")  # the sheets fit their dialogs into fewer lines

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if not self.blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    # --- leaving ------------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        from mh_planner.tui.screens.confirm_quit import ConfirmQuit

        if self.problems is not None:
            self.exit(EXIT_INVALID, return_code=EXIT_INVALID)
            return
        if not self.session.dirty:
            self.exit(EXIT_OK)
            return
        if isinstance(self.screen, ConfirmQuit):
            return

        def decide(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then_quit=True)
            elif choice == "discard":
                self.exit(EXIT_OK)

        self.push_screen(ConfirmQuit(), decide)


def run_tui(data: str | Path = "data", *, year: str | None = None, hub: str | None = None) -> int:
    """Run the planner until the user quits; 0, or 2 when the data could not be loaded."""
    app = MHPlannerApp(data, year=year, hub=hub)
    result = app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    return result or EXIT_OK
