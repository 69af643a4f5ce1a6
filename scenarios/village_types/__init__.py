"""Village types: named kinds of village, each a set of village parameters with sources.

    from villageaid.scenarios.village_types import VILLAGE_TYPES, apply_village_type
    hollowed = apply_village_type(load_scenario("teams"), "hollowed_mountain")

The default village (sim/params.py) is one kind of rural village. A village type
sets some of its structural parameters (size, age structure, migration, tie
densities, clans, the committee's income) to describe another kind, for comparing
interventions across rural typologies. Each type is a TOML file in this folder:
titles and descriptions in English and Chinese, `[params]` (any model parameter;
those left out keep their defaults) and `[sources]`, one entry per parameter
saying where its value comes from ("assumed" where it is a judgement).

A type is chosen by name wherever a village is: `--village NAME` (run, compare,
factorial, advise), `village_type = "NAME"` in a scenario file, or `SCENARIO@NAME`
wherever a scenario is named (compare, run --scenario, a sweep spec's `scenario`).
The scenario's interventions and shocks run unchanged on the type's village.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from ...problems import Problem, ProblemError
from ...sim.params import PARAMETER_INDEX, VillageParams, make_params
from ..messages import suggest

if TYPE_CHECKING:
    from ..scenario import Scenario

# Built-in types, in the order they are listed.
TYPE_NAMES: tuple[str, ...] = ("hollowed_mountain", "plains_near_town", "single_clan")

# `SCENARIO@TYPE`: a scenario (preset or file) run on a village type.
TYPE_SEPARATOR = "@"


@dataclass(frozen=True)
class VillageType:
    """One kind of village: what it is, the parameters it sets and their sources."""

    name: str
    title_en: str
    title_zh: str
    description_en: str
    description_zh: str
    params: Mapping[str, Any]  # the parameters it sets; the others keep their defaults
    sources: Mapping[str, str]  # parameter -> where its value comes from

    def title(self, lang: str = "en") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def description(self, lang: str = "en") -> str:
        return self.description_zh if lang == "zh" else self.description_en

    def village_params(self) -> VillageParams:
        """The model parameters of this village: the defaults with the type's values."""
        return make_params(**self.params)

    def rows(self) -> list[tuple[str, Any, Any, str]]:
        """(parameter, default, this type's value, source), in the file's order."""
        return [(name, PARAMETER_INDEX[name].default, value, self.sources[name])
                for name, value in self.params.items()]


def _read(name: str) -> VillageType:
    raw = resources.files(__package__).joinpath(f"{name}.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    params, sources = dict(data["params"]), dict(data["sources"])
    make_params(**params)  # a value out of range fails here, at import, naming it
    if set(params) != set(sources):
        missing = sorted(set(params) ^ set(sources))
        raise ValueError(f"village type {name}: [params] and [sources] differ in {missing}")
    return VillageType(name=name, title_en=data["title_en"], title_zh=data["title_zh"],
                       description_en=data["description_en"],
                       description_zh=data["description_zh"], params=params,
                       sources=sources)


VILLAGE_TYPES: dict[str, VillageType] = {name: _read(name) for name in TYPE_NAMES}


def unknown_type(name: Any, where: str, *, or_file: bool = False) -> Problem:
    """The problem of a name that is no village type (`or_file`: nor a village file)."""
    return Problem("unknown_village" if or_file else "unknown_village_type", where, name,
                   {"hint": suggest(name, TYPE_NAMES), "names": ", ".join(TYPE_NAMES)})


def village_type(name: str, where: str = "village_type") -> VillageType:
    """The village type of this name; ProblemError naming the known ones if none."""
    if isinstance(name, str) and name in VILLAGE_TYPES:
        return VILLAGE_TYPES[name]
    raise ProblemError([unknown_type(name, where)])


def apply_village_type(scenario: Scenario, name: str) -> Scenario:
    """The scenario on a village of type `name`: its interventions, shocks and years,
    with the parameters the type sets taking the type's values (the others keep the
    scenario's). The type replaces the scenario's village: a village file, or the
    parameters an earlier type set (back to their defaults first)."""
    kind = village_type(name)
    values = scenario.params.as_dict()
    if scenario.village_type is not None:
        for key in VILLAGE_TYPES[scenario.village_type].params:
            values[key] = PARAMETER_INDEX[key].default
    values.update(kind.params)
    return replace(scenario, params=make_params(**values), village_type=name,
                   village=None, roster=None)


def looks_like_a_name(text: str) -> bool:
    """Whether `text` reads as a name rather than a path: no folder, no suffix."""
    return bool(text) and "/" not in text and os.sep not in text and "." not in text


def choose_village(scenario: Scenario, village: Any, where: str = "village") -> Scenario:
    """The scenario on `village`: a village type's name, or a village file (a path or a
    Roster already read). A name that is neither a type nor an existing file is refused
    naming `where`, the value and the known types."""
    if isinstance(village, str) and village in VILLAGE_TYPES:
        return apply_village_type(scenario, village)
    if isinstance(village, str) and looks_like_a_name(village) and not os.path.exists(village):
        raise ProblemError([unknown_type(village, where, or_file=True)])
    return scenario.with_village_file(village)


def split_typed(text: str) -> tuple[str, str | None]:
    """`SCENARIO@TYPE` -> (SCENARIO, TYPE); anything else -> (text, None)."""
    head, sep, tail = text.rpartition(TYPE_SEPARATOR)
    if not sep or not head or not looks_like_a_name(tail):
        return text, None
    return head, tail


def typed_name(scenario_name: str, type_name: str) -> str:
    """The name of a scenario run on a village type: `baseline-hollowed_mountain` (the
    file format's names take no `@`)."""
    return f"{scenario_name}-{type_name}"


def describe_types(lang: str = "en") -> list[str]:
    """Every type as printed by `villageaid village types`: title, description, and
    each parameter it sets with the default, its value and the source (sources are
    in English)."""
    lines, default_word = [], "默认" if lang == "zh" else "default"
    for kind in VILLAGE_TYPES.values():
        lines += [f"{kind.name}: {kind.title(lang)}", f"  {kind.description(lang)}"]
        for name, default, value, source in kind.rows():
            lines.append(f"    {name} = {value}  ({default_word} {default}); {source}")
        lines.append("")
    return lines


__all__ = ["TYPE_NAMES", "VILLAGE_TYPES", "VillageType", "apply_village_type",
           "choose_village", "describe_types", "split_typed", "typed_name", "village_type"]
