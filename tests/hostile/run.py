"""Apply a mutant to a fresh copy of data/ and run `check` on it (shared by the property tests)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.hostile.harness import Outcome, check, copy_data
from tests.hostile.mutations import Mutant


def check_mutant(mutant: Mutant) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="mh-hostile-") as tmp:
        data = copy_data(Path(tmp))
        mutant.apply(data)
        return check(mutant.case, data, mutant.args, unprivileged=mutant.unprivileged)


def explain(mutant: Mutant, outcome: Outcome) -> str:
    return (
        f"{outcome.kind} ({outcome.detail}) after {outcome.seconds} s, {outcome.peak_mb} MB, exit {outcome.exit}\n"
        f"  mutation: {mutant!r}\n  stderr: {outcome.stderr[:600]}"
    )
