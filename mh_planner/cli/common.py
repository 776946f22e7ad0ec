"""What every command shares: exit codes, loading with problems reported, the filters' arguments."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import math
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # the domain is imported lazily so that --help answers at once
    from mh_planner.academic_year import AcademicYear
    from mh_planner.importing import Imported
    from mh_planner.loading import Dataset
    from mh_planner.problems import InvalidData
    from mh_planner.query import Filter

EXIT_OK, EXIT_CONFLICTS, EXIT_INVALID = 0, 1, 2
DEFAULT_DATA = "data"


def load_or_report(data: str, year: str | None = None) -> Dataset | None:
    """One year of the data folder, or None after printing every problem with its file and line (exit 2)."""
    from mh_planner.loading import InvalidData, load

    try:
        dataset = load(Path(data), year)
    except InvalidData as exc:
        report_problems(exc, data, "nothing was checked")
        return None
    # What was loaded lives until the command ends: the cyclic collector need not scan it again and again
    # while the calendar is assembled and checked (40 hubs: ~12% of a `check`'s time).
    gc.freeze()
    return dataset


def say(*lines: str, file: TextIO | None = None, flush: bool = False) -> None:
    """Print lines that may quote the data or an imported calendar (a title, a name, a source, a server's
    reason): each on its own line with its control characters escaped (`report.lines_text`), so that none of
    them drives the terminal, breaks its line or reorders it (issue 11)."""
    from mh_planner.report import lines_text

    print(lines_text(lines), file=sys.stdout if file is None else file, flush=flush)


def report_problems(invalid: InvalidData, data: str, outcome: str) -> None:
    """Every problem of the data on stderr, one line each with its file and line, then how many and `outcome`
    ('nothing was checked')."""
    problems = list(invalid.problems)
    for problem in problems:
        say(str(problem), file=sys.stderr)
    say(f"{len(problems)} problem(s) in {data}: {outcome}.", file=sys.stderr)


def linked_copies(dataset: Dataset) -> Imported | None:
    """The linked calendars' last good copies (a command never goes to the network); None when no plan
    links one: the .ics readers are then not even imported (~0.1 s of a command)."""
    if not any(f.plan.imports for f in dataset.plans):
        return None
    from mh_planner.importing import imported_events

    return imported_events(dataset)


def shown(value: str) -> str:
    """A value the user gave, quoted back as every message quotes one (`problems.shorten`)."""
    from mh_planner.problems import shorten

    return shorten(value)


def date_arg(text: str) -> dt.date:
    try:
        if len(text) != len("2019-10-01"):  # fromisoformat would take 20191001 and 2019-W40-2 too
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {shown(text)} (use YYYY-MM-DD)") from None


def port_arg(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port: {shown(text)} (0 to 65535)")
    return int(text)


def positive_int(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) <= 10**6:
        raise argparse.ArgumentTypeError(f"not a number from 1 to 1000000: {shown(text)}")
    return int(text)


def seconds_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"not a number of seconds (up to 3600): {shown(text)}")
    return value


def selection(args: argparse.Namespace, year: AcademicYear | None = None) -> Filter:
    """The filters of the command line. `--from` and `--to` are read as people type dates ('14 Nov', 'next
    tue', 'spring 2': `user_input.parse_date`, in `year`); a date that cannot be read raises ValueError, and
    so does a range the wrong way round."""
    from mh_planner.query import Filter

    start = _day(getattr(args, "start", None), year, "--from")
    end = _day(getattr(args, "end", None), year, "--to")
    if start is not None and end is not None and start > end:
        raise ValueError(f"--from {start} is after --to {end}")
    return Filter(
        hub=getattr(args, "hub", None),
        person=getattr(args, "person", None),
        work_group=getattr(args, "work_group", None),
        role=getattr(args, "role", None),
        project=getattr(args, "project", None),
        kind=getattr(args, "kind", None),
        start=start,
        end=end,
    )


def _day(value: str | dt.date | None, year: AcademicYear | None, option: str) -> dt.date | None:
    from mh_planner.user_input import parse_date

    if value is None or isinstance(value, dt.date):
        return value
    if year is None:
        try:
            return date_arg(value)
        except argparse.ArgumentTypeError as exc:
            raise ValueError(f"{option}: {exc}") from None
    try:
        return parse_date(value, year)
    except ValueError as exc:
        raise ValueError(f"{option}: {exc}") from None


def output_width() -> int | None:
    """How wide lines may be at a terminal: $COLUMNS when set, else the terminal's width. None (no wrapping)
    into a pipe or a file, where a line per item suits grep and other tools, whatever $COLUMNS says."""
    if not sys.stdout.isatty():
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns


def references_exist(dataset: Dataset, args: argparse.Namespace) -> bool:
    """A filter naming someone or something that does not exist is a usage error, not an empty report."""
    from mh_planner.calendar import Origin
    from mh_planner.model import EventKind

    people = {p.id for f in dataset.plans for p in f.plan.people}
    groups = {g.id for f in dataset.plans for g in f.plan.work_groups}
    kinds = [k.value for k in EventKind] + [o.value for o in Origin]
    for value, known, what in (
        (getattr(args, "hub", None), {f.plan.hub for f in dataset.plans}, "hub plan"),
        (getattr(args, "person", None), people, "person"),
        (getattr(args, "work_group", None), groups, "work group"),
        (getattr(args, "role", None), set(dataset.roles), "role"),
        (getattr(args, "project", None), set(dataset.projects), "project"),
    ):
        if value is not None and value not in known:
            print(f"mh-planner: no {what} {shown(value)} in {args.data}", file=sys.stderr)
            return False
    kind = getattr(args, "kind", None)
    if kind is not None and kind not in kinds:
        print(f"mh-planner: no kind of event {shown(kind)}: {', '.join(kinds)}", file=sys.stderr)
        return False
    return True
