"""A printable year planner: one A3 landscape page for the hub, a person or a work group, with the terms,
half-terms and holidays, every event of the year (provisional ones marked), the clashes and a key.

    page = year_planner(calendar, conflicts, person="pshah")   # the Sheet: what goes where (sheet.py)
    html(page), svg(page)                                       # print-ready (svg.py)
    to_pdf(html(page), Path("planner.pdf"))                     # through a headless browser, if one is installed
    write_page(Path("planner.html"), html(page).encode())       # all at once (files.atomic), as every file written

The command line (`mh-planner print`) and the terminal planner (`P`) are thin shells over these.
"""

from __future__ import annotations

from mh_planner.calendar import Calendar
from mh_planner.printing.output import write_page
from mh_planner.printing.pdf import NoBrowser, find_browser, to_pdf
from mh_planner.printing.sheet import Sheet, lay_out
from mh_planner.printing.svg import html, svg
from mh_planner.query import Filter
from mh_planner.rules import Conflict


def year_planner(
    calendar: Calendar, conflicts: list[Conflict], *, person: str | None = None, work_group: str | None = None
) -> Sheet:
    """The year planner of the hub (every event of the calendar), or of one person or one work group (their
    events, and the conflicts that concern them)."""
    chosen = Filter(person=person, work_group=work_group)
    hubs = calendar.dataset.hubs
    hub = next(iter(calendar.plans), "")
    hub_name = hubs[hub].name if hub in hubs else "Maths Hub"
    if person is not None:
        whose = f"{calendar.people[person].name} ({person})" if person in calendar.people else person
    elif work_group is not None:
        group = calendar.work_groups.get(work_group)
        whose = f"Work group: {group.name} ({work_group})" if group else work_group
    else:
        whose = "Every event of the hub's plan and the national programme"
    title = f"{hub_name} · year planner {calendar.year.label}"
    events = [e for e in chosen.events(calendar) if e.origin.value != "imported"]  # others' calendars: not ours
    return lay_out(calendar, events, chosen.conflicts(calendar, conflicts), title, whose)


def file_name(calendar: Calendar, person: str | None = None, work_group: str | None = None, ext: str = "html") -> str:
    """'year-planner-2019-20.html', 'year-planner-2019-20-pshah.html'."""
    who = f"-{person or work_group}" if person or work_group else ""
    return f"year-planner-{calendar.year.label.replace('/', '-')}{who}.{ext}"


__all__ = ["NoBrowser", "Sheet", "file_name", "find_browser", "html", "svg", "to_pdf", "write_page", "year_planner"]
