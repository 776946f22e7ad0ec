"""`mh-planner import`: link a calendar to a plan and read it; `--refresh` reads every linked one again.

Exit status: 0 done; 1 a source could not be read now and its last good copy is kept (or, for confirmed
dates, nothing matched); 2 invalid input or usage (a new source that cannot be read is not linked).
Nothing in a plan changes unless the source was read; every plan is saved atomically, comments kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mh_planner.cli import import_review
from mh_planner.cli.common import EXIT_CONFLICTS, EXIT_INVALID, EXIT_OK, load_or_report, say
from mh_planner.editing import ChangedOnDisk, EditError, Planner
from mh_planner.importing.confirm import Verdict
from mh_planner.importing.confirmations import Proposal, propose
from mh_planner.importing.errors import ImportFailure, shown_source
from mh_planner.importing.linked import Linked, describe_link, links, refresh
from mh_planner.importing.linking import new_link
from mh_planner.model import ImportAs
from mh_planner.problems import InvalidData

EXIT_STALE = EXIT_CONFLICTS  # 1: a source is stale (or nothing matched), its last good copy kept


def fail(message: str) -> int:
    say(f"mh-planner import: {message}", file=sys.stderr)
    return EXIT_INVALID


def cmd_import(args: argparse.Namespace) -> int:
    if args.refresh:
        if args.source or args.as_:
            return fail("--refresh reads the calendars already linked: give no source or --as with it")
        return _refresh(args)
    if not args.source or not args.as_:
        return fail("give a file or an address and --as busy|bookings|confirmations (or --refresh)")
    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None:
        return EXIT_INVALID
    wanted = {"busy": "person", "bookings": "venue"}.get(args.as_)
    given = [name for name in ("person", "venue") if getattr(args, name)]
    if wanted is None and given:
        return fail(f"--as confirmations is for the programme's events: no --{given[0]}")
    if wanted is not None and given != [wanted]:
        return fail(f"--as {args.as_} needs --{wanted} ID (and no --{'venue' if wanted == 'person' else 'person'})")
    found = new_link(
        dataset,
        args.source,
        args.as_,
        person=args.person,
        venue=args.venue,
        hub=args.hub,
        own=args.own,
        details=args.details,
    )
    if isinstance(found, str):
        return fail(
            found.replace("several hubs have plans: say which one links it", "several hubs have plans: give --hub")
        )
    hub, entry, link = found.hub, found.entry, found.link
    try:
        linked = refresh(dataset, hub, link)
    except ImportFailure as failure:
        return fail(f"{failure} (nothing was linked)")
    say(linked.line())
    return _record(args, hub, entry, [linked])


def _record(args: argparse.Namespace, hub: str | None, entry: dict[str, Any] | None, read: list[Linked]) -> int:
    """Link the new source (if any), review confirmed dates, save: all or nothing."""
    try:
        planner = Planner(Path(args.data), getattr(args, "year", None))
        if hub is not None and entry is not None:
            added = planner.link_source(hub, entry)
            say(f"  {'linked in' if added else 'already linked in'} the plan of {hub}")
        status = _review(planner, [r for r in read if r.link.as_ is ImportAs.CONFIRMATIONS], args)
        for path in planner.save():
            say(f"  saved {path}")
    except (EditError, ChangedOnDisk, InvalidData) as error:
        return fail(f"{error}; nothing was saved")
    stale = any(r.note for r in read)
    return EXIT_STALE if stale or status != EXIT_OK else EXIT_OK


def _review(planner: Planner, read: list[Linked], args: argparse.Namespace) -> int:
    """Confirmed dates: the table, the decision, the pins written as edits (saved by the caller)."""
    if not read:
        return EXIT_OK
    proposals: dict[str, Proposal] = {}
    for linked in read:
        if linked.reading is not None:
            for proposal in propose(planner.dataset, linked.reading):
                known = proposals.get(proposal.event_id)
                if known is None or (known.verdict is Verdict.UNMATCHED and proposal.verdict is not Verdict.UNMATCHED):
                    proposals[proposal.event_id] = proposal
    ordered = sorted(proposals.values(), key=lambda p: p.event_id)
    say("Confirmed dates:", *import_review.table(ordered))
    pins = import_review.decide(ordered, args.approve, args.outside)
    for pin in pins:
        planner.confirm_central(pin.event_id, pin.day, pin.end_day, pin.time)
        say(f"  pinned {pin.event_id}: {pin.text()}")
    if not any(p.verdict is not Verdict.UNMATCHED for p in ordered):
        print("  nothing in this calendar matches an event of the programme")
        return EXIT_STALE
    return EXIT_OK


def _refresh(args: argparse.Namespace) -> int:
    dataset = load_or_report(args.data, getattr(args, "year", None))
    if dataset is None:
        return EXIT_INVALID
    linked = list(links(dataset, args.hub))
    if not linked:
        say(f"No calendar is linked in {args.data}: link one with `mh-planner import FILE-OR-URL --as ...`.")
        return EXIT_OK
    read: list[Linked] = []
    failed = False
    for hub, link in linked:
        try:
            result = refresh(dataset, hub, link)
        except ImportFailure as failure:
            say(f"  ! {describe_link(link)} from {shown_source(link.source)}: {failure.detail}")
            failed = True
            continue
        unchanged = " (unchanged)" if result.not_modified else ""
        say(f"  {'!' if result.note else ' '} {result.line()}{unchanged}")
        read.append(result)
    status = _record(args, None, None, read)
    return EXIT_STALE if failed and status == EXIT_OK else status
