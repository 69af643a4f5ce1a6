"""The policy brief of a factorial folder, as brief_text's blocks, in English or Chinese:
does any single level of intervention suffice, and do the levels reinforce each other?
The facts are experiments/brief_factorial.py's; the verdicts are the factorial
report's own (visualization/factorial_figure.py), so brief and console agree.
"""

from __future__ import annotations

from ..experiments.brief_factorial import HEADLINE, all_versus_single
from ..sim.outcomes import METRICS
from .factorial_figure import SEP, cell_title, describe, verdict_line
from .factorial_reading import adds_lines, amount, level, ratio_rows
from .i18n import metric_label, table_text

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Does any single level of intervention suffice?", "单一层次的干预够不够？"),
    "title_k": ("Does any single factor of intervention suffice?", "单一因子的干预够不够？"),
    "subtitle": ("A {size} factorial experiment of the village mutual-aid model",
                 "村庄互助模型的 {size} 因子实验"),
    "h_question": ("The question", "问题"),
    "question": ("The theory behind multi-level practice says that no single level of "
                 "intervention suffices and that the levels reinforce each other. This "
                 "experiment tests that in the model: each level is switched off or on, all "
                 "eight combinations run on the same seeds and {money}, so every "
                 "difference comes from the interventions.",
                 "多层次实务的理论认为：单一层次的干预是不够的，各层次之间相互促进。本实验在模型中检验这一"
                 "说法：每个层次分别关闭或打开，八种组合使用相同的随机种子和{money}运行，因此所有差异都"
                 "来自干预本身。"),
    "question_k": ("The theory behind multi-level practice says that no single intervention "
                   "suffices and that they reinforce each other. This experiment tests that in "
                   "the model for {factors}: each is switched off or on, all {n} combinations "
                   "run on the same seeds and {money}, so every difference comes from the "
                   "interventions.",
                   "多层次实务的理论认为：单一干预是不够的，各干预之间相互促进。本实验在模型中针对{factors}"
                   "检验这一说法：每个因子分别关闭或打开，{n} 种组合使用相同的随机种子和{money}运行，"
                   "因此所有差异都来自干预本身。"),
    "money_budget": ("the same budget", "相同的预算"),
    "money_matched": ("the same planned spending", "相同的计划支出"),
    "h_cells_k": ("The {n} combinations", "{n} 种组合"),
    "h_cells": ("The eight combinations", "八种组合"),
    "cells": ("Mean over replicates with its 95% interval.", "各次重复的平均值及其 95% 区间。"),
    "h_single": ("Does a single level suffice?", "单一层次够不够？"),
    "h_single_k": ("Does a single factor suffice?", "单一因子够不够？"),
    "single_better_k": ("{metric}: all factors together do better than the best single one "
                        "({single}) by {diff} (95% interval {low} to {high}).",
                        "{metric}：所有因子一起比最好的单一因子（{single}）好 {diff}"
                        "（95% 区间 {low} 至 {high}）。"),
    "single_worse_k": ("{metric}: all factors together do worse than the best single one "
                       "({single}) by {diff} (95% interval {low} to {high}).",
                       "{metric}：所有因子一起比最好的单一因子（{single}）差 {diff}"
                       "（95% 区间 {low} 至 {high}）。"),
    "single_cannot_k": ("{metric}: we cannot tell whether all factors together do better than "
                        "the best single one ({single}); the difference is {diff} and its 95% "
                        "interval ({low} to {high}) includes 0 with {n} replicates.",
                        "{metric}：无法判断所有因子一起是否比最好的单一因子（{single}）更好；差异为 "
                        "{diff}，在 {n} 次重复下其 95% 区间（{low} 至 {high}）包含 0。"),
    "single_better": ("{metric}: all three levels together do better than the best single "
                      "level ({single}) by {diff} (95% interval {low} to {high}).",
                      "{metric}：三个层次一起比最好的单一层次（{single}）好 {diff}"
                      "（95% 区间 {low} 至 {high}）。"),
    "single_worse": ("{metric}: all three levels together do worse than the best single "
                     "level ({single}) by {diff} (95% interval {low} to {high}).",
                     "{metric}：三个层次一起比最好的单一层次（{single}）差 {diff}"
                     "（95% 区间 {low} 至 {high}）。"),
    "single_cannot": ("{metric}: we cannot tell whether all three levels together do better "
                      "than the best single level ({single}); the difference is {diff} and its "
                      "95% interval ({low} to {high}) includes 0 with {n} replicates.",
                      "{metric}：无法判断三个层次一起是否比最好的单一层次（{single}）更好；差异为 "
                      "{diff}，在 {n} 次重复下其 95% 区间（{low} 至 {high}）包含 0。"),
    "h_reinforce": ("Do the levels reinforce each other?", "各层次是否相互促进？"),
    "reinforce": ("An interaction says whether a level's effect grows (reinforce) or shrinks "
                  "(substitute) when another level is on; 'cannot tell' where its interval "
                  "includes 0.",
                  "交互效应说明：当另一个层次打开时，一个层次的作用是变大（相互促进）还是变小（相互替代）；"
                  "区间包含 0 时为“无法判断”。"),
    "h_ratio": ("The same effects on a ratio scale", "比值尺度上的同一组效应"),
    "ratio": ("Odds ratios for shares and ratios of geometric means for amounts: 1 means no "
              "effect; whether two levels together do more than the product of each alone.",
              "比例用优势比，数量用几何均值之比：1 表示没有效应；可以看出两个层次一起是否超过各自作用的乘积。"),
    "fig": ("Needs met and taking part in each combination (micro off and on, over meso off "
            "and on; macro off and on in the two panels)",
            "各组合的需求满足率和参与率（微观关/开，中观关/开；两幅图分别为宏观关和开）"),
    "fig_k": ("Each effect with its paired 95% interval, for each headline metric (grey: "
              "cannot tell)", "各主要指标的每个效应及其配对 95% 区间（灰色：无法判断）"),
    "h_reproduce": ("How to reproduce it", "如何复现"),
    "reproduce": ("This command runs the same experiment; the same seeds give the same runs:",
                  "下面的命令运行同一个实验；相同的种子会得到相同的结果："),
    "col_combination": ("Combination", "组合"),
    "col_effect": ("Effect", "效应"),
}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)


def compose_factorial(facts, lang: str) -> list[tuple]:
    """Every section of a factorial folder's brief, in reading order."""
    from .brief_text import _limits  # the model's assumptions, shared by every brief

    result = facts.result
    design = result.design
    k = "" if design.is_levels else "_k"  # the texts of a design of other factors
    metrics = [m for m in HEADLINE if m in result.metrics]
    rule = result.provenance.get("spending", {}).get("rule", "budget")
    money = say(f"money_{rule}", lang)
    size = design.size.replace("x", "×") if lang == "zh" else design.size
    question = say("question" + k, lang, money=money, n=len(design.cells), factors=SEP[lang].join(
        level(f, lang) for f in design.factors))
    blocks = [("h1", say("title" + k, lang)), ("sub", say("subtitle", lang, size=size)),
              ("h2", say("h_question", lang)), ("p", question)]
    blocks += [("p", line) for line in describe(result, lang)]
    blocks += [("h2", say("h_cells" + k, lang, n=len(design.cells))), ("p", say("cells", lang)),
               _cell_table(result, metrics, lang)]
    blocks.append(("h2", say("h_single" + k, lang)))
    blocks += [("p", _single(result, m, lang)) for m in metrics]
    blocks += [("h2", say("h_reinforce", lang)), ("p", say("reinforce", lang)),
               ("ul", [verdict_line(result, m, lang) for m in metrics]),
               ("ul", adds_lines(result, "coverage", lang)
                + adds_lines(result, "participation", lang))]
    header, rows = ratio_rows(result, metrics, lang)
    # one row per effect, one column per metric: narrow enough for a page
    by_term = [[term, *(row[k] for row in rows)] for k, term in enumerate(header[1:], start=1)]
    blocks += [("h2", say("h_ratio", lang)), ("p", say("ratio", lang)),
               ("table", [say("col_effect", lang), *(r[0] for r in rows)], by_term)]
    if facts.figure is not None:
        blocks.append(("img", facts.figure, say("fig" + k, lang)))
    blocks += _limits(lang)
    return blocks + [("h2", say("h_reproduce", lang)), ("p", say("reproduce", lang)),
                     ("code", facts.rerun or "n/a")]


def _cell_table(result, metrics, lang: str) -> tuple:
    header = [say("col_combination", lang), *(metric_label(m, lang) for m in metrics)]
    means = result.means.set_index(["cell", "metric"])
    rows = [[cell_title(cell, lang), *(_mean(means.loc[(cell, m)], m) for m in metrics)]
            for cell in result.design.cell_names]
    return ("table", header, rows)


def _mean(row, metric: str) -> str:
    def f(x):
        return f"{100 * x:.1f}%" if METRICS[metric].kind == "share" else f"{x:,.3g}"
    if row["low"] != row["low"]:  # NaN: one replicate, no interval
        return f(row["mean"])
    return f"{f(row['mean'])} [{f(row['low'])}, {f(row['high'])}]"


def _single(result, metric: str, lang: str) -> str:
    c = all_versus_single(result, metric)
    key = {"better": "single_better", "worse": "single_worse"}.get(c["verdict"], "single_cannot")
    key += "" if result.design.is_levels else "_k"
    signed = c["verdict"] == "cannot tell"
    return say(key, lang, metric=metric_label(metric, lang), single=cell_title(c["single"], lang),
               diff=amount(metric, c["difference"], lang, signed),
               low=amount(metric, c["low"], lang, True), high=amount(metric, c["high"], lang, True),
               n=c["n"])
