"""Every benchmark script still imports: they are not run by the tests, so a renamed module broke
`bench_serve.py` unnoticed (it imported `mh_planner.loader` long after the loader moved to `loading`)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SCRIPTS = sorted(p.stem for p in BENCHMARKS.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", SCRIPTS)
def test_the_benchmark_script_imports(name: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    assert module.__doc__  # each says what it measures and how to run it
