"""What each TUI test costs, in CPU seconds of the test process (wall time depends on the machine's load).

    .venv/bin/python benchmarks/bench_tui_tests.py [pytest arguments, default: tests/tui -m tui]

Runs the tests in this one process (no xdist) and, for each test, the CPU time of its setup and call: the
Pilot tests and the snapshots start an app each, so this is what a Pilot test costs. Prints the slowest,
then the median, mean and total per kind (flows, snapshots, others).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


class CpuClock:
    def __init__(self) -> None:
        self.costs: dict[str, float] = defaultdict(float)
        self.walls: dict[str, float] = defaultdict(float)

    def _timed(self, item: pytest.Item) -> Any:
        started, wall = time.process_time(), time.perf_counter()
        yield
        self.costs[item.nodeid] += time.process_time() - started
        self.walls[item.nodeid] += time.perf_counter() - wall

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Any:
        yield from self._timed(item)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Any:
        yield from self._timed(item)


def kind(nodeid: str) -> str:
    name = nodeid.split("::")[0].rsplit("/", 1)[-1]
    return {"test_flows.py": "flows", "test_snapshots.py": "snapshots"}.get(name, "others")


def main(argv: list[str]) -> int:
    clock = CpuClock()
    args = argv or ["tests/tui", "-m", "tui"]
    code = pytest.main([*args, "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-p", "no:randomly"], plugins=[clock])
    by_kind: dict[str, list[float]] = defaultdict(list)
    for nodeid, cost in clock.costs.items():
        by_kind[kind(nodeid)].append(cost)
    print("\nslowest:   CPU s  wall s")
    for nodeid, cost in sorted(clock.costs.items(), key=lambda kv: -kv[1])[: 1000 if "-v" in args else 10]:
        print(f"         {cost:6.2f}  {clock.walls[nodeid]:6.2f}  {nodeid}")
    print("\nkind        tests  median   mean  total (CPU s)  median wall s")
    for name, costs in sorted(by_kind.items()):
        walls = [clock.walls[n] for n in clock.costs if kind(n) == name]
        print(
            f"{name:<10} {len(costs):6} {statistics.median(costs):7.2f} {statistics.mean(costs):6.2f} {sum(costs):6.1f}"
            f"          {statistics.median(walls):6.2f}"
        )
    return int(code)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv[1:]))
