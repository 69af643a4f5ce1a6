"""The Compare page without the web page: run a comparison with progress, and draw it.

The runs and the statistics are the compare engine's (experiments/compare.py):
each task is `run_replicate` (replicate i with seed `seed + i`, measured against
its unshocked twin when the scenario has a shock), and the results go through
`summarize_results`, exactly as `compare()` does, so the page shows the same
numbers as `villageaid compare`. The page runs them from a background thread,
on worker processes (one per core, up to 8) that start once per server and are
reused, and reports progress after every run; Cancel drops the runs not yet
started. Worker processes come from a `forkserver` (a clean process that has
imported the model once): forking the server itself, which runs threads, is not
safe.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from ..experiments.compare import METRICS, Comparison, summarize_results  # noqa: E402
from ..experiments.replicates import default_workers, exit_with_parent, run_replicate  # noqa: E402
from ..sim.committee import WEEKS_PER_YEAR  # noqa: E402
from .i18n import metric_label, metric_unit, tr  # noqa: E402
from .fonts import font_family  # noqa: E402

CURVE_PANELS = (("coverage", "ind_coverage"), ("participation", "taking_part"),
                ("mean_efficacy", "efficacy"), ("mean_burnout", "burnout"))
SHARE_CURVES = {"coverage", "participation", "mean_efficacy", "mean_burnout"}
# Shares and 0-1 scales, shown in percentage points in the differences chart.
DIFF_SHARES = tuple(m for m, metric in METRICS.items() if metric.kind in ("share", "index"))
SCENARIO_COLOURS = ("#1f77b4", "#d62728")


class Cancelled(Exception):
    """The user pressed Cancel; no result."""


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
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenarios: names must differ; got {', '.join(names)}")
    tasks = [(sc, i, seed + i, years) for sc in scenarios for i in range(replicates)]
    workers = default_workers() if workers is None else workers

    def report(done, task):
        if progress is not None:
            progress(done, len(tasks), task[0].name, task[1])

    def stop():
        return cancelled is not None and cancelled()

    report(0, tasks[0])
    if workers <= 1 or len(tasks) == 1:
        results = []
        for task in tasks:
            if stop():
                raise Cancelled()
            results.append(run_replicate(*task))
            report(len(results), task)
    else:
        results = _run_on_workers(tasks, workers, report, stop)
    return summarize_results(names, results)


def _run_on_workers(tasks, workers, report, stop) -> list:
    pool = _worker_pool(workers)
    futures = {pool.submit(run_replicate, *task): k for k, task in enumerate(tasks)}
    results = [None] * len(tasks)
    pending, done = set(futures), 0
    try:
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in finished:
                k = futures[future]
                results[k] = future.result()
                done += 1
                report(done, tasks[k])
            if pending and stop():
                raise Cancelled()
    finally:
        for future in pending:
            future.cancel()
    return results


_POOL: ProcessPoolExecutor | None = None
_POOL_WORKERS = 0
_POOL_LOCK = threading.Lock()


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    """The server's worker processes, started on first use and kept for later runs."""
    global _POOL, _POOL_WORKERS
    with _POOL_LOCK:
        if _POOL is None or _POOL_WORKERS != workers:
            if _POOL is not None:
                _POOL.shutdown(wait=False, cancel_futures=True)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context(
                "forkserver" if "forkserver" in methods else "spawn")
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(["villageaid.experiments.replicates"])
            _POOL = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                        initializer=exit_with_parent)
            _POOL_WORKERS = workers
        return _POOL


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
