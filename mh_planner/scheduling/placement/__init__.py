"""The placement core: find times for sessions (`suggest`) and place a whole year (`place`), explaining
infeasibility in a few named constraints. It knows nothing of the planner: `scheduling.problem` adapts the
assembled calendar into its types, and every answer is verified by the checker's rules before it is shown.
The solver (OR-Tools CP-SAT) is imported only when `place` runs.

    types    the input (Slot, Session, Busy, Window, Person, Venue, Travel, Weights, Problem) and the results
    costs    what rules a slot out whatever else happens, the soft penalty of a slot with its reasons, `score`
    program  a solver-neutral 0-1 program; cpsat: the CP-SAT backend (deterministic: one worker, fixed seed)
    suggest  proposals for one session (an exact enumeration, no solver); why_not
    place    the whole placement, or an explanation (CP-SAT's core, shrunk by a deletion filter)
    explain  explanations in words, and those that need no solver
"""

from mh_planner.scheduling.placement.costs import score
from mh_planner.scheduling.placement.place import place
from mh_planner.scheduling.placement.suggest import suggest, why_not
from mh_planner.scheduling.placement.types import (
    Busy,
    Constraint,
    Explanation,
    Person,
    Placement,
    Problem,
    Proposal,
    Session,
    Slot,
    Travel,
    Venue,
    Weights,
    Window,
    make_slots,
)

__all__ = [
    "Busy", "Constraint", "Explanation", "Person", "Placement", "Problem", "Proposal", "Session", "Slot",
    "Travel", "Venue", "Weights", "Window", "make_slots", "place", "score", "suggest", "why_not",
]  # fmt: skip
