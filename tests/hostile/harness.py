"""Run `python -m mh_planner` on a (broken) data folder in a child process with hard limits, and say how it went.

Only the command line is driven, never the package's modules: the harness must survive the package being
reorganised. Every run is recorded (one JSON line per outcome) so that a session can report figures by class.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
OUT = Path(os.environ.get("MH_HOSTILE_OUT", ROOT / ".hostile"))  # outcomes, summary, saved reproducers

# The files of the year `check` opens by default (the latest with a plan), relative to the data folder.
PLAN = "plans/2019-20/ee2.yaml"
YEAR = "year/2019-20.yaml"
PROGRAMME = "programme/2019-20"  # programme.yaml and one file per project

# Generous on purpose: these catch runaways, they are not performance assertions (2 shared cores, CI noise).
# A normal run takes about a second; `make test` stops a runaway sooner than a fuzz run does.
WALL_SECONDS = float(os.environ.get("MH_HOSTILE_TIMEOUT", 20 if os.environ.get("MH_HOSTILE") == "fuzz" else 10))
ADDRESS_SPACE = int(float(os.environ.get("MH_HOSTILE_MEMORY_GB", 1.5)) * 2**30)
BIG_RSS_KB = 400 * 1024  # "a few hundred MB": above this a run that finished is still a memory problem
OUTPUT_CAP = 1 << 20  # bytes of stdout/stderr kept for classification (a 10 MB value may be echoed back)

# The promised shape of a problem line: `file:line: field: message` or `file: message` (field optional).
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+))?: (?P<rest>.+)$")
SUMMARY_LINE = re.compile(r"^\d+ problem\(s\) in .+: nothing was checked\.$")
NORMAL_END = re.compile(r"\d+ error\(s\), \d+ warning\(s\) in ")
# A reference to something the data does not have: `people[0].roles[0]: no role 'mhl'`.
REFERENCE = re.compile(r": no [a-z ]+ '[^']*'|: (?:person|venue|school|work group|event) id '[^']*' is already used")

OK_CLASSES = {"clean", "accepted"}


@dataclass
class Outcome:
    kind: str  # clean | accepted | traceback | hang | memory | exit-N | signal | unclean-message | misattributed
    # | wrongly-accepted
    exit: int | None
    seconds: float
    peak_mb: float
    stderr: str
    stdout_tail: str
    detail: str = ""  # the traceback's last frame and exception, or what is wrong with the messages
    stderr_bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.kind in OK_CLASSES


@dataclass
class Case:
    """One mutated data set: what was done (readable, enough to reproduce) and to which file."""

    family: str
    target: str  # the data file the mutation is about, relative to the data folder ("" for none)
    steps: list[str] = field(default_factory=list)
    must_reject: bool = False  # acceptance would be wrong (a plan that is not read, a reversed range...)


def _drop_file_override() -> None:
    """Root reads any file: to test an unreadable one, drop the capabilities that let it (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH) from the bounding set, so that the program exec'd next runs without them."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def limits(address_space: int = ADDRESS_SPACE, unprivileged: bool = False):
    def apply() -> None:
        os.setsid()  # own process group: a timeout kills the child and anything it started
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if unprivileged and os.geteuid() == 0:
            _drop_file_override()

    return apply


def run(
    args: list[str],
    *,
    cwd: Path | None = None,
    timeout: float = WALL_SECONDS,
    stdin: int | None = subprocess.DEVNULL,
    unprivileged: bool = False,
    env: dict[str, str] | None = None,
    module: str = "mh_planner",
) -> tuple[int | None, float, float, bytes, bytes, int, int]:
    """Run `python -m MODULE ARGS`: exit (None on timeout), seconds, peak RSS in MB, stdout and stderr (the
    first MB of stderr, the last of stdout) and their full sizes."""
    child_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "120", **(env or {})}
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), child_env.get("PYTHONPATH")]))
    child_env.pop("PYTHONBREAKPOINT", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=stdin,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=child_env,
            preexec_fn=limits(unprivileged=unprivileged),
        )
        status, usage, timed_out, peak_kb = None, None, False, 0
        while True:
            # The child's own peak: VmHWM of its image since exec. (ru_maxrss would also count the test
            # process's memory, which a forked child holds until it execs.)
            peak_kb = max(peak_kb, _hwm_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        proc.returncode = 0  # reaped by wait4: stop Popen from trying again
        seconds = time.monotonic() - started
        code = None if timed_out else (os.waitstatus_to_exitcode(status))
        sizes = []
        texts = []
        for f in (out, err):
            sizes.append(f.seek(0, os.SEEK_END))
            f.seek(max(0, sizes[-1] - OUTPUT_CAP) if f is out else 0)
            texts.append(f.read(OUTPUT_CAP))
        return code, seconds, (peak_kb or usage.ru_maxrss) / 1024, texts[0], texts[1], sizes[0], sizes[1]


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def classify(case: Case | None, code: int | None, seconds: float, peak_mb: float, out: bytes, err: bytes) -> Outcome:
    stderr = err.decode("utf-8", "replace")
    stdout = out.decode("utf-8", "replace")
    tail = "\n".join(stdout.splitlines()[-3:])

    def outcome(kind: str, detail: str = "") -> Outcome:
        return Outcome(kind, code, round(seconds, 2), round(peak_mb, 1), stderr, tail[-2000:], detail)

    if code is None:
        return outcome("hang", f"killed after {seconds:.0f} s")
    if "MemoryError" in stderr or (code < 0 and peak_mb * 2**20 > ADDRESS_SPACE * 0.8):
        return outcome("memory", _last_frame(stderr))
    if "Traceback (most recent call last)" in stderr or "────── Traceback" in stderr:
        return outcome("traceback", _last_frame(stderr))
    if code < 0:
        return outcome("signal", signal.Signals(-code).name)
    if peak_mb * 1024 > BIG_RSS_KB:
        return outcome("memory", f"finished but peaked at {peak_mb:.0f} MB")
    if code == 2 and case is not None and case.family == "arguments":
        # argparse's usage lines are the accepted shape of a usage error; anything else must be one line.
        lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith(("usage:", " "))]
        bad = [line for line in lines if not PROBLEM_LINE.match(line)]
        return outcome("unclean-message", bad[0][:300]) if bad or not lines else outcome("clean")
    if code == 2:
        lines = [line for line in stderr.splitlines() if line.strip()]
        bad = [line for line in lines if not (PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line))]
        if not lines or bad:
            return outcome("unclean-message", (bad or ["(no message at all)"])[0][:300])
        if case is not None and case.target and not any(_names(line, case.target) for line in lines):
            # A valid change (an id renamed, an item deleted) can break only the references to it, elsewhere.
            problems = [line for line in lines if PROBLEM_LINE.match(line) and not SUMMARY_LINE.match(line)]
            if not problems or not all(REFERENCE.search(line) for line in problems):
                return outcome("misattributed", lines[0][:300])
        return outcome("clean")
    if code in (0, 1):
        if stderr.strip() and not stdout.strip():
            return outcome("unclean-message", f"exit {code} with only stderr: {stderr.strip().splitlines()[0][:200]}")
        if case is not None and case.must_reject:
            return outcome("wrongly-accepted", tail.splitlines()[-1][:200] if tail else "")
        return outcome("accepted")
    return outcome(f"exit-{code}", stderr.strip().splitlines()[-1][:300] if stderr.strip() else "")


def _names(line: str, target: str) -> bool:
    m = PROBLEM_LINE.match(line)
    if not m:
        return False
    named = m.group("file").replace("\\", "/").rstrip("/")
    target_path = target.replace("\\", "/").rstrip("/")
    # A file named in another case (ee2.YAML) or its folder (a `plans` that is a file) still points the user there.
    return named.lower().endswith(target_path.lower()) or target_path.lower().startswith(
        named.rsplit("/", 1)[-1].lower() + "/"
    )


def _last_frame(stderr: str) -> str:
    """'file:line in function: ExceptionType: message' of the innermost frame, for grouping crashes."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', stderr)
    rich_frames = re.findall(r"(\S+\.py):(\d+) in (\S+)", stderr)  # Textual's rich traceback
    frames = frames or rich_frames
    where = ""
    if frames:
        ours = [f for f in frames if "mh_planner" in f[0]] or frames
        path, line, func = ours[-1]
        where = f"{path.split('mh_planner/')[-1]}:{line} in {func}"
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    error = next((line for line in reversed(lines) if re.match(r"^[A-Za-z_.]*(Error|Exception|Exit)\b", line)), "")
    return f"{where}: {error[:200]}"


# --- data folders --------------------------------------------------------------------------------


def copy_data(into: Path) -> Path:
    target = into / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".feeds-secrets.yaml", "*.tmp"))
    return target


def check(case: Case, data: Path, extra: list[str] | None = None, unprivileged: bool = False) -> Outcome:
    """`mh-planner check --data DATA`, classified and recorded. Run from the data's parent, so that messages
    name `data/...` as a user would see them."""
    args = ["check", "--data", data.name, *(extra or [])]
    code, seconds, peak, out, err, _, err_size = run(args, cwd=data.parent, unprivileged=unprivileged)
    result = classify(case, code, seconds, peak, out, err)
    result.stderr_bytes = err_size
    record(case, result, data)
    return result


# --- recording -----------------------------------------------------------------------------------

_saved: dict[str, int] = {}
KEEP_PER_CLASS = 25


def record(case: Case, outcome: Outcome, data: Path | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    row = {"case": asdict(case), **asdict(outcome)}
    row["stderr"] = outcome.stderr[:600]
    if not outcome.ok and data is not None and _saved.get(outcome.kind, 0) < KEEP_PER_CLASS:
        _saved[outcome.kind] = _saved.get(outcome.kind, 0) + 1
        row["saved"] = str(_save_reproducer(case, data, outcome))
    run_id = os.environ.get("MH_HOSTILE_RUN", "adhoc")
    with open(OUT / f"outcomes-{run_id}-{os.getpid()}.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(row, default=str) + "\n")


def _save_reproducer(case: Case, data: Path, outcome: Outcome) -> Path:
    """The mutated file (if small) and the steps, to replay by dropping the file into a copy of data/."""
    run_id = os.environ.get("MH_HOSTILE_RUN", "adhoc")
    folder = OUT / "cases" / run_id / outcome.kind / f"{os.getpid()}-{_saved[outcome.kind]}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.json").write_text(json.dumps({"case": asdict(case), "outcome": asdict(outcome)}, indent=2))
    if case.target:
        source = data / case.target
        with contextlib.suppress(OSError):
            if source.is_file() and not source.is_symlink() and source.stat().st_size < 1 << 20:
                shutil.copyfile(source, folder / source.name)
    return folder


def summarise(out: Path = OUT, run_id: str = "*") -> dict[str, object]:
    """Figures by class over every outcome recorded in `out` by a run (all its processes)."""
    rows = []
    for path in sorted(out.glob(f"outcomes-{run_id}-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    total = len(rows)
    by_kind: dict[str, int] = {}
    by_family: dict[str, dict[str, int]] = {}
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + 1
        fam = by_family.setdefault(row["case"]["family"], {})
        fam[row["kind"]] = fam.get(row["kind"], 0) + 1
    worst = sorted(rows, key=lambda r: -r["seconds"])[:5]
    fattest = sorted(rows, key=lambda r: -r["peak_mb"])[:5]

    def brief(r: dict) -> dict:
        return {k: r[k] for k in ("kind", "seconds", "peak_mb", "detail")} | {
            "target": r["case"]["target"],
            "steps": [s[:160] for s in r["case"]["steps"]],
        }

    summary = {
        "total": total,
        "percent": {k: round(100 * v / total, 1) for k, v in sorted(by_kind.items())} if total else {},
        "counts": dict(sorted(by_kind.items())),
        "by_family": by_family,
        "slowest": [brief(r) for r in worst],
        "largest": [brief(r) for r in fattest],
        "crash_sites": _crash_sites(rows),
    }
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    return summary


def _crash_sites(rows: list[dict]) -> dict[str, int]:
    sites: dict[str, int] = {}
    for row in rows:
        if row["kind"] in ("traceback", "memory", "hang", "unclean-message", "wrongly-accepted", "misattributed"):
            key = f"{row['kind']}: {row['detail'][:160]}"
            sites[key] = sites.get(key, 0) + 1
    return dict(sorted(sites.items(), key=lambda kv: -kv[1]))
