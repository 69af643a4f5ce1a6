"""Matplotlib figures of a run's time series, for reports and the CLI."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..sim.population import CHANNELS  # noqa: E402

CHANNEL_COLOURS = {"family": "#8c6d31", "informal": "#3182bd", "team": "#31a354",
                   "matched": "#756bb1"}
SMOOTH_WEEKS = 4  # curves show four-week rolling means: weekly counts are noisy


def plot_run(ts: pd.DataFrame, path: Path, title: str = "Village mutual aid") -> Path:
    """Six panels: needs met by channel, participation, well-being, helpers, money, cohesion."""
    smooth = ts.rolling(SMOOTH_WEEKS, min_periods=1).mean()
    years = ts["week"] / 52.0
    fig, axes = plt.subplots(2, 3, figsize=(15, 8), sharex=True)

    ax = axes[0, 0]
    stacks = [smooth[f"met_by_{c}"] for c in CHANNELS] + [smooth["unmet"]]
    labels = [f"met: {c}" for c in CHANNELS] + ["unmet"]
    colours = [CHANNEL_COLOURS[c] for c in CHANNELS] + ["#de2d26"]
    ax.stackplot(years, *stacks, labels=labels, colors=colours, alpha=0.85)
    ax.set_title("Needs per week, by who met them")
    ax.set_ylabel("needs / week")
    ax.legend(loc="upper right", fontsize=8)

    ax = axes[0, 1]
    for col, label in [("participation", "taking part (4 weeks)"),
                       ("willing", "willing"), ("share_giving", "giving this week"),
                       ("share_withdrawn", "withdrawn")]:
        ax.plot(years, smooth[col], label=label)
    ax.set_title("Elders' participation")
    ax.set_ylabel("share of elders")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[0, 2]
    ax.plot(years, smooth["mean_efficacy"], label="self-efficacy")
    ax.plot(years, smooth["mean_loneliness"], label="loneliness")
    ax.plot(years, smooth["coverage"], label="share of needs met")
    ax.set_title("Well-being and coverage")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[1, 0]
    ax.plot(years, ts["helpers_active"], color="#31a354", label="active helpers")
    ax.set_ylabel("helpers")
    ax.set_title("Volunteers and burnout")
    twin = ax.twinx()
    twin.plot(years, smooth["mean_burnout"], color="#e6550d", label="mean burnout")
    twin.set_ylim(0, 1)
    twin.set_ylabel("burnout (0-1)")
    ax.legend(loc="upper left", fontsize=8)
    twin.legend(loc="upper right", fontsize=8)

    ax = axes[1, 1]
    ax.plot(years, ts["budget_balance"] / 1000.0, label="balance")
    ax.plot(years, ts["spent"].cumsum() / 1000.0, label="spent (cumulative)")
    ax.set_title("Committee budget")
    ax.set_ylabel("thousand CNY")
    ax.legend(fontsize=8)

    ax = axes[1, 2]
    ax.plot(years, ts["cohesion"], label="cohesion of helping network")
    ax.plot(years, smooth["credibility"], label="committee credibility")
    ax.plot(years, smooth["mean_trust"], label="elders' trust")
    ax.set_title("Cohesion and trust")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    for ax in axes[1]:
        ax.set_xlabel("years")
    fig.suptitle(title)
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
