"""`villageaid calibrate`: a bad spec is refused naming each field; the same seed gives
the same trials; a stopped calibration resumes without repeating finished trials and
ends where an uninterrupted one would; and a parameter is recovered from targets the
model itself produced at a known value.

The villages are tiny (200-400 residents, one year, two replicates) so that the
whole file runs in seconds.
"""

import subprocess
import sys
import tomllib

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments import calibration
from villageaid.experiments.calibration_spec import CalibrationError, parse_calibration
from villageaid.sim.params import make_params
from villageaid.sim.run import run_village

SMALL = """
[calibration]
years = 1
replicates = 2
trials = {trials}
seed = {seed}
[calibration.params]
residents = 200

[[parameter]]
name = "willing_share"
low = 0.6
high = 1.0

[[parameter]]
name = "helper_share_elder"
low = 0.2
high = 0.6

[[target]]
metric = "willing"
value = 0.5
tolerance = 0.1

[[target]]
metric = "participation"
value = 0.2
tolerance = 0.1
source = "made up for the test"
"""


def small_spec(tmp_path, trials=6, seed=0):
    path = tmp_path / f"small_{trials}_{seed}.toml"
    path.write_text(SMALL.format(trials=trials, seed=seed))
    return str(path)


def calibrate(spec, out, *options):
    return main(["calibrate", spec, "--out", str(out), "--no-progress", "--workers", "1",
                 *options])


# --------------------------------------------------------------------------- (a)
BAD = """
[calibration]
years = 1
[[parameter]]
name = "loneliness_rse"
low = 0.01
high = 0.05
[[parameter]]
name = "loneliness_rise"
low = 0.5
high = 0.2
[[target]]
metric = "particpation"
value = 0.3
tolerance = 0.07
"""


def test_a_bad_spec_is_refused_naming_each_field_without_a_traceback(tmp_path):
    spec = tmp_path / "bad.toml"
    spec.write_text(BAD)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "villageaid", "calibrate", str(spec), "--out",
                           str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3, lines  # every problem at once, one line each
    unknown, order, metric = lines
    assert "parameter[0].name: 'loneliness_rse' is not a model parameter" in unknown
    assert "did you mean 'loneliness_rise'?" in unknown
    assert "parameter[1]: low 0.5 is not below high 0.2" in order
    assert "target[0].metric: 'particpation' is not a metric of a run" in metric
    assert "did you mean 'participation'?" in metric
    assert not out.exists(), "nothing is written for a bad spec"


@pytest.mark.parametrize("change, where, code", [
    (("low = 0.6", "low = -0.5"), "parameter[0].low", "out_of_range_for"),
    (("tolerance = 0.1\n", "tolerance = 0.0\n"), "target[0].tolerance", "not_positive"),
    (('metric = "willing"', 'metric = "dropout_per_year"'), "target[0].metric",
     "metric_needs_years"),
    (('metric = "willing"', 'metric = "participation"'), "target[1].metric",
     "duplicate_target"),
    (("residents = 200", "residents = 200\nwilling_share = 0.9"), "parameter[0].name",
     "fixed_and_calibrated"),
    (("seed = 0", "seed = 0\nworkers = 2"), "calibration.workers", "unknown_key"),
])
def test_each_kind_of_bad_entry_has_its_code_and_place(change, where, code):
    text = SMALL.format(trials=4, seed=0).replace(*change, 1)
    with pytest.raises(CalibrationError) as exc:
        parse_calibration(text, source="s.toml")
    assert [(p.where, p.code) for p in exc.value.problems] == [(where, code)]
    assert exc.value.lines("zh")[0].startswith(f"s.toml：{where}：")


# --------------------------------------------------------------------------- (b)
def test_the_same_seed_gives_the_same_trials_with_any_number_of_workers(tmp_path, capsys):
    spec = small_spec(tmp_path)
    assert calibrate(spec, tmp_path / "a") == 0
    assert calibrate(spec, tmp_path / "b", "--workers", "2") == 0
    assert calibrate(spec, tmp_path / "c", "--seed", "7") == 0
    a, b, c = ((tmp_path / d / "trials.csv").read_bytes() for d in "abc")
    assert a == b
    assert a != c
    trials = pd.read_csv(tmp_path / "a" / "trials.csv")
    assert trials["trial"].tolist() == list(range(6))
    assert set(trials["state"]) == {"complete"}
    assert trials["willing_share"].between(0.6, 1.0).all()
    assert trials["helper_share_elder"].between(0.2, 0.6).all()
    expected = ((trials["mean_willing"] - 0.5) / 0.1) ** 2 + (
        (trials["mean_participation"] - 0.2) / 0.1) ** 2
    assert np.allclose(trials["distance"], expected, rtol=1e-12)
    assert (tmp_path / "a" / "fit.png").stat().st_size > 10_000
    printed = capsys.readouterr().out
    assert "Best: trial" in printed and "Accepted:" in printed


# --------------------------------------------------------------------------- (c)
@pytest.fixture
def counted_runs(monkeypatch):
    """Count the model runs (every run goes through calibration.run_one; with one
    worker, in this process)."""
    runs = []
    original = calibration.run_one

    def counting(job, task):
        runs.append(task)
        return original(job, task)

    monkeypatch.setattr(calibration, "run_one", counting)
    return runs


def test_resume_continues_to_the_requested_trials_without_repeating_any(
        tmp_path, counted_runs, capsys):
    """4 trials, then on to 12: past the sampler's 10 random start-up trials, so the
    TPE proposals after a resume are checked too."""
    spec = small_spec(tmp_path, trials=4)
    part, whole = tmp_path / "part", tmp_path / "whole"
    assert calibrate(spec, part) == 0
    first = pd.read_csv(part / "trials.csv")
    assert len(first) == 4 and len(counted_runs) == 4 * 2
    # without --resume the folder is not overwritten
    assert calibrate(spec, part, "--trials", "12") == 2
    assert "already holds a calibration (4 of 4 trials finished)" in capsys.readouterr().err
    counted_runs.clear()
    assert calibrate(spec, part, "--trials", "12", "--resume") == 0
    assert len(counted_runs) == 8 * 2, "only the eight new trials ran"
    resumed = pd.read_csv(part / "trials.csv")
    assert resumed["trial"].tolist() == list(range(12))
    pd.testing.assert_frame_equal(resumed.head(4), first)
    assert calibrate(spec, whole, "--trials", "12") == 0
    assert (part / "trials.csv").read_bytes() == (whole / "trials.csv").read_bytes()


def test_ctrl_c_keeps_finished_trials_and_resume_redoes_only_the_stopped_one(
        tmp_path, monkeypatch, capsys):
    spec = small_spec(tmp_path, trials=5)
    whole, stopped = tmp_path / "whole", tmp_path / "stopped"
    assert calibrate(spec, whole) == 0
    original, calls = calibration.run_one, []

    def interrupted(job, task):
        calls.append(task)
        if len(calls) == 6:  # the second replicate of trial 2
            raise KeyboardInterrupt
        return original(job, task)

    monkeypatch.setattr(calibration, "run_one", interrupted)
    assert calibrate(spec, stopped) == 130
    err = capsys.readouterr().err
    assert "interrupted; 2 of 5 trials are saved" in err and "--resume" in err
    assert calibration.saved_trials(stopped) == 2
    calls.clear()
    monkeypatch.setattr(calibration, "run_one", original)
    assert calibrate(spec, stopped, "--resume") == 0
    assert (stopped / "trials.csv").read_bytes() == (whole / "trials.csv").read_bytes()


def test_resuming_with_another_spec_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    assert calibrate(small_spec(tmp_path, trials=2), out) == 0
    other = SMALL.format(trials=2, seed=0).replace("value = 0.5", "value = 0.6")
    (tmp_path / "other.toml").write_text(other)
    assert calibrate(str(tmp_path / "other.toml"), out, "--resume") == 2
    assert "holds a calibration of a different spec (it differs in targets)" in (
        capsys.readouterr().err)
    assert calibrate(small_spec(tmp_path), tmp_path / "new", "--resume") == 2
    assert "does not exist to resume" in capsys.readouterr().err


# --------------------------------------------------------------------------- (d)
RECOVERY = """
[calibration]
years = 1
replicates = 2
trials = 16
seed = 0
[calibration.params]
residents = 400

[[parameter]]
name = "couple_only_share"
low = 0.20
high = 0.45

[[target]]
metric = "empty_nest_share"
value = {value!r}
tolerance = 0.01
"""


def test_a_known_parameter_value_is_recovered_from_the_targets_it_produced(tmp_path):
    """The target is the model's own output at couple_only_share = 0.25 (same seeds,
    same village), so the distance is 0 at the truth. Empty-nest elders are set from
    that share when the village is built, so the target moves with it strongly; a
    calibration that did not apply the sampled values, or the fixed ones, or kept the
    wrong trial, ends nearer the middle of the range."""
    truth, low, high = 0.25, 0.20, 0.45
    value = float(np.mean([
        run_village(make_params(residents=400, couple_only_share=truth), seed=s, years=1)
        .summary["headline"]["empty_nest_share"] for s in (0, 1)]))
    spec = tmp_path / "recover.toml"
    spec.write_text(RECOVERY.format(value=value))
    out = tmp_path / "out"
    assert calibrate(str(spec), out) == 0
    fitted = tomllib.loads((out / "fitted.toml").read_text())
    best = fitted["village"]["couple_only_share"]
    middle = (low + high) / 2
    assert abs(best - truth) < abs(middle - truth) / 3, (best, truth)
    trials = pd.read_csv(out / "trials.csv")
    assert fitted["calibration"]["accepted"] == int(trials["fits"].sum()) >= 1
    spread = fitted["uncertainty"]["couple_only_share"]
    assert low <= spread["p05"] <= spread["p95"] <= high
    assert spread["searched"] == [low, high]
    assert fitted["targets"]["empty_nest_share"]["fits"] is True
