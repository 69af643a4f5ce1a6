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
from villageaid.visualization.compare_figure import plot_comparison
from villageaid.visualization.report import format_report
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
    paths["figure"] = plot_comparison(comparison, tmp_path / "comparison.png")
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
    paths = alone.save(tmp_path)
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
    (["baseline", "teams", "--replicates", "1"], ["--replicates", "2 to 10,000"]),
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


# ------------------------------------------------------- intervals inside what is possible
from villageaid.experiments.compare import METRICS  # noqa: E402
from villageaid.visualization.report import format_report as report  # noqa: E402
from villageaid.experiments.stats import (  # noqa: E402
    AMOUNT, SHARE, proportion_interval, replicates_needed,
)


def test_a_share_near_its_ceiling_keeps_its_interval_inside_0_1():
    values = [0.95, 0.99, 1.0]
    plain = mean_interval(values)
    assert plain["high"] > 1  # what a t-interval gives
    share = mean_interval(values, SHARE)
    assert 0 <= share["low"] < share["mean"] < share["high"] <= 1
    near_zero = mean_interval([0.0, 0.001, 0.011], SHARE)
    assert mean_interval([0.0, 0.001, 0.011])["low"] < 0 <= near_zero["low"]


def test_counts_and_costs_keep_their_intervals_at_or_above_0():
    values = [0.0, 0.1, 8.5]
    assert mean_interval(values)["low"] < 0
    amount = mean_interval(values, AMOUNT)
    assert 0 <= amount["low"] < amount["mean"] < amount["high"]
    assert mean_interval([0.0, 0.0, 0.0], AMOUNT) == {"mean": 0.0, "low": 0.0, "high": 0.0,
                                                     "n": 3}


def test_paired_differences_of_shares_stay_inside_minus_1_1():
    a, b = [0.0, 0.05, 0.0], [1.0, 0.92, 0.99]
    assert paired_difference(a, b)["high"] > 1
    d = paired_difference(a, b, SHARE)
    assert -1 <= d["low"] < d["mean"] < d["high"] <= 1
    u = unpaired_difference(a, b, SHARE)
    assert -1 <= u["low"] and u["high"] <= 1


def test_intervals_far_from_the_bounds_agree_with_the_t_interval():
    values = [0.48, 0.5, 0.52, 0.49, 0.51]
    plain, share = mean_interval(values), mean_interval(values, SHARE)
    assert share["low"] == pytest.approx(plain["low"], abs=5e-4)
    assert share["high"] == pytest.approx(plain["high"], abs=5e-4)


def test_a_share_of_replicates_gets_a_wilson_interval():
    w = proportion_interval([1, 1, 1])
    assert w["mean"] == 1 and w["high"] == 1 and 0.4 < w["low"] < 0.5  # Wilson: 0.438
    assert proportion_interval([0, 1])["low"] > 0


def test_every_metric_has_a_range_and_every_summary_interval_stays_inside_it(comparison):
    for name, metric in METRICS.items():
        assert metric.bounds[0] < metric.bounds[1], name
    s = comparison.summary.dropna(subset=["low"])
    lows = s.metric.map(lambda m: METRICS[m].bounds[0])
    highs = s.metric.map(lambda m: METRICS[m].bounds[1])
    assert (s["low"] >= lows).all() and (s["high"] <= highs).all()
    assert ((s["low"] <= s["mean"]) & (s["mean"] <= s["high"])).all()


def test_a_difference_whose_interval_includes_0_is_not_given_a_direction(comparison):
    d = comparison.differences
    includes_zero = (d.paired_low <= 0) & (d.paired_high >= 0)
    assert (d.resolved == ~includes_zero).all()
    text = report(comparison)
    for _, row in d[~d.resolved & d.metric.isin(["coverage", "burnout"])].iterrows():
        assert f"{row['scenario']} vs baseline, {METRICS[row['metric']].label}" in text
    if (~d.resolved).any():
        assert "cannot tell" in text and "Cannot tell apart with 3 replicates" in text


def test_replicates_needed_resolves_the_observed_difference_with_80_percent_power():
    d = np.array([0.01, -0.03, 0.05])
    n = replicates_needed(d)
    assert n > 3
    sd, mean = d.std(ddof=1), abs(d.mean())
    assert (t975(n - 1) + 0.8416) * sd / math.sqrt(n) <= mean
    assert (t975(n - 2) + 0.8416) * sd / math.sqrt(n - 1) > mean  # and no fewer would do
    assert replicates_needed([0.1, -0.1]) == math.inf  # no difference on average


def test_the_report_speaks_chinese(comparison):
    text = report(comparison, "zh")
    assert "平均值与 95% 区间" in text
    assert ("无法区分" in text) == bool((~comparison.differences.resolved).any())


def test_figures_in_chinese_have_every_glyph(comparison, tmp_path):
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = plot_comparison(comparison, tmp_path / "zh.png", lang="zh")
    assert path.stat().st_size > 10_000
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not missing, missing[:3]


def test_cli_compare_in_chinese(tmp_path, capsys):
    code = main(["compare", "baseline", "casework", "--replicates", "2", "--years", "1",
                 "--residents", "200", "--no-progress", "--lang", "zh",
                 "--out", str(tmp_path / "zh")])
    assert code == 0
    out = capsys.readouterr().out
    assert "平均值与 95% 区间" in out and "需求满足" in out
    assert (tmp_path / "zh" / "comparison.png").exists()


def test_the_dashboard_says_cannot_tell_and_never_that_bands_decide(comparison):
    from villageaid.visualization.compare_view import difference_table
    from villageaid.visualization.i18n import UI
    table = difference_table(comparison, "en")
    verdicts = table["what the replicates show"]
    resolved = comparison.differences["resolved"].to_numpy()
    assert all(v in ("B higher", "B lower") for v in verdicts[resolved])
    assert all(v.startswith("cannot tell apart with 3 replicates") for v in verdicts[~resolved])
    for en, zh in UI.values():
        assert "really differ" not in en and "确有差异" not in zh
