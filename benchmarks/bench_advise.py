"""How long a default `villageaid advise` takes, and how the time splits.

Runs the default search (75,000 CNY a year, 5 years, 40 portfolios x 3
replicates, seed 0, then the Pareto options in 24 futures) on N local workers
and reports the wall-clock time, the share spent in the search's model runs
(waiting for the executor's map of a trial's replicates), in the futures' runs,
and the rest: Optuna's NSGA-II proposals and bookkeeping, the SQLite study,
PRIM and writing the results. Ratios, not seconds, are the point: the
runs should dominate, so that more workers (or a Dask cluster) speed a search
up.

    python benchmarks/bench_advise.py [--workers 2] [--trials 40] [--replicates 3] [--futures 24]
"""

from __future__ import annotations

import argparse
import tempfile
import time

from villageaid.experiments import advise
from villageaid.experiments.advise import run_advise
from villageaid.experiments.advise_spec import AdviseSpec
from villageaid.experiments.executor import Executor


class TimedExecutor(Executor):
    """The project's executor, adding up the time its maps take (the model runs), apart
    for the search's replicates and the futures' runs."""

    seconds = {"search": 0.0, "futures": 0.0}
    runs = {"search": 0, "futures": 0}

    def map(self, fn, tasks, **kwargs):
        stage = "futures" if fn.__name__ == "run_in_future" else "search"
        start = time.perf_counter()
        try:
            return super().map(fn, tasks, **kwargs)
        finally:
            TimedExecutor.seconds[stage] += time.perf_counter() - start
            TimedExecutor.runs[stage] += len(tasks)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--replicates", type=int, default=3)
    parser.add_argument("--futures", type=int, default=24)
    args = parser.parse_args(argv)
    spec = AdviseSpec(budget=75_000, years=5, trials=args.trials, replicates=args.replicates,
                      futures=args.futures)
    advise.Executor = TimedExecutor  # the one place run_advise starts it
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run_advise(spec, out, workers=args.workers)
        total = time.perf_counter() - start
    search, futures = TimedExecutor.seconds["search"], TimedExecutor.seconds["futures"]
    n, m = TimedExecutor.runs["search"], TimedExecutor.runs["futures"]
    rest = total - search - futures
    print(f"advise: {args.trials} portfolios x {args.replicates} replicates = {n} runs, then "
          f"{m} runs in {args.futures} futures, of 5 years on {args.workers} worker(s)")
    print(f"  total         {total:7.1f} s")
    print(f"  search runs   {search:7.1f} s  ({search / total:.0%}; {search / max(n, 1):.2f} s "
          "a run)")
    print(f"  futures runs  {futures:7.1f} s  ({futures / total:.0%}; "
          f"{futures / max(m, 1):.2f} s a run)")
    print(f"  the rest      {rest:7.1f} s  ({rest / total:.0%}: NSGA-II, the SQLite study, "
          "PRIM, results)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
