"""Sensitivity indices of small Sobol, Morris and LHS sweeps, and the warnings on them.

In the baseline scenario nothing is paid for, so the committee's grant has no
effect on any output: its indices must come out (near) zero, while the share of
younger-old elders who help drives coverage. The tiny sweeps here are far too
small to trust, so they must say so; synthetic stores (a known function of the
parameters, no model runs) check the PRCC and that a large enough sample is quiet."""

import shutil

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from scipy.stats import rankdata

from villageaid.cli import main
from villageaid.experiments.sensitivity import COLUMNS, WARNING_COLUMNS, analyse, prcc
from villageaid.experiments.spec import SweepError
from villageaid.experiments.store import ResultStore, runs_schema
from villageaid.experiments.sweep import run_sweep

SPEC = """\
name = "{design}_small"
scenario = "baseline"
years = 1
design = "{design}"
samples = {samples}
seed = 5

[village]
residents = 150

[[parameters]]
name = "helper_share_elder"
low = 0.1
high = 0.8

[[parameters]]
name = "grant"
low = 20000.0
high = 120000.0
"""


def _sweep(tmp_path_factory, design, samples):
    root = tmp_path_factory.mktemp(design)
    spec = root / "spec.toml"
    spec.write_text(SPEC.format(design=design, samples=samples))
    out = root / "sweep"
    run_sweep(spec, out=out, workers=2, batch=8)
    return out


@pytest.fixture(scope="module")
def sobol_dir(tmp_path_factory):
    return _sweep(tmp_path_factory, "sobol", 8)       # 8 x (2 + 2) = 32 runs


@pytest.fixture(scope="module")
def morris_dir(tmp_path_factory):
    return _sweep(tmp_path_factory, "morris", 4)      # 4 x (2 + 1) = 12 runs


def _synthetic(root, kind, samples, f, names=("x1", "x2", "x3"), seed=3):
    """A finished sweep store of design `kind` whose one output is f(x) at each point
    (x in [0, 1] per parameter): no model runs, so any size is cheap."""
    from SALib.sample import latin, morris, sobol

    problem = {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}
    x = {"lhs": lambda: latin.sample(problem, samples, seed=seed),
         "sobol": lambda: sobol.sample(problem, samples, calc_second_order=False, seed=seed),
         "morris": lambda: morris.sample(problem, samples, num_levels=4, seed=seed),
         "grid": lambda: np.array([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)],
                                  float)}[kind]()
    y = f(x)
    points = [list(map(float, row)) for row in x]
    store = ResultStore.create(root, {
        "name": f"synthetic_{kind}", "seed": seed, "fingerprint": {"morris_levels": 4},
        "parameters": [{"name": n, "kind": "float"} for n in names],
        "design": {"kind": kind, "names": list(names), "points": points, "raw": points,
                   "problem": problem},
        "replicates": 1, "total_runs": len(x)})
    columns = {"run_id": [f"r{k}" for k in range(len(x))], "point": list(range(len(x))),
               "replicate": [0] * len(x), "seed": [seed] * len(x),
               **{n: x[:, j] for j, n in enumerate(names)}, "out": y}
    schema = runs_schema([(n, "float") for n in names], ["out"])
    store.write_batch(pa.table(columns, schema=schema))
    return root


def _linear(x):
    return x[:, 0] + 2 * x[:, 1] + 0.5 * x[:, 2]


def test_sobol_indices(sobol_dir):
    result = analyse(sobol_dir, resamples=200)
    t = result.table
    assert list(t.columns) == COLUMNS and (t["method"] == "sobol").all()
    cov = t[t.output == "coverage"]
    assert len(cov) == 4
    assert sorted(zip(cov["parameter"], cov["index"])) == [
        ("grant", "S1"), ("grant", "ST"), ("helper_share_elder", "S1"),
        ("helper_share_elder", "ST")]
    idx = cov.set_index(["parameter", "index"])["value"]
    assert abs(idx["grant", "S1"]) < 0.05 and abs(idx["grant", "ST"]) < 0.05
    assert idx["helper_share_elder", "ST"] > 0.5
    # intervals are shares of variance too: inside [0, 1], whatever the estimate
    assert ((t["low"] >= 0) & (t["high"] <= 1) & (t["low"] <= t["high"])).all()
    # every analysed output has both indices for both parameters
    assert (t.groupby("output").size() == 4).all()
    # nothing is spent without interventions; drop-out a year needs a second year
    assert "spent" in result.skipped and "dropout_per_year" in result.skipped
    assert "spent" not in set(t.output) and "dropout_per_year" not in set(t.output)
    # N = 8 is far too few, and says so, with what a larger N would give
    w = result.warnings
    assert list(w.columns) == WARNING_COLUMNS and result.size == 8
    small = w[w.problem == "small_sample"].message.iloc[0]
    assert "N = 8 base samples" in small and "1/sqrt(N)" in small and "N = 32" in small
    # an estimate outside [0, 1] is flagged, in the table and among the warnings
    outside = t[(t.value < -0.01) | (t.value > 1.01)]
    assert (outside["flag"].str.contains("outside")).all()
    assert set(outside.output) <= set(w[w.problem == "outside_range"].output)


def test_morris_indices(morris_dir):
    result = analyse(morris_dir, outputs=["coverage", "participation"], resamples=200)
    t = result.table
    assert set(t.output) == {"coverage", "participation"}
    assert sorted(set(t["index"])) == ["mu", "mu_star", "sigma"]
    assert len(t) == 2 * 2 * 3
    cov = t[t.output == "coverage"].set_index(["parameter", "index"])["value"]
    assert cov["grant", "mu_star"] == 0.0 and cov["grant", "sigma"] == 0.0
    assert cov["helper_share_elder", "mu_star"] > 0.01
    mu_star = t[t["index"] == "mu_star"]
    assert (mu_star["low"] >= 0).all()      # mu* is a mean of absolute values
    small = result.warnings[result.warnings.problem == "small_sample"].message
    assert len(small) == 1 and "r = 4 trajectories" in small.iloc[0]


def test_cli_writes_table_and_figure(sobol_dir, tmp_path, capsys):
    out = tmp_path / "sens"
    assert main(["sensitivity", str(sobol_dir), "--out", str(out), "--resamples", "100"]) == 0
    printed = capsys.readouterr().out
    assert "Sobol" in printed and "helper_share_elder" in printed and "N = 8" in printed
    assert "Warnings (" in printed and "too few" in printed
    table = pd.read_csv(out / "sensitivity.csv")
    assert list(table.columns) == COLUMNS and len(table) > 0
    warnings = pd.read_csv(out / "sensitivity_warnings.csv")
    assert list(warnings.columns) == WARNING_COLUMNS and len(warnings) > 0
    png = (out / "sensitivity.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_cli_errors(sobol_dir, tmp_path, capsys):
    # an unfinished sweep
    partial = tmp_path / "partial"
    shutil.copytree(sobol_dir, partial)
    sorted((partial / "runs").glob("part-*.parquet"))[0].unlink()
    # a folder that holds no sweep, an unknown output, a grid (no structure to analyse)
    grid = _synthetic(tmp_path / "grid", "grid", None, _linear)
    for args, words in [
        ([str(partial)], ["8 of 32 runs are missing", "--resume"]),
        ([str(tmp_path)], ["not a sweep folder"]),
        ([str(sobol_dir), "--output", "happiness"], ["--output happiness", "coverage"]),
        ([str(grid)], ["design 'grid'", "sobol", "lhs"]),
    ]:
        assert main(["sensitivity", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and all(w in err for w in words), err


def test_small_sobol_warns_and_a_large_one_does_not(tmp_path, capsys):
    small = analyse(_synthetic(tmp_path / "small", "sobol", 8, _linear), resamples=100)
    assert small.size == 8
    assert any("N = 8" in m and "would give about" in m for m in small.warnings.message)
    large = analyse(_synthetic(tmp_path / "large", "sobol", 1024, _linear), resamples=100)
    assert large.size == 1024 and large.warnings.empty
    assert (large.table["flag"] == "").all()
    st = large.table[large.table["index"] == "ST"].set_index("parameter")["value"]
    assert st["x2"] > st["x1"] > st["x3"] > 0       # variances 4 : 1 : 0.25
    assert main(["sensitivity", str(tmp_path / "large"), "--resamples", "100"]) == 0
    assert "Warnings" not in capsys.readouterr().out


def test_sobol_interval_wider_than_its_range_cannot_tell(tmp_path, capsys):
    # a noisy output at N = 2: intervals wider than [0, 1] are printed as "cannot tell"
    noise = np.random.default_rng(0)
    root = _synthetic(tmp_path / "s", "sobol", 2, lambda x: noise.normal(size=len(x)))
    result = analyse(root, resamples=100)
    lost = result.table[result.table["conf"] > 0.5]
    assert len(lost) and lost["flag"].str.contains("cannot tell").all()
    assert (lost["low"] == 0).all() and (lost["high"] == 1).all()
    assert "cannot_tell" in set(result.warnings.problem)
    assert main(["sensitivity", str(root), "--no-plot", "--resamples", "100"]) == 0
    assert "cannot tell" in capsys.readouterr().out


def test_prcc_of_a_monotone_output(tmp_path):
    # out rises with x1 (steeply, not linearly) and ignores x2 and x3
    noise = np.random.default_rng(1)
    root = _synthetic(tmp_path / "m", "lhs", 200,
                      lambda x: np.exp(4 * x[:, 0]) + noise.normal(size=len(x)), seed=5)
    result = analyse(root)
    t = result.table.set_index("parameter")
    assert result.method == "prcc" and (t["index"] == "PRCC").all() and result.size == 200
    assert t.loc["x1", "value"] > 0.95 and t.loc["x1", "low"] > 0.9
    assert t.loc["x1", "flag"] == ""
    for noise in ("x2", "x3"):
        assert t.loc[noise, "low"] < 0 < t.loc[noise, "high"]
        assert t.loc[noise, "flag"] == "interval includes 0"
    assert ((t["low"] >= -1) & (t["low"] <= t["value"]) & (t["value"] <= t["high"])
            & (t["high"] <= 1)).all()
    w = result.warnings
    assert "small_sample" not in set(w.problem)
    assert w[w.problem == "includes_zero"].entries.iloc[0] == "PRCC x2; PRCC x3"
    # exactly monotone: the ranks of out are those of x1, nothing is left for x2 and x3
    exact = analyse(_synthetic(tmp_path / "exact", "lhs", 60, lambda x: np.exp(4 * x[:, 0])))
    t = exact.table.set_index("parameter")
    assert t.loc["x1", "value"] == pytest.approx(1.0) and t.loc["x1", "low"] > 0.99
    assert t.loc[["x2", "x3"], "value"].isna().all()
    assert t.loc[["x2", "x3"], "flag"].str.startswith("undefined").all()


def test_prcc_is_the_partial_correlation_of_ranks():
    rng = np.random.default_rng(4)
    x = rng.random((40, 3))
    y = x[:, 0] ** 3 - x[:, 1] + 0.3 * rng.normal(size=40)
    r, low, high = prcc(x, y)
    ranks = np.column_stack([rankdata(c) for c in np.column_stack([x, y]).T])
    inv = np.linalg.inv(np.corrcoef(ranks.T))
    expected = [-inv[j, 3] / np.sqrt(inv[j, j] * inv[3, 3]) for j in range(3)]
    np.testing.assert_allclose(r, expected, atol=1e-12)
    # Fisher z: atanh(r) +- 1.96 / sqrt(n - 2 - p)
    np.testing.assert_allclose(np.arctanh(high) - np.arctanh(r), 1.959964 / np.sqrt(35),
                               rtol=1e-5)
    assert (low < r).all() and (r < high).all()


def test_prcc_needs_more_points_than_parameters(tmp_path):
    root = _synthetic(tmp_path / "few", "lhs", 5, _linear)
    with pytest.raises(SweepError, match="5 design points are too few .* at least 6"):
        analyse(root)


def test_lhs_sweep_is_analysed_with_prcc(tmp_path, capsys):
    spec = tmp_path / "lhs.toml"
    spec.write_text(SPEC.format(design="lhs", samples=12))
    run_sweep(spec, out=tmp_path / "lhs", workers=1)
    out = tmp_path / "sens"
    assert main(["sensitivity", str(tmp_path / "lhs"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "PRCC" in printed and "n = 12 design points" in printed and "too few" in printed
    table = pd.read_csv(out / "sensitivity.csv")
    assert list(table.columns) == COLUMNS and (table["method"] == "prcc").all()
    assert set(table.parameter) == {"helper_share_elder", "grant"}
    assert table[["low", "value", "high"]].abs().le(1).all().all()
    assert ((table["low"] <= table["value"]) & (table["value"] <= table["high"])).all()
    cov = table[table.output == "coverage"].set_index("parameter")
    assert cov.loc["helper_share_elder", "value"] > 0.5
    png = (out / "sensitivity.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    assert (out / "sensitivity_warnings.csv").is_file()


def test_cli_in_chinese_writes_a_chinese_table_and_figure(sobol_dir, tmp_path, capsys):
    import warnings

    out = tmp_path / "zh"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["sensitivity", str(sobol_dir), "--out", str(out), "--resamples", "100",
                     "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "Sobol 一阶" in text and "参数" in text
    assert (out / "sensitivity.png").stat().st_size > 10_000
    assert not [w for w in caught if "missing from" in str(w.message)]
