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


def plot_advice(advice, path: Path) -> Path:
    """pareto.png: trials and the Pareto set on the first two objectives."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    objectives = advice.spec.objectives
    x = objectives[0]
    y = objectives[1] if len(objectives) > 1 else "spent"
    t = advice.trials
    fig, ax = plt.subplots(figsize=(7, 5))
    if not t.empty and x in t.columns:
        ok = t[t["feasible"].astype(bool)]
        bad = t[~t["feasible"].astype(bool)]
        ax.scatter(ok[x], ok[y], s=14, color="0.6", label="feasible trial")
        ax.scatter(bad[x], bad[y], s=14, marker="x", color="0.75", label="breaks a constraint")
        p = advice.pareto.sort_values(x)
        ax.errorbar(p[x], p[y], xerr=_err(p, x), yerr=_err(p, y), fmt="o", color="C0",
                    capsize=2, label="Pareto set (95% intervals)")
        rec = advice.recommendation.get("recommended")
        if rec:
            r = t[t["trial"] == rec["trial"]].iloc[0]
            ax.scatter([r[x]], [r[y]], marker="*", s=220, color="C3", zorder=5,
                       label=f"recommended (trial {rec['trial']})")
    ax.set_xlabel(_axis(x))
    ax.set_ylabel(_axis(y))
    ax.set_title(f"Portfolios for {advice.spec.budget:,.0f} CNY a year, "
                 f"{_years(advice.spec.years)}")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return Path(path)


def _years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"


def _err(frame, metric: str):
    """Asymmetric error bars from the interval columns (0 where there is none)."""
    low = (frame[metric] - frame[f"{metric}_low"]).fillna(0).clip(lower=0)
    high = (frame[f"{metric}_high"] - frame[metric]).fillna(0).clip(lower=0)
    return [low.to_numpy(), high.to_numpy()]


def _axis(metric: str) -> str:
    m = METRICS[metric]
    word = {True: "higher is better", False: "lower is better"}.get(m.better, "")
    return f"{label(metric)} ({m.unit}{'; ' + word if word else ''})"


def _value(metric: str, v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if METRICS[metric].kind in ("share", "runs"):
        return f"{100 * v:.1f}%"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def _interval(metric: str, o: dict) -> str:
    text = _value(metric, o["mean"])
    if o.get("low") is None or (isinstance(o["low"], float) and math.isnan(o["low"])):
        return text
    return f"{text} (95% interval {_value(metric, o['low'])} to {_value(metric, o['high'])})"


def format_advice(advice) -> str:
    """The console report: how many portfolios were tried, the Pareto set, the
    recommendation and how sure it is, in plain words."""
    spec, t, rec = advice.spec, advice.trials, advice.recommendation
    feasible = int(t["feasible"].astype(bool).sum()) if not t.empty else 0
    lines = [f"Tried {len(t)} portfolios over {spec.replicates} replicate(s) each "
             f"({_years(spec.years)}, budget {spec.budget:,.0f} CNY a year); {feasible} met "
             f"every constraint, {len(advice.pareto)} of them on the Pareto front "
             "(no other feasible portfolio is as good on every objective and better on one)."]
    for _, row in advice.pareto.iterrows():
        lines.append(f"  trial {int(row['trial'])}: {row['portfolio']}")
        lines.append("      " + "; ".join(f"{label(m)} {_value(m, row[m])}"
                                          for m in spec.objectives)
                     + f"; spent {row['spent']:,.0f} CNY")
    r = rec.get("recommended")
    if r is None:
        lines.append(f"No recommendation: {rec.get('reason')}.")
    else:
        lines.append(f"Recommended (best {label(spec.objectives[0])} on the front): "
                     f"{r['portfolio']}")
        for m, o in r["objectives"].items():
            unit = f" CNY over {_years(spec.years)}" if m == "spent" else ""
            lines.append(f"  {label(m)}: {_interval(m, o)}{unit}")
        lines.append(f"  Planned yearly cost {r['planned_cost_per_year']:,.0f} CNY"
                     + (" - more than the budget, so the committee scales spending down"
                        if r["over_budget_as_planned"] else " - within the budget"))
        lines.append(_sureness(rec, spec.objectives[0]))
    from .robustness_report import robustness_lines

    lines += robustness_lines(advice)
    if rec.get("not_yet_done"):
        lines.append("Not yet done: " + "; ".join(rec["not_yet_done"]) + ".")
    return "\n".join(lines)


def _sureness(rec: dict, primary: str) -> str:
    sure = rec.get("how_sure") or {}
    if rec.get("runner_up") is None:
        return "  How sure: cannot tell (no runner-up to compare with)."
    share = sure["share_of_replicates_better"]
    text = (f"  How sure: it beat the runner-up ({rec['runner_up']['portfolio']}) on "
            f"{label(primary)} in {share:.0%} of {sure['replicates']} paired replicates; ")
    if sure["verdict"] == "cannot tell":
        return text + "the paired 95% interval of the difference includes 0: cannot tell."
    return text + f"the paired 95% interval leaves out 0: it is {sure['verdict']}."
