"""The factorial's effects read in plain words, for the console report and the brief:
"macro adds 4.1 points (95% interval 2.0 to 6.2) to meso's effect on needs met",
and the effects on the ratio scale (experiments/factorial_effects.py), English or
Chinese. A sentence is only said of an interval that leaves out 0 (or 1 for a ratio);
otherwise "cannot tell".
"""

from __future__ import annotations

import math

from ..experiments.factorial import INTERACTIONS, TERMS
from ..experiments.factorial_effects import conditional_effect
from ..sim.outcomes import METRICS
from .i18n import LEVEL_KEY, metric_label, table_text, tr

TEXT: dict[str, tuple[str, str]] = {
    "adds": ("{other} adds {value} (95% interval {low} to {high}) to {level}'s effect on {metric}",
             "{other}使{level}对{metric}的作用增加 {value}（95% 区间 {low} 至 {high}）"),
    "takes": ("{other} takes {value} (95% interval {low} to {high}) from {level}'s effect on "
              "{metric}",
              "{other}使{level}对{metric}的作用减少 {value}（95% 区间 {low} 至 {high}）"),
    "unresolved": ("whether {other} changes {level}'s effect on {metric}: cannot tell "
                   "({n} replicates)",
                   "{other}是否改变{level}对{metric}的作用：无法判断（{n} 次重复）"),
    "ratio_head": ("Effects on the ratio scale (odds ratios for shares, ratios of geometric "
                   "means for amounts; 1 = no effect; 'cannot tell' where the interval "
                   "includes 1):",
                   "比值尺度上的效应（比例用优势比，数量用几何均值之比；1 表示没有效应；"
                   "区间包含 1 时为“无法判断”）："),
    "adds_head": ("What one level adds to another's effect (the change in its effect when "
                  "the other is switched on: twice the two-way interaction, averaged over the "
                  "third level):",
                  "一个层次给另一个层次的作用带来的增减（打开另一个层次时其作用的变化：即二阶交互效应"
                  "的两倍，对第三个层次取平均）："),
    "cannot_tell": ("cannot tell", "无法判断"),
    "village_type": ("the village type {name} ({title})", "村庄类型 {name}（{title}）"),
    "no_ratio": ("no ratio scale", "无比值尺度"),
    "points": ("{x} points", "{x} 个百分点"),
}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)


def level(name: str, lang: str) -> str:
    return tr(LEVEL_KEY[name], lang)


def amount(metric: str, x: float, lang: str, signed: bool = False) -> str:
    """A difference: percentage points for a share, else the number."""
    if METRICS[metric].kind == "share":
        return say("points", lang, x=f"{100 * abs(x) if not signed else 100 * x:.1f}")
    return f"{abs(x) if not signed else x:,.3g}"


def adds_lines(result, metric: str, lang: str) -> list[str]:
    """One sentence per two-way interaction of `metric` (both directions named)."""
    lines = []
    for term in INTERACTIONS:
        c = conditional_effect(result.effects, metric, term)
        if c is None:
            continue
        names = {"other": level(c["with"], lang), "level": level(c["level"], lang),
                 "metric": metric_label(metric, lang)}
        if not c["resolved"]:
            lines.append(say("unresolved", lang, n=result.replicates, **names))
            continue
        key = "adds" if c["adds"] > 0 else "takes"
        low, high = sorted((abs(c["low"]), abs(c["high"])))
        lines.append(say(key, lang, value=amount(metric, c["adds"], lang),
                         low=amount(metric, low, lang), high=amount(metric, high, lang),
                         **names))
    return lines


def ratio_cell(row) -> str:
    """An effect's ratio with its interval, or 'cannot tell' / empty."""
    if not row.get("scale") or not math.isfinite(row.get("ratio", math.nan)):
        return ""
    text = f"{row['ratio']:.2f} [{row['ratio_low']:.2f}, {row['ratio_high']:.2f}]"
    return text if row["ratio_resolved"] else f"{text} ?"


def ratio_rows(result, metrics, lang: str) -> tuple[list[str], list[list[str]]]:
    """A table of the ratio-scale effects: one row per metric, one column per term."""
    header = [""] + [":".join(level(f, lang) for f in t.split(":")) for t in TERMS]
    rows = []
    for metric in metrics:
        effects = result.effects[result.effects.metric == metric].set_index("effect")
        cells = []
        for term in TERMS:
            row = effects.loc[term].to_dict()
            text = ratio_cell(row)
            if not text:
                text = say("no_ratio", lang)
            elif text.endswith("?"):
                text = text[:-2] + f" {say('cannot_tell', lang)}"
            cells.append(text)
        rows.append([metric_label(metric, lang), *cells])
    return header, rows
