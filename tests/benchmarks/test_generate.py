"""The benchmark generator: valid networks of any size whose errors are exactly the planted ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate as write_network
from benchmarks.generate import planted
from mh_planner.assemble import assemble
from mh_planner.loading import load
from mh_planner.scheduling import check
from tests.builders import ROOT


@pytest.mark.parametrize("hubs", [1, 2, 3])
def test_exactly_the_planted_clashes_are_found(tmp_path: Path, hubs: int) -> None:
    calendar = assemble(load(write_network(tmp_path / "data", hubs)))
    errors = sorted((c.rule, c.event_ids) for c in check(calendar) if c.severity.value == "error")
    assert errors == planted(hubs)
    rules = {rule for rule, _ in errors}
    assert {"venue", "double-booked", "outside-term-time", "delegates"} <= rules
    if hubs > 1:  # the cross-hub ones need two hubs
        assert {"two-hubs", "exchange"} <= rules
        assert len(calendar.plans) == hubs


def test_the_same_seed_writes_the_same_files(tmp_path: Path) -> None:
    one, two = write_network(tmp_path / "one", 2), write_network(tmp_path / "two", 2)
    files = sorted(p.relative_to(one) for p in one.rglob("*.yaml"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.yaml"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


@pytest.mark.tui
def test_the_benchmark_runs_at_small_size_and_finds_the_planted_clashes() -> None:
    """`benchmarks/run.py --size small`: every step on 1 and 2 hubs, the TUI included; it exits 1 if the errors
    found are not the planted ones. Its times are printed, never asserted (the machine is shared)."""
    result = subprocess.run(
        [sys.executable, "benchmarks/run.py", "--size", "small", "--repeat", "1", "--tui-runs", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "planted clashes: 5 of 5 planted, 0 other (small); 12 of 12 planted, 0 other (large)" in result.stdout
    for step in ("load cached", "command cached", "export", "edit", "undo MB", "tui drawn", "tui edit"):
        assert f"\n{step} " in result.stdout
