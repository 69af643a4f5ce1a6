"""Re-baseline on purpose: `python tests/baseline/regenerate.py`, then say why in the commit."""

import json
from pathlib import Path

from villageaid.sim.interventions import Casework
from villageaid.sim.params import make_params
from villageaid.sim.run import run_village

BASELINE = Path(__file__).with_name("summary_seed42.json")


def baseline_run() -> dict:
    result = run_village(make_params(residents=300), seed=42, years=3,
                         interventions=[Casework(start_week=52)])
    ts = result.timeseries
    return {
        "headline": result.summary["headline"],
        "column_sums": {c: float(ts[c].sum()) for c in ts.columns},
    }


if __name__ == "__main__":
    BASELINE.write_text(json.dumps(baseline_run(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {BASELINE}")
