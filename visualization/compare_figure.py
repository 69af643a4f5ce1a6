"""The comparison figure: curves with 95% bands, and resilience bars with intervals."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

CURVES = [("coverage", "Share of needs met"), ("participation", "Elders taking part"),
          ("mean_efficacy", "Mean self-efficacy"), ("helpers_active", "Active helpers")]
BARS = [("resilience_depth", "Drop after the shock\n(share of needs)"),
        ("resilience_recovery_weeks", "Weeks to recover"),
        ("resilience_area_lost", "Needs-met lost\n(share x weeks)"),
        ("cost_per_need_met", "Cost per need met\nbeyond family (CNY)")]
SMOOTH = 4
SHARES = {"coverage", "participation", "mean_efficacy"}  # bands clipped to [0, 1]


def plot_comparison(comparison, path: Path, shock_week: int | None = None) -> Path:
    fig, axes = plt.subplots(2, 4, figsize=(18, 8))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, (column, title) in zip(axes[0], CURVES):
        for k, sc in enumerate(comparison.scenarios):
            c = comparison.curves
            c = c[(c.scenario == sc) & (c.column == column)]
            years = c["week"].to_numpy() / 52.0
            mean = c["mean"].rolling(SMOOTH, min_periods=1).mean()
            low = c["low"].rolling(SMOOTH, min_periods=1).mean()
            high = c["high"].rolling(SMOOTH, min_periods=1).mean()
            upper = 1.0 if column in SHARES else None
            low, high = low.clip(0.0, upper), high.clip(0.0, upper)
            colour = colours[k % len(colours)]
            ax.plot(years, mean, color=colour, label=sc, lw=1.4)
            ax.fill_between(years, low, high, color=colour, alpha=0.2, lw=0)
        ax.set_title(title)
        ax.set_xlabel("years")
    axes[0, 0].legend(fontsize=8)

    for ax, (metric, title) in zip(axes[1], BARS):
        s = comparison.summary[comparison.summary.metric == metric]
        s = s.set_index("scenario").reindex(comparison.scenarios)
        x = np.arange(len(comparison.scenarios))
        mean = s["mean"].to_numpy(float)
        low = np.maximum(s["low"].to_numpy(float), 0.0)  # these figures are never negative
        err = np.vstack([mean - low, s["high"].to_numpy(float) - mean])
        ax.bar(x, np.nan_to_num(mean), color=[colours[k % len(colours)] for k in x], alpha=0.8)
        ax.errorbar(x, mean, yerr=np.nan_to_num(err), fmt="none", ecolor="black", capsize=3)
        ax.set_xticks(x, comparison.scenarios, rotation=30, ha="right", fontsize=8)
        ax.set_title(title, fontsize=10)
    fig.suptitle(f"Scenarios compared over {int(comparison.replicates.replicate.max()) + 1} "
                 "replicates (means, 95% intervals)")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
