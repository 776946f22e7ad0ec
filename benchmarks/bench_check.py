"""How `check` scales: load, assemble and check generated data of growing size, in one run.

    python benchmarks/bench_check.py [--sizes 5 10 20 40] [--repeat 3]

Prints, for each number of hubs, the events assembled, the conflicts found and the best time of each step,
then the time per 1,000 events relative to the smallest size: close to 1.0 means close to linear. Figures
are ratios measured in one run: the machine is shared and noisy, so absolute times mean little.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.loading import load  # noqa: E402
from mh_planner.scheduling import check  # noqa: E402

T = TypeVar("T")


def best(repeat: int, step: Callable[[], T]) -> tuple[float, T]:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result  # type: ignore[possibly-undefined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 40])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for hubs in args.sizes:
            root = generate(Path(tmp) / f"hubs-{hubs}", hubs)
            t_load, dataset = best(args.repeat, lambda root=root: load(root))
            t_assemble, calendar = best(args.repeat, lambda dataset=dataset: assemble(dataset))
            t_check, conflicts = best(args.repeat, lambda calendar=calendar: check(calendar))
            rows.append((hubs, len(calendar.events), len(conflicts), t_load, t_assemble, t_check))
    print(f"{'hubs':>5} {'events':>7} {'conflicts':>9} {'load s':>8} {'assemble s':>10} {'check s':>8} "
          f"{'check per 1k ev':>15} {'ratio':>6}")
    base = rows[0][5] / rows[0][1]
    for hubs, events, conflicts, t_load, t_assemble, t_check in rows:
        per_k = t_check / events * 1000
        print(f"{hubs:>5} {events:>7} {conflicts:>9} {t_load:>8.3f} {t_assemble:>10.3f} {t_check:>8.3f} "
              f"{per_k * 1000:>12.2f} ms {per_k / (base * 1000):>6.2f}")
    first, last = rows[0], rows[-1]
    growth = last[1] / first[1]
    print(f"\n{growth:.1f}x the events took {last[5] / first[5]:.1f}x the check time "
          f"and {(last[4] + last[5]) / (first[4] + first[5]):.1f}x assemble+check (linear would be {growth:.1f}x).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
