"""Calibration: fit the uncertain model parameters of a spec to its target patterns.

    from villageaid.experiments.calibration import run_calibration
    from villageaid.experiments.calibration_spec import load_calibration
    result = run_calibration(load_calibration("calibration/default.toml"), "out/calibration")

Each Optuna trial proposes a value for every uncertain parameter (TPE), runs the
spec's village `replicates` times with seeds seed, seed + 1, ... (the same seeds
in every trial: common random numbers, so two trials differ only through their
parameter values), takes each target metric's mean over the replicates, and
scores the distance

    sum over targets of ((mean - value) / tolerance) ** 2.

Trial k's proposal is drawn by a sampler seeded from (seed, k) and the trials
finished before it, so the same spec and seed give the same trials, whether the
replicates run here or on worker processes (executor.Executor) and whether the
study ran in one go or was interrupted and resumed. The study lives in an SQLite
file, DIR/study.db: a trial is stored as it finishes, Ctrl-C keeps those, and
`resume=True` continues to the requested number of trials.

Once the trials are done the result is the best trial, and for each parameter
the 5th to 95th percentile over the accepted trials (those whose every target
mean lies within its tolerance: ABC rejection). TPE samples more densely near
good fits than a prior would, so that range says where fits were found, not a
posterior. DIR receives trials.csv and fitted.toml (and, from the CLI, fit.png).
"""

from __future__ import annotations

import json
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problem
from ..scenarios.scenario import Scenario
from ..scenarios.toml_writer import toml_value
from ..sim.outcomes import METRICS
from ..sim.params import ParameterError
from .calibration_spec import CalibrationError, CalibrationSpec, load_calibration
from .executor import Executor
from .optuna_study import close_interrupted, quiet_optuna, run_remaining
from .stats import mean_interval

STUDY_FILE = "study.db"
STUDY_NAME = "calibration"
TRIALS_FILE = "trials.csv"
FITTED_FILE = "fitted.toml"
# Why a trial gave no distance: its values made no valid village, or a target metric
# had no value in some replicate. Such trials count as finished; a trial stopped by
# Ctrl-C (or left running by a killed process) does not, and is run again on resume.
INVALID, UNDEFINED, COMPLETE = "invalid", "undefined", "complete"
UNCERTAINTY_PERCENTILES = (5.0, 95.0)


@dataclass(frozen=True)
class Job:
    """What every run of a calibration shares; sent once to each worker."""

    scenario: Scenario
    years: int
    metrics: tuple[str, ...]


def run_one(job: Job, task: tuple) -> tuple[float | None, ...]:
    """One replicate of one trial (in a worker): the target metrics of the village
    with the trial's values, run with the replicate's seed."""
    values, seed = task
    result = job.scenario.with_params(**dict(values)).run(seed=seed, years=job.years)
    headline = result.summary["headline"]
    return tuple(None if headline[m] is None else float(headline[m]) for m in job.metrics)


def distance(spec: CalibrationSpec, means: dict[str, float]) -> float:
    """How far the means are from the targets, each gap in units of its tolerance."""
    return float(sum(((means[t.metric] - t.value) / t.tolerance) ** 2 for t in spec.targets))


# ------------------------------------------------------------------- the study
def _fingerprint(spec: CalibrationSpec) -> dict:
    return json.loads(json.dumps(spec.fingerprint()))  # as stored: tuples become lists


def _storage(out: Path) -> str:
    return f"sqlite:///{(out / STUDY_FILE).resolve()}"


def open_study(spec: CalibrationSpec, out: str | os.PathLike, resume: bool):
    """The folder's study: a new one in an empty folder, or (resume) the one the same
    spec started. Refuses, with a coded problem, to start over a folder that holds
    anything, or to resume a study of another spec."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise CalibrationError([Problem("calibration_out_is_file")], str(out))
    optuna = quiet_optuna()
    if (out / STUDY_FILE).exists():
        study = _load_study(out)
        if not resume:
            raise CalibrationError([Problem("calibration_exists", facts={
                "done": len(finished_trials(study)),
                "trials": study.user_attrs.get("trials", "?")})], str(out))
        stored = study.user_attrs.get("fingerprint") or {}
        changed = [k for k, v in _fingerprint(spec).items() if stored.get(k) != v]
        if changed:
            raise CalibrationError([Problem("different_calibration", facts={
                "changed": ", ".join(changed)})], str(out))
        close_interrupted(study)
        study.set_user_attr("trials", max(spec.trials, study.user_attrs.get("trials", 0)))
        return study
    if resume:  # resuming nothing would silently start a new study somewhere else
        code = "no_calibration_to_resume" if out.exists() else "no_calibration_folder"
        raise CalibrationError([Problem(code)], str(out))
    if out.exists() and any(out.iterdir()):
        raise CalibrationError([Problem("calibration_folder_not_empty")], str(out))
    out.mkdir(parents=True, exist_ok=True)
    study = optuna.create_study(storage=_storage(out), study_name=STUDY_NAME,
                                direction="minimize", load_if_exists=True)
    study.set_user_attr("fingerprint", _fingerprint(spec))
    study.set_user_attr("source", spec.source)
    study.set_user_attr("trials", spec.trials)
    return study


def _load_study(out: Path):
    optuna = quiet_optuna()
    try:
        return optuna.load_study(study_name=STUDY_NAME, storage=_storage(out))
    except Exception as err:  # noqa: BLE001 (a damaged or foreign file, in one line)
        raise CalibrationError([Problem("calibration_unreadable", facts={
            "file": STUDY_FILE, "reason": type(err).__name__})], str(out)) from None


def finished_trials(study) -> list:
    """The finished trials in order: complete, or failed for a reason of the model
    (invalid village, undefined metric); not those stopped by an interruption."""
    from optuna.trial import TrialState

    done = [t for t in study.get_trials(deepcopy=False)
            if t.state == TrialState.COMPLETE
            or (t.state == TrialState.FAIL and t.user_attrs.get("state") in (INVALID, UNDEFINED))]
    return sorted(done, key=lambda t: t.user_attrs["index"])


def saved_trials(out: str | os.PathLike) -> int:
    """How many trials the study in `out` has finished (0 when there is none)."""
    if not (Path(out) / STUDY_FILE).exists():
        return 0
    try:
        return len(finished_trials(_load_study(Path(out))))
    except CalibrationError:
        return 0


def sampler_for(seed: int, index: int):
    """TPE seeded from the spec's seed and the trial's place: trial k's proposal
    depends only on these and the trials finished before it, so a resumed study
    proposes what an uninterrupted one would have."""
    from optuna.samplers import TPESampler

    state = int(np.random.SeedSequence([seed, index]).generate_state(1)[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Optuna's notes on arguments of other versions
        return TPESampler(seed=state)


def distributions(spec: CalibrationSpec) -> dict:
    from optuna.distributions import FloatDistribution, IntDistribution

    return {p.name: (IntDistribution(p.low, p.high) if p.param.kind is int
                     else FloatDistribution(p.low, p.high)) for p in spec.parameters}


def run_trial(study, spec: CalibrationSpec, job: Job, executor: Executor, index: int,
              progress=None) -> None:
    """Propose, run and score trial `index`; it is stored as it ends. Interrupted
    (Ctrl-C, lost workers), it is marked failed and the interruption goes on up."""
    from optuna.trial import TrialState

    study.sampler = sampler_for(spec.seed, index)
    trial = study.ask(distributions(spec))
    trial.set_user_attr("index", index)
    values = {p.name: trial.params[p.name] for p in spec.parameters}
    try:
        spec.scenario.with_params(**values)
    except ParameterError as err:  # only with more parameters than the corners checked
        trial.set_user_attr("state", INVALID)
        trial.set_user_attr("reason", str(err))
        study.tell(trial, state=TrialState.FAIL)
        return
    tasks = [(tuple(values.items()), seed) for seed in spec.seeds]
    try:
        runs = executor.map(run_one, tasks, shared=job, progress=progress)
    except BaseException:
        study.tell(trial, state=TrialState.FAIL)  # not finished: run again on resume
        raise
    by_metric = {m: [r[k] for r in runs] for k, m in enumerate(spec.metrics)}
    trial.set_user_attr("runs", by_metric)
    if any(None in v for v in by_metric.values()):
        trial.set_user_attr("state", UNDEFINED)
        study.tell(trial, state=TrialState.FAIL)
        return
    means = {m: float(np.mean(v)) for m, v in by_metric.items()}
    trial.set_user_attr("state", COMPLETE)
    study.tell(trial, distance(spec, means))


def run_calibration(spec, out: str | os.PathLike, *, workers: int | None = 1,
                    resume: bool = False, progress: bool = False, on_start=None
                    ) -> Calibration:
    """Run the spec's trials (those not finished yet, with resume) and write
    trials.csv and fitted.toml into `out`; return the Calibration.

    Args:
        spec: a CalibrationSpec or a spec file path.
        out: the folder of the study (new or empty; with resume, the folder of the
            study to continue).
        workers: processes running the replicates of a trial (1: here).
        progress: show a progress bar over the runs.
        on_start: called with (spec, finished, workers_text) before the first trial.
    """
    spec = spec if isinstance(spec, CalibrationSpec) else load_calibration(spec)
    study = open_study(spec, out, resume)
    done = len(finished_trials(study))
    job = Job(spec.scenario, spec.years, tuple(spec.metrics))
    run_remaining(study, spec, job, run_trial, done=done, label="calibrate", workers=workers,
                  progress=progress, on_start=on_start)
    result = summarise(study, spec)
    result.save(out)
    return result


# ------------------------------------------------------------------- the result
@dataclass
class Calibration:
    """A calibration's trials and what they say.

    Attributes:
        spec: the spec it ran.
        trials: one row per finished trial (see trials_frame).
        runs: each complete trial's replicate values, {trial: {metric: [...]}}.
    """

    spec: CalibrationSpec
    trials: pd.DataFrame
    runs: dict[int, dict[str, list[float]]]

    @property
    def complete(self) -> pd.DataFrame:
        return self.trials[self.trials["state"] == COMPLETE]

    @property
    def accepted(self) -> pd.DataFrame:
        """The trials whose every target mean lies within its tolerance."""
        return self.complete[self.complete["fits"]]

    @property
    def best(self) -> pd.Series | None:
        """The complete trial with the smallest distance (the first, on a tie)."""
        complete = self.complete
        if complete.empty:
            return None
        return complete.loc[complete["distance"].idxmin()]

    def uncertainty(self) -> dict[str, tuple[float, float]]:
        """Each parameter's 5th-95th percentile over the accepted trials ({} if none)."""
        accepted = self.accepted
        if accepted.empty:
            return {}
        return {name: tuple(float(q) for q in np.percentile(accepted[name],
                                                              UNCERTAINTY_PERCENTILES))
                for name in self.spec.names}

    def fit(self) -> list[dict]:
        """Each target at the best trial: its mean over replicates with a 95% interval
        (inside what the metric can be), and whether it lies within the tolerance."""
        best = self.best
        if best is None:
            return []
        runs = self.runs[int(best["trial"])]
        rows = []
        for t in self.spec.targets:
            interval = mean_interval(runs[t.metric], METRICS[t.metric].bounds)
            rows.append({"metric": t.metric, "value": t.value, "tolerance": t.tolerance,
                         "mean": interval["mean"], "low": interval["low"],
                         "high": interval["high"], "runs": runs[t.metric],
                         "fits": t.fits(interval["mean"]), "source": t.source})
        return rows

    def save(self, out: str | os.PathLike) -> dict[str, Path]:
        """Write trials.csv and fitted.toml into `out`; return their paths."""
        paths = output_paths(out)
        del paths["study"]
        self.trials.to_csv(paths["trials"], index=False)
        paths["fitted"].write_text(fitted_toml(self), encoding="utf-8")
        return paths


def output_paths(out: str | os.PathLike) -> dict[str, Path]:
    """Where a calibration in `out` keeps its tables and its study."""
    out = Path(out)
    return {"trials": out / TRIALS_FILE, "fitted": out / FITTED_FILE, "study": out / STUDY_FILE}


def trials_frame(study, spec: CalibrationSpec) -> tuple[pd.DataFrame, dict]:
    """One row per finished trial, in order: trial, state, each parameter, each target's
    mean (mean_METRIC), the distance and whether every target fits; and the replicate
    values of each complete trial."""
    rows, runs = [], {}
    for trial in finished_trials(study):
        index, state = trial.user_attrs["index"], trial.user_attrs.get("state", COMPLETE)
        row = {"trial": index, "state": state, **{n: trial.params[n] for n in spec.names}}
        by_metric = trial.user_attrs.get("runs", {})
        means = {m: (float(np.mean(by_metric[m])) if state == COMPLETE else math.nan)
                 for m in spec.metrics}
        row.update({f"mean_{m}": v for m, v in means.items()})
        row["distance"] = trial.value if state == COMPLETE else math.nan
        row["fits"] = state == COMPLETE and all(t.fits(means[t.metric]) for t in spec.targets)
        rows.append(row)
        if state == COMPLETE:
            runs[index] = by_metric
    columns = ["trial", "state", *spec.names, *(f"mean_{m}" for m in spec.metrics),
               "distance", "fits"]
    return pd.DataFrame(rows, columns=columns), runs


def summarise(study, spec: CalibrationSpec) -> Calibration:
    frame, runs = trials_frame(study, spec)
    return Calibration(spec, frame, runs)


def fitted_toml(result: Calibration) -> str:
    """fitted.toml: the best values (a [village] table to paste into a scenario file),
    each parameter's range over the accepted trials, and each target's fit."""
    spec, best = result.spec, result.best
    accepted, spread = result.accepted, result.uncertainty()
    lines = [
        "# villageaid calibrate: the best fit of the spec's uncertain parameters to its targets.",
        "# distance = sum over targets of ((mean - value) / tolerance)^2, means over replicates.",
        "# accepted = trials whose every target mean lies within its tolerance (ABC rejection);",
        "# [uncertainty] gives each parameter's 5th-95th percentile over them. TPE samples more",
        "# densely near good fits, so read it as where fits were found, not as a posterior.",
        "[calibration]",
        f"spec = {toml_value(spec.source)}",
        f"trials = {len(result.trials)}",
        f"replicates = {spec.replicates}",
        f"seeds = [{', '.join(str(s) for s in spec.seeds)}]",
        f"years = {spec.years}",
        f"accepted = {len(accepted)}",
    ]
    if best is None:
        lines += ["# no trial gave a distance: see the state column of trials.csv"]
        return "\n".join(lines) + "\n"
    lines += [f"best_trial = {int(best['trial'])}", f"distance = {float(best['distance'])!r}",
              "", "[village]  # the best values; paste into a scenario file's [village] table"]
    lines += [f"{p.name} = {toml_value(p.param.kind(best[p.name]))}" for p in spec.parameters]
    for p in spec.parameters:
        lines += ["", f"[uncertainty.{p.name}]", f"searched = [{toml_value(p.low)}, "
                  f"{toml_value(p.high)}]"]
        if p.name in spread:
            low, high = spread[p.name]
            lines += [f"p05 = {low!r}", f"p95 = {high!r}"]
        else:
            lines += ["# no accepted trial: no range"]
    for row in result.fit():
        lines += ["", f"[targets.{row['metric']}]", f"value = {row['value']!r}",
                  f"tolerance = {row['tolerance']!r}", f"mean = {row['mean']!r}"]
        if not math.isnan(row["low"]):
            lines += [f"low95 = {row['low']!r}", f"high95 = {row['high']!r}"]
        lines += [f"fits = {toml_value(bool(row['fits']))}"]
        if row["source"]:
            lines += [f"source = {toml_value(row['source'])}"]
    return "\n".join(lines) + "\n"
