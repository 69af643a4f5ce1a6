"""The command line: outputs on success; one clear line and exit 2 on bad input."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from villageaid.cli import main


@pytest.mark.parametrize("args, words", [
    (["--years", "abc"], ["--years", "'abc'", "1 to 100"]),
    (["--years", "0"], ["--years", "0", "1 to 100"]),
    (["--years", "2.5"], ["--years", "'2.5'", "whole number"]),
    (["--seed", "-3"], ["--seed", "-3", "0 to"]),
    (["--residents", "10"], ["--residents", "10", "20 to 200,000 (persons)"]),
    (["--villages", "500"], ["--villages", "500", "1 to 100"]),
    (["--format", "xlsx"], ["--format", "xlsx", "csv", "parquet"]),
    (["--set", "nonsense=1"], ["nonsense", "unknown parameter"]),
    (["--set", "elder_share=1.5"], ["elder_share", "1.5", "expected 0 to 1 (fraction)"]),
    (["--set", "asks_per_need=many"],
     ["asks_per_need", "'many'", "not a whole number", "1 to 10 (asks)"]),
    (["--set", "elder_share"], ["elder_share", "NAME=VALUE"]),
    (["--set", "alone_share=0.8", "--set", "couple_only_share=0.5"],
     ["alone_share + couple_only_share", "at most 1"]),
])
def test_bad_options_exit_2_with_one_line(args, words, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        code = main(["run", "--out", str(tmp_path / "o"), *args])
        raise SystemExit(code)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    for word in words:
        assert word in err, (word, err)
    assert not (tmp_path / "o").exists(), "nothing is written on bad input"


def test_out_must_not_be_a_file(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["run", "--years", "1", "--residents", "50", "--out", str(target)]) == 2
    assert "--out" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_run_writes_tables_summary_and_figure(fmt, tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["run", "--years", "1", "--seed", "3", "--residents", "120", "--villages", "2",
                 "--set", "kin_hours=2", "--format", fmt, "--out", str(out)])
    assert code == 0
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    ts = read(out / f"timeseries.{fmt}")
    agents = read(out / f"agents.{fmt}")
    assert len(ts) == 52 and ts["week"].tolist() == list(range(1, 53))
    # residents alive at the end (a year: nobody away came home yet)
    assert len(agents) == 240 - ts["deaths"].sum()
    assert {"id", "kind", "status", "efficacy", "burnout"} <= set(agents.columns)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["seed"] == 3 and summary["parameters"]["kin_hours"] == 2.0
    assert 0 <= summary["headline"]["coverage"] <= 1
    assert (out / "curves.png").stat().st_size > 10_000
    assert (out / "population.png").stat().st_size > 10_000
    printed = capsys.readouterr().out
    assert "needs met" in printed and str(out / "summary.json") in printed


def test_help_explains_units_and_ranges():
    text = subprocess.run([sys.executable, "-m", "villageaid", "run", "--help"],
                          capture_output=True, text=True, check=True).stdout
    for option in ("--years", "--seed", "--residents", "--villages", "--out", "--format"):
        assert option in text
    assert "1 to 100" in text and "20 to 200000 persons" in text


def test_params_lists_every_parameter_with_source(capsys):
    from villageaid.sim.params import PARAMETERS

    assert main(["params"]) == 0
    text = capsys.readouterr().out
    for p in PARAMETERS:
        assert f"  {p.name} = " in text
    assert text.count("source: ") == len(PARAMETERS)


@pytest.mark.parametrize("command", [
    ["run", "--years", "1", "--residents", "50"],
    ["compare", "baseline", "casework", "--replicates", "2", "--years", "1", "--residents", "50"],
])
def test_an_out_folder_that_cannot_be_written_stops_before_any_run(command, tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    assert main([*command, "--out", str(blocker / "out")]) == 2
    err = capsys.readouterr()
    assert "--out" in err.err and "cannot be written" in err.err
    assert "Running" not in err.out and "Comparing" not in err.out
