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

from ..scenarios.errors import ScenarioError
from ..sim.streams import MAX_SEED
from ..scenarios.loader import (
    PRESETS, decode_toml, file_position, load_scenario, read_toml_bytes, toml_problem,
)
from ..scenarios.messages import describe, key_path, show, suggest
from ..scenarios.scenario import Scenario
from ..scenarios.schema import FORBID, NAME_PATTERN, NAME_RULE, YEARS, VillageSection, field_type
from ..sim.committee import WEEKS_PER_YEAR
from ..sim.interventions import INTERVENTIONS
from ..sim.params import PARAMETER_INDEX, Param, ParameterError

DESIGNS = ("grid", "lhs", "sobol", "morris")
SAMPLED = ("lhs", "sobol", "morris")
MAX_RUNS = 10_000_000


class SweepError(ScenarioError):
    """A sweep spec or result folder that cannot be used; one line per problem."""


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
POINTS = _setting("points", 3, "levels", 2, 1000,
                  "evenly spaced levels from low to high in a grid")

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
ENTRY_KEYS = ("name", "low", "high", "levels", "points")


@dataclass(frozen=True)
class Varied:
    """One parameter a sweep varies.

    `name` is as written in the spec: a model parameter (`grant`) or an
    intervention setting (`teams.team_size`); `param` holds its unit and range.
    A grid uses `levels` (given, or `points` evenly spaced from low to high);
    the sampled designs use `low` and `high`.
    """

    name: str
    param: Param
    low: float | int | None = None
    high: float | int | None = None
    levels: tuple | None = None
    points: int | None = None

    @property
    def intervention(self) -> str | None:
        return self.name.split(".", 1)[0] if "." in self.name else None

    @property
    def kind(self) -> type:
        return self.param.kind

    def as_dict(self) -> dict:
        entry = {"name": self.name}
        for key in ("low", "high", "points"):
            if getattr(self, key) is not None:
                entry[key] = getattr(self, key)
        if self.levels is not None:
            entry["levels"] = list(self.levels)
        return entry


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
    try:
        raw = read_toml_bytes(path, source, "sweep spec")
    except ScenarioError as err:
        raise SweepError(err.problems, source) from None
    return parse_spec(raw, source=source, base_dir=path.parent)


def parse_spec(content: bytes | str, source: str = "<spec>",
               base_dir: str | os.PathLike | None = None) -> SweepSpec:
    """Validate spec TOML text; a scenario file it names is read relative to base_dir."""
    try:
        text = decode_toml(content, source) if isinstance(content, bytes) else content
    except ScenarioError as err:
        raise SweepError(err.problems, source) from None
    if not text.strip():
        raise SweepError(['the file is empty; expected at least design = "..." and '
                          "one [[parameters]] table"], source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SweepError([toml_problem(err, text)], source) from None
    return spec_from_data(data, source, base_dir)


def spec_from_data(data: dict[str, Any], source: str = "<spec>",
                   base_dir: str | os.PathLike | None = None) -> SweepSpec:
    """Validate a parsed spec (a dict, as from tomllib); see the module docstring."""
    problems: list[tuple[tuple, str]] = []
    model = None
    try:
        model = SweepFile.model_validate(data)
    except ValidationError as err:
        problems += [(tuple(e["loc"]), _describe(e)) for e in err.errors()]
    top = {k: (getattr(model, k) if model else _clean(data, k)) for k in TOP_KEYS}
    design = top["design"]
    if isinstance(design, str) and design not in DESIGNS:
        problems.append((("design",), f"design: {show(design)} is not allowed; "
                         f"{suggest(design, DESIGNS)}expected one of {', '.join(DESIGNS)}"))
        design = None
    elif not isinstance(design, str):
        design = None
    scenario = _base_scenario(data, base_dir, problems)
    village = data.get("village", {})
    fixed = ({k: v for k, v in village.items() if k in PARAMETER_INDEX}
             if isinstance(village, dict) else {})
    years = top["years"] or (scenario.years if scenario else YEARS.default)
    varied = _parameters(data, scenario, design, fixed, problems)
    samples = top["samples"]
    if design is not None:
        problems += _design_problems(design, samples, varied, data)
    every = top["outputs"].timeseries_every if model else 0
    if model and every > years * WEEKS_PER_YEAR:
        problems.append((("outputs", "timeseries_every"),
                         f"outputs.timeseries_every: {every} is longer than the run; expected "
                         f"0 to {years * WEEKS_PER_YEAR} ({_count(years, 'year')})"))
    if model and top["seed"] + top["replicates"] - 1 > MAX_SEED:
        problems.append((("seed",), f"seed: {top['seed']} + {top['replicates']} replicates "
                         f"passes {MAX_SEED}; expected seed + replicates - 1 <= {MAX_SEED}"))
    if scenario is not None and model is not None and not problems:
        try:
            scenario = dataclasses.replace(
                scenario, params=scenario.params.replace(**fixed), years=years)
        except ParameterError as err:
            problems.append((("village",), f"village.{err}"))
    if problems or model is None or scenario is None:
        problems.sort(key=lambda p: file_position(data, p[0]))
        raise SweepError([line for _, line in problems], source)
    spec = SweepSpec(
        name=model.name or _default_name(source), description=model.description,
        scenario=scenario, scenario_ref=model.scenario, design=design,
        parameters=tuple(varied), years=years, replicates=model.replicates, seed=model.seed,
        samples=samples if design in SAMPLED else None, morris_levels=model.morris_levels,
        timeseries_every=every, source=source)
    if spec.total_runs > MAX_RUNS:
        raise SweepError([f"{spec.describe()}; expected at most {MAX_RUNS:,} runs: lower "
                          "samples, levels or replicates"], source)
    return spec


def _clean(data: dict, key: str) -> Any:
    """A top-level value as written, or its default, when pydantic rejected the file."""
    value = data.get(key, SweepFile.model_fields[key].default)
    return value


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _default_name(source: str) -> str:
    stem = Path(source).stem.lower()
    cleaned = "".join(c if c.isalnum() or c in "_-" else "_" for c in stem)[:64]
    return cleaned or "sweep"


def _describe(error: dict) -> str:
    """One line per pydantic error, with the sweep's own keys and ranges."""
    loc, kind, value = tuple(error["loc"]), error["type"], error.get("input")
    path = key_path(loc)
    p = FIELD_PARAMS.get(loc)
    expected = f"expected {p.range_text}" if p else ""
    if p and kind == "int_type":
        quoted = " (write numbers without quotes)" if _numeric_text(value) else ""
        return f"{path}: {show(value)} is not a whole number{quoted}; {expected}"
    if p and kind in ("greater_than_equal", "less_than_equal"):
        return f"{path}: {show(value)} is out of range; {expected}"
    if kind == "extra_forbidden" and len(loc) == 1:
        key = str(loc[0])
        hint = suggest(key, TOP_KEYS)
        if not hint and key in PARAMETER_INDEX:
            hint = "model parameters go under [village] (fixed) or [[parameters]] (varied); "
        return f"{key}: unknown key; {hint}expected one of {', '.join(TOP_KEYS)}"
    if kind == "extra_forbidden" and loc[0] == "outputs":
        key = str(loc[-1])
        return (f"{path}: unknown key; {suggest(key, ('timeseries_every',))}"
                "expected timeseries_every")
    if kind == "extra_forbidden" and loc == ("village", "path"):
        return ("village.path: a village file belongs in the base scenario; expected model "
                "parameters here (the scenario file named by `scenario` can set "
                "village = \"PATH\")")
    if kind == "dict_type" and loc == ("outputs",):
        return f"outputs: {show(value)} is not a table; expected an [outputs] table"
    if kind == "missing" and loc == ("design",):
        return f"design: missing; expected one of {', '.join(DESIGNS)}"
    if kind == "missing" and loc == ("parameters",):
        return ("parameters: missing; expected at least one [[parameters]] table with a name "
                "and low/high or levels")
    if kind == "string_pattern_mismatch" and loc == ("name",):
        return f"name: {show(value)} is not allowed; expected {NAME_RULE}"
    return describe(error)


def _numeric_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


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
    except ScenarioError as err:
        problems += [(("scenario",), f"scenario: {line}") for line in err.lines()]
        return None


def _parameters(data: dict, scenario: Scenario | None, design: str | None,
                fixed: dict, problems: list) -> list[Varied]:
    entries = data.get("parameters")
    if not isinstance(entries, list):
        return []
    if not entries:
        problems.append((("parameters",), "parameters: empty; expected at least one "
                         "[[parameters]] table with a name and low/high or levels"))
    varied, seen = [], {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue  # pydantic reports it
        where = f"parameters[{i}]"
        for key in entry:
            if key not in ENTRY_KEYS:
                problems.append(((("parameters", i, key)),
                                 f"{where}.{key}: unknown key; {suggest(key, ENTRY_KEYS)}"
                                 f"expected one of {', '.join(ENTRY_KEYS)}"))
        name = entry.get("name")
        if name is None:
            problems.append((("parameters", i, "name"), f"{where}.name: missing; expected a "
                             "model parameter (grant) or an intervention setting "
                             "(teams.team_size)"))
            continue
        if not isinstance(name, str):
            problems.append((("parameters", i, "name"),
                             f"{where}.name: {show(name)} is not text; expected a quoted name"))
            continue
        param = _lookup(name, scenario, where, problems, i)
        if param is None:
            continue
        if name in seen:
            problems.append((("parameters", i, "name"),
                             f"{where}.name: {show(name)} appears again (first as "
                             f"parameters[{seen[name]}]); expected each parameter once"))
            continue
        seen[name] = i
        if name in fixed:
            problems.append((("parameters", i, "name"),
                             f"{where}.name: {show(name)} is also set in [village]; expected "
                             "each parameter either fixed there or varied here"))
            continue
        entry_problems: list = []
        v = _entry(entry, param, name, design, where, i, entry_problems)
        problems += entry_problems
        if v is not None and not entry_problems:
            varied.append(v)
    return varied


def _lookup(name: str, scenario: Scenario | None, where: str, problems: list, i: int):
    loc = ("parameters", i, "name")
    if "." not in name:
        if name in PARAMETER_INDEX:
            return PARAMETER_INDEX[name]
        hint = suggest(name, tuple(PARAMETER_INDEX))
        problems.append((loc, f"{where}.name: {show(name)} is not a model parameter; {hint}"
                         "expected a name from `villageaid params`, or TYPE.SETTING for an "
                         "intervention setting"))
        return None
    kind, key = name.split(".", 1)
    if kind not in INTERVENTIONS:
        problems.append((loc, f"{where}.name: {show(name)}: {show(kind)} is not an "
                         f"intervention; {suggest(kind, tuple(INTERVENTIONS))}expected one of "
                         + ", ".join(INTERVENTIONS)))
        return None
    settings = {p.name: p for p in INTERVENTIONS[kind].settings()}
    if key not in settings:
        problems.append((loc, f"{where}.name: {show(name)}: {kind} has no setting "
                         f"{show(key)}; {suggest(key, tuple(settings))}expected one of "
                         + ", ".join(settings)))
        return None
    if scenario is not None and kind not in dict(scenario.interventions):
        present = ", ".join(k for k, _ in scenario.interventions) or "none"
        problems.append((loc, f"{where}.name: {show(name)}: scenario {scenario.name!r} has no "
                         f"{kind} intervention; expected a setting of one of its interventions "
                         f"({present}), or a scenario that switches {kind} on"))
        return None
    return settings[key]


def _value(value: Any, param: Param, label: str, path: str, loc: tuple,
           problems: list) -> float | int | None:
    """A bound or level checked against the parameter's own type and range."""
    rng = param.range_text
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        quoted = " (write numbers without quotes)" if _numeric_text(value) else ""
        problems.append((loc, f"{path}: {show(value)} is not a number{quoted}; expected "
                         f"{label} {rng}"))
        return None
    if param.kind is int and not isinstance(value, int):
        problems.append((loc, f"{path}: {show(value)} is not a whole number; {label} takes "
                         f"whole numbers {rng}"))
        return None
    if value != value or not param.low <= value <= param.high:
        problems.append((loc, f"{path}: {show(value)} is out of range for {label}; expected "
                         f"{rng}"))
        return None
    return param.kind(value)


def _entry(entry: dict, param: Param, name: str, design: str | None, where: str, i: int,
           problems: list) -> Varied | None:
    has_range = "low" in entry or "high" in entry
    has_levels = "levels" in entry
    loc = ("parameters", i)
    if has_range and has_levels:
        problems.append((loc + ("levels",), f"{where}: has both levels and low/high; expected "
                         "one or the other"))
        return None
    if not has_range and not has_levels:
        what = "levels = [...], or low, high and points" if design == "grid" else "low and high"
        problems.append((loc, f"{where}: {show(name)} has no range; expected {what}"))
        return None
    if has_levels:
        if design in SAMPLED:
            problems.append((loc + ("levels",), f"{where}.levels: design {design!r} samples "
                             "from ranges; expected low and high (levels are for a grid)"))
            return None
        levels = entry["levels"]
        if not isinstance(levels, list) or not levels:
            problems.append((loc + ("levels",), f"{where}.levels: {show(levels)} is not a "
                             "list of values; expected e.g. levels = [1, 2, 3]"))
            return None
        clean = [_value(v, param, name, f"{where}.levels[{k}]", loc + ("levels",), problems)
                 for k, v in enumerate(levels)]
        if None in clean:
            return None
        if len(set(clean)) != len(clean):
            problems.append((loc + ("levels",), f"{where}.levels: {show(levels)} repeats a "
                             "value; expected different levels"))
            return None
        if "points" in entry:
            problems.append((loc + ("points",), f"{where}.points: not used with levels; "
                             "expected either levels, or low, high and points"))
            return None
        return Varied(name, param, levels=tuple(clean))
    missing = [k for k in ("low", "high") if k not in entry]
    if missing:
        problems.append((loc + (missing[0],), f"{where}.{missing[0]}: missing; expected both "
                         f"low and high ({param.range_text})"))
        return None
    low = _value(entry["low"], param, name, f"{where}.low", loc + ("low",), problems)
    high = _value(entry["high"], param, name, f"{where}.high", loc + ("high",), problems)
    if low is None or high is None:
        return None
    if not low < high:
        problems.append((loc + ("low",), f"{where}: low {show(entry['low'])} is not below high "
                         f"{show(entry['high'])}; expected low < high"))
        return None
    points = entry.get("points")
    if design == "grid":
        if points is None:
            problems.append((loc + ("points",), f"{where}.points: missing; a grid over low..high "
                             f"needs points ({POINTS.low} to {POINTS.high} levels), or give "
                             "levels = [...]"))
            return None
        if isinstance(points, bool) or not isinstance(points, int):
            problems.append((loc + ("points",), f"{where}.points: {show(points)} is not a whole "
                             f"number; expected {POINTS.range_text}"))
            return None
        most = POINTS.high if param.kind is float else min(POINTS.high, high - low + 1)
        if not POINTS.low <= points <= most:
            problems.append((loc + ("points",), f"{where}.points: {points} is out of range; "
                             f"expected {POINTS.low} to {most} ({POINTS.unit} from {low} to "
                             f"{high})"))
            return None
        return Varied(name, param, low=low, high=high, points=points,
                      levels=tuple(grid_levels(param, low, high, points)))
    if points is not None:
        problems.append((loc + ("points",), f"{where}.points: not used by design {design!r}; "
                         "expected only low and high (samples sets the design's size)"))
        return None
    return Varied(name, param, low=low, high=high)


def grid_levels(param: Param, low, high, points: int) -> list:
    """`points` evenly spaced values from low to high (whole numbers for an int parameter)."""
    step = (high - low) / (points - 1)
    values = [low + k * step for k in range(points - 1)] + [high]
    if param.kind is int:
        return [int(round(v)) for v in values]
    return [float(v) for v in values]


def _design_problems(design: str, samples: int | None, varied: list, data: dict) -> list:
    problems = []
    if design in SAMPLED and samples is None and "samples" not in data:
        what = {"lhs": "design points", "sobol": "base samples N (a power of 2; runs = N x "
                "(parameters + 2) x replicates)",
                "morris": "trajectories r (runs = r x (parameters + 1) x replicates)"}[design]
        problems.append((("samples",), f"samples: missing; design {design!r} needs the number "
                         f"of {what}"))
    if design == "grid" and "samples" in data:
        problems.append((("samples",), "samples: not used by design 'grid'; expected each "
                         "parameter's levels, or low, high and points"))
    if design == "sobol" and isinstance(samples, int) and samples & (samples - 1):
        problems.append((("samples",), f"samples: {samples} is not a power of 2; expected 2, 4, "
                         "8, 16, ... for design 'sobol' (Saltelli's scheme)"))
    if design == "sobol" and samples == 1:
        problems.append((("samples",), "samples: 1 is too few; expected at least 2 for design "
                         "'sobol'"))
    if design != "morris" and "morris_levels" in data:
        problems.append((("morris_levels",), f"morris_levels: not used by design {design!r}; "
                         "expected it only with design = \"morris\""))
    return problems
