"""The `mh-planner` command: a thin shell over the domain modules."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mh_planner import __version__

if TYPE_CHECKING:  # the domain is imported lazily so that --help answers at once
    from mh_planner.loader import Dataset
    from mh_planner.query import Filter

EXIT_OK, EXIT_CONFLICTS, EXIT_INVALID = 0, 1, 2
DEFAULT_DATA = "data"


def load_or_report(data: str) -> Dataset | None:
    """The data folder, or None after printing every problem with its file and line (exit status 2)."""
    from mh_planner.loader import load
    from mh_planner.problems import InvalidData

    try:
        return load(Path(data))
    except InvalidData as exc:
        problems = list(exc.problems)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) in {data}: nothing was checked.", file=sys.stderr)
        return None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _filter(args: argparse.Namespace) -> Filter:
    from mh_planner.query import Filter

    return Filter(
        person=getattr(args, "person", None),
        work_group=getattr(args, "work_group", None),
        role=getattr(args, "role", None),
        project=getattr(args, "project", None),
        kind=getattr(args, "kind", None),
        start=getattr(args, "start", None),
        end=getattr(args, "end", None),
    )


def _check_references(dataset: Dataset, args: argparse.Namespace) -> bool:
    """A filter naming someone or something that does not exist is a usage error, not an empty report."""
    people = {p.id for f in dataset.plans for p in f.plan.people}
    groups = {g.id for f in dataset.plans for g in f.plan.work_groups}
    for value, known, what in (
        (getattr(args, "person", None), people, "person"),
        (getattr(args, "work_group", None), groups, "work group"),
        (getattr(args, "role", None), set(dataset.roles), "role"),
        (getattr(args, "project", None), set(dataset.projects), "project"),
    ):
        if value is not None and value not in known:
            print(f"mh-planner: no {what} {value!r} in {args.data}", file=sys.stderr)
            return False
    return True


def cmd_check(args: argparse.Namespace) -> int:
    from mh_planner.assemble import assemble
    from mh_planner.conflicts import Severity
    from mh_planner.report import conflicts_json, conflicts_text
    from mh_planner.rules import check

    dataset = load_or_report(args.data)
    if dataset is None:
        return EXIT_INVALID
    if not _check_references(dataset, args):
        return EXIT_INVALID
    calendar = assemble(dataset)
    conflicts = _filter(args).conflicts(calendar, check(calendar))
    if args.format == "json":
        print(conflicts_json(calendar, conflicts, args.data))
    else:
        people = sum(len(f.plan.people) for f in dataset.plans)
        groups = sum(len(f.plan.work_groups) for f in dataset.plans)
        print(f"{dataset.programme.title}: data in {args.data}, academic year {dataset.programme.year}")
        print(
            f"  {len(dataset.projects)} projects, {len(dataset.central_ids())} central events, "
            f"{len(dataset.plans)} hub plan(s), {people} people, {groups} work groups"
        )
        print()
        print(conflicts_text(calendar, conflicts))
    return EXIT_CONFLICTS if any(c.severity is Severity.ERROR for c in conflicts) else EXIT_OK


def cmd_agenda(args: argparse.Namespace) -> int:
    from mh_planner.assemble import assemble
    from mh_planner.report import agenda_json, agenda_text

    dataset = load_or_report(args.data)
    if dataset is None or not _check_references(dataset, args):
        return EXIT_INVALID
    calendar = assemble(dataset)
    selection = _filter(args)
    events = selection.events(calendar)
    if args.format == "json":
        print(agenda_json(calendar, events))
    else:
        undated = selection.events(calendar, calendar.undated) if args.undated else []
        print(agenda_text(calendar, events, undated))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from mh_planner.feeds.command import export_command

    return export_command(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from mh_planner.feeds.command import serve_command

    return serve_command(args)


def cmd_publish(args: argparse.Namespace) -> int:
    from mh_planner.feeds.command import publish_command

    return publish_command(args)


def cmd_tui(args: argparse.Namespace) -> int:
    from mh_planner.tui.app import run_tui

    return run_tui(args.data)


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from mh_planner.schema import json_schema

    print(json.dumps(json_schema(args.file), indent=2))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mh-planner",
        description="Plan a Maths Hub's year: a conflict-checked academic-year calendar and iCalendar feeds.",
        epilog="Exit status: 0 no hard conflicts, 1 hard conflicts found, 2 invalid input or usage.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", default=DEFAULT_DATA, help="data folder (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def data_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data", default=argparse.SUPPRESS, help="data folder (default: data)")

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--person", metavar="ID", help="only what concerns this person (an id from the plan)")
        p.add_argument("--work-group", metavar="ID", help="only what concerns this work group")
        p.add_argument("--from", dest="start", type=_date, metavar="DATE", help="from this date (YYYY-MM-DD)")
        p.add_argument("--to", dest="end", type=_date, metavar="DATE", help="up to this date (YYYY-MM-DD)")
        p.add_argument("--format", choices=["text", "json"], default="text", help="output (default: text)")

    check = sub.add_parser(
        "check",
        help="validate the data and check the calendar for conflicts",
        description="Assemble the calendar and report every conflict, grouped by severity and kind.",
        epilog="Exit status: 0 no error-severity conflicts, 1 conflicts found, 2 invalid input or usage.",
    )
    data_arg(check)
    filters(check)
    check.set_defaults(func=cmd_check)

    agenda = sub.add_parser(
        "agenda",
        help="print the assembled calendar, one line per event",
        description="Print the assembled calendar; '~' marks a provisional date inside an announced window.",
    )
    data_arg(agenda)
    filters(agenda)
    agenda.add_argument("--role", metavar="ID", help="only events someone in this role attends")
    agenda.add_argument("--project", metavar="ID", help="only events of this project (e.g. 19-09)")
    agenda.add_argument("--kind", metavar="KIND", help="only this kind (workshop, meeting, visit, central...)")
    agenda.add_argument("--undated", action="store_true", help="also list central events with no date yet")
    agenda.set_defaults(func=cmd_agenda)

    export = sub.add_parser(
        "export",
        help="write iCalendar feeds per role, person and work group",
        description="Write one .ics feed per role, per person, per work group and for the whole hub, and an "
        "index.html listing them. Unchanged data rewrites no file.",
    )
    data_arg(export)
    export.add_argument("--out", default="calendars", help="folder for the feeds (default: %(default)s)")
    export.set_defaults(func=cmd_export)

    serve = sub.add_parser(
        "serve",
        help="serve the feeds over HTTP for calendar subscriptions",
        description="Serve the exported feeds at secret addresses, re-exporting when the data changes.",
    )
    data_arg(serve)
    serve.add_argument("--out", default="calendars", help="folder for the feeds (default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8025, help="port (default: %(default)s)")
    serve.add_argument("--rotate", action="store_true", help="issue new secret addresses, revoking the old ones")
    serve.add_argument("--public-url", metavar="URL", help="the address subscribers use, e.g. https://cal.example.org "
                       "behind a proxy: every link printed and served is built on it (default: http://host:port)")
    serve.add_argument("--max-connections", type=int, default=1000, metavar="N",
                       help="open connections at once; beyond them 503 (default: %(default)s)")
    serve.add_argument("--request-timeout", type=float, default=10.0, metavar="SECONDS",
                       help="time a client has to send a whole request (default: %(default)s)")
    serve.set_defaults(func=cmd_serve)

    publish = sub.add_parser(
        "publish",
        help="write the feeds at their secret addresses as a static tree, with nginx and Caddy configurations",
        description="Export, then write DIR/site/<token>/<feed>.ics and the index (the same secret addresses as "
        "serve), with DIR/nginx.conf and DIR/Caddyfile serving DIR/site as text/calendar, with ETag, no listing.",
    )
    publish.add_argument("dir", metavar="DIR", help="folder to publish into (its site/ is the document root)")
    data_arg(publish)
    publish.add_argument("--out", default="calendars", help="folder for the exported feeds (default: %(default)s)")
    publish.add_argument("--public-url", metavar="URL", help="where DIR/site is served, e.g. https://cal.example.org: "
                         "the index then gives full addresses, and the configurations its host and path")
    publish.add_argument("--rotate", action="store_true", help="issue new secret addresses, revoking the old ones")
    publish.set_defaults(func=cmd_publish)

    tui = sub.add_parser("tui", help="open the terminal planner (the default with no command)")
    data_arg(tui)
    tui.set_defaults(func=cmd_tui)

    schema = sub.add_parser("schema", help="print the JSON Schema of the data files")
    schema.add_argument(
        "file",
        nargs="?",
        default="all",
        choices=["all", "plan", "project", "programme", "year", "hubs", "roles"],
        help="which file's schema (default: all)",
    )
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:  # no command: open the planner
        args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), "tui"])
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`mh-planner agenda | head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
