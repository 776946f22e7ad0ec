"""Importing a generated 5,000-event file against icalendar's parse alone and the `ics` package's parse.

    python benchmarks/bench_import.py [--events 5000] [--rounds 5] [--no-ics]

`ics` is not a dependency of the planner: install it to compare (`.venv/bin/pip install ics`), or pass
--no-ics; without it the row is skipped with a note.

The three run interleaved in every round (so a busy machine slows them alike); medians and ratios are
printed. The file imitates a busy person's Outlook/Google export over two academic years: London
times with a VTIMEZONE, some UTC times, all-day and multi-day events, a few weekly series, DTSTAMP /
CREATED / LAST-MODIFIED / SEQUENCE, a description and a location on every event, an alarm on some.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import icalendar  # noqa: E402

from mh_planner.importing import read_ics  # noqa: E402

LONDON_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/London
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:BST
DTSTART:19810329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:GMT
DTSTART:19961027T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def generate(events: int, seed: int = 2019) -> bytes:
    rng = random.Random(seed)
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//mh-planner//EN", "X-WR-CALNAME:Bench", LONDON_VTIMEZONE]
    base = dt.datetime(2018, 9, 1, 8)
    for i in range(events):
        start = base + dt.timedelta(days=rng.randrange(730), hours=rng.randrange(10), minutes=15 * rng.randrange(4))
        end = start + dt.timedelta(minutes=30 * rng.randrange(1, 8))
        lines = [
            "BEGIN:VEVENT",
            f"UID:bench-{i:05d}@example.org",
            "DTSTAMP:20190801T120000Z",
            "CREATED:20190701T120000Z",
            "LAST-MODIFIED:20190801T120000Z",
            f"SEQUENCE:{rng.randrange(3)}",
        ]
        kind = rng.random()
        if kind < 0.10:  # all-day, some over several days; free, as clients mark them by default
            day = start.date()
            lines += [
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + dt.timedelta(days=rng.randrange(1, 4)):%Y%m%d}",
                "TRANSP:TRANSPARENT",
            ]
        elif kind < 0.15:
            lines += [f"DTSTART:{start:%Y%m%dT%H%M%S}Z", f"DTEND:{end:%Y%m%dT%H%M%S}Z"]
        else:
            lines += [
                f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}",
            ]
        if kind > 0.97:
            lines.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(3, 12)}")
        lines += [
            f"SUMMARY:Meeting {i} with the maths department",
            f"DESCRIPTION:Agenda item {i}\\, actions from last time\\nRoom booked by the office",
            f"LOCATION:Room {rng.randrange(40)}",
            "STATUS:CONFIRMED",
        ]
        if kind > 0.8:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM"]
        lines.append("END:VEVENT")
        out.append("\r\n".join(lines))
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-ics", action="store_true", help="skip the slow `ics` package")
    args = parser.parse_args()
    data = generate(args.events)
    text = data.decode()
    runs: dict[str, Callable[[], object]] = {
        "importing.read_ics (window 2019/20)": lambda: read_ics(
            data, source="bench", start=dt.date(2019, 9, 1), end=dt.date(2020, 8, 31)
        ),
        "importing.read_ics (details=False)": lambda: read_ics(
            data, source="bench", start=dt.date(2019, 9, 1), end=dt.date(2020, 8, 31), details=False
        ),
        "icalendar.Calendar.from_ical": lambda: icalendar.Calendar.from_ical(data),
    }
    if not args.no_ics:
        try:
            import ics
        except ImportError:
            print("(the `ics` package is not installed: its row is skipped; pip install ics to compare)")
        else:
            runs["ics.Calendar (parse)"] = lambda: ics.Calendar(text)
    reading = read_ics(data, source="bench", start=dt.date(2019, 9, 1), end=dt.date(2020, 8, 31))
    print(f"{args.events} events, {len(data):,} bytes; {len(reading.events)} in the window, {len(reading.busy())} busy")
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ics warns about its own future
        for round_ in range(args.rounds):
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:  # rotate the order
                began = time.perf_counter()
                runs[name]()
                times[name].append(time.perf_counter() - began)
    base = statistics.median(times["icalendar.Calendar.from_ical"])
    print(f"{'':38} {'median s':>9} {'min s':>7} {'vs icalendar':>12}")
    for name in names:
        median = statistics.median(times[name])
        print(f"{name:38} {median:9.3f} {min(times[name]):7.3f} {median / base:11.2f}x")


if __name__ == "__main__":
    main()
