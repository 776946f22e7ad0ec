"""Hostile-input tests: how many examples, and a summary of every outcome at the end of the session.

`make test` runs a small, fixed (derandomised) set; `make fuzz` sets MH_HOSTILE=fuzz for a long random run.
MH_HOSTILE_SURVEY=1 records every outcome without failing on the first bad one (for the figures of a run).
Outcomes go to .hostile/ (or MH_HOSTILE_OUT): one JSON line per run, and summary.json at the end.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.hostile.harness import OUT, summarise

FUZZ = os.environ.get("MH_HOSTILE") == "fuzz"
SURVEY = os.environ.get("MH_HOSTILE_SURVEY") == "1"

_quiet = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
          HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much]  # fmt: skip
settings.register_profile(
    "hostile-test",
    max_examples=int(os.environ.get("MH_HOSTILE_EXAMPLES", 5)),
    deadline=None,  # each example is a child process: time is bounded by the harness's own limits
    derandomize=True,  # the same examples each run: a suite must not be flaky
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a hang would make it run for minutes
    suppress_health_check=_quiet,
)
settings.register_profile(
    "hostile-fuzz",
    max_examples=int(os.environ.get("MH_HOSTILE_EXAMPLES", 300)),
    deadline=None,
    derandomize=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate] + ([] if SURVEY else [Phase.shrink]),
    suppress_health_check=_quiet,
)
PROFILE = settings.get_profile("hostile-fuzz" if FUZZ else "hostile-test")


def _run_id(config: pytest.Config) -> str:
    # Under xdist only the workers load this file: they share the run's id, and the last one to finish
    # writes the summary over every worker's outcomes.
    workerinput = getattr(config, "workerinput", None)
    return str(workerinput["testrunuid"]) if workerinput else f"solo{os.getpid()}"


def pytest_configure(config: pytest.Config) -> None:
    run_id = _run_id(config)
    os.environ["MH_HOSTILE_RUN"] = run_id  # read by harness.record
    for old in OUT.glob("outcomes-*.jsonl"):
        if not old.name.startswith(f"outcomes-{run_id}-"):
            old.unlink(missing_ok=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    run_id = _run_id(session.config)
    if any(OUT.glob(f"outcomes-{run_id}-*.jsonl")):
        summary = summarise(run_id=run_id)
        line = ", ".join(f"{k} {v}%" for k, v in summary["percent"].items())  # type: ignore[union-attr]
        session.config._hostile_line = f"hostile inputs: {summary['total']} runs: {line} ({OUT / 'summary.json'})"  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    line = getattr(config, "_hostile_line", None)
    if line:
        terminalreporter.write_line(line)
