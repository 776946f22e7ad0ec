"""The benchmark's generated national-scale data: valid, deterministic, and exported without leaks."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import generate
from mh_planner.feeds.export import export
from mh_planner.loading import load
from tests.feeds.test_feeds_helpers import NOW, calendar_of, files, searchable


def test_generated_data_loads_and_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 3)
    again = generate(tmp_path / "b", 3)
    dataset = load(first)
    assert [f.plan.hub for f in dataset.plans] == sorted(["ee2", "sw1", "sw2"])
    for path in sorted((first / "plans" / "2019-20").glob("*.yaml")):
        assert path.read_bytes() == (again / "plans" / "2019-20" / path.name).read_bytes()


def test_generated_hubs_export_without_leaks(tmp_path: Path) -> None:
    calendar = calendar_of(generate(tmp_path / "data", 2))
    per_hub = sum(1 for e in calendar.events if e.hub == "sw1")
    assert 550 <= per_hub <= 700  # so that 40 hubs make some 25,000 events
    out = tmp_path / "out"
    result = export(calendar, out, now=NOW)
    assert {f.hub for f in result.feeds} == {"ee2", "sw1"}
    for path in files(out):
        text = searchable(path)
        assert "example.org" not in text and "01632 960000" not in text and "Private" not in text, path
