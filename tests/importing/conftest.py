from __future__ import annotations

import datetime as dt
from pathlib import Path

from mh_planner.importing import Reading, read_ics

ICS = Path(__file__).parent / "ics"
YEAR = (dt.date(2019, 9, 1), dt.date(2020, 8, 31))  # the academic year 2019/20, as the planner asks


def read(name: str, **kwargs: object) -> Reading:
    path = ICS / name
    return read_ics(path.read_bytes(), source=name, start=YEAR[0], end=YEAR[1], **kwargs)  # type: ignore[arg-type]


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute)
