"""The effects chart of a factorial of other factors than the three levels
(`villageaid factorial --factors ...`): for each headline metric, every term's
estimate with its paired 95% interval, main effects at the top and interactions
below; a term whose interval leaves out 0 is drawn in colour, one that includes it
in grey ("cannot tell"). The three-level design keeps its interaction plot
(visualization/factorial_figure.py).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..experiments.brief_factorial import HEADLINE  # noqa: E402
from ..sim.outcomes import METRICS  # noqa: E402
from .fonts import font_family  # noqa: E402
from .i18n import metric_label, metric_unit, table_text  # noqa: E402
from . import factorial_reading as reading  # noqa: E402

RESOLVED, UNRESOLVED = "#3182bd", "#969696"
TEXT: dict[str, tuple[str, str]] = {
    "title": ("{size} factorial of {factors}: effects with paired 95% intervals ({n} "
              "replicates, {years} years)",
              "{factors} 的 {size} 全因子实验：效应及配对 95% 区间（{n} 次重复，{years} 年）"),
    "axis": ("effect ({unit}; + cells minus - cells)", "效应（{unit}；+ 组合减 - 组合）"),
    "points": ("points", "百分点"),
    "note": ("Blue: the interval leaves out 0; grey: cannot tell. A main effect is the change a "
             "factor makes when switched on, averaged over the others; an interaction a:b is "
             "half the change in a's effect when b is switched on.",
             "蓝色：区间不含 0；灰色：无法判断。主效应是开启某一因子带来的变化（对其他因子取平均）；"
             "交互作用 a:b 是开启 b 后 a 的效应变化量的一半。"),
}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)


def plot_effects(result, path: Path, lang: str = "en") -> Path:
    """One panel per headline metric: each term's estimate and interval, as a PNG."""
    metrics = [m for m in HEADLINE if m in result.metrics]
    design, p = result.design, result.provenance
    terms = list(design.terms)
    labels = [":".join(reading.level(f, lang) for f in t.split(":")) for t in terms]
    y = np.arange(len(terms))[::-1]
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                "axes.titlesize": 10}):
        cols = 2 if len(metrics) > 1 else 1
        rows = -(-len(metrics) // cols)
        fig, axes = plt.subplots(rows, cols, squeeze=False, sharey=True,
                                 figsize=(6 * cols, 0.32 * len(terms) * rows + 1.6))
        for ax, metric in zip(axes.flat, metrics):
            _panel(ax, result, metric, terms, y, lang)
        for ax in list(axes.flat)[len(metrics):]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_yticks(y, labels)
        fig.suptitle(say("title", lang, size=design.size, n=result.replicates,
                         factors=" x ".join(reading.level(f, lang) for f in design.factors),
                         years=p.get("years", "?")), fontsize=11)
        line = reading.spending_line(p, lang)
        fig.text(0.5, -0.02, say("note", lang) + ("\n" + line if line else ""), ha="center",
                 va="top", fontsize=8, color="#444444", wrap=True)
        fig.tight_layout()
        path = Path(path)
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
    return path


def _panel(ax, result, metric: str, terms, y, lang: str) -> None:
    """One metric's terms: estimate and interval (shares in percentage points)."""
    share = METRICS[metric].kind == "share"
    k = 100.0 if share else 1.0
    e = result.effects[result.effects.metric == metric].set_index("effect").loc[terms]
    mean = e["estimate"].to_numpy(float) * k
    low, high = e["low"].to_numpy(float) * k, e["high"].to_numpy(float) * k
    err = np.nan_to_num(np.vstack([mean - low, high - mean]))
    for i, resolved in enumerate(e["resolved"]):
        colour = RESOLVED if resolved else UNRESOLVED
        ax.errorbar(mean[i], y[i], xerr=err[:, i:i + 1], fmt="o", color=colour, ecolor=colour,
                    capsize=3, ms=4, lw=1.2)
    ax.axvline(0, color="#444444", lw=0.8)
    ax.set_title(metric_label(metric, lang))
    unit = say("points", lang) if share else metric_unit(metric, lang)
    ax.set_xlabel(say("axis", lang, unit=unit))
    ax.grid(axis="x", alpha=0.3, lw=0.5)
