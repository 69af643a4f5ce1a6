"""Matplotlib figures of a run's time series, for reports and the CLI."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..sim.population import CHANNELS  # noqa: E402
from .fonts import font_family  # noqa: E402

# English and Chinese text of the run figure
TEXT: dict[str, tuple[str, str]] = {
    "met": ("met: {channel}", "满足：{channel}"), "unmet": ("unmet", "未满足"),
    "family": ("family", "家人"), "informal": ("informal", "邻里朋友"),
    "team": ("team", "志愿服务队"), "matched": ("matched", "匹配"),
    "needs_title": ("Needs per week, by who met them", "每周需求及其满足者"),
    "needs_axis": ("needs / week", "需求 / 周"),
    "taking_part": ("taking part (4 weeks)", "参与互助（4 周内）"), "willing": ("willing", "愿意参与"),
    "giving": ("giving this week", "本周提供帮助"), "withdrawn": ("withdrawn", "退缩"),
    "participation_title": ("Elders' participation", "老人的参与"),
    "share_elders": ("share of elders", "老人比例"),
    "efficacy": ("self-efficacy", "自我效能感"), "loneliness": ("loneliness", "孤独感"),
    "coverage": ("share of needs met", "需求满足率"),
    "wellbeing_title": ("Well-being and coverage", "身心状况与需求满足"),
    "helpers": ("active helpers", "活跃帮助者"), "helpers_axis": ("helpers", "帮助者"),
    "volunteers_title": ("Volunteers and burnout", "志愿者与倦怠"),
    "burnout": ("mean burnout", "平均倦怠"), "burnout_axis": ("burnout (0-1)", "倦怠（0–1）"),
    "balance": ("balance", "余额"), "spent": ("spent (cumulative)", "累计支出"),
    "budget_title": ("Committee budget", "村委会预算"),
    "thousand_cny": ("thousand CNY", "千元"),
    "cohesion": ("cohesion of helping network", "互助网络的凝聚度"),
    "credibility": ("committee credibility", "村委会公信力"),
    "trust": ("elders' trust", "老人的信任"), "trust_title": ("Cohesion and trust", "凝聚与信任"),
    "years": ("years", "年"),
}


def _t(key: str, lang: str, **values) -> str:
    text = TEXT[key][1 if lang == "zh" else 0]
    return text.format(**values) if values else text

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
    labels = [_t("met", lang, channel=_t(c, lang)) for c in CHANNELS] + [_t("unmet", lang)]
    colours = [CHANNEL_COLOURS[c] for c in CHANNELS] + ["#de2d26"]
    ax.stackplot(years, *stacks, labels=labels, colors=colours, alpha=0.85)
    ax.set_title(_t("needs_title", lang))
    ax.set_ylabel(_t("needs_axis", lang))
    ax.legend(loc="upper right", fontsize=8)

    ax = axes[0, 1]
    for col, key in [("participation", "taking_part"), ("willing", "willing"),
                     ("share_giving", "giving"), ("share_withdrawn", "withdrawn")]:
        ax.plot(years, smooth[col], label=_t(key, lang))
    ax.set_title(_t("participation_title", lang))
    ax.set_ylabel(_t("share_elders", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[0, 2]
    ax.plot(years, smooth["mean_efficacy"], label=_t("efficacy", lang))
    ax.plot(years, smooth["mean_loneliness"], label=_t("loneliness", lang))
    ax.plot(years, smooth["coverage"], label=_t("coverage", lang))
    ax.set_title(_t("wellbeing_title", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    ax = axes[1, 0]
    ax.plot(years, ts["helpers_active"], color="#31a354", label=_t("helpers", lang))
    ax.set_ylabel(_t("helpers_axis", lang))
    ax.set_title(_t("volunteers_title", lang))
    twin = ax.twinx()
    twin.plot(years, smooth["mean_burnout"], color="#e6550d", label=_t("burnout", lang))
    twin.set_ylim(0, 1)
    twin.set_ylabel(_t("burnout_axis", lang))
    ax.legend(loc="upper left", fontsize=8)
    twin.legend(loc="upper right", fontsize=8)

    ax = axes[1, 1]
    ax.plot(years, ts["budget_balance"] / 1000.0, label=_t("balance", lang))
    ax.plot(years, ts["spent"].cumsum() / 1000.0, label=_t("spent", lang))
    ax.set_title(_t("budget_title", lang))
    ax.set_ylabel(_t("thousand_cny", lang))
    ax.legend(fontsize=8)

    ax = axes[1, 2]
    ax.plot(years, ts["cohesion"], label=_t("cohesion", lang))
    ax.plot(years, smooth["credibility"], label=_t("credibility", lang))
    ax.plot(years, smooth["mean_trust"], label=_t("trust", lang))
    ax.set_title(_t("trust_title", lang))
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8)

    for ax in axes[1]:
        ax.set_xlabel(_t("years", lang))
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
