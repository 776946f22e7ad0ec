"""Edit a hub's plan safely: the domain layer under the TUI (and the CLI). Nothing here imports textual.

A `Planner` is one planning session over a data folder. Each edit is written into the plan's YAML text as
a minimal change (see `yaml_roundtrip`), re-read and re-validated exactly as the loader would read the saved
file, and the calendar is re-assembled and re-checked; an edit that would make the data invalid raises
`EditError` and changes nothing. Sessions are immutable snapshots, so undo, redo and previews are cheap and
exact. See docs/editing.md for what each edit writes.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mh_planner.academic_year import HALF_TERM_NAMES, TERM_NAMES
from mh_planner.assemble import DAY_HOURS, Calendar, assemble
from mh_planner.conflicts import Conflict
from mh_planner.events import Event, Origin, fmt_day
from mh_planner.loader import Dataset, PlanFile, check_references, load, validate
from mh_planner.model import CadenceEvery, EventKind, Plan, WorkGroup, slug
from mh_planner.problems import Problem, Problems
from mh_planner.rules import check
from mh_planner.timing import parse_time_of_day
from mh_planner.yaml_roundtrip import (
    Append,
    Block,
    DeleteItem,
    DeleteKey,
    Op,
    SetKey,
    TextFile,
    YamlEditError,
    apply,
    atomic_write,
    parse,
)

UNDO_DEPTH = 200  # snapshots share everything unchanged, but a season of edits need not all be kept
MIDNIGHT = dt.time()


class EditError(Exception):
    """An edit that cannot be made; the message is for the user. `problems` has the validation details."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class ChangedOnDisk(Exception):
    """Saving would overwrite files someone else changed since they were loaded or saved."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(str(p) for p in paths)
        super().__init__(f"changed on disk since it was loaded: {names} (reload, or save with force)")


@dataclass(frozen=True)
class _File:
    path: Path
    text: str  # the plan as it would be saved, line ends normalised to \n
    plan_file: PlanFile


@dataclass(frozen=True)
class _State:
    """Everything an edit changes; never mutated, so undo and preview just keep a reference."""

    files: tuple[_File, ...]
    dataset: Dataset
    calendar: Calendar
    conflicts: list[Conflict] = field(default_factory=list)


def _time_text(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def _times(text: str | None, default: str) -> tuple[dt.time, dt.time]:
    return parse_time_of_day(text or default) or DAY_HOURS


class Planner:
    """One planning session over a data folder: the current dataset, calendar and conflicts, edits,
    undo/redo, save."""

    def __init__(self, data: Path) -> None:
        self.data = Path(data)
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        self._preview = False
        self._state, self._disk = self._load()

    # --- the current session ----------------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        return self._state.dataset

    @property
    def calendar(self) -> Calendar:
        return self._state.calendar

    @property
    def conflicts(self) -> list[Conflict]:
        return self._state.conflicts

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

    # --- edits ------------------------------------------------------------------------------------

    def move_event(self, event_id: str, start: dt.datetime, end: dt.datetime) -> None:
        """Move a hub's own event. Times are wall-clock, to the minute; midnight to midnight is all day."""
        event = self._event(event_id)
        start, end = self._span(start, end)
        if event.origin is Origin.CENTRAL:
            raise EditError("central events are not movable: confirm their date instead")
        if event.origin is Origin.EXCHANGE:
            raise EditError("exchange legs are not movable: their dates are fixed by the programme")
        if event.origin is Origin.LOCAL:
            changes = self._move_local(event, start, end)
        elif event.kind == EventKind.VISIT:
            changes = self._move_visit(event, start, end)
        else:
            changes = self._move_meeting(event, start, end)

        def moved(calendar: Calendar) -> None:
            found = calendar.by_id().get(event_id)
            if found is None or (found.start, found.end) != (start, end):
                raise EditError(f"'{event.title}' cannot be moved to {fmt_day(start.date())} {start:%H:%M}")

        self._edit(changes, moved)

    def confirm_central(
        self, event_id: str, day: dt.date, end_day: dt.date | None = None, time: str | None = None
    ) -> None:
        """Record the announced date of a central event in the plan's `confirm:` map."""
        event = self._event(event_id)
        if event.origin is Origin.EXCHANGE:
            raise EditError("exchange legs have fixed dates set by the programme: there is nothing to confirm")
        if event.origin is not Origin.CENTRAL:
            raise EditError(f"'{event.title}' is the hub's own event: move it instead")
        if "#" in event_id:
            raise EditError(f"'{event.title}' is one of a series held once a term: only a single event is confirmed")
        if end_day is not None and end_day < day:
            raise EditError(f"the last day {end_day} is before the first day {day}")
        project_id, item_id = event_id.split("/", 1)
        item = next(e for e in self.dataset.projects[project_id].events if e.id == item_id)
        if item.date is not None:
            raise EditError(f"the programme already dates '{event.title}' ({fmt_day(item.date)})")
        index = self._confirming_file(event)
        plan = self._state.files[index].plan_file.plan
        entry = plan.confirm.get(event_id)
        ops: list[Op] = []
        if entry is None:
            value: dict[str, Any] = {"date": day}
            if end_day is not None:
                value["end_date"] = end_day
            if time is not None:
                value["time"] = time
            if isinstance(self._data(index).get("confirm"), dict):
                ops.append(SetKey(("confirm",), event_id, value))
            else:
                ops.append(SetKey((), "confirm", Block({event_id: value})))
        else:
            path = ("confirm", event_id)
            if entry.date != day:
                ops.append(SetKey(path, "date", day))
            if end_day is None:
                ops.append(DeleteKey(path, "end_date"))
            elif entry.end_date != end_day:
                ops.append(SetKey(path, "end_date", end_day, after=("date",)))
            if time is None:
                ops.append(DeleteKey(path, "time"))
            elif entry.time != time:
                ops.append(SetKey(path, "time", time, after=("end_date", "date")))

        def confirmed(calendar: Calendar) -> None:
            found = calendar.by_id().get(event_id)
            if found is None or found.start is None or found.first_day != day or found.tentative:
                raise EditError(f"the date of '{event.title}' cannot be confirmed from the plan")

        self._edit({index: ops}, confirmed)

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
        index = next((i for i, f in enumerate(self._state.files) if f.plan_file.plan.hub == hub), None)
        if index is None:
            raise EditError(f"no plan for hub {hub!r}")
        new_id = self._new_id(slug(title) or "event")
        value = Block({"id": new_id, "title": title})
        if project is not None:
            value["project"] = project
        value["date"] = day
        if end_day is not None:
            value["end_date"] = end_day
        if time is not None:
            value["time"] = time
        if venue is not None:
            value["venue"] = venue
        value["people"] = list(people)
        self._edit({index: [Append(("events",), value)]}, self._exists(new_id))
        return new_id

    def duplicate_event(self, event_id: str, day: dt.date) -> str:
        """A copy of a hub's event on `day`, as a one-off local event; returns its id."""
        event = self._event(event_id)
        if not event.origin.local:
            raise EditError("central events are run by the programme: add a local event instead of a copy")
        if event.origin is Origin.LOCAL:
            index, i = self._local(event_id)
            original = dict(self._data(index)["events"][i])
            value = Block(original)
            value["id"] = self._new_id(re.sub(r"-\d+$", "", event_id))
            value["date"] = day
            if original.get("end_date") is not None:
                value["end_date"] = day + (original["end_date"] - original["date"])
        else:
            index, _, group = self._group(event.work_group or "")
            times = _time_text(event.start.time(), event.end.time())
            if event.kind == EventKind.VISIT:
                value = Block({"id": self._new_id(f"{group.id}-visit-{event.school}"), "title": event.title})
                value.update(kind="visit", project=group.project, work_group=group.id, date=day, time=times)
                value.update(location=event.place, people=[group.lead])
            else:
                value = Block(
                    {"id": self._new_id(f"{group.id}-extra-meeting"), "title": f"{group.name}: extra meeting"}
                )
                value.update(project=group.project, work_group=group.id, date=day, time=times, venue=event.venue)
                value["people"] = list(event.attendees)
                visitors = len(group.schools) * group.teachers_per_school
                if visitors:
                    value["headcount"] = visitors
        new_id = str(value["id"])
        self._edit({index: [Append(("events",), value)]}, self._exists(new_id))
        return new_id

    def delete_event(self, event_id: str) -> None:
        """A local event is removed; a series meeting is cancelled (`cancelled: true` on its session)."""
        event = self._event(event_id)
        if not event.origin.local:
            raise EditError("central events are run by the programme: they cannot be deleted")
        if event.origin is Origin.LOCAL:
            index, i = self._local(event_id)
            changes = {index: [DeleteItem(("events",), i)]}
        elif event.kind == EventKind.VISIT:
            changes = self._delete_visit(event)
        else:
            index, g, group = self._group(event.work_group or "")
            path = ("work_groups", g, "dates")
            j = next((j for j, d in enumerate(group.dates) if d.session == event.number), None)
            if j is None:
                entry = {"session": event.number, "date": event.first_day, "cancelled": True}
                changes = {index: [Append(path, entry)]}
            else:
                changes = {index: [SetKey((*path, j), "cancelled", True)]}

        def gone(calendar: Calendar) -> None:
            if event_id in calendar.by_id():
                raise EditError(f"'{event.title}' cannot be deleted")

        self._edit(changes, gone)

    def delete_series(self, work_group_id: str) -> None:
        """Remove a work group with all its meetings and visits. Local events linked to it stay, unlinked."""
        index, g, _ = self._group(work_group_id)
        ops: list[Op] = []
        # Unlink first: the indices of `events` do not move when a work group goes.
        for i, item in enumerate(self._state.files[index].plan_file.plan.events):
            if item.work_group == work_group_id:
                ops.append(DeleteKey(("events", i), "work_group"))
        ops.append(DeleteItem(("work_groups",), g))
        self._edit({index: ops})

    def apply_fix(self, conflict: Conflict) -> None:
        fix = conflict.fix
        if fix is None:
            raise EditError("this conflict has no suggested fix")
        self.move_event(fix.event_id, fix.start, fix.end)

    def preview(self, change: Callable[[Planner], None]) -> tuple[list[Conflict], list[Conflict]]:
        """Check before you book: the conflicts `change` would add and remove (by `Conflict.key`), made on a
        scratch copy; this session is unchanged. An impossible change raises its EditError."""
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
        self._redo.append(self._state)
        self._state = self._undo.pop()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._state = self._redo.pop()
        return True

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
        for f in pending:
            disk = self._disk[f.path]
            raw = disk.encode(f.text)
            atomic_write(f.path, raw)
            self._disk[f.path] = dataclasses.replace(disk, text=f.text, fingerprint=disk.fingerprint.of(f.path, raw))
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

    # --- machinery --------------------------------------------------------------------------------

    def _load(self) -> tuple[_State, dict[Path, TextFile]]:
        for _ in range(3):
            before = _plan_hashes(self.data)
            dataset = load(self.data)
            disk = {pf.path: TextFile.read(pf.path) for pf in dataset.plans}
            # A plan rewritten while the loader read it would leave the text and the models out of step.
            if all(before.get(path) == text.fingerprint.sha256 for path, text in disk.items()):
                break
        files = tuple(_File(pf.path, disk[pf.path].text, pf) for pf in dataset.plans)
        calendar = assemble(dataset)
        return _State(files, dataset, calendar, check(calendar)), disk

    def _edit(self, changes: dict[int, list[Op]], verify: Callable[[Calendar], None] | None = None) -> None:
        """Apply ops to plan files (by index), re-validate, re-assemble and re-check; all or nothing."""
        changes = {i: ops for i, ops in changes.items() if ops}
        if not changes:
            return
        state = self._state
        files = list(state.files)
        problems = Problems()
        for i, ops in changes.items():
            old = files[i]
            display = str(old.path)
            try:
                text, expected = apply(old.text, old.plan_file.source.data, ops)
            except YamlEditError as exc:
                raise EditError(f"{display}: this edit cannot be written into the file: {exc}") from exc
            source, problems = parse(text, old.path, display)
            if source is None or problems:
                raise EditError(_message(problems), problems)
            if source.data != expected:  # the safety net under the text splicing
                raise EditError(f"{display}: this edit could not be written into the file safely; nothing changed")
            plan = validate(Plan, source, problems, display)
            if plan is None:
                raise EditError(_message(problems), problems)
            files[i] = _File(old.path, text, PlanFile(old.path, plan, source))
        self._check_references(files, state.dataset)
        dataset = dataclasses.replace(state.dataset, plans=[f.plan_file for f in files])
        calendar = assemble(dataset)
        if verify is not None:
            verify(calendar)
        self._undo.append(state)
        del self._undo[:-UNDO_DEPTH]
        self._redo.clear()
        self._state = _State(tuple(files), dataset, calendar, check(calendar))

    @staticmethod
    def _check_references(files: list[_File], dataset: Dataset) -> None:
        """The loader's checks across files (a lead who is a person of the plan, ids unique across plans)."""
        problems = check_references([f.plan_file for f in files], dataset)
        if problems:
            raise EditError(_message(problems), problems)

    def _data(self, index: int) -> Any:
        return self._state.files[index].plan_file.source.data

    def _event(self, event_id: str) -> Event:
        found = self.calendar.by_id().get(event_id)
        if found is None:
            raise EditError(f"no event {event_id!r}")
        return found

    @staticmethod
    def _span(start: dt.datetime, end: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise EditError("times are Europe/London wall-clock times, without a time zone")
        start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
        if end <= start:
            raise EditError("the end must come after the start")
        return start, end

    def _local(self, event_id: str) -> tuple[int, int]:
        for index, f in enumerate(self._state.files):
            for i, item in enumerate(f.plan_file.plan.events):
                if item.id == event_id:
                    return index, i
        raise EditError(f"no local event {event_id!r}")

    def _group(self, group_id: str) -> tuple[int, int, WorkGroup]:
        for index, f in enumerate(self._state.files):
            for g, group in enumerate(f.plan_file.plan.work_groups):
                if group.id == group_id:
                    return index, g, group
        raise EditError(f"no work group {group_id!r}")

    def _new_id(self, base: str) -> str:
        taken = {item.id for f in self._state.files for item in f.plan_file.plan.events}
        base = base[:60].strip("-._") or "event"
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    @staticmethod
    def _exists(event_id: str) -> Callable[[Calendar], None]:
        def verify(calendar: Calendar) -> None:
            if event_id not in calendar.by_id():
                raise EditError(f"the new event {event_id!r} does not appear in the calendar")

        return verify

    def _confirming_file(self, event: Event) -> int:
        """The plan that speaks for a central event: the first already confirming it (the assembler takes the
        first), else the plan of the hub whose people attend, else the first plan."""
        files = self._state.files
        if not files:
            raise EditError("there is no hub plan to record the date in")
        for index, f in enumerate(files):
            if event.id in f.plan_file.plan.confirm:
                return index
        for person in event.attendees:
            hub = self.calendar.person_hub.get(person)
            for index, f in enumerate(files):
                if f.plan_file.plan.hub == hub:
                    return index
        return 0

    def _move_local(self, event: Event, start: dt.datetime, end: dt.datetime) -> dict[int, list[Op]]:
        index, i = self._local(event.id)
        item = self._state.files[index].plan_file.plan.events[i]
        data = self._data(index)["events"][i]
        path = ("events", i)
        all_day = start.time() == MIDNIGHT and end.time() == MIDNIGHT
        first = start.date()
        last = (end - dt.timedelta(days=1)).date() if all_day else end.date()
        ops: list[Op] = []
        if item.date != first:
            ops.append(SetKey(path, "date", first))
        if last > first:
            if item.end_date != last:
                ops.append(SetKey(path, "end_date", last, after=("date",)))
        elif "end_date" in data:
            ops.append(DeleteKey(path, "end_date"))
        current = parse_time_of_day(item.time) if item.time else None
        if all_day:
            if current is not None:
                ops.append(DeleteKey(path, "time"))
        elif current != (start.time(), end.time()):
            ops.append(SetKey(path, "time", _time_text(start.time(), end.time()), after=("end_date", "date")))
        return {index: ops}

    def _move_meeting(self, event: Event, start: dt.datetime, end: dt.datetime) -> dict[int, list[Op]]:
        if start.date() != end.date():
            raise EditError("a work group meeting starts and ends on the same day")
        index, g, group = self._group(event.work_group or "")
        path = ("work_groups", g, "dates")
        default = group.meetings.time if group.meetings else "13:00-16:00"
        wanted = (start.time(), end.time())
        j = next((j for j, d in enumerate(group.dates) if d.session == event.number), None)
        if j is None:
            # Only what differs from the pattern is written: a moved session keeps following its time.
            entry: dict[str, Any] = {"session": event.number, "date": start.date()}
            if _times(None, default) != wanted:
                entry["time"] = _time_text(*wanted)
            return {index: [Append(path, entry)]}
        session = group.dates[j]
        ops: list[Op] = []
        if session.date != start.date():
            ops.append(SetKey((*path, j), "date", start.date()))
        if _times(session.time, default) != wanted:
            ops.append(SetKey((*path, j), "time", _time_text(*wanted), after=("date",)))
        return {index: ops}

    def _visit_entry(self, group: WorkGroup, event: Event, plan: Plan) -> tuple[int, bool, int | None]:
        """The term index of a visit's period, whether visits are half-termly, and its `visit_dates` entry."""
        half = group.visits is not None and group.visits.every == CadenceEvery.HALF_TERM
        period = (event.number or 1) - 1
        year = self.calendar.hub_years.get(plan.hub, self.calendar.year)

        def period_of(term: int, day: dt.date) -> int:  # as the assembler reads a visit_dates entry
            return (year.half_term_index(day) or term * 2) if half else term

        j = next(
            (
                j
                for j, v in enumerate(group.visit_dates)
                if v.school == event.school and period_of(TERM_NAMES.index(v.term.value), v.date) == period
            ),
            None,
        )
        return (period // 2 if half else min(period, 2)), half, j

    def _move_visit(self, event: Event, start: dt.datetime, end: dt.datetime) -> dict[int, list[Op]]:
        if start.date() != end.date():
            raise EditError("a visit starts and ends on the same day")
        index, g, group = self._group(event.work_group or "")
        plan = self._state.files[index].plan_file.plan
        term, half, j = self._visit_entry(group, event, plan)
        period = (event.number or 1) - 1
        if half:
            year = self.calendar.hub_years.get(plan.hub, self.calendar.year)
            if (year.half_term_index(start.date()) or term * 2) != period:
                name = HALF_TERM_NAMES[period]
                raise EditError(f"this is the {name} visit to the school: move it to a day of {name}")
        default = group.visits.time if group.visits else "09:00-12:00"
        wanted = (start.time(), end.time())
        path = ("work_groups", g, "visit_dates")
        if j is None:
            entry: dict[str, Any] = {"school": event.school, "term": TERM_NAMES[term], "date": start.date()}
            if _times(None, default) != wanted:
                entry["time"] = _time_text(*wanted)
            return {index: [Append(path, entry)]}
        visit = group.visit_dates[j]
        ops: list[Op] = []
        if visit.date != start.date():
            ops.append(SetKey((*path, j), "date", start.date()))
        if _times(visit.time, default) != wanted:
            ops.append(SetKey((*path, j), "time", _time_text(*wanted), after=("date",)))
        return {index: ops}

    def _delete_visit(self, event: Event) -> dict[int, list[Op]]:
        index, g, group = self._group(event.work_group or "")
        _, _, j = self._visit_entry(group, event, self._state.files[index].plan_file.plan)
        if group.visits is not None or j is None:
            raise EditError(
                "a visit of the work group's pattern cannot be cancelled on its own: move it, or change `visits`"
            )
        if len(group.visit_dates) == 1:
            return {index: [DeleteKey(("work_groups", g), "visit_dates")]}
        return {index: [DeleteItem(("work_groups", g, "visit_dates"), j)]}


def _plan_hashes(data: Path) -> dict[Path, str]:
    folder = data / "plans"
    if not folder.is_dir():
        return {}
    return {
        p: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.suffix in {".yaml", ".yml"} and p.is_file()
    }


def _message(problems: Problems) -> str:
    return "\n".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems) or "invalid data"


__all__ = ["ChangedOnDisk", "EditError", "Planner"]
