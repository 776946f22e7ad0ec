"""`mh-planner check`, `agenda`, `people`, `venues`, `groups`: the calendar, its conflicts and what the plan
holds, as text (wrapped to the terminal) or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from mh_planner.cli.common import (
    EXIT_CONFLICTS,
    EXIT_INVALID,
    EXIT_OK,
    linked_copies,
    load_or_report,
    output_width,
    references_exist,
    say,
    selection,
)

if TYPE_CHECKING:
    from mh_planner.calendar import Calendar
    from mh_planner.query import Filter
    from mh_planner.rules import Conflict


def header(calendar: Calendar, data: str, width: int | None = None, hub: str | None = None) -> str:
    """What was checked: the programme and year, what it holds, the school calendars in use (and the hub
    of the network it is narrowed to)."""
    from mh_planner.report import lines_text, wrapped

    dataset = calendar.dataset
    people = sum(len(f.plan.people) for f in dataset.plans)
    groups = sum(len(f.plan.work_groups) for f in dataset.plans)
    years = f" (years in the folder: {', '.join(dataset.years)})" if dataset.years and len(dataset.years) > 1 else ""
    calendars = sorted({y.title for y in calendar.term_years.values() if not y.also})
    lines = [
        *wrapped(f"{dataset.programme.title}: data in {data}, academic year {dataset.label}{years}", width, 0),
        *wrapped(
            f"{len(dataset.projects)} projects, {len(dataset.central_ids())} central events, "
            f"{len(dataset.plans)} hub plan(s), {people} people, {groups} work groups",
            width,
            2,
        ),
    ]
    if calendars:
        lines.extend(wrapped(f"term dates: {'; '.join(calendars)}", width, 2))
    if hub is not None:
        known = dataset.hubs.get(hub)
        concerns = f"only what concerns {known.name if known else hub} ({hub.upper()}), one of the network's hubs"
        lines.extend(wrapped(concerns, width, 2))
    return lines_text(lines)


def chosen_or_report(args: argparse.Namespace, calendar: Calendar) -> Filter | None:
    """The command line's filters, or None after saying which date could not be read (exit status 2)."""
    try:
        return selection(args, calendar.year)
    except ValueError as exc:
        say(f"mh-planner: {exc}", file=sys.stderr)
        return None


def cmd_check(args: argparse.Namespace) -> int:
    """Every conflict (narrowed by the filters): 1 when one is an error, else 0; 2 for invalid input."""
    from mh_planner.assemble import assemble
    from mh_planner.report import conflicts_json, conflicts_text

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None or not references_exist(dataset, args):
        return EXIT_INVALID
    imported = linked_copies(dataset)  # the last good copies: a check never goes to the network
    calendar = assemble(dataset, imported.events if imported else ())
    chosen = chosen_or_report(args, calendar)
    if chosen is None:
        return EXIT_INVALID
    conflicts = chosen.conflicts(calendar, _checked(calendar, args))
    if args.format == "json":
        print(conflicts_json(calendar, conflicts, args.data))
        for source in imported.stale if imported else ():
            say(f"mh-planner: imported {source.line()}", file=sys.stderr)
    else:
        width = output_width()
        print(header(calendar, args.data, width, getattr(args, "hub", None)))
        for source in imported.sources if imported else ():
            say(f"  {'!' if source.note else ' '} imported {source.line()}")
        print()
        print(conflicts_text(calendar, conflicts, width))
    return exit_for(conflicts)


def _checked(calendar: Calendar, args: argparse.Namespace) -> list[Conflict]:
    """The conflicts; with --hub, those that concern the hub, without checking the rest of the network."""
    from mh_planner.scheduling import check, check_hub

    hub = getattr(args, "hub", None)
    return check_hub(calendar, hub) if hub else check(calendar)


def cmd_agenda(args: argparse.Namespace) -> int:
    """The events (narrowed by the filters), each marked by its clashes; exits as `check` with the same
    filters does: 1 when they find a hard conflict."""
    from mh_planner.assemble import assemble
    from mh_planner.report import agenda_json, agenda_text, budget_text

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None or not references_exist(dataset, args):
        return EXIT_INVALID
    imported = linked_copies(dataset)
    calendar = assemble(dataset, imported.events if imported else ())  # as check sees it, for the same answer
    chosen = chosen_or_report(args, calendar)
    if chosen is None:
        return EXIT_INVALID
    events = [e for e in chosen.events(calendar) if e.origin.value != "imported"]  # the plan's own events
    conflicts = chosen.conflicts(calendar, _checked(calendar, args))
    if args.format == "json":
        print(agenda_json(calendar, events))
    else:
        undated = chosen.events(calendar, calendar.undated) if args.undated else []
        print(agenda_text(calendar, events, undated, conflicts, output_width()))
        if args.person:
            print()
            print(budget_text(calendar, args.person))
    return exit_for(conflicts)


def cmd_list(args: argparse.Namespace) -> int:
    """`people`, `venues`, `groups`: what the plan holds, with the ids the filters take; 0, or 2."""
    from mh_planner.assemble import assemble
    from mh_planner.report import listing_json, listing_text

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None:
        return EXIT_INVALID
    calendar = assemble(dataset)
    if args.format == "json":
        print(listing_json(args.listing, calendar))
    else:
        print(listing_text(args.listing, calendar, output_width()))
    return EXIT_OK


def exit_for(conflicts: list[Conflict]) -> int:
    from mh_planner.rules import Severity

    return EXIT_CONFLICTS if any(c.severity is Severity.ERROR for c in conflicts) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from mh_planner.schema import json_schema

    print(json.dumps(json_schema(args.file), indent=2))
    return EXIT_OK


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def cmd_tui(args: argparse.Namespace) -> int:
    if not has_terminal():  # cron, a pipe: the planner would never end, or draw into a file
        print(
            "mh-planner: the planner needs a terminal; without one use `mh-planner check` or `mh-planner agenda` "
            "(mh-planner --help lists every command)",
            file=sys.stderr,
        )
        return EXIT_INVALID
    from mh_planner.tui.app import run_tui

    return run_tui(args.data, year=getattr(args, "year", None), hub=getattr(args, "hub", None))
