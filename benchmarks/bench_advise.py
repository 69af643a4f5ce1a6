"""How long a default `villageaid advise` takes, and how the time splits.

Runs the default search (75,000 CNY a year, 5 years, 40 portfolios x 3
replicates, seed 0) on N local workers and reports the wall-clock time, the
share spent in the model runs (waiting for the executor's map of a trial's
replicates) and the rest: Optuna's NSGA-II proposals and bookkeeping, the
SQLite study and writing the results. Ratios, not seconds, are the point: the
runs should dominate, so that more workers (or a Dask cluster) speed a search
up.

    python benchmarks/bench_advise.py [--workers 2] [--trials 40] [--replicates 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time

from villageaid.experiments import optuna_study
from villageaid.experiments.advise import AdviseSpec, run_advise
from villageaid.experiments.executor import Executor


class TimedExecutor(Executor):
    """The project's executor, adding up the time its maps take (the model runs)."""

    in_runs = 0.0

    def map(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return super().map(*args, **kwargs)
        finally:
            TimedExecutor.in_runs += time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--replicates", type=int, default=3)
    args = parser.parse_args(argv)
    spec = AdviseSpec(budget=75_000, years=5, trials=args.trials, replicates=args.replicates)
    optuna_study.Executor = TimedExecutor  # the one place run_remaining starts it
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run_advise(spec, out, workers=args.workers)
        total = time.perf_counter() - start
    runs = TimedExecutor.in_runs
    n = args.trials * args.replicates
    print(f"advise: {args.trials} portfolios x {args.replicates} replicates = {n} runs of "
          f"5 years on {args.workers} worker(s)")
    print(f"  total        {total:7.1f} s")
    print(f"  model runs   {runs:7.1f} s  ({runs / total:.0%} of the time; "
          f"{runs / n:.2f} s a run)")
    print(f"  search etc.  {total - runs:7.1f} s  ({(total - runs) / total:.0%}: NSGA-II, "
          "the SQLite study, results)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
