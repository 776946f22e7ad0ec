"""The `mh-planner` command: a thin shell over the domain modules."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mh_planner import __version__

EXIT_OK, EXIT_CONFLICTS, EXIT_INVALID = 0, 1, 2
DEFAULT_DATA = "data"


def _load(data: str):  # noqa: ANN202 - imported lazily to keep --help fast
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


def cmd_check(args: argparse.Namespace) -> int:
    dataset = _load(args.data)
    if dataset is None:
        return EXIT_INVALID
    events = sum(len(p.events) + len(p.exchange_legs) for p in dataset.projects.values())
    people = sum(len(f.plan.people) for f in dataset.plans)
    groups = sum(len(f.plan.work_groups) for f in dataset.plans)
    print(f"{dataset.programme.title} ({dataset.programme.year}), data in {args.data}")
    print(f"  {len(dataset.projects)} projects, {events} central events, {len(dataset.hubs)} hubs")
    print(f"  {len(dataset.plans)} hub plan(s): {people} people, {groups} work groups")
    return EXIT_OK


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

    check = sub.add_parser("check", help="validate the data and check the calendar for conflicts")
    data_arg(check)
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="print the JSON Schema of the data files")
    schema.add_argument("file", nargs="?", default="all",
                        choices=["all", "plan", "project", "year", "hubs", "roles"],
                        help="which file's schema (default: all)")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        args.command = "check"
        args.func = cmd_check
    return args.func(args)
