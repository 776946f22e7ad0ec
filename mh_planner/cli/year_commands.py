"""`mh-planner new-year`: next year's plans from this year's, with what to review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mh_planner.cli.common import EXIT_INVALID, EXIT_OK, report_problems, say


def cmd_new_year(args: argparse.Namespace) -> int:
    from mh_planner.editing import EditError
    from mh_planner.editing.new_year import roll_forward, write
    from mh_planner.loading import InvalidData

    try:
        hubs = args.hubs or ([args.hub] if args.hub else None)  # `new-year --hub` repeated, or `--hub` before it
        rolled = roll_forward(Path(args.data), args.year, hubs)
    except InvalidData as exc:
        report_problems(exc, args.data, "nothing was written")
        return EXIT_INVALID
    except EditError as exc:
        say(f"mh-planner: {exc}", file=sys.stderr)
        return EXIT_INVALID
    for plan in rolled:
        say(f"{plan.hub}: {plan.source} -> {plan.target}")
        say("  To review (also at the top of the new file):")
        for line in plan.review:
            say(f"  - {line}")
        if args.dry_run:
            say("  (dry run: nothing written)")
            continue
        try:
            write(plan)
        except (OSError, EditError) as exc:
            say(f"mh-planner: cannot write {plan.target}: {exc}", file=sys.stderr)
            return EXIT_INVALID
        say(f"  Wrote {plan.target}. Next: mh-planner check --year {args.year}")
    return EXIT_OK
