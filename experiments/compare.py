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

from .replicates import CURVE_COLUMNS, ReplicateResult, metrics_frame, run_replicates
from .stats import mean_interval, paired_difference, pairing_limit, unpaired_difference

# Headline metrics: column -> (label, unit, better when higher?)
METRICS: dict[str, tuple[str, str, bool | None]] = {
    "coverage": ("needs met", "share of needs", True),
    "unmet_per_week": ("unmet needs", "needs/week", False),
    "participation": ("elders taking part", "share of elders", True),
    "withdrawn_final": ("withdrawn at the end", "share of elders", False),
    "efficacy_final": ("self-efficacy at the end", "0-1", True),
    "loneliness_final": ("loneliness at the end", "0-1", False),
    "burnout": ("helpers' burnout", "0-1", False),
    "dropout_per_year": ("helper drop-out", "share per year", False),
    "helpers_final": ("active helpers at the end", "persons", True),
    "spent": ("money spent", "CNY", None),
    "cost_per_need_met": ("cost per need met beyond family", "CNY/need", False),
    "resilience_depth": ("drop after the shock", "share of needs", False),
    "resilience_recovered": ("recovered by the end", "share of replicates", True),
    "resilience_recovery_weeks": ("weeks to recover (end if never)", "weeks", False),
    "resilience_area_lost": ("needs-met lost to the shock", "share x weeks", False),
    "resilience_transformative": ("level after minus before", "share of needs", True),
}


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

    def table(self) -> pd.DataFrame:
        """A wide table for printing: one row per metric, 'mean [low, high]' per scenario."""
        rows = []
        for metric in [m for m in METRICS if m in set(self.summary["metric"])]:
            row = {"metric": METRICS[metric][0], "unit": METRICS[metric][1]}
            for sc in self.scenarios:
                s = self.summary[(self.summary.scenario == sc) & (self.summary.metric == metric)]
                row[sc] = _fmt(s.iloc[0]) if len(s) else ""
            rows.append(row)
        return pd.DataFrame(rows)

    def difference_table(self) -> pd.DataFrame:
        rows = []
        for metric in [m for m in METRICS if m in set(self.differences["metric"])]:
            row = {"metric": METRICS[metric][0]}
            for sc in self.scenarios[1:]:
                d = self.differences[(self.differences.scenario == sc)
                                     & (self.differences.metric == metric)]
                if len(d):
                    d = d.iloc[0]
                    row[f"{sc} - {self.scenarios[0]}"] = _fmt(
                        {"mean": d["diff"], "low": d["paired_low"], "high": d["paired_high"]})
            rows.append(row)
        columns = ["metric"] + [f"{sc} - {self.scenarios[0]}" for sc in self.scenarios[1:]]
        return pd.DataFrame(rows, columns=columns)

    def pairing_gain(self) -> pd.DataFrame:
        """For each difference: unpaired / paired interval width (> 1: pairing helps),
        the correlation of the paired replicates, and `pairing_bound`, the largest
        width ratio any pairing of these replicates could give (stats.pairing_limit)."""
        d = self.differences
        paired = d["paired_high"] - d["paired_low"]
        unpaired = d["unpaired_high"] - d["unpaired_low"]
        return d.assign(width_ratio=unpaired / paired.replace(0, np.nan))[
            ["scenario", "metric", "width_ratio", "correlation", "pairing_bound"]]

    def save(self, out: Path, figure: bool = True) -> dict[str, Path]:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "summary": out / "summary.csv",
            "differences": out / "differences.csv",
            "replicates": out / "replicates.csv",
            "curves": out / "curves.csv",
            "layers": out / "resilience_layers.csv",
            "table": out / "table.csv",
        }
        self.summary.to_csv(paths["summary"], index=False)
        self.differences.to_csv(paths["differences"], index=False)
        self.replicates.to_csv(paths["replicates"], index=False)
        self.curves.to_csv(paths["curves"], index=False)
        self.layers.to_csv(paths["layers"], index=False)
        self.table().merge(self.difference_table(), on="metric", how="left").to_csv(
            paths["table"], index=False)
        if self.provenance:
            paths.update(self._save_provenance(out))
        if figure:
            from ..visualization.compare_figure import plot_comparison

            paths["figure"] = plot_comparison(self, out / "comparison.png")
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


# The few metrics printed in the console report (the CSV tables hold them all),
# with short column headings.
REPORT_METRICS = {"coverage": "needs met", "participation": "taking part",
                  "withdrawn_final": "withdrawn", "burnout": "burnout",
                  "dropout_per_year": "drop-out/yr", "cost_per_need_met": "CNY/need",
                  "resilience_depth": "shock drop", "resilience_area_lost": "shock loss"}


def format_report(comparison: Comparison) -> str:
    """A console report: scenario means with 95% intervals, then paired differences."""
    metrics = [m for m in REPORT_METRICS if m in set(comparison.summary["metric"])]
    n = int(comparison.replicates.replicate.max()) + 1
    lines = [f"{len(comparison.scenarios)} scenarios x {n} replicates "
             "(replicate i of every scenario uses the same seed)", ""]
    lines.append("Means and 95% intervals")
    lines.extend(_grid(comparison.summary.rename(columns={"mean": "value"}), comparison.scenarios,
                       metrics, lambda r: _pm(r["value"], r["low"], r["high"])))
    if len(comparison.scenarios) > 1:
        first = comparison.scenarios[0]
        lines += ["", f"Difference from {first}, replicate by replicate (paired 95% interval)"]
        d = comparison.differences.rename(columns={"diff": "value"})
        lines.extend(_grid(d, comparison.scenarios[1:], metrics,
                           lambda r: _pm(r["value"], r["paired_low"], r["paired_high"],
                                         signed=True)))
        gain = comparison.pairing_gain()
        ratio = gain["width_ratio"].dropna()
        if len(ratio):
            lines += ["", f"Pairing by seed narrows the intervals of the differences "
                          f"{ratio.median():.1f}x (median over metrics and scenarios; "
                          f"unpaired / paired width); no pairing of these replicates "
                          f"could give more than {gain['pairing_bound'].median():.1f}x "
                          f"(median; pairing_bound in differences.csv)"]
    lines += ["", "Columns: " + "; ".join(
        f"{REPORT_METRICS[m]} = {METRICS[m][0]} ({METRICS[m][1]})" for m in metrics)]
    return "\n".join(lines)


def _grid(frame, scenarios, metrics, cell) -> list[str]:
    labels = [REPORT_METRICS[m] for m in metrics]
    cells = {}
    for sc in scenarios:
        for m in metrics:
            r = frame[(frame.scenario == sc) & (frame.metric == m)]
            cells[sc, m] = cell(r.iloc[0]) if len(r) else ""
    width = max(len(sc) for sc in scenarios) + 2
    cols = [2 + max(len(lab), *(len(cells[sc, m]) for sc in scenarios))
            for lab, m in zip(labels, metrics)]
    out = [" " * width + "".join(lab.rjust(w) for lab, w in zip(labels, cols))]
    for sc in scenarios:
        out.append(sc.ljust(width) + "".join(cells[sc, m].rjust(w)
                                             for m, w in zip(metrics, cols)))
    return out


def _pm(value, low, high, signed=False) -> str:
    if value != value:
        return "n/a"
    digits = 0 if abs(value) >= 100 else 3
    sign = "+" if signed else ""
    if low != low:
        return f"{value:{sign}.{digits}f}"
    return f"{value:{sign}.{digits}f} ±{(high - low) / 2:.{digits}f}"


def _fmt(s) -> str:
    mean, low, high = s["mean"], s["low"], s["high"]
    if mean != mean:  # NaN
        return "n/a"
    digits = 0 if abs(mean) >= 100 else 3
    if low != low:
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def compare(scenarios, replicates: int = 5, seed: int = 0, years: int | None = None,
            workers: int = 1, progress: bool = False) -> Comparison:
    """Run every scenario `replicates` times (replicate i with seed `seed + i`) and compare."""
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenarios: names must differ; got {', '.join(names)}")
    results = run_replicates(scenarios, replicates, seed, years, workers, progress)
    comparison = summarize_results(names, results)
    comparison.provenance = provenance(scenarios, replicates, seed, years)
    return comparison


def summarize_results(names: list[str], results: list[ReplicateResult]) -> Comparison:
    reps = metrics_frame(results)
    metrics = [m for m in METRICS if m in reps.columns]
    summary, differences = [], []
    first = reps[reps.scenario == names[0]].sort_values("replicate")
    for sc in names:
        mine = reps[reps.scenario == sc].sort_values("replicate")
        for m in metrics:
            summary.append({"scenario": sc, "metric": m, **mean_interval(mine[m].tolist())})
            if sc != names[0]:
                p = paired_difference(first[m].to_numpy(), mine[m].to_numpy())
                u = unpaired_difference(first[m].tolist(), mine[m].tolist())
                limit = pairing_limit(first[m].to_numpy(), mine[m].to_numpy())
                differences.append({
                    "scenario": sc, "versus": names[0], "metric": m, "diff": p["mean"],
                    "paired_low": p["low"], "paired_high": p["high"],
                    "unpaired_low": u["low"], "unpaired_high": u["high"], "n": p["n"],
                    "correlation": limit["correlation"], "pairing_bound": limit["bound"],
                })
    return Comparison(
        scenarios=names, replicates=reps, summary=pd.DataFrame(summary),
        differences=pd.DataFrame(differences, columns=[
            "scenario", "versus", "metric", "diff", "paired_low", "paired_high",
            "unpaired_low", "unpaired_high", "n", "correlation", "pairing_bound"]),
        curves=_curve_bands(names, results), layers=_layer_table(names, results),
    )


def _curve_bands(names, results) -> pd.DataFrame:
    frames = []
    for sc in names:
        mine = [r.curves for r in results if r.scenario == sc]
        stacked = np.stack([c[list(CURVE_COLUMNS)].to_numpy() for c in mine])  # rep x week x col
        n = stacked.shape[0]
        mean = stacked.mean(axis=0)
        if n > 1:
            from .stats import t975

            half = t975(n - 1) * stacked.std(axis=0, ddof=1) / np.sqrt(n)
        else:
            half = np.full_like(mean, np.nan)
        weeks = mine[0]["week"].to_numpy()
        for k, col in enumerate(CURVE_COLUMNS):
            frames.append(pd.DataFrame({
                "scenario": sc, "week": weeks, "column": col, "mean": mean[:, k],
                "low": mean[:, k] - half[:, k], "high": mean[:, k] + half[:, k]}))
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
    rows = [{"scenario": sc, "layer": layer, "indicator": ind, "figure": fig,
             **mean_interval(v)} for (sc, layer, ind, fig), v in values.items()]
    order = {n: i for i, n in enumerate(names)}
    frame = pd.DataFrame(rows, columns=["scenario", "layer", "indicator", "figure", "mean",
                                        "low", "high", "n"])
    return frame.sort_values("scenario", key=lambda s: s.map(order), kind="stable")
