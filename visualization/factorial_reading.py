"""The factorial's effects read in plain words, for the console report and the brief:
"macro adds 4.1 points (95% interval 2.0 to 6.2) to meso's effect on needs met",
and the effects on the ratio scale (experiments/factorial_effects.py), English or
Chinese. A sentence is only said of an interval that leaves out 0 (or 1 for a ratio);
otherwise "cannot tell".
"""

from __future__ import annotations

import math

from ..experiments.factorial_design import LEVELS
from ..experiments.factorial_effects import conditional_effect
from ..sim.outcomes import METRICS
from .i18n import LEVEL_KEY, intervention_title, metric_label, table_text, tr

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
    # a design of other factors than the three levels (--factors)
    "header_k": ("{size} factorial of {factors}: {cells} cells x {n} replicates (replicate i "
                 "of every cell uses seed {seed} + i), {years} years, {village}; {shocks}",
                 "{factors} 的 {size} 全因子实验：{cells} 个组合 × 每个 {n} 次重复（各组合的第 i "
                 "次重复使用种子 {seed} + i），{years} 年，{village}；{shocks}"),
    "factors_k": ("Factors: {factors}; each with the settings of the presets",
                  "因子：{factors}；各干预的设置与预设场景相同"),
    # the spending rule (--spending), one line
    "spending_matched": ("Spending matched: every cell's interventions are scaled (intensity) "
                         "to plan {target} CNY a year, the smaller of the all-on cell's plan "
                         "({all_on}) and the budget ({budget})",
                         "支出对等：每个组合的干预按强度（intensity）缩放，使计划支出均为每年 "
                         "{target} 元，即全开组合的计划（{all_on}）与预算（{budget}）中较小者"),
    "spending_budget": ("Spending by budget: every cell runs the presets' settings on the same "
                        "budget ({budget} CNY a year), so a cell with fewer interventions plans to "
                        "spend less",
                        "按预算支出：每个组合都用预设场景的设置和相同的预算（每年 {budget} 元），"
                        "干预较少的组合计划支出也较少"),
    "capped": ("; held at the intensity bound: {cells}", "；强度达到上限：{cells}"),
    "short": ("; cannot reach the planned total: {cells}", "；达不到计划总额：{cells}"),
    "effects_note_k": (
        "Each factor is coded -1 off, +1 on. A main effect is the average change a factor "
        "makes when switched on, over the other factors' combinations; a:b is half of (a's "
        "effect with b on minus its effect with b off), averaged over the other factors; each "
        "higher-order term is half the change in the term below it when its last factor is "
        "switched on. Each is computed per replicate from its {cells} paired cells, then "
        "averaged.",
        "每个因子编码为 -1（关）和 +1（开）。主效应是开启某一因子带来的平均变化（对其他因子的各种组合取平均）；"
        "a:b 是“b 开启时 a 的效应减去 b 关闭时 a 的效应”的一半（对其他因子取平均）；更高阶的项是开启其最后一个"
        "因子后低一阶交互作用变化量的一半。每个效应先在每次重复的 {cells} 个配对组合上计算，再取平均。"),
    "spending_head": ("Planned cost a year and money spent a year (mean over replicates), per "
                      "cell:", "各组合每年的计划支出与实际支出（各次重复的平均值）："),
    "spending_row": ("planned {planned}, spent {spent}", "计划 {planned}，实际 {spent}"),
}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)


def level(name: str, lang: str) -> str:
    """A factor's name in the report's language: a level ('微观'), or an intervention
    (its name in English, its title in Chinese)."""
    if name in LEVELS:
        return tr(LEVEL_KEY[name], lang)
    return intervention_title(name, lang) if lang == "zh" else name


def cny(x: float) -> str:
    return f"{x:,.0f}"


def spending_line(meta: dict, lang: str) -> str | None:
    """The design's spending rule in one line (None when factorial.json has none)."""
    record = meta.get("spending")
    if not record:
        return None
    if record["rule"] == "budget":
        return say("spending_budget", lang, budget=cny(record["budget_per_year"]))
    line = say("spending_matched", lang, target=cny(record["target"]),
               all_on=cny(record["all_on_planned"]), budget=cny(record["budget_per_year"]))
    capped = [cell if kinds == [cell] else f"{cell} ({', '.join(kinds)})"
              for cell, kinds in record.get("capped", {}).items()]
    if capped:
        line += say("capped", lang, cells="; ".join(capped))
    if record.get("short"):
        line += say("short", lang, cells=", ".join(record["short"]))
    return line


def spending_rows(result, lang: str) -> list[str]:
    """'cell: planned X, spent Y' a year for each cell, from factorial.json and means."""
    record = result.provenance.get("spending")
    if not record:
        return []
    years = result.provenance.get("years") or 1
    spent = result.means[result.means.metric == "spent"].set_index("cell")["mean"]
    rows = []
    for cell, d in record["cells"].items():
        shown = cny(spent[cell] / years) if cell in spent.index else "?"
        rows.append(f"{cell}: " + say("spending_row", lang, planned=cny(d["planned_cost"]),
                                      spent=shown))
    return rows


def amount(metric: str, x: float, lang: str, signed: bool = False) -> str:
    """A difference: percentage points for a share, else the number."""
    if METRICS[metric].kind == "share":
        return say("points", lang, x=f"{100 * abs(x) if not signed else 100 * x:.1f}")
    return f"{abs(x) if not signed else x:,.3g}"


def adds_lines(result, metric: str, lang: str) -> list[str]:
    """One sentence per two-way interaction of `metric` (both directions named)."""
    lines = []
    for term in result.design.interactions:
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
    terms = result.design.terms
    header = [""] + [":".join(level(f, lang) for f in t.split(":")) for t in terms]
    rows = []
    for metric in metrics:
        effects = result.effects[result.effects.metric == metric].set_index("effect")
        cells = []
        for term in terms:
            row = effects.loc[term].to_dict()
            text = ratio_cell(row)
            if not text:
                text = say("no_ratio", lang)
            elif text.endswith("?"):
                text = text[:-2] + f" {say('cannot_tell', lang)}"
            cells.append(text)
        rows.append([metric_label(metric, lang), *cells])
    return header, rows
