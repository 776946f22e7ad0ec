"""Loading a data folder: every file read and validated, references across files checked.

dataset     Dataset, PlanFile: what a loaded folder holds
validate    one file against its model; problems in words for people
references  checks across files, as free functions (the loader's and editing's)
entries     what a folder holds instead of a readable data file (a dangling link, a FIFO, a .YAML): problems
span        every date and timing window near the academic year
folder      the walk over a folder: `load`
"""

from mh_planner.loading.dataset import Dataset, PlanFile
from mh_planner.loading.folder import load
from mh_planner.loading.references import check_references
from mh_planner.loading.validate import salvage, validate
from mh_planner.problems import InvalidData

__all__ = ["Dataset", "InvalidData", "PlanFile", "check_references", "load", "salvage", "validate"]
