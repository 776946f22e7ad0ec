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

from mh_planner.tui.scope import Scoped, collector_paused
from mh_planner.tui.session_scheduling import SchedulingCalls
from mh_planner.tui.state import PlanState, moved_event

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mh_planner.calendar import Event
    from mh_planner.editing import Planner
    from mh_planner.editing.changes import Change
    from mh_planner.editing.new_year import Rolled
    from mh_planner.importing import Pin, Proposal
    from mh_planner.loading import Dataset
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
class NextYear:
    """Next year's plans, rolled from this year's and checked, not written yet."""

    year: str
    plans: list[Rolled]

    @property
    def text(self) -> str:
        """What writing them would do, and the first things to review, for the question before writing."""
        lines = []
        for plan in self.plans:
            lines.append(f"{shown_path(plan.target)}, from {shown_path(plan.source)}: {len(plan.review)} to review")
            lines += [f"  - {line}" for line in plan.review[:SHOWN_REVIEW]]
            if len(plan.review) > SHOWN_REVIEW:
                lines.append(f"  ... and {len(plan.review) - SHOWN_REVIEW} more, listed at the top of the new file")
        return "\n".join(lines)


@dataclass(frozen=True)
class Wrote:
    year: str
    written: list[Path]

    @property
    def text(self) -> str:
        names = ", ".join(shown_path(p) for p in self.written)
        return f"Wrote {names}: review the list at its top, then open the year with mh-planner --year {self.year}"


SHOWN_REVIEW = 8


@dataclass(frozen=True)
class ImportRequest:
    """What "Import calendar…" asks for: a file or an address, read as `kind` for a person or a venue."""

    source: str
    kind: str  # busy, bookings or confirmations
    person: str | None = None
    venue: str | None = None
    own: bool = False  # the hub's own calendar: its titles may be shown


@dataclass(frozen=True)
class CalendarImported:
    """A calendar was read and linked (an unsaved edit of the plan); confirmed dates wait for approval."""

    state: PlanState
    text: str
    proposals: tuple[Proposal, ...] = ()


@dataclass(frozen=True)
class PinDates:
    """Approved confirmed dates, written into the plan's `confirm:`: one edit per date (undo takes them back
    one at a time), all applied or, if one is refused, none kept."""

    pins: tuple[Pin, ...]

    @property
    def text(self) -> str:
        return f"Pinned {len(self.pins)} confirmed date(s)"

    def __call__(self, planner: Planner) -> str | None:
        done = 0
        try:
            for pin in self.pins:
                planner.confirm_central(pin.event_id, pin.day, pin.end_day, pin.time)
                done += 1
        except Exception:
            for _ in range(done):
                planner.undo()
            raise
        return self.pins[0].event_id if self.pins else None


def imported_events(dataset: Dataset) -> Sequence[Event]:
    """The linked calendars' busy times and bookings, from their last good copies (never the network)."""
    if not any(f.plan.imports for f in dataset.plans):
        return ()  # nothing linked: the .ics readers are not even imported (~0.1 s of the first screen)
    from mh_planner.importing import imported_events as read

    return read(dataset).events


class Session(Scoped, SchedulingCalls):
    """One data folder being planned. Every method may be called from any thread; those that read or change
    the planner take the lock, so edits, previews, saves and exports run one at a time. Finding times and
    placing the year (`SchedulingCalls`, in session_scheduling.py) read a snapshot and search outside it."""

    def __init__(self, data: Path, year: str | None = None, hub: str | None = None) -> None:
        self.data = Path(data)
        self.year = year  # None: the latest year with a plan
        self.home = hub  # the hub being planned (None: not chosen yet; a folder of one plan: that one)
        self.scope = hub  # the hub shown; None: the whole network
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
        from mh_planner.files.crash import loading_problems

        # An unreadable file, or a bug met on this data, is a problem to show too, never a traceback.
        with loading_problems(str(self.data)), self._lock, collector_paused():
            if self._planner is None:
                self._planner = Planner(self.data, self.year, imported=imported_events, focus=self.home)
            elif reload:
                self._planner.reload()
            self._settle_scope()
            return self._snapshot()

    def fork(self) -> Session:
        """A session that starts where this one is, without loading again, and goes its own way: the plan's
        snapshots are immutable, so both share them (tests: one load of the sample for every app)."""
        other = Session(self.data, self.year, self.home)
        other.scope = self.scope
        with self._lock:
            other._planner = self._loaded().fork()
        return other

    def _snapshot(self, moved: str | None = None) -> PlanState:
        """The planner now, narrowed (`_shown`), indexed in this worker; `moved`: the event a change moved."""
        planner = self._planner
        assert planner is not None
        self._revision += 1
        calendar, conflicts, network = self._shown(planner)
        hubs = tuple((network or calendar).plans)
        self._latest = PlanState(
            moved=moved,
            data=self.data,
            calendar=calendar,
            conflicts=conflicts,
            dirty=planner.dirty,
            can_undo=planner.can_undo,
            can_redo=planner.can_redo,
            revision=self._revision,
            scope=self.scope if network is not None else None,
            home=self.home,
            hubs=hubs,
            network=network,
        ).warm()
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

    # --- other calendars ----------------------------------------------------------------------------

    def import_calendar(self, request: ImportRequest) -> CalendarImported | Failed:
        """Read a calendar (the network, for an address) and link it in the plan as an unsaved edit; for
        confirmed dates, the proposals to approve. Nothing changes when it cannot be read."""
        from mh_planner.importing import propose, refresh
        from mh_planner.importing.linking import new_link
        from mh_planner.model import ImportAs

        try:
            with self._lock:
                planner = self._loaded()
                found = new_link(planner.dataset, request.source, request.kind, person=request.person,
                                 venue=request.venue, own=request.own)  # fmt: skip
                if isinstance(found, str):
                    return Failed(found)
                linked = refresh(planner.dataset, found.hub, found.link)
                added = planner.link_source(found.hub, found.entry)
                if not added:
                    planner.reimport()  # linked before: its copy may be new
                proposals: tuple[Proposal, ...] = ()
                if found.link.as_ is ImportAs.CONFIRMATIONS and linked.reading is not None:
                    proposals = tuple(propose(planner.dataset, linked.reading))
                text = f"Read {linked.line()}" + ("" if added else " (linked already)")
                return CalendarImported(self._snapshot(), text, proposals)
        except Exception as exc:  # ImportFailure (one line naming the source), EditError
            return Failed(str(exc) or type(exc).__name__)

    def refresh_imports(self) -> Changed | Failed:
        """Read every linked calendar again (conditional GET); a source that cannot be read keeps its copy."""
        from mh_planner.importing import ImportFailure, links, refresh

        notes: list[str] = []
        try:
            with self._lock:
                planner = self._loaded()
                for hub, link in links(planner.dataset):
                    try:
                        linked = refresh(planner.dataset, hub, link)
                    except ImportFailure as failure:
                        notes.append(str(failure))
                        continue
                    if linked.note:
                        notes.append(linked.line())
                planner.reimport()
                state = self._snapshot()
        except Exception as exc:
            return Failed(str(exc) or type(exc).__name__)
        return Changed(state, "Calendars read again" + "".join(f"\n{n}" for n in notes))

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

    # --- the next year ------------------------------------------------------------------------------

    def next_year(self) -> NextYear | Failed:
        """Next year's plans from this year's saved ones (`editing.new_year`), checked; nothing written."""
        from mh_planner.editing import EditError
        from mh_planner.editing.new_year import following, roll_forward
        from mh_planner.problems import InvalidData

        with self._lock:
            planner = self._loaded()
            if planner.dirty:
                return Failed("Save your edits first: next year's plans are made from the saved ones")
            label = following(planner.dataset.label)
        try:
            return NextYear(label, roll_forward(self.data, label))
        except EditError as exc:
            return Failed(str(exc))
        except InvalidData as exc:
            problems = list(exc.problems)
            return Failed(f"{len(problems)} problem(s) in the data for {label}: {problems[0] if problems else ''}")

    def write_next_year(self, next_year: NextYear) -> Wrote | Failed:
        """Write the plans `next_year` rolled, each atomically, never over an existing file."""
        from mh_planner.editing import EditError
        from mh_planner.editing.new_year import write

        written = []
        for plan in next_year.plans:
            try:
                write(plan)
            except (OSError, EditError) as exc:
                return Failed(f"Could not write {shown_path(plan.target)}: {exc}")
            written.append(plan.target)
        return Wrote(next_year.year, written)

    def _loaded(self) -> Planner:
        """The planner (call under the lock)."""
        if self._planner is None:
            raise RuntimeError("no plan loaded yet")
        return self._planner


def shown_path(path: Path | str) -> str:
    """A path as the user should read it: relative to the working folder when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
