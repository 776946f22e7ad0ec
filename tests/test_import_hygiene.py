"""The domain does not know it has a UI: importing it must not pull in Textual."""

from __future__ import annotations

import subprocess
import sys

DOMAIN = [
    "mh_planner.model",
    "mh_planner.timing",
    "mh_planner.academic_year",
    "mh_planner.loader",
    "mh_planner.assemble",
    "mh_planner.conflicts",
    "mh_planner.rules",
    "mh_planner.report",
    "mh_planner.query",
    "mh_planner.cli",
    "mh_planner.editing",
    "mh_planner.feeds.export",
    "mh_planner.feeds.server",
]


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
