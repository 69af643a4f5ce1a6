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
from .advise_text import say
from .brief_robust import discovery_text


def plot_robustness(advice, path: Path, lang: str = "en") -> Path | None:
    """robustness.png, or None when the options were not tested over futures."""
    robust = advice.recommendation.get("robustness")
    if not robust or not robust["options"]:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .fonts import font_family

    primary = advice.spec.objectives[0]
    options = robust["options"][::-1]  # most robust at the top
    rec = (advice.recommendation.get("recommended") or {}).get("trial")
    names = [say("fig_trial", lang, trial=o["trial"]) for o in options]
    colours = ["C3" if o["trial"] == rec else "C0" for o in options]
    with matplotlib.rc_context({"font.family": font_family()}):
        fig, (left, right) = plt.subplots(1, 2, figsize=(9, 1.2 + 0.45 * len(options)),
                                          sharey=True)
        left.barh(names, [o["satisficing"] for o in options], color=colours)
        left.set_xlim(0, 1)
        left.set_xlabel(say("fig_meets", lang))
        right.barh(names, [o[f"regret_{primary}_p90"] for o in options], color=colours)
        right.set_xlabel(say("fig_regret", lang, metric=label(primary, lang),
                             unit=METRICS[primary].unit))
        fig.suptitle(say("fig_title", lang, n=robust["futures"],
                         criteria=", ".join(robust["criteria"])), fontsize=9)
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)
    return Path(path)


def robustness_lines(advice, lang: str = "en") -> list[str]:
    """The console report's lines on futures, regret and where the choice fails."""
    rec = advice.recommendation
    robust = rec.get("robustness")
    if not robust:
        return []
    primary = advice.spec.objectives[0]
    lines = [say("futures_head", lang, n=robust["futures"], week=robust["shock_week"],
                 criteria=", ".join(robust["criteria"]))]
    chosen = (rec.get("recommended") or {}).get("trial")
    for o in robust["options"]:
        lines.append(say("option", lang, trial=o["trial"],
                         mark=say("mark", lang) if o["trial"] == chosen else "",
                         share=f"{o['satisficing']:.0%}", metric=label(primary, lang),
                         mean=_num(o[f"regret_{primary}_mean"]),
                         p90=_num(o[f"regret_{primary}_p90"])))
    if robust["recommended_is_most_robust"]:
        lines.append(say("most_same", lang))
    else:
        lines.append(say("most_other", lang, trial=robust["most_robust"]))
    found = rec.get("scenario_discovery")
    if found:
        sentence = discovery_text(found, "zh") if lang == "zh" else box_sentence(found)
        lines.append(say("fails", lang, sentence=sentence))
    return lines


def _num(v) -> str:
    return "n/a" if v is None else f"{v:.3g}"
