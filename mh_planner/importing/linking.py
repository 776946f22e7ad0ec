"""A new link of a calendar to a plan: which plan takes it, and the `imports:` entry to write.

Shared by the command line (`mh-planner import`) and the planner's "Import calendar…": both then read the
source (`linked.refresh`) and, once it has been read, write the entry as an edit of the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mh_planner.loading import Dataset
from mh_planner.model import CalendarImport, ImportAs


@dataclass(frozen=True)
class NewLink:
    hub: str  # whose plan links it
    entry: dict[str, Any]  # what `imports:` gains (for `editing.Planner.link_source`)
    link: CalendarImport


def source_for_plan(raw: str, root: Path) -> str:
    """The source as the plan records it: an address as given; a file relative to the data folder when it
    is inside it, else its absolute path (a command may be run from anywhere)."""
    if "://" in raw:  # an address (or one the plan's model refuses, with its reason)
        return raw
    path = Path(raw).expanduser().resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def plan_for(dataset: Dataset, person: str | None, venue: str | None, hub: str | None) -> tuple[str | None, str]:
    """The hub whose plan takes the link (the plan of the person or the venue; for confirmed dates `hub`,
    or the only plan), or what is wrong."""
    hubs = [f.plan.hub for f in dataset.plans]
    for kind, value in (("person", person), ("venue", venue)):
        if value is None:
            continue
        for plan_file in dataset.plans:
            items = plan_file.plan.people if kind == "person" else plan_file.plan.venues
            if any(item.id == value for item in items):
                return plan_file.plan.hub, ""
        return None, f"no {kind} {value!r} in the data"
    if hub is not None:
        return (hub, "") if hub in hubs else (None, f"no plan for hub {hub!r} in the data")
    if len(hubs) == 1:
        return hubs[0], ""
    return None, "several hubs have plans: say which one links it" if hubs else "there is no hub plan"


def new_link(
    dataset: Dataset,
    source: str,
    kind: str,
    *,
    person: str | None = None,
    venue: str | None = None,
    hub: str | None = None,
    own: bool = False,
    details: str | None = None,
) -> NewLink | str:
    """The link to write, or what is wrong with the request (in words for the user)."""
    try:
        as_ = ImportAs(kind)
    except ValueError:
        return f"a calendar is imported as busy, bookings or confirmations, not {kind!r}"
    wanted = {ImportAs.BUSY: "person", ImportAs.BOOKINGS: "venue"}.get(as_)
    given = [name for name, value in (("person", person), ("venue", venue)) if value]
    if wanted is None and given:
        return f"confirmed dates are for the programme's events: no {given[0]}"
    if wanted is not None and given != [wanted]:
        return f"{as_.value} needs a {wanted} (and no {'venue' if wanted == 'person' else 'person'})"
    found, problem = plan_for(dataset, person, venue, hub)
    if found is None:
        return problem
    entry: dict[str, Any] = {"source": source_for_plan(source, dataset.root), "as": as_.value}
    if wanted:
        entry[wanted] = person if wanted == "person" else venue
    if own:
        entry["own"] = True
    if details:
        entry["details"] = details
    try:
        link = CalendarImport.model_validate(entry)
    except ValidationError as error:
        return "; ".join(str(e.get("msg", "invalid")).removeprefix("Value error, ") for e in error.errors())
    return NewLink(found, entry, link)
