"""How an advise study's options fare over futures it did not plan for.

    from villageaid.experiments.advise import evaluate_futures
    evaluate_futures(spec, advice, executor)  # advice.futures, recommendation sections

The Pareto set of a search (experiments/advise.py) was found in one future: the
budget as given, the calibrated village, no shock. Robust decision making asks
how each option does when that future does not come (Lempert, Popper and Bankes
2003; EMA Workbench's RDM tutorials). Here a future is one draw of

* three shocks, all starting at the first week of the run's middle year: a cut of
  the committee's income by `grant_cut` (a funding_cut shock lasting to the end of
  the run), a wave taking `migration_wave` of the working-age residents away (an
  out_migration shock) and an eight-week cold wave of severity `cold_wave`;
* the calibrated parameters (calibration/default.toml), each inside the range the
  calibration searched, since the data pin them down only that far;

drawn by Latin hypercube sampling (scipy.stats.qmc) from the study's seed. Every
option runs once in every future with the future's own seed (seed + replicates +
k, seeds the search did not use), so options differ only by what they do (common
random numbers).

For each option, over the futures:

* regret on each objective: how far it falls short of the best option in that
  future (0 when it is the best), reported as the mean and the 90th percentile;
* satisficing robustness: the share of futures in which it meets every criterion
  (each --constraint, or withdrawn_final <= 0.05 when none is given; not the
  budget, which a committee cannot overspend in a future: it spends what it gets).

Where the recommended option fails a criterion, experiments/discovery.py finds
the futures' common features with PRIM.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..sim.committee import WEEKS_PER_YEAR
from ..sim.outcomes import METRICS
from . import portfolio

CALIBRATION = Path(__file__).resolve().parent.parent / "calibration" / "default.toml"
DEFAULT_CRITERION = ("withdrawn_final", "<=", 0.05)  # the example of a constraint
MAX_OPTIONS = 6  # Pareto options evaluated (the recommended first), to bound the runs
REGRET_QUANTILE = 0.9


@dataclass(frozen=True)
class Uncertainty:
    """One dimension of the futures: a shock's severity or a calibrated parameter."""

    name: str
    low: float
    high: float
    kind: str  # "shock" or "param"
    words: str  # what it is, for the plain-language box ("the grant cut")
    unit: str = ""  # "%" shows a share as a percentage
    integer: bool = False


SHOCK_UNCERTAINTIES = (
    Uncertainty("grant_cut", 0.0, 0.5, "shock", "the cut in the committee's income", "%"),
    Uncertainty("migration_wave", 0.0, 0.3, "shock",
                "the share of working-age residents leaving in a wave", "%"),
    Uncertainty("cold_wave", 0.0, 1.0, "shock", "the cold wave's severity"),
)


def calibrated_uncertainties(path: Path = CALIBRATION) -> tuple[Uncertainty, ...]:
    """The calibration's searched parameters with its ranges (its prior)."""
    from .calibration_spec import load_calibration

    spec = load_calibration(path)
    return tuple(Uncertainty(u.name, float(u.low), float(u.high), "param", u.name,
                             integer=isinstance(u.low, int) and isinstance(u.high, int))
                 for u in spec.parameters)


def uncertainties() -> tuple[Uncertainty, ...]:
    return SHOCK_UNCERTAINTIES + calibrated_uncertainties()


def sample_futures(n: int, seed: int, dims: tuple[Uncertainty, ...]) -> pd.DataFrame:
    """`n` futures by Latin hypercube sampling, seeded from the study's seed."""
    from scipy.stats import qmc

    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5EED_F07]))
    unit = qmc.LatinHypercube(d=len(dims), seed=rng).random(n)
    low = np.array([d.low for d in dims])
    high = np.array([d.high for d in dims])
    frame = pd.DataFrame(low + unit * (high - low), columns=[d.name for d in dims])
    for d in dims:
        if d.integer:
            frame[d.name] = frame[d.name].round().astype(int)
    frame.insert(0, "future", np.arange(n))
    return frame


def shock_week(years: int) -> int:
    """The first week of the run's middle year (week 1 in a one-year run)."""
    return WEEKS_PER_YEAR * (years // 2) + 1


def future_scenario(scenario, future: dict, years: int):
    """The scenario in one future: its calibrated parameters and its shocks."""
    from dataclasses import replace

    params = {k: v for k, v in future.items()
              if k not in {u.name for u in SHOCK_UNCERTAINTIES} and k != "future"}
    week = shock_week(years)
    rest = years * WEEKS_PER_YEAR - week + 1
    shocks = []
    if future["grant_cut"] > 0:
        shocks.append({"kind": "funding_cut", "week": week, "duration": rest,
                       "severity": float(future["grant_cut"])})
    if future["migration_wave"] > 0:
        shocks.append({"kind": "out_migration", "week": week, "duration": 1,
                       "severity": float(future["migration_wave"])})
    if future["cold_wave"] > 0:
        shocks.append({"kind": "cold_wave", "week": week, "duration": min(8, rest),
                       "severity": float(future["cold_wave"])})
    return replace(scenario.with_params(**params), shocks=shocks)


# ------------------------------------------------------------------ the runs
@dataclass(frozen=True)
class FutureJob:
    base: object
    years: int
    metrics: tuple[str, ...]


def run_in_future(job: FutureJob, task: tuple) -> tuple[float | None, ...]:
    """One option in one future (in a worker): the metrics the criteria need."""
    params, future, seed = task
    from .advise import headline_metrics

    scenario = future_scenario(portfolio.portfolio_scenario(job.base, dict(params)),
                               dict(future), job.years)
    return headline_metrics(scenario, seed, job.years, job.metrics)


def criteria(spec) -> list[tuple[str, str, float]]:
    """What an option must meet in a future: the study's constraints, or the default
    criterion. Not the budget: in a future the committee spends at most what it
    receives, and a run that spends more than budget x years had a generous grant
    year (grant_cv), not a failing plan."""
    return [(c.metric, c.op, c.value) for c in spec.constraints] or [DEFAULT_CRITERION]


def criterion_text(criterion) -> str:
    metric, op, value = criterion
    return f"{metric}{op}{value:g}"


def options(advice) -> pd.DataFrame:
    """The Pareto options to test, the recommended first, then by the primary
    objective, at most MAX_OPTIONS."""
    pareto = advice.pareto
    if pareto.empty:
        return pareto
    primary = advice.spec.objectives[0]
    sign = -1 if METRICS[primary].better else 1
    ranked = pareto.assign(_key=pareto[primary] * sign).sort_values(["_key", "spent", "trial"])
    chosen = (advice.recommendation.get("recommended") or {}).get("trial")
    if chosen is not None:
        ranked = pd.concat([ranked[ranked["trial"] == chosen], ranked[ranked["trial"] != chosen]])
    return ranked.drop(columns="_key").head(MAX_OPTIONS)


def run_futures(spec, advice, futures: pd.DataFrame, executor, progress=None) -> pd.DataFrame:
    """Every option in every future: one row per (trial, future) with its metrics."""
    from .advise import plain

    table = options(advice)
    metrics = tuple(dict.fromkeys([*spec.objectives, *(c[0] for c in criteria(spec))]))
    job = FutureJob(spec.base_scenario(), spec.years, metrics)
    rows, tasks = [], []
    for _, option in table.iterrows():
        params = tuple((n, plain(option[n])) for n in spec.param_names)
        for future in futures.to_dict("records"):
            seed = spec.seed + spec.replicates + int(future["future"])
            tasks.append((params, tuple(future.items()), seed))
            rows.append({"trial": int(option["trial"]), "future": int(future["future"])})
    results = executor.map(run_in_future, tasks, shared=job, progress=progress)
    frame = pd.DataFrame(rows)
    for k, metric in enumerate(metrics):
        frame[metric] = [np.nan if r[k] is None else r[k] for r in results]
    return frame


# ------------------------------------------------------------------ the scores
def meets(frame: pd.DataFrame, spec) -> pd.Series:
    """True where a run meets every criterion (an undefined metric fails it)."""
    ok = pd.Series(True, index=frame.index)
    for metric, op, value in criteria(spec):
        x = frame[metric]
        ok &= (x <= value) if op == "<=" else (x >= value)
    return ok


def regrets(frame: pd.DataFrame, objectives) -> pd.DataFrame:
    """Each run's shortfall from the best option in the same future, per objective."""
    out = frame[["trial", "future"]].copy()
    for m in objectives:
        by_future = frame.groupby("future")[m]
        best = by_future.transform("max" if METRICS[m].better else "min")
        out[m] = (best - frame[m]) if METRICS[m].better else (frame[m] - best)
    return out


def robustness_table(frame: pd.DataFrame, spec) -> pd.DataFrame:
    """One row per option: satisficing share, and mean and 90th-percentile regret of
    each objective; sorted most robust first (satisficing, then the primary
    objective's 90th-percentile regret)."""
    ok = meets(frame, spec)
    regret = regrets(frame, spec.objectives)
    rows = []
    for trial, runs in frame.groupby("trial", sort=False):
        row = {"trial": int(trial), "futures": int(len(runs)),
               "satisficing": float(ok[runs.index].mean())}
        for m in spec.objectives:
            r = regret.loc[runs.index, m]
            row[f"{m}_mean"] = float(runs[m].mean())
            row[f"regret_{m}_mean"] = float(r.mean())
            row[f"regret_{m}_p90"] = float(r.quantile(REGRET_QUANTILE))
        rows.append(row)
    table = pd.DataFrame(rows)
    primary = f"regret_{spec.objectives[0]}_p90"
    return table.sort_values(["satisficing", primary, "trial"],
                             ascending=[False, True, True]).reset_index(drop=True)


def summary(spec, advice, futures: pd.DataFrame, frame: pd.DataFrame,
            dims: tuple[Uncertainty, ...]) -> dict:
    """recommendation.json's 'robustness' and 'scenario_discovery' sections."""
    from .advise import plain, to_json
    from .discovery import discover

    table = robustness_table(frame, spec)
    portfolios = advice.trials.set_index("trial")["portfolio"]
    rec = (advice.recommendation.get("recommended") or {}).get("trial")
    chosen = advice.trials.set_index("trial")
    out = {"futures": int(len(futures)), "criteria": [criterion_text(c) for c in criteria(spec)],
           "criteria_detail": [{"metric": m, "op": op, "value": v} for m, op, v in criteria(spec)],
           "uncertainties": [{"name": d.name, "low": d.low, "high": d.high, "kind": d.kind}
                             for d in dims],
           "shock_week": shock_week(spec.years),
           "options": [{**{k: to_json(v) for k, v in row.items()},
                        "portfolio": portfolios.get(row["trial"], ""),
                        "interventions": portfolio.chosen(
                            {n: plain(chosen.loc[row["trial"], n])
                             for n in spec.param_names})}
                       for row in table.to_dict("records")],
           "most_robust": int(table.iloc[0]["trial"]) if len(table) else None,
           "recommended_is_most_robust": bool(len(table) and table.iloc[0]["trial"] == rec)}
    discovery = None
    if rec is not None:
        runs = frame[frame["trial"] == rec].set_index("future").loc[futures["future"]]
        fails = ~meets(runs.reset_index(), spec).to_numpy()
        discovery = discover(futures.drop(columns="future"), fails, dims)
    return {"robustness": out, "scenario_discovery": discovery}
