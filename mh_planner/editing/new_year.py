"""Start a new year: each hub's plan of the year before, rolled into the new year's folder (`roll` says
what changes). The new file is the old one's text with minimal edits, so its comments and layout stay; it
is read back, validated and checked against the new year's programme before it is written, atomically, and
an existing plan is never overwritten. The review list heads the new file and is returned for printing."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from mh_planner.academic_year import label_of, start_year_of
from mh_planner.assemble import assemble
from mh_planner.calendar import Calendar, fmt_day
from mh_planner.editing.roll import Roll, commented, header
from mh_planner.editing.state import EditError, problems_text
from mh_planner.files.atomic import TextFile, save_file
from mh_planner.files.yaml_ops import YamlEditError
from mh_planner.files.yaml_splice import apply, parse
from mh_planner.loading import Dataset, PlanFile, check_references, load, validate
from mh_planner.loading.years import folder_name, layout, normalise
from mh_planner.model import Plan
from mh_planner.problems import Problems
from mh_planner.rules import Index, Severity
from mh_planner.scheduling import check, suggest_move

REPAIR_ROUNDS = 4


@dataclass(frozen=True)
class Rolled:
    hub: str
    source: Path
    target: Path
    text: str
    review: list[str]


def previous(year: str) -> str:
    """'2020/21' -> '2019/20'."""
    return label_of(start_year_of(year) - 1)


def following(year: str) -> str:
    """'2019/20' -> '2020/21'."""
    return label_of(start_year_of(year) + 1)


def roll_forward(data: Path, year: str, hubs: Collection[str] | None = None) -> list[Rolled]:
    """Next year's plan of every hub (or of `hubs`) from this year's, read back and checked; nothing is
    written. Raises EditError when it cannot be done, InvalidData when either year's data has problems."""
    label = normalise(year)
    if label is None:
        raise EditError(f"not an academic year: {year!r} (write it as 2020/21)")
    where = layout(data, label)
    if isinstance(where, str):
        raise EditError(where if "programme/programme.yaml" not in where else
                        f"{where}: new-year needs a folder per year (programme/<YYYY-YY>/, plans/<YYYY-YY>/)")
    new = load(data, label)
    old = load(data, previous(label))
    plans = [f for f in old.plans if hubs is None or f.plan.hub in hubs]
    if hubs is not None and len(plans) != len(set(hubs)):
        missing = sorted(set(hubs) - {f.plan.hub for f in plans})
        raise EditError(f"no {old.label} plan for {', '.join(missing)}")
    if not plans:
        raise EditError(f"no {old.label} plan to roll forward")
    calendar = assemble(old)
    return [_roll(old, calendar, new, plan_file) for plan_file in plans]


def _roll(old: Dataset, calendar: Calendar, new: Dataset, plan_file: PlanFile) -> Rolled:
    target = new.plans_dir / plan_file.path.name
    if target.exists():
        raise EditError(f"{target} exists already: delete it to roll {plan_file.plan.hub}'s plan again")
    roll = Roll(old, calendar, new, plan_file)
    roll.run()
    original = TextFile.read(plan_file.path).text
    for _ in range(REPAIR_ROUNDS):
        text = _text(original, plan_file, roll)
        rolled = _check(text, target, new)
        if not _repair(roll, assemble(dataclasses.replace(new, plans=[rolled]))):
            break
    note = f"Not carried into {new.label} (their projects are not known to run): add the project to carry them."
    source = f"plans/{folder_name(old.label)}/{plan_file.path.name}"
    text = header(roll.review, source, new.label) + _text(original, plan_file, roll)
    text += commented(roll.dropped_groups, note)
    _check(text, target, new)
    return Rolled(plan_file.plan.hub, plan_file.path, target, text, roll.review)


def _text(original: str, plan_file: PlanFile, roll: Roll) -> str:
    try:
        text, _ = apply(original, plan_file.source.data, roll.all_ops())
    except YamlEditError as exc:
        raise EditError(f"{plan_file.path}: the plan cannot be rolled forward as it is laid out: {exc}") from exc
    return text


def _repair(roll: Roll, calendar: Calendar) -> bool:
    """Where a date the roll moved clashes in the new year (an error that was not there), the nearest day
    that does not (`scheduling.suggest_move`); True if any changed. Clashes carried over are left."""
    index = Index.build(calendar)
    events = {e.id: e for e in calendar.events}
    changed = False
    for conflict in check(calendar):
        if conflict.severity is not Severity.ERROR:
            continue
        moved = next((i for i in conflict.event_ids if i in roll.moved and i in events), None)
        if moved is None:
            continue
        fix = suggest_move(events[moved], index, conflict.rule)
        if fix is not None and fix.start.date() != events[moved].first_day:
            why = conflict.message.split(": ")[0]
            roll.change(moved, fix.start.date(), f"on {fmt_day(events[moved].first_day)}, {why}")
            del roll.moved[moved]  # once: a second clash is for the hub lead to see
            changed = True
    return changed


def _check(text: str, target: Path, new: Dataset) -> PlanFile:
    """The new plan reads back as a valid plan of the new year, every reference found."""
    source, problems = parse(text, target, str(target))
    plan = validate(Plan, source, problems, str(target)) if source is not None and not problems else None
    if source is None or plan is None:
        raise EditError(f"the rolled plan would not be valid:\n{problems_text(problems)}", problems)
    found: Problems = check_references([PlanFile(target, plan, source)], new)
    if found:
        raise EditError(f"the rolled plan would not be valid:\n{problems_text(found)}", found)
    return PlanFile(target, plan, source)


def write(rolled: Rolled) -> None:
    """Write a rolled plan, atomically, under the writers' lock; never over an existing file."""
    if rolled.target.exists():
        raise EditError(f"{rolled.target} exists already")
    rolled.target.parent.mkdir(parents=True, exist_ok=True)
    try:
        save_file(rolled.target, rolled.text.encode("utf-8"), expect=None, exclusive=True)
    except FileExistsError:
        raise EditError(f"{rolled.target} exists already") from None
