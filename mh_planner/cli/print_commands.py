"""`mh-planner print`: the year planner on one A3 landscape page, for the hub, a person or a work group."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mh_planner.cli.common import EXIT_INVALID, EXIT_OK, linked_copies, load_or_report, references_exist, say


def cmd_print(args: argparse.Namespace) -> int:
    """Write the planner as HTML (print it from a browser), SVG, or PDF through a headless Chromium or Chrome:
    0 when written, 2 for invalid input or when a PDF is asked for and no browser can print it."""
    from mh_planner.assemble import assemble
    from mh_planner.printing import NoBrowser, file_name, html, svg, to_pdf, write_page, year_planner
    from mh_planner.scheduling import check

    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None or not references_exist(dataset, args):
        return EXIT_INVALID
    imported = linked_copies(dataset)
    calendar = assemble(dataset, imported.events if imported else ())  # their clashes; their events not printed
    sheet = year_planner(calendar, check(calendar), person=args.person, work_group=args.work_group)
    out = Path(args.out or file_name(calendar, args.person, args.work_group, args.format))
    try:
        if args.format == "pdf":
            to_pdf(html(sheet), out)
        else:
            write_page(out, (html(sheet) if args.format == "html" else svg(sheet)).encode("utf-8"))
    except NoBrowser as exc:
        say(f"mh-planner: cannot print a PDF: {exc}; write --format html and print it from a browser",
              file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        say(f"mh-planner: cannot write {out}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    say(f"Wrote {out}: the year planner on one A3 landscape page ({sheet.whose}; {sheet.summary})")
    return EXIT_OK
