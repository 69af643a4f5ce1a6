"""A calibration spec: which model parameters are uncertain, which patterns to fit.

A spec is a TOML file, validated like a scenario file or a sweep spec: pydantic
checks its shape (experiments/calibration_file.py: strict types, no unknown keys), the
rules here check what depends on the registries (a parameter's own range, a metric's
name and bounds), and every problem is reported at once, one line each, naming the key,
the value and what was expected (a ProblemError, which the CLI prints and exits 2 on).

    [calibration]
    years = 10                  # default: the scenario's (10)
    replicates = 4              # replicate i of every trial runs with seed + i
    trials = 40                 # Optuna trials (TPE)
    seed = 0                    # seeds the replicates and the sampler
    # scenario = "teams"        # optional: a preset or scenario file (relative to this
    #                           # file); default: the default village, no shocks
    # village = "villages/x"    # optional: a village file to run instead

    [calibration.params]        # fixed model parameters for every run
    residents = 400

    [[parameter]]               # an uncertain model parameter and the range searched,
    name = "willing_share"      # inside the parameter's own range (`villageaid params`)
    low = 0.80
    high = 0.97

    [[target]]                  # a headline metric of one run (sim/outcomes.py)
    metric = "willing"
    value = 0.87
    tolerance = 0.05            # the distance's scale, and how close counts as a fit
    source = "Chinese surveys, 2023"
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..problems import Phrase, Problem, ProblemError, show
from ..scenarios.loader import (PRESETS, decode_toml, file_position, load_scenario,
                                read_toml_bytes, toml_problem)
from ..scenarios.messages import describe, suggest
from ..scenarios.scenario import Scenario
from ..scenarios.schema import YEARS
from ..sim.outcomes import METRICS, RUN_METRICS
from ..sim.params import PARAMETER_INDEX, Param
from ..sim.streams import MAX_SEED
from .calibration_file import (FIELD_PARAMS, MISSING_LISTS, REPLICATES, SEED, TABLE_KEYS,
                               TRIALS, CalibrationFile, CalibrationSection)

# A calibration spec that cannot be used: the one error of every checker.
CalibrationError = ProblemError

# A metric that has no value in a shorter run: drop-out is measured between years.
LEAST_YEARS = {"dropout_per_year": 2}
# Corners of the searched box checked for a valid village; beyond this many
# parameters an invalid combination fails its trial instead.
MAX_CORNER_CHECK = 12


@dataclass(frozen=True)
class Uncertain:
    """A parameter the calibration searches, from low to high (its Param's kind)."""

    name: str
    param: Param
    low: float | int
    high: float | int

    def as_dict(self) -> dict:
        return {"name": self.name, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Target:
    """A pattern to fit: a run metric's mean over replicates near `value`; `tolerance`
    scales its term of the distance and says how close counts as a fit."""

    metric: str
    value: float
    tolerance: float
    source: str = ""

    def fits(self, mean: float) -> bool:
        return abs(mean - self.value) <= self.tolerance

    def as_dict(self) -> dict:
        return {"metric": self.metric, "value": self.value, "tolerance": self.tolerance}


@dataclass(frozen=True)
class CalibrationSpec:
    """A validated calibration: `load_calibration(path)` makes one.

    `scenario` is the village every run uses (fixed parameters applied);
    `parameters` are searched, `targets` are fitted.
    """

    scenario: Scenario
    parameters: tuple[Uncertain, ...]
    targets: tuple[Target, ...]
    years: int
    replicates: int = REPLICATES.default
    trials: int = TRIALS.default
    seed: int = SEED.default
    source: str = "<calibration>"

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.parameters]

    @property
    def metrics(self) -> list[str]:
        return [t.metric for t in self.targets]

    @property
    def seeds(self) -> list[int]:
        """The replicates' seeds: the same in every trial (common random numbers)."""
        return [self.seed + i for i in range(self.replicates)]

    def fingerprint(self) -> dict:
        """Everything that decides a trial's runs and score (not `trials`, which a
        resumed study may raise): a study belongs to a spec when these are equal."""
        return {
            "scenario": self.scenario.to_toml(),
            "params": self.scenario.params.as_dict(),
            "years": self.years,
            "replicates": self.replicates,
            "seed": self.seed,
            "parameters": [p.as_dict() for p in self.parameters],
            "targets": [t.as_dict() for t in self.targets],
        }

    def describe(self) -> str:
        last = self.seeds[-1]
        seeds = f"seed {self.seed}" if last == self.seed else f"seeds {self.seed}..{last}"
        runs = self.trials * self.replicates
        return (f"{len(self.parameters)} parameter{'s' if len(self.parameters) != 1 else ''}, "
                f"{len(self.targets)} target{'s' if len(self.targets) != 1 else ''}: "
                f"{self.trials} trials x {self.replicates} replicate"
                f"{'s' if self.replicates != 1 else ''} = {runs} runs ({seeds}), "
                f"{self.years} year{'s' if self.years != 1 else ''} each")

    def override(self, trials: int | None = None, replicates: int | None = None,
                 seed: int | None = None) -> CalibrationSpec:
        """The spec with the command line's --trials, --replicates and --seed."""
        changed = {k: v for k, v in (("trials", trials), ("replicates", replicates),
                                     ("seed", seed)) if v is not None}
        spec = dataclasses.replace(self, **changed)
        if spec.seeds[-1] > MAX_SEED:
            where = "--seed" if seed is not None else "--replicates"
            raise CalibrationError([Problem("seed_overflow", where, spec.seed, {
                "replicates": spec.replicates, "most": MAX_SEED})])
        return spec


# ------------------------------------------------------------------------ reading
def load_calibration(path: str | os.PathLike) -> CalibrationSpec:
    """Read and validate a spec file; a bad one raises CalibrationError (every problem)."""
    path = Path(path)
    source = os.fspath(path)
    raw = read_toml_bytes(path, source, "calibration spec")
    return parse_calibration(raw, source=source, base_dir=path.parent)


def parse_calibration(content: bytes | str, source: str = "<calibration>",
                      base_dir: str | os.PathLike | None = None) -> CalibrationSpec:
    """Validate spec TOML text; a scenario or village file it names is read relative
    to base_dir."""
    text = decode_toml(content, source) if isinstance(content, bytes) else content
    if not text.strip():
        raise CalibrationError([Problem("empty_calibration")], source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CalibrationError([toml_problem(err, text)], source) from None
    return calibration_from_data(data, source, base_dir)


def calibration_from_data(data: dict[str, Any], source: str = "<calibration>",
                          base_dir: str | os.PathLike | None = None) -> CalibrationSpec:
    """Validate a parsed spec (a dict, as from tomllib); see the module docstring."""
    problems: list[Problem] = []
    model = None
    try:
        model = CalibrationFile.model_validate(data)
    except ValidationError as err:
        problems += [_describe(e, data) for e in err.errors()]
    section = data.get("calibration", {})
    section = section if isinstance(section, dict) else {}
    scenario = _scenario(section, base_dir, problems)
    fixed = section.get("params", {})
    fixed = {k: v for k, v in fixed.items() if k in PARAMETER_INDEX} if isinstance(
        fixed, dict) else {}
    years = _years(section, scenario)
    uncertain = _parameters(data, fixed, problems)
    targets = _targets(data, years, problems)
    if scenario is not None and model is not None and not problems:
        try:
            scenario = scenario.with_params(**fixed)
        except ProblemError as err:
            problems += [p.within("calibration.params").with_(loc=("calibration", "params"))
                         for p in err.problems]
    if model is not None and not problems:
        problems += _seed_problems(model.calibration) + _corner_problems(scenario, uncertain)
    if problems or model is None or scenario is None:
        problems.sort(key=lambda p: file_position(data, p.loc))
        raise CalibrationError(problems, source)
    settings = model.calibration
    return CalibrationSpec(scenario=dataclasses.replace(scenario, years=years),
                           parameters=tuple(uncertain), targets=tuple(targets), years=years,
                           replicates=settings.replicates, trials=settings.trials,
                           seed=settings.seed, source=source)


def _param_of(data: dict):
    """The Param whose range a pydantic error at `loc` quotes: a section setting, a
    fixed parameter, or the parameter a [[parameter]] entry names."""
    def param_of(loc: tuple) -> Param | None:
        if loc in FIELD_PARAMS:
            return FIELD_PARAMS[loc]
        if len(loc) == 3 and loc[:2] == ("calibration", "params"):
            return PARAMETER_INDEX.get(loc[2])
        if len(loc) == 3 and loc[0] == "parameter" and loc[2] in ("low", "high"):
            return PARAMETER_INDEX.get(_entry_text(data, "parameter", loc[1], "name"))
        if len(loc) == 3 and loc[0] == "target" and loc[2] in ("value", "tolerance"):
            metric = METRICS.get(_entry_text(data, "target", loc[1], "metric"))
            return _metric_range(metric) if metric is not None else None
        return None
    return param_of


def _metric_range(metric) -> Param:
    """A metric's possible values (its kind's bounds), quoted like a parameter's range."""
    low, high = metric.bounds
    return Param(metric.name, low, metric.unit, low, high, "metric registry", metric.doc,
                 group="outcomes")


def _entry_text(data: dict, table: str, i: int, key: str) -> str:
    """The text at `key` of entry i of a [[table]] ("" when there is none)."""
    entries = data.get(table)
    if isinstance(entries, list) and i < len(entries) and isinstance(entries[i], dict):
        value = entries[i].get(key)
        return value if isinstance(value, str) else ""
    return ""


def _describe(error: dict, data: dict) -> Problem:
    """The Problem for one pydantic error, with the spec's own keys and ranges."""
    loc, kind = tuple(error["loc"]), error["type"]
    problem = describe(error, _param_of(data))
    if kind == "extra_forbidden":
        parent = tuple(p for p in loc[:-1] if not isinstance(p, int))
        if parent == ("calibration", "params"):
            return problem.with_(code="set_unknown_parameter")
        allowed = TABLE_KEYS.get(parent, ())
        return problem.with_(facts={"hint": suggest(str(loc[-1]), allowed),
                                    "listed": Phrase("one_of", names=", ".join(allowed))})
    if kind == "missing" and loc in (("parameter",), ("target",)):
        return Problem(MISSING_LISTS[loc[0]], loc[0], loc=loc)
    return problem


def _scenario(section: dict, base_dir, problems: list) -> Scenario | None:
    """The village every run uses: the spec's scenario (a preset or a file), on its
    village file if one is named; by default the default village without shocks,
    the one the patterns of docs/ODD.md section 1.2 describe."""
    ref, village = section.get("scenario"), section.get("village")
    if (ref is not None and not isinstance(ref, str)) or (
            village is not None and not isinstance(village, str)):
        return None  # pydantic reports it
    scenario = Scenario(name="default")
    if ref is not None:
        target: str | Path = ref
        if ref not in PRESETS and base_dir is not None and not Path(ref).is_absolute():
            target = Path(base_dir) / ref
        try:
            scenario = load_scenario(target)
        except ProblemError as err:
            where = f"calibration.scenario: {err.source}" if err.prefixed else \
                "calibration.scenario"
            problems += [p.within(where, ": ").with_(loc=("calibration", "scenario"))
                         for p in err.problems]
            return None
    if village is not None:
        path = Path(base_dir or ".") / village if not Path(village).is_absolute() else village
        try:
            scenario = scenario.with_village(path)
        except ProblemError as err:
            problems += [p.within(f"calibration.village: {path}", ": ").with_(
                loc=("calibration", "village")) for p in err.problems]
            return None
    return scenario


def _years(section: dict, scenario: Scenario | None) -> int:
    years = section.get("years")
    if isinstance(years, int) and not isinstance(years, bool) and YEARS.low <= years <= YEARS.high:
        return years
    return scenario.years if scenario is not None else YEARS.default


def _entries(data: dict, table: str) -> list[tuple[int, dict]]:
    items = data.get(table)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _parameters(data: dict, fixed: dict, problems: list) -> list[Uncertain]:
    """The [[parameter]] entries whose name and range are valid; problems appended.
    Values pydantic refuses (not a number, a key missing) are left to it."""
    if isinstance(data.get("parameter"), list) and not data["parameter"]:
        problems.append(Problem("missing_calibration_parameters", "parameter",
                                loc=("parameter",)))
    found, first = [], {}
    for i, entry in _entries(data, "parameter"):
        where, loc = f"parameter[{i}]", ("parameter", i)
        name = entry.get("name")
        if not isinstance(name, str):
            continue
        at = {"where": f"{where}.name", "value": name, "loc": loc + ("name",)}
        if name not in PARAMETER_INDEX:
            problems.append(Problem("not_a_model_parameter", facts={
                "hint": suggest(name, tuple(PARAMETER_INDEX))}, **at))
            continue
        if name in first:
            problems.append(Problem("duplicate_parameter", facts={
                "first": f"parameter[{first[name]}]"}, **at))
            continue
        first[name] = i
        if name in fixed:
            problems.append(Problem("fixed_and_calibrated", **at))
            continue
        param = PARAMETER_INDEX[name]
        bounds = [_bound(entry, key, param, where, loc, problems) for key in ("low", "high")]
        if None in bounds:
            continue
        low, high = bounds
        if not low < high:
            problems.append(Problem("low_not_below_high", where, facts={
                "lo": show(entry["low"]), "hi": show(entry["high"])}, loc=loc + ("low",)))
            continue
        found.append(Uncertain(name, param, low, high))
    return found


def _bound(entry: dict, key: str, param: Param, where: str, loc: tuple,
           problems: list) -> float | int | None:
    """low or high checked against the parameter's own range; None when it is missing,
    not a number (pydantic says so) or out of range (said here)."""
    value = entry.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    checked, problem = param.convert(value, strict=True)
    if problem is None:
        return checked
    code = "not_whole_number_for" if problem.code == "not_whole_number" else "out_of_range_for"
    problems.append(problem.with_(code=code, where=f"{where}.{key}", loc=loc + (key,),
                                  facts={"param": param.name}))
    return None


def _targets(data: dict, years: int, problems: list) -> list[Target]:
    """The [[target]] entries whose metric, value and tolerance are valid."""
    if isinstance(data.get("target"), list) and not data["target"]:
        problems.append(Problem("missing_targets", "target", loc=("target",)))
    found, first = [], {}
    for i, entry in _entries(data, "target"):
        where, loc = f"target[{i}]", ("target", i)
        metric = entry.get("metric")
        if not isinstance(metric, str):
            continue
        at = {"where": f"{where}.metric", "value": metric, "loc": loc + ("metric",)}
        if metric not in RUN_METRICS:
            problems.append(Problem("not_a_metric", facts={
                "hint": suggest(metric, RUN_METRICS), "names": ", ".join(RUN_METRICS)}, **at))
            continue
        if metric in first:
            problems.append(Problem("duplicate_target", facts={
                "first": f"target[{first[metric]}]"}, **at))
            continue
        first[metric] = i
        least = LEAST_YEARS.get(metric, 1)
        if years < least:
            problems.append(Problem("metric_needs_years", facts={
                "years": years, "least": least}, **at))
        m = METRICS[metric]
        low, high = m.bounds
        value, tolerance = entry.get("value"), entry.get("tolerance")
        numbers = [isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                   for v in (value, tolerance)]
        if numbers[0] and not low <= value <= high:
            problems.append(Problem("out_of_range_for", f"{where}.value", value, {
                "param": metric, "low": low, "high": high, "unit": m.unit, "quoted": ""},
                loc=loc + ("value",)))
        if numbers[1] and not tolerance > 0:
            problems.append(Problem("not_positive", f"{where}.tolerance", tolerance,
                                    {"unit": m.unit}, loc=loc + ("tolerance",)))
        if all(numbers) and low <= value <= high and tolerance > 0 and years >= least:
            found.append(Target(metric, float(value), float(tolerance),
                                entry.get("source", "") if isinstance(
                                    entry.get("source", ""), str) else ""))
    return found


def _seed_problems(section: CalibrationSection) -> list[Problem]:
    if section.seed + section.replicates - 1 > MAX_SEED:
        return [Problem("seed_overflow", "calibration.seed", section.seed, {
            "replicates": section.replicates, "most": MAX_SEED}, loc=("calibration", "seed"))]
    return []


def _corner_problems(scenario: Scenario, uncertain: list[Uncertain]) -> list[Problem]:
    """Every corner of the searched box must make a valid village (the model's rules
    across parameters, such as shares of elders adding up to at most 1, are linear,
    so valid corners make every point inside valid); the first corner that is not
    is reported before any run."""
    if len(uncertain) > MAX_CORNER_CHECK:
        return []
    for corner in itertools.product(*[(p.low, p.high) for p in uncertain]):
        values = dict(zip((p.name for p in uncertain), corner))
        try:
            scenario.with_params(**values)
        except ProblemError as err:
            shown = ", ".join(f"{n} = {v!r}" for n, v in values.items())
            return [Problem("invalid_corner", "parameter", facts={
                "values": shown, "detail": tuple(err.problems)}, loc=("parameter",))]
    return []
