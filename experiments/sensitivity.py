"""Global sensitivity of a finished sweep's outputs to its parameters.

A Sobol sweep gives first-order (S1) and total-order (ST) indices (SALib): the
share of an output's variance due to a parameter alone, and with all its
interactions. A Morris sweep gives mu* (the mean absolute elementary effect,
in units of the output per full range of the parameter), mu and sigma (the
spread of the effects: interactions or non-linearity). Both come with a
bootstrap confidence interval. A Latin hypercube (LHS) sweep gives partial rank
correlation coefficients (PRCC): the rank correlation of an output with a
parameter once the other parameters' (rank) effects are regressed out, in
[-1, 1], with a Fisher z interval on n - 2 - p degrees of freedom (n design
points, p parameters).

Each design point's output is the mean over its replicates, so the indices
describe the expected output; replicates share seeds across points (common
random numbers), which keeps the run-to-run noise out of the comparison.
Outputs that are undefined at some point (NaN) or the same at every point
have no variance to apportion and are skipped, each with its reason.

Small samples mislead, so every result is checked (`Sensitivity.warnings`, a
`flag` on each row): too few samples; Sobol indices outside [0, 1], which a
share of variance cannot be; intervals wider than an index's range ("cannot
tell") or that include 0. Each warning says what a larger sample would give.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import norm, rankdata

from ..problems import Phrase, Problem
from .spec import SweepError
from .store import ID_COLUMNS, ResultStore

METHODS = {"sobol": "sobol", "morris": "morris", "lhs": "prcc"}   # design -> analysis
COLUMNS = ["method", "output", "parameter", "index", "value", "conf", "low", "high", "flag"]
WARNING_COLUMNS = ["output", "problem", "entries", "message"]

# Below these sizes the estimates, and the intervals around them, are not to be
# trusted whatever they look like. Sobol: Saltelli et al. (2010) and SALib's own
# examples use N in the hundreds to thousands; below 64 base samples the bootstrap
# resamples too few points to estimate its own spread. Morris: Campolongo et al.
# (2007) found r = 10 to 20 trajectories needed for a stable ranking. PRCC: with
# n < 50 points the 95% interval around 0 is wider than about +-0.3.
MIN_SIZE = {"sobol": 64, "morris": 10, "prcc": 50}
SIZE_NAME = {"sobol": "N", "morris": "r", "prcc": "n"}
SIZE_WHAT = {"sobol": "base samples", "morris": "trajectories", "prcc": "design points"}
SOBOL_TARGET = 0.05        # a Sobol interval of +-0.05 ranks the parameters
PRCC_TARGET = 0.1          # ... and a PRCC interval of +-0.1 around 0
TOLERANCE = 0.01           # Sobol estimates within this of [0, 1] are not flagged
CANNOT_TELL = "cannot tell"
UNDEFINED = "undefined: the other parameters' ranks account for the output's exactly"
LABEL = {"sobol": "Sobol indices", "morris": "Morris screening",
         "prcc": "partial rank correlations"}
SOURCES = {"sobol": "Saltelli et al. 2010 use N in the hundreds to thousands",
           "morris": "Campolongo et al. 2007 use r = 10 to 50",
           "prcc": "at n = 50 the 95% interval around 0 is still about ±0.28"}


@dataclass
class Sensitivity:
    name: str
    method: str                              # sobol, morris or prcc
    table: pd.DataFrame                      # tidy: one row per output, parameter and index
    skipped: dict[str, Phrase] = field(default_factory=dict)  # output -> reason (str: English)
    conf_level: float = 0.95
    size: int = 0                            # N (sobol), r (morris) or n (prcc)
    warnings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=WARNING_COLUMNS))

    def save(self, out: str | os.PathLike) -> dict[str, Path]:
        """The indices and the warnings as CSV files under `out` (the figure is drawn by
        visualization.sensitivity_report.plot_sensitivity)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"table": out / "sensitivity.csv", "warnings": out / "sensitivity_warnings.csv"}
        self.table.to_csv(paths["table"], index=False)
        self.warnings.to_csv(paths["warnings"], index=False)
        return paths

    def wide(self) -> pd.DataFrame:
        """One row per output and parameter, one column per index (and its interval)."""
        t = self.table
        values = t.pivot_table(index=["output", "parameter"], columns="index", values="value",
                               sort=False)
        return values.reset_index()


def analyse(root: str | os.PathLike, outputs: list[str] | None = None,
            resamples: int = 1000, conf_level: float = 0.95,
            seed: int | None = None) -> Sensitivity:
    """Sobol indices, Morris screening or PRCC (by the sweep's design) of every output
    (or `outputs`) of the sweep in `root`, with the warnings on them. The bootstrap
    is seeded from `seed`, by default the sweep's."""
    store = ResultStore.open(root)
    meta = store.meta
    seed = int(meta.get("seed", 0)) if seed is None else seed
    design = meta["design"]
    source = str(root)
    if design["kind"] not in METHODS:
        raise SweepError([Problem("no_sensitivity_design", facts={
            "design": repr(design["kind"])})], source)
    method = METHODS[design["kind"]]
    runs = store.load_runs()
    total = meta["total_runs"]
    if len(runs) < total:
        raise SweepError([Problem("runs_missing", facts={
            "missing": total - len(runs), "total": total, "folder": source})], source)
    parameters = [p["name"] for p in meta["parameters"]]
    metrics = [c for c in runs.columns
               if c not in parameters and c not in dict(ID_COLUMNS)]
    if outputs:
        unknown = [o for o in outputs if o not in metrics]
        if unknown:
            raise SweepError([Problem("not_an_output", f"--output {o}", facts={
                "names": ", ".join(metrics)}) for o in unknown], source)
        metrics = list(outputs)
    n_points, d = len(design["points"]), len(design["names"])
    size = {"sobol": n_points // (d + 2), "morris": n_points // (d + 1)}.get(method, n_points)
    if method == "prcc" and n_points < d + 3:
        raise SweepError([Problem("too_few_points_prcc", facts={
            "points": n_points, "parameters": d, "least": d + 3,
            "advised": max(MIN_SIZE["prcc"], 10 * d)})], source)
    means = runs.groupby("point")[metrics].mean().reindex(range(n_points))
    problem = {**design["problem"], "names": list(design["problem"]["names"])}
    rows, skipped = [], {}
    for output in metrics:
        y = means[output].to_numpy(dtype=float)
        missing = int(np.isnan(y).sum())
        if missing:
            skipped[output] = Phrase("skipped_nan", missing=missing, points=n_points)
            continue
        if np.ptp(y) == 0:
            skipped[output] = Phrase("skipped_constant")
            continue
        if method == "sobol":
            rows += _sobol(problem, y, output, resamples, conf_level, seed)
        elif method == "morris":
            rows += _morris(problem, np.asarray(design["raw"], float), y, output, resamples,
                            conf_level, meta["fingerprint"]["morris_levels"], seed)
        else:
            rows += _prcc(problem["names"], np.asarray(design["points"], float), y, output,
                          conf_level)
    table = pd.DataFrame(rows, columns=COLUMNS)
    warnings = check(method, table, size, d, conf_level)
    return Sensitivity(meta.get("name", Path(root).name), method, table, skipped, conf_level,
                       size, warnings)


def _row(method, output, parameter, index, value, conf=np.nan, low=None, high=None) -> dict:
    value, conf = float(value), float(conf)
    return {"method": method, "output": output, "parameter": parameter, "index": index,
            "value": value, "conf": conf,
            "low": value - conf if low is None else float(low),
            "high": value + conf if high is None else float(high), "flag": ""}


def _sobol(problem, y, output, resamples, conf_level, seed) -> list[dict]:
    from SALib.analyze import sobol

    s = sobol.analyze(problem, y, calc_second_order=False, num_resamples=resamples,
                      conf_level=conf_level, seed=seed + 1)   # SALib leaves seed 0 unseeded
    rows = []
    for index in ("S1", "ST"):
        for j, name in enumerate(problem["names"]):
            rows.append(_row("sobol", output, name, index, s[index][j], s[f"{index}_conf"][j]))
    return rows


def _morris(problem, x, y, output, resamples, conf_level, levels, seed) -> list[dict]:
    from SALib.analyze import morris

    s = morris.analyze(problem, x, y, num_resamples=resamples, conf_level=conf_level,
                       num_levels=levels, seed=seed)
    rows = []
    for j, name in enumerate(problem["names"]):
        rows.append(_row("morris", output, name, "mu_star", s["mu_star"][j],
                         s["mu_star_conf"][j]))
        rows.append(_row("morris", output, name, "mu", s["mu"][j]))
        rows.append(_row("morris", output, name, "sigma", s["sigma"][j]))
    return rows


def prcc(x: np.ndarray, y: np.ndarray, conf_level: float = 0.95):
    """Partial rank correlation of y with each column of x, and its interval.

    Ranks x's columns and y, regresses the other columns' ranks (with an intercept)
    out of both, and correlates the residuals. The interval is Fisher's z
    transform, atanh(r) +- z_(1 - alpha/2) / sqrt(n - 2 - p): n - 3 degrees of freedom
    less the p - 1 parameters partialled out. Returns (r, low, high) arrays."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n, p = x.shape
    rx = np.column_stack([rankdata(x[:, j]) for j in range(p)])
    ry = rankdata(y)
    r = np.full(p, np.nan)
    for j in range(p):
        others = np.column_stack([np.ones(n), np.delete(rx, j, axis=1)])
        ex = rx[:, j] - others @ np.linalg.lstsq(others, rx[:, j], rcond=None)[0]
        ey = ry - others @ np.linalg.lstsq(others, ry, rcond=None)[0]
        scale = math.sqrt(float(ex @ ex) * float(ey @ ey))
        if scale > 1e-9 * n ** 3:
            r[j] = float(np.clip(ex @ ey / scale, -1.0, 1.0))
    half = norm.ppf(0.5 + conf_level / 2) / math.sqrt(max(n - 2 - p, 1))
    z = np.arctanh(np.clip(r, -1 + 1e-12, 1 - 1e-12))
    return r, np.tanh(z - half), np.tanh(z + half)


def _prcc(names, x, y, output, conf_level) -> list[dict]:
    r, low, high = prcc(x, y, conf_level)
    return [_row("prcc", output, name, "PRCC", r[j], low=low[j], high=high[j])
            for j, name in enumerate(names)]


def check(method: str, table: pd.DataFrame, size: int, d: int,
          conf_level: float = 0.95) -> pd.DataFrame:
    """Flag the table's rows (in place) and return the warnings on it, one row each:
    output ("" for the whole sweep), problem, entries (index and parameter), message."""
    name, what = SIZE_NAME[method], SIZE_WHAT[method]
    out: list[dict] = []

    def warn(output, problem, picked, message):
        entries = "; ".join(f"{r['index']} {r['parameter']}" for _, r in picked.iterrows())
        out.append({"output": output, "problem": problem, "entries": entries,
                    "message": message})

    def flag(mask, text):
        table.loc[mask, "flag"] = [f"{f}; {text}" if f else text for f in table.loc[mask, "flag"]]

    if table.empty:
        return pd.DataFrame(out, columns=WARNING_COLUMNS)
    outside = pd.Series(False, index=table.index)
    if method == "sobol":
        half = table["conf"]
        outside = (table["value"] < -TOLERANCE) | (table["value"] > 1 + TOLERANCE)
        lost = ((2 * half > 1) | (table["value"] - half > 1) | (table["value"] + half < 0))
        flag(outside, "estimate outside [0, 1]")
        flag(lost, f"{CANNOT_TELL}: interval wider than [0, 1] or outside it")
        table.loc[lost, ["low", "high"]] = [0.0, 1.0]
        table[["low", "high"]] = table[["low", "high"]].clip(0.0, 1.0)
    elif method == "morris":
        half = table["conf"].where(table["index"] == "mu_star")
        lost = half > table["value"]
        flag(lost, "interval reaches 0: cannot tell from no effect")
        table["low"] = table["low"].clip(lower=0.0).where(table["index"] != "mu", table["low"])
    else:
        half = (table["high"] - table["low"]) / 2
        lost = (table["low"] <= 0) & (table["high"] >= 0)
        flag(lost, "interval includes 0")
        flag(table["value"].isna(), UNDEFINED)
    if size < MIN_SIZE[method]:
        widest = half.idxmax() if half.notna().any() else None
        warn("", "small_sample", table.iloc[0:0],
             f"{name} = {size} {what} are too few for {LABEL[method]} (fewer than "
             f"{MIN_SIZE[method]}; {SOURCES[method]}): the estimates, and the intervals "
             f"around them, are unreliable. " + _shrink(method, size, d, table, half, widest,
                                                         conf_level))
    problem = "cannot_tell" if method == "sobol" else "includes_zero"
    text = {"sobol": f"wider than [0, 1] or outside it, printed as '{CANNOT_TELL}'",
            "morris": "reaches 0: cannot tell from no effect",
            "prcc": "includes 0: cannot tell whether, or which way, it moves"}[method]
    for output, block in table.groupby("output", sort=False):
        bad = block[outside[block.index]]
        if len(bad):
            warn(output, "outside_range", bad,
                 f"{output}: {_list(bad)}: outside [0, 1], which a share of variance cannot "
                 f"be: estimation error of {name} = {size} {what}, not a finding.")
        picked = block[lost[block.index]]
        if len(picked):
            warn(output, problem, picked,
                 f"{output}: {_list(picked, values=False)}: interval {text}"
                 + (f" {output}. " if method == "prcc" else ". ")
                 + _shrink(method, size, d, table, half, half[picked.index].idxmax(),
                           conf_level))
    return pd.DataFrame(out, columns=WARNING_COLUMNS)


def _list(rows: pd.DataFrame, values: bool = True) -> str:
    items = []
    for parameter, r in rows.groupby("parameter", sort=False):
        shown = f" ({', '.join(f'{v:.3g}' for v in r['value'])})" if values else ""
        items.append(f"{' and '.join(r['index'])} of {parameter}{shown}")
    return "; ".join(items[:6]) + (f" and {len(items) - 6} more" if len(items) > 6 else "")


def _shrink(method, size, d, table, half, at, conf_level) -> str:
    """What a larger sample would give: intervals shrink roughly as 1/sqrt(size)."""
    name = SIZE_NAME[method]
    if at is None or not np.isfinite(half[at]) or half[at] <= 0:
        return ""
    h, row = float(half[at]), table.loc[at]
    if method == "prcc":    # Fisher z: the width near 0 goes as 1/sqrt(n - 2 - p)
        z, target = float(norm.ppf(0.5 + conf_level / 2)), PRCC_TARGET
        now, later = (math.tanh(z / math.sqrt(max(n - 2 - d, 1))) for n in (size, 4 * size))
        need = math.ceil((z / math.atanh(target)) ** 2) + 2 + d
        text = (f"Intervals shrink roughly as 1/sqrt(n - 2 - p): n = {size} gives about "
                f"±{now:.2g} around 0; ")
    else:
        top = table.loc[table["index"] == "mu_star"].groupby("output")["value"].max()
        target = SOBOL_TARGET if method == "sobol" else 0.1 * float(top.get(row["output"], 0))
        need = size * (h / target) ** 2 if target > 0 and h > target else 0
        need = 2 ** math.ceil(math.log2(need)) if method == "sobol" and need else math.ceil(need)
        later = h / 2
        text = (f"Intervals shrink roughly as 1/sqrt({name}): {name} = {size} gives up to "
                f"±{h:.3g} ({row['index']} of {row['parameter']} on {row['output']}); ")
    need = need if need > size else 0
    goal = f"±{target:.3g}" + (" (a tenth of the largest mu*)" if method == "morris" else "")
    if 0 < need < 4 * size:
        return text + f"{name} = {need:,} would give about {goal}."
    return (text + f"{name} = {4 * size} would give about ±{later:.2g}"
            + (f", and {name} = {need:,} about {goal}." if need else "."))
