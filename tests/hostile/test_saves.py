"""Saving must never lose or half-write a plan: killed at any moment a save leaves the old file or the new one,
exactly (comments and all), and no temporary copy of the plan (private fields included) outlives the next start.
A read-only plan is refused, and a change made by someone else while a save is under way is not lost."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import FUZZ, SURVEY
from tests.hostile.harness import DATA, OUT, ROOT, limits
from tests.hostile.harness import PLAN as PLAN_NAME
from tests.hostile.save_child import edited

PLAN = Path(PLAN_NAME)
TRIALS = int(os.environ.get("MH_HOSTILE_KILLS", 300 if FUZZ else 10))
BUDGET_SECONDS = 600 if FUZZ else 40  # stop early rather than overrun: each trial starts a Python process


def temps(data: Path) -> list[Path]:
    """Leftovers of an interrupted save, whatever the writer calls them: hidden files beside the plan."""
    return sorted(p for p in (data / PLAN).parent.iterdir() if p.name.startswith(".") and p.name != ".gitkeep")


def ignored_by_git(relative: Path) -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "--no-index", str(relative)]).returncode == 0


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns(".feeds-secrets.yaml"))
    return tmp_path / "data"


def _versions(data: Path) -> tuple[bytes, bytes]:
    """The plan as shipped and as the child's edit saves it."""
    before = (data / PLAN).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "data"
        shutil.copytree(data, scratch)
        edited(_planner(scratch)).save()
        return before, (scratch / PLAN).read_bytes()


def _planner(data: Path):  # the Planner, imported late: collecting the tests needs no product module
    from mh_planner.editing import Planner

    return Planner(data)


def _kill_once(data: Path, rng: random.Random) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.save_child", str(data)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=limits(),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", "the save loop did not start"
        time.sleep(rng.uniform(0, 0.25))  # land anywhere in the loop: mostly inside a save
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()


def test_a_killed_save_leaves_the_old_or_the_new_plan_and_no_temporary_copy(data: Path) -> None:
    old, new = _versions(data)
    assert old != new and b"# " in old
    rng = random.Random(int(os.environ.get("MH_HOSTILE_SEED", 11)))
    started, trials, torn, leftovers, kept = time.monotonic(), 0, [], 0, []
    modes: set[str] = set()
    private = False
    landed = {"old": 0, "new": 0}
    while trials < TRIALS and time.monotonic() - started < BUDGET_SECONDS:
        (data / PLAN).write_bytes(old)  # each trial starts from the shipped plan, so that its edit is a change
        _kill_once(data, rng)
        trials += 1
        content = (data / PLAN).read_bytes()
        if content in (old, new):
            landed["old" if content == old else "new"] += 1
        else:
            torn.append(trials)
        found = temps(data)
        leftovers += len(found)
        modes.update(f"{p.stat().st_mode & 0o777:o}" for p in found)
        private |= any(b"@example.org" in p.read_bytes() for p in found)
        if found:
            _planner(data)  # "the next start": stale temporary files must be cleaned up by now
            kept += temps(data)
            for p in temps(data):
                p.unlink()
    line = (
        f"{trials} kills: {landed['old']} old plan, {landed['new']} new plan, {len(torn)} torn; "
        f"{leftovers} temporary files left by a kill (modes {sorted(modes)}, private fields: {private}), "
        f"{len(kept)} still there after the next start"
    )
    print(line)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "saves.txt").write_text(line + "\n")  # the figures of the run, beside summary.json
    assert not torn, f"trials {torn} left a plan that is neither the old nor the new one"
    assert SURVEY or not kept, f"{len(kept)} temporary copies of the plan survived the next start, e.g. {kept[0].name}"


def test_temporary_files_are_ignored_by_git(data: Path) -> None:
    """Watch one save from inside: .gitignore covers the temporary file it writes (while it is being written it
    is owner-only today; its mode after a kill is reported by the kill test)."""
    seen: list[tuple[str, int]] = []
    real_replace = os.replace

    def spy(src: os.PathLike[str] | str, dst: os.PathLike[str] | str, **kw: object) -> None:
        seen.append((Path(src).name, os.stat(src).st_mode & 0o777))
        real_replace(src, dst, **kw)  # type: ignore[arg-type]

    planner = edited(_planner(data))
    os.replace = spy  # type: ignore[assignment]
    try:
        planner.save()
    finally:
        os.replace = real_replace
    assert seen, "the save did not write through a temporary file and a rename"
    name, _ = seen[0]
    problems = []
    if not ignored_by_git(Path("data") / PLAN.parent / name):
        problems.append(f"{name} is not covered by .gitignore")
    assert not problems, "; ".join(problems)


def test_a_stale_temporary_file_is_removed_at_the_next_start(data: Path) -> None:
    stale = data / PLAN.parent / f".{PLAN.name}.k3j_x9.tmp"
    stale.write_bytes((data / PLAN).read_bytes())
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    _planner(data)
    assert not stale.exists(), "a temporary copy of the plan from an interrupted save is never cleaned up"


def test_a_read_only_plan_is_not_overwritten(data: Path) -> None:
    plan = data / PLAN
    before = plan.read_bytes()
    plan.chmod(0o444)
    planner = edited(_planner(data))
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do; overwriting is the bug
        planner.save()
    assert plan.read_bytes() == before


def test_a_change_made_during_a_save_is_not_lost(data: Path) -> None:
    """Someone else's write lands between the save's changed-on-disk check and its rename."""
    plan = data / PLAN
    theirs = plan.read_bytes() + b"\n# added by someone else while the planner was saving\n"
    real_replace, real_rename = os.replace, os.rename

    def late_writer(real):
        def swap(src: str, dst: str, **kw: object) -> None:
            if Path(dst).resolve() == plan.resolve():
                plan.write_bytes(theirs)
            real(src, dst, **kw)

        return swap

    planner = edited(_planner(data))
    os.replace, os.rename = late_writer(real_replace), late_writer(real_rename)  # type: ignore[assignment]
    try:
        saved = True
        try:
            planner.save()
        except Exception:  # refusing (changed on disk) is the right answer
            saved = False
    finally:
        os.replace, os.rename = real_replace, real_rename
    assert not saved or plan.read_bytes() == theirs or b"added by someone else" in plan.read_bytes(), (
        "the other writer's change was overwritten without a word"
    )
