"""`mh-planner check` and `agenda`: the calendar and its conflicts as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from mh_planner.cli.common import EXIT_CONFLICTS, EXIT_INVALID, EXIT_OK, load_or_report, references_exist, selection

if TYPE_CHECKING:
    from mh_planner.calendar import Calendar
    from mh_planner.importing import Imported
    from mh_planner.loading import Dataset


def header(calendar: Calendar, data: str, hub: str | None = None) -> str:
    """What was checked: the programme and year, what it holds, the school calendars in use (and the hub
    of the network it is narrowed to)."""
    dataset = calendar.dataset
    people = sum(len(f.plan.people) for f in dataset.plans)
    groups = sum(len(f.plan.work_groups) for f in dataset.plans)
    years = f" (years in the folder: {', '.join(dataset.years)})" if dataset.years and len(dataset.years) > 1 else ""
    calendars = sorted({y.title for y in calendar.term_years.values() if not y.also})
    lines = [
        f"{dataset.programme.title}: data in {data}, academic year {dataset.label}{years}",
        f"  {len(dataset.projects)} projects, {len(dataset.central_ids())} central events, "
        f"{len(dataset.plans)} hub plan(s), {people} people, {groups} work groups",
    ]
    if calendars:
        lines.append(f"  term dates: {'; '.join(calendars)}")
    if hub is not None:
        known = dataset.hubs.get(hub)
        lines.append(f"  only what concerns {known.name if known else hub} ({hub.upper()}), one of the network's hubs")
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    from mh_planner.assemble import assemble
    from mh_planner.report import conflicts_json, conflicts_text
    from mh_planner.rules import Severity
    from mh_planner.scheduling import check, check_hub

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None or not references_exist(dataset, args):
        return EXIT_INVALID
    imported = _imported(dataset)  # the last good copies: a check never goes to the network
    calendar = assemble(dataset, imported.events if imported else ())
    hub = getattr(args, "hub", None)  # one hub of a network: its conflicts, without checking the others'
    conflicts = selection(args).conflicts(calendar, check_hub(calendar, hub) if hub else check(calendar))
    if args.format == "json":
        print(conflicts_json(calendar, conflicts, args.data))
        for source in imported.stale if imported else ():
            print(f"mh-planner: imported {source.line()}", file=sys.stderr)
    else:
        print(header(calendar, args.data, hub))
        for source in imported.sources if imported else ():
            print(f"  {'!' if source.note else ' '} imported {source.line()}")
        print()
        print(conflicts_text(calendar, conflicts))
    return EXIT_CONFLICTS if any(c.severity is Severity.ERROR for c in conflicts) else EXIT_OK


def _imported(dataset: Dataset) -> Imported | None:
    """The linked calendars' last good copies; None when no plan links one (the .ics readers are then not
    even imported: ~0.1 s of a check)."""
    if not any(f.plan.imports for f in dataset.plans):
        return None
    from mh_planner.importing import imported_events

    return imported_events(dataset)


def cmd_agenda(args: argparse.Namespace) -> int:
    from mh_planner.assemble import assemble
    from mh_planner.report import agenda_json, agenda_text, budget_text

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None or not references_exist(dataset, args):
        return EXIT_INVALID
    calendar = assemble(dataset)
    chosen = selection(args)
    events = chosen.events(calendar)
    if args.format == "json":
        print(agenda_json(calendar, events))
    else:
        undated = chosen.events(calendar, calendar.undated) if args.undated else []
        print(agenda_text(calendar, events, undated))
        if args.person:
            print()
            print(budget_text(calendar, args.person))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from mh_planner.schema import json_schema

    print(json.dumps(json_schema(args.file), indent=2))
    return EXIT_OK


def cmd_tui(args: argparse.Namespace) -> int:
    from mh_planner.tui.app import run_tui

    return run_tui(args.data, year=getattr(args, "year", None), hub=getattr(args, "hub", None))
