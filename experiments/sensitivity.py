"""Global sensitivity of a finished sweep's outputs to its parameters, with SALib.

A Sobol sweep gives first-order (S1) and total-order (ST) indices: the share
of an output's variance due to a parameter alone, and with all its
interactions. A Morris sweep gives mu* (the mean absolute elementary effect,
in units of the output per full range of the parameter), mu and sigma (the
spread of the effects: interactions or non-linearity). Each comes with a
bootstrap confidence interval.

Each design point's output is the mean over its replicates, so the indices
describe the expected output; replicates share seeds across points (common
random numbers), which keeps the run-to-run noise out of the comparison.
Outputs that are undefined at some point (NaN) or the same at every point
have no variance to apportion and are skipped, each with its reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .spec import SweepError
from .store import ID_COLUMNS, ResultStore

METHODS = ("sobol", "morris")
COLUMNS = ["method", "output", "parameter", "index", "value", "conf", "low", "high"]


@dataclass
class Sensitivity:
    name: str
    method: str
    table: pd.DataFrame                      # tidy: one row per output, parameter and index
    skipped: dict[str, str] = field(default_factory=dict)   # output -> reason
    conf_level: float = 0.95

    def save(self, out: str | os.PathLike, plot: bool = True) -> dict[str, Path]:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"table": out / "sensitivity.csv"}
        self.table.to_csv(paths["table"], index=False)
        if plot and not self.table.empty:
            paths["figure"] = plot_sensitivity(self, out / "sensitivity.png")
        return paths

    def wide(self) -> pd.DataFrame:
        """One row per output and parameter, one column per index (and its interval)."""
        t = self.table
        values = t.pivot_table(index=["output", "parameter"], columns="index", values="value",
                               sort=False)
        return values.reset_index()


def analyse(root: str | os.PathLike, outputs: list[str] | None = None,
            resamples: int = 1000, conf_level: float = 0.95, seed: int = 0) -> Sensitivity:
    """Sobol or Morris indices of every output (or `outputs`) of the sweep in `root`."""
    store = ResultStore.open(root)
    meta = store.meta
    design = meta["design"]
    method = design["kind"]
    source = str(root)
    if method not in METHODS:
        raise SweepError([f"design {method!r} has no Sobol or Morris structure; expected a "
                          "sweep run with design = \"sobol\" or \"morris\""], source)
    runs = store.load_runs()
    total = meta["total_runs"]
    if len(runs) < total:
        raise SweepError([f"{total - len(runs)} of {total} runs are missing; expected a "
                          "finished sweep (run `villageaid sweep SPEC --out "
                          f"{source} --resume`)"], source)
    parameters = [p["name"] for p in meta["parameters"]]
    metrics = [c for c in runs.columns
               if c not in parameters and c not in dict(ID_COLUMNS)]
    if outputs:
        unknown = [o for o in outputs if o not in metrics]
        if unknown:
            raise SweepError([f"--output {o}: not an output of this sweep; expected one of "
                              + ", ".join(metrics) for o in unknown], source)
        metrics = list(outputs)
    n_points = len(design["points"])
    means = runs.groupby("point")[metrics].mean().reindex(range(n_points))
    problem = {**design["problem"], "names": list(design["problem"]["names"])}
    rows, skipped = [], {}
    for output in metrics:
        y = means[output].to_numpy(dtype=float)
        missing = int(np.isnan(y).sum())
        if missing:
            skipped[output] = (f"undefined (NaN) at {missing} of {n_points} design points")
            continue
        if np.ptp(y) == 0:
            skipped[output] = "the same at every design point: no variance to apportion"
            continue
        if method == "sobol":
            rows += _sobol(problem, y, output, resamples, conf_level, seed)
        else:
            rows += _morris(problem, np.asarray(design["raw"], float), y, output, resamples,
                            conf_level, meta["fingerprint"]["morris_levels"], seed)
    table = pd.DataFrame(rows, columns=COLUMNS)
    return Sensitivity(meta.get("name", Path(root).name), method, table, skipped, conf_level)


def _row(method, output, parameter, index, value, conf=np.nan) -> dict:
    value, conf = float(value), float(conf)
    return {"method": method, "output": output, "parameter": parameter, "index": index,
            "value": value, "conf": conf, "low": value - conf, "high": value + conf}


def _sobol(problem, y, output, resamples, conf_level, seed) -> list[dict]:
    from SALib.analyze import sobol

    s = sobol.analyze(problem, y, calc_second_order=False, num_resamples=resamples,
                      conf_level=conf_level, seed=seed)
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


def format_sensitivity(result: Sensitivity) -> str:
    """The indices as a console table, one block per output."""
    t = result.table
    pct = round(100 * result.conf_level)
    lines = []
    if result.method == "sobol":
        ci = f"({pct}% CI)"
        head = f"{'':4}{'parameter':28} {'S1':>7} {ci:>18} {'ST':>7} {ci:>18}"
        picks = ("S1", "ST")
    else:
        ci = f"({pct}% CI)"
        head = f"{'':4}{'parameter':28} {'mu*':>10} {ci:>22} {'sigma':>10} {'mu':>10}"
        picks = ("mu_star", "sigma", "mu")
    for output, block in t.groupby("output", sort=False):
        lines.append(output)
        lines.append(head)
        for parameter, rows in block.groupby("parameter", sort=False):
            r = {i: rows[rows["index"] == i].iloc[0] for i in picks}
            if result.method == "sobol":
                lines.append(f"{'':4}{parameter:28} " + " ".join(
                    f"{r[i].value:7.3f} [{r[i].low:7.3f}, {r[i].high:7.3f}]" for i in picks))
            else:
                m = r["mu_star"]
                lines.append(f"{'':4}{parameter:28} {m.value:10.4g} [{m.low:9.4g}, "
                             f"{m.high:9.4g}] {r['sigma'].value:10.4g} {r['mu'].value:10.4g}")
    for output, reason in result.skipped.items():
        lines.append(f"{output}: skipped, {reason}")
    return "\n".join(lines)


def plot_sensitivity(result: Sensitivity, path: str | os.PathLike) -> Path:
    """One panel per output: S1 and ST bars with intervals (Sobol), or mu* against
    sigma (Morris)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = result.table
    outputs = list(dict.fromkeys(t["output"]))
    cols = min(3, len(outputs))
    rows = -(-len(outputs) // cols)
    params = list(dict.fromkeys(t["parameter"]))
    height = max(2.6, 0.45 * len(params) + 1.4) if result.method == "sobol" else 3.6
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, height * rows), squeeze=False)
    for ax, output in zip(axes.flat, outputs):
        block = t[t["output"] == output]
        if result.method == "sobol":
            y = np.arange(len(params))
            for k, (index, label) in enumerate((("S1", "first order S1"),
                                                ("ST", "total order ST"))):
                r = block[block["index"] == index].set_index("parameter").reindex(params)
                ax.barh(y + (k - 0.5) * 0.38, r["value"], height=0.38, xerr=r["conf"],
                        capsize=2, label=label)
            ax.set_yticks(y, params)
            ax.invert_yaxis()
            ax.axvline(0, color="grey", lw=0.6)
            ax.set_xlabel("index (share of variance)")
        else:
            m = block[block["index"] == "mu_star"].set_index("parameter").reindex(params)
            s = block[block["index"] == "sigma"].set_index("parameter").reindex(params)
            ax.errorbar(m["value"], s["value"], xerr=m["conf"], fmt="o", capsize=2)
            for name in params:
                ax.annotate(name, (m.loc[name, "value"], s.loc[name, "value"]),
                            textcoords="offset points", xytext=(4, 3), fontsize=8)
            ax.set_xlabel("mu* (effect per full range)")
            ax.set_ylabel("sigma")
        ax.set_title(output)
    for ax in list(axes.flat)[len(outputs):]:
        ax.set_visible(False)
    if result.method == "sobol":
        axes.flat[0].legend(loc="lower right", fontsize=8)
    what = "Sobol indices" if result.method == "sobol" else "Morris screening"
    fig.suptitle(f"{what}, sweep {result.name} ({round(100 * result.conf_level)}% intervals)")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
