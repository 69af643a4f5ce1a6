"""`villageaid advise`'s figure (pareto.png) and console report in plain words.

The figure puts the first objective on x and the second on y (needs met against
elders withdrawn, by default): every trial as a small grey dot (a cross when it
broke a constraint), the feasible Pareto set in colour with its 95% intervals, and
the recommended portfolio as a star. Only the first two objectives are drawn; the
table pareto.csv holds them all.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..sim.outcomes import METRICS, label
from .advise_text import say


def plot_advice(advice, path: Path, lang: str = "en") -> Path:
    """pareto.png: trials and the Pareto set on the first two objectives."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .fonts import font_family

    objectives = advice.spec.objectives
    x = objectives[0]
    y = objectives[1] if len(objectives) > 1 else "spent"
    t = advice.trials
    with matplotlib.rc_context({"font.family": font_family()}):
        fig, ax = plt.subplots(figsize=(7, 5))
        if not t.empty and x in t.columns:
            ok = t[t["feasible"].astype(bool)]
            bad = t[~t["feasible"].astype(bool)]
            ax.scatter(ok[x], ok[y], s=14, color="0.6", label=say("feasible", lang))
            ax.scatter(bad[x], bad[y], s=14, marker="x", color="0.75", label=say("breaks", lang))
            p = advice.pareto.sort_values(x)
            ax.errorbar(p[x], p[y], xerr=_err(p, x), yerr=_err(p, y), fmt="o", color="C0",
                        capsize=2, label=say("pareto", lang))
            rec = advice.recommendation.get("recommended")
            if rec:
                r = t[t["trial"] == rec["trial"]].iloc[0]
                ax.scatter([r[x]], [r[y]], marker="*", s=220, color="C3", zorder=5,
                           label=say("recommended_mark", lang, trial=rec["trial"]))
        ax.set_xlabel(_axis(x, lang))
        ax.set_ylabel(_axis(y, lang))
        ax.set_title(say("title", lang, budget=f"{advice.spec.budget:,.0f}",
                         years=advice.spec.years))
        ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return Path(path)


def _err(frame, metric: str):
    """Asymmetric error bars from the interval columns (0 where there is none)."""
    low = (frame[metric] - frame[f"{metric}_low"]).fillna(0).clip(lower=0)
    high = (frame[f"{metric}_high"] - frame[metric]).fillna(0).clip(lower=0)
    return [low.to_numpy(), high.to_numpy()]


def _axis(metric: str, lang: str) -> str:
    m = METRICS[metric]
    word = {True: say("higher", lang), False: say("lower", lang)}.get(m.better, "")
    return f"{label(metric, lang)} ({m.unit}{'; ' + word if word else ''})"


def _value(metric: str, v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if METRICS[metric].kind in ("share", "runs"):
        return f"{100 * v:.1f}%"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def _interval(metric: str, o: dict, lang: str) -> str:
    text = _value(metric, o["mean"])
    if o.get("low") is None or (isinstance(o["low"], float) and math.isnan(o["low"])):
        return text
    return say("interval", lang, value=text, low=_value(metric, o["low"]),
               high=_value(metric, o["high"]))


def format_advice(advice, lang: str = "en") -> str:
    """The console report: how many portfolios were tried, the Pareto set, the
    recommendation and how sure it is, how the options fare over futures, in plain
    words."""
    from .brief_robust import NOT_DONE
    from .brief_robust import say as robust_say
    from .robustness_report import robustness_lines

    spec, t, rec = advice.spec, advice.trials, advice.recommendation
    sep = "；" if lang == "zh" else "; "
    feasible = int(t["feasible"].astype(bool).sum()) if not t.empty else 0
    lines = [say("tried", lang, n=len(t), replicates=spec.replicates, years=spec.years,
                 budget=f"{spec.budget:,.0f}", feasible=feasible, pareto=len(advice.pareto))]
    for _, row in advice.pareto.iterrows():
        lines.append(say("trial", lang, trial=int(row["trial"]), portfolio=_words(row, lang)))
        lines.append("      " + sep.join(f"{label(m, lang)} {_value(m, row[m])}"
                                         for m in spec.objectives)
                     + say("spent_line", lang, spent=f"{row['spent']:,.0f}"))
    r = rec.get("recommended")
    if r is None:
        lines.append(say("none", lang, reason=rec.get("reason")))
    else:
        lines.append(say("recommended", lang, metric=label(spec.objectives[0], lang),
                         portfolio=_words(r, lang)))
        for m, o in r["objectives"].items():
            unit = say("over_years", lang, years=spec.years) if m == "spent" else ""
            lines.append(f"  {label(m, lang)}: {_interval(m, o, lang)}{unit}")
        key = "planned_over" if r["over_budget_as_planned"] else "planned_within"
        lines.append(say(key, lang, cost=f"{r['planned_cost_per_year']:,.0f}"))
        lines.append(_sureness(rec, spec.objectives[0], lang))
    lines += robustness_lines(advice, lang)
    if rec.get("not_yet_done"):
        items = [robust_say(NOT_DONE[t], lang) if t in NOT_DONE else t
                 for t in rec["not_yet_done"]]
        lines.append(say("not_done", lang, items=sep.join(i.rstrip(".。") for i in items)))
    return "\n".join(lines)


def _sureness(rec: dict, primary: str, lang: str) -> str:
    sure = rec.get("how_sure") or {}
    if rec.get("runner_up") is None:
        return say("sure_none", lang)
    text = say("sure", lang, runner=_words(rec["runner_up"], lang), metric=label(primary, lang),
               share=f"{sure['share_of_replicates_better']:.0%}", n=sure["replicates"])
    key = {"better": "sure_better", "worse": "sure_worse"}.get(sure["verdict"], "sure_cannot")
    return text + say(key, lang)


def _words(option, lang: str) -> str:
    """A portfolio as the report names it: 'casework(workers=2) + ...' in English, the
    interventions' and settings' names in Chinese (the brief's wording)."""
    if lang != "zh":
        return option["portfolio"]
    from .brief_text import _interventions, portfolio_text

    chosen = option["interventions"] if "interventions" in option else _interventions(option)
    return portfolio_text({"interventions": chosen}, lang)
