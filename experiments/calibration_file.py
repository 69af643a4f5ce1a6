"""The shape of a calibration spec file: its pydantic schema and key tables.

pydantic checks a spec's TOML against these models (strict types, no unknown
keys); the rules that depend on the registries (a parameter's own range, a
metric's name and bounds) are in experiments/calibration_spec.py, which reads
and validates the file. The [calibration] settings (trials, replicates, seed)
are Params, so a value out of range is reported with its range like a model
parameter's.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, Strict

from ..scenarios.schema import FORBID, YEARS, VillageSection, field_type
from ..sim.params import Param
from ..sim.streams import MAX_SEED


def _setting(name, default, unit, low, high, doc) -> Param:
    return Param(name, default, unit, low, high, "calibration spec", doc, group="calibration")


TRIALS = _setting("trials", 40, "trials", 1, 100_000, "Optuna trials in the study")
REPLICATES = _setting("replicates", 4, "runs per trial", 1, 10_000,
                      "replicates per trial; replicate i runs with seed + i in every trial")
SEED = _setting("seed", 0, "integer", 0, MAX_SEED,
                "seed of replicate 0 and of the sampler")
# The Param whose range a pydantic error at a [calibration] key quotes.
FIELD_PARAMS: dict[tuple, Param] = {("calibration", p.name): p
                                    for p in (YEARS, TRIALS, REPLICATES, SEED)}

Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Text = Annotated[str, Strict()]


class CalibrationSection(BaseModel):
    """[calibration]: the study's size, seeds, and the village every run uses."""

    model_config = FORBID
    years: field_type(YEARS) | None = None  # type: ignore[valid-type]
    replicates: field_type(REPLICATES) = REPLICATES.default  # type: ignore[valid-type]
    trials: field_type(TRIALS) = TRIALS.default  # type: ignore[valid-type]
    seed: field_type(SEED) = SEED.default  # type: ignore[valid-type]
    scenario: Text | None = None
    village: Text | None = None
    params: VillageSection = Field(default_factory=VillageSection)  # type: ignore[valid-type]


class ParameterEntry(BaseModel):
    model_config = FORBID
    name: Text
    low: Number
    high: Number


class TargetEntry(BaseModel):
    model_config = FORBID
    metric: Text
    value: Number
    tolerance: Number
    source: Text = ""


class CalibrationFile(BaseModel):
    model_config = FORBID
    calibration: CalibrationSection = Field(default_factory=CalibrationSection)
    parameter: list[ParameterEntry]
    target: list[TargetEntry]


# The keys each table allows (quoted when a key is unknown), and the problem
# code for a [[parameter]] or [[target]] list that is missing.
SECTION_KEYS = tuple(CalibrationSection.model_fields)
TABLE_KEYS = {(): tuple(CalibrationFile.model_fields), ("calibration",): SECTION_KEYS,
              ("parameter",): tuple(ParameterEntry.model_fields),
              ("target",): tuple(TargetEntry.model_fields)}
MISSING_LISTS = {"parameter": "missing_calibration_parameters", "target": "missing_targets"}
