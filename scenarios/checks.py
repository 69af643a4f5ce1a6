"""Rules that span several keys of a scenario, which per-field validation cannot see.

They run on the raw TOML data, next to pydantic rather than after it, so a
file with a bad value and, say, a duplicated intervention reports both at
once. Each rule looks only at values that are individually well formed; a
malformed value is pydantic's to report, and is skipped here.
"""

from __future__ import annotations

from typing import Any

from ..sim.committee import WEEKS_PER_YEAR
from ..sim.interventions import COMMON_SETTINGS
from ..problems import Phrase, Problem, ProblemError
from ..sim.params import PARAMETER_INDEX, Param, make_params
from ..sim.shocks import SHOCK_SETTINGS
from .schema import YEARS

START_WEEK = next(p for p in COMMON_SETTINGS if p.name == "start_week")
SHOCK_WEEK = next(p for p in SHOCK_SETTINGS if p.name == "week")


def well_formed(p: Param, value: Any) -> bool:
    """Whether `value` is a valid value of `p` as a file gives it (as pydantic checks it)."""
    return p.problem(value, strict=True) is None


def span(years: int) -> Phrase:
    """"10 years have 520 weeks", for messages about the scenario's end."""
    weeks = years * WEEKS_PER_YEAR
    return Phrase("span_one" if years == 1 else "span_many", years=years, weeks=weeks)


def _entries(data: dict, section: str) -> list[tuple[int, dict]]:
    items = data.get(section)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def duplicate_interventions(data: dict) -> list[Problem]:
    """Each intervention type at most once: two copies would pay and act twice."""
    first: dict[str, int] = {}
    problems = []
    for i, entry in _entries(data, "interventions"):
        kind = entry.get("type")
        if not isinstance(kind, str):
            continue
        if kind in first:
            problems.append(Problem("duplicate_intervention", f"interventions[{i}].type", kind,
                                    {"first": f"interventions[{first[kind]}]"},
                                    loc=("interventions", i, "type")))
        else:
            first[kind] = i
    return problems


def after_the_end(data: dict) -> list[Problem]:
    """Shocks and interventions scheduled after the last week would silently never happen."""
    years = data.get("years", YEARS.default)
    if not well_formed(YEARS, years):
        return []
    weeks = years * WEEKS_PER_YEAR
    problems = []
    for i, entry in _entries(data, "shocks"):
        week = entry.get("week", SHOCK_WEEK.default)
        if well_formed(SHOCK_WEEK, week) and week > weeks:
            problems.append(Problem("after_end", f"shocks[{i}].week", week,
                                    {"weeks": weeks, "span": span(years)},
                                    loc=("shocks", i, "week")))
    for i, entry in _entries(data, "interventions"):
        start = entry.get("start_week", START_WEEK.default)
        if well_formed(START_WEEK, start) and start >= weeks:
            problems.append(Problem("start_after_end", f"interventions[{i}].start_week", start,
                                    {"last": weeks - 1, "span": span(years)},
                                    loc=("interventions", i, "start_week")))
    return problems


def village_consistency(data: dict) -> list[Problem]:
    """The rules make_params applies across parameters (shares adding up, thresholds).

    make_params stops at the first broken rule; the parameters it names are set
    aside and the rest checked again, so every broken rule is reported.
    """
    village = data.get("village", {})
    if not isinstance(village, dict):
        return []
    clean = {k: v for k, v in village.items()
             if k in PARAMETER_INDEX and well_formed(PARAMETER_INDEX[k], v)}
    problems: list[Problem] = []
    while True:
        try:
            make_params(**clean)
            return problems
        except ProblemError as err:
            problem = err.problems[0]
            named = [n for n in problem.facts.get("keys", (problem.where,)) if n in clean]
            problems.append(problem.within("village").with_(loc=("village", *named[:1])))
            if not named:
                return problems
            for name in named:
                del clean[name]


def cross_field_problems(data: dict) -> list[Problem]:
    return duplicate_interventions(data) + after_the_end(data) + village_consistency(data)
