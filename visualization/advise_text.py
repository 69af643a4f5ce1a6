"""The words of `villageaid advise`'s console report and figures, in English and
Chinese (`--lang`); visualization/advise_figure.py and robustness_report.py fill them."""

from __future__ import annotations

from .i18n import table_text

TEXT: dict[str, tuple[str, str]] = {
    "feasible": ("feasible trial", "满足约束的试验"),
    "breaks": ("breaks a constraint", "违反约束"),
    "pareto": ("Pareto set (95% intervals)", "帕累托最优集（95% 区间）"),
    "recommended_mark": ("recommended (trial {trial})", "推荐（试验 {trial}）"),
    "title": ("Portfolios for {budget} CNY a year, {years} year(s)",
              "每年 {budget} 元的干预组合，{years} 年"),
    "higher": ("higher is better", "越高越好"),
    "lower": ("lower is better", "越低越好"),
    "tried": ("Tried {n} portfolios over {replicates} replicate(s) each ({years} year(s), budget "
              "{budget} CNY a year); {feasible} met every constraint, {pareto} of them on the "
              "Pareto front (no other feasible portfolio is as good on every objective and "
              "better on one).",
              "共尝试 {n} 个组合，每个重复 {replicates} 次（{years} 年，每年预算 {budget} 元）；"
              "{feasible} 个满足全部约束，其中 {pareto} 个位于帕累托前沿（没有其他可行组合在每个目标上"
              "都不差且至少一个目标更好）。"),
    "trial": ("  trial {trial}: {portfolio}", "  试验 {trial}：{portfolio}"),
    "spent_line": ("; spent {spent} CNY", "；支出 {spent} 元"),
    "none": ("No recommendation: {reason}.", "没有推荐：{reason}。"),
    "recommended": ("Recommended (best {metric} on the front): {portfolio}",
                    "推荐（前沿上{metric}最好）：{portfolio}"),
    "over_years": (" CNY over {years} year(s)", " 元（{years} 年合计）"),
    "interval": ("{value} (95% interval {low} to {high})", "{value}（95% 区间 {low} 至 {high}）"),
    "planned_over": ("  Planned yearly cost {cost} CNY - more than the budget, so the committee "
                     "scales spending down",
                     "  计划年度费用 {cost} 元，超过预算，村委会会按比例压缩支出"),
    "planned_within": ("  Planned yearly cost {cost} CNY - within the budget",
                       "  计划年度费用 {cost} 元，在预算之内"),
    "sure_none": ("  How sure: cannot tell (no runner-up to compare with).",
                  "  把握：无法判断（没有次优组合可比）。"),
    "sure": ("  How sure: it beat the runner-up ({runner}) on {metric} in {share} of {n} paired "
             "replicates; ",
             "  把握：在 {n} 对配对重复中，它在{metric}上有 {share} 胜过次优组合（{runner}）；"),
    "sure_cannot": ("the paired 95% interval of the difference includes 0: cannot tell.",
                    "差异的配对 95% 区间包含 0：无法判断。"),
    "sure_better": ("the paired 95% interval leaves out 0: it is better.",
                    "配对 95% 区间不含 0：它更好。"),
    "sure_worse": ("the paired 95% interval leaves out 0: it is worse.",
                   "配对 95% 区间不含 0：它更差。"),
    "not_done": ("Not yet done: {items}.", "尚未完成：{items}。"),
    "futures_head": ("Over {n} futures (grant cut, out-migration wave and cold wave from week "
                     "{week}, calibrated parameters within their ranges), criteria {criteria}:",
                     "在 {n} 种未来情景中（从第 {week} 周起的经费削减、外出潮和寒潮，校准参数在其范围内取值），"
                     "达标标准 {criteria}："),
    "option": ("  trial {trial}{mark}: meets them in {share} of futures; {metric} regret mean "
               "{mean}, 90th percentile {p90}",
               "  试验 {trial}{mark}：在 {share} 的未来中达标；{metric}的遗憾值平均 {mean}，"
               "第 90 百分位 {p90}"),
    "mark": (" (recommended)", "（推荐）"),
    "most_same": ("  The recommended portfolio is also the most robust of those tested.",
                  "  推荐的组合也是受检组合中最稳健的。"),
    "most_other": ("  The most robust of those tested is trial {trial}.",
                   "  受检组合中最稳健的是试验 {trial}。"),
    "fails": ("  Where the recommended portfolio fails: {sentence}",
              "  推荐组合在什么情况下失效：{sentence}"),
    "fig_meets": ("share of futures meeting every criterion", "满足全部标准的未来所占比例"),
    "fig_regret": ("{metric}: regret, 90th percentile ({unit})",
                   "{metric}：遗憾值，第 90 百分位（{unit}）"),
    "fig_title": ("{n} futures: {criteria}", "{n} 种未来情景：{criteria}"),
    "fig_trial": ("trial {trial}", "试验 {trial}"),
}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)
