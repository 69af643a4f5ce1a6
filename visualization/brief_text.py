"""The policy brief's words, in English or Chinese, as a list of plain blocks.

Blocks are tuples that both renderers (HTML and Typst, visualization/brief.py) read:
("h1"|"sub"|"h2"|"p"|"code", text), ("ul", [text]), ("table", header, rows) with
optionally the Typst column widths after rows, and ("img", path, caption). Keeping
the wording here, apart from the markup, means the HTML and the PDF say exactly the
same thing. Every claim of a difference comes from a
paired interval that leaves out 0; otherwise the brief says it cannot tell. An advise
folder's brief (compose_advise) is written the same way from experiments/brief_advise.py.
"""

from __future__ import annotations

import math

from ..experiments.brief_content import DECIDING, EQUITY_GROUPING, BriefFacts
from ..sim.outcomes import METRICS
from .i18n import BRIEF, equity_label, metric_label, preset_description, scenario_title
from .i18n import table_text
from .brief_robust import NOT_DONE as ROBUST_NOT_DONE
from .brief_robust import robustness_blocks
from .brief_robust import say as robust_say

# The metrics whose unresolved differences are listed (those of the console report).
LISTED = tuple(name for name, m in METRICS.items() if m.short and m.compared)


def say(key: str, lang: str, **values) -> str:
    return table_text(BRIEF, key, lang, **values)


def compose(facts: BriefFacts, lang: str, coverage_png=None) -> list[tuple]:
    """Every section of the brief, in reading order."""
    n = facts.replicates
    blocks = [("h1", say("title", lang)),
              ("sub", say("subtitle", lang, options=len(facts.scenarios), n=n)),
              ("h2", say("h_question", lang)), ("p", say("question", lang))]
    blocks += _village(facts, lang) + _options(facts, lang) + _recommendation(facts, lang)
    if coverage_png is not None:
        blocks.append(("img", coverage_png, say("fig_coverage", lang)))
    blocks += _costs(facts, lang) + _resilience(facts, lang) + _equity(facts, lang)
    blocks += _change(facts, lang) + _limits(lang) + _reproduce(facts, lang)
    if facts.figure is not None:
        blocks += [("h2", say("h_figures", lang)),
                   ("img", facts.figure, say("fig_comparison", lang))]
    return blocks


def title(facts: BriefFacts, name: str, lang: str) -> str:
    """A scenario's plain title, with its name where the two differ."""
    plain = scenario_title(name, lang)
    return plain if plain == name else f"{plain} ({name})"


def percent(x: float) -> str:
    return "n/a" if x != x else f"{100 * x:.1f}%"


def points(x: float, lang: str) -> str:
    """A difference of shares in percentage points, signed."""
    return say("points", lang, value=f"{100 * x:+.1f}")


def amount(x: float, like: float | None = None) -> str:
    """A count or cost, with as many decimals as `like` (the mean of its interval) needs."""
    if x != x:
        return "n/a"
    size = abs(x if like is None else like)
    if x == 0 and like is None:
        return "0"
    return f"{x:,.0f}" if size >= 100 else f"{x:,.2f}" if size >= 1 else f"{x:.3f}"


def _village(facts: BriefFacts, lang: str) -> list[tuple]:
    v = facts.village
    years = sorted(set(facts.years.values())) or ["?"]
    seeds = "–".join(str(s) for s in facts.seeds) if facts.seeds else "?"
    text = say("village", lang, residents=amount(v.get("residents", math.nan)),
               elders=amount(v.get("elders", math.nan)), grant=amount(v.get("grant", math.nan)),
               donations=amount(v.get("donations", math.nan)),
               years="/".join(str(y) for y in years), n=facts.replicates, seeds=seeds)
    return [("h2", say("h_village", lang)), ("p", text)]


def _options(facts: BriefFacts, lang: str) -> list[tuple]:
    items = []
    for sc in facts.scenarios:
        text = f"{title(facts, sc, lang)}"
        if sc == facts.reference:
            text += f" [{say('reference', lang)}]"
        description = preset_description(sc, facts.descriptions.get(sc, ""), lang)
        items.append(f"{text}: {description}" if description else text)
    return [("h2", say("h_options", lang)), ("ul", items)]


def _recommendation(facts: BriefFacts, lang: str) -> list[tuple]:
    best = title(facts, facts.best, lang)
    mean, low, high = facts.mean(facts.best, DECIDING)
    values = {"best": best, "mean": percent(mean), "low": percent(low), "high": percent(high),
              "n": facts.replicates}
    if not facts.pairs:
        return [("h2", say("h_recommendation", lang)), ("p", say("rec_single", lang, **values))]
    unsure = [p for p in facts.pairs if not p.resolved]
    if unsure:
        others = say("and", lang).join(
            (f"“{title(facts, p.scenario, lang)}”" if lang == "zh"
             else title(facts, p.scenario, lang)) for p in unsure)
        head = say("rec_unsure", lang, others=others, **values)
    else:
        head = say("rec_clear", lang, **values)
    return [("h2", say("h_recommendation", lang)), ("p", head),
            ("ul", [_pair_text(facts, p, best, lang) for p in facts.pairs])]


def _pair_text(facts: BriefFacts, p, best: str, lang: str) -> str:
    values = {"best": best, "other": title(facts, p.scenario, lang),
              "diff": points(p.diff, lang), "low": points(p.low, lang),
              "high": points(p.high, lang)}
    if p.resolved:
        return say("pair_better", lang, **values)
    if not math.isfinite(p.needed):
        return say("pair_none", lang, **values)
    return say("pair_unsure", lang, needed=int(p.needed), **values)


def _cell(facts: BriefFacts, sc: str, metric: str, fmt) -> str:
    value = facts.mean(sc, metric)
    if value is None:
        return "n/a"
    mean, low, high = value
    if mean == 0 and low == high == 0:
        return "0"
    if fmt is amount:
        return _bracket(amount(mean, mean), amount(low, mean), amount(high, mean), low)
    return _bracket(fmt(mean), fmt(low), fmt(high), low)


def _bracket(mean: str, low: str, high: str, raw_low: float) -> str:
    return mean if raw_low != raw_low else f"{mean} [{low}, {high}]"


def _costs(facts: BriefFacts, lang: str) -> list[tuple]:
    header = [say(k, lang) for k in ("col_option", "col_coverage", "col_cost", "col_spent")]
    rows = [[title(facts, sc, lang), _cell(facts, sc, DECIDING, percent),
             _cell(facts, sc, "cost_per_need_met", amount), _cell(facts, sc, "spent", amount)]
            for sc in facts.scenarios]
    return [("h2", say("h_costs", lang)), ("p", say("costs", lang)), ("table", header, rows)]


def _resilience(facts: BriefFacts, lang: str) -> list[tuple]:
    blocks = [("h2", say("h_resilience", lang))]
    if not facts.has("resilience_depth"):
        years = "/".join(str(y) for y in sorted(set(facts.years.values()))) or "?"
        return blocks + [("p", say("no_shock", lang, years=years))]
    header = [say(k, lang) for k in ("col_option", "col_depth", "col_loss", "col_recovered")]
    rows = [[title(facts, sc, lang), _cell(facts, sc, "resilience_depth", percent),
             _cell(facts, sc, "resilience_area_lost", amount),
             _cell(facts, sc, "resilience_recovered", percent)] for sc in facts.scenarios]
    return blocks + [("p", say("resilience", lang)), ("table", header, rows)]


def _equity(facts: BriefFacts, lang: str) -> list[tuple]:
    blocks = [("h2", say("h_equity", lang))]
    eq = facts.equity
    if eq.empty:
        return blocks + [("p", say("no_equity", lang))]
    eq = eq[eq.grouping == EQUITY_GROUPING]
    groups = list(dict.fromkeys(eq.group))
    header = [say("col_option", lang), *(equity_label(g, lang) for g in groups),
              say("col_worst", lang)]
    rows, items = [], []
    for sc in facts.scenarios:
        mine = eq[(eq.scenario == sc) & (eq.figure == "share_unmet")].set_index("group")["mean"]
        if mine.dropna().empty:
            continue
        worst = mine.idxmax()
        share_worst = eq[(eq.scenario == sc) & (eq.figure == "worst") & (eq.group == worst)]
        runs = percent(float(share_worst["mean"].iloc[0])) if len(share_worst) else "n/a"
        rows.append([title(facts, sc, lang), *(percent(mine.get(g, math.nan)) for g in groups),
                     equity_label(worst, lang)])
        items.append(say("equity_item", lang, option=title(facts, sc, lang),
                         group=equity_label(worst, lang), share=percent(mine[worst]),
                         worst=runs))
    return blocks + [("p", say("equity", lang)), ("table", header, rows), ("ul", items)]


def _change(facts: BriefFacts, lang: str) -> list[tuple]:
    d = facts.differences
    d = d[d.metric.isin(LISTED) & d["diff"].notna() & ~d["resolved"].astype(bool)]
    blocks = [("h2", say("h_change", lang))]
    if d.empty:
        blocks.append(("p", say("change_none", lang, n=facts.replicates)))
    else:
        items = [_change_item(facts, r, lang) for _, r in d.iterrows()]
        blocks += [("p", say("change_intro", lang, n=facts.replicates)), ("ul", items)]
    return blocks + [("p", say("change_model", lang))]


def _change_item(facts: BriefFacts, r, lang: str) -> str:
    metric = r["metric"]
    fmt = (lambda x: points(x, lang)) if METRICS[metric].kind == "share" else (
        lambda x: f"{x:+,.3g}")
    values = {"scenario": title(facts, r["scenario"], lang),
              "first": title(facts, r["versus"], lang),
              "metric": metric_label(metric, lang), "diff": fmt(r["diff"]),
              "low": fmt(r["paired_low"]), "high": fmt(r["paired_high"])}
    needed = r["replicates_needed"]
    if needed != needed or not math.isfinite(needed):
        return say("change_never", lang, **values)
    return say("change_item", lang, needed=int(needed), **values)


def _limits(lang: str) -> list[tuple]:
    keys = ("limit_hours", "limit_mortality", "limit_calibrated", "limit_births",
            "limit_simulation")
    return [("h2", say("h_limits", lang)), ("ul", [say(k, lang) for k in keys])]


def _reproduce(facts: BriefFacts, lang: str) -> list[tuple]:
    blocks = [("h2", say("h_reproduce", lang)), ("p", say("reproduce", lang)),
              ("code", facts.rerun or "n/a")]
    v = facts.versions
    if v:
        blocks.append(("p", say("versions", lang, **{k: v.get(f"{k}_version", "?") for k in (
            "villageaid", "mesa", "numpy", "python")})))
    return blocks




# ------------------------------------------------------------ an advise folder's brief
# recommendation.json's not_yet_done items, by the BRIEF key that says them.
NOT_DONE_KEYS = {"robustness across villages and shocks": "nd_robustness",
                 "PRIM scenario discovery": "nd_prim"}  # folders written before futures


def compose_advise(facts, lang: str) -> list[tuple]:
    """Every section of an advise folder's brief (experiments/brief_advise.py's facts)."""
    rec, years = facts.recommended, facts.years
    n = facts.spec.get("replicates") or facts.how_sure.get("replicates") or "?"
    blocks = [("h1", say("a_title", lang)),
              ("sub", say("a_subtitle", lang, trials=facts.trials or "?", n=n)),
              ("h2", say("h_question", lang)),
              ("p", say("a_question", lang, budget=amount(facts.budget),
                        years=years or "?", village=_advise_village(facts, lang),
                        objectives=("、" if lang == "zh" else ", ").join(
                            metric_label(m, lang) for m in facts.objectives) or "?",
                        primary=metric_label(facts.recommendation.get(
                            "primary_objective", "coverage"), lang)))]
    blocks.append(("h2", say("h_portfolio", lang)))
    if rec is None:
        blocks.append(("p", say("a_none", lang,
                                reason=facts.recommendation.get("reason", ""))))
    else:
        blocks += _portfolio(facts, rec, lang) + _achieves(facts, rec, lang)
        blocks += _how_sure(facts, lang) + _alternatives(facts, lang)
    if facts.figure is not None:
        blocks.append(("img", facts.figure, say("fig_pareto", lang)))
    blocks += robustness_blocks(facts.recommendation, facts.folder, lang,
                                describe=lambda o: portfolio_text(o, lang))
    items = [say(NOT_DONE_KEYS[t], lang) if t in NOT_DONE_KEYS
             else robust_say(ROBUST_NOT_DONE[t], lang) if t in ROBUST_NOT_DONE else t
             for t in facts.recommendation.get("not_yet_done", [])]
    if items:
        blocks += [("h2", say("h_not_done", lang)), ("p", say("a_not_done", lang)),
                   ("ul", items)]
    limits = _limits(lang)
    limits[1][1].insert(0, say("limit_search", lang, trials=facts.trials or "?"))
    blocks += limits
    key = "a_reproduce_exact" if facts.rerun_exact else "a_reproduce_partial"
    return blocks + [("h2", say("h_reproduce", lang)), ("p", say(key, lang)),
                     ("code", facts.rerun)]


def _advise_village(facts, lang: str) -> str:
    if facts.spec.get("village"):
        return say("a_village_file", lang, path=facts.spec["village"])
    residents = facts.spec.get("residents")
    if residents is None:
        return say("a_village_preset", lang)
    return say("a_village_residents", lang, residents=amount(float(residents)))


def setting_text(kind: str, setting: str, value, lang: str) -> str:
    """'Casework: Social workers 2' (the labels of i18n's tables)."""
    from .i18n import SETTING_TEXT, intervention_title

    entry = SETTING_TEXT.get(f"{kind}.{setting}") or SETTING_TEXT.get(setting)
    label = (entry[1] if lang == "zh" else entry[0]) if entry else setting.replace("_", " ")
    shown = f"{value:.3g}" if isinstance(value, float) else str(value)
    return say("a_setting", lang, intervention=intervention_title(kind, lang),
               setting=label, value=shown)


def portfolio_text(d: dict, lang: str) -> str:
    items = [setting_text(kind, s, v, lang) for kind, settings in d["interventions"].items()
             for s, v in settings.items()]
    return say("sep", lang).join(items) if items else say("a_nothing", lang)


def metric_cell(obj: dict | None, metric: str) -> str:
    if not obj or obj.get("mean") is None:
        return "n/a"
    fmt = percent if METRICS[metric].kind == "share" else (lambda x: amount(x, obj["mean"]))
    low, high = obj.get("low"), obj.get("high")
    if low is None or high is None:
        return fmt(obj["mean"])
    return f"{fmt(obj['mean'])} [{fmt(low)}, {fmt(high)}]"


def _portfolio(facts, rec: dict, lang: str) -> list[tuple]:
    cost, budget = rec["planned_cost_per_year"], facts.budget
    items = [setting_text(kind, s, v, lang) for kind, settings in rec["interventions"].items()
             for s, v in settings.items()] or [say("a_nothing", lang)]
    text = say("a_portfolio", lang, cost=amount(cost), budget=amount(budget),
               share=percent(cost / budget) if budget else "n/a",
               spent=metric_cell(rec["objectives"].get("spent"), "spent"),
               years=facts.years or "?",
               total=amount(float(facts.recommendation.get("budget_total", math.nan))))
    blocks = [("p", say("a_fund", lang)), ("ul", items), ("p", text)]
    if rec.get("over_budget_as_planned"):
        blocks.append(("p", say("a_over_plan", lang)))
    return blocks


def _achieves(facts, rec: dict, lang: str) -> list[tuple]:
    header = [say("col_objective", lang), say("col_recommended", lang),
              say("col_runner_up", lang)]
    runner = facts.runner_up
    rows = [[metric_label(m, lang), metric_cell(rec["objectives"].get(m), m),
             metric_cell(runner["objectives"].get(m) if runner else None, m)]
            for m in facts.objectives]
    return [("h2", say("h_achieves", lang)), ("p", say("a_achieves", lang)),
            ("table", header, rows)]


def _how_sure(facts, lang: str) -> list[tuple]:
    blocks = [("h2", say("h_sure", lang))]
    h, primary = facts.how_sure, facts.recommendation.get("primary_objective", "coverage")
    if facts.runner_up is None or "difference" not in h:
        return blocks + [("p", say("a_sure_single", lang))]
    fmt = (lambda x: points(x, lang)) if METRICS[primary].kind == "share" else (
        lambda x: f"{x:+,.3g}")
    values = {"metric": metric_label(primary, lang), "n": h.get("replicates", "?"),
              "share": percent(float(h.get("share_of_replicates_better", math.nan))),
              "diff": fmt(h["difference"]) if h["difference"] is not None else "n/a",
              "low": fmt(h["difference_low"]) if h.get("difference_low") is not None else "n/a",
              "high": fmt(h["difference_high"]) if h.get("difference_high") is not None
              else "n/a"}
    if facts.cannot_tell:
        key = "a_sure_cannot"
    else:
        key = "a_sure_better" if h.get("verdict") == "better" else "a_sure_worse"
    return blocks + [("p", say(key, lang, **values))]


def _alternatives(facts, lang: str) -> list[tuple]:
    header = [say("col_role", lang), say("col_portfolio", lang), say("col_cost_year", lang),
              *(metric_label(m, lang) for m in facts.objectives)]
    rows = []
    for role, d in (("role_recommended", facts.recommended), ("role_runner_up", facts.runner_up)):
        if d:
            rows.append([say(role, lang), portfolio_text(d, lang),
                         amount(d["planned_cost_per_year"]),
                         *(metric_cell(d["objectives"].get(m), m) for m in facts.objectives)])
    for _, r in facts.others.iterrows():
        d = {"interventions": _interventions(r)}
        rows.append([say("role_pareto", lang), portfolio_text(d, lang),
                     amount(float(r.get("planned_cost_per_year", math.nan))),
                     *(metric_cell({"mean": r.get(m), "low": r.get(f"{m}_low"),
                                    "high": r.get(f"{m}_high")}, m) for m in facts.objectives)])
    widths = ", ".join(["auto", "3fr", "auto"] + ["2fr"] * len(facts.objectives))
    return [("h2", say("h_alternatives", lang)), ("p", say("a_alternatives", lang)),
            ("table", header, rows, widths)]


def _interventions(row) -> dict:
    """A pareto.csv row's switched-on interventions and their setting (as portfolio.chosen)."""
    from ..experiments.portfolio import KNOBS

    out = {}
    for k in KNOBS:
        if k.switch in row and bool(row[k.switch]):
            value = row[k.name]
            out[k.kind] = {k.setting: int(value) if k.integer else float(value)}
            if k.share in row:
                out[k.kind]["priority"] = float(row[k.share])
    return out


__all__ = ["compose", "compose_advise", "say"]
