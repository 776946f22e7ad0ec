"""`index.html`: every feed with its subscribe link and what it holds, and the events not dated yet.

Written into the export folder with links relative to it (any static host can publish the folder as it
is), and rendered again by `serve` with each feed's secret webcal:// and http:// address. No timestamp:
the same feeds give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from mh_planner.calendar import Calendar, Event
from mh_planner.feeds.layout import Feed, FeedKind, hub_name
from mh_planner.feeds.privacy import Scrubber

SECTIONS = (
    (FeedKind.HUB, "Whole hub"),
    (FeedKind.ROLE, "By role"),
    (FeedKind.PERSON, "By person"),
    (FeedKind.WORK_GROUP, "By work group"),
)

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}h3{margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;
border-bottom:1px solid #eee}th{font-weight:600}td.n{text-align:right;white-space:nowrap}
code{font-size:.9em;word-break:break-all}.muted{color:#666}
""".strip()


@dataclass(frozen=True, slots=True)
class FeedLinks:
    subscribe: str  # what a calendar app subscribes to: relative file, or webcal:// when served
    address: str | None = None  # the http(s):// address, for Google Calendar's "From URL"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _count(events: Sequence[Event]) -> str:
    provisional = sum(e.tentative for e in events)
    text = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    return f"{text}, {provisional} provisional" if provisional else text


SERVED_HELP = (
    "<p>Subscribe, do not import: a subscribed calendar updates itself when the plan changes. "
    "The <b>webcal://</b> link opens Apple Calendar, Outlook or Thunderbird; for Google Calendar, "
    "copy the address under it into <i>Other calendars &rarr; From URL</i>. "
    "These addresses are secret: anyone who has one can read that calendar.</p>"
)
FOLDER_HELP = (
    "<p>Subscribe, do not import: a subscribed calendar updates itself when the plan changes. "
    "Once this folder is published, copy a feed's link (right-click, <i>Copy link</i>) into your "
    "calendar app's <i>Subscribe to calendar</i> or <i>From URL</i>; replacing <code>https://</code> "
    "by <code>webcal://</code> makes the link open the calendar app directly.</p>"
)


def _feed_table(heading: str, kind: FeedKind, feeds: list[Feed], links: Callable[[Feed], FeedLinks]) -> list[str]:
    out = [f"<h3>{_e(heading)}</h3>"]
    out.append("<table><thead><tr><th>Feed</th><th>What it contains</th><th>Events</th>")
    out.append("<th>Subscribe</th></tr></thead><tbody>")
    for feed in feeds:
        link = links(feed)
        cells = [f'<a href="{_e(link.subscribe)}">subscribe</a>']
        cells.append(f"<br><code>{_e(link.address or feed.path)}</code>")
        label = feed.name.split(": ", 1)[-1] if kind is not FeedKind.HUB else feed.name
        out.append(
            f"<tr><td>{_e(label)}</td><td>{_e(feed.about)}</td>"
            f'<td class="n">{_e(_count(feed.events))}</td><td>{"".join(cells)}</td></tr>'
        )
    out.append("</tbody></table>")
    return out


def _undated(calendar: Calendar) -> list[str]:
    if not calendar.undated:
        return []
    scrub = Scrubber.for_calendar(calendar)
    out = ['<h2 id="undated">Not dated yet</h2>']
    out.append(
        "<p>Central events the programme has announced without any date or window. They are in no feed "
        "until they have a date; the feeds pick them up at the next export.</p>"
    )
    out.append("<table><thead><tr><th>Event</th><th>Project</th><th>Timing as announced</th>")
    out.append("<th>Attending</th></tr></thead><tbody>")
    for event in calendar.undated:
        project = calendar.dataset.projects.get(event.project or "")
        names = [calendar.people[p].name for p in event.attendees if p in calendar.people]
        out.append(
            f"<tr><td>{_e(scrub(event.title))}</td><td>{_e(project.label if project else '')}</td>"
            f"<td>{_e(scrub(event.timing_text) or 'not given')}</td><td>{_e(', '.join(names))}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def render_index(
    calendar: Calendar, feeds: Sequence[Feed], links: Callable[[Feed], FeedLinks], *, served: bool = False
) -> bytes:
    title = f"{calendar.dataset.programme.title}: calendar feeds"
    out = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        SERVED_HELP if served else FOLDER_HELP,
        '<p class="muted">Times are UK time. A provisional date sits inside a window the programme has '
        "announced (its status is <i>tentative</i>) and moves when the date is confirmed.</p>",
    ]
    for hub in sorted({f.hub for f in feeds}):
        out.append(f'<h2 id="{_e(hub)}">{_e(hub_name(calendar, hub))}</h2>')
        for kind, heading in SECTIONS:
            chosen = [f for f in feeds if f.hub == hub and f.kind is kind]
            if chosen:
                out.extend(_feed_table(heading, kind, chosen, links))
    out.extend(_undated(calendar))
    out.append(
        '<p class="muted">Written by mh-planner. The feeds carry no e-mail address, phone number or private '
        "note, and a work group's feed nothing about any other group.</p>"
    )
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode()
