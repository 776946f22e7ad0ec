"""Place a generated hub's whole year, against one `check` of the same hub.

    python benchmarks/bench_place.py [--repeat 5] [--groups 30] [--schools 1]

The hub (`benchmarks/generate.py`, with the scheduler's fields: people's preferred weekdays and times and
towns, each group's other venues, weekdays and times) has ~30 work groups meeting half-termly and termly
visits, ~250 sessions in all, around its people's national commitments (the central events their projects
hold, dated or only announced as a window) and the clashes the generator plants. Only that hub's plan is in
the folder, so `check` and `place` see the same data.

It reports, as medians of interleaved repeats (the machine is shared: only ratios mean anything):
- time: `mh-planner place --repair`'s work (load, assemble, check, place with the checker's verification)
  against `mh-planner check`'s (load, assemble, check with fixes), both in this process; the first `place`
  also imports the solver, so it is shown apart;
- hard conflicts: the errors before and after, by rule;
- soft preferences: the penalty of today's pattern placement against the placement's (lower is better),
  and the bound the solver proved;
- determinism: the same moves in every repeat.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.loading import load  # noqa: E402
from mh_planner.rules import Conflict, Severity  # noqa: E402
from mh_planner.scheduling import YearPlacement, check, place_year  # noqa: E402
from mh_planner.scheduling.placement import Slot  # noqa: E402
from mh_planner.scheduling.placement.costs import Scorer  # noqa: E402
from mh_planner.scheduling.problem import build, venue_key  # noqa: E402
from mh_planner.scheduling.sessions import sessions_of  # noqa: E402


def hub_folder(work: Path, groups: int, schools: int) -> Path:
    """A data folder with one generated hub (its plan only: the shipped sample's is removed)."""
    root = generate(work / "data", 2, groups=groups, schools=schools, choices=True)
    (load(root).plans_dir / "ee2.yaml").unlink()
    return root


def checked(root: Path) -> list[Conflict]:
    """What `mh-planner check` does."""
    return check(assemble(load(root)))


def placed(root: Path, repair: bool = True) -> YearPlacement:
    """What `mh-planner place --repair` does (printing and writing aside)."""
    calendar = assemble(load(root))
    return place_year(calendar, repair=repair, conflicts=check(calendar))


def by_rule(conflicts: tuple[Conflict, ...] | list[Conflict]) -> str:
    counts = Counter(c.rule for c in conflicts if c.severity is Severity.ERROR)
    return ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "none"


def _kind(why: str) -> str:
    if why.startswith("inside the window"):
        return "window"
    if why.startswith("moved"):
        return "moved"
    if " prefers " in why:
        return "time" if ":" in why else "weekday"
    return "travel" if " travels " in why else "other"


def breakdown(root: Path, result: YearPlacement) -> str:
    """The penalty of the work groups' sessions by kind of preference: today's pattern -> the placement."""
    calendar = assemble(load(root))
    scope = build(calendar, sessions_of(calendar))
    after = dict(scope.now)
    for move in result.moves:
        if move.event_id in after:
            venue = venue_key(move.venue) if move.venue else after[move.event_id].venue
            after[move.event_id] = Slot(move.start.date(), move.start.time(), move.end.time(), venue, move.place)
    scorer = Scorer(scope.problem)
    totals: dict[str, list[int]] = {}
    for which, slots in enumerate((scope.now, after)):
        for sid, slot in slots.items():
            for cost, why in scorer.terms(scope.problem.session(sid), slot):
                totals.setdefault(_kind(why), [0, 0])[which] += cost
    return ", ".join(f"{kind} {a} -> {b}" for kind, (a, b) in sorted(totals.items()))


def describe(root: Path) -> str:
    calendar = assemble(load(root))
    sessions = sessions_of(calendar)
    meetings = sum(1 for s in sessions.values() if s.event.kind.value == "meeting")
    slots = sum(len(s.days) * len(s.times) * len(s.places) for s in sessions.values())
    people = {p for s in sessions.values() for p in s.event.attendees}
    national = [e for e in calendar.events if e.origin.value in ("central", "exchange") and set(e.attendees) & people]
    tentative = sum(1 for e in national if e.tentative)
    return (
        f"{len(calendar.work_groups)} work groups, {len(sessions)} sessions ({meetings} meetings, "
        f"{len(sessions) - meetings} visits), {slots} candidate slots; {len(people)} people with "
        f"{len(national)} national commitments ({tentative} only a window so far); {len(calendar.events)} events"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--groups", type=int, default=30, help="work groups in the hub (default: 30)")
    parser.add_argument("--schools", type=int, default=1, help="schools a work group visits (default: 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="mh-place-") as temporary:
        root = hub_folder(Path(temporary), args.groups, args.schools)
        print(describe(root))
        started = time.perf_counter()
        result = placed(root)
        first = time.perf_counter() - started
        plain = placed(root, repair=False)
        check_times, place_times, answers = [], [], set()
        for _ in range(args.repeat):  # interleaved: the machine's load hits both alike
            started = time.perf_counter()
            conflicts = checked(root)
            check_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            result = placed(root)
            place_times.append(time.perf_counter() - started)
            answers.add(tuple((m.event_id, m.start, m.end, m.venue) for m in result.moves))
        breakdown_text = breakdown(root, result)
    check_s, place_s = statistics.median(check_times), statistics.median(place_times)
    print(f"check  median {check_s:.3f} s   (runs: {' '.join(f'{t:.3f}' for t in check_times)})")
    print(f"place  median {place_s:.3f} s   (runs: {' '.join(f'{t:.3f}' for t in place_times)}); "
          f"the first, importing the solver: {first:.2f} s")  # fmt: skip
    print(f"time: place --repair takes {place_s / check_s:.1f}x one check of the same hub (goal <= 20x)")
    print(f"hard conflicts before: {by_rule(conflicts)}")
    print(f"  after place:          {by_rule(plain.remaining)} ({len(plain.moves)} moves)")
    print(f"  after place --repair: {by_rule(result.remaining)} ({len(result.moves)} moves)")
    proof = "proved optimal" if result.optimal else f"bound {result.bound}"
    gain = 100 * (result.score_now - result.score) / result.score_now if result.score_now else 0.0
    print(f"soft penalty (lower is better): today's pattern placement {result.score_now} (with its hard "
          f"conflicts), placed {result.score} ({gain:.1f}% lower; {proof}); without repair "
          f"{plain.score_now} -> {plain.score}")  # fmt: skip
    print(f"  by kind, work-group sessions: {breakdown_text}")
    print(f"same placement in every repeat: {len(answers) == 1}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
