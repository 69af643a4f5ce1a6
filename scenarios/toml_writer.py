"""Write a Scenario back as TOML, by hand: the format is small and fixed.

The standard library reads TOML but does not write it; a scenario only needs
strings, ints, floats, one table and two arrays of tables, so a few lines
here replace a dependency. What is written loads back to an equal Scenario.

The village lists only the parameters that differ from their defaults, or from
the village type's values when it names one (the other fifty-odd are in
`villageaid params`); intervention and shock entries
are written in full, so the file shows the whole schedule.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from ..sim.params import PARAMETER_INDEX

if TYPE_CHECKING:
    from .scenario import Scenario


def toml_value(value: Any) -> str:
    """A TOML literal for a str, int or finite float."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be written to a scenario file")
        return repr(value)  # always has '.' or an exponent, so it reads back as a float
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes; TOML also
        # forbids a raw DEL character, which JSON leaves alone.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    raise TypeError(f"{type(value).__name__} values are not written to scenario files")


def scenario_to_toml(scenario: Scenario) -> str:
    lines = [
        "# villageaid scenario: `villageaid validate FILE` checks it, "
        "`villageaid run --scenario FILE` runs it",
        f"name = {toml_value(scenario.name)}",
        f"description = {toml_value(scenario.description)}",
        f"years = {toml_value(scenario.years)}",
    ]
    # a village type's village is the starting point: [village] lists what differs
    base = {name: p.default for name, p in PARAMETER_INDEX.items()}
    if scenario.village_type is not None:
        from .village_types import VILLAGE_TYPES

        lines.append(f"village_type = {toml_value(scenario.village_type)}")
        base.update(VILLAGE_TYPES[scenario.village_type].params)
    # a village file sets residents and villages itself
    fixed = ("residents", "villages") if scenario.village is not None else ()
    changed = {name: value for name, value in scenario.params.as_dict().items()
               if value != base[name] and name not in fixed}
    if changed or scenario.village is not None:
        lines += ["", "[village]"]
        if scenario.village is not None:
            lines.append(f"path = {toml_value(scenario.village)}")
        lines += [f"{name} = {toml_value(value)}" for name, value in changed.items()]
    for kind, settings in scenario.interventions:
        lines += ["", "[[interventions]]", f"type = {toml_value(kind)}"]
        lines += [f"{key} = {toml_value(value)}" for key, value in settings.items()]
    for shock in scenario.shocks:
        lines += ["", "[[shocks]]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in shock.items()]
    return "\n".join(lines) + "\n"
