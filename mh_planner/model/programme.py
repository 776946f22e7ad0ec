"""The national programme: `programme/NN-NN.yaml` (one project each), `roles.yaml`, `hubs.yaml`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from mh_planner.model.common import (
    MAX_COUNT,
    CadenceEvery,
    Day,
    Days,
    EventKind,
    FaceToFace,
    Id,
    LengthText,
    ProjectType,
    Required,
    Strict,
    TimeText,
    WhenText,
    YearLabel,
    within,
)
from mh_planner.problems import shorten


def _yaml_bool(value: Any) -> Any:
    # YAML 1.1 turns a bare yes/no into a bool.
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class CentralEvent(Strict):
    """An event run by the national programme, known by a date or only by a window."""

    id: Id
    title: str
    kind: EventKind
    when: WhenText | None = Field(default=None, description="timing exactly as the document words it")
    assume: WhenText | None = Field(
        default=None, description="a timing to plan with instead of `when`, where the document is doubtful"
    )
    date: Day | None = Field(default=None, description="confirmed start date (from the national calendar)")
    end_date: Day | None = None
    time: TimeText | None = Field(default=None, description="'10:00-16:00', 'twilight', or absent")
    length: LengthText | None = Field(default=None, description="as worded: '1 day', '1.5 days', '1 hour', 'twilight'")
    location: str | None = Field(default=None, description="a town, 'Online', or absent when not given")
    audience: list[Id] = Field(default_factory=list, description="role ids of who attends")
    audience_text: str | None = None
    series: str | None = Field(default=None, description="events of one series must run in `number` order")
    number: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    min_gap_days: int | None = Field(
        default=None, ge=0, le=366, description="gap-task time before the next of the series"
    )
    capacity: int | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="places at its venue, for the delegates of every hub"
    )
    per_hub: int | None = Field(
        default=None, ge=1, le=MAX_COUNT, description="delegates each hub may send (five to 19-07's)"
    )
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _dates(self) -> CentralEvent:
        if self.end_date is not None:
            if self.date is None:
                raise ValueError("end_date needs a date")
            within(366, self.date, self.end_date, ("date", "end_date"))
        return self

    @property
    def online(self) -> bool:
        return (self.location or "").lower() == "online"


class ExchangeStep(Strict):
    what: str
    date: Day
    end: Day | None = None
    text: str | None = Field(default=None, description="the date as the document words it")

    @model_validator(mode="after")
    def _ordered(self) -> ExchangeStep:
        within(366, self.date, self.end, ("date", "end"))
        return self


STEP_SLACK = dt.timedelta(days=7)  # a step may fall just outside its leg (the flight home lands the next day)


class Quota(Strict):
    """How many travellers of a role each hub taking part sends on an exchange leg (two Primary Mastery
    Specialists of Cohort 4)."""

    role: Id
    count: int = Field(ge=1, le=MAX_COUNT)
    cohorts: list[Annotated[int, Field(ge=0, le=MAX_COUNT)]] = Field(
        default_factory=list, description="only these cohorts (empty: any)"
    )


class Hosted(Strict):
    """A leg received in each hub at the school of one of its `role` travellers on another `leg` (the return
    leg: at the school of one of the hub's two primary specialists)."""

    leg: Id
    role: Id | None = Field(default=None, description="travellers of this role (none: any)")


class ExchangeLeg(Strict):
    """A fixed fortnight of the China-England exchange; everyone who takes part is away for all of it."""

    id: Id
    title: str
    start: Day
    end: Day
    origin: str
    destination: str
    travellers: str
    hosts: str | None = None
    audience: list[Id] = Field(default_factory=list)
    steps: list[ExchangeStep] = Field(default_factory=list)
    per_hub: list[Quota] = Field(default_factory=list, description="travellers each hub taking part sends")
    hosted: Hosted | None = Field(default=None, description="received in each hub at one of its travellers' schools")
    note: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> ExchangeLeg:
        within(366, self.start, self.end)
        for step in self.steps:
            if not self.start - STEP_SLACK <= step.date <= (step.end or step.date) <= self.end + STEP_SLACK:
                what = shorten(step.what)
                raise ValueError(f"the step {what} ({step.date}) is outside the leg ({self.start} to {self.end})")
        return self


class AppliesTo(Strict):
    """Which people of the role a budget is for (Mastery Specialists: a cohort, a year of their programme)."""

    cohort: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    programme_year: int | None = Field(default=None, ge=1, le=100)


class Budget(Strict):
    """Release days a role has for a project (e.g. 15 days supply cover for a specialist), counted from that
    project's events."""

    role: Id
    days: Days
    approximate: bool = False
    includes_central: bool | None = Field(
        default=None,
        description="true: the project's central events count towards the days; false: the days are in addition "
        "to them; absent: the catalogue does not say (going over is then a warning)",
    )
    limit: bool = Field(default=True, description="false: a commitment or an expectation, never 'over'")
    per_school: float | None = Field(
        default=None, gt=0, le=366, allow_inf_nan=False, description="days more (or fewer) for each school led ..."
    )
    for_schools: int | None = Field(default=None, ge=0, le=MAX_COUNT, description="... beyond this many")
    applies_to: AppliesTo | None = None
    derived: bool = Field(default=False, description="the number is a sum or a reading, not printed as such")
    breakdown: str | None = Field(default=None, description="the catalogue's words")
    note: str | None = None
    source: str | None = None

    @property
    def stated(self) -> bool:
        """Printed as an exact number that says whether central training counts: going over is an error."""
        return not self.approximate and not self.derived and self.includes_central is not None


class Cadence(Strict):
    """What the project asks of a hub's local activity, e.g. half-termly TRGs, a termly visit per school."""

    what: EventKind = EventKind.MEETING
    every: CadenceEvery | None = None
    per_school: bool = False
    min_sessions: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    max_sessions: int | None = Field(default=None, ge=1, le=MAX_COUNT)
    text: str | None = Field(default=None, description="the rule as the document words it")
    source: str | None = None


class Project(Strict):
    """One Network Collaborative Project: `data/programme/NN-NN.yaml`."""

    id: Id = Field(description="e.g. 19-09")
    code: str | None = Field(
        default=None, pattern=r"^NCP ?\d{2}-\d{2}$", description="e.g. 'NCP 19-09'; none where the documents give none"
    )
    title: str
    phase: str | None = None
    project_year: str | None = None
    type: ProjectType
    type_text: str | None = None
    required: Annotated[Required, BeforeValidator(_yaml_bool)]
    required_text: str | None = None
    roles: list[Id] = Field(default_factory=list)
    budgets: list[Budget] = Field(default_factory=list)
    cadence: list[Cadence] = Field(default_factory=list)
    events: list[CentralEvent] = Field(default_factory=list)
    exchange_legs: list[ExchangeLeg] = Field(default_factory=list)
    continues: list[Id] = Field(
        default_factory=list, description="ids of earlier years' projects it carries on (a new year's plan follows)"
    )
    new: bool = Field(default=False, description="marked NEW in the documents")
    see_also: list[Id] = Field(default_factory=list, description="related earlier projects (a reading, not a fact)")
    text: str | None = Field(default=None, description="the documents' description, verbatim")
    note: str | None = None
    source: str | None = None

    @property
    def label(self) -> str:
        """How messages name it: its code ('NCP 19-09'), else its id."""
        return self.code or self.id

    @property
    def heading(self) -> str:
        """'NCP 19-10 Primary TfM Embedding Work Groups': the code and the title, the code once, though a
        catalogue title may repeat it."""
        return self.title if self.title.startswith(self.label) else f"{self.label} {self.title}"


class Role(Strict):
    id: Id
    name: str
    abbreviation: str | None = None


class RolesFile(Strict):
    roles: list[Role]


class Hub(Strict):
    id: Id
    code: str | None = Field(default=None, description="e.g. EE2; hubs new in 2019 or 2020 have none yet")
    name: str
    region: str
    lead_schools: list[str] = Field(default_factory=list)
    started: str | None = None
    source: str | None = None


class HubsFile(Strict):
    hubs: list[Hub]


Cohort = Annotated[int, Field(ge=0, le=MAX_COUNT)]
ProgrammeYear = Annotated[int, Field(ge=1, le=100)]


class ProgrammeFile(Strict):
    """`programme/[YYYY-YY/]programme.yaml`: which academic year the programme is for."""

    year: YearLabel
    title: str
    source: str | None = None
    cohorts: dict[Id, dict[Cohort, ProgrammeYear]] = Field(
        default_factory=dict,
        description="role -> cohort -> its programme year this year (Mastery Specialists: Cohort 5 in year 1)",
    )
    cohorts_source: str | None = None
    face_to_face: FaceToFace | None = Field(
        default=None, description="no face-to-face hub meetings before this, nationally (a plan may say it too)"
    )
