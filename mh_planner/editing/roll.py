"""What rolling one plan into the next year changes, as YAML operations on its text and lines for review.

People, venues, schools, travel and calendars are carried as they are. A work group whose project goes on
(a project of the new year `continues` it, or has its id) is carried with the new project; its pattern is
re-expanded on the new calendars when the plan is assembled. Its one-off dates, and the plan's one-off
events, move to the same week of term and weekday (`scheduling.same_week`). Closures, confirmations, own
terms and face-to-face rules belong to their year: they are not carried. Everything that changed, was
dropped or needs a look is listed.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from mh_planner.academic_year import AcademicYear
from mh_planner.assemble.local import sessions
from mh_planner.calendar import Calendar, fmt_day
from mh_planner.files.yaml_ops import DeleteItem, DeleteKey, Op, SetKey
from mh_planner.loading import Dataset, PlanFile
from mh_planner.loading.calendars import PlanCalendars
from mh_planner.model import Person, Plan, WorkGroup
from mh_planner.problems import visible
from mh_planner.scheduling.same_week import Moved, same_week

YEAR_KEYS = ("closures", "confirm", "terms", "face_to_face")  # what belongs to one year


def successors(old: Dataset, new: Dataset) -> dict[str, str]:
    """Old project id -> the new year's project that carries it on (`continues` it, or has its id)."""
    found: dict[str, str] = {}
    for project in new.projects.values():
        for earlier in project.continues:
            found.setdefault(earlier, project.id)
    for project_id in old.projects:
        if project_id in new.projects:
            found.setdefault(project_id, project_id)
    return found


@dataclass(frozen=True)
class Move:
    """Where the roll wrote an event's new date (an index into `Roll.ops`), to change it if it clashes."""

    op: int
    end_op: int | None
    what: str


@dataclass
class Roll:
    """The ops and the review list for one plan file."""

    old: Dataset
    calendar: Calendar  # the old year, assembled
    new: Dataset
    plan_file: PlanFile
    ops: list[Op] = field(default_factory=list)
    deletions: list[Op] = field(default_factory=list)  # list items, last first, after every other op
    review: list[str] = field(default_factory=list)
    dropped_groups: list[dict[str, Any]] = field(default_factory=list)
    moved: dict[str, Move] = field(default_factory=dict)  # event id -> its date op; in term only

    def __post_init__(self) -> None:
        self.plan: Plan = self.plan_file.plan
        self.data: dict[str, Any] = self.plan_file.source.data
        self.next = successors(self.old, self.new)
        carried = self.plan.model_copy(update={"closures": [], "terms": None})
        self.new_calendars = PlanCalendars(self.new, carried)
        self.new_central = self.new.central_ids()
        self.groups = {g.id: self.next.get(g.project) for g in self.plan.work_groups}

    # --- the parts of a plan ----------------------------------------------------------------------

    def run(self) -> list[Op]:
        self._year_and_title()
        self._one_year_only()
        self._people()
        for index, group in enumerate(self.plan.work_groups):
            self._group(index, group)
        for index in range(len(self.plan.events)):
            self._event(index)
        not_running = sorted(p for p in self.old.projects if p not in self.next)
        if not_running:
            self.review.append(
                f"not known to run in {self.new.label} (no project of its programme continues them): "
                + ", ".join(not_running)
            )
        return self.all_ops()

    def all_ops(self) -> list[Op]:
        return [*self.ops, *self.deletions]

    def _year_and_title(self) -> None:
        self.ops.append(SetKey((), "year", self.new.label, after=("hub",)))
        old, new = self.old.label, self.new.label
        if self.plan.title and old in self.plan.title:
            self.ops.append(SetKey((), "title", self.plan.title.replace(old, new)))
        named = [("events", i, e.id, "title", e.title) for i, e in enumerate(self.plan.events)]
        named += [("work_groups", i, g.id, "name", g.name) for i, g in enumerate(self.plan.work_groups)]
        for section, index, item, key, text in named:
            if old in text:
                self.ops.append(SetKey((section, index), key, text.replace(old, new)))
                self.review.append(f"{item}: {key} now '{text.replace(old, new)}'")

    def _one_year_only(self) -> None:
        default = self.calendar.hub_years[self.plan.hub]
        for closure in self.plan.closures:
            moved = same_week(closure.date, default, self.new_calendars.year(self.new_calendars.default))
            like = f"; the same day next year: {fmt_day(moved.new)}" if moved.new else ""
            self.review.append(f"closure {fmt_day(closure.date)} ({closure.reason}): not carried{like}")
        for key in self.plan.confirm:
            self.review.append(f"confirm {key}: not carried (a date or host of {self.old.label})")
        if self.plan.terms is not None:
            self.review.append(f"terms: the hub's own terms of {self.old.label} not carried")
        if self.plan.face_to_face is not None:
            self.review.append(f"face_to_face ({self.plan.face_to_face.what}): not carried")
        for key in YEAR_KEYS:
            if key in self.data:
                self.ops.append(DeleteKey((), key))

    def _people(self) -> None:
        for index, person in enumerate(self.plan.people):
            self._programme_year(person)
            if not person.attends:
                continue
            kept = []
            for pattern in person.attends:
                project, _, rest = pattern.partition("/")
                target = self.next.get(project)
                mapped = f"{target}/{rest}" if target else None
                if mapped is not None and any(fnmatch.fnmatchcase(i, mapped) for i in self.new_central):
                    kept.append(mapped)
                elif mapped is not None:
                    self.review.append(f"{person.id} attends {pattern}: dropped ({mapped} has no events yet)")
                else:
                    self.review.append(f"{person.id} attends {pattern}: dropped ({project} is not known to run)")
            if kept == person.attends:
                continue
            path = ("people", index)
            self.ops.append(SetKey(path, "attends", kept) if kept else DeleteKey(path, "attends"))

    def _programme_year(self, person: Person) -> None:
        if person.cohort is None:
            return
        for role in person.roles:
            before = self.old.programme.cohorts.get(role, {}).get(person.cohort)
            if before is None:
                continue
            after = self.new.programme.cohorts.get(role, {}).get(person.cohort)
            how = "" if after is not None else f" (derived: {self.old.label}'s cohort table, one year on)"
            after = after if after is not None else before + 1
            name = self.old.roles[role].name if role in self.old.roles else role
            self.review.append(f"{person.id} ({name}, Cohort {person.cohort}): programme year {before} -> {after}{how}")

    def _group(self, index: int, group: WorkGroup) -> None:
        target = self.groups[group.id]
        if target is None:
            self.review.append(
                f"work group {group.id} ({group.project}): not carried, {group.project} is not known to run in "
                f"{self.new.label}; kept as a comment at the end of the file"
            )
            self.dropped_groups.append(self.data["work_groups"][index])
            self.deletions.insert(0, DeleteItem(("work_groups",), index))
            return
        path: tuple[str | int, ...] = ("work_groups", index)
        if target != group.project:
            self.ops.append(SetKey(path, "project", target))
            self.review.append(f"work group {group.id}: project {group.project} -> {target}")
        key = self.calendar.group_calendars.get(group.id)
        old_year, new_year = self._years(key)
        pattern_days = {n: s[0] for n, s in sessions(group.model_copy(update={"dates": []}), new_year).items()}
        for j, session in enumerate(group.dates):
            moved = same_week(session.date, old_year, new_year)
            what = f"{group.id} session {session.session}"
            if moved.new is not None and pattern_days.get(session.session) == moved.new and not session.cancelled:
                self.deletions.insert(0, DeleteItem((*path, "dates"), j))
                self.review.append(f"{what}: {self._said(moved)}, the pattern's own date: the pinned date dropped")
            else:
                self._move((*path, "dates", j), "date", moved, what, f"{group.id}/meeting-{session.session}")
        visits = [e for e in self.calendar.events if e.work_group == group.id and e.school]
        for j, visit in enumerate(group.visit_dates):
            found = next((e for e in visits if e.school == visit.school and e.first_day == visit.date), None)
            old_v, new_v = self._years(found.calendar if found else key)
            moved = same_week(visit.date, old_v, new_v)
            what = f"{group.id} visit to {visit.school}"
            self._move((*path, "visit_dates", j), "date", moved, what, found.id if found else None)

    def _event(self, index: int) -> None:
        item = self.plan.events[index]
        path: tuple[str | int, ...] = ("events", index)
        event = self.calendar.by_id().get(item.id)
        old_year, new_year = self._years(event.calendar if event else None)
        moved = same_week(item.date, old_year, new_year)
        self._move(path, "date", moved, f"event {item.id}", item.id)
        if item.end_date is not None and moved.new is not None:
            self.ops.append(SetKey(path, "end_date", moved.new + (item.end_date - item.date)))
            if item.id in self.moved:
                self.moved[item.id] = Move(self.moved[item.id].op, len(self.ops) - 1, f"event {item.id}")
        if item.project is not None and self.next.get(item.project) != item.project:
            target = self.next.get(item.project)
            if target is None:
                self.ops.append(DeleteKey(path, "project"))
                self.review.append(f"event {item.id}: project {item.project} is not known to run: project removed")
            else:
                self.ops.append(SetKey(path, "project", target))
        if item.work_group is not None and self.groups.get(item.work_group) is None:
            self.ops.append(DeleteKey(path, "work_group"))
            self.review.append(f"event {item.id}: work group {item.work_group} not carried: work_group removed")

    # --- helpers ----------------------------------------------------------------------------------

    def _years(self, key: str | None) -> tuple[AcademicYear, AcademicYear]:
        """The old calendar under `key` and the same calendar in the new year (the plan's default if none)."""
        cals = self.new_calendars
        if key is None or key not in self.calendar.term_years:
            return self.calendar.hub_years[self.plan.hub], cals.year(cals.default)
        return self.calendar.term_years[key], cals.year(cals.by_key(key))

    def _move(self, path: tuple[str | int, ...], key: str, moved: Moved, what: str, event_id: str | None) -> None:
        if moved.new is None:
            self.review.append(f"{what}: {fmt_day(moved.old)} has no equivalent ({moved.note}): left as it is")
            return
        self.ops.append(SetKey(path, key, moved.new))
        if event_id and moved.at is not None and moved.at.in_term:  # a date in a holiday is a carried clash
            self.moved[event_id] = Move(len(self.ops) - 1, None, what)
        self.review.append(f"{what}: {self._said(moved)}" + (f": {moved.note}" if moved.note else ""))

    def change(self, event_id: str, day: dt.date, why: str) -> None:
        """Put a moved event on another day (its same-week day clashed), and say so."""
        move = self.moved[event_id]
        old = self.ops[move.op]
        assert isinstance(old, SetKey)
        self.ops[move.op] = SetKey(old.path, old.key, day)
        if move.end_op is not None:
            end = self.ops[move.end_op]
            assert isinstance(end, SetKey) and isinstance(end.value, dt.date) and isinstance(old.value, dt.date)
            self.ops[move.end_op] = SetKey(end.path, end.key, day + (end.value - old.value))
        lines = range(len(self.review) - 1, -1, -1)
        line = next((i for i in lines if self.review[i].startswith(move.what + ":")), None)
        said = f"; {fmt_day(day)} instead: {why}"
        if line is None:
            self.review.append(move.what + said)
        else:
            self.review[line] += said

    @staticmethod
    def _said(moved: Moved) -> str:
        return f"{fmt_day(moved.old)} -> {fmt_day(moved.new) if moved.new else '?'} ({moved.at})"


def commented(items: list[dict[str, Any]], note: str, dump: Callable[[Any], str] | None = None) -> str:
    """Work groups not carried, as a commented YAML block to append to the file."""
    if not items:
        return ""
    text = (dump or (lambda v: yaml.safe_dump(v, sort_keys=False, allow_unicode=True, width=110)))(
        {"work_groups": items}
    )
    lines = [f"# {note}", *(f"# {line}" if line else "#" for line in text.rstrip("\n").split("\n"))]
    return "\n" + "\n".join(lines) + "\n"


def header(review: list[str], source: str, year: str) -> str:
    """The review list as the comment heading the new file: a line of it may quote the data (a closure's
    reason, a name), shown escaped (`problems.visible`) so that its newline cannot end the comment."""
    lines = [f"# Rolled forward from {source} by `mh-planner new-year {year}`. To review, then delete this list:"]
    lines += [f"#   - {visible(line)}" for line in review]
    return "\n".join(lines) + "\n#\n"
