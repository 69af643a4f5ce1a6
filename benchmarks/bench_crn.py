"""How much common random numbers narrow the intervals of scenario differences.

Runs the six presets with R replicates (replicate i of every scenario on seed
i) and prints, for each scenario's difference from the baseline and each
headline metric, the width of the unpaired (Welch) 95% interval divided by the
width of the paired one. A ratio of 3 means pairing by seed buys the precision
of nine times as many independent replicates.

    python benchmarks/bench_crn.py [--replicates 10] [--years 10] [--workers 2]
"""

from __future__ import annotations

import argparse
import time

from villageaid.experiments.compare import compare
from villageaid.scenarios import PRESETS, load_scenario

METRICS = ("coverage", "unmet_per_week", "participation", "efficacy_final", "burnout",
           "dropout_per_year", "helpers_final", "resilience_depth", "resilience_area_lost")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=10)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    scenarios = [load_scenario(name) for name in PRESETS]
    started = time.perf_counter()
    result = compare(scenarios, replicates=args.replicates, years=args.years,
                     workers=args.workers)
    seconds = time.perf_counter() - started
    gain = result.pairing_gain()
    table = gain[gain.metric.isin(METRICS)].pivot(index="metric", columns="scenario",
                                                 values="width_ratio")
    table = table.reindex(METRICS)[[s for s in result.scenarios[1:]]]
    print(f"{len(scenarios)} presets x {args.replicates} replicates x {args.years} years "
          f"in {seconds:.0f} s")
    print("unpaired / paired 95% interval width of the difference from baseline:")
    print(table.round(2).to_string())
    print(f"median over these metrics and scenarios: {table.stack().median():.2f}x")
    print("by scenario (median over metrics):")
    print(table.median().round(2).to_string())


if __name__ == "__main__":
    main()
