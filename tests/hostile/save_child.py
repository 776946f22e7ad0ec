"""A planning session that saves as fast as it can, to be killed at a random moment by test_saves.py.

    python -m tests.hostile.save_child DATA

Loads DATA with the Planner, makes one edit, prints `ready`, then saves the edited plan and the original in
turn (undo, save, redo, save...), so that nearly all of its time is spent inside a save.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mh_planner.editing import Planner

EDIT = ("wg-itt/meeting-1", dt.datetime(2019, 10, 22, 17), dt.datetime(2019, 10, 22, 18, 30))


def edited(planner: Planner) -> Planner:
    planner.move_event(*EDIT)
    return planner


def main(data: Path) -> None:
    planner = edited(Planner(data))
    print("ready", flush=True)
    while True:
        planner.save()
        planner.undo()
        planner.save()
        planner.redo()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
