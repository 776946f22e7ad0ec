"""iCalendar feeds per role, per person, per work group and for the whole hub, and serving them.

    layout     which feeds there are, what each holds, their file names
    privacy    contact details scrubbed from any text that goes into a feed
    build      Event -> VEVENT (UTC, stable UID), Feed -> VCALENDAR, with `icalendar`
    state      the record of what was last exported (SEQUENCE, LAST-MODIFIED, DTSTAMP)
    stamps     when the data last changed (SOURCE_DATE_EPOCH, git, file times): reproducible stamps
    write      atomic writes of changed files only
    index      index.html
    export     all of the above into a folder
    addresses  secret addresses, kept with the data (serve and publish share them)
    site       what serve publishes: routes, bodies, conditional requests, re-exports
    server     `serve` on uvicorn: deadlines, limits, logs without secrets
    publish    the static tree and its nginx and Caddy configurations
    command    `mh-planner export`, `serve` and `publish`: the command-line layer (loads, reports)

Nothing here imports Textual, and nothing but `command` the command line: the TUI and the CLI are shells
over it. The entry point is
`mh_planner.feeds.export.export(calendar, out)` (not re-exported here, so that the name `export` stays the
module's).
"""

from __future__ import annotations

from mh_planner.feeds.export import ExportResult
from mh_planner.feeds.layout import Feed, FeedKind, plan_feeds

__all__ = ["ExportResult", "Feed", "FeedKind", "plan_feeds"]
