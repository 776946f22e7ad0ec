"""The command line, and the only code that knows about it: argument parsing, exit codes, loading with
problems reported, printing. Each command is a thin shell over the same domain functions the TUI uses.

    main             the parser and `main()`
    common           exit codes, load-or-report, filters
    report_commands  check, agenda, schema, tui
    feed_commands    export, serve
"""

from mh_planner.cli.main import main

__all__ = ["main"]
