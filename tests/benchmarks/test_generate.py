"""The benchmark generator: valid networks of any size whose errors are exactly the planted ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate as write_network
from benchmarks.generate import planted
from mh_planner.assemble import assemble
from mh_planner.loading import load
from mh_planner.scheduling import check


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
