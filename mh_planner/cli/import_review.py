"""The review of confirmed dates before they are pinned: the table, then `--approve` or questions.

What is pinned:
- `--approve`: every date matched inside its window; with `--outside` also those matched outside their
  windows. Ambiguous events are never pinned without a person choosing.
- in a terminal without `--approve`: one question for all the matches inside their windows, one per
  match outside its window, and a choice for each ambiguous event; every question defaults to no.
- otherwise (no terminal, no `--approve`): nothing; the table says how to approve.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence

from mh_planner.importing.confirm import Verdict
from mh_planner.importing.confirmations import Pin, Proposal
from mh_planner.problems import visible

WIDTH = 100


def interactive() -> bool:
    """Questions only where a person can answer them (tests replace this)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def ask(question: str) -> str:
    try:
        return input(visible(question)).strip().lower()  # it may quote the data: escaped, as the table is
    except EOFError:
        return ""


def table(proposals: Sequence[Proposal]) -> list[str]:
    """The proposals for a person to read: matched, outside the window, ambiguous, already pinned, unmatched."""
    lines: list[str] = []
    for p in proposals:
        if p.verdict is Verdict.UNMATCHED:
            continue
        pin = p.pin
        if p.unchanged:
            mark = "pinned"
        elif pin is not None:
            mark = "OUTSIDE" if p.match.outside_window else "matched"
        else:
            mark = "ambiguous"
        lines.append(f"  {mark:<9} {p.event_id}  {p.title}  [{p.when}]")
        if pin is not None and p.match.event is not None:
            flag = ": outside its window" if p.match.outside_window else ""
            current = f" (the plan says {p.current.text()})" if p.current and not p.unchanged else ""
            lines.append(f"            -> {pin.text()}{flag}{current}: {p.match.event.summary!r}")
        else:
            if p.current is not None:
                lines.append(f"            the plan says {p.current.text()}")
            for n, (option, event) in enumerate(zip(p.options, p.match.options, strict=True), start=1):
                lines.append(f"            {n}) {option.text()}: {event.summary!r}")
    unmatched = [p.event_id for p in proposals if p.verdict is Verdict.UNMATCHED]
    if unmatched:
        lines.append(f"  unmatched ({len(unmatched)}), not announced in this calendar:")
        text = ", ".join(unmatched)
        lines += textwrap.wrap(text, WIDTH, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
    return lines


def decide(proposals: Sequence[Proposal], approve: bool, outside: bool) -> list[Pin]:
    """The dates to pin, by the rules in this module's docstring."""
    inside = [p.pin for p in proposals if p.approvable and p.pin is not None]
    away = [p for p in proposals if p.pin is not None and p.match.outside_window and not p.unchanged]
    if approve:
        return inside + ([p.pin for p in away if p.pin is not None] if outside else [])
    if not interactive():
        if inside or away:
            print("Nothing pinned: run again with --approve (and --outside for dates outside their windows),")
            print("or in a terminal to be asked.")
        return []
    chosen: list[Pin] = []
    if inside and ask(f"Pin the {len(inside)} date(s) matched inside their windows? [y/N] ") in ("y", "yes"):
        chosen += inside
    for p in away:
        assert p.pin is not None
        if ask(f"Pin {p.event_id} to {p.pin.text()}, outside its window ({p.when})? [y/N] ") in ("y", "yes"):
            chosen.append(p.pin)
    for p in proposals:
        if p.verdict is Verdict.AMBIGUOUS and p.options:
            answer = ask(f"{p.event_id}: which date? [1-{len(p.options)}, Enter: none] ")
            if answer.isdigit() and 1 <= int(answer) <= len(p.options):
                chosen.append(p.options[int(answer) - 1])
    return chosen
