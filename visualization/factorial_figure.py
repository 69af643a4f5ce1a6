"""The factorial of the three levels (or of other factors) as a console report and a
figure (`factorial.png`), in English or Chinese (`villageaid factorial --lang`); the
study is experiments/factorial.py.

The report: each cell's means with 95% intervals, the factorial effects ("cannot
tell" where the interval includes 0) and one plain line per metric for the theory's
question, whether the levels reinforce each other. The figure: an interaction plot
of needs met and taking part, the cell means with their intervals, micro off and on
as two lines over meso off and on, in one panel with macro off and one with it on;
for a design of other factors, each term's effect with its 95% interval per headline
metric (visualization/factorial_effects_chart.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..experiments.factorial import (  # noqa: E402
    CANNOT_TELL, INTERACTIONS, NONE, Factorial,
)
from ..scenarios.village_types import VILLAGE_TYPES  # noqa: E402
from ..sim.outcomes import short_label  # noqa: E402
from .fonts import font_family  # noqa: E402
from .i18n import (  # noqa: E402
    FACTORIAL, intervention_title, metric_label, metric_unit, table_text,
)
from . import factorial_reading as reading  # noqa: E402
from .report import REPORT_METRICS, _grid, _interval  # noqa: E402
from .report import _wrap as _report_wrap  # noqa: E402

FIGURE_METRICS = ("coverage", "participation")
OFF, ON = "#969696", "#3182bd"  # micro off, micro on
SEP = {"en": ", ", "zh": "、"}


def text(key: str, lang: str, **values) -> str:
    return table_text(FACTORIAL, key, lang, **values)


def cell_title(cell: str, lang: str) -> str:
    """'micro+meso' in the report's language ('微观+中观')."""
    if cell == NONE:
        return text("none", lang)
    return "+".join(reading.level(f, lang) for f in cell.split("+"))


def term_title(term: str, lang: str) -> str:
    """'micro:meso' in the report's language ('微观:中观')."""
    return ":".join(reading.level(f, lang) for f in term.split(":"))


def describe(result: Factorial, lang: str = "en") -> list[str]:
    """The design in words: replicates, seeds, years, village, shocks, the factors and
    the spending rule."""
    p = result.provenance
    village = p.get("village", "default")
    if village == "default":
        village = text("default_village", lang)
    elif village in VILLAGE_TYPES:
        village = reading.say("village_type", lang, name=village,
                              title=VILLAGE_TYPES[village].title(lang))
    else:
        village = text("village_file", lang, path=village)
    shocks = p.get("shocks", "none")
    shocks = (text("no_shocks", lang) if shocks == "none" else
              text("cold_wave", lang, week=min(s["week"] for s in shocks)))
    factors = {f: SEP[lang].join(intervention_title(k, lang)
                                 for k in p.get("factors", {}).get(f, []))
               for f in result.design.factors}
    spending = reading.spending_line(p, lang)
    spending = [spending] if spending else []
    if result.design.is_levels:
        return [text("header", lang, n=result.replicates, seed=p.get("seeds", ["S"])[0],
                     years=p.get("years", "?"), village=village, shocks=shocks),
                text("levels", lang, **factors)] + spending
    design = result.design
    return [reading.say("header_k", lang, size=design.size, cells=len(design.cells),
                        factors=" x ".join(reading.level(f, lang) for f in design.factors),
                        n=result.replicates, seed=p.get("seeds", ["S"])[0],
                        years=p.get("years", "?"), village=village, shocks=shocks),
            reading.say("factors_k", lang, factors=("；" if lang == "zh" else "; ").join(
                f"{reading.level(f, lang)} = {factors[f] or '?'}" for f in design.factors)),
            ] + spending


def format_factorial(result: Factorial, lang: str = "en") -> str:
    """Cell means, effects ('cannot tell' where unresolved), the theory's question, notes."""
    shown = [m for m in REPORT_METRICS if m in result.metrics]
    lines = []
    for line in describe(result, lang):
        lines += _wrap(line, lang)
    means = result.means.assign(scenario=result.means["cell"].map(
        lambda c: cell_title(c, lang)))
    lines += ["", text("means", lang)]
    lines += _grid(means, [cell_title(c, lang) for c in result.design.cell_names], shown,
                   lang, lambda r: _interval(r["mean"], r["low"], r["high"]))
    spending = reading.spending_rows(result, lang)
    if spending:
        lines += ["", reading.say("spending_head", lang)] + ["  " + r for r in spending]
    effects = result.effects.assign(scenario=result.effects["effect"].map(
        lambda t: term_title(t, lang)))
    cannot = text("cannot_tell", lang)
    lines += ["", text("effects", lang)]
    lines += _grid(effects, [term_title(t, lang) for t in result.design.terms], shown, lang,
                   lambda r: (_interval(r["estimate"], r["low"], r["high"], True)
                              if r["resolved"] else cannot))
    lines += ["", text("question", lang, n=result.replicates)]
    for metric in result.metrics:
        lines += _report_wrap("  " + verdict_line(result, metric, lang), lang, indent="    ")
    lines += [""] + _wrap(reading.say("ratio_head", lang), lang)
    header, rows = reading.ratio_rows(result, shown, lang)
    width = max(len(r[0]) for r in rows) if rows else 0
    for row in rows:
        lines += _report_wrap(f"  {row[0]:{width}s}  " + "; ".join(
            f"{h} {c}" for h, c in zip(header[1:], row[1:])), lang, indent="    ")
    lines += [""] + _wrap(reading.say("adds_head", lang), lang)
    for metric in ("coverage", "participation"):
        if metric in result.metrics:
            for line in reading.adds_lines(result, metric, lang):
                lines += _report_wrap("  " + line, lang, indent="    ")
    effects_note = (text("effects_note", lang) if result.design.is_levels else
                    reading.say("effects_note_k", lang, cells=len(result.design.cells)))
    for note in (effects_note, text("reading_note", lang),
                 text("intervals", lang),
                 text("columns", lang) + ": " + "; ".join(
                     f"{short_label(m, lang)} = {metric_label(m, lang)} "
                     f"({metric_unit(m, lang)})" for m in shown)):
        lines += [""] + _wrap(note, lang)
    return "\n".join(lines)


def verdict_line(result: Factorial, metric: str, lang: str = "en") -> str:
    """One metric's answer in plain words, naming the interactions behind it, each with
    its estimate and interval; never more than the resolved interactions show."""
    v = result.verdict(metric)
    label = metric_label(metric, lang)
    effects = result.effects[result.effects.metric == metric].set_index("effect")

    def terms(names) -> str:
        return SEP[lang].join(
            f"{term_title(t, lang)} {_interval(effects.loc[t, 'estimate'], effects.loc[t, 'low'], effects.loc[t, 'high'], True)}"
            for t in names)

    rest = SEP[lang].join(term_title(t, lang) for t in v["unclear"])
    if v["word"] == "no direction":
        return text("no_direction", lang, metric=label)
    if v["word"] in ("reinforce", "substitute"):
        line = text(v["word"], lang, metric=label, terms=terms(v[v["word"]]))
        return line + (text("rest", lang, terms=rest) if rest else "")
    if v["reinforce"] or v["substitute"]:
        return text("mixed", lang, metric=label, reinforce=terms(v["reinforce"]),
                    substitute=terms(v["substitute"]))
    return text("unresolved", lang, metric=label, n=result.replicates)


# ------------------------------------------------------------------ the figure
def plot_factorial(result: Factorial, path: Path, lang: str = "en") -> Path:
    """The interaction plot of needs met and taking part, as a PNG; for a design of
    other factors than the three levels, the chart of its effects."""
    if not result.design.is_levels:
        from .factorial_effects_chart import plot_effects

        return plot_effects(result, path, lang)
    metrics = [m for m in FIGURE_METRICS if m in result.metrics]
    p = result.provenance
    shocks = text("fig_no_shocks" if p.get("shocks", "none") == "none" else "fig_cold_wave",
                  lang)
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                "axes.titlesize": 10}):
        fig, axes = plt.subplots(len(metrics), 2, figsize=(11, 4.1 * len(metrics) + 0.8),
                                 squeeze=False, sharey="row")
        for row, metric in enumerate(metrics):
            for macro in (0, 1):
                _panel(axes[row, macro], result, metric, macro, lang)
            axes[row, 0].set_ylabel(metric_unit(metric, lang))
            axes[row, 0].text(0.0, -0.2, _note(result, metric, lang),
                              transform=axes[row, 0].transAxes, fontsize=8, color="#444444",
                              va="top")
        handles = [plt.Line2D([], [], color=c, marker="o", lw=1.8, ls=ls)
                   for c, ls in ((OFF, "--"), (ON, "-"))]
        fig.legend(handles, [text("fig_micro", lang, state=text(s, lang))
                             for s in ("fig_off", "fig_on")],
                   loc="upper center", bbox_to_anchor=(0.5, 0.955), frameon=False, ncol=2,
                   fontsize=9)
        fig.suptitle(text("fig_title", lang, n=result.replicates, years=p.get("years", "?"),
                          shocks=shocks), fontsize=11)
        fig.text(0.5, -0.04, "\n".join(_wrap(text("fig_note", lang, n=result.replicates), lang,
                                           width=150)),
                 ha="center", va="top", fontsize=8, color="#444444")
        fig.subplots_adjust(hspace=0.55, wspace=0.12, top=0.88)
        path = Path(path)
        fig.savefig(path, dpi=100, bbox_inches="tight")
        plt.close(fig)
    return path


def _panel(ax, result: Factorial, metric: str, macro: int, lang: str) -> None:
    """Micro off and on as two lines over meso off and on, at one level of macro."""
    means = result.means[(result.means.metric == metric) & (result.means.macro == macro)]
    for micro, colour, style, dx in ((0, OFF, "--", -0.03), (1, ON, "-", 0.03)):
        rows = means[means.micro == micro].sort_values("meso")
        x = rows["meso"].to_numpy(float) + dx
        mean = rows["mean"].to_numpy(float)
        low, high = rows["low"].to_numpy(float), rows["high"].to_numpy(float)
        err = np.vstack([mean - low, high - mean])
        ax.plot(x, mean, color=colour, ls=style, lw=1.8, marker="o", ms=5)
        ax.errorbar(x, mean, yerr=np.nan_to_num(err), fmt="none", ecolor=colour, capsize=4,
                    lw=1.2)
    off, on = text("fig_off", lang), text("fig_on", lang)
    ax.set_xticks([0, 1], [off, on])
    ax.set_xlim(-0.35, 1.35)
    ax.set_xlabel(text("fig_meso_axis", lang))
    ax.set_title(text("fig_macro", lang, metric=metric_label(metric, lang),
                      state=on if macro else off))
    ax.grid(axis="y", alpha=0.3, lw=0.5)


def _note(result: Factorial, metric: str, lang: str) -> str:
    """The interactions of one metric under its panels: estimate [interval], and
    'cannot tell' where the interval includes 0."""
    effects = result.effects[result.effects.metric == metric].set_index("effect")
    cannot = text("cannot_tell", lang)
    parts = []
    for term in INTERACTIONS:
        e = effects.loc[term]
        shown = _interval(e["estimate"], e["low"], e["high"], True)
        parts.append(f"{term_title(term, lang)} {shown}"
                     + ("" if e["resolved"] else f" ({cannot})"))
    return "\n".join(_wrap(text("fig_interactions", lang, terms="; ".join(parts)), lang,
                           width=130))


def _wrap(line: str, lang: str, width: int | None = None) -> list[str]:
    """report._wrap, or at `width` columns (Chinese characters take two)."""
    if width is None:
        return _report_wrap(line, lang)
    return textwrap.wrap(line, width * 3 // 5 if lang == "zh" else width,
                         break_on_hyphens=False)


__all__ = ["CANNOT_TELL", "format_factorial", "plot_factorial", "verdict_line"]
