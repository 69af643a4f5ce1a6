"""Matplotlib figures of a run's time series, for reports and the CLI."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..sim.population import CHANNELS  # noqa: E402
from .fonts import font_family  # noqa: E402
from .i18n import RUN_FIGURE, table_text  # noqa: E402

CHANNEL_COLOURS = {"family": "#8c6d31", "informal": "#3182bd", "team": "#31a354",
                   "matched": "#756bb1"}
SMOOTH_WEEKS = 4  # curves show four-week rolling means: weekly counts are noisy


def plot_run(ts: pd.DataFrame, path: Path, title: str = "Village mutual aid",
             lang: str = "en") -> Path:
    """Six panels: needs met by channel, participation, well-being, helpers, money, cohesion."""
    with matplotlib.rc_context({"font.family": font_family()}):
        return _plot_run(ts, Path(path), title, lang)


def _plot_run(ts: pd.DataFrame, path: Path, title: str, lang: str) -> Path:
    smooth = ts.rolling(SMOOTH_WEEKS, min_periods=1).mean()
    years = ts["week"] / 52.0
    fig, axes = plt.subplots(2, 3, figsize=(15, 8), sharex=True)

    ax = axes[0, 0]
    stacks = [smooth[f"met_by_{c}"] for c in CHANNELS] + [smooth["unmet"]]
    labels = [table_text(RUN_FIGURE, "met", lang, channel=table_text(RUN_FIGURE, c, lang)) for c in CHANNELS] + [table_text(RUN_FIGURE, "unmet", lang)]
    colours = [CHANNEL_COLOURS[c] for c in CHANNELS] + ["#de2d26"]
    ax.stackplot(years, *stacks, labels=labels, colors=colours, alpha=0.85)
    ax.set_title(table_text(RUN_FIGURE, "needs_title", lang))
    ax.set_ylabel(table_text(RUN_FIGURE, "needs_axis", lang))
    ax.legend(loc="upper right", fontsize=8)

    ax = axes[0, 1]
    for col, key in [("participation", "taking_part"), ("willing", "willing"),
                     ("share_giving", "giving"), ("share_withdrawn", "withdrawn")]:
        ax.plot(years, smooth[col], label=table_text(RUN_FIGURE, key, lang))
    ax.set_title(table_text(RUN_FIGURE, "participation_title", lang))
    ax.set_ylabel(table_text(RUN_FIGURE, "share_elders", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[0, 2]
    ax.plot(years, smooth["mean_efficacy"], label=table_text(RUN_FIGURE, "efficacy", lang))
    ax.plot(years, smooth["mean_loneliness"], label=table_text(RUN_FIGURE, "loneliness", lang))
    ax.plot(years, smooth["coverage"], label=table_text(RUN_FIGURE, "coverage", lang))
    ax.set_title(table_text(RUN_FIGURE, "wellbeing_title", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[1, 0]
    ax.plot(years, ts["helpers_active"], color="#31a354", label=table_text(RUN_FIGURE, "helpers", lang))
    ax.set_ylabel(table_text(RUN_FIGURE, "helpers_axis", lang))
    ax.set_title(table_text(RUN_FIGURE, "volunteers_title", lang))
    twin = ax.twinx()
    twin.plot(years, smooth["mean_burnout"], color="#e6550d", label=table_text(RUN_FIGURE, "burnout", lang))
    twin.set_ylim(0, 1)
    twin.set_ylabel(table_text(RUN_FIGURE, "burnout_axis", lang))
    ax.legend(loc="upper left", fontsize=8)
    twin.legend(loc="upper right", fontsize=8)

    ax = axes[1, 1]
    ax.plot(years, ts["budget_balance"] / 1000.0, label=table_text(RUN_FIGURE, "balance", lang))
    ax.plot(years, ts["spent"].cumsum() / 1000.0, label=table_text(RUN_FIGURE, "spent", lang))
    ax.set_title(table_text(RUN_FIGURE, "budget_title", lang))
    ax.set_ylabel(table_text(RUN_FIGURE, "thousand_cny", lang))
    ax.legend(fontsize=8)

    ax = axes[1, 2]
    ax.plot(years, ts["cohesion"], label=table_text(RUN_FIGURE, "cohesion", lang))
    ax.plot(years, smooth["credibility"], label=table_text(RUN_FIGURE, "credibility", lang))
    ax.plot(years, smooth["mean_trust"], label=table_text(RUN_FIGURE, "trust", lang))
    ax.set_title(table_text(RUN_FIGURE, "trust_title", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    for ax in axes[1]:
        ax.set_xlabel(table_text(RUN_FIGURE, "years", lang))
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


# The yearly events of the population figure, in the order drawn.
POPULATION_EVENTS = ("deaths", "widowed", "new_elders", "left", "returned", "joined")


def plot_population(ts: pd.DataFrame, path: Path, title: str = "Village mutual aid",
                    lang: str = "en") -> Path:
    """Two panels: residents and elders living in the village week by week, and each
    year's deaths, widowed, new elders, leavers, returnees and elders who started
    helping on their own."""
    with matplotlib.rc_context({"font.family": font_family()}):
        return _plot_population(ts, Path(path), title, lang)


def _plot_population(ts: pd.DataFrame, path: Path, title: str, lang: str) -> Path:
    years = ts["week"] / 52.0
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8))
    left.plot(years, ts["residents"], label=table_text(RUN_FIGURE, "residents", lang))
    left.plot(years, ts["elders"], label=table_text(RUN_FIGURE, "elders", lang))
    left.set_ylim(0, None)
    left.set_title(table_text(RUN_FIGURE, "population_title", lang))
    left.set_ylabel(table_text(RUN_FIGURE, "persons", lang))
    left.set_xlabel(table_text(RUN_FIGURE, "years", lang))
    left.legend(fontsize=8)
    yearly = ts.groupby((ts["week"] - 1) // 52)[list(POPULATION_EVENTS)].sum()
    width = 0.8 / len(POPULATION_EVENTS)
    for k, event in enumerate(POPULATION_EVENTS):
        right.bar(yearly.index + 1 + (k - len(POPULATION_EVENTS) / 2) * width, yearly[event],
                  width=width, label=table_text(RUN_FIGURE, event, lang))
    right.set_title(table_text(RUN_FIGURE, "events_title", lang))
    right.set_ylabel(table_text(RUN_FIGURE, "persons_year", lang))
    right.set_xlabel(table_text(RUN_FIGURE, "year", lang))
    right.legend(fontsize=8, ncol=2)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
