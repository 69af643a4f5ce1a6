"""Sensitivity indices as a console table and a figure, in English or Chinese
(`villageaid sensitivity --lang`); the analysis is experiments/sensitivity.py.
The warnings' own sentences stay in English in both languages."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..experiments.sensitivity import (  # noqa: E402
    CANNOT_TELL, SIZE_NAME, UNDEFINED, Sensitivity,
)
from ..problems import Phrase  # noqa: E402
from ..sim.outcomes import METRICS  # noqa: E402
from .fonts import font_family  # noqa: E402
from .i18n import SENSITIVITY, metric_label, table_text  # noqa: E402

HEADERS: dict[str, tuple[str, str]] = {
    "sobol": ("Sweep {name}: Sobol first-order (S1) and total-order (ST) indices, N = {size} "
              "base samples, {pct}% bootstrap intervals ({resamples} resamples)",
              "扫描 {name}：Sobol 一阶（S1）与总效应（ST）指数，N = {size} 个基础样本，"
              "{pct}% 自助法区间（重抽样 {resamples} 次）"),
    "morris": ("Sweep {name}: Morris screening: mu* (mean |effect| per full range), sigma, mu, "
               "r = {size} trajectories, {pct}% bootstrap intervals ({resamples} resamples)",
               "扫描 {name}：Morris 筛选：mu*（全范围变化的平均绝对效应）、sigma、mu，r = {size} 条轨迹，"
               "{pct}% 自助法区间（重抽样 {resamples} 次）"),
    "prcc": ("Sweep {name}: partial rank correlation coefficients (PRCC), n = {size} design "
             "points, {pct}% Fisher z intervals",
             "扫描 {name}：偏秩相关系数（PRCC），n = {size} 个设计点，{pct}% Fisher z 区间"),
}


def format_header(result: Sensitivity, resamples: int, lang: str = "en") -> str:
    """One line: the sweep, the method, its sample size and how intervals were made."""
    text = HEADERS[result.method][1 if lang == "zh" else 0]
    return text.format(name=result.name, size=result.size, resamples=resamples,
                       pct=round(100 * result.conf_level))


def format_sensitivity(result: Sensitivity, lang: str = "en") -> str:
    """The indices as a console table, one block per output, then the warnings."""
    t = result.table
    ci = table_text(SENSITIVITY, "ci", lang, pct=round(100 * result.conf_level))
    parameter = table_text(SENSITIVITY, "parameter", lang)
    lines = []
    head = {"sobol": f"{'':4}{parameter:28} {'S1':>7}  {ci:>18} {'ST':>7}  {ci:>18}",
            "morris": f"{'':4}{parameter:28} {'mu*':>10}  {ci:>22} {'sigma':>10} {'mu':>10}",
            "prcc": f"{'':4}{parameter:28} {'PRCC':>7} {ci:>18}"}[result.method]
    marks = set()
    for output, block in t.groupby("output", sort=False):
        lines += [output, head]
        for parameter, rows in block.groupby("parameter", sort=False):
            r = {row["index"]: row for _, row in rows.iterrows()}
            if result.method == "sobol":
                cells = []
                for i in ("S1", "ST"):
                    mark = "!" if "outside" in r[i].flag else " "
                    marks.add(mark)
                    interval = (f"{table_text(SENSITIVITY, 'cannot_tell', lang):^18}" if CANNOT_TELL in r[i].flag
                                else f"[{r[i].low:7.3f}, {r[i].high:7.3f}]")
                    cells.append(f"{r[i].value:7.3f}{mark} {interval}")
                lines.append(f"{'':4}{parameter:28} " + " ".join(cells))
            elif result.method == "morris":
                m = r["mu_star"]
                mark = "?" if m.flag else " "
                marks.add(mark)
                lines.append(f"{'':4}{parameter:28} {m.value:10.4g}{mark} [{m.low:9.4g}, "
                             f"{m.high:9.4g}] {r['sigma'].value:10.4g} {r['mu'].value:10.4g}")
            else:
                p = r["PRCC"]
                note = {"": "", UNDEFINED: "  " + table_text(SENSITIVITY, "undefined", lang)
                        }.get(p.flag, "  " + table_text(SENSITIVITY, "includes_zero", lang))
                lines.append(f"{'':4}{parameter:28} {p.value:7.3f} [{p.low:7.3f}, "
                             f"{p.high:7.3f}]{note}")
    if "!" in marks:
        lines.append(table_text(SENSITIVITY, "mark_outside", lang))
    if "?" in marks:
        lines.append(table_text(SENSITIVITY, "mark_zero", lang))
    for output, reason in result.skipped.items():
        why = reason.render(lang) if isinstance(reason, Phrase) else reason
        lines.append(f"{output}: {table_text(SENSITIVITY, 'skipped', lang)}, {why}")
    if len(result.warnings):
        lines.append(table_text(SENSITIVITY, "warnings", lang, n=len(result.warnings)))
        for message in result.warnings["message"]:
            lines += textwrap.wrap(message, 100, initial_indent="  - ",
                                   subsequent_indent="    ")
    return "\n".join(lines)


def plot_sensitivity(result: Sensitivity, path: str | os.PathLike, lang: str = "en") -> Path:
    """One panel per output: S1 and ST bars with intervals (Sobol), mu* against sigma
    (Morris), or PRCC bars with intervals (LHS). Sobol estimates outside [0, 1] and
    PRCCs whose interval includes 0 are hatched; 'cannot tell' is a dotted line."""
    with matplotlib.rc_context({"font.family": font_family()}):
        return _plot(result, Path(path), lang)


def _plot(result: Sensitivity, path: Path, lang: str) -> Path:
    t = result.table
    outputs = list(dict.fromkeys(t["output"]))
    cols = min(3, len(outputs))
    rows = -(-len(outputs) // cols)
    params = list(dict.fromkeys(t["parameter"]))
    height = max(2.6, 0.45 * len(params) + 1.4) if result.method != "morris" else 3.6
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, height * rows), squeeze=False)
    bars = {"sobol": (("S1", table_text(SENSITIVITY, "first_order", lang)), ("ST", table_text(SENSITIVITY, "total_order", lang))),
            "prcc": (("PRCC", "PRCC"),)}.get(result.method, ())
    for ax, output in zip(axes.flat, outputs):
        block = t[t["output"] == output]
        if bars:
            y = np.arange(len(params))
            width = 0.76 / len(bars)
            for k, (index, label) in enumerate(bars):
                r = block[block["index"] == index].set_index("parameter").reindex(params)
                lo, hi = (-1.0, 1.0) if result.method == "prcc" else (-0.05, 1.15)
                lost = r["flag"].fillna("").str.contains(CANNOT_TELL).to_numpy()
                shown = r["value"].clip(lo, hi).where(~lost)
                at = y + (k - (len(bars) - 1) / 2) * width
                err = np.vstack([(shown - r["low"]).clip(lower=0),
                                 (r["high"] - shown).clip(lower=0)])
                colour, flagged = f"C{k}", (r["flag"].fillna("") != "").to_numpy() & ~lost
                ax.barh(at, shown, height=width, xerr=err, capsize=2, color=colour,
                        label=label, alpha=0.9)
                ax.barh(at[flagged], shown[flagged], height=width, color="white",
                        edgecolor=colour, hatch="///")
                ax.hlines(at[lost], 0, 1, colors=colour, linestyles=":")
                for a, v, s, gone in zip(at, r["value"], shown, lost):
                    if gone or v != s:
                        ax.annotate(f"{table_text(SENSITIVITY, 'cannot_tell', lang)} ({v:.3g})" if gone
                                    else f"{v:.3g}",
                                    (0.3 if gone else s, a), fontsize=7, va="center",
                                    xytext=(3, 0), textcoords="offset points")
                ax.set_xlim(lo, hi + 0.1)
            ax.set_yticks(y, params)
            ax.invert_yaxis()
            ax.axvline(0, color="grey", lw=0.6)
            ax.set_xlabel(table_text(SENSITIVITY, "axis_sobol" if result.method == "sobol" else "axis_prcc", lang))
        else:
            m = block[block["index"] == "mu_star"].set_index("parameter").reindex(params)
            s = block[block["index"] == "sigma"].set_index("parameter").reindex(params)
            err = np.vstack([(m["value"] - m["low"]).clip(lower=0),
                             (m["high"] - m["value"]).clip(lower=0)])
            ax.errorbar(m["value"], s["value"], xerr=err, fmt="o", capsize=2)
            for name in params:
                ax.annotate(name, (m.loc[name, "value"], s.loc[name, "value"]),
                            textcoords="offset points", xytext=(4, 3), fontsize=8)
            ax.set_xlabel(table_text(SENSITIVITY, "axis_mu", lang))
            ax.set_ylabel("sigma")
        ax.set_title(metric_label(output, lang) if output in METRICS else output)
    for ax in list(axes.flat)[len(outputs):]:
        ax.set_visible(False)
    if result.method == "sobol":
        axes.flat[0].legend(loc="lower right", fontsize=8)
    fig.suptitle(table_text(SENSITIVITY, "title", lang, what=table_text(SENSITIVITY, result.method, lang), name=result.name,
                    size=f"{SIZE_NAME[result.method]} = {result.size}",
                    pct=round(100 * result.conf_level), notes=table_text(SENSITIVITY, f"notes_{result.method}", lang)))
    if len(result.warnings):
        fig.text(0.01, 0.005, table_text(SENSITIVITY, "see_warnings", lang, n=len(result.warnings)), fontsize=8,
                 color="firebrick")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
