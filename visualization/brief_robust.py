"""The advise brief's section on futures: how each option fares when the plan's future
does not come, and where the recommended portfolio fails (PRIM), in English or Chinese.

It reads recommendation.json's `robustness` and `scenario_discovery` sections
(experiments/robustness.py, experiments/discovery.py) and robustness.png, and says
nothing it does not hold: a box is only described when PRIM found one whose
restrictions are unlikely to be chance, and with its coverage and density.
"""

from __future__ import annotations

from pathlib import Path

from .i18n import metric_label, table_text

TEXT: dict[str, tuple[str, str]] = {
    "h_futures": ("When the future is not the one planned for", "未来不如预期时"),
    "futures": ("The options on the Pareto front were each run in the same {n} futures, drawn "
                "by Latin hypercube sampling: a cut in the committee's income of up to {cut}, "
                "a wave taking up to {wave} of the working-age residents away and a cold wave, "
                "all from week {week}, and the calibrated parameters anywhere in the ranges "
                "the calibration searched. An option meets a future when {criteria}.",
                "帕累托前沿上的每个组合都在同样的 {n} 种未来情景中运行（拉丁超立方抽样）："
                "村委会收入最多削减 {cut}、最多 {wave} 的劳动年龄居民外出务工、一次寒潮，"
                "均从第 {week} 周开始；校准过的参数在校准搜索的范围内任意取值。"
                "一个组合在某个未来“达标”，是指{criteria}。"),
    "col_option": ("Option", "组合"),
    "col_meets": ("Futures met", "达标的未来"),
    "col_regret": ("{metric}: shortfall from the best, mean / worst tenth",
                   "{metric}：与最佳组合的差距，平均 / 最差的十分之一"),
    "recommended": ("recommended", "推荐"),
    "most_robust_same": ("The recommended portfolio is also the most robust of those tested: "
                         "it meets the criteria in {share} of the futures.",
                         "推荐的组合也是受检组合中最稳健的：它在 {share} 的未来情景中达标。"),
    "most_robust_other": ("The most robust option tested is not the recommended one: it meets the "
                          "criteria in {best} of the futures, the recommended portfolio in "
                          "{share}. A committee that fears the bad futures more than it values "
                          "the best average may prefer it.",
                          "受检组合中最稳健的并不是推荐的组合：它在 {best} 的未来情景中达标，"
                          "推荐的组合为 {share}。如果村委会更担心坏的情况而不是追求最好的平均效果，"
                          "可以优先考虑它。"),
    "h_fails": ("Where the recommended portfolio fails", "推荐组合在什么情况下会失效"),
    "fails_box": ("It fails a criterion in {k} of {n} futures, mostly when {conditions}. This "
                  "region of the futures holds {coverage} of the failures, and {density} of the "
                  "futures in it fail (PRIM, EMA Workbench; with this many futures, a lead to "
                  "check rather than a finding).",
                  "它在 {n} 种未来中的 {k} 种未能达标，主要发生在{conditions}的时候。"
                  "这一区域包含了 {coverage} 的失效情况，区域内 {density} 的未来会失效"
                  "（PRIM 方法，EMA Workbench；未来情景数量有限，这是值得核查的线索，而非定论）。"),
    "fails_none": ("It fails a criterion in {k} of {n} futures; no region of the futures holds "
                   "most of those failures beyond what chance would give with this many futures.",
                   "它在 {n} 种未来中的 {k} 种未能达标；在现有的未来情景数量下，找不到一个能"
                   "集中解释这些失效、且不只是偶然的区域。"),
    "fails_few": ("It meets the criteria in {ok} of {n} futures; {k} failure(s) are too few to "
                  "say when it fails.",
                  "它在 {n} 种未来中的 {ok} 种达标；失效只有 {k} 次，太少，无法判断在什么情况下会失效。"),
    "fails_never": ("It meets the criteria in all {n} futures tried.",
                    "在尝试的全部 {n} 种未来中，它都达标。"),
    "fails_all": ("It fails a criterion in every one of the {n} futures tried.",
                  "在尝试的全部 {n} 种未来中，它都未能达标。"),
    "and": (" and ", "并且"),
    "above": ("{what} is above {value}", "{what}高于 {value}"),
    "below": ("{what} is below {value}", "{what}低于 {value}"),
    "fig": ("Share of futures each option meets the criteria in, and its shortfall from the best "
            "option in the worst tenth of futures (red: recommended)",
            "各组合达标的未来所占比例，以及在最差十分之一的未来中与最佳组合的差距（红色为推荐组合）"),
    "nd_villages": ("Robustness across other kinds of village (the village types): the futures "
                    "vary shocks and parameters, not the village itself.",
                    "在其他类型村庄中的稳健性（村庄类型）：未来情景改变的是冲击和参数，而不是村庄本身。"),
}

# words of experiments/robustness.py's uncertainties
WHAT: dict[str, tuple[str, str]] = {
    "grant_cut": ("the cut in the committee's income", "村委会收入的削减"),
    "migration_wave": ("the share of working-age residents leaving in a wave",
                       "一次外出潮中离开的劳动年龄居民比例"),
    "cold_wave": ("the cold wave's severity", "寒潮的强度"),
}
NOT_DONE = {"robustness across other villages (village types)": "nd_villages"}


def say(key: str, lang: str, **values) -> str:
    return table_text(TEXT, key, lang, **values)


def _percent(x: float) -> str:
    return f"{x:.0%}"


def robustness_blocks(recommendation: dict, folder: Path, lang: str,
                      describe=None) -> list[tuple]:
    """The section's blocks (see brief_text), or [] when no futures were run.
    `describe(option)` names an option's portfolio in `lang`."""
    robust = recommendation.get("robustness")
    if not robust or not robust.get("options"):
        return []
    dims = {d["name"]: d for d in robust["uncertainties"]}
    sep = "；" if lang == "zh" else "; "
    criteria = sep.join(_criterion(c, lang) for c in robust.get("criteria_detail", [])) \
        or sep.join(robust["criteria"])
    blocks = [("h2", say("h_futures", lang)),
              ("p", say("futures", lang, n=robust["futures"],
                        cut=_percent(dims["grant_cut"]["high"]),
                        wave=_percent(dims["migration_wave"]["high"]),
                        week=robust["shock_week"], criteria=criteria))]
    primary = recommendation.get("primary_objective", "coverage")
    chosen = (recommendation.get("recommended") or {}).get("trial")
    header = [say("col_option", lang), say("col_meets", lang),
              say("col_regret", lang, metric=metric_label(primary, lang))]
    rows = []
    for o in robust["options"]:
        name = (describe(o) if describe and "interventions" in o else o.get("portfolio", ""))
        name += (f" ({say('recommended', lang)})"
                                         if o["trial"] == chosen else "")
        rows.append([name, _percent(o["satisficing"]),
                     f"{_regret(o.get(f'regret_{primary}_mean'), primary, lang)} / "
                     f"{_regret(o.get(f'regret_{primary}_p90'), primary, lang)}"])
    blocks.append(("table", header, rows, "3fr, auto, 2fr"))
    share = next((o["satisficing"] for o in robust["options"] if o["trial"] == chosen), None)
    if share is not None:
        if robust.get("recommended_is_most_robust"):
            blocks.append(("p", say("most_robust_same", lang, share=_percent(share))))
        else:
            best = robust["options"][0]["satisficing"]
            blocks.append(("p", say("most_robust_other", lang, best=_percent(best),
                                    share=_percent(share))))
    figure = Path(folder) / "robustness.png"
    if figure.is_file():
        blocks.append(("img", figure, say("fig", lang)))
    found = recommendation.get("scenario_discovery")
    if found:
        blocks += [("h2", say("h_fails", lang)), ("p", discovery_text(found, lang))]
    return blocks


def _criterion(c: dict, lang: str) -> str:
    from ..sim.outcomes import METRICS

    value = c["value"]
    shown = (_percent(value) if METRICS[c["metric"]].kind == "share"
             else f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}")
    op = {"<=": "≤", ">=": "≥"}[c["op"]]
    return f"{metric_label(c['metric'], lang)} {op} {shown}"


def discovery_text(found: dict, lang: str) -> str:
    n, k = found["futures"], found["failures"]
    verdict = found["verdict"]
    if k == 0:
        return say("fails_never", lang, n=n)
    if verdict == "too_few_failures":
        return say("fails_few", lang, n=n, k=k, ok=n - k)
    if verdict == "fails_everywhere":
        return say("fails_all", lang, n=n)
    if verdict != "box":
        return say("fails_none", lang, n=n, k=k)
    parts = []
    for b in found["box"]:
        what = WHAT.get(b["name"], (b["name"], b["name"]))[1 if lang == "zh" else 0]
        value = _percent(b["value"]) if b.get("unit") == "%" else f"{b['value']:.3g}"
        parts.append(say(b["direction"], lang, what=what, value=value))
    return say("fails_box", lang, n=n, k=k, conditions=say("and", lang).join(parts),
               coverage=_percent(found["coverage"]), density=_percent(found["density"]))


def _regret(v, metric: str, lang: str) -> str:
    """A shortfall: in percentage points for a share, else as a number."""
    from ..sim.outcomes import METRICS

    if v is None:
        return "n/a"
    if METRICS[metric].kind == "share":
        return f"{100 * v:.1f}" + (" 个百分点" if lang == "zh" else " pt")
    return f"{v:.3g}"
