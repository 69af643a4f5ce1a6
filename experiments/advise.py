"""Advise a committee: search intervention portfolios for a budget (`villageaid advise`).

    from villageaid.experiments.advise import run_advise
    from villageaid.experiments.advise_spec import AdviseSpec
    result = run_advise(AdviseSpec(budget=75_000, years=2, trials=8), "out/advise")

Each Optuna trial proposes a portfolio (experiments/portfolio.py: a switch and one
key setting for each of the all_levels preset's interventions) with the
multi-objective NSGA-II sampler, runs it `replicates` times with seeds seed,
seed + 1, ... (the same seeds in every trial: common random numbers), and gives
Optuna each objective metric's mean, in the direction the metric registry says is
better (sim/outcomes.py). The village is the preset's, with no shock, and its
committee's yearly income is the budget: `grant` = budget and `donations` = 0 (the
grant still varies from year to year by `grant_cv`, as in every run).

Constraints (Optuna's constraints_func; a value <= 0 is feasible): `spent <= budget
x years` always (the mean over replicates; a portfolio that would cost more is
still run, the committee scaling every item down, and its cost is reported), and
each `--constraint` such as "withdrawn_final<=0.05" on a metric's mean.

Trial k's sampler is seeded from (seed, k), so the same inputs give the same trials,
whether run in one go or interrupted and resumed (as experiments/calibration.py).
The study lives in DIR/study.db; Ctrl-C keeps the finished trials and `resume`
continues to the requested number.

Then (`futures` > 0) the Pareto options are run in futures the search did not plan
for, grant cuts, out-migration, cold waves and calibrated parameters within their
ranges (experiments/robustness.py), for each option's regret and satisficing
robustness, and PRIM finds where the recommended option fails
(experiments/discovery.py). These runs are quick to repeat and not stored in the
study: a resumed study runs them again.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problem, ProblemError
from ..sim.outcomes import METRICS
from . import portfolio
from .advise_spec import AdviseSpec
from .portfolio import pareto_mask
from .executor import Cancelled, Executor
from .optuna_study import close_interrupted, quiet_optuna, run_remaining
from .stats import mean_interval, paired_difference

STUDY_FILE, STUDY_NAME = "study.db", "advise"
COMPLETE, UNDEFINED = "complete", "undefined"
CANNOT_TELL = "cannot tell"
NOT_DONE = ("robustness across other villages (village types)",)


# ------------------------------------------------------------------ the runs
@dataclass(frozen=True)
class Job:
    """What every run shares; sent once to each worker."""

    base: object
    years: int
    metrics: tuple[str, ...]


def run_one(job: Job, task: tuple) -> tuple[float | None, ...]:
    """One replicate of one portfolio (in a worker): the metrics the study needs."""
    params, seed = task
    return headline_metrics(portfolio.portfolio_scenario(job.base, dict(params)), seed,
                            job.years, job.metrics)


def headline_metrics(scenario, seed: int, years: int, metrics) -> tuple[float | None, ...]:
    """Run `scenario` once; its headline `metrics` (None where undefined)."""
    headline = scenario.run(seed=seed, years=years).summary["headline"]
    return tuple(None if headline[m] is None else float(headline[m]) for m in metrics)


def constraint_values(spec: AdviseSpec, means: dict[str, float]) -> list[float]:
    """Optuna's constraints (<= 0 feasible): the budget first, then each --constraint."""
    return [means["spent"] - spec.budget_total,
            *(c.excess(means[c.metric]) for c in spec.constraints)]


def _constraints_func(trial) -> list[float]:
    return list(trial.user_attrs.get("constraints", [0.0]))


def sampler_for(spec: AdviseSpec, index: int):
    """NSGA-II seeded from the study's seed and the trial's place, so a resumed study
    proposes what an uninterrupted one would have."""
    from optuna.samplers import NSGAIISampler

    state = int(np.random.SeedSequence([spec.seed, index]).generate_state(1)[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # experimental-feature notes
        return NSGAIISampler(population_size=spec.population_size(), seed=state,
                             constraints_func=_constraints_func)


def run_trial(study, spec: AdviseSpec, job: Job, executor: Executor, index: int,
              progress=None) -> None:
    """Propose, run and score trial `index`; stored as it ends. Interrupted (Ctrl-C, lost
    workers), it is marked failed, run again on resume, and the interruption goes on."""
    from optuna.trial import TrialState

    study.sampler = sampler_for(spec, index)
    trial = study.ask(portfolio.distributions(spec.shares))
    trial.set_user_attr("index", index)
    params = tuple((n, trial.params[n]) for n in spec.param_names)
    tasks = [(params, seed) for seed in spec.seeds]
    try:
        runs = executor.map(run_one, tasks, shared=job, progress=progress)
    except BaseException:
        study.tell(trial, state=TrialState.FAIL)
        raise
    by_metric = {m: [r[k] for r in runs] for k, m in enumerate(job.metrics)}
    trial.set_user_attr("runs", by_metric)
    if any(None in v for v in by_metric.values()):
        trial.set_user_attr("state", UNDEFINED)
        study.tell(trial, state=TrialState.FAIL)
        return
    means = {m: float(np.mean(v)) for m, v in by_metric.items()}
    trial.set_user_attr("constraints", constraint_values(spec, means))
    trial.set_user_attr("state", COMPLETE)
    study.tell(trial, [means[m] for m in spec.objectives])


# ------------------------------------------------------------------ the study
def _storage(out: Path) -> str:
    return f"sqlite:///{(out / STUDY_FILE).resolve()}"


def open_study(spec: AdviseSpec, out: str | os.PathLike, resume: bool):
    """A new study in an empty folder, or (resume) the one the same inputs started.
    Refuses, with coded problems, a non-empty folder without resume, or a study of
    other inputs."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ProblemError([Problem("out_is_file", "--out", str(out), shown=repr(str(out)))])
    optuna = quiet_optuna()
    if (out / STUDY_FILE).exists():
        study = _load_study(out)
        if not resume:
            raise ProblemError([Problem("advise_exists", facts={
                "done": len(finished_trials(study))})], str(out))
        stored = study.user_attrs.get("fingerprint") or {}
        changed = [k for k, v in spec.fingerprint().items() if stored.get(k) != v]
        if changed:
            raise ProblemError([Problem("advise_different", facts={
                "changed": ", ".join(changed)})], str(out))
        close_interrupted(study)
        return study
    if resume:
        raise ProblemError([Problem("advise_nothing_to_resume")], str(out))
    if out.exists() and any(out.iterdir()):
        raise ProblemError([Problem("advise_folder_not_empty")], str(out))
    out.mkdir(parents=True, exist_ok=True)
    directions = ["maximize" if METRICS[m].better else "minimize" for m in spec.objectives]
    study = optuna.create_study(storage=_storage(out), study_name=STUDY_NAME,
                                directions=directions, load_if_exists=True)
    study.set_user_attr("fingerprint", spec.fingerprint())
    return study


def _load_study(out: Path):
    try:
        return quiet_optuna().load_study(study_name=STUDY_NAME, storage=_storage(out))
    except Exception as err:  # noqa: BLE001 (a damaged or foreign file, in one line)
        raise ProblemError([Problem("advise_unreadable", facts={
            "file": STUDY_FILE, "reason": type(err).__name__})], str(out)) from None


def finished_trials(study) -> list:
    """Complete trials and those failed for the model's reason, in order; not those an
    interruption stopped."""
    from optuna.trial import TrialState

    done = [t for t in study.get_trials(deepcopy=False)
            if t.state == TrialState.COMPLETE
            or (t.state == TrialState.FAIL and t.user_attrs.get("state") == UNDEFINED)]
    return sorted(done, key=lambda t: t.user_attrs["index"])


def run_advise(spec: AdviseSpec, out: str | os.PathLike, *, workers: int | None = 1,
               resume: bool = False, progress: bool = False, on_start=None,
               scheduler=None, on_stage=None, cancelled=None) -> Advice:
    """Run the trials not finished yet and write trials.csv, pareto.csv and
    recommendation.json into `out`; return the Advice. `on_start(spec, done, where)`
    is called before the first trial. The runs go to `workers` local processes, or to
    the Dask cluster at `scheduler` (an address or a distributed Client).
    `on_stage(stage, done, total)` is told of each trial ("search") and of the
    futures ("futures"); Cancelled is raised between trials, and before the futures,
    once `cancelled()` says so (the dashboard's Advise page)."""
    stage = on_stage or (lambda *_: None)
    # the cluster is reached before the study's folder is written
    with Executor(workers, scheduler=scheduler) as executor:
        study = open_study(spec, out, resume)
        done = len(finished_trials(study))
        job = Job(spec.base_scenario(), spec.years, spec.metrics)
        run_remaining(study, spec, job, run_trial, done=done, label="advise", workers=workers,
                      progress=progress, on_start=on_start, executor=executor,
                      on_trial=lambda i, n: stage("search", i, n), cancelled=cancelled)
        stage("search", spec.trials, spec.trials)
        result = summarise(study, spec, job.base)
        if spec.futures > 0 and not result.pareto.empty:
            if cancelled is not None and cancelled():
                raise Cancelled()
            stage("futures", 0, 1)
            evaluate_futures(spec, result, executor, progress=progress)
    result.save(out)
    return result


def evaluate_futures(spec: AdviseSpec, advice: Advice, executor: Executor, *,
                 progress=False) -> None:
    """Run the Pareto options over `spec.futures` futures; the robustness and scenario
    discovery sections go into the recommendation, the runs into advice.futures."""
    from . import robustness
    from .executor import ProgressBar

    dims = robustness.uncertainties()
    futures = robustness.sample_futures(spec.futures, spec.seed, dims)
    n_runs = len(robustness.options(advice)) * len(futures)
    bar = ProgressBar(n_runs, "futures") if progress else None
    try:
        runs = robustness.run_futures(spec, advice, futures, executor, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    advice.futures = futures.merge(runs, on="future").sort_values(["trial", "future"])
    advice.recommendation.update(robustness.summary(spec, advice, futures, runs, dims))


# ------------------------------------------------------------------ the result
@dataclass
class Advice:
    spec: AdviseSpec
    trials: pd.DataFrame  # trials.csv
    runs: dict[int, dict[str, list[float]]] = field(repr=False)
    recommendation: dict
    futures: pd.DataFrame | None = field(default=None, repr=False)  # futures.csv

    @property
    def pareto(self) -> pd.DataFrame:
        return self.trials[self.trials["pareto"]]

    def save(self, out) -> dict[str, Path]:
        out = Path(out)
        paths = {"trials": out / "trials.csv", "pareto": out / "pareto.csv",
                 "recommendation": out / "recommendation.json", "study": out / STUDY_FILE}
        self.trials.to_csv(paths["trials"], index=False)
        self.pareto.to_csv(paths["pareto"], index=False)
        if self.futures is not None:
            paths["futures"] = out / "futures.csv"
            self.futures.to_csv(paths["futures"], index=False)
            robust = self.recommendation["robustness"]["options"]
            paths["robustness"] = out / "robustness.csv"
            pd.DataFrame(robust).to_csv(paths["robustness"], index=False)
        paths["recommendation"].write_text(
            json.dumps(to_json(self.recommendation), indent=2) + "\n", encoding="utf-8")
        return paths


def plain(value):
    return value.item() if hasattr(value, "item") else value


def to_json(value):
    """Plain JSON: numpy scalars as numbers, NaN (no interval) as null."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    value = plain(value)
    return None if isinstance(value, float) and not math.isfinite(value) else value


def summarise(study, spec: AdviseSpec, base) -> Advice:
    trials, runs = trials_frame(study, spec, base)
    return Advice(spec, trials, runs, recommend(spec, trials, runs))


def trials_frame(study, spec: AdviseSpec, base) -> tuple[pd.DataFrame, dict]:
    """One row per finished trial: its portfolio, planned yearly cost, each metric's
    mean with its 95% interval, spent, each constraint, feasible and pareto; `same_as`
    is the first trial of the same portfolio (NSGA-II can propose one twice, and with
    the same seeds it runs the same), which alone stands for it on the front."""
    rows, runs, first = [], {}, {}
    for trial in finished_trials(study):
        index, state = trial.user_attrs["index"], trial.user_attrs.get("state", COMPLETE)
        params = {n: trial.params[n] for n in spec.param_names}
        scenario = portfolio.portfolio_scenario(base, params)
        key = repr(portfolio.chosen(params))
        row = {"trial": index, "state": state, "portfolio": portfolio.describe(params),
               "same_as": first.setdefault(key, index),
               **params, "planned_cost_per_year": portfolio.planned_cost_per_year(scenario)}
        by_metric = trial.user_attrs.get("runs", {})
        for m in spec.metrics:
            iv = mean_interval(by_metric.get(m, []), METRICS[m].bounds)
            row.update({m: iv["mean"], f"{m}_low": iv["low"], f"{m}_high": iv["high"]})
        row["budget_total"] = spec.budget_total
        cons = trial.user_attrs.get("constraints")
        names = ["spent<=budget x years", *(c.text for c in spec.constraints)]
        for name, value in zip(names, cons or [math.nan] * len(names)):
            row[f"excess {name}"] = value
        row["feasible"] = state == COMPLETE and all(v <= 0 for v in cons or [1.0])
        rows.append(row)
        if state == COMPLETE:
            runs[index] = by_metric
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=["trial", "state", "portfolio", "feasible"])
    mask = np.asarray(pareto_mask(frame, spec.objectives), bool)
    if len(mask):
        mask &= (frame["same_as"] == frame["trial"]).to_numpy()
    frame["pareto"] = mask
    return frame, runs


def recommend(spec: AdviseSpec, trials: pd.DataFrame, runs: dict) -> dict:
    """The feasible Pareto trial best on the primary (first) objective, cheaper on a tie;
    against the runner-up (the next-best feasible trial on it): the share of paired
    replicates where it is better, and the paired 95% interval ('cannot tell' when it
    includes 0)."""
    primary = spec.objectives[0]
    better = METRICS[primary].better
    base = {"primary_objective": primary, "budget_per_year": spec.budget,
            "budget_total": spec.budget_total, "not_yet_done": list(NOT_DONE)}
    feasible = trials[trials["feasible"].astype(bool)] if not trials.empty else trials
    if feasible.empty:
        return {**base, "recommended": None,
                "reason": "no trial met every constraint; relax a constraint or add trials"}
    ranked = feasible.assign(_key=feasible[primary] * (-1 if better else 1)).sort_values(
        ["_key", "spent", "trial"])
    pareto = ranked[ranked["pareto"]]
    best = pareto.iloc[0]
    rest = ranked[ranked["same_as"] != best["same_as"]]  # another portfolio
    out = {**base, "recommended": _describe_row(best, spec)}
    if rest.empty:
        out["runner_up"] = None
        out["how_sure"] = {"verdict": CANNOT_TELL, "reason": "only one feasible trial"}
        return out
    runner = rest.iloc[0]
    out["runner_up"] = _describe_row(runner, spec)
    out["how_sure"] = how_sure(runs[int(best["trial"])][primary],
                               runs[int(runner["trial"])][primary], primary)
    return out


def how_sure(best: list[float], runner: list[float], metric: str) -> dict:
    """Paired replicates (same seeds): the share where `best` beats `runner` on the
    metric, and best - runner with its paired 95% interval."""
    a, b = np.asarray(runner, float), np.asarray(best, float)
    wins = (b > a) if METRICS[metric].better else (b < a)
    d = paired_difference(a, b, METRICS[metric].bounds)
    good = (d["mean"] > 0) == bool(METRICS[metric].better)
    verdict = ("better" if good else "worse") if d["resolved"] else CANNOT_TELL
    return {"share_of_replicates_better": float(wins.mean()), "replicates": int(len(a)),
            "difference": d["mean"], "difference_low": d["low"], "difference_high": d["high"],
            "verdict": verdict}


def _describe_row(row: pd.Series, spec: AdviseSpec) -> dict:
    params = {n: plain(row[n]) for n in spec.param_names}
    return {"trial": int(row["trial"]), "portfolio": row["portfolio"],
            "interventions": portfolio.chosen(params),
            "planned_cost_per_year": float(row["planned_cost_per_year"]),
            "over_budget_as_planned": bool(row["planned_cost_per_year"] > spec.budget),
            "objectives": {m: {"mean": row[m], "low": row[f"{m}_low"],
                               "high": row[f"{m}_high"]} for m in spec.metrics},
            "within_budget": bool(row["spent"] <= spec.budget_total)}
