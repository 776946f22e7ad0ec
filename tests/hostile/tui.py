"""The planner, opened headless on a data set the command line rejects, must show its problems screen: never a
traceback, never Textual's dump of local variables (which would print the data set, private fields included)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.harness import Case, Outcome, record, run

TUI_SECONDS = 90.0  # a crash makes Textual render its locals dump, which alone takes many seconds
LEAKS = ("Traceback", "locals", "@example.org")  # a traceback, its locals panel, the sample plan's private emails


@dataclass
class TuiOutcome:
    ok: bool
    screen: str | None
    detail: str
    seconds: float
    stderr_lines: int
    problems: str = ""  # the text of the problems screen


def tui_shows_problems(data: Path) -> TuiOutcome:
    code, seconds, _, out, err, _, err_size = run([data.name], cwd=data.parent, timeout=TUI_SECONDS,
                                                  module="tests.hostile.tui_probe")  # fmt: skip
    stderr = err.decode("utf-8", "replace")
    lines = stderr.count("\n")
    if code is None:
        return TuiOutcome(False, None, f"no screen after {seconds:.0f} s", round(seconds, 1), lines)
    try:
        seen = json.loads(out.decode("utf-8", "replace").strip().splitlines()[-1])
    except (IndexError, ValueError):
        return TuiOutcome(False, None, f"probe exited {code}: {stderr.strip()[-300:]}", round(seconds, 1), lines)
    leaks = [word for word in LEAKS if word in stderr]
    problems: list[str] = []
    if seen["screen"] != "problems":
        problems.append(f"screen {seen['screen']!r} instead of the problems screen")
    if seen["exception"]:
        problems.append(f"the app crashed: {seen['exception']}")
    if leaks:
        problems.append(f"stderr ({err_size} bytes, {lines} lines) shows {', '.join(leaks)}")
    return TuiOutcome(not problems, seen["screen"], "; ".join(problems), round(seconds, 1), lines, seen["problems"])


def record_tui(case: Case, seen: TuiOutcome) -> None:
    """Count the app's outcome with the command line's (family `tui`)."""
    kind = "clean" if seen.ok else ("tui-crash" if "crashed" in seen.detail else "tui-other")
    if seen.ok is False and seen.screen is None and "no screen" in seen.detail:
        kind = "hang"
    record(Case("tui", case.target, case.steps), Outcome(kind, None, seen.seconds, 0.0, "", "", seen.detail))
