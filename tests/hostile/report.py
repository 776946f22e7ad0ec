"""Figures and one reproducer per failure site from a run's recorded outcomes.

python -m tests.hostile.report [OUT]      # OUT: the run's folder (default .hostile, or MH_HOSTILE_OUT)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tests.hostile.harness import OK_CLASSES, OUT, summarise


def site(row: dict) -> str:
    """What groups failures: the crash's innermost frame and exception, or the kind of acceptance."""
    detail = re.sub(r"\d+", "N", row["detail"])[:110]
    if row["kind"] in ("wrongly-accepted", "misattributed"):
        return f"{row['kind']}: {row['case']['family']} {' '.join(s.split()[0] for s in row['case']['steps'])}"
    if row["kind"] == "hang":
        return "hang"
    return f"{row['kind']}: {detail}"


def main(out: Path) -> None:
    summary = summarise(out)
    rows = [json.loads(line) for p in sorted(out.glob("outcomes-*.jsonl")) for line in p.read_text().splitlines()]
    print(f"{summary['total']} runs: " + ", ".join(f"{k} {v}%" for k, v in summary["percent"].items()))  # type: ignore[union-attr]
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row["kind"] not in OK_CLASSES:
            groups.setdefault(site(row), []).append(row)
    print("\n| n | site | smallest example | s (max) | MB (max) |\n|---|---|---|---|---|")
    for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        smallest = min(items, key=lambda r: (len(r["case"]["steps"]), len(" ".join(r["case"]["steps"]))))
        steps = "; ".join(s[:90] for s in smallest["case"]["steps"])
        example = f"{smallest['case']['target']}: {steps}".replace("|", "\\|")
        slow = max(r["seconds"] for r in items)
        big = max(r["peak_mb"] for r in items)
        print(f"| {len(items)} | {key.replace('|', '/')} | {example} | {slow} | {big:.0f} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
