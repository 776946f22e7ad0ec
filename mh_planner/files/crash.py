"""A report of an unexpected exception (a bug in the planner, never a problem with the data), for people to
send in: written to a file in the user's state folder, owner-only, and named in one line on screen.

It holds where the code was (each frame's file, line, function and source line) and the exception's type,
never local variables, arguments or the exception's message: those may carry the data set, private fields
included. `mh-planner` exits with `EXIT_SOFTWARE` after writing one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

from mh_planner.problems import InvalidData, Problems

EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: an internal software error
REPORT_MODE = 0o600


def state_folder() -> Path:
    """Where reports go: $XDG_STATE_HOME/mh-planner (default ~/.local/state/mh-planner)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "mh-planner"


def report_text(exc: BaseException, where: str) -> str:
    """The report: versions, what was running, and every frame of every exception in the chain."""
    from mh_planner import __version__

    lines = [
        f"mh-planner {__version__}: unexpected {type(exc).__name__} in {where}",
        f"when: {dt.datetime.now().isoformat(timespec='seconds')}",
        f"python {platform.python_version()} on {platform.system()} {platform.release()}",
        "",
        "Where (innermost last). No values are recorded: not the exception's message, nor any variable.",
    ]
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for n, item in enumerate(reversed(chain)):
        if n:
            lines.append("  ... which led to:")
        lines.append(f"  {type(item).__module__}.{type(item).__qualname__}")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f'    File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"      {frame.line.strip()}")
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """A source file's path from the package (or the library) on: the user's folders are not the point."""
    for marker in ("/mh_planner/", "/site-packages/", "/lib/python"):
        if marker in filename:
            return marker.strip("/") + "/" + filename.split(marker, 1)[1]
    return os.path.basename(filename)


def write_report(exc: BaseException, where: str) -> Path | None:
    """Write the report owner-only; its path, or None if no folder would take it."""
    text = report_text(exc, where).encode("utf-8")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (state_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"crash-{stamp}-{os.getpid()}.txt"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, REPORT_MODE)
            with os.fdopen(fd, "wb") as f:
                f.write(text)
            return path
        except OSError:
            continue
    return None


def crash_line(exc: BaseException, where: str) -> str:
    """Write the report and say, in one line for the terminal, what happened and where the report is."""
    path = write_report(exc, where)
    report = f"a report is in {path}" if path else "no report could be written"
    return (
        f"mh-planner: internal error ({type(exc).__name__}): this is a bug, not a problem with your data; "
        f"{report} (it holds no data values) — please send it in (exit {EXIT_SOFTWARE})"
    )


def print_crash(exc: BaseException, where: str) -> int:
    """For the command line: the one line on stderr; the exit status."""
    print(crash_line(exc, where), file=sys.stderr)
    return EXIT_SOFTWARE



@contextlib.contextmanager
def loading_problems(data: str) -> Iterator[None]:
    """Around a load: InvalidData passes; any other failure becomes the one problem the planner shows instead
    of a traceback: a file that cannot be read (an OSError), or a bug met on this data (its report written
    and named)."""
    try:
        yield
    except InvalidData:
        raise
    except OSError as exc:
        raise InvalidData(_one(str(exc.filename or data), exc.strerror or str(exc))) from exc
    except Exception as exc:
        raise InvalidData(_one(data, crash_line(exc, "loading the data"))) from exc


def _one(file: str, message: str) -> Problems:
    """One problem about a whole file, shortened and escaped as every problem is (`Problems.add`)."""
    problems = Problems()
    problems.add(file, None, "", message)
    return problems
