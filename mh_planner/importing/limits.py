"""The bounds that keep any input, however hostile, from hanging the planner or exhausting its memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    # Bytes of one source, checked before decoding (and while streaming a download). A busy Outlook
    # calendar exported over ten years is about 5 MB; 20 MB leaves room without inviting abuse.
    max_bytes: int = 20 * 1024 * 1024
    # BEGIN: lines, counted before icalendar builds any object: bounds memory and parse time.
    max_components: int = 100_000
    # VCALENDAR > VEVENT > VALARM is 3 deep; VTIMEZONE > STANDARD is 3. Deeper is not iCalendar.
    max_depth: int = 8
    # Events in the window after expansion. Exceeding it is an error (never a silently cut list):
    # a truncated busy calendar would report "no clash" where there is one.
    max_instances: int = 50_000
    # Instances one RRULE may produce from its DTSTART to the end of the window, counted while probing
    # it (dateutil walks every one of them, even those before the window).
    max_rule_instances: int = 200_000
    # Periods (FREQ x INTERVAL) one RRULE may step through from DTSTART to the window's end, estimated
    # from the dates before anything runs: FREQ=SECONDLY from 2019 is refused here.
    max_rule_steps: int = 400_000
    # Periods all the rules of a file may cost together, charged as each is probed (see rules.py).
    max_total_steps: int = 5_000_000


DEFAULT_LIMITS = Limits()
