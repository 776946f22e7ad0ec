"""The work the planner's screens start but do not own: loading, edits, undo, previews, saving and exporting.

A plain, thread-safe object with no Textual (nor Rich) in it: the app's thread workers call it and turn what
it returns into messages. It owns the `editing.Planner` and the lock that lets one worker at a time change
it, and answers with plain values: a `PlanState` snapshot after each change, the files a save wrote, the
summary of an export, or `Failed` with the reason when nothing changed. Two conditions the user must decide
on stay domain exceptions: `InvalidData` (the folder cannot be loaded: show its problems) and `ChangedOnDisk`
(saving would overwrite someone else's edit: ask first).

The domain (pydantic and all) is imported on first load, in the worker, so that the app's first screen is
painted before anything slow.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mh_planner.tui.state import PlanState, moved_event

if TYPE_CHECKING:
    from mh_planner.editing import Planner
    from mh_planner.editing.changes import Change
    from mh_planner.rules import Conflict


@dataclass(frozen=True)
class Failed:
    """Nothing was changed; `text` says why, in words for a notification."""

    text: str


@dataclass(frozen=True)
class Changed:
    """An edit, undo or redo was applied: the new snapshot, what was done, and the event it made or moved."""

    state: PlanState
    text: str
    event_id: str | None = None


@dataclass(frozen=True)
class Saved:
    state: PlanState
    written: list[Path]

    @property
    def text(self) -> str:
        return f"Saved {', '.join(shown_path(p) for p in self.written) or 'nothing had changed'}"


@dataclass(frozen=True)
class Exported:
    summary: str  # feeds.export.ExportResult.summary()
    index: Path  # the feeds' index page
    with_unsaved_edits: bool

    @property
    def text(self) -> str:
        note = " (with your unsaved edits)" if self.with_unsaved_edits else ""
        return f"Exported {self.summary}{note}\nIndex: {self.index}"


@dataclass(frozen=True)
class Printed:
    path: Path
    whose: str

    @property
    def text(self) -> str:
        return f"Wrote {shown_path(self.path)}: the year planner ({self.whose}) on one A3 page; print it from a browser"


class Session:
    """One data folder being planned. Every method may be called from any thread; those that read or change
    the planner take the lock, so edits, previews, saves and exports run one at a time."""

    def __init__(self, data: Path) -> None:
        self.data = Path(data)
        self._planner: Planner | None = None
        self._lock = threading.Lock()
        self._revision = 0
        self._latest: PlanState | None = None

    @property
    def loaded(self) -> bool:
        """A plan has been loaded (a failed reload keeps the one before)."""
        return self._planner is not None

    @property
    def dirty(self) -> bool:
        """Unsaved changes, as of the last load, edit, undo or save."""
        return self._latest is not None and self._latest.dirty

    # --- loading ------------------------------------------------------------------------------------

    def load(self, reload: bool = False) -> PlanState:
        """Load the data folder, once (with `reload`, read it again, dropping unsaved edits and the history).
        Raises InvalidData with every problem found; an unreadable file is one such problem. A failed
        reload keeps the plan as it was."""
        from mh_planner.editing import Planner
        from mh_planner.problems import InvalidData, Problem, Problems

        try:
            with self._lock:
                if self._planner is None:
                    self._planner = Planner(self.data)
                elif reload:
                    self._planner.reload()
                return self._snapshot()
        except OSError as exc:  # unreadable rather than invalid: still a problem to show, not a traceback
            problem = Problem(str(exc.filename or self.data), None, "", exc.strerror or str(exc))
            raise InvalidData(Problems([problem])) from exc

    def fork(self) -> Session:
        """A session that starts where this one is, without loading again, and goes its own way: the plan's
        snapshots are immutable, so both share them (tests: one load of the sample for every app)."""
        other = Session(self.data)
        with self._lock:
            other._planner = self._loaded().fork()
        return other

    def _snapshot(self, moved: str | None = None) -> PlanState:
        """The planner as it is now (call under the lock); `moved`: the event the change added or moved."""
        planner = self._planner
        assert planner is not None
        self._revision += 1
        self._latest = PlanState(
            moved=moved,
            data=self.data,
            calendar=planner.calendar,
            conflicts=list(planner.conflicts),
            dirty=planner.dirty,
            can_undo=planner.can_undo,
            can_redo=planner.can_redo,
            revision=self._revision,
        )
        self._latest.warm()  # the indexes every screen reads, worked out here in the worker, not while drawing
        return self._latest

    # --- edits --------------------------------------------------------------------------------------

    def apply(self, change: Change) -> Changed | Failed:
        """Apply an edit, all or nothing: when the planner refuses it, say why and keep the session (and the
        unsaved work) as it was."""
        try:
            with self._lock:
                planner = self._loaded()
                event_id = change(planner)
                return Changed(self._snapshot(event_id), change.text, event_id)
        except Exception as exc:
            return Failed(str(exc) or type(exc).__name__)

    def preview(self, change: Change) -> tuple[list[Conflict], list[Conflict]]:
        """The conflicts `change` would add and remove; the plan is unchanged. An impossible change raises
        its error, for the editor to show."""
        with self._lock:
            return self._loaded().preview(change)

    def undo(self) -> Changed | Failed:
        return self._step("undo")

    def redo(self) -> Changed | Failed:
        return self._step("redo")

    def _step(self, which: str) -> Changed | Failed:
        with self._lock:
            planner = self._loaded()
            before = planner.calendar
            done = planner.undo() if which == "undo" else planner.redo()
            moved = moved_event(before, planner.calendar) if done else None
            state = self._snapshot(moved)
        if not done:
            return Failed(f"Nothing to {which}")
        return Changed(state, "Undone" if which == "undo" else "Redone", moved)

    # --- saving and exporting -----------------------------------------------------------------------

    def save(self, force: bool = False) -> Saved | Failed:
        """Write the plans with unsaved changes. Raises ChangedOnDisk (and writes nothing) when that would
        overwrite a file changed by something else since it was loaded, unless `force`."""
        try:
            with self._lock:
                written = self._loaded().save(force=force)
                return Saved(self._snapshot(), written)
        except OSError as exc:
            return Failed(f"Could not save: {exc}")

    def export(self, out: Path) -> Exported | Failed:
        """Write the iCalendar feeds and their index to `out`, unsaved edits included."""
        from mh_planner.feeds.export import export, out_folder_problem

        problem = out_folder_problem(self.data, out)
        if problem:
            return Failed(f"Cannot export: {problem}")
        try:
            with self._lock:
                planner = self._loaded()
                dirty = planner.dirty
                result = export(planner.calendar, out)
        except OSError as exc:
            return Failed(f"Cannot write the feeds to {out}: {exc}")
        return Exported(result.summary(), out.resolve() / "index.html", dirty)

    def print_year(self, out: Path, person: str | None = None) -> Printed | Failed:
        """Write the printable A3 year planner (HTML) of the hub, or of `person`, into the folder `out`."""
        from mh_planner.printing import file_name, html, year_planner

        with self._lock:
            planner = self._loaded()
            calendar, conflicts = planner.calendar, list(planner.conflicts)
        sheet = year_planner(calendar, conflicts, person=person)
        path = out / file_name(calendar, person)
        try:
            path.write_text(html(sheet), encoding="utf-8")
        except OSError as exc:
            return Failed(f"Cannot write {shown_path(path)}: {exc}")
        return Printed(path, sheet.whose)

    def _loaded(self) -> Planner:
        if self._planner is None:
            raise RuntimeError("no plan loaded yet")
        return self._planner


def shown_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
