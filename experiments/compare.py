"""Compare scenarios over seeded replicates: the engine behind `villageaid compare`,
the dashboard's Compare page and notebooks.

For each scenario and headline metric: the mean and 95% interval over
replicates. For each scenario after the first: its difference from the first,
replicate by replicate (common random numbers, a paired interval), next to the
interval the same difference would have if the replicates were independent,
so the gain of pairing is visible.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..sim.equity import EQUITY_COLUMNS
from ..sim.outcomes import COMPARED, Metric
from ..sim.outcomes import METRICS as ALL_METRICS
from .replicates import CURVE_COLUMNS, ReplicateResult, metrics_frame, run_replicates
from .stats import (
    AMOUNT, SHARE, UNBOUNDED, bounded_interval, mean_interval, paired_difference, pairing_limit,
    proportion_interval, t975, unpaired_difference,
)

# The headline figures compared over replicates, in report order (sim/outcomes.py).
METRICS: dict[str, Metric] = {name: ALL_METRICS[name] for name in COMPARED}


def metric_interval(metric: str, values) -> dict:
    """Mean and 95% interval of one metric over replicates, inside its range."""
    m = METRICS[metric]
    return proportion_interval(values) if m.kind == "runs" else mean_interval(values, m.bounds)


@dataclass
class Comparison:
    scenarios: list[str]
    replicates: pd.DataFrame  # one row per (scenario, replicate)
    summary: pd.DataFrame  # scenario, metric, mean, low, high, n
    differences: pd.DataFrame  # scenario, metric, diff, paired_low/high, unpaired_low/high
    curves: pd.DataFrame  # scenario, week, column, mean, low, high
    layers: pd.DataFrame  # scenario, layer, indicator, figure, mean, low, high
    # how it was made: version, seeds, years, and each scenario as a TOML file
    # (filled in by compare(); empty when the comparison was assembled by hand)
    provenance: dict = field(default_factory=dict)
    # when each scenario's shocks and interventions start, for the figures' marks
    # (schedule(); empty when the comparison was assembled by hand)
    schedule: dict = field(default_factory=dict)
    # scenario, grouping, group, figure, mean, low, high, n: each replicate's equity
    # table (sim/equity.py) summarised over replicates (equity_over_replicates)
    equity: pd.DataFrame = field(default_factory=pd.DataFrame)

    def table(self) -> pd.DataFrame:
        """A wide table for printing: one row per metric, 'mean [low, high]' per scenario."""
        rows = []
        for metric in [m for m in METRICS if m in set(self.summary["metric"])]:
            row = {"metric": METRICS[metric].label, "unit": METRICS[metric].unit}
            for sc in self.scenarios:
                s = self.summary[(self.summary.scenario == sc) & (self.summary.metric == metric)]
                row[sc] = _fmt(s.iloc[0]) if len(s) else ""
            rows.append(row)
        return pd.DataFrame(rows)

    def difference_table(self) -> pd.DataFrame:
        rows = []
        for metric in [m for m in METRICS if m in set(self.differences["metric"])]:
            row = {"metric": METRICS[metric].label}
            for sc in self.scenarios[1:]:
                d = self.differences[(self.differences.scenario == sc)
                                     & (self.differences.metric == metric)]
                if len(d):
                    d = d.iloc[0]
                    cell = _fmt({"mean": d["diff"], "low": d["paired_low"],
                                 "high": d["paired_high"]})
                    # an interval that includes 0 does not tell the direction
                    row[f"{sc} - {self.scenarios[0]}"] = (
                        cell if d["resolved"] else f"{cell} cannot tell")
            rows.append(row)
        columns = ["metric"] + [f"{sc} - {self.scenarios[0]}" for sc in self.scenarios[1:]]
        return pd.DataFrame(rows, columns=columns)

    def pairing_gain(self) -> pd.DataFrame:
        """For each difference: unpaired / paired interval width (> 1: pairing helps),
        the correlation of the paired replicates, and `pairing_bound`, the largest
        width ratio any pairing of these replicates could give (stats.pairing_limit)."""
        return self.differences[["scenario", "metric", "width_ratio", "correlation",
                                 "pairing_bound"]]

    def save(self, out: Path) -> dict[str, Path]:
        """The tables (and provenance) as files under `out`; the figure is drawn by
        visualization.compare_figure.plot_comparison."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "summary": out / "summary.csv",
            "differences": out / "differences.csv",
            "replicates": out / "replicates.csv",
            "curves": out / "curves.csv",
            "layers": out / "resilience_layers.csv",
            "table": out / "table.csv",
            "equity": out / "equity.csv",
        }
        self.equity.to_csv(paths["equity"], index=False)
        self.summary.to_csv(paths["summary"], index=False)
        self.differences.to_csv(paths["differences"], index=False)
        self.replicates.to_csv(paths["replicates"], index=False)
        self.curves.to_csv(paths["curves"], index=False)
        self.layers.to_csv(paths["layers"], index=False)
        self.table().merge(self.difference_table(), on="metric", how="left").to_csv(
            paths["table"], index=False)
        if self.provenance:
            paths.update(self._save_provenance(out))
        return paths


    def _save_provenance(self, out: Path) -> dict[str, Path]:
        """comparison.json and scenarios/NAME.toml: enough to run the comparison again,
        bit for bit, with the command comparison.json gives (`rerun`)."""
        folder = out / "scenarios"
        folder.mkdir(exist_ok=True)
        files = {}
        for name, text in self.provenance["scenarios"].items():
            (folder / f"{name}.toml").write_text(text, encoding="utf-8")
            files[name] = f"scenarios/{name}.toml"
        meta = {k: v for k, v in self.provenance.items()
                if k not in ("scenarios", "years_option")}
        meta["scenario_files"] = files
        years = self.provenance["years_option"]
        meta["rerun"] = (f"villageaid compare {' '.join(files.values())} --replicates "
                         f"{self.provenance['replicates']} --seed {self.provenance['seeds'][0]}"
                         + (f" --years {years}" if years is not None else ""))
        path = out / "comparison.json"
        path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return {"provenance": path, "scenario_files": folder}


def provenance(scenarios, replicates: int, seed: int, years: int | None) -> dict:
    """What a comparison was made from: versions, seeds, years and the scenarios."""
    import mesa
    import numpy

    from .. import __version__

    return {
        "villageaid_version": __version__, "mesa_version": mesa.__version__,
        "numpy_version": numpy.__version__, "python_version": platform.python_version(),
        "reference": scenarios[0].name, "replicates": replicates,
        "seeds": [seed, seed + replicates - 1],
        "years": {sc.name: years or sc.years for sc in scenarios},
        "years_option": years,
        "scenarios": {sc.name: sc.to_toml() for sc in scenarios},
    }


def _fmt(s) -> str:
    """'mean [low, high]' for the wide table."""
    mean, low, high = s["mean"], s["low"], s["high"]
    if mean != mean:  # NaN
        return "n/a"
    digits = 0 if abs(mean) >= 100 else 3
    if low != low:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def compare(scenarios, replicates: int = 5, seed: int = 0, years: int | None = None,
            workers: int = 1, progress=False, cancelled=None,
            keep_workers: bool = False) -> Comparison:
    """Run every scenario `replicates` times (replicate i with seed `seed + i`) and compare.

    progress, cancelled, keep_workers: as in replicates.run_replicates (a bar or a
    callback; asked between runs; the process's long-lived workers)."""
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenarios: names must differ; got {', '.join(names)}")
    results = run_replicates(scenarios, replicates, seed, years, workers, progress,
                             cancelled, keep_workers)
    comparison = summarize_results(names, results)
    comparison.provenance = provenance(scenarios, replicates, seed, years)
    comparison.schedule = schedule(scenarios)
    return comparison


def schedule(scenarios) -> dict:
    """Each scenario's shocks (kind, first week, weeks) and intervention starts (type,
    week), in model weeks: an intervention acts from the week after its start_week."""
    return {sc.name: {
        "shocks": [{"kind": s["kind"], "week": s["week"], "duration": s["duration"]}
                   for s in (shock.values() for shock in sc.build_shocks())],
        "starts": [{"type": kind, "week": settings.get("start_week", 0) + 1}
                   for kind, settings in sc.interventions]} for sc in scenarios}


def summarize_results(names: list[str], results: list[ReplicateResult]) -> Comparison:
    reps = metrics_frame(results)
    metrics = [m for m in METRICS if m in reps.columns]
    summary, differences = [], []
    first = reps[reps.scenario == names[0]].sort_values("replicate")
    for sc in names:
        mine = reps[reps.scenario == sc].sort_values("replicate")
        for m in metrics:
            summary.append({"scenario": sc, "metric": m, **metric_interval(m, mine[m].tolist())})
            if sc != names[0]:
                differences.append({"scenario": sc, "versus": names[0], "metric": m,
                                    **_difference(m, first[m].to_numpy(), mine[m].to_numpy())})
    return Comparison(
        scenarios=names, replicates=reps, summary=pd.DataFrame(summary),
        differences=pd.DataFrame(differences, columns=["scenario", "versus", "metric",
                                                       *DIFFERENCE_COLUMNS]),
        curves=_curve_bands(names, results), layers=_layer_table(names, results),
        equity=equity_over_replicates(names, results),
    )


DIFFERENCE_COLUMNS = ("diff", "paired_low", "paired_high", "unpaired_low", "unpaired_high", "n",
                      "resolved", "replicates_needed", "width_ratio", "correlation",
                      "pairing_bound")


def _difference(metric: str, a: np.ndarray, b: np.ndarray) -> dict:
    """b - a for one metric: the paired interval (inside the range of differences),
    whether it resolves the sign, the replicates a resolution would take, and the
    unpaired interval beside it. The pairing gain (`width_ratio`) compares the two
    intervals on the figure's own scale, as `pairing_bound` does (stats.pairing_limit)."""
    bounds = METRICS[metric].bounds
    p = paired_difference(a, b, bounds)
    u = unpaired_difference(a, b, bounds)
    raw_paired, raw_unpaired = paired_difference(a, b), unpaired_difference(a, b)
    paired_width = raw_paired["high"] - raw_paired["low"]
    limit = pairing_limit(a, b)
    return {"diff": p["mean"], "paired_low": p["low"], "paired_high": p["high"],
            "unpaired_low": u["low"], "unpaired_high": u["high"], "n": p["n"],
            "resolved": p["resolved"], "replicates_needed": p["replicates_needed"],
            "width_ratio": ((raw_unpaired["high"] - raw_unpaired["low"]) / paired_width
                            if paired_width > 0 else np.nan),
            "correlation": limit["correlation"], "pairing_bound": limit["bound"]}


# The range of each weekly curve, for its bands.
CURVE_BOUNDS = {"coverage": SHARE, "participation": SHARE, "mean_efficacy": SHARE,
                "mean_loneliness": SHARE, "share_withdrawn": SHARE, "mean_burnout": SHARE,
                "helpers_active": AMOUNT, "unmet": AMOUNT}


def _curve_bands(names, results) -> pd.DataFrame:
    frames = []
    for sc in names:
        mine = [r.curves for r in results if r.scenario == sc]
        stacked = np.stack([c[list(CURVE_COLUMNS)].to_numpy() for c in mine])  # rep x week x col
        n = stacked.shape[0]
        mean = stacked.mean(axis=0)
        if n > 1:
            half = t975(n - 1) * stacked.std(axis=0, ddof=1) / np.sqrt(n)
        else:
            half = np.full_like(mean, np.nan)
        weeks = mine[0]["week"].to_numpy()
        for k, col in enumerate(CURVE_COLUMNS):
            low, high = bounded_interval(mean[:, k], half[:, k], CURVE_BOUNDS[col])
            frames.append(pd.DataFrame({
                "scenario": sc, "week": weeks, "column": col, "mean": mean[:, k],
                "low": low, "high": high}))
    return pd.concat(frames, ignore_index=True)


def _layer_table(names, results) -> pd.DataFrame:
    """Layered resilience (individual, group, community) summarised over replicates."""
    values: dict[tuple, list] = {}
    for r in results:
        for layer, indicators in r.layers.items():
            if not isinstance(indicators, dict):
                continue
            for indicator, figures in indicators.items():
                for figure in ("depth", "recovery_weeks", "area_lost", "transformative"):
                    values.setdefault((r.scenario, layer, indicator, figure), []).append(
                        figures.get(figure))
    # depth, weeks and area are never negative, whatever the indicator's unit
    rows = [{"scenario": sc, "layer": layer, "indicator": ind, "figure": fig,
             **mean_interval(v, UNBOUNDED if fig == "transformative" else AMOUNT)}
            for (sc, layer, ind, fig), v in values.items()]
    order = {n: i for i, n in enumerate(names)}
    frame = pd.DataFrame(rows, columns=["scenario", "layer", "indicator", "figure", "mean",
                                        "low", "high", "n"])
    return frame.sort_values("scenario", key=lambda s: s.map(order), kind="stable")


# Figures of a run's equity table summarised over replicates, with their ranges.
EQUITY_FIGURES = {"elders": AMOUNT, "needs_arisen": AMOUNT, "needs_met": AMOUNT,
                  "share_met": SHARE, "share_unmet": SHARE, "share_withdrawn": SHARE,
                  "mean_loneliness": SHARE, "unmet_ratio": AMOUNT,
                  "concentration_index": (-1.0, 1.0)}
EQUITY_SUMMARY_COLUMNS = ("scenario", "grouping", "group", "figure", "mean", "low", "high",
                          "n")


def equity_over_replicates(names, results) -> pd.DataFrame:
    """Each scenario's equity tables, one per replicate, as mean and 95% interval per
    group and figure (shares inside [0, 1]). A group's `worst` is the share of
    replicates in which it had the highest unmet share (Wilson interval);
    `unmet_ratio_infinite` the share in which the best group had none unmet, and
    `unmet_ratio` is summarised over the other replicates."""
    assert set(EQUITY_FIGURES) <= set(EQUITY_COLUMNS)
    rows = []
    for sc in names:
        tables = [r.equity for r in results if r.scenario == sc and r.equity is not None]
        if not tables:
            continue
        stacked = pd.concat(tables, ignore_index=True)
        order = stacked[["grouping", "group"]].drop_duplicates()
        for grouping, group in order.itertuples(index=False):
            mine = stacked[(stacked.grouping == grouping) & (stacked.group == group)]
            key = {"scenario": sc, "grouping": grouping, "group": group}
            for figure, bounds in EQUITY_FIGURES.items():
                values = mine[figure].to_numpy(float)
                if figure == "concentration_index" and np.isnan(values).all():
                    continue  # not an ordered grouping
                if figure == "unmet_ratio":
                    rows.append({**key, "figure": "unmet_ratio_infinite", **proportion_interval(
                        np.isinf(values[~np.isnan(values)]).astype(float))})
                    values = values[np.isfinite(values)]
                rows.append({**key, "figure": figure, **mean_interval(values, bounds)})
            worst = (mine["worst_group"] == group).to_numpy(float)
            rows.append({**key, "figure": "worst", **proportion_interval(worst)})
    return pd.DataFrame(rows, columns=list(EQUITY_SUMMARY_COLUMNS))

