"""A calibration's result as a short console report and a figure (`fit.png`); the
study itself is experiments/calibration.py."""

from __future__ import annotations

import math
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..experiments.calibration import Calibration  # noqa: E402
from ..sim.outcomes import METRICS  # noqa: E402
from .fonts import font_family  # noqa: E402
from .i18n import metric_label  # noqa: E402

FITS, MISSES, BAND = "#31a354", "#de2d26", "#9ecae1"


def _number(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.4g}"


def format_calibration(result: Calibration) -> str:
    """The best trial, each parameter's best value and range over the accepted trials,
    each target against its simulated mean, and how many trials were accepted."""
    spec, best = result.spec, result.best
    n = len(result.trials)
    if best is None:
        return f"No trial of {n} gave a distance (see the state column of trials.csv)."
    spread = result.uncertainty()
    lines = [f"Best: trial {int(best['trial'])} of {n}, distance {best['distance']:.4g}",
             f"  {'parameter':26} {'best':>10}  {'5-95% of accepted':>22}  searched"]
    for p in spec.parameters:
        low_high = spread.get(p.name)
        shown = f"[{_number(low_high[0])}, {_number(low_high[1])}]" if low_high else "-"
        lines.append(f"  {p.name:26} {_number(float(best[p.name])):>10}  {shown:>22}  "
                     f"{_number(p.low)} to {_number(p.high)}")
    lines.append(f"  {'target':26} {'value +- tol':>16}  {'simulated [95% interval]':>28}  fits")
    for row in result.fit():
        interval = (f"{_number(row['mean'])} [{_number(row['low'])}, {_number(row['high'])}]"
                    if not math.isnan(row["low"]) else _number(row["mean"]))
        target = f"{_number(row['value'])} +- {_number(row['tolerance'])}"
        lines.append(f"  {row['metric']:26} {target:>16}  {interval:>28}  "
                     f"{'yes' if row['fits'] else 'no'}")
    lines.append(f"Accepted: {len(result.accepted)} of {n} trials have every target within "
                 "its tolerance" + ("" if len(result.accepted) else
                                    "; no uncertainty range (more trials, or wider tolerances)"))
    return "\n".join(lines)


def plot_calibration(result: Calibration, path: str | os.PathLike) -> Path | None:
    """One panel per target: the target value with its tolerance band, and the
    simulated mean at the best trial with its 95% interval over replicates (green
    where it fits, red where not), the replicates as dots. None without a best trial."""
    if result.best is None:
        return None
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                "axes.titlesize": 10}):
        return _plot(result, Path(path))


def _plot(result: Calibration, path: Path) -> Path:
    rows = result.fit()
    cols = min(4, len(rows))
    nrows = -(-len(rows) // cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(3.4 * cols, 2.6 * nrows + 0.6),
                             squeeze=False)
    for ax, row in zip(axes.flat, rows):
        value, tol = row["value"], row["tolerance"]
        ax.axhspan(value - tol, value + tol, color=BAND, alpha=0.5, label="target ± tolerance")
        ax.axhline(value, color="#3182bd", lw=1.2, label="target")
        colour = FITS if row["fits"] else MISSES
        if not math.isnan(row["low"]):
            err = np.array([[row["mean"] - row["low"]], [row["high"] - row["mean"]]])
            ax.errorbar([0], [row["mean"]], yerr=err.clip(min=0), fmt="o", color=colour,
                        capsize=4, label="simulated mean, 95% interval")
        else:
            ax.plot([0], [row["mean"]], "o", color=colour, label="simulated mean")
        jitter = np.linspace(-0.12, 0.12, len(row["runs"])) if len(row["runs"]) > 1 else [0]
        ax.plot(0.35 + np.asarray(jitter), row["runs"], ".", color="grey",
                label="replicates")
        ax.set_xlim(-0.6, 0.8)
        ax.set_xticks([])
        span = [value - tol, value + tol, *row["runs"]]
        pad = 0.15 * (max(span) - min(span) or 1.0)
        ax.set_ylim(min(span) - pad, max(span) + pad)
        ax.set_title(f"{metric_label(row['metric'], 'en')}\n({row['metric']})")
        ax.set_ylabel(METRICS[row["metric"]].unit, fontsize=8)
    for ax in list(axes.flat)[len(rows):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8,
               frameon=False)
    best = result.best
    fig.suptitle(f"Calibration fit: best trial {int(best['trial'])} of {len(result.trials)} "
                 f"(distance {best['distance']:.3g}); {len(result.accepted)} trials accepted")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
