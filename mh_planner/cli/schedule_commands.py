"""`mh-planner suggest` and `place`: find times, place the year (docs/scheduling.md).

Both read the year `--year` names (default: the latest with a plan) and the plans' linked calendars (their
last good copies, as `check` does: busy times and bookings are busy here too; a source that could not be
read is named on stderr). `place --write` writes into that year's plans through the editing session.

Exit status: 0 found what was asked, 1 nothing fits (the explanation is printed), 2 invalid input or usage
(an unknown event, work group or hub included).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mh_planner.cli.common import (
    EXIT_CONFLICTS,
    EXIT_INVALID,
    EXIT_OK,
    linked_copies,
    load_or_report,
    report_problems,
    say,
    shown,
)
from mh_planner.cli.schedule_output import (
    placement_json,
    placement_text,
    series_text,
    suggestions_json,
    suggestions_text,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mh_planner.calendar import Calendar, Event
    from mh_planner.editing import Planner
    from mh_planner.loading import Dataset
    from mh_planner.rules import Conflict
    from mh_planner.scheduling import Move

EXIT_NOTHING_FITS = EXIT_CONFLICTS


def _usage(message: str) -> int:
    say(f"mh-planner: {message}", file=sys.stderr)
    return EXIT_INVALID


def _year(args: argparse.Namespace) -> str | None:
    return getattr(args, "year", None)  # before the command or after it


def _imported(dataset: Dataset) -> Sequence[Event]:
    """The linked calendars' busy times and bookings (`linked_copies`); a source that could not be read when
    last refreshed is named on stderr."""
    imported = linked_copies(dataset)
    for source in imported.stale if imported else ():
        say(f"mh-planner: imported {source.line()}", file=sys.stderr)
    return imported.events if imported else ()


def cmd_suggest(args: argparse.Namespace) -> int:
    from mh_planner.assemble import assemble
    from mh_planner.scheduling import SchedulingError, suggest_series, suggest_times

    if (args.event is None) == (args.work_group is None):
        return _usage("suggest: give an EVENT-ID or --work-group ID (one of them)")
    if args.limit < 1:
        return _usage("suggest: --limit must be at least 1")
    dataset = load_or_report(args.data, _year(args))
    if dataset is None:
        return EXIT_INVALID
    calendar = assemble(dataset, _imported(dataset))
    try:
        if args.event is not None:
            one = suggest_times(calendar, args.event, args.limit)
            found, text = bool(one.proposals), suggestions_text(calendar, one)
            json_text = suggestions_json(calendar, args.data, one)
        else:
            series = suggest_series(calendar, args.work_group, args.limit)
            found = series.explanation is None and all(s.proposals for s in series.sessions)
            text, json_text = series_text(calendar, series), suggestions_json(calendar, args.data, series)
    except SchedulingError as exc:
        return _usage(str(exc))
    print(json_text if args.format == "json" else text)
    return EXIT_OK if found else EXIT_NOTHING_FITS


def cmd_place(args: argparse.Namespace) -> int:
    from mh_planner.scheduling import SchedulingError, place_year

    loaded = _load(args)
    if loaded is None:
        return EXIT_INVALID
    calendar, conflicts, planner = loaded
    if args.hub is not None and args.hub not in calendar.plans:
        return _usage(f"no hub plan {shown(args.hub)} in {args.data}")  # as check, agenda and export say it
    try:
        found = place_year(calendar, repair=args.repair, hubs=[args.hub] if args.hub else None, conflicts=conflicts)
    except SchedulingError as exc:
        return _usage(str(exc))
    written: list[str] | None = None
    if args.write and found.ok and planner is not None:
        written = _write(planner, found.moves)
        if written is None:  # a plan that cannot be written (read-only, changed meanwhile): not "nothing fits"
            return EXIT_INVALID
    if args.format == "json":
        print(placement_json(calendar, args.data, found, args.repair, written or []))
    else:
        print(placement_text(calendar, found, written, args.repair))
    return EXIT_OK if found.ok and not found.not_repaired else EXIT_NOTHING_FITS


def _load(args: argparse.Namespace) -> tuple[Calendar, list[Conflict], Planner | None] | None:
    """The calendar and its conflicts; with --write, through an editing session that will write the moves."""
    from mh_planner.assemble import assemble
    from mh_planner.rules import check

    if args.write:
        from mh_planner.editing import Planner
        from mh_planner.problems import InvalidData

        try:
            planner = Planner(Path(args.data), _year(args), imported=_imported)
        except InvalidData as exc:
            report_problems(exc, args.data, "nothing was placed")
            return None
        return planner.calendar, list(planner.conflicts), planner
    dataset = load_or_report(args.data, _year(args))
    if dataset is None:
        return None
    calendar = assemble(dataset, _imported(dataset))
    return calendar, check(calendar), None


def _write(planner: Planner, moves: tuple[Move, ...]) -> list[str] | None:
    """Write the moves into the plans as one edit, then save (atomically, comments kept); the files written,
    or None after saying why nothing was."""
    from mh_planner.editing import ChangedOnDisk, EditError

    try:
        planner.move_events([(m.event_id, m.start, m.end, m.venue) for m in moves])
        return [str(path) for path in planner.save()]
    except (EditError, ChangedOnDisk, OSError) as exc:
        say(f"mh-planner: nothing written: {exc}", file=sys.stderr)
        return None
