"""Sensitivity indices of small Sobol and Morris sweeps, with SALib.

In the baseline scenario nothing is paid for, so the committee's grant has no
effect on any output: its indices must come out (near) zero, while the share of
younger-old elders who help drives coverage."""

import shutil

import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments.sensitivity import COLUMNS, analyse
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
    assert (cov["low"] <= cov["value"]).all() and (cov["value"] <= cov["high"]).all()
    # every analysed output has both indices for both parameters
    assert (t.groupby("output").size() == 4).all()
    # nothing is spent without interventions; drop-out a year needs a second year
    assert "spent" in result.skipped and "dropout_per_year" in result.skipped
    assert "spent" not in set(t.output) and "dropout_per_year" not in set(t.output)


def test_morris_indices(morris_dir):
    result = analyse(morris_dir, outputs=["coverage", "participation"], resamples=200)
    t = result.table
    assert set(t.output) == {"coverage", "participation"}
    assert sorted(set(t["index"])) == ["mu", "mu_star", "sigma"]
    assert len(t) == 2 * 2 * 3
    cov = t[t.output == "coverage"].set_index(["parameter", "index"])["value"]
    assert cov["grant", "mu_star"] == 0.0 and cov["grant", "sigma"] == 0.0
    assert cov["helper_share_elder", "mu_star"] > 0.01


def test_cli_writes_table_and_figure(sobol_dir, tmp_path, capsys):
    out = tmp_path / "sens"
    assert main(["sensitivity", str(sobol_dir), "--out", str(out), "--resamples", "100"]) == 0
    printed = capsys.readouterr().out
    assert "Sobol" in printed and "helper_share_elder" in printed
    table = pd.read_csv(out / "sensitivity.csv")
    assert list(table.columns) == COLUMNS and len(table) > 0
    png = (out / "sensitivity.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_cli_errors(sobol_dir, tmp_path, capsys):
    # an unfinished sweep
    partial = tmp_path / "partial"
    shutil.copytree(sobol_dir, partial)
    sorted((partial / "runs").glob("part-*.parquet"))[0].unlink()
    # a folder that holds no sweep, and an unknown output
    for args, words in [
        ([str(partial)], ["8 of 32 runs are missing", "--resume"]),
        ([str(tmp_path)], ["not a sweep folder"]),
        ([str(sobol_dir), "--output", "happiness"], ["--output happiness", "coverage"]),
    ]:
        assert main(["sensitivity", *args]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and all(w in err for w in words), err


def test_lhs_sweep_has_no_indices(tmp_path, capsys):
    spec = tmp_path / "lhs.toml"
    spec.write_text(SPEC.format(design="lhs", samples=2))
    run_sweep(spec, out=tmp_path / "lhs", workers=1)
    assert main(["sensitivity", str(tmp_path / "lhs")]) == 2
    err = capsys.readouterr().err
    assert "design 'lhs'" in err and "sobol" in err
