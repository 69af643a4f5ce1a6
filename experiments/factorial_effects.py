"""The factorial's effects, on the additive scale and on a ratio scale.

Additive. A term's effect in one replicate is the mean of its + cells minus the
mean of its - cells (experiments/factorial.py explains the sign table); over
replicates, its mean with the paired 95% interval (stats.paired_difference), inside
the range of differences a bounded metric allows.

Ratio. The same contrast on a scale where effects multiply rather than add, so a
reader can ask whether two levels together do more than the product of each alone:

* a share or an index bounded by 0 and 1 (needs met, withdrawn, burnout) on the
  log-odds scale: exp(effect) is an odds ratio (for a main effect, the odds with
  the level on against off, averaged over the other levels' combinations; for an
  interaction, how much one level multiplies the other's odds ratio, as a square
  root: exp of half the difference of the log odds ratios). Shares are held inside
  [SHARE_FLOOR, 1 - SHARE_FLOOR] first, since a village with no withdrawn elder has
  log-odds of minus infinity; with 1,000 residents a share below 1 in 1,000 is 0
  anyway;
* a positive amount (money, hours, counts) on the log scale: exp(effect) is a ratio
  of geometric means; where a cell has 0 (the cell with no intervention spends
  nothing) the ratio is undefined and left empty;
* a metric that can be negative has no ratio scale.

The interval is Student's t over replicates on the log or log-odds scale, then
exponentiated, so it is a ratio's interval (never below 0); a ratio effect is
resolved when that interval leaves out 1.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..sim.outcomes import METRICS
from .factorial import EFFECT_COLUMNS, CANNOT_TELL
from .factorial_design import DEFAULT, Design
from .stats import mean_interval, paired_difference

SHARE_FLOOR = 0.001


def scale_of(metric: str) -> str:
    """'log-odds', 'log' or '' (no ratio scale) for a metric, from its range."""
    low, high = METRICS[metric].bounds
    if low == 0 and high == 1:
        return "log-odds"
    if low >= 0:
        return "log"
    return ""


def transform(values: np.ndarray, scale: str) -> np.ndarray:
    """Values on the ratio scale's log: log-odds of shares held off 0 and 1, log of
    amounts (NaN where an amount is 0 or below)."""
    if scale == "log-odds":
        p = np.clip(values, SHARE_FLOOR, 1 - SHARE_FLOOR)
        return np.log(p / (1 - p))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(values > 0, np.log(np.where(values > 0, values, 1.0)), np.nan)


def term_contrasts(values: np.ndarray, term: str, design: Design = DEFAULT
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Per replicate (rows of `values`, cells in the design's order): the mean of the
    term's - cells and of its + cells."""
    signs = np.array([design.sign(term, c) for c in design.cells])
    return values[:, signs < 0].mean(axis=1), values[:, signs > 0].mean(axis=1)


def factorial_effects(runs: pd.DataFrame, metrics, design: Design = DEFAULT) -> pd.DataFrame:
    """Every term's effect, additive and on the ratio scale, with 95% intervals."""
    rows = []
    for m in metrics:
        # replicate x cell, in the design's order; a replicate missing a cell (or whose
        # metric is undefined in one) gets NaN and is left out of the interval
        values = (runs.set_index(["replicate", "cell"])[m].unstack("cell")
                  .reindex(columns=list(design.cell_names)).to_numpy(float))
        scale = scale_of(m)
        logged = transform(values, scale) if scale else None
        for term in design.terms:
            minus, plus = term_contrasts(values, term, design)
            d = paired_difference(minus, plus, METRICS[m].bounds)
            row = {"metric": m, "effect": term, "order": term.count(":") + 1,
                   "estimate": d["mean"], "low": d["low"], "high": d["high"], "n": d["n"],
                   "resolved": d["resolved"], "replicates_needed": d["replicates_needed"],
                   "reading": reading(m, term, d["mean"], d["resolved"]), "scale": scale}
            row.update(ratio_effect(logged, term, design) if scale else _no_ratio())
            rows.append(row)
    return pd.DataFrame(rows, columns=list(EFFECT_COLUMNS))


def ratio_effect(logged: np.ndarray, term: str, design: Design = DEFAULT) -> dict:
    """exp of the term's contrast on the log scale, with its t-interval exponentiated."""
    minus, plus = term_contrasts(logged, term, design)
    iv = mean_interval(plus - minus)
    if not math.isfinite(iv["mean"]):
        return _no_ratio()
    ratio = {"ratio": math.exp(iv["mean"]), "ratio_low": _exp(iv["low"]),
             "ratio_high": _exp(iv["high"])}
    ratio["ratio_resolved"] = bool(math.isfinite(iv["low"]) and (iv["low"] > 0 or iv["high"] < 0))
    return ratio


def _exp(x: float) -> float:
    return math.exp(x) if math.isfinite(x) else math.nan


def _no_ratio() -> dict:
    return {"ratio": math.nan, "ratio_low": math.nan, "ratio_high": math.nan,
            "ratio_resolved": False}


def reading(metric: str, term: str, estimate: float, resolved: bool) -> str:
    """An effect in words: 'cannot tell' unless resolved; then for a main effect
    'better' or 'worse', for an interaction 'reinforce' or 'substitute', in the
    metric's better direction ('resolved' where neither direction is better)."""
    better = METRICS[metric].better
    if not resolved:
        return CANNOT_TELL
    if better is None:
        return "resolved"
    good = (estimate > 0) == better
    if ":" in term:
        return "reinforce" if good else "substitute"
    return "better" if good else "worse"


def conditional_effect(effects: pd.DataFrame, metric: str, term: str) -> dict | None:
    """A two-way interaction a:b read as 'b adds X to a's effect': a's effect with b on
    minus with b off is twice the interaction (averaged over the other factors), with
    its interval doubled; None for a main effect or a higher-order term."""
    if term.count(":") != 1:
        return None
    row = effects[(effects.metric == metric) & (effects.effect == term)].iloc[0]
    first, second = term.split(":")
    return {"level": first, "with": second, "adds": 2 * row["estimate"],
            "low": 2 * row["low"], "high": 2 * row["high"], "resolved": bool(row["resolved"])}
