"""The hostile inputs named in issue 11, one case each, as regression tests and as a table for the catalogue.

python -m tests.hostile.known            # a markdown table: which cases still reproduce
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile.harness import PLAN, PROGRAMME, YEAR, Case, Outcome, classify, copy_data, record, run

EXCHANGE = f"{PROGRAMME}/19-02.yaml"


def edit(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def append(name: str, text: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        with open(data / name, "a", encoding="utf-8") as f:
            f.write(text)

    return apply


def _paste_event(copies: int, distinct: bool) -> Callable[[Path], None]:
    """The hub launch (ten people, one hall) pasted `copies` times, as a user would with copy and paste."""
    block = (
        "  - id: hub-launch{n}\n    title: Maths Hub launch conference 2019/20\n    date: 2019-09-25\n"
        '    time: "16:00-18:30"\n    venue: comberton-hall\n'
        "    people: [hmarsh, tashby, lbrown, pshah, dokafor, rgreen, spatel, mellis, gliu, oprice]\n"
    )
    pasted = "".join(block.format(n=f"-{i}" if distinct else "") for i in range(copies))
    return edit(
        PLAN, "\n# Dates the national Maths Hub calendar", "\n" + pasted + "\n# Dates the national Maths Hub calendar"
    )


def _bomb(levels: int = 9, width: int = 9) -> Callable[[Path], None]:
    lines = [f"lol0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    return edit(PLAN, "hub: ee2\n", "hub: ee2\n" + "\n".join(lines) + "\n")


def _fs(make: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / PLAN).unlink()
        make(data / PLAN)

    return apply


def _plans_is_a_file(data: Path) -> None:
    shutil.rmtree(data / "plans")
    (data / "plans").write_text("2019-20/ee2.yaml\n")


def _second_year_file(data: Path) -> None:
    text = (data / YEAR).read_text().replace("start: 2019-09-04", "start: 2019-09-02")
    (data / "year" / "2019-20-copy.yaml").write_text(text)


def _shift_year(data: Path) -> None:
    text = (data / YEAR).read_text()
    text = re.sub(r"\b(2019|2020)-(\d\d-\d\d)", lambda m: f"{int(m[1]) + 1}-{m[2]}", text.split("bank_holidays")[0])
    (data / YEAR).write_text(text)  # the year still says 2019/20; the terms are 2020/21's


def _unreadable(name: str) -> Callable[[Path], None]:
    return lambda data: (data / name).chmod(0)


def _nothing(data: Path) -> None:
    return None


# --- what a case expects beyond "clean or validly accepted" ----------------------------------------------


def lines_of(outcome: Outcome) -> list[str]:
    return [line for line in outcome.stderr.splitlines() if line.strip()]


def needs_line(outcome: Outcome) -> str | None:
    first = lines_of(outcome)[:1]
    return None if first and re.match(r"^[^:]+:\d+: ", first[0]) else f"no line number: {first}"


def no_python_repr(outcome: Outcome) -> str | None:
    bad = [line for line in lines_of(outcome) if "datetime.date(" in line]
    return f"Python repr in a field name: {bad[0][:120]}" if bad else None


def short_messages(outcome: Outcome) -> str | None:
    return None if outcome.stderr_bytes < 20_000 else f"{outcome.stderr_bytes} bytes of messages (the value echoed)"


def cause_first(outcome: Outcome) -> str | None:
    lines = lines_of(outcome)
    if lines and "roles.yaml" in lines[0] and len(lines) <= 10:
        return None
    where = next((i for i, line in enumerate(lines) if "roles.yaml" in line), None)
    return f"{len(lines)} lines; the missing roles.yaml is line {where if where is None else where + 1}"


def one_duplicate_problem(outcome: Outcome) -> str | None:
    lines = [line for line in lines_of(outcome) if "duplicate" in line]
    return None if len(lines) <= 2 else f"{len(lines)} duplicate-id lines for one pasted event"


def quick_usage_error(outcome: Outcome) -> str | None:
    return None if outcome.exit == 2 and outcome.stderr.strip() else f"exit {outcome.exit}"


@dataclass
class Known:
    name: str
    issue: str  # the issue's words
    target: str
    setup: Callable[[Path], None] = _nothing
    args: list[str] = field(default_factory=lambda: ["check"])
    must_reject: bool = True
    extra: Callable[[Outcome], str | None] | None = None
    timeout: float | None = None
    unprivileged: bool = False
    tty_less: bool = False  # run with no command: the TUI, without a terminal


KNOWN = [
    Known("programme-year", "`year: 19/20` in programme.yaml", f"{PROGRAMME}/programme.yaml",
          edit(f"{PROGRAMME}/programme.yaml", 'year: "2019/20"', "year: 19/20")),
    Known("closure-9999", "a closure ending 9999-12-31", PLAN,
          edit(PLAN, "closures:\n", "closures:\n  - {date: 2019-12-02, end: 9999-12-31}\n")),
    Known("event-0001", "an event on 0001-01-01", PLAN, edit(PLAN, "date: 2019-10-23", "date: 0001-01-01")),
    Known("length-99999999", "`length: 99999999 days`", EXCHANGE,
          edit(EXCHANGE, "    kind: webinar\n    when: dates to be provided\n",
               "    kind: workshop\n    date: 2019-10-02\n    length: 99999999 days\n")),
    Known("merge-5", "`<<: 5`", PLAN, edit(PLAN, "  - id: hmarsh\n", "  - id: hmarsh\n    <<: 5\n")),
    Known("bool-maybe", "`!!bool maybe`", PLAN, edit(PLAN, "hub: ee2", "hub: !!bool maybe")),
    Known("timestamp-soon", "`!!timestamp soon`", PLAN, edit(PLAN, "date: 2019-10-23", "date: !!timestamp soon")),
    Known("serve-port", "`serve --port 99999`", "", args=["serve", "--port", "99999"], extra=quick_usage_error),
    Known("billion-laughs", "a 13 KB plan of nested aliases", PLAN, _bomb()),
    Known("leg-0019", "an exchange leg starting `0019-11-09` (the step alone: next case)", EXCHANGE,
          edit(EXCHANGE, "    start: 2019-11-09", "    start: 0019-11-09")),
    Known("step-0019", "an exchange step dated `0019-11-09`", EXCHANGE,
          edit(EXCHANGE, "{what: Depart London, date: 2019-11-09", "{what: Depart London, date: 0019-11-09")),
    Known("paste-1000-same-id", "one event pasted 1,000 times (same id)", PLAN, _paste_event(1000, False),
          extra=one_duplicate_problem),
    Known("paste-1000-new-ids", "one event pasted 1,000 times (ids made unique)", PLAN, _paste_event(1000, True),
          must_reject=False),
    Known("attends-10mb", "a 10 MB `attends` pattern", PLAN,
          edit(PLAN, 'attends: ["19-07/*"]', 'attends: ["' + "19-0*" * 2_000_000 + '"]')),
    Known("no-terminal", "`mh-planner` with no terminal", "", args=[], tty_less=True, extra=quick_usage_error,
          timeout=10),
    Known("dangling-symlink", "a dangling symlink `plans/ee2.yaml`", PLAN, _fs(lambda p: p.symlink_to("gone.yaml"))),
    Known("plan-folder", "a folder named `plans/ee2.yaml`", PLAN, _fs(lambda p: p.mkdir())),
    Known("plan-fifo", "a FIFO named `plans/ee2.yaml`", PLAN, _fs(lambda p: os.mkfifo(p))),
    Known("upper-case", "an upper-case `.YAML`", PLAN, lambda d: (d / PLAN).rename((d / PLAN).with_suffix(".YAML"))),
    Known("plans-file", "`plans` being a file", "plans", _plans_is_a_file),
    Known("unreadable-year", "an unreadable year file", YEAR, _unreadable(YEAR), unprivileged=True),
    Known("second-year-file", "a second year file with the same `year:`", "year/2019-20-copy.yaml",
          _second_year_file),
    Known("year-shifted", "a year file whose terms are in another year", YEAR, _shift_year),
    Known("reversed-window", "`when: 2019-10-10 to 2019-10-01`", EXCHANGE,
          edit(EXCHANGE, "when: dates to be provided", "when: 2019-10-10 to 2019-10-01")),
    Known("step-end-before", "an exchange step ending before its date", EXCHANGE,
          edit(EXCHANGE, "date: 2019-11-11, end: 2019-11-21", "date: 2019-11-21, end: 2019-11-11")),
    Known("days-inf", "`days: .inf`", f"{PROGRAMME}/19-01.yaml",
          edit(f"{PROGRAMME}/19-01.yaml", "days: 15", "days: .inf")),
    Known("confirm-outside-year", "a confirmed date outside the academic year", PLAN,
          edit(PLAN, '"19-25/nw1": {date: 2019-10-15', '"19-25/nw1": {date: 2021-10-15')),
    Known("from-after-to", "`check --from 2020-01-01 --to 2019-09-01`", "",
          args=["check", "--from", "2020-01-01", "--to", "2019-09-01"], extra=quick_usage_error),
    Known("kind-nonsense", "`agenda --kind nonsense`", "", args=["agenda", "--kind", "nonsense"],
          extra=quick_usage_error),
    Known("control-char", "control characters reported with no line", PLAN,
          edit(PLAN, "title: Cambridge Maths Hub", "title: Cambridge\x01 Maths Hub"), extra=needs_line),
    Known("bank-holiday-repr", "field names like `bank_holidays.datetime.date(...)`", YEAR,
          edit(YEAR, "2019-12-25: Christmas Day", "2019-12-25: [Christmas Day]"), extra=no_python_repr),
    Known("echo-10mb", "10 MB values echoed back", PLAN, edit(PLAN, "hub: ee2", "hub: " + "X" * 10_000_000),
          extra=short_messages),
    Known("missing-roles", "a missing `roles.yaml`: the cause last", "roles.yaml",
          lambda d: (d / "roles.yaml").unlink(), extra=cause_first),
]  # fmt: skip


def run_known(case: Known) -> tuple[Outcome, str | None]:
    """Run one case; the outcome and, if the case is not handled as the issue asks, why."""
    with tempfile.TemporaryDirectory(prefix="mh-known-") as tmp:
        data = copy_data(Path(tmp))
        case.setup(data)
        args = [*case.args, "--data", data.name]  # with no command: the planner (the TUI) on that folder
        if case.args[:1] == ["serve"]:
            args += ["--out", str(Path(tmp) / "feeds")]
        family = "known" if case.target else "arguments"  # argparse's usage lines are fine for arguments
        harness_case = Case(family, case.target, [case.name], case.must_reject)
        kwargs = {"timeout": case.timeout} if case.timeout else {}
        code, seconds, peak, out, err, _, err_size = run(
            args, cwd=data.parent, unprivileged=case.unprivileged, **kwargs
        )
        outcome = classify(harness_case, code, seconds, peak, out, err)
        outcome.stderr_bytes = err_size
        record(harness_case, outcome, data)
    why = None if outcome.ok else f"{outcome.kind}: {outcome.detail}"
    if why is None and case.extra is not None:
        why = case.extra(outcome)
    return outcome, why


def main() -> int:
    only = set(sys.argv[1:])
    print("| case | issue says | reproduces? | outcome | exit | s | MB | detail |")
    print("|---|---|---|---|---|---|---|---|")
    for case in KNOWN:
        if only and case.name not in only:
            continue
        outcome, why = run_known(case)
        detail = (why or "").replace("|", "\\|").replace("\n", " ")[:160]
        print(
            f"| {case.name} | {case.issue} | {'yes' if why else 'no'} | {outcome.kind} | {outcome.exit} "
            f"| {outcome.seconds} | {outcome.peak_mb:.0f} | {detail} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
