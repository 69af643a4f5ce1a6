"""Run one model for a number of years and collect its tables: the entry point the
CLI, the dashboard and the experiments share."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import __version__
from .agent_table import agent_table
from .equity import model_equity
from .outcomes import headline
from .model import WEEKS_PER_YEAR, VillageModel
from .params import VillageParams, make_params

FORMATS = ("csv", "parquet")


@dataclass
class RunResult:
    timeseries: pd.DataFrame
    agents: pd.DataFrame
    summary: dict
    model: VillageModel | None = field(default=None, repr=False)
    # needs met and unmet, withdrawal and loneliness by group of elders (sim/equity.py)
    equity: pd.DataFrame | None = field(default=None, repr=False)


def summary_residents(model) -> int:
    """Residents living in the village at the start (villagers living away are not
    counted): the village's size as the user gave it."""
    return int(model.params.residents * model.params.villages)


def run_village(params: VillageParams | None = None, seed: int = 0, years: int = 10,
                interventions=(), shocks=(), keep_model: bool = False,
                roster=None) -> RunResult:
    """Build a village from `params` and `seed`, run it `years` years, return its tables.

    `roster` (a sim.roster.Roster, as scenarios.village_files.read_roster returns) runs a real village
    instead of a synthetic one; the summary then gains `village`: its source,
    size and what the model filled in.
    """
    started = time.perf_counter()
    model = VillageModel(seed=seed, params=params or make_params(),
                         interventions=interventions, shocks=shocks, years=years, roster=roster)
    return run_model(model, years, keep_model, build_seconds=time.perf_counter() - started)


def run_model(model: VillageModel, years: int, keep_model: bool = False,
              build_seconds: float = 0.0) -> RunResult:
    """Run a model built at week 0 for `years` years and collect its tables."""
    seed = model.seed
    built = time.perf_counter()
    model.run(years * WEEKS_PER_YEAR)
    finished = time.perf_counter()
    ts = model.timeseries.to_frame()
    run_seconds = finished - built
    summary = {
        "villageaid_version": __version__,
        "seed": seed,
        "years": years,
        "weeks": years * WEEKS_PER_YEAR,
        "residents": summary_residents(model),
        "elders": int((model.population.present & model.population.is_elder).sum()),
        "parameters": model.params.as_dict(),
        "interventions": [i.name for i in model.interventions],
        "headline": headline(model, ts),
        "build_seconds": round(build_seconds, 4),
        "run_seconds": round(run_seconds, 4),
        "agent_steps_per_second": round(
            summary_residents(model) * years * WEEKS_PER_YEAR / max(run_seconds, 1e-9)),
    }
    agents = agent_table(model)
    if model.roster is not None:
        summary["village"] = model.roster.report()
        # the village file's own ids, next to the model's
        order = model.roster.model_order()
        agents.insert(1, "roster_id", [model.roster.ids[order[i]] for i in agents["id"]])
    return RunResult(ts, agents, summary, model if keep_model else None,
                     equity=model_equity(model))


def write_result(result: RunResult, out: Path, fmt: str = "csv") -> dict[str, Path]:
    """Write timeseries, agents, equity and summary.json under `out`; return their paths."""
    if fmt not in FORMATS:
        raise ValueError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "timeseries": out / f"timeseries.{fmt}",
        "agents": out / f"agents.{fmt}",
        "equity": out / f"equity.{fmt}",
        "summary": out / "summary.json",
    }
    if result.equity is None:
        del paths["equity"]
    for name in ("timeseries", "agents", "equity"):
        if name not in paths:
            continue
        frame = getattr(result, name)
        if fmt == "csv":
            frame.to_csv(paths[name], index=False)
        else:
            frame.to_parquet(paths[name], index=False)
    paths["summary"].write_text(json.dumps(result.summary, indent=2) + "\n")
    return paths
