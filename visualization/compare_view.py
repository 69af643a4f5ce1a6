"""The Compare page without the web page: run a comparison with progress, and draw it.

The comparison is the compare engine's (experiments/compare.py `compare`):
replicate i of each scenario with seed `seed + i`, measured against its
unshocked twin when the scenario has a shock, so the page shows the same
numbers as `villageaid compare`. The page runs it from a background thread, on
the server's long-lived worker processes (one per core, up to 8; see
experiments/executor.py), and reports progress after every run; Cancel drops
the runs not yet started.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..experiments.compare import METRICS, Comparison, compare  # noqa: E402
from ..experiments.executor import Cancelled, default_workers  # noqa: E402
from ..sim.committee import WEEKS_PER_YEAR  # noqa: E402
from .i18n import metric_label, metric_unit, tr  # noqa: E402
from .fonts import font_family  # noqa: E402

CURVE_PANELS = (("coverage", "ind_coverage"), ("participation", "taking_part"),
                ("mean_efficacy", "efficacy"), ("mean_burnout", "burnout"))
SHARE_CURVES = {"coverage", "participation", "mean_efficacy", "mean_burnout"}
# Shares and 0-1 scales, shown in percentage points in the differences chart.
DIFF_SHARES = tuple(m for m, metric in METRICS.items() if metric.kind in ("share", "index"))
SCENARIO_COLOURS = ("#1f77b4", "#d62728")


def run_comparison(scenarios, replicates: int, seed: int = 0, years: int | None = None,
                   progress: Callable[[int, int, str, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   workers: int | None = None) -> Comparison:
    """Run every (scenario, replicate) with the compare engine, reporting after each run.

    `progress(done, total, scenario, replicate)` is called with done == 0 before
    the first run and then after each run ends (scenario and replicate of the run
    that ended). `cancelled()` is asked between runs; when it says yes, runs not
    yet started are dropped and Cancelled is raised. `workers` (default: one per
    core, up to 8) > 1 runs them on the shared worker processes; the result is
    the same bit for bit as with one. Like any pool that does not fork the caller,
    a script that calls this with workers > 1 needs `if __name__ == "__main__":`.
    """
    workers = default_workers() if workers is None else workers
    return compare(scenarios, replicates, seed, years, workers=workers,
                   progress=progress or False, cancelled=cancelled, keep_workers=True)


def distinct_names(a, b):
    """Two scenarios with different names (the engine keys results by name)."""
    if a.name == b.name:
        b = dataclasses.replace(b, name=f"{b.name}_b")
    return a, b


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    return buf.getvalue()


def curves_png(comparison: Comparison, lang: str) -> bytes:
    """Four panels of weekly means with 95% bands, one colour per scenario."""
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                "axes.titlesize": 10}):
        fig = Figure(figsize=(9.0, 5.4))
        axes = fig.subplots(2, 2, sharex=True)
        c = comparison.curves
        for ax, (column, key) in zip(axes.flat, CURVE_PANELS):
            for k, sc in enumerate(comparison.scenarios):
                d = c[(c.scenario == sc) & (c.column == column)]
                x = d["week"].to_numpy() / WEEKS_PER_YEAR
                smooth = d[["mean", "low", "high"]].rolling(4, min_periods=1).mean()
                # the engine's bands already stay inside each curve's range
                low, high = smooth["low"], smooth["high"]
                colour = SCENARIO_COLOURS[k % 2]
                ax.plot(x, smooth["mean"], color=colour, lw=1.4,
                        label=f"{'AB'[k]}: {sc}")
                ax.fill_between(x, low.fillna(smooth["mean"]), high.fillna(smooth["mean"]),
                                color=colour, alpha=0.2, lw=0)
            ax.set_title(tr(key, lang))
            ax.grid(alpha=0.25, lw=0.5)
            if column in SHARE_CURVES:
                ax.set_ylim(0, 1)
        for ax in axes[1]:
            ax.set_xlabel(tr("axis_years", lang))
        axes[0, 0].legend(loc="lower left", fontsize=8, frameon=False)
        fig.tight_layout(pad=0.6)
        return _png(fig)


def differences_png(comparison: Comparison, lang: str) -> bytes:
    """Paired differences B - A of the share metrics, in percentage points, with intervals."""
    d = comparison.differences.set_index("metric")
    metrics = [m for m in DIFF_SHARES if m in d.index and not np.isnan(d.loc[m, "diff"])]
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9}):
        fig = Figure(figsize=(6.4, 0.6 + 0.42 * max(len(metrics), 1)))
        ax = fig.add_axes([0.42, 0.22 if metrics else 0.3, 0.54, 0.7])
        for y, m in enumerate(metrics):
            row = d.loc[m]
            mean, low, high = (100 * row[k] for k in ("diff", "paired_low", "paired_high"))
            better = METRICS[m].better
            colour = "#555555"
            if better is not None and row["resolved"]:
                colour = "#31a354" if (mean > 0) == better else "#de2d26"
            if not np.isnan(low):
                ax.plot([low, high], [y, y], color=colour, lw=2.2, solid_capstyle="butt")
            ax.plot([mean], [y], "o", color=colour, ms=6,
                    markerfacecolor=colour if row["resolved"] else "white")
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(range(len(metrics)), [metric_label(m, lang) for m in metrics])
        ax.set_ylim(len(metrics) - 0.5, -0.5)
        ax.set_xlabel(tr("diff_points", lang))
        ax.grid(axis="x", alpha=0.3, lw=0.5)
        return _png(fig)


def _fmt(x) -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3f}"


def summary_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """One row per headline figure: 'mean [low, high]' of each scenario, translated headings."""
    s = comparison.summary
    rows = []
    for m in [m for m in METRICS if m in set(s.metric)]:
        row = {tr("col_metric", lang): metric_label(m, lang), tr("col_unit", lang): metric_unit(m, lang)}
        for k, sc in enumerate(comparison.scenarios):
            r = s[(s.scenario == sc) & (s.metric == m)].iloc[0]
            row[f"{'AB'[k]}: {sc}"] = (f"{_fmt(r['mean'])} [{_fmt(r['low'])}, {_fmt(r['high'])}]"
                                       if r["low"] == r["low"] else _fmt(r["mean"]))
        rows.append(row)
    return pd.DataFrame(rows)


def difference_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """B - A for every headline figure with the paired and the unpaired 95% interval,
    and what the replicates show: a direction, or "cannot tell" with the replicates
    that would resolve a difference this large."""
    rows = []
    for _, r in comparison.differences.iterrows():
        rows.append({
            tr("col_metric", lang): metric_label(r["metric"], lang),
            tr("col_unit", lang): metric_unit(r["metric"], lang),
            tr("col_diff", lang): _fmt(r["diff"]),
            tr("col_paired", lang): f"[{_fmt(r['paired_low'])}, {_fmt(r['paired_high'])}]",
            tr("col_verdict", lang): _verdict(r, lang),
            tr("col_unpaired", lang): f"[{_fmt(r['unpaired_low'])}, {_fmt(r['unpaired_high'])}]",
        })
    return pd.DataFrame(rows)


def _verdict(r, lang: str) -> str:
    if r["diff"] != r["diff"]:
        return "n/a"
    if r["resolved"]:
        return tr("verdict_higher" if r["diff"] > 0 else "verdict_lower", lang)
    needed = r["replicates_needed"]
    if np.isfinite(needed):
        return tr("verdict_cannot", lang, n=int(r["n"]), needed=int(needed))
    return tr("verdict_none", lang, n=int(r["n"]))


def comparison_png(comparison: Comparison, lang: str) -> bytes:
    """Curves and differences in one PNG (the Compare page's export)."""
    from PIL import Image

    top = Image.open(io.BytesIO(curves_png(comparison, lang))).convert("RGB")
    bottom = Image.open(io.BytesIO(differences_png(comparison, lang))).convert("RGB")
    out = Image.new("RGB", (max(top.width, bottom.width), top.height + bottom.height), "white")
    out.paste(top, (0, 0))
    out.paste(bottom, (0, top.height))
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()
