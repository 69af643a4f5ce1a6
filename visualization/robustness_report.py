"""The robustness part of `villageaid advise`'s report: robustness.png and plain words.

The figure has one row per Pareto option tested over futures: on the left the
share of futures in which it meets every criterion (satisficing robustness), on
the right its 90th-percentile regret on the primary objective (how far it falls
short of the best option in the worst tenth of futures). The recommended option
is drawn in red.
"""

from __future__ import annotations

from pathlib import Path

from ..experiments.discovery import box_sentence
from ..sim.outcomes import METRICS, label


def plot_robustness(advice, path: Path) -> Path | None:
    """robustness.png, or None when the options were not tested over futures."""
    robust = advice.recommendation.get("robustness")
    if not robust or not robust["options"]:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    primary = advice.spec.objectives[0]
    options = robust["options"][::-1]  # most robust at the top
    rec = (advice.recommendation.get("recommended") or {}).get("trial")
    names = [f"trial {o['trial']}" for o in options]
    colours = ["C3" if o["trial"] == rec else "C0" for o in options]
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 1.2 + 0.45 * len(options)),
                                      sharey=True)
    left.barh(names, [o["satisficing"] for o in options], color=colours)
    left.set_xlim(0, 1)
    left.set_xlabel("share of futures meeting every criterion")
    regret = [o[f"regret_{primary}_p90"] for o in options]
    right.barh(names, regret, color=colours)
    right.set_xlabel(f"{label(primary)}: regret, 90th percentile ({METRICS[primary].unit})")
    fig.suptitle(f"{robust['futures']} futures: " + ", ".join(robust["criteria"]),
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return Path(path)


def robustness_lines(advice) -> list[str]:
    """The console report's lines on futures, regret and where the choice fails."""
    rec = advice.recommendation
    robust = rec.get("robustness")
    if not robust:
        return []
    primary = advice.spec.objectives[0]
    lines = [f"Over {robust['futures']} futures (grant cut, out-migration wave and cold wave "
             f"from week {robust['shock_week']}, calibrated parameters within their ranges), "
             f"criteria {', '.join(robust['criteria'])}:"]
    chosen = (rec.get("recommended") or {}).get("trial")
    for o in robust["options"]:
        mark = " (recommended)" if o["trial"] == chosen else ""
        lines.append(f"  trial {o['trial']}{mark}: meets them in {o['satisficing']:.0%} of "
                     f"futures; {label(primary)} regret mean {_num(o[f'regret_{primary}_mean'])}"
                     f", 90th percentile {_num(o[f'regret_{primary}_p90'])}")
    if robust["recommended_is_most_robust"]:
        lines.append("  The recommended portfolio is also the most robust of those tested.")
    else:
        lines.append(f"  The most robust of those tested is trial {robust['most_robust']}.")
    sentence = box_sentence(rec.get("scenario_discovery"))
    if sentence:
        lines.append("  Where the recommended portfolio fails: " + sentence)
    return lines


def _num(v) -> str:
    return "n/a" if v is None else f"{v:.3g}"
