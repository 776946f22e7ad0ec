"""Edit a hub's plan safely: one planning session over a data folder (the domain under the TUI and the CLI).

Each edit is written into the plan's YAML text as a minimal change (`files.yaml_splice`), re-read and
re-validated exactly as the loader would read the saved file, and the calendar is re-assembled and
re-checked; an edit that would make the data invalid raises `EditError` and changes nothing. In a network
only what the edit touched is done again: the edited plan's references, its hub's part of the calendar
(`assemble.reassemble`) and the conflicts of the hubs it concerns (`scheduling.recheck`). States are
immutable snapshots; the undo history keeps plan texts, not calendars (a step of a 40-hub network costs its
one plan's text, not a calendar of 25,000 events). See docs/editing.md.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mh_planner.assemble import assemble, reassemble
from mh_planner.calendar import Calendar, Event
from mh_planner.editing import create, edits
from mh_planner.editing.state import ChangedOnDisk, Edit, EditError, PlanText, State, problems_text, write_plan
from mh_planner.files.atomic import TextFile, remove_leftovers
from mh_planner.files.yaml_ops import Op, YamlEditError
from mh_planner.files.yaml_splice import apply, parse
from mh_planner.loading import Dataset, PlanFile, check_references, load, validate
from mh_planner.loading.years import layout
from mh_planner.model import Plan
from mh_planner.problems import Problems
from mh_planner.query import HubScope
from mh_planner.rules import Conflict
from mh_planner.scheduling import check, check_hub, recheck

UNDO_DEPTH = 200  # a step is a plan's text, but a season of edits need not all be kept
READ_KEPT = 4  # plan texts kept read (the last edit's before and after: undo and redo without parsing)


class Planner:
    """One planning session over a data folder: the current dataset, calendar and conflicts, edits,
    undo/redo, save."""

    def __init__(
        self,
        data: Path,
        year: str | None = None,
        imported: Callable[[Dataset], Sequence[Event]] | None = None,
        focus: str | None = None,
    ) -> None:
        """`year`: which academic year to open (None: the latest year with a plan, then kept for reloads).
        `imported`: the busy times and bookings of the plans' linked calendars, as events
        (`importing.imported_events`); read again only when a plan's `imports:` or venues change.
        `focus`: the hub being planned, in a network: its conflicts are checked at once (`conflicts_of`), the
        whole network's when they are first needed (`complete`: the planner does it after its first screen)."""
        self.data = Path(data)
        self.year = year
        self._focus = focus
        self._pending = False  # the network's conflicts are still to be checked (only the focus's are)
        self._focused: tuple[Calendar, list[Conflict]] | None = None
        self._imported = imported
        self._imported_key: str | None = None
        self._imported_events: list[Event] = []
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._read: dict[tuple[Path, str], PlanText] = {}  # the plan texts read last: undo and redo take them back
        self._preview = False
        self._state, self._disk = self._load()

    # --- the current session ----------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.complete()

    @property
    def dataset(self) -> Dataset:
        return self._state.dataset

    @property
    def calendar(self) -> Calendar:
        return self._state.calendar

    @property
    def conflicts(self) -> list[Conflict]:
        return self.complete().conflicts

    def complete(self) -> State:
        """The state with the whole network's conflicts (checked now if only the focus's were)."""
        if self._pending:
            self._pending = False
            self._state = self._state.replace(conflicts=check(self._state.calendar))
        return self._state

    def conflicts_of(self, hub: str) -> list[Conflict]:
        """The conflicts that concern one hub (`query.HubScope`): at once for the hub in focus, without
        checking the rest of the network when that is not done yet."""
        calendar = self._state.calendar
        if self._pending and hub == self._focus:
            if self._focused is None or self._focused[0] is not calendar:
                self._focused = (calendar, check_hub(calendar, hub))
            return self._focused[1]
        return HubScope(calendar, hub).conflicts(self.conflicts)

    @property
    def dirty(self) -> bool:
        """Unsaved changes: some plan's text differs from what is on disk (so undoing back is clean)."""
        return any(f.text != self._disk[f.path].text for f in self._state.files)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- edits (see `edits` for what each writes) ---------------------------------------------------

    def move_event(self, event_id: str, start: dt.datetime, end: dt.datetime, venue: str | None = None) -> None:
        self.apply(edits.move_event(self._state, event_id, start, end, venue))

    def move_events(self, moves: Sequence[edits.Moving]) -> None:
        """Several events moved as one change (one undo step): (event id, start, end, venue or None)."""
        if moves:
            self.apply(edits.move_events(self._state, moves))

    def confirm_central(
        self, event_id: str, day: dt.date, end_day: dt.date | None = None, time: str | None = None
    ) -> None:
        self.apply(edits.confirm_central(self._state, event_id, day, end_day, time))

    def add_local_event(
        self,
        hub: str,
        *,
        title: str,
        day: dt.date,
        time: str | None,
        venue: str | None,
        people: list[str],
        project: str | None = None,
        end_day: dt.date | None = None,
    ) -> str:
        """Add a one-off event to a hub's plan; returns its new id (made from the title)."""
        edit = edits.add_local_event(
            self._state,
            hub,
            title=title,
            day=day,
            time=time,
            venue=venue,
            people=people,
            project=project,
            end_day=end_day,
        )
        self.apply(edit)
        return str(edit.event_id)

    def link_source(self, hub: str, entry: dict[str, Any]) -> bool:
        """Link a calendar in the hub's plan (`imports:`); False when it was linked already."""
        edit = edits.link_source(self._state, hub, entry)
        self.apply(edit)
        return bool(edit.changes)

    def add_meeting(self, group_id: str, day: dt.date, time: str | None, venue: str | None = None) -> str:
        """A new meeting of a work group (its next session); returns its id."""
        edit = create.add_meeting(self._state, group_id, day, time, venue)
        self.apply(edit)
        return str(edit.event_id)

    def add_visit(self, group_id: str, school: str, day: dt.date, time: str | None) -> None:
        self.apply(create.add_visit(self._state, group_id, school, day, time))

    def add_work_group(self, hub: str, **group: Any) -> str:
        """A new work group with its first meeting (name, project, lead, members, venue, day, time)."""
        edit = create.add_work_group(self._state, hub, **group)
        self.apply(edit)
        return str(edit.event_id)

    def duplicate_event(self, event_id: str, day: dt.date) -> str:
        edit = edits.duplicate_event(self._state, event_id, day)
        self.apply(edit)
        return str(edit.event_id)

    def delete_event(self, event_id: str) -> None:
        self.apply(edits.delete_event(self._state, event_id))

    def delete_series(self, work_group_id: str) -> None:
        self.apply(edits.delete_series(self._state, work_group_id))

    def apply_fix(self, conflict: Conflict) -> None:
        fix = conflict.fix
        if fix is None:
            raise EditError("this conflict has no suggested fix")
        self.move_event(fix.event_id, fix.start, fix.end)

    def preview(self, change: Callable[[Planner], object]) -> tuple[list[Conflict], list[Conflict]]:
        """Check before you book: the conflicts `change` would add and remove (by `Conflict.key`), made on a
        scratch copy; this session is unchanged. An impossible change raises its EditError."""
        self.complete()
        scratch = copy.copy(self)
        scratch._undo, scratch._redo, scratch._preview = [], [], True
        change(scratch)
        before = {c.key for c in self.conflicts}
        after = {c.key for c in scratch.conflicts}
        added = [c for c in scratch.conflicts if c.key not in before]
        removed = [c for c in self.conflicts if c.key not in after]
        return added, removed

    # --- undo, disk -------------------------------------------------------------------------------

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self._restore(self._undo.pop()))
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self._restore(self._redo.pop()))
        return True

    def _restore(self, step: Step) -> Step:
        """Go back (or forth) to the plan texts of `step`; the step that returns to where this was."""
        state = self.complete()
        files = list(state.files)
        back = Step(tuple((i, files[i].text) for i, _ in step.texts))
        for i, text in step.texts:
            files[i] = self._reread(files[i], text)
        dataset = dataclasses.replace(state.dataset, plans=[f.plan_file for f in files])
        calendar, delta = reassemble(state.calendar, dataset, self._imported_for(dataset))
        conflicts = recheck(state.calendar, state.conflicts, calendar, delta)  # a step always changes a file
        self._state = State(tuple(files), dataset, calendar, conflicts)
        return back

    def _reread(self, old: PlanText, text: str) -> PlanText:
        """The plan file read from `text`: as read a moment ago if it was, else parsed again."""
        found = self._read.get((old.path, text))
        if found is None:
            found = _parsed(old.path, text)
            self._remember(found)
        return found

    def _remember(self, *read: PlanText) -> None:
        for plan_text in read:
            self._read[(plan_text.path, plan_text.text)] = plan_text
        while len(self._read) > READ_KEPT:
            del self._read[next(iter(self._read))]

    def changed_on_disk(self) -> list[Path]:
        """Plan files whose content on disk is not what this session last loaded or saved."""
        return [path for path, disk in self._disk.items() if disk.fingerprint.changed(path)]

    def save(self, force: bool = False) -> list[Path]:
        """Write the plans with unsaved changes, each atomically; returns the files written. Refuses
        (ChangedOnDisk) to overwrite a file someone else changed since it was loaded, unless `force`."""
        if self._preview:
            raise EditError("a preview cannot be saved")
        pending = [f for f in self._state.files if f.text != self._disk[f.path].text]
        if not force:
            changed = set(self.changed_on_disk())
            clash = [f.path for f in pending if f.path in changed]
            if clash:
                raise ChangedOnDisk(clash)
        written = []
        for f in pending:  # each under the writers' lock, checked again just before its rename (write_plan)
            self._disk[f.path] = write_plan(f.path, self._disk[f.path], f.text, force)
            written.append(f.path)
        return written

    def reload(self) -> None:
        """Read the folder again, dropping unsaved changes and the undo history. Raises InvalidData (and
        keeps the session as it was) when the files on disk are not valid."""
        if self._preview:
            raise EditError("a preview cannot be reloaded")
        self._state, self._disk = self._load()
        self._undo.clear()
        self._redo.clear()

    def reimport(self) -> None:
        """Read the linked calendars' copies again (after they were refreshed) and re-check; no undo step."""
        self._imported_key = None
        state = self._state
        calendar = assemble(state.dataset, self._imported_for(state.dataset))
        self._pending = False
        self._state = State(state.files, state.dataset, calendar, check(calendar))

    def _imported_for(self, dataset: Dataset) -> Sequence[Event]:
        if self._imported is None:
            return ()
        key = repr([(f.plan.hub, f.plan.imports, [v for v in f.plan.venues if f.plan.imports]) for f in dataset.plans])
        if key != self._imported_key:
            self._imported_events = list(self._imported(dataset))
            self._imported_key = key
        return self._imported_events

    def fork(self) -> Planner:
        """An independent session that starts where this one is, without reading the folder again: the states
        are shared (they are never changed), the history and the record of the files on disk are its own."""
        other = copy.copy(self)
        other._undo, other._redo, other._disk = list(self._undo), list(self._redo), dict(self._disk)
        return other

    # --- machinery --------------------------------------------------------------------------------

    def _load(self) -> tuple[State, dict[Path, TextFile]]:
        where = layout(self.data, self.year)
        if not isinstance(where, str):
            remove_leftovers(where.plans)  # copies of a plan left by a save that was killed
        for _ in range(3):
            before = _plan_hashes(self.data, self.year)
            dataset = load(self.data, self.year)
            if dataset.years is not None:
                self.year = dataset.label  # a new year's plan written meanwhile does not change the session's
            disk = {pf.path: TextFile.read(pf.path) for pf in dataset.plans}
            # A plan rewritten while the loader read it would leave the text and the models out of step.
            if all(before.get(path) == text.fingerprint.sha256 for path, text in disk.items()):
                break
        files = tuple(PlanText(pf.path, disk[pf.path].text, pf) for pf in dataset.plans)
        calendar = assemble(dataset, self._imported_for(dataset))
        self._pending = self._focus in calendar.plans and len(calendar.plans) > 1
        return State(files, dataset, calendar, [] if self._pending else check(calendar)), disk

    def apply(self, edit: Edit) -> None:
        """Apply an edit's ops to plan files, re-validate, re-assemble and re-check (only what the edit
        touched: the edited plans' references, their hubs' parts, the conflicts they concern); all or nothing."""
        changes = {i: ops for i, ops in edit.changes.items() if ops}
        if not changes:
            return
        state = self.complete()
        files = list(state.files)
        for i, ops in changes.items():
            files[i] = _rewritten(files[i], ops)
        problems = check_references([f.plan_file for f in files], state.dataset, only=changes)
        if problems:
            raise EditError(problems_text(problems), problems)
        dataset = dataclasses.replace(state.dataset, plans=[f.plan_file for f in files])
        calendar, delta = reassemble(state.calendar, dataset, self._imported_for(dataset))
        if edit.verify is not None:
            edit.verify(calendar)
        self._remember(*(state.files[i] for i in changes), *(files[i] for i in changes))
        self._undo.append(Step(tuple((i, state.files[i].text) for i in changes)))
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._state = State(tuple(files), dataset, calendar, recheck(state.calendar, state.conflicts, calendar, delta))


def _rewritten(old: PlanText, ops: list[Op]) -> PlanText:
    """The plan file with `ops` written into its text, read back exactly as the loader would read it."""
    display = str(old.path)
    try:
        text, expected = apply(old.text, old.plan_file.source.data, ops)
    except YamlEditError as exc:
        raise EditError(f"{display}: this edit cannot be written into the file: {exc}") from exc
    return _parsed(old.path, text, expected)


def _parsed(path: Path, text: str, expected: Any = None) -> PlanText:
    """A plan's text read exactly as the loader would read the file; `expected`: the data it must read as
    (the safety net under the text splicing)."""
    display = str(path)
    source, problems = parse(text, path, display)
    if source is None or problems:
        raise EditError(problems_text(problems), problems)
    if expected is not None and source.data != expected:
        raise EditError(f"{display}: this edit could not be written into the file safely; nothing changed")
    validated = Problems()
    plan = validate(Plan, source, validated, display)
    if plan is None:
        raise EditError(problems_text(validated), validated)
    return PlanText(path, text, PlanFile(path, plan, source))


@dataclass(frozen=True)
class Step:
    """One step of the undo (or redo) history: the texts of the plans it changed, by their position."""

    texts: tuple[tuple[int, str], ...]


def _plan_hashes(data: Path, year: str | None) -> dict[Path, str]:
    where = layout(data, year)
    if isinstance(where, str):
        return {}
    folder = where.plans
    if not folder.is_dir():
        return {}
    return {
        p: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.suffix in {".yaml", ".yml"} and p.is_file()
    }
