"""The JSON Schema of each data file, for editors and for `mh-planner schema`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mh_planner.model import HubsFile, Plan, ProgrammeFile, Project, RolesFile, TermDatesFile, YearFile

FILES: dict[str, type[BaseModel]] = {
    "plan": Plan,
    "project": Project,
    "programme": ProgrammeFile,
    "year": YearFile,
    "term-dates": TermDatesFile,
    "hubs": HubsFile,
    "roles": RolesFile,
}


def json_schema(which: str = "all") -> dict[str, Any]:
    if which == "all":
        return {name: model.model_json_schema() for name, model in FILES.items()}
    return FILES[which].model_json_schema()
