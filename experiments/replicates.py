"""Seeded replicates of scenarios, serially or on local worker processes.

Replicate i of every scenario runs with seed `seed + i`: with the model's
named, week-aligned random streams these are common random numbers, so two
scenarios differ in replicate i only through what their interventions change.
Runs are independent, so the work is spread over worker processes started
once (forked where the platform allows), not one interpreter per run; results
come back in task order, so the output does not depend on the number of
workers.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..sim.resilience import (
    against_counterfactual, layered_resilience, performance_curve, resilience, shock_window,
)
from ..sim.outcomes import COMPARED
from ..sim.run import run_village

# Curves kept from every replicate for figures and bands.
CURVE_COLUMNS = ("coverage", "participation", "mean_efficacy", "mean_loneliness",
                 "share_withdrawn", "helpers_active", "mean_burnout", "unmet")


class WorkersLost(RuntimeError):
    """The workers running the runs are gone (a worker process killed, every Dask worker
    left): the runs stopped before all finished. The message says what happened."""


POOL_BROKEN = ("a worker process ended without finishing its run (killed, or out of "
               "memory?)")


@dataclass
class ReplicateResult:
    scenario: str
    replicate: int
    seed: int
    metrics: dict[str, float | None]
    curves: pd.DataFrame = field(repr=False)
    layers: dict = field(repr=False, default_factory=dict)
    reports: dict = field(repr=False, default_factory=dict)


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
    roster = scenario.load_roster()  # a village file, or None for a synthetic village
    result = run_village(scenario.params, seed=seed, years=years,
                         interventions=scenario.build_interventions(), shocks=shocks,
                         keep_model=True, roster=roster)
    ts = result.timeseries
    shock_week = min((s.week for s in shocks), default=None)
    window = shock_window(shocks) if shocks else None
    against, layers = None, {}
    if shock_week is not None and 2 <= shock_week <= len(ts):
        # the same village, same seed and interventions, without the shocks
        twin = run_village(scenario.params, seed=seed, years=years,
                           interventions=scenario.build_interventions(),
                           roster=roster).timeseries
        against = against_counterfactual(ts, twin, shock_week)
        layers = layered_resilience(against, shock_week, window=window)
    return ReplicateResult(
        scenario=scenario.name, replicate=replicate, seed=seed,
        metrics=replicate_metrics(ts, result.summary["headline"], shock_week, against,
                                  window),
        curves=ts[["week", *CURVE_COLUMNS]].copy(),
        layers=layers,
        reports={i.name: i.report() for i in result.model.interventions},
    )


def _run_task(task):
    return run_replicate(*task)


def run_replicates(scenarios, replicates: int, seed: int = 0, years: int | None = None,
                   workers: int = 1, progress: bool = False) -> list[ReplicateResult]:
    """Run `replicates` seeded replicates of each scenario; results in scenario-major order."""
    tasks = [(sc, i, seed + i, years) for sc in scenarios for i in range(replicates)]
    bar = _progress(len(tasks), progress)
    results: list[ReplicateResult] = []
    if workers <= 1 or len(tasks) == 1:
        for task in tasks:
            results.append(_run_task(task))
            bar.update(1)
    else:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                   initializer=leave_interrupts_to_parent)
        try:
            for result in pool.map(_run_task, tasks, chunksize=1):
                results.append(result)
                bar.update(1)
        except BrokenProcessPool:
            raise WorkersLost(POOL_BROKEN) from None
        finally:
            # on Ctrl-C, drop the runs not started instead of waiting for them
            pool.shutdown(wait=True, cancel_futures=True)
    bar.close()
    return results


def leave_interrupts_to_parent() -> None:
    """In a worker: ignore Ctrl-C, which the terminal sends to the whole process group;
    the parent stops the pool and reports it once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def exit_with_parent() -> None:
    """Initializer for long-lived worker processes: end this worker when the process
    that started it ends, even when that one is killed. A pool worker waits on its
    task queue, whose pipe it holds both ends of, so without this it would wait
    forever once its parent is gone (and keep a forkserver alive)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch():
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _context():
    """Fork where the platform has it: workers start in milliseconds with the model
    already imported, and scripts and notebooks need no `if __name__ == "__main__"`
    guard. Elsewhere, spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _NoBar:
    def update(self, n):
        pass

    def close(self):
        pass


def _progress(total: int, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    # no monitor thread: worker processes are forked, and forking copies threads
    tqdm.monitor_interval = 0
    return tqdm(total=total, unit="run", desc="replicates", dynamic_ncols=True)


def metrics_frame(results: list[ReplicateResult]) -> pd.DataFrame:
    """One row per replicate: scenario, replicate, seed and every metric (None -> NaN)."""
    rows = [{"scenario": r.scenario, "replicate": r.replicate, "seed": r.seed,
             **{k: (np.nan if v is None else v) for k, v in r.metrics.items()}}
            for r in results]
    return pd.DataFrame(rows)
