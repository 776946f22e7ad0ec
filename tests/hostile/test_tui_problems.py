"""The planner shows its problems screen, never a traceback or a dump of local variables, for every data set
that the command line rejects (or crashes on: after the fix, those are rejections too)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import PROFILE, SURVEY
from tests.hostile.harness import Case, copy_data
from tests.hostile.known import KNOWN, PLAN
from tests.hostile.mutations import Mutant, raw, structured
from tests.hostile.run import check_mutant
from tests.hostile.tui import record_tui, tui_shows_problems

TUI_PROFILE = settings(PROFILE, max_examples=max(1, PROFILE.max_examples // 3))
NOT_REJECTED = {"accepted", "wrongly-accepted", "hang", "memory"}  # a hang or a blow-up is the CLI tests' business


def _known(name: str) -> Mutant:
    case = next(k for k in KNOWN if k.name == name)
    return Mutant(Case("known", case.target, [case.name]), fs=case.setup)


def _lead_nobody(data: Path) -> None:
    plan = data / PLAN
    plan.write_text(plan.read_text().replace("lead: pshah", "lead: nobody", 1))


@TUI_PROFILE
@given(st.one_of(structured(), raw()))
@example(Mutant(Case("known", PLAN, ["lead: nobody"]), fs=_lead_nobody))  # rejected cleanly today
@example(_known("closure-9999"))  # a crash today: Textual prints its traceback with the data set in its locals
def test_tui_shows_the_problems_of_rejected_data(mutant: Mutant) -> None:
    cli = check_mutant(mutant)
    if cli.kind in NOT_REJECTED:
        return
    with tempfile.TemporaryDirectory(prefix="mh-tui-") as tmp:
        data = copy_data(Path(tmp))
        mutant.apply(data)
        seen = tui_shows_problems(data)
    record_tui(mutant.case, seen)
    assert SURVEY or seen.ok, f"{seen.detail} ({seen.seconds} s) for {mutant!r}; the CLI said: {cli.stderr[:300]}"


def test_tui_reports_a_syntax_error_at_its_line() -> None:
    """An unclosed `[` (line 48) is found on a later line: the line where it opened is the one to report."""
    with tempfile.TemporaryDirectory(prefix="mh-tui-") as tmp:
        data = copy_data(Path(tmp))
        plan = data / PLAN
        lines = plan.read_text().splitlines()
        assert lines[47].strip() == "roles: [mhl, llme-lead]"
        lines[47] = lines[47].rstrip("]")
        plan.write_text("\n".join(lines) + "\n")
        seen = tui_shows_problems(data)
    assert seen.ok, seen.detail
    shown = re.findall(r"ee2\.yaml:(\d+)", seen.problems)
    assert "48" in shown, f"reported at line(s) {shown}, the `[` is on line 48"
