"""The [[parameters]] entries of a sweep spec: what each varies and how, checked.

Each entry names a model parameter (`grant`) or an intervention setting
(`teams.team_size`) and gives its range (`low`, `high`, and `points` for a
grid) or its `levels`. Bounds and levels are checked by the parameter's own
Param (the check the model and scenario files use), and every problem is a
villageaid.problems.Problem at its place in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..problems import NO_VALUE, Phrase, Problem
from ..scenarios.messages import show, suggest
from ..scenarios.scenario import Scenario
from ..sim.interventions import INTERVENTIONS
from ..sim.params import PARAMETER_INDEX, Param

SAMPLED = ("lhs", "sobol", "morris")
ENTRY_KEYS = ("name", "low", "high", "levels", "points")
POINTS = Param("points", 3, "levels", 2, 1000, "sweep spec",
               "evenly spaced levels from low to high in a grid", group="sweep")


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


def parameters(data: dict, scenario: Scenario | None, design: str | None,
               fixed: dict, problems: list[Problem]) -> list[Varied]:
    """The varied parameters of a spec's data; problems found are appended to `problems`."""
    entries = data.get("parameters")
    if not isinstance(entries, list):
        return []
    if not entries:
        problems.append(Problem("empty_parameters", "parameters", loc=("parameters",)))
    varied, seen = [], {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue  # pydantic reports it
        where = f"parameters[{i}]"
        for key in entry:
            if key not in ENTRY_KEYS:
                problems.append(Problem("unknown_key", f"{where}.{key}", facts={
                    "hint": suggest(key, ENTRY_KEYS),
                    "listed": Phrase("one_of", names=", ".join(ENTRY_KEYS))},
                    loc=("parameters", i, key)))
        name = entry.get("name")
        loc = ("parameters", i, "name")
        if name is None:
            problems.append(Problem("missing_sweep_name", f"{where}.name", loc=loc))
            continue
        if not isinstance(name, str):
            problems.append(Problem("not_text_name", f"{where}.name", name, loc=loc))
            continue
        param = _lookup(name, scenario, where, problems, i)
        if param is None:
            continue
        if name in seen:
            problems.append(Problem("duplicate_parameter", f"{where}.name", name,
                                    {"first": f"parameters[{seen[name]}]"}, loc=loc))
            continue
        seen[name] = i
        if name in fixed:
            problems.append(Problem("fixed_and_varied", f"{where}.name", name, loc=loc))
            continue
        entry_problems: list = []
        v = _entry(entry, param, name, design, where, i, entry_problems)
        problems += entry_problems
        if v is not None and not entry_problems:
            varied.append(v)
    return varied


def _lookup(name: str, scenario: Scenario | None, where: str, problems: list, i: int):
    at = {"where": f"{where}.name", "value": name, "loc": ("parameters", i, "name")}
    if "." not in name:
        if name in PARAMETER_INDEX:
            return PARAMETER_INDEX[name]
        problems.append(Problem("not_a_parameter", facts={
            "hint": suggest(name, tuple(PARAMETER_INDEX))}, **at))
        return None
    kind, key = name.split(".", 1)
    if kind not in INTERVENTIONS:
        problems.append(Problem("not_an_intervention", facts={
            "kind": show(kind), "hint": suggest(kind, tuple(INTERVENTIONS)),
            "names": ", ".join(INTERVENTIONS)}, **at))
        return None
    settings = {p.name: p for p in INTERVENTIONS[kind].settings()}
    if key not in settings:
        problems.append(Problem("no_such_setting", facts={
            "kind": kind, "setting": show(key), "hint": suggest(key, tuple(settings)),
            "names": ", ".join(settings)}, **at))
        return None
    if scenario is not None and kind not in dict(scenario.interventions):
        present = ", ".join(k for k, _ in scenario.interventions) or "none"
        problems.append(Problem("intervention_not_in_scenario", facts={
            "scenario": repr(scenario.name), "kind": kind, "present": present}, **at))
        return None
    return settings[key]


def _value(value: Any, param: Param, label: str, path: str, loc: tuple,
           problems: list) -> float | int | None:
    """A bound or level checked by the parameter's own Param, as a file gives it."""
    checked, problem = param.convert(value, strict=True)
    if problem is None:
        return checked
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        code = "not_a_number_for"
    elif problem.code == "not_whole_number":
        code = "not_whole_number_for"
    else:
        code = "out_of_range_for"
    problems.append(problem.with_(code=code, where=path, loc=loc, facts={"param": label}))
    return None


def _entry(entry: dict, param: Param, name: str, design: str | None, where: str, i: int,
           problems: list) -> Varied | None:
    has_range = "low" in entry or "high" in entry
    has_levels = "levels" in entry
    loc = ("parameters", i)

    def problem(code, key=None, value=NO_VALUE, **facts):
        problems.append(Problem(code, f"{where}.{key}" if key else where, value, facts,
                                loc=loc + ((key,) if key else ())))

    if has_range and has_levels:
        problem("levels_and_range")
        problems[-1] = problems[-1].with_(loc=loc + ("levels",))
        return None
    if not has_range and not has_levels:
        what = Phrase("levels_or_points" if design == "grid" else "low_and_high")
        problem("no_range", value=name, what=what)
        return None
    if has_levels:
        if design in SAMPLED:
            problem("levels_not_sampled", "levels", design=repr(design))
            return None
        levels = entry["levels"]
        if not isinstance(levels, list) or not levels:
            problem("not_a_list_of_values", "levels", levels)
            return None
        clean = [_value(v, param, name, f"{where}.levels[{k}]", loc + ("levels",), problems)
                 for k, v in enumerate(levels)]
        if None in clean:
            return None
        if len(set(clean)) != len(clean):
            problem("repeated_level", "levels", levels)
            return None
        if "points" in entry:
            problem("points_with_levels", "points")
            return None
        return Varied(name, param, levels=tuple(clean))
    missing = [k for k in ("low", "high") if k not in entry]
    if missing:
        problem("missing_bound", missing[0], **param.range_facts())
        return None
    low = _value(entry["low"], param, name, f"{where}.low", loc + ("low",), problems)
    high = _value(entry["high"], param, name, f"{where}.high", loc + ("high",), problems)
    if low is None or high is None:
        return None
    if not low < high:
        problem("low_not_below_high", lo=show(entry["low"]), hi=show(entry["high"]))
        problems[-1] = problems[-1].with_(loc=loc + ("low",))
        return None
    points = entry.get("points")
    if design == "grid":
        if points is None:
            problem("points_missing", "points", **POINTS.range_facts())
            return None
        if isinstance(points, bool) or not isinstance(points, int):
            problem("not_whole_number", "points", points, **POINTS.range_facts())
            return None
        most = POINTS.high if param.kind is float else min(POINTS.high, high - low + 1)
        if not POINTS.low <= points <= most:
            problem("points_out_of_range", "points", points, **POINTS.range_facts(),
                    most=most, lo=low, hi=high)
            return None
        return Varied(name, param, low=low, high=high, points=points,
                      levels=tuple(grid_levels(param, low, high, points)))
    if points is not None:
        problem("points_not_used", "points", design=repr(design))
        return None
    return Varied(name, param, low=low, high=high)


def grid_levels(param: Param, low, high, points: int) -> list:
    """`points` evenly spaced values from low to high (whole numbers for an int parameter)."""
    step = (high - low) / (points - 1)
    values = [low + k * step for k in range(points - 1)] + [high]
    if param.kind is int:
        return [int(round(v)) for v in values]
    return [float(v) for v in values]


def design_problems(design: str, samples: int | None, varied: list, data: dict) -> list:
    """What the design needs besides its parameters: samples, morris_levels."""
    problems = []

    def problem(code, key, value=NO_VALUE, **facts):
        problems.append(Problem(code, key, value, facts, loc=(key,)))

    if design in SAMPLED and samples is None and "samples" not in data:
        problem("samples_missing", "samples", design=repr(design),
                what=Phrase(f"samples_{design}"))
    if design == "grid" and "samples" in data:
        problem("samples_grid", "samples")
    if design == "sobol" and isinstance(samples, int) and samples & (samples - 1):
        problem("not_power_of_two", "samples", samples)
    if design == "sobol" and samples == 1:
        problem("too_few_samples", "samples", samples)
    if design != "morris" and "morris_levels" in data:
        problem("morris_levels_unused", "morris_levels", design=repr(design))
    return problems
