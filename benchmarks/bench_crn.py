"""How much common random numbers narrow the intervals of scenario differences.

Runs the six presets with R replicates (replicate i of every scenario on seed
i) and prints, for each scenario's difference from the baseline and each
headline metric:

- the width of the unpaired (Welch) 95% interval divided by the width of the
  paired one: a ratio of 3 means pairing by seed buys the precision of nine
  times as many independent replicates;
- the correlation of the paired replicates;
- the bound: the largest ratio any pairing of these replicates could give,
  since the spread of b_i - a_i is at least |sd(a) - sd(b)|
  (experiments.stats.pairing_limit). An intervention that holds a metric near
  its ceiling in every village shrinks sd(b), and with it the bound.

Then the same for each preset's interventions at lower intensities (the
"dose"), to show how the gain falls as the effect grows.

    python benchmarks/bench_crn.py [--replicates 8] [--years 10] [--workers 2]
                                   [--doses 0.1,0.25,0.5,1]
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from villageaid.experiments.compare import compare
from villageaid.scenarios import PRESETS, load_scenario

METRICS = ("coverage", "unmet_per_week", "participation", "efficacy_final", "burnout",
           "dropout_per_year", "helpers_final", "resilience_depth", "resilience_area_lost")
TARGET = 3.0


def gain_tables(result) -> dict[str, pd.DataFrame]:
    """metric x scenario tables of the width ratio, the correlation and the bound."""
    gain = result.pairing_gain()
    gain = gain[gain.metric.isin(METRICS)]
    order = [s for s in result.scenarios[1:]]
    return {column: gain.pivot(index="metric", columns="scenario", values=column)
            .reindex(METRICS)[order]
            for column in ("width_ratio", "correlation", "pairing_bound")}


def presets(args) -> None:
    scenarios = [load_scenario(name) for name in PRESETS]
    started = time.perf_counter()
    result = compare(scenarios, replicates=args.replicates, years=args.years,
                     workers=args.workers)
    seconds = time.perf_counter() - started
    tables = gain_tables(result)
    ratio, bound = tables["width_ratio"], tables["pairing_bound"]
    print(f"{len(scenarios)} presets x {args.replicates} replicates x {args.years} years "
          f"in {seconds:.0f} s")
    print("\nunpaired / paired 95% interval width of the difference from baseline:")
    print(ratio.round(2).to_string())
    print("\ncorrelation of the paired replicates:")
    print(tables["correlation"].round(2).to_string())
    print("\nbound: the largest ratio any pairing of these replicates could give:")
    print(bound.round(2).to_string())
    print(f"\nmedian ratio over these metrics and scenarios: {ratio.stack().median():.2f}x")
    print("by scenario (median over metrics): ratio, bound, "
          f"metrics at or above {TARGET:g}x, metrics whose bound is below {TARGET:g}x")
    for sc in ratio.columns:
        print(f"  {sc:18s} {ratio[sc].median():5.2f} {bound[sc].median():6.2f} "
              f"{int((ratio[sc] >= TARGET).sum()):3d} {int((bound[sc] < TARGET).sum()):3d}"
              f"  of {ratio[sc].notna().sum()}")


def doses(args) -> None:
    baseline = load_scenario("baseline")
    treated = [load_scenario(name) for name in PRESETS if name != "baseline"]
    scenarios = [baseline] + [sc.scaled(d) for sc in treated for d in args.doses]
    started = time.perf_counter()
    result = compare(scenarios, replicates=args.replicates, years=args.years,
                     workers=args.workers)
    seconds = time.perf_counter() - started
    tables = gain_tables(result)
    effect = result.differences.query("metric == 'coverage'").set_index("scenario")["diff"]
    print(f"\nBy intensity: {len(scenarios)} scenarios x {args.replicates} replicates "
          f"x {args.years} years in {seconds:.0f} s")
    print("scenario-intensity, effect on needs met, then median over metrics of the "
          "ratio and of the bound, and the ratio and bound for needs met")
    for sc in result.scenarios[1:]:
        r, b = tables["width_ratio"][sc], tables["pairing_bound"][sc]
        print(f"  {sc:24s} {effect[sc]:+.3f}  median {r.median():5.2f} (bound {b.median():6.2f})"
              f"  needs met {r['coverage']:5.2f} (bound {b['coverage']:6.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=8)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--doses", type=lambda s: [float(x) for x in s.split(",") if x],
                        default=[0.1, 0.25, 0.5, 1.0],
                        help="intensities to multiply each preset's interventions by; "
                             "empty: presets only")
    args = parser.parse_args()
    presets(args)
    if args.doses:
        doses(args)


if __name__ == "__main__":
    main()
