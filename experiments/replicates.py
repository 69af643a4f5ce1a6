"""Seeded replicates of scenarios, serially or on local worker processes.

Replicate i of every scenario runs with seed `seed + i`: with the model's
named, week-aligned random streams these are common random numbers, so two
scenarios differ in replicate i only through what their interventions change.
Runs are independent, so the work is spread over worker processes
(executor.Executor), not one interpreter per run; results come back in task
order, so the output does not depend on the number of workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..sim.resilience import (
    against_counterfactual, layered_resilience, performance_curve, resilience, shock_window,
)
from ..sim.outcomes import COMPARED
from .executor import Executor, ProgressBar

# Curves kept from every replicate for figures and bands.
CURVE_COLUMNS = ("coverage", "participation", "mean_efficacy", "mean_loneliness",
                 "share_withdrawn", "helpers_active", "mean_burnout", "unmet")


@dataclass
class ReplicateResult:
    scenario: str
    replicate: int
    seed: int
    metrics: dict[str, float | None]
    curves: pd.DataFrame = field(repr=False)
    layers: dict = field(repr=False, default_factory=dict)
    reports: dict = field(repr=False, default_factory=dict)
    # the run's equity table (sim/equity.py): one row per group of elders
    equity: pd.DataFrame | None = field(repr=False, default=None)


def replicate_metrics(ts: pd.DataFrame, headline: dict, shock_week: int | None,
                      against: pd.DataFrame | None = None,
                      window: int | None = None) -> dict:
    """The headline figures of one replicate, with the resilience of its coverage curve.

    `against` is the run's coverage measured against the same village without
    the shock (resilience.against_counterfactual); without it the raw curve is used.
    `window` is the shocks' response window (resilience.shock_window).
    """
    # every figure as a float (None where undefined), so tables keep one column type
    metrics = {name: None if headline[name] is None else float(headline[name])
               for name in COMPARED if name in headline}
    if shock_week is not None and 2 <= shock_week <= len(ts):
        curve = performance_curve(ts if against is None else against, "coverage")
        r = resilience(curve, shock_week, window=window)
        # a village that has not recovered by the end is counted at the horizon
        recovery = r["recovery_weeks"] if r["recovered"] else r["horizon"] - shock_week + 1
        metrics.update({
            "resilience_depth": r["depth"],
            "resilience_recovered": float(r["recovered"]),
            "resilience_recovery_weeks": float(recovery),
            "resilience_area_lost": r["area_lost"],
            "resilience_transformative": r["transformative"],
        })
    return metrics


def run_replicate(scenario, replicate: int, seed: int, years: int | None = None
                  ) -> ReplicateResult:
    years = years or scenario.years
    shocks = scenario.build_shocks()
    result = scenario.run(seed=seed, years=years, keep_model=True)
    ts = result.timeseries
    shock_week = min((s.week for s in shocks), default=None)
    window = shock_window(shocks) if shocks else None
    against, layers = None, {}
    if shock_week is not None and 2 <= shock_week <= len(ts):
        # the same village, same seed and interventions, without the shocks
        twin = scenario.without_shocks().run(seed=seed, years=years).timeseries
        against = against_counterfactual(ts, twin, shock_week)
        layers = layered_resilience(against, shock_week, window=window)
    return ReplicateResult(
        scenario=scenario.name, replicate=replicate, seed=seed,
        metrics=replicate_metrics(ts, result.summary["headline"], shock_week, against,
                                  window),
        curves=ts[["week", *CURVE_COLUMNS]].copy(),
        layers=layers,
        reports={i.name: i.report() for i in result.model.interventions},
        equity=result.equity,
    )


def _run_task(task):
    return run_replicate(*task)


def replicate_tasks(scenarios, replicates: int, seed: int = 0, years: int | None = None
                    ) -> list[tuple]:
    """(scenario, replicate, seed, years) of every run, scenario by scenario;
    replicate i runs with seed `seed + i`."""
    return [(sc, i, seed + i, years) for sc in scenarios for i in range(replicates)]


def run_replicates(scenarios, replicates: int, seed: int = 0, years: int | None = None,
                   workers: int = 1, progress: bool | Callable = False,
                   cancelled: Callable[[], bool] | None = None,
                   keep_workers: bool = False) -> list[ReplicateResult]:
    """Run `replicates` seeded replicates of each scenario; results in scenario-major order.

    `progress`: True draws a bar; a function is called as progress(done, total,
    scenario, replicate) with done == 0 before the first run, then after each run
    (with the run that ended). `cancelled()` is asked between runs: when it says
    yes, the runs not started are dropped and executor.Cancelled is raised.
    `keep_workers` runs them on the process's long-lived workers (the dashboard's)
    instead of workers started for this call.
    """
    tasks = replicate_tasks(scenarios, replicates, seed, years)
    if not tasks:
        return []
    report = bar = None
    if callable(progress):
        progress(0, len(tasks), tasks[0][0].name, 0)

        def report(done, total, k):
            progress(done, total, tasks[k][0].name, tasks[k][1])
    elif progress:
        report = bar = ProgressBar(len(tasks), "replicates")
    try:
        return Executor(workers, keep=keep_workers).map(_run_task, tasks, progress=report,
                                                        cancelled=cancelled)
    finally:
        if bar is not None:
            bar.close()


def metrics_frame(results: list[ReplicateResult]) -> pd.DataFrame:
    """One row per replicate: scenario, replicate, seed and every metric (None -> NaN)."""
    rows = [{"scenario": r.scenario, "replicate": r.replicate, "seed": r.seed,
             **{k: (np.nan if v is None else v) for k, v in r.metrics.items()}}
            for r in results]
    return pd.DataFrame(rows)
