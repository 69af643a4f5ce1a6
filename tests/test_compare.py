"""The compare engine and `villageaid compare`: intervals, pairing, parallel = serial."""

import dataclasses
import math
import os

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from villageaid.cli import main
from villageaid.experiments.compare import compare
from villageaid.experiments.report import format_report
from villageaid.experiments.stats import (mean_interval, paired_difference, pairing_limit, t975,
                                          unpaired_difference)
from villageaid.scenarios import load_scenario


def small(name, residents=200, years=3):
    sc = load_scenario(name)
    return dataclasses.replace(sc, params=sc.params.replace(residents=residents), years=years)


@pytest.fixture(scope="module")
def comparison():
    return compare([small("baseline"), small("casework")], replicates=3, seed=4)


def test_summary_has_every_scenario_and_metric(comparison):
    s = comparison.summary
    assert set(s.scenario) == {"baseline", "casework"}
    for metric in ("coverage", "participation", "resilience_depth", "cost_per_need_met"):
        assert metric in set(s.metric)
    assert (s.n == 3).all()
    cov = s[(s.scenario == "casework") & (s.metric == "coverage")].iloc[0]
    assert cov.low <= cov["mean"] <= cov.high


def test_paired_difference_is_the_mean_of_replicate_differences(comparison):
    reps = comparison.replicates
    a = reps[reps.scenario == "baseline"].sort_values("replicate")["participation"].to_numpy()
    b = reps[reps.scenario == "casework"].sort_values("replicate")["participation"].to_numpy()
    d = comparison.differences
    row = d[(d.scenario == "casework") & (d.metric == "participation")].iloc[0]
    assert row["diff"] == pytest.approx((b - a).mean())
    assert sorted(reps[reps.scenario == "casework"].seed) == [4, 5, 6]


def test_parallel_workers_give_the_same_comparison(comparison):
    again = compare([small("baseline"), small("casework")], replicates=3, seed=4, workers=2)
    assert_frame_equal(again.replicates, comparison.replicates, check_exact=True)
    assert_frame_equal(again.curves, comparison.curves, check_exact=True)


def test_report_and_files(comparison, tmp_path):
    text = format_report(comparison)
    assert "Difference from baseline" in text and "casework" in text
    paths = comparison.save(tmp_path)
    for key in ("summary", "differences", "replicates", "curves", "layers", "table", "figure"):
        assert paths[key].exists()
    table = pd.read_csv(paths["table"])
    assert "casework - baseline" in table.columns


def test_t_quantiles_match_student_t():
    stats = pytest.importorskip("scipy.stats")
    for df in range(1, 400):
        assert t975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=1e-4), df


def test_intervals_leave_out_missing_values_and_handle_few():
    assert mean_interval([None, 1, 2, np.nan, 3, 4, 5]) == mean_interval([1, 2, 3, 4, 5])
    assert mean_interval([])["n"] == 0
    single = mean_interval([7.0])
    assert single["mean"] == 7.0 and np.isnan(single["low"])
    same = mean_interval([2.0, 2.0, 2.0])
    assert same["low"] == same["high"] == same["mean"] == 2.0


def test_stats_against_hand_computed_values():
    assert t975(4) == 2.7764 and t975(1000) == pytest.approx(1.962, abs=0.002)
    m = mean_interval([1, 2, 3, 4, 5])
    assert m["mean"] == 3 and m["high"] - 3 == pytest.approx(1.963, abs=1e-3)
    p = paired_difference([1, 2, 3], [2, 3, 4.5])
    assert p["mean"] == pytest.approx(7 / 6)
    u = unpaired_difference([1, 2, 3], [2, 3, 4.5])
    assert u["mean"] == pytest.approx(7 / 6)
    assert (u["high"] - u["low"]) > (p["high"] - p["low"])  # pairing removes the shared part


def test_a_single_scenario_is_summarised_without_differences(tmp_path):
    alone = compare([small("baseline", years=1)], replicates=2, seed=0)
    assert alone.differences.empty
    paths = alone.save(tmp_path, figure=False)
    assert list(pd.read_csv(paths["table"]).columns) == ["metric", "unit", "baseline"]
    assert "Difference from" not in format_report(alone)


def test_cli_compare_writes_tables(tmp_path, capsys):
    out = tmp_path / "cmp"
    code = main(["compare", "baseline", "teams", "--replicates", "2", "--years", "3",
                 "--residents", "150", "--workers", "1", "--no-progress", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Difference from baseline" in printed
    assert (out / "comparison.png").stat().st_size > 10_000
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary.scenario) == {"baseline", "teams"}


def test_a_saved_comparison_says_how_to_run_it_again_bit_for_bit(tmp_path, monkeypatch, capsys):
    import json
    import shlex

    out = tmp_path / "cmp"
    assert main(["compare", "baseline", "casework", "--replicates", "2", "--years", "2",
                 "--residents", "150", "--seed", "7", "--no-progress", "--out", str(out)]) == 0
    meta = json.loads((out / "comparison.json").read_text())
    assert meta["seeds"] == [7, 8] and meta["replicates"] == 2 and meta["reference"] == "baseline"
    assert meta["years"] == {"baseline": 2, "casework": 2}
    assert set(meta["scenario_files"]) == {"baseline", "casework"}
    assert meta["villageaid_version"] and meta["mesa_version"]
    rerun = shlex.split(meta["rerun"])
    assert rerun[:2] == ["villageaid", "compare"]
    monkeypatch.chdir(out)  # the scenario files are named relative to the folder
    assert main([*rerun[1:], "--no-progress", "--out", str(tmp_path / "again")]) == 0
    capsys.readouterr()
    assert (tmp_path / "again" / "replicates.csv").read_bytes() == \
        (out / "replicates.csv").read_bytes()


@pytest.mark.parametrize("args, words", [
    (["baseline", "baseline"], ["names one twice"]),
    (["baseline", "nonsense"], ["nonsense"]),
    (["baseline", "teams", "--replicates", "1"], ["--replicates", "2 to 10000"]),
])
def test_cli_compare_rejects_bad_input(args, words, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(["compare", *args, "--out", str(tmp_path / "o")]))
    assert exc.value.code == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err
    assert not (tmp_path / "o").exists()


def test_ctrl_c_stops_a_comparison_with_one_line_and_exit_130(tmp_path):
    """Ctrl-C reaches the command and its workers (one process group): the command
    stops at once with one line, no traceback from it or from a worker."""
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "villageaid.cli", "compare", "baseline", "teams",
         "--replicates", "40", "--workers", "2", "--no-progress", "--out", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert "Comparing" in proc.stdout.readline()
    time.sleep(1.0)
    started = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # as the terminal does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip() == "villageaid compare: interrupted; nothing was written"
    assert time.monotonic() - started < 20  # the runs not started are dropped
    assert not any(tmp_path.iterdir())


def test_pairing_limit_is_reached_by_a_perfect_coupling_and_never_passed():
    """No pairing narrows a difference below |sd(a) - sd(b)|: a perfectly coupled
    pair (b rises with a) reaches the bound; shuffled pairings stay under it."""
    a = np.array([0.70, 0.74, 0.75, 0.78, 0.80, 0.83])
    b = 0.9 + 0.25 * (a - a.mean())  # a saturating effect: b varies a quarter as much
    width = lambda d: d["high"] - d["low"]  # noqa: E731
    ratio = width(unpaired_difference(a, b)) / width(paired_difference(a, b))
    limit = pairing_limit(a, b)
    assert limit["correlation"] == pytest.approx(1.0)
    assert ratio == pytest.approx(limit["bound"])
    assert limit["bound"] < 1.5  # sd(b) = sd(a) / 4 caps the gain
    rng = np.random.default_rng(0)
    for _ in range(20):
        shuffled = rng.permutation(b)
        assert width(unpaired_difference(a, shuffled)) / width(
            paired_difference(a, shuffled)) <= limit["bound"] + 1e-12
    assert pairing_limit(a, a + 0.1)["bound"] == math.inf  # equal spreads: no limit
    assert math.isnan(pairing_limit([1.0], [2.0])["bound"])
