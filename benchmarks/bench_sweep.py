"""Sweep throughput: the same runs through `mesa.batch_run` and through the sweep.

    .venv/bin/python benchmarks/bench_sweep.py            # 200 runs (about 1-2 minutes)
    .venv/bin/python benchmarks/bench_sweep.py --runs 40  # a quick look
    .venv/bin/python benchmarks/bench_sweep.py --serial   # also one process, no pool
    .venv/bin/python benchmarks/bench_sweep.py --repeat 3 # best of 3, alternating

Both run the default village (the baseline preset, whose cold wave falls after
a 2-year run) for 2 years, at 10 levels of `helper_share_elder` times
runs/10 seeds, on 2 processes:

* `mesa.batch_run(number_processes=2)`, with a thin Mesa wrapper around
  VillageModel that reports the run's metrics through a DataCollector at the
  end (batch_run needs one). batch_run starts its pool with `spawn`: every
  worker is a fresh interpreter that imports Mesa, numpy, numba and the model
  before its first run.
* `run_sweep(workers=2)`, the engine of `villageaid sweep`, writing its
  Parquet store as it goes. Its workers are forked from a process that has
  already imported the model.

It then checks that the two produced the same metrics for every run, and
prints runs per minute for each and the ratio. The target (at least 3x
batch_run) is printed, never asserted; the script always exits 0.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

import mesa

from villageaid.experiments.replicates import replicate_metrics
from villageaid.experiments.sweep import run_sweep
from villageaid.scenarios import load_scenario
from villageaid.sim.outcomes import headline
from villageaid.sim.model import WEEKS_PER_YEAR, VillageModel

YEARS = 2
LEVELS = [round(0.2 + 0.05 * k, 2) for k in range(10)]
TARGET = 3.0


class BatchVillage(VillageModel):
    """VillageModel as `mesa.batch_run` wants it: keyword parameters, a
    DataCollector, and `running` turned off at the end of the run."""

    def __init__(self, seed=0, helper_share_elder=0.45):
        scenario = load_scenario("baseline")
        self.shock_week = min((s["week"] for s in scenario.shocks), default=None)
        super().__init__(seed=seed,
                         params=scenario.params.replace(helper_share_elder=helper_share_elder),
                         interventions=scenario.build_interventions(),
                         shocks=scenario.build_shocks(), years=YEARS)
        self.datacollector = mesa.DataCollector(model_reporters={"metrics": _metrics})

    def step(self):
        super().step()
        if self.week >= YEARS * WEEKS_PER_YEAR:
            self.running = False
            self.datacollector.collect(self)


def _metrics(model: BatchVillage) -> dict:
    ts = model.timeseries.to_frame()
    # run_replicate compares against a shock-free twin only when the shock falls in
    # the run; in 2 years the baseline's cold wave (week 105) does not
    assert model.shock_week is None or model.shock_week > len(ts)
    return replicate_metrics(ts, headline(model, ts), model.shock_week)


def spec(replicates: int) -> dict:
    return {
        "name": "bench", "scenario": "baseline", "years": YEARS, "design": "grid",
        "replicates": replicates, "seed": 0,
        "parameters": [{"name": "helper_share_elder", "levels": LEVELS}],
    }


def time_batch_run(replicates: int, processes: int):
    began = time.perf_counter()
    rows = mesa.batch_run(BatchVillage, parameters={"helper_share_elder": LEVELS},
                          number_processes=processes, rng=list(range(replicates)),
                          max_steps=YEARS * WEEKS_PER_YEAR, data_collection_period=-1,
                          display_progress=False)
    seconds = time.perf_counter() - began
    return seconds, {(r["helper_share_elder"], r["seed"]): r["metrics"] for r in rows}


def time_sweep(replicates: int, workers: int):
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        runs = run_sweep(spec(replicates), out=Path(tmp) / "sweep", workers=workers)
        seconds = time.perf_counter() - began
    metric_names = list(runs.columns[runs.columns.get_loc("helper_share_elder") + 1:])
    return seconds, {(r.helper_share_elder, r.seed): {m: getattr(r, m) for m in metric_names}
                     for r in runs.itertuples(index=False)}


def same(a: dict, b: dict) -> bool:
    def eq(x, y):
        x = math.nan if x is None else float(x)
        y = math.nan if y is None else float(y)
        return x == y or (math.isnan(x) and math.isnan(y))
    return a.keys() == b.keys() and all(
        a[k].keys() == b[k].keys() and all(eq(a[k][m], b[k][m]) for m in a[k]) for k in a)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200,
                        help="runs in all, a multiple of 10 (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="processes for both (default 2)")
    parser.add_argument("--serial", action="store_true",
                        help="also time the sweep in one process (no pool)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each this many times, alternating, and keep the best "
                             "(default 1)")
    args = parser.parse_args(argv)
    replicates = max(1, args.runs // len(LEVELS))
    runs = replicates * len(LEVELS)
    print(f"{runs} runs: default village, {YEARS} years, helper_share_elder at "
          f"{len(LEVELS)} levels x seeds 0..{replicates - 1}; {args.workers} processes")
    print("(warm-up: one run in this process, so the numba cache is on disk for both)")
    run_sweep({**spec(1), "parameters": [{"name": "helper_share_elder", "levels": [0.3]}]},
              workers=1)

    results = {}
    t_mesa = t_sweep = math.inf
    for _ in range(max(1, args.repeat)):
        seconds, results["mesa"] = time_batch_run(replicates, args.workers)
        t_mesa = min(t_mesa, seconds)
        seconds, results["sweep"] = time_sweep(replicates, args.workers)
        t_sweep = min(t_sweep, seconds)
    rate_mesa, rate_sweep = runs / t_mesa * 60, runs / t_sweep * 60
    print(f"  mesa.batch_run (number_processes={args.workers}) {t_mesa:7.1f} s  "
          f"{rate_mesa:7.0f} runs/min")
    print(f"  villageaid sweep (workers={args.workers})         {t_sweep:7.1f} s  "
          f"{rate_sweep:7.0f} runs/min")
    if args.serial:
        t_one, results["serial"] = time_sweep(replicates, 1)
        print(f"  villageaid sweep (1 process, for reference) {t_one:7.1f} s  "
              f"{runs / t_one * 60:7.0f} runs/min")
    ratio = rate_sweep / rate_mesa
    verdict = "met" if ratio >= TARGET else "not met"
    print(f"  ratio sweep / batch_run: {ratio:.2f}x (target >= {TARGET:.0f}x: {verdict})")
    identical = all(same(results["mesa"], other) for other in results.values())
    print(f"  same metrics for every run in both: {'yes' if identical else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
