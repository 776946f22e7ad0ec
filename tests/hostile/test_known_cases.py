"""Each hostile input named in issue 11 is handled as the issue asks (see known.py for the cases)."""

from __future__ import annotations

import pytest

from tests.hostile.known import KNOWN, Known, run_known


@pytest.mark.parametrize("case", KNOWN, ids=[k.name for k in KNOWN])
def test_issue_case(case: Known) -> None:
    outcome, why = run_known(case)
    assert why is None, f"{case.issue}: {why} (exit {outcome.exit}, {outcome.seconds} s, {outcome.peak_mb} MB)"
