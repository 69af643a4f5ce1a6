"""A sweep specification: a base scenario, the parameters to vary, a design.

A spec is a TOML file, validated like a scenario file: every problem is
reported at once, one line each, naming the key, the value and what is
allowed (a `SweepError`, which the CLI prints and exits 2 on).

    name = "budget_and_teams"
    scenario = "teams"            # a preset name, or a scenario file (relative to this file)
    years = 2                     # default: the scenario's
    design = "sobol"              # grid, lhs, sobol or morris
    samples = 64                  # lhs: points; sobol: base samples N; morris: trajectories
    replicates = 3                # replicate i of every point runs with seed + i
    seed = 0

    [village]                     # fixed model parameters for every run
    residents = 400

    [outputs]
    timeseries_every = 4          # 0 (default): summary metrics only

    [[parameters]]
    name = "grant"                # any model parameter
    low = 20000.0
    high = 120000.0

    [[parameters]]
    name = "teams.team_size"      # an intervention setting: TYPE.SETTING
    low = 4
    high = 20

A grid takes `levels = [...]` or `low`, `high` and `points` for each
parameter; the sampled designs take `low` and `high`. Ranges must lie inside
the parameter's own range (`villageaid params`, docs/ODD.md). The pydantic
models reuse the scenario schema's strict field types and its [village]
table, and the messages reuse scenarios.messages.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, Strict, ValidationError

from ..problems import Phrase, Problem, ProblemError
from ..sim.streams import MAX_SEED
from ..scenarios.loader import (
    PRESETS, decode_toml, file_position, load_scenario, read_toml_bytes, toml_problem,
)
from ..scenarios.messages import describe, suggest
from ..scenarios.scenario import Scenario
from ..scenarios.schema import (FORBID, NAME_PATTERN, YEARS, VillageSection, field_type,
                                param_at)
from ..sim.committee import WEEKS_PER_YEAR
from ..sim.params import PARAMETER_INDEX, Param
from .spec_parameters import (  # noqa: F401 (POINTS, grid_levels: part of this API)
    POINTS, SAMPLED, Varied, design_problems, grid_levels, parameters,
)

DESIGNS = ("grid", "lhs", "sobol", "morris")
MAX_RUNS = 10_000_000


# A sweep spec or result folder that cannot be used: the one error of every checker.
SweepError = ProblemError


def _setting(name, default, unit, low, high, doc) -> Param:
    return Param(name, default, unit, low, high, "sweep spec", doc, group="sweep")


REPLICATES = _setting("replicates", 1, "runs per design point", 1, 10_000,
                      "replicates per design point; replicate i runs with seed + i")
SAMPLES = _setting("samples", 16, "samples", 1, 1_000_000,
                   "lhs: design points; sobol: base samples N (N x (parameters + 2) "
                   "points); morris: trajectories r (r x (parameters + 1) points)")
SEED = _setting("seed", 0, "integer", 0, MAX_SEED,
                "seed of replicate 0 and of the design's sampler")
MORRIS_LEVELS = _setting("morris_levels", 4, "levels", 2, 100,
                         "grid levels of a Morris design (even numbers work best)")
TIMESERIES_EVERY = _setting("timeseries_every", 0, "weeks", 0, 100 * WEEKS_PER_YEAR,
                            "keep the main curves every this many weeks (0: summary only)")
# Location in the file -> the Param whose range and unit its messages quote.
FIELD_PARAMS: dict[tuple, Param] = {
    ("years",): YEARS, ("replicates",): REPLICATES, ("samples",): SAMPLES, ("seed",): SEED,
    ("morris_levels",): MORRIS_LEVELS, ("outputs", "timeseries_every"): TIMESERIES_EVERY,
}


class OutputsSection(BaseModel):
    """[outputs]: what each run keeps besides its summary metrics."""

    model_config = FORBID
    timeseries_every: field_type(TIMESERIES_EVERY) = 0  # type: ignore[valid-type]


class SweepFile(BaseModel):
    """The top level of a sweep spec; [[parameters]] entries are checked by hand,
    because what each accepts depends on the parameter it names."""

    model_config = FORBID
    name: Annotated[str, Strict(), Field(pattern=NAME_PATTERN)] | None = None
    description: Annotated[str, Strict(), Field(max_length=500)] = ""
    scenario: Annotated[str, Strict()] = "baseline"
    years: field_type(YEARS) | None = None  # type: ignore[valid-type]
    design: Annotated[str, Strict()]
    samples: field_type(SAMPLES) | None = None  # type: ignore[valid-type]
    replicates: field_type(REPLICATES) = 1  # type: ignore[valid-type]
    seed: field_type(SEED) = 0  # type: ignore[valid-type]
    morris_levels: field_type(MORRIS_LEVELS) = 4  # type: ignore[valid-type]
    village: VillageSection = Field(default_factory=VillageSection)  # type: ignore[valid-type]
    outputs: OutputsSection = Field(default_factory=OutputsSection)
    parameters: list[dict[str, Any]]


TOP_KEYS = tuple(SweepFile.model_fields)


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: `load_spec(path)` or `parse_spec(text)` make one.

    `scenario` is the base scenario with the [village] values applied and
    `years` set, so it runs as is; `parameters` are the varied ones.
    """

    name: str
    scenario: Scenario
    design: str
    parameters: tuple[Varied, ...]
    years: int
    replicates: int = 1
    seed: int = 0
    samples: int | None = None
    morris_levels: int = 4
    timeseries_every: int = 0
    description: str = ""
    scenario_ref: str = "baseline"
    source: str = "<spec>"

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parameters]

    @property
    def n_points(self) -> int:
        return design_size(self.design, self.parameters, self.samples)

    @property
    def total_runs(self) -> int:
        return self.n_points * self.replicates

    def fingerprint(self) -> dict:
        """Everything that decides the runs and their results (not the name or source):
        a folder's runs belong to a spec exactly when the fingerprints are equal."""
        return {
            "scenario": self.scenario.to_toml(),
            "params": self.scenario.params.as_dict(),  # every value, defaults included
            "years": self.years,
            "design": self.design,
            "samples": self.samples,
            "replicates": self.replicates,
            "seed": self.seed,
            "morris_levels": self.morris_levels if self.design == "morris" else None,
            "timeseries_every": self.timeseries_every,
            "parameters": [p.as_dict() for p in self.parameters],
        }

    def describe(self) -> str:
        d = len(self.parameters)
        if self.design == "grid":
            shape = " x ".join(str(len(p.levels)) for p in self.parameters)
        elif self.design == "sobol":
            shape = f"{self.samples} x ({d} + 2)"
        elif self.design == "morris":
            shape = f"{self.samples} trajectories x ({d} + 1)"
        else:
            shape = str(self.samples)
        last = self.seed + self.replicates - 1
        seeds = f"seed {self.seed}" if last == self.seed else f"seeds {self.seed}..{last}"
        return (f"design {self.design}: {shape} = {self.n_points} points x {self.replicates} "
                f"replicate{'s' if self.replicates != 1 else ''} = {self.total_runs} runs "
                f"({seeds}), {self.years} year{'s' if self.years != 1 else ''} each")


def design_size(design: str, parameters, samples: int | None) -> int:
    d = len(parameters)
    if design == "grid":
        return math.prod(len(p.levels) for p in parameters)
    if design == "sobol":
        return samples * (d + 2)
    if design == "morris":
        return samples * (d + 1)
    return samples


# ------------------------------------------------------------------------ reading
def load_spec(path: str | os.PathLike) -> SweepSpec:
    """Read and validate a sweep spec file; a bad one raises SweepError (every problem)."""
    path = Path(path)
    source = os.fspath(path)
    raw = read_toml_bytes(path, source, "sweep spec")
    return parse_spec(raw, source=source, base_dir=path.parent)


def parse_spec(content: bytes | str, source: str = "<spec>",
               base_dir: str | os.PathLike | None = None) -> SweepSpec:
    """Validate spec TOML text; a scenario file it names is read relative to base_dir."""
    text = decode_toml(content, source) if isinstance(content, bytes) else content
    if not text.strip():
        raise SweepError([Problem("empty_spec")], source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SweepError([toml_problem(err, text)], source) from None
    return spec_from_data(data, source, base_dir)


def spec_from_data(data: dict[str, Any], source: str = "<spec>",
                   base_dir: str | os.PathLike | None = None) -> SweepSpec:
    """Validate a parsed spec (a dict, as from tomllib); see the module docstring."""
    problems: list[Problem] = []
    model = None
    try:
        model = SweepFile.model_validate(data)
    except ValidationError as err:
        problems += [_describe(e) for e in err.errors()]
    top = {k: (getattr(model, k) if model else _clean(data, k)) for k in TOP_KEYS}
    design = top["design"]
    if isinstance(design, str) and design not in DESIGNS:
        problems.append(Problem("not_allowed", "design", design,
                                {"hint": suggest(design, DESIGNS), "names": ", ".join(DESIGNS)},
                                loc=("design",)))
        design = None
    elif not isinstance(design, str):
        design = None
    scenario = _base_scenario(data, base_dir, problems)
    village = data.get("village", {})
    fixed = ({k: v for k, v in village.items() if k in PARAMETER_INDEX}
             if isinstance(village, dict) else {})
    years = top["years"] or (scenario.years if scenario else YEARS.default)
    varied = parameters(data, scenario, design, fixed, problems)
    samples = top["samples"]
    if design is not None:
        problems += design_problems(design, samples, varied, data)
    every = top["outputs"].timeseries_every if model else 0
    if model and every > years * WEEKS_PER_YEAR:
        span = Phrase("years_one" if years == 1 else "years_many", years=years)
        problems.append(Problem("longer_than_run", "outputs.timeseries_every", every,
                                {"most": years * WEEKS_PER_YEAR, "span": span},
                                loc=("outputs", "timeseries_every")))
    if model and top["seed"] + top["replicates"] - 1 > MAX_SEED:
        problems.append(Problem("seed_overflow", "seed", top["seed"],
                                {"replicates": top["replicates"], "most": MAX_SEED},
                                loc=("seed",)))
    if scenario is not None and model is not None and not problems:
        try:
            scenario = dataclasses.replace(
                scenario, params=scenario.params.replace(**fixed), years=years)
        except ProblemError as err:
            problems += [p.within("village").with_(loc=("village",)) for p in err.problems]
    if problems or model is None or scenario is None:
        problems.sort(key=lambda p: file_position(data, p.loc))
        raise SweepError(problems, source)
    spec = SweepSpec(
        name=model.name or _default_name(source), description=model.description,
        scenario=scenario, scenario_ref=model.scenario, design=design,
        parameters=tuple(varied), years=years, replicates=model.replicates, seed=model.seed,
        samples=samples if design in SAMPLED else None, morris_levels=model.morris_levels,
        timeseries_every=every, source=source)
    if spec.total_runs > MAX_RUNS:
        raise SweepError([Problem("too_many_runs", facts={"design": spec.describe(),
                                                          "most": MAX_RUNS})], source)
    return spec


def _clean(data: dict, key: str) -> Any:
    """A top-level value as written, or its default, when pydantic rejected the file."""
    value = data.get(key, SweepFile.model_fields[key].default)
    return value


def _default_name(source: str) -> str:
    stem = Path(source).stem.lower()
    cleaned = "".join(c if c.isalnum() or c in "_-" else "_" for c in stem)[:64]
    return cleaned or "sweep"


def _describe(error: dict) -> Problem:
    """The Problem for one pydantic error, with the sweep's own keys and ranges."""
    loc, kind = tuple(error["loc"]), error["type"]
    problem = describe(error, lambda at: FIELD_PARAMS.get(at) or param_at(at))
    if kind == "extra_forbidden" and len(loc) == 1:
        key = str(loc[0])
        hint = suggest(key, TOP_KEYS)
        if not hint and key in PARAMETER_INDEX:
            hint = Phrase("params_in_sweep")
        return problem.with_(facts={"hint": hint,
                                    "listed": Phrase("one_of", names=", ".join(TOP_KEYS))})
    if kind == "extra_forbidden" and loc == ("village", "path"):
        return Problem("village_file_in_spec", "village.path", loc=loc)
    if kind == "extra_forbidden" and loc[0] == "outputs":
        return problem.with_(facts={"hint": suggest(str(loc[-1]), ("timeseries_every",)),
                                    "listed": Phrase("only", names="timeseries_every")})
    if kind == "dict_type" and loc == ("outputs",):
        return problem.with_(facts={"table": Phrase("outputs_table")})
    if kind == "missing" and loc == ("design",):
        return Problem("missing_one_of", "design", facts={"names": ", ".join(DESIGNS)}, loc=loc)
    if kind == "missing" and loc == ("parameters",):
        return Problem("missing_parameters", "parameters", loc=loc)
    return problem


def _base_scenario(data: dict, base_dir, problems: list) -> Scenario | None:
    ref = data.get("scenario", "baseline")
    if not isinstance(ref, str):
        return None  # pydantic reports it
    target: str | Path = ref
    if ref not in PRESETS and base_dir is not None and not Path(ref).is_absolute():
        candidate = Path(base_dir) / ref
        if candidate.exists() or Path(ref).suffix:
            target = candidate
    try:
        return load_scenario(target)
    except ProblemError as err:
        where = f"scenario: {err.source}" if err.prefixed else "scenario"
        problems += [p.within(where, ": ").with_(loc=("scenario",)) for p in err.problems]
        return None
