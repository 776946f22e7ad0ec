"""The `mh-planner` command: a thin shell over the domain modules."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from mh_planner import __version__
from mh_planner.cli.common import DEFAULT_DATA, EXIT_OK, port_arg, positive_int, seconds_arg


def lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A command imported when it runs, so that `--help` answers before the domain (pydantic, icalendar,
    textual) is imported."""

    def run(args: argparse.Namespace) -> int:
        command: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), name)
        return command(args)

    return run


cmd_check = lazy("mh_planner.cli.report_commands", "cmd_check")
cmd_agenda = lazy("mh_planner.cli.report_commands", "cmd_agenda")
cmd_schema = lazy("mh_planner.cli.report_commands", "cmd_schema")
cmd_tui = lazy("mh_planner.cli.report_commands", "cmd_tui")
cmd_list = lazy("mh_planner.cli.report_commands", "cmd_list")
cmd_print = lazy("mh_planner.cli.print_commands", "cmd_print")
cmd_export = lazy("mh_planner.cli.feed_commands", "cmd_export")
cmd_serve = lazy("mh_planner.cli.feed_commands", "cmd_serve")
cmd_publish = lazy("mh_planner.cli.feed_commands", "cmd_publish")
cmd_new_year = lazy("mh_planner.cli.year_commands", "cmd_new_year")
cmd_import = lazy("mh_planner.cli.import_commands", "cmd_import")
cmd_suggest = lazy("mh_planner.cli.schedule_commands", "cmd_suggest")
cmd_place = lazy("mh_planner.cli.schedule_commands", "cmd_place")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mh-planner",
        description="Plan a Maths Hub's year: a conflict-checked academic-year calendar and iCalendar feeds.",
        epilog=EXIT_STATUS,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", default=DEFAULT_DATA, help="data folder (default: %(default)s)")
    parser.add_argument("--year", default=None, help=YEAR_HELP)
    # Commands' own --data, --year and --hub default to SUPPRESS, so that one given before the command holds.
    parser.add_argument("--hub", default=None, help=TUI_HUB_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _report_commands(sub)
    _schedule_commands(sub)
    _feed_commands(sub)
    _import_command(sub)
    _other_commands(sub)
    return parser


YEAR_HELP = "academic year, e.g. 2020/21 (default: the latest year with a plan)"
EXIT_STATUS = (
    "Exit status: 0 done; 1 hard conflicts found (check, and agenda as check would for its events); 2 invalid "
    "input or usage; 70 an internal error (a bug: a report without data values is written to "
    "$XDG_STATE_HOME/mh-planner/crash-*.txt, by default ~/.local/state/mh-planner/). See the README for every "
    "command."
)
TUI_HUB_HELP = "the planner: the hub being planned, in a folder of several hubs' plans (default: it asks)"


def data_arg(p: argparse.ArgumentParser, year: bool = True) -> None:
    p.add_argument("--data", default=argparse.SUPPRESS, help="data folder (default: data)")
    if year:
        p.add_argument("--year", default=argparse.SUPPRESS, help=YEAR_HELP)


HUB_HELP = "only what concerns this hub of the network: its plan's events, people and venues (an id of hubs.yaml)"


def filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--hub", metavar="ID", default=argparse.SUPPRESS, help=HUB_HELP)
    p.add_argument("--person", metavar="ID", help="only what concerns this person (an id from the plan)")
    p.add_argument("--work-group", metavar="ID", help="only what concerns this work group")
    dates = "2019-11-12, 12/11/2019, '14 Nov', 'next tue', 'spring 2', 'easter'"
    p.add_argument("--from", dest="start", metavar="DATE", help=f"from this date ({dates})")
    p.add_argument("--to", dest="end", metavar="DATE", help="up to this date")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output (default: text)")


def _report_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser(
        "check",
        help="validate the data and check the calendar for conflicts",
        description="Assemble the calendar and report every conflict, grouped by severity and kind.",
        epilog="Exit status: 0 no error-severity conflicts, 1 conflicts found, 2 invalid input or usage, "
        "70 an internal error (see mh-planner --help).",
    )
    data_arg(check)
    filters(check)
    check.set_defaults(func=cmd_check)

    agenda = sub.add_parser(
        "agenda",
        help="print the assembled calendar, one line per event",
        description="Print the assembled calendar, one line per event: 'x' marks an event in a hard conflict, '!' "
        "one in a warning, '~' a provisional date inside an announced window.",
        epilog="Exit status: 1 when check with the same filters would find hard conflicts, else 0; 2 invalid "
        "input or usage.",
    )
    data_arg(agenda)
    filters(agenda)
    agenda.add_argument("--role", metavar="ID", help="only events someone in this role attends")
    agenda.add_argument("--project", metavar="ID", help="only events of this project (e.g. 19-09)")
    agenda.add_argument("--kind", metavar="KIND", help="only this kind (workshop, meeting, visit, central...)")
    agenda.add_argument("--undated", action="store_true", help="also list central events with no date yet")
    agenda.set_defaults(func=cmd_agenda)
    _listing_commands(sub)


def _listing_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listed = {
        "people": "each person with their id, release days used against their allowance, events and roles",
        "venues": "each venue with its id, seats and bookings",
        "groups": "each work group with its id, project, lead and events",
    }
    for kind, what in listed.items():
        command = sub.add_parser(kind, help=f"list {what}", description=f"List {what}: the ids the filters take.")
        data_arg(command)
        command.add_argument("--format", choices=["text", "json"], default="text", help="output (default: text)")
        command.set_defaults(func=cmd_list, listing=kind)


def _schedule_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    codes = "Exit status: 0 found what was asked, 1 nothing fits (explained), 2 invalid input or usage."
    suggest = sub.add_parser(
        "suggest",
        help="find the best times for an event, or for a work group's whole series",
        description="Propose times (date, time, venue) that break no hard rule, best first, each with its "
        "reasons; or say which few constraints leave no time at all.",
        epilog=codes,
    )
    suggest.add_argument("event", nargs="?", metavar="EVENT-ID", help="a meeting, visit or one-off event of a plan")
    data_arg(suggest)
    suggest.add_argument("--work-group", metavar="ID", help="every meeting and visit of this work group, together")
    suggest.add_argument("--limit", type=int, default=5, metavar="N", help="proposals per event (default: 5)")
    suggest.add_argument("--format", choices=["text", "json"], default="text", help="output (default: text)")
    suggest.set_defaults(func=cmd_suggest)

    place = sub.add_parser(
        "place",
        help="place the whole year: every meeting and visit that follows its pattern",
        description="Give every work-group meeting and visit with no date written in the plan the best time "
        "around everything else, so that no hard conflict is left; print the moves. Nothing is written "
        "without --write.",
        epilog=codes[:-1] + ", or a plan that cannot be written (read-only, changed meanwhile: nothing written).",
    )
    data_arg(place)
    place.add_argument("--repair", action="store_true", help="also move the hub's dated events that clash")
    place.add_argument("--write", action="store_true", help="write the moves into the plan (comments kept)")
    place.add_argument(
        "--hub",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="only this hub of the network: its plan's year (an id of hubs.yaml)",
    )
    place.add_argument("--format", choices=["text", "json"], default="text", help="output (default: text)")
    place.set_defaults(func=cmd_place)


def _feed_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser(
        "export",
        help="write iCalendar feeds per role, person and work group",
        description="Write one .ics feed per role, per person, per work group and for the whole hub, and an "
        "index.html listing them. Unchanged data rewrites no file.",
    )
    data_arg(export)
    export.add_argument("--out", default="calendars", help="folder for the feeds (default: %(default)s)")
    export.add_argument(
        "--hub",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="only this hub's feeds; other hubs' feeds in --out are kept",
    )
    export.set_defaults(func=cmd_export)

    serve = sub.add_parser(
        "serve",
        help="serve the feeds over HTTP for calendar subscriptions",
        description="Serve the exported feeds at secret addresses, re-exporting when the data changes.",
    )
    data_arg(serve)
    serve.add_argument("--out", default="calendars", help="folder for the feeds (default: %(default)s)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    serve.add_argument("--port", type=port_arg, default=8025, help="port, 0 to 65535 (default: %(default)s)")
    serve.add_argument("--rotate", action="store_true", help="issue new secret addresses, revoking the old ones")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address subscribers use, e.g. https://cal.example.org behind a proxy: every link printed and "
        "served is built on it (default: http://host:port)",
    )
    serve.add_argument(
        "--max-connections",
        type=positive_int,
        default=1000,
        metavar="N",
        help="open connections at once; beyond them 503 (default: %(default)s)",
    )
    serve.add_argument(
        "--request-timeout",
        type=seconds_arg,
        default=10.0,
        metavar="SECONDS",
        help="time a client has to send a whole request (default: %(default)s)",
    )
    serve.set_defaults(func=cmd_serve)
    _publish_command(sub)


def _publish_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    publish = sub.add_parser(
        "publish",
        help="write the feeds at their secret addresses as a static tree, with nginx and Caddy configurations",
        description="Export, then write DIR/site/<token>/<feed>.ics and the index (the same secret addresses as "
        "serve), with DIR/nginx.conf and DIR/Caddyfile serving DIR/site as text/calendar, with ETag, no listing.",
    )
    publish.add_argument("dir", metavar="DIR", help="folder to publish into (its site/ is the document root)")
    data_arg(publish)
    publish.add_argument("--out", default="calendars", help="folder for the exported feeds (default: %(default)s)")
    publish.add_argument(
        "--public-url",
        metavar="URL",
        help="where DIR/site is served, e.g. https://cal.example.org: the index then gives full addresses, and "
        "the configurations its host and path",
    )
    publish.add_argument("--rotate", action="store_true", help="issue new secret addresses, revoking the old ones")
    publish.set_defaults(func=cmd_publish)


def _import_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import",
        help="check against another calendar: a person's busy times, a venue's bookings, confirmed dates",
        description="Link an .ics file or address to the plan and read it: busy times and bookings then take "
        "part in every check (titles hidden unless the calendar is the hub's own); confirmed dates are shown "
        "for approval and pinned in the plan's `confirm:`. --refresh reads every linked calendar again.",
        epilog="Exit status: 0 done; 1 a source could not be read now and its last good copy is kept, or "
        "nothing matched; 2 invalid input or usage (a new source that cannot be read is not linked); 70 an "
        "internal error (see mh-planner --help).",
    )
    data_arg(imp)
    imp.add_argument("source", nargs="?", metavar="FILE-OR-URL", help="an .ics file, or an http(s)/webcal address")
    imp.add_argument("--as", dest="as_", choices=["busy", "bookings", "confirmations"], help="what it holds")
    imp.add_argument("--person", metavar="ID", help="whose busy times (with --as busy)")
    imp.add_argument("--venue", metavar="ID", help="whose bookings (with --as bookings)")
    imp.add_argument(
        "--hub",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="the plan that links confirmed dates, when there are several",
    )
    imp.add_argument("--own", action="store_true", help="the hub's own calendar: its titles may be shown")
    imp.add_argument("--details", choices=["shown", "hidden"], help="show or hide its titles (default: --own)")
    imp.add_argument("--refresh", action="store_true", help="read every linked calendar again (conditional GET)")
    imp.add_argument("--approve", action="store_true", help="pin the dates matched inside their windows")
    imp.add_argument("--outside", action="store_true", help="with --approve: also those outside their windows")
    imp.set_defaults(func=cmd_import)


def _print_command(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    printed = sub.add_parser(
        "print",
        help="write a printable A3 year planner (HTML, SVG or PDF) for the hub, a person or a work group",
        description="Write the year on one A3 landscape page: terms, half-terms and holidays, every event (the "
        "provisional ones marked), the clashes highlighted, and a key. HTML prints from any browser; PDF needs "
        "Chromium or Chrome (or MH_PLANNER_BROWSER).",
        epilog="Exit status: 0 written, 2 invalid input or usage, or no browser to print a PDF with.",
    )
    data_arg(printed)
    whose = printed.add_mutually_exclusive_group()
    whose.add_argument("--person", metavar="ID", help="only this person's events (ids: mh-planner people)")
    whose.add_argument("--work-group", metavar="ID", help="only this work group's events (ids: mh-planner groups)")
    printed.add_argument("--format", choices=["html", "svg", "pdf"], default="html", help="(default: %(default)s)")
    printed.add_argument("--out", metavar="FILE", help="where to write it (default: year-planner-YYYY-YY[-ID].FORMAT)")
    printed.set_defaults(func=cmd_print)


def _other_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _print_command(sub)
    tui = sub.add_parser("tui", help="open the terminal planner (the default with no command)")
    data_arg(tui)
    tui.add_argument("--hub", default=argparse.SUPPRESS, help=TUI_HUB_HELP)
    tui.set_defaults(func=cmd_tui)

    new_year = sub.add_parser(
        "new-year",
        help="start a new year: next year's plans from this year's",
        description="Write plans/<YEAR>/<hub>.yaml from the year before's: people, venues, schools and work groups "
        "carried, patterns re-expanded on the new calendars, one-off dates moved to the same week of term, and a "
        "list of what to review. Never overwrites a plan.",
        epilog="Exit status: 0 written, 2 invalid input or usage (nothing written), 70 an internal error.",
    )
    new_year.add_argument("year", help="the new academic year, e.g. 2020/21 (its programme must be in the data)")
    data_arg(new_year, year=False)
    new_year.add_argument("--hub", dest="hubs", action="append", metavar="ID", help="only this hub's plan (repeatable)")
    new_year.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    new_year.set_defaults(func=cmd_new_year)

    schema = sub.add_parser("schema", help="print the JSON Schema of the data files")
    schema.add_argument(
        "file",
        nargs="?",
        default="all",
        choices=["all", "plan", "project", "programme", "year", "term-dates", "hubs", "roles"],
        help="which file's schema (default: all)",
    )
    schema.set_defaults(func=cmd_schema)


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; no command opens the planner. (A range of dates the wrong way round is found once the
    dates are read, against the plan's year: `common.selection`. Compared here, as typed, "9 Nov" came after
    "10 Dec".)"""
    args = parser.parse_args(argv)
    if args.command is None:  # no command: open the planner
        args = parser.parse_args([*(sys.argv[1:] if argv is None else argv), "tui"])
    return args


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parse(parser, argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        command: Callable[[argparse.Namespace], int] = args.func
        return command(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`mh-planner agenda | head`): stop quietly, as other command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: never a traceback full of data, nor the "conflicts found" status
        from mh_planner.files.crash import print_crash

        return print_crash(exc, f"mh-planner {args.command}")
