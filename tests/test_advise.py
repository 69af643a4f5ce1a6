"""`villageaid advise`: the same seed gives the same trials.csv; pareto.csv holds exactly
the non-dominated feasible trials; recommendation.json's intervals lie inside each
metric's range and its paired share in [0, 1]; --resume continues without repeating
trials; a bad budget, objective, constraint or a used folder is refused with a coded
message and exit 2.

Small villages (200 residents, 1 year, 6 trials, 2 replicates): seconds per study.
"""

import json

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments.advise_spec import parse_constraint
from villageaid.experiments.portfolio import pareto_mask
from villageaid.experiments.portfolio import KNOBS
from villageaid.sim.interventions import INTERVENTIONS
from villageaid.sim.outcomes import METRICS

SMALL = ["--budget", "75000", "--years", "1", "--replicates", "2", "--seed", "1",
         "--residents", "200", "--no-progress", "--workers", "1", "--futures", "6"]
OBJECTIVES = ("coverage", "withdrawn_final", "burnout")


def advise(out, trials=6, *extra) -> int:
    return main(["advise", *SMALL, "--trials", str(trials), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    out = tmp_path_factory.mktemp("advise") / "a"
    assert advise(out) == 0
    return out


def test_writes_every_file(study):
    for name in ("trials.csv", "pareto.csv", "pareto.png", "recommendation.json",
                 "study.db", "futures.csv", "robustness.csv", "robustness.png"):
        assert (study / name).exists(), name


def test_same_seed_same_trials(study, tmp_path):
    assert advise(tmp_path / "b") == 0
    pd.testing.assert_frame_equal(pd.read_csv(study / "trials.csv"),
                                  pd.read_csv(tmp_path / "b" / "trials.csv"))


def test_pareto_rows_are_the_non_dominated_feasible_trials(study):
    trials = pd.read_csv(study / "trials.csv")
    pareto = pd.read_csv(study / "pareto.csv")
    assert len(pareto) >= 1 and pareto["feasible"].all()
    feasible = trials[trials["feasible"]]
    assert (pareto["same_as"] == pareto["trial"]).all()  # a repeated portfolio stands once
    signs = np.array([1.0 if METRICS[m].better else -1.0 for m in OBJECTIVES])
    score = feasible[list(OBJECTIVES)].to_numpy(float) * signs
    expected = []
    for i, row in enumerate(score):
        dominated = any((other >= row).all() and (other > row).any() for other in score)
        row_trial = feasible.iloc[i]
        if not dominated and row_trial["same_as"] == row_trial["trial"]:
            expected.append(int(row_trial["trial"]))
    assert sorted(pareto["trial"]) == sorted(expected)


def test_pareto_mask_on_known_points():
    frame = pd.DataFrame({"coverage": [0.85, 0.9, 0.95, 0.99], "withdrawn_final": [0.1, 0.05,
                          0.2, 0.01], "feasible": [True, True, True, False]})
    assert pareto_mask(frame, ("coverage", "withdrawn_final")) == [False, True, True, False]


def test_recommendation_intervals_inside_range(study):
    rec = json.loads((study / "recommendation.json").read_text())
    assert rec["primary_objective"] == "coverage"
    assert rec["robustness"]["futures"] == 6
    assert rec["scenario_discovery"]["futures"] == 6
    chosen = rec["recommended"]
    assert chosen is not None
    for metric, o in chosen["objectives"].items():
        low, high = METRICS[metric].bounds
        assert low <= o["low"] <= o["mean"] <= o["high"] <= high, metric
    sure = rec["how_sure"]
    if rec["runner_up"] is not None:
        assert 0.0 <= sure["share_of_replicates_better"] <= 1.0
        includes_zero = sure["difference_low"] <= 0 <= sure["difference_high"]
        assert (sure["verdict"] == "cannot tell") == includes_zero


def test_resume_continues_without_repeating(study, tmp_path):
    out = tmp_path / "r"
    assert advise(out, 4) == 0
    first = pd.read_csv(out / "trials.csv")
    assert advise(out, 6, "--resume") == 0
    both = pd.read_csv(out / "trials.csv")
    assert list(both["trial"]) == list(range(6))
    pd.testing.assert_frame_equal(both.iloc[:4].drop(columns="pareto"),
                                  first.drop(columns="pareto"))
    # resumed or not, the same trials
    pd.testing.assert_frame_equal(both, pd.read_csv(study / "trials.csv"))


@pytest.mark.parametrize("option, value, code", [
    ("--budget", "-5", "--budget"), ("--budget", "lots", "--budget"),
    ("--objectives", "coverage,happiness", "--objectives"),
    ("--objectives", "empty_nest_share", "--objectives"),
    ("--constraint", "withdrawn_final<0.05", "--constraint"),
    ("--constraint", "nothing<=1", "--constraint"),
])
def test_bad_option_refused(tmp_path, capsys, option, value, code):
    args = ["advise", "--budget", "75000", "--out", str(tmp_path / "x"), option, value]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("villageaid advise: error: ") and code in err
    assert not (tmp_path / "x").exists()


def test_used_folder_refused(study, tmp_path, capsys):
    assert advise(study) == 2
    assert "--resume" in capsys.readouterr().err
    other = tmp_path / "o"
    other.mkdir()
    (other / "note.txt").write_text("x")
    assert advise(other) == 2
    assert "not empty" in capsys.readouterr().err
    assert advise(tmp_path / "none", 6, "--resume") == 2


def test_search_ranges_inside_the_registry():
    for knob in KNOBS:
        spec = {p.name: p for p in INTERVENTIONS[knob.kind].settings()}[knob.setting]
        assert spec.low <= knob.low < knob.high <= spec.high


def test_constraint_parsing():
    c = parse_constraint("withdrawn_final<=0.05")
    assert (c.metric, c.op, c.value) == ("withdrawn_final", "<=", 0.05)
    assert c.excess(0.04) < 0 < c.excess(0.06)


DASK_ADVISE = """\
import sys
from distributed import LocalCluster
from villageaid.cli import main

if __name__ == "__main__":
    out, *options = sys.argv[1:]
    with LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                      dashboard_address=None, protocol="tcp") as cluster:
        sys.exit(main(["advise", *options, "--out", out,
                       "--scheduler", cluster.scheduler_address]))
"""


def test_a_dask_cluster_gives_the_same_study(study, tmp_path):
    """--scheduler: the replicates and futures run on Dask; same trials and futures."""
    import subprocess
    import sys

    script = tmp_path / "dask_advise.py"
    script.write_text(DASK_ADVISE)
    at = SMALL.index("--workers")
    options = SMALL[:at] + SMALL[at + 2:] + ["--trials", "6"]
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "d"), *options],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in ("trials.csv", "futures.csv"):
        pd.testing.assert_frame_equal(pd.read_csv(study / name),
                                      pd.read_csv(tmp_path / "d" / name))


def test_workers_with_a_scheduler_refused(tmp_path, capsys):
    assert main(["advise", *SMALL, "--trials", "2", "--scheduler", "tcp://127.0.0.1:1",
                 "--out", str(tmp_path / "x")]) == 2
    assert "--workers" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_shares_search_each_interventions_priority(tmp_path):
    """--shares: every trial also draws a priority per intervention, inside the search's
    range, which the portfolio's scenario applies; a resumed study must agree on it."""
    from villageaid.experiments import portfolio
    from villageaid.scenarios.loader import load_preset

    out = tmp_path / "s"
    assert advise(out, 3, "--shares") == 0
    trials = pd.read_csv(out / "trials.csv")
    for knob in KNOBS:
        values = trials[knob.share]
        assert values.between(portfolio.SHARE_LOW, portfolio.SHARE_HIGH).all()
    rec = json.loads((out / "recommendation.json").read_text())
    assert all("priority" in s for s in rec["recommended"]["interventions"].values())
    row = trials.iloc[0]
    params = {n: row[n] for n in portfolio.param_names(True)}
    scenario = portfolio.portfolio_scenario(load_preset("all_levels"), params)
    built = {i.name: i.priority for i in scenario.build_interventions()}
    assert built == {k: s["priority"] for k, s in portfolio.chosen(params).items()}
    assert advise(out, 4, "--resume") == 2  # the study searched shares; this would not
