"""iCalendar feeds per role, per person, per work group and for the whole hub, and serving them.

    layout   which feeds there are, what each holds, their file names
    privacy  contact details scrubbed from any text that goes into a feed
    build    Event -> VEVENT (UTC, stable UID), Feed -> VCALENDAR, with `icalendar`
    state    the record of what was last exported (SEQUENCE, LAST-MODIFIED, DTSTAMP)
    write    atomic writes of changed files only
    index    index.html
    export   all of the above into a folder
    command  `mh-planner export`
    addresses, server  `mh-planner serve`: secret addresses, HTTP with conditional requests

Nothing here imports Textual: the TUI and the CLI are shells over it. The entry point is
`mh_planner.feeds.export.export(calendar, out)` (not re-exported here, so that the name `export` stays the
module's).
"""

from __future__ import annotations

from mh_planner.feeds.export import ExportResult
from mh_planner.feeds.layout import Feed, FeedKind, plan_feeds

__all__ = ["ExportResult", "Feed", "FeedKind", "plan_feeds"]
