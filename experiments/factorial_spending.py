"""How much money each cell of a factorial plans to spend: `--spending matched|budget`.

`budget`: every cell runs its interventions at the preset's settings on the same
budget (grant and donations). A cell with fewer interventions then simply plans
to spend less, so its effects mix what the interventions do with how much money
they get: "all levels beat any single level" could be bought by spending more.

`matched` (the default of `villageaid factorial`): every cell plans to spend the
same total a year, the all-on cell's planned cost or the yearly budget (grant plus
donations, their means), whichever is smaller. Each cell's interventions are
scaled by one common factor on their `intensity` setting, which scales an
intervention's capacity and its cost together (sim/interventions/base.py), until
the cell's planned cost (experiments/portfolio.py, `planned_cost_per_year`: weekly
costs x 52 plus the first year's training and setup) equals that target. So a
single-level cell gets as much money as all levels together, and the factorial
compares ways of spending the same money. An intensity cannot pass its registry
bound (3.0): an intervention that would need more is held at the bound, the rest
of the cell scaled further to make up, and the cell said to be capped; a cell that
still cannot reach the target is said to be short, and one with nothing whose
planned cost grows with intensity (recognition alone) keeps the preset's
intensity. The cell with no intervention spends nothing by design. Money
actually spent is the run metric `spent`; spending.csv lists both for each cell.
"""

from __future__ import annotations

from dataclasses import replace

from ..sim.interventions import INTERVENTIONS

RULES = ("matched", "budget")
DEFAULT_RULE = "matched"
TOLERANCE = 1.0  # CNY a year: a cell within it of the target is matched
DIGITS = 6  # intensities are recorded rounded to this many decimals


def planned(scenario) -> float:
    from .portfolio import planned_cost_per_year

    return planned_cost_per_year(scenario)


def yearly_budget(scenario) -> float:
    """The mean yearly income: grant plus donations."""
    return float(scenario.params.grant + scenario.params.donations)


def intensity_bound(kind: str) -> float:
    return float({p.name: p for p in INTERVENTIONS[kind].settings()}["intensity"].high)


def _with_intensity(scenario, intensities: dict[str, float]):
    kept = [(kind, {**s, "intensity": intensities.get(kind, s.get("intensity", 1.0))})
            for kind, s in scenario.interventions]
    return replace(scenario, interventions=kept)


def _parts(scenario) -> dict[str, tuple[float, float]]:
    """Each intervention's planned cost at intensity 0 and its growth per unit of it
    (the planned cost is linear in intensity)."""
    parts = {}
    for kind, s in scenario.interventions:
        alone = replace(scenario, interventions=[(kind, s)])
        fixed = planned(_with_intensity(alone, {kind: 0.0}))
        parts[kind] = (fixed, planned(_with_intensity(alone, {kind: 1.0})) - fixed)
    return parts


def scale_to(scenario, target: float) -> tuple[object, dict]:
    """The scenario with its interventions' intensities scaled by one factor so its
    planned cost is `target`, intensities held at their bound where they would pass
    it; with what was done: intensities, the kinds capped, and whether it fell short."""
    parts = _parts(scenario)
    base = {kind: float(s.get("intensity", 1.0)) for kind, s in scenario.interventions}
    bound = {kind: intensity_bound(kind) for kind in base}
    capped: set[str] = set()
    factor = 1.0  # kept where nothing in the cell costs more at a higher intensity
    while True:
        free = [k for k in base if k not in capped]
        need = (target - sum(f for f, _ in parts.values())
                - sum(parts[k][1] * bound[k] for k in capped))
        growth = sum(parts[k][1] * base[k] for k in free)
        if growth <= 0:
            break
        factor = max(need / growth, 0.0)
        over = {k for k in free if base[k] * factor > bound[k]}
        if not over:
            break
        capped |= over
    intensities = {k: bound[k] if k in capped else round(base[k] * factor, DIGITS)
                   for k in base}
    scaled = _with_intensity(scenario, intensities)
    cost = planned(scaled)
    return scaled, {"planned_cost": cost, "intensity": intensities,
                    "capped": sorted(capped),
                    "short": bool(base) and cost < target - TOLERANCE}


def apply_spending(cells: list, rule: str) -> tuple[list, dict]:
    """The cells under the spending rule, and its record for factorial.json: the rule,
    the budget, the target (matched), and each cell's planned cost and intensities."""
    budget = yearly_budget(cells[-1])
    if rule == "budget":
        record = {"rule": "budget", "budget_per_year": budget, "cells": {
            sc.name: {"planned_cost": planned(sc), "intensity": {
                k: s.get("intensity", 1.0) for k, s in sc.interventions}}
            for sc in cells}}
        return list(cells), record
    all_on = planned(cells[-1])
    target = min(all_on, budget)
    scaled, per_cell = [], {}
    for sc in cells:
        new, done = scale_to(sc, target)
        scaled.append(new)
        per_cell[sc.name] = done
    return scaled, {"rule": "matched", "budget_per_year": budget,
                    "all_on_planned": all_on, "target": target, "cells": per_cell,
                    "capped": {c: d["capped"] for c, d in per_cell.items() if d["capped"]},
                    "short": [c for c, d in per_cell.items() if d["short"]]}


def spending_table(record: dict, means, years: int):
    """spending.csv: each cell's planned cost a year and its mean money spent (the run
    metric `spent`, over the run and a year)."""
    import pandas as pd

    spent = means[means.metric == "spent"].set_index("cell")["mean"] if len(means) else {}
    rows = []
    for cell, d in record.get("cells", {}).items():
        total = float(spent[cell]) if cell in spent else float("nan")
        rows.append({"cell": cell, "planned_cost_per_year": round(d["planned_cost"], 2),
                     "spent_mean": total, "spent_per_year": total / years if years else total,
                     "intensity": "; ".join(f"{k}={v:g}" for k, v in d["intensity"].items()),
                     "capped": "; ".join(d.get("capped", [])),
                     "short": bool(d.get("short", False))})
    return pd.DataFrame(rows, columns=["cell", "planned_cost_per_year", "spent_mean",
                                       "spent_per_year", "intensity", "capped", "short"])
