"""The facts a policy brief is written from, read back from a `villageaid compare` folder.

The brief (visualization/brief.py) must never claim more than the comparison shows, so
everything here comes from the files compare wrote: summary.csv (means and intervals),
differences.csv (paired differences from the reference), replicates.csv (to pair any
two scenarios the same way compare pairs them), equity.csv, comparison.json (seeds,
years, the command that reproduces it) and scenarios/NAME.toml (the village and budget).
A folder that is not a comparison is refused with a coded problem, never a traceback.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..problems import Problem, ProblemError
from ..sim.outcomes import METRICS
from .stats import paired_difference

# What compare writes that a brief needs; the first is how a folder is recognised.
NEEDED = ("comparison.json", "summary.csv", "differences.csv", "replicates.csv")
# The metric the recommendation rests on: needs met (coverage), higher is better.
DECIDING = "coverage"
# Living arrangement, the grouping of the equity section.
EQUITY_GROUPING = "living arrangement"


@dataclass
class Pair:
    """One scenario against the best on the deciding metric, paired by seed."""

    scenario: str
    diff: float  # best minus this scenario
    low: float
    high: float
    resolved: bool
    needed: float  # replicates that would resolve it (compare's estimate)


@dataclass
class BriefFacts:
    folder: Path
    reference: str
    scenarios: list[str]
    descriptions: dict[str, str]
    replicates: int
    seeds: list[int]
    years: dict[str, int]
    village: dict[str, float]  # residents, elders, grant, donations
    summary: pd.DataFrame
    differences: pd.DataFrame
    equity: pd.DataFrame
    rerun: str
    best: str
    pairs: list[Pair] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)  # comparison.json's *_version
    figure: Path | None = None

    def mean(self, scenario: str, metric: str) -> tuple[float, float, float] | None:
        """(mean, low, high) of a metric for a scenario, or None when compare has none."""
        s = self.summary[(self.summary.scenario == scenario) & (self.summary.metric == metric)]
        if s.empty or pd.isna(s.iloc[0]["mean"]):
            return None
        r = s.iloc[0]
        return float(r["mean"]), float(r["low"]), float(r["high"])

    def has(self, metric: str) -> bool:
        return bool((self.summary.metric == metric).any()
                    and self.summary.loc[self.summary.metric == metric, "mean"].notna().any())


def gather(folder: Path) -> BriefFacts:
    """Everything the brief says, from a compare folder; ProblemError when it is not one."""
    folder = Path(folder)
    _check_folder(folder)
    meta = _read_json(folder / "comparison.json")
    summary = pd.read_csv(folder / "summary.csv")
    scenarios = list(dict.fromkeys(summary["scenario"]))
    replicates = pd.read_csv(folder / "replicates.csv")
    best = _best(summary, scenarios)
    equity_path = folder / "equity.csv"
    figure = folder / "comparison.png"
    return BriefFacts(
        folder=folder, reference=meta.get("reference", scenarios[0]), scenarios=scenarios,
        descriptions={sc: _description(folder, meta, sc) for sc in scenarios},
        replicates=int(meta.get("replicates", replicates["replicate"].nunique())),
        seeds=list(meta.get("seeds", [])), years=dict(meta.get("years", {})),
        village=_village(folder, meta, scenarios[0], equity_path),
        summary=summary, differences=pd.read_csv(folder / "differences.csv"),
        equity=pd.read_csv(equity_path) if equity_path.is_file() else pd.DataFrame(),
        rerun=str(meta.get("rerun", "")), best=best,
        pairs=[_pair(replicates, best, sc) for sc in scenarios if sc != best],
        figure=figure if figure.is_file() else None,
        versions={k: str(v) for k, v in meta.items() if k.endswith("_version")})


def _check_folder(folder: Path) -> None:
    """Refuse what is not a compare folder, naming the path and what was expected."""
    shown = repr(str(folder))
    if not folder.exists():
        raise ProblemError([Problem("brief_no_folder", "DIR", str(folder), shown=shown)])
    if not folder.is_dir():
        raise ProblemError([Problem("brief_not_folder", "DIR", str(folder), shown=shown)])
    missing = [name for name in NEEDED if not (folder / name).is_file()]
    if missing:
        raise ProblemError([Problem("brief_not_comparison", "DIR", str(folder), {
            "missing": ", ".join(missing)}, shown=shown)])
    try:
        summary = pd.read_csv(folder / "summary.csv")
        ok = {"scenario", "metric", "mean", "low", "high"} <= set(summary.columns) and (
            summary.metric == DECIDING).any()
    except (ValueError, OSError):
        ok = False
    if not ok:
        raise ProblemError([Problem("brief_bad_summary", "DIR", str(folder), shown=shown)])


def _read_json(path: Path) -> dict:
    """comparison.json, or a coded problem naming it when it is not JSON."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as err:
        raise ProblemError([Problem("brief_bad_json", str(path), facts={
            "reason": str(err)})]) from None
    if not isinstance(data, dict):
        raise ProblemError([Problem("brief_bad_json", str(path), facts={
            "reason": "not a JSON object"})])
    return data


def _best(summary: pd.DataFrame, scenarios: list[str]) -> str:
    """The scenario with the highest mean needs met (ties: the first listed)."""
    rows = summary[summary.metric == DECIDING].set_index("scenario")["mean"]
    return max(scenarios, key=lambda sc: (rows.get(sc, -math.inf), -scenarios.index(sc)))


def _pair(replicates: pd.DataFrame, best: str, other: str) -> Pair:
    """best - other on needs met, replicate by replicate (the same seeds), as compare
    pairs each scenario with its reference (stats.paired_difference)."""
    a = replicates[replicates.scenario == other].set_index("replicate")[DECIDING]
    b = replicates[replicates.scenario == best].set_index("replicate")[DECIDING]
    common = a.index.intersection(b.index)
    p = paired_difference(a[common].to_numpy(), b[common].to_numpy(),
                          METRICS[DECIDING].bounds)
    return Pair(other, float(p["mean"]), float(p["low"]), float(p["high"]),
                bool(p["resolved"]), float(p["replicates_needed"]))


def _scenario(folder: Path, meta: dict, name: str):
    """The scenario file compare saved, read with the project's loader (None if unreadable:
    the brief then leaves out what only the file says)."""
    from ..scenarios.loader import read_scenario_file

    path = folder / meta.get("scenario_files", {}).get(name, f"scenarios/{name}.toml")
    try:
        return read_scenario_file(path)
    except (ProblemError, OSError, ValueError):
        return None


def _description(folder: Path, meta: dict, name: str) -> str:
    scenario = _scenario(folder, meta, name)
    return scenario.description if scenario is not None else ""


def _village(folder: Path, meta: dict, reference: str, equity_path: Path) -> dict:
    """Residents, elders (at the end, mean over the reference's replicates) and budget."""
    out: dict[str, float] = {}
    scenario = _scenario(folder, meta, reference)
    if scenario is not None:
        p = scenario.params.as_dict()
        out.update({k: float(p[k]) for k in ("residents", "grant", "donations", "villages")
                    if k in p})
    if equity_path.is_file():
        eq = pd.read_csv(equity_path)
        rows = eq[(eq.scenario == reference) & (eq.grouping == EQUITY_GROUPING)
                  & (eq.figure == "elders")]
        if len(rows):
            out["elders"] = float(rows["mean"].sum())
    return out
