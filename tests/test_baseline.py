"""Baseline regression: a fixed run must reproduce its saved summary exactly.

A failure means the model's behaviour changed. If the change is intended,
re-baseline with `python tests/baseline/regenerate.py` and give the reason in
the commit message.
"""

import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).parent / "baseline"


def load_regenerate():
    spec = importlib.util.spec_from_file_location("regenerate", HERE / "regenerate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fixed_run_matches_saved_baseline():
    module = load_regenerate()
    saved = json.loads(module.BASELINE.read_text())
    now = json.loads(json.dumps(module.baseline_run(), sort_keys=True))
    assert now["headline"] == saved["headline"]
    assert now["column_sums"] == saved["column_sums"]
