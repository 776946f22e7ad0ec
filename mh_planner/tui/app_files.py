"""The app's work on files: saving (asking before it overwrites a file changed on disk), exporting the feeds
and printing the year planner. Each runs in a thread worker that calls the session and comes back to the
app: a part of `MHPlannerApp`, kept apart to keep its module small.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.reactive import reactive

from mh_planner.tui.literal import notify_text
from mh_planner.tui.messages import EditFailed, PlanChanged
from mh_planner.tui.session import Failed, Session, shown_path

if TYPE_CHECKING:
    from mh_planner.tui.state import PlanState

EXIT_OK = 0


class FileActions(App[int]):
    """The part of the app that saves, exports and prints (`MHPlannerApp` is one)."""

    busy: reactive[str] = reactive("", repaint=False)  # what a worker is doing, for the status bar (it watches)
    session: Session
    export_dir: Path
    print_dir: Path

    def reload(self, confirmed: bool = False) -> None:
        raise NotImplementedError  # the app's: reading the folder again

    def action_save(self, force: bool = False, then_quit: bool = False) -> None:
        if not self.session.loaded:
            return
        self.busy = "saving"
        self._save(force, then_quit)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, force: bool, then_quit: bool) -> None:
        from mh_planner.editing import ChangedOnDisk

        try:
            result = self.session.save(force)
        except ChangedOnDisk as exc:
            self.call_from_thread(self._changed_on_disk, list(exc.paths), then_quit)
            return
        if isinstance(result, Failed):
            self.post_message(EditFailed(result.text))
        elif then_quit:
            self.call_from_thread(self.exit, EXIT_OK)
        else:
            self.post_message(PlanChanged(result.state, result.text))

    def _changed_on_disk(self, paths: list[Path], then_quit: bool) -> None:
        from mh_planner.tui.screens.confirm import overwrite_or_reload

        self.busy = ""

        def decide(choice: str | None) -> None:
            if choice == "overwrite":
                self.action_save(force=True, then_quit=then_quit)
            elif choice == "reload":
                self.reload(confirmed=True)

        self.push_screen(overwrite_or_reload([shown_path(p) for p in paths]), decide)

    def action_export(self) -> None:
        if not self.session.loaded:
            return
        self.busy = "exporting"
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        result = self.session.export(self.export_dir)
        if isinstance(result, Failed):
            self.post_message(EditFailed(result.text))
        else:
            self.call_from_thread(self._exported, result.text)

    def _exported(self, text: str, title: str = "Feeds") -> None:
        self.busy = ""
        notify_text(self, text, title=title, timeout=8)


    def action_print(self) -> None:
        """`P`: the printable year planner of the hub, or of the person selected on the People screen."""
        if not self.session.loaded:
            return
        whose = getattr(self.screen, "printed_person", None)
        state = getattr(self, "state", None)
        if state is None:
            return
        self.busy = "printing"
        self._print_year(state, whose() if callable(whose) else None)

    @work(thread=True, exclusive=True, group="print")
    def _print_year(self, state: PlanState, person: str | None) -> None:
        """The planner of the plan as shown (its snapshot, unsaved edits and all), written as HTML."""
        from mh_planner.printing import file_name, html, write_page, year_planner

        sheet = year_planner(state.calendar, state.conflicts, person=person)
        path = self.print_dir / file_name(state.calendar, person)
        try:
            write_page(path, html(sheet).encode("utf-8"))  # all at once, as every file the planner writes
        except OSError as exc:
            self.post_message(EditFailed(f"Cannot write {shown_path(path)}: {exc}"))
            return
        text = f"Wrote {shown_path(path)}: the year planner ({sheet.whose}) on one A3 page; print it from a browser"
        self.call_from_thread(self._exported, text, "Year planner")
