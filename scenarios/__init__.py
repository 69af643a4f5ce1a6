"""Scenarios: a village, interventions and shocks, named and kept in a TOML file.

    from villageaid.scenarios import load_scenario
    result = load_scenario("teams_incentives").run(seed=1)

`load_scenario` takes a preset name (PRESETS, files in scenarios/presets/) or
a path; a bad file raises ScenarioError listing every problem, one line each.
The presets show the file format; its schema (schema.py) is built from the
same Param definitions as the model, so ranges and defaults are never restated.
"""

from .errors import ScenarioError
from .loader import (PRESETS, list_presets, load_preset, load_scenario, parse_scenario,
                     read_scenario_file, scenario_from_data)
from .scenario import Scenario

__all__ = ["PRESETS", "Scenario", "ScenarioError", "list_presets", "load_preset",
           "load_scenario", "parse_scenario", "read_scenario_file", "scenario_from_data"]
