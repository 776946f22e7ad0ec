"""Editing a hub's plan: a session with undo, redo, previews and safe saves, over edits written as
minimal changes to the plan's YAML text.

    state    what a session holds at one moment; EditError, ChangedOnDisk
    edits    each kind of edit as YAML operations (series: a work group's meetings and visits)
    session  Planner: apply, undo/redo, preview ("check before you book"), save, reload
    changes  the edits a screen or a command asks for, as values (previewed, then applied)
"""

from mh_planner.editing.session import Planner
from mh_planner.editing.state import ChangedOnDisk, EditError

__all__ = ["ChangedOnDisk", "EditError", "Planner"]
