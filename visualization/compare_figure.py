"""The comparison figure (`comparison.png`): what a policymaker reads first.

Top: three curves over the years, one line per scenario with its 95% band, the
shocks shaded and the interventions' start marked; the legend sits beside the
panels, never over data. Bottom: each scenario's paired difference from the
reference scenario, in percentage points, with its 95% interval (green where it
is better for elders or helpers, red where worse, hollow where the replicates
cannot tell it from 0), and the drop after the shock, measured against each
scenario's own run without the shock. English or Chinese (`lang`).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..sim.committee import WEEKS_PER_YEAR  # noqa: E402
from ..sim.outcomes import METRICS  # noqa: E402
from .i18n import metric_label, report_text, scenario_title, tr  # noqa: E402
from .fonts import font_family  # noqa: E402

CURVES = (("coverage", "ind_coverage"), ("participation", "taking_part"),
          ("helpers_active", "helpers"))
# Shares whose differences the lower panel shows, in percentage points: the
# report's headline shares (the shock's drop has its own panel).
DIFFERENCES = tuple(name for name, m in METRICS.items()
                    if m.short and m.kind in ("share", "index") and m.compared
                    and not name.startswith("resilience_"))
SMOOTH = 4  # weeks: the curves are four-week means, weekly figures are noisy
BETTER, WORSE, NEUTRAL = "#31a354", "#de2d26", "#636363"
# Bands of more scenarios than this overlap into an unreadable mass: lines only.
MAX_BANDS = 3


def plot_comparison(comparison, path: Path, lang: str = "en") -> Path:
    """Curves, paired differences from the first scenario and the shock's drop, as a PNG."""
    names = comparison.scenarios
    colours = _colours(len(names))
    n = int(comparison.replicates.replicate.max()) + 1
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                "axes.titlesize": 10}):
        fig = plt.figure(figsize=(14, 8.6))
        grid = fig.add_gridspec(2, 4, width_ratios=[1, 1, 1, 0.55], height_ratios=[1, 1.05],
                                hspace=0.42, wspace=0.32)
        for k, (column, key) in enumerate(CURVES):
            ax = fig.add_subplot(grid[0, k])
            _curves(ax, comparison, column, colours, bands=len(names) <= MAX_BANDS)
            _marks(ax, comparison.schedule, lang, legend=k == 0)
            ax.set_title(tr(key, lang))
            ax.set_xlabel(report_text("fig_years", lang))
        legend = fig.add_subplot(grid[0, 3])
        legend.axis("off")
        handles = [plt.Line2D([], [], color=c, lw=2) for c in colours]
        legend.legend(handles, [scenario_title(sc, lang) for sc in names], loc="center left",
                      frameon=False, fontsize=9)
        if len(names) > 1:
            ax = fig.add_subplot(grid[1, :2])
            _differences(ax, comparison, colours, lang, n)
        ax = fig.add_subplot(grid[1, 2:])
        _shock_drop(ax, comparison, colours, lang)
        fig.suptitle(report_text("fig_title", lang, scenarios=len(names), n=n), fontsize=12)
        path = Path(path)
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
    return path


def _colours(k: int) -> list[str]:
    """The reference scenario in black, the others in distinct colours."""
    cycle = plt.get_cmap("tab10").colors
    return ["#000000"] + [matplotlib.colors.to_hex(cycle[i % 10]) for i in range(k - 1)]


def _curves(ax, comparison, column, colours, bands: bool) -> None:
    c = comparison.curves
    for sc, colour in zip(comparison.scenarios, colours):
        d = c[(c.scenario == sc) & (c.column == column)]
        years = d["week"].to_numpy() / WEEKS_PER_YEAR
        smooth = d[["mean", "low", "high"]].rolling(SMOOTH, min_periods=1).mean()
        ax.plot(years, smooth["mean"], color=colour, lw=1.4)
        if bands:
            ax.fill_between(years, smooth["low"].fillna(smooth["mean"]),
                            smooth["high"].fillna(smooth["mean"]), color=colour, alpha=0.15,
                            lw=0)
    if column != "helpers_active":
        ax.set_ylim(0, 1)
    ax.grid(alpha=0.25, lw=0.5)


def _marks(ax, schedule: dict, lang: str, legend: bool) -> None:
    """Shade the shocks and mark the week interventions start (the same for all
    scenarios of a comparison when they share a schedule)."""
    shocks = {(s["week"], s["duration"]) for sc in schedule.values() for s in sc["shocks"]}
    for k, (week, duration) in enumerate(sorted(shocks)):
        ax.axvspan((week - 1) / WEEKS_PER_YEAR, (week - 1 + duration) / WEEKS_PER_YEAR,
                   color="#9ecae1", alpha=0.45, lw=0,
                   label=report_text("fig_shock", lang) if k == 0 else None)
    starts = sorted({s["week"] for sc in schedule.values() for s in sc["starts"]})
    for k, week in enumerate(starts):
        if week > 1:  # interventions that start in week 1 need no mark
            ax.axvline((week - 1) / WEEKS_PER_YEAR, color="#756bb1", ls="--", lw=0.9,
                       label=report_text("fig_start", lang) if k == 0 else None)
    if legend and (shocks or any(w > 1 for w in starts)):
        ax.legend(loc="lower left", fontsize=8, frameon=True, framealpha=0.8)


def _differences(ax, comparison, colours, lang, n) -> None:
    """Each scenario minus the first, by metric, in percentage points, paired intervals."""
    d = comparison.differences
    shown = [m for m in DIFFERENCES if m in set(d.metric)]
    others = comparison.scenarios[1:]
    step = 0.8 / max(len(others), 1)
    for y, metric in enumerate(shown):
        better = METRICS[metric].better
        for k, sc in enumerate(others):
            r = d[(d.scenario == sc) & (d.metric == metric)]
            if r.empty or np.isnan(r.iloc[0]["diff"]):
                continue
            r = r.iloc[0]
            mean, low, high = (100 * r[c] for c in ("diff", "paired_low", "paired_high"))
            yy = y - 0.4 + step * (k + 0.5)
            colour = NEUTRAL
            if r["resolved"] and better is not None:
                colour = BETTER if (mean > 0) == better else WORSE
            if not np.isnan(low):
                ax.plot([low, high], [yy, yy], color=colour, lw=1.8)
            ax.plot([mean], [yy], "o", ms=5, color=colours[k + 1],
                    markerfacecolor=colours[k + 1] if r["resolved"] else "white",
                    markeredgewidth=1.3)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(range(len(shown)), [metric_label(m, lang) for m in shown])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlabel(report_text("fig_diff_axis", lang))
    ax.grid(axis="x", alpha=0.3, lw=0.5)
    ax.set_title(report_text("fig_diff_title", lang,
                             first=scenario_title(comparison.scenarios[0], lang)))
    ax.text(0.0, -0.16, report_text("fig_better", lang) + "; "
            + report_text("fig_cannot_tell", lang, n=n), transform=ax.transAxes, fontsize=8,
            color="#444444", va="top")


def _shock_drop(ax, comparison, colours, lang) -> None:
    """The drop in needs met after the shock, per scenario, with 95% intervals."""
    s = comparison.summary
    s = s[s.metric == "resilience_depth"].set_index("scenario").reindex(comparison.scenarios)
    names = comparison.scenarios
    x = np.arange(len(names))
    mean = s["mean"].to_numpy(float)
    err = np.vstack([mean - s["low"].to_numpy(float), s["high"].to_numpy(float) - mean])
    ax.bar(x, np.nan_to_num(mean), color=colours, alpha=0.8)
    ax.errorbar(x, mean, yerr=np.nan_to_num(err), fmt="none", ecolor="#333333", capsize=3)
    ax.set_xticks(x, [scenario_title(sc, lang) for sc in names], rotation=25, ha="right",
                  fontsize=8)
    ax.set_title(metric_label("resilience_depth", lang) + "\n("
                 + report_text("fig_resilience_note", lang) + ")", fontsize=9)
    ax.grid(axis="y", alpha=0.3, lw=0.5)
