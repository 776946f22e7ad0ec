"""Validated models of everything in `data/`: one module per kind of file, all names re-exported here.

    common     strict models, ids, times, timings and lengths as worded, the kinds of event
    year       `year/YYYY-YY.yaml`: terms, half-terms, bank holidays; closure days
    programme  `programme/*.yaml`, `roles.yaml`, `hubs.yaml`: the national programme
    plan       `plans/<hub>.yaml`: one hub's year

These mirror the YAML files one to one (see docs/data-format.md). They check each file on its own;
references between files (a work group's lead, an event id in `attends`) are checked by `loading`.
"""

from mh_planner.model.common import (
    ID_PATTERN,
    ONLINE,
    CadenceEvery,
    DateRange,
    EventKind,
    Id,
    LengthText,
    ProjectType,
    Required,
    Strict,
    TimeText,
    Weekday,
    WhenText,
    slug,
)
from mh_planner.model.plan import (
    CalendarImport,
    Confirmation,
    ImportAs,
    LocalEvent,
    MeetingPattern,
    Person,
    Plan,
    School,
    SessionDate,
    Shown,
    Travel,
    TravelTime,
    Venue,
    VisitDate,
    WorkGroup,
)
from mh_planner.model.programme import (
    Budget,
    Cadence,
    CentralEvent,
    ExchangeLeg,
    ExchangeStep,
    Hub,
    HubsFile,
    ProgrammeFile,
    Project,
    Role,
    RolesFile,
)
from mh_planner.model.year import Closure, Term, TermName, YearFile, check_terms

__all__ = [
    "ID_PATTERN",
    "ONLINE",
    "Budget",
    "Cadence",
    "CadenceEvery",
    "CalendarImport",
    "CentralEvent",
    "Closure",
    "Confirmation",
    "DateRange",
    "EventKind",
    "ExchangeLeg",
    "ExchangeStep",
    "Hub",
    "HubsFile",
    "Id",
    "ImportAs",
    "LengthText",
    "LocalEvent",
    "MeetingPattern",
    "Person",
    "Plan",
    "ProgrammeFile",
    "Project",
    "ProjectType",
    "Required",
    "Role",
    "RolesFile",
    "School",
    "SessionDate",
    "Shown",
    "Strict",
    "Term",
    "TermName",
    "TimeText",
    "Travel",
    "TravelTime",
    "Venue",
    "VisitDate",
    "Weekday",
    "WhenText",
    "WorkGroup",
    "YearFile",
    "check_terms",
    "slug",
]
