"""What an editing session holds at one moment, and the lookups every edit needs. Never mutated: undo,
redo and previews keep a reference to a `State`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mh_planner.calendar import AnyEvent, Calendar
from mh_planner.files.atomic import ChangedSince, TextFile, save_file
from mh_planner.files.yaml_ops import Op
from mh_planner.loading import Dataset, PlanFile
from mh_planner.model import WorkGroup
from mh_planner.problems import Problem, Problems
from mh_planner.rules import Conflict

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


def write_plan(path: Path, disk: TextFile, text: str, force: bool) -> TextFile:
    """Save a plan's new `text` as it was read (line ends, BOM), atomically, under the folder's writers'
    lock, checked again just before the rename (`files.atomic.save_file`); the file as it now is on disk.
    Raises ChangedOnDisk for a change made by someone else since `disk` was read (unless `force`), and
    PermissionError for a read-only plan."""
    raw = disk.encode(text)
    try:
        fingerprint = save_file(path, raw, expect=None if force else disk.fingerprint)
    except ChangedSince as exc:
        raise ChangedOnDisk([path]) from exc
    return dataclasses.replace(disk, text=text, fingerprint=fingerprint)


@dataclass(frozen=True)
class PlanText:
    path: Path
    text: str  # the plan as it would be saved, line ends normalised to \n
    plan_file: PlanFile


@dataclass(frozen=True)
class Edit:
    """What an edit writes (ops per plan file, by index) and how to tell it did what was meant."""

    changes: dict[int, list[Op]]
    verify: Callable[[Calendar], None] | None = None
    event_id: str | None = None  # the event made or moved, to select it


@dataclass(frozen=True)
class State:
    files: tuple[PlanText, ...]
    dataset: Dataset
    calendar: Calendar
    conflicts: list[Conflict] = field(default_factory=list)

    def replace(self, **changes: Any) -> State:
        return dataclasses.replace(self, **changes)

    def data(self, index: int) -> Any:
        """A plan file's data as read (for ops that need the text's own values)."""
        return self.files[index].plan_file.source.data

    def event(self, event_id: str) -> AnyEvent:
        found = self.calendar.by_id().get(event_id)
        if found is None:
            raise EditError(f"no event {event_id!r}")
        return found

    def local(self, event_id: str) -> tuple[int, int]:
        """(plan file, item) of a hub's one-off event."""
        for index, f in enumerate(self.files):
            for i, item in enumerate(f.plan_file.plan.events):
                if item.id == event_id:
                    return index, i
        raise EditError(f"no local event {event_id!r}")

    def group(self, group_id: str) -> tuple[int, int, WorkGroup]:
        """(plan file, item, the group) of a work group."""
        for index, f in enumerate(self.files):
            for g, group in enumerate(f.plan_file.plan.work_groups):
                if group.id == group_id:
                    return index, g, group
        raise EditError(f"no work group {group_id!r}")

    def hub_file(self, hub: str) -> int:
        index = next((i for i, f in enumerate(self.files) if f.plan_file.plan.hub == hub), None)
        if index is None:
            raise EditError(f"no plan for hub {hub!r}")
        return index

    def new_id(self, base: str) -> str:
        """A one-off event id not yet taken: `base`, else `base-2`, `base-3`..."""
        taken = {item.id for f in self.files for item in f.plan_file.plan.events}
        base = base[:60].strip("-._") or "event"
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"


def problems_text(problems: Problems) -> str:
    return "\n".join(f"{p.field}: {p.message}" if p.field else p.message for p in problems) or "invalid data"
