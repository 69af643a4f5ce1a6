"""The checks a scenario's settings must pass, on the data itself: the schema
(pydantic, built from the model's own Param definitions) and the cross-field rules
(checks.py). A scenario file, the dashboard's settings and `Scenario.problems` all
run these same checks; a file's village path is read by the loader, not here."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..problems import Problem
from .checks import cross_field_problems
from .messages import describe
from .schema import ScenarioFile


def data_problems(data: dict[str, Any]) -> tuple[ScenarioFile | None, list[Problem]]:
    """The validated settings (None when the schema refuses them) and every problem."""
    problems: list[Problem] = []
    model = None
    try:
        model = ScenarioFile.model_validate(data)
    except ValidationError as err:
        problems += [describe(e) for e in err.errors()]
    problems += cross_field_problems(data)
    return model, problems
