"""Scheduling: finding times the checker accepts. Today: a fix for each conflict that moving one of the
hub's own events resolves (`fixes`). The solver that suggests times and places a whole year lands here.

`check` is the checker as users meet it: every rule's conflicts, with the suggested fixes.
"""

from mh_planner.scheduling.fixes import check, check_hub, recheck, suggest_move, with_fixes

__all__ = ["check", "check_hub", "recheck", "suggest_move", "with_fixes"]
