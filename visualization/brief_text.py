"""The policy brief's words, in English or Chinese, as a list of plain blocks.

Blocks are tuples that both renderers (HTML and Typst, visualization/brief.py) read:
("h1"|"sub"|"h2"|"p"|"code", text), ("ul", [text]), ("table", header, rows) and
("img", path, caption). Keeping the wording here, apart from the markup, means the
HTML and the PDF say exactly the same thing. Every claim of a difference comes from a
paired interval that leaves out 0; otherwise the brief says it cannot tell.
"""

from __future__ import annotations

import math

from ..experiments.brief_content import DECIDING, EQUITY_GROUPING, BriefFacts
from ..sim.outcomes import METRICS
from .i18n import BRIEF, equity_label, metric_label, preset_description, scenario_title
from .i18n import table_text

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


__all__ = ["compose", "say"]
