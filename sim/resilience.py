"""Resilience figures of one run, read from its weekly performance curve.

Follows the "resilience triangle" of Bruneau et al. (2003), *A framework to
quantitatively assess and enhance the seismic resilience of communities*
(Earthquake Spectra 19(4)): a system performs at some level Q(t); a shock at
week t0 drops it; it recovers by week t1; the loss of resilience is the area
between the pre-shock level and the curve from t0 to t1. The figures are read
in the three senses of the design brief (DESIGN.md, "Shocks and resilience"):
how deep the curve drops (adaptive), how fast it returns (restorative), and
whether it ends above where it started (transformative).

Units. Time is in weeks; week 1 is the first simulated week and a curve `q`
is indexed by week - 1 (q[0] is week 1). The level Q is in the units of the
indicator: for coverage, the share of the week's needs that were met (0-1);
for self-efficacy, cohesion, team retention and equity, 0-1 as well; for
ties used, a number of ties.

The performance curve (`performance_curve`)
    Q(w) = the trailing mean of the indicator over weeks w - smooth + 1 .. w
    (fewer weeks at the very start of the run). Weekly coverage is noisy; a
    trailing mean (not a centred one) never lets the shock leak into the weeks
    before it, so the pre-shock level of the smoothed curve is the one of the
    raw curve. The price: the smoothed curve lags the raw one by about
    (smooth - 1) / 2 weeks, which moves the trough and recovery a little later.

The figures (`resilience`), for a shock in week s and a horizon H (last week
looked at; the end of the curve unless given), all plain Python numbers:

    pre_level      mean of Q over the `baseline_weeks` weeks before week s
                   (weeks s - B .. s - 1, fewer if the shock comes early).
                   Units of Q.
    depth          adaptive: pre_level - min(Q over weeks s .. E), or 0 if the
                   curve never falls below pre_level. Units of Q. E is the end
                   of the response window: week s + window - 1 (or H if
                   sooner); with window None, H.
    trough_week    the (first) week of that minimum.
    recovered      whether the curve recovers within the horizon.
    recovery_weeks restorative: r - s, where r is the first week at or after
                   the trough with Q within `tolerance` of pre_level or above
                   it (Q >= pre_level - tolerance) and staying so for
                   `hold_weeks` (4) consecutive weeks r .. r + 3, all within
                   the horizon. None if there is no such week. Weeks.
                   A curve that never drops has recovery_weeks 0.
    area_lost      the resilience triangle: the sum over weeks s .. r - 1 (the
                   recovery_weeks weeks before recovery), or over s .. H when
                   the curve does not recover, of max(0, pre_level - Q).
                   Units of Q x weeks (for coverage: "weeks' worth of needs
                   left unmet", as a share of one week's needs).
    post_level     mean of Q over the last `baseline_weeks` weeks of the
                   horizon, weeks before the shock excluded (fewer weeks when
                   the horizon ends less than B weeks after the shock).
    transformative post_level - pre_level; > 0: the village ends above where
                   it started, < 0: it settles lower. Units of Q.

The response window. A simulated curve is noisy, and after a shock it stays
noisy for the rest of the run; over years, some chance dip is bound to go
deeper than a mild shock's own. Looked for over the whole horizon, the trough
would then be that dip, and recovery would be counted from it: years of
"recovery" from a shock that left no trace. The comparisons and the dashboard
therefore look for the trough within `shock_window(shocks)` weeks of the first
shock's start: until the last shock ends, plus RESPONSE_WEEKS (26) weeks for
its knock-on effects (helpers who burned out in a cold wave drop out in the
weeks after it). Recovery is still looked for up to the horizon, and the
transformative figure still reads the end of the run.

`tolerance` is in units of Q (0.02 = two points of coverage); with
`relative=True` it is a share of pre_level instead (used for counts, such as
ties used, where an absolute band would make no sense).

Layer by layer (`layered_resilience`), the same figures for:
    individual  mean_efficacy (mean self-efficacy of elders, 0-1)
    group       team_retention (founding team members still active, 0-1;
                only when the run had teams, i.e. the column is not all 0),
                ties_used (ties that carried help in the last 4 weeks;
                tolerance relative to the pre-shock number)
    community   coverage (share of needs met), cohesion (share of elders in
                the largest component of the helping network), equity
                (1 - |coverage_alone - coverage_not_alone|, worked out week by
                week, then smoothed: 1 = elders living alone are served as
                well as the others)
and, per run, cost_per_need_met = total spent / total needs met through the
non-family channels (informal, team, matched), in CNY per need; None if no
such need was met. Totals run over weeks 1 .. H.

Summaries over replicates (means and 95% intervals) are made by
experiments.stats.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "LAYERS",
    "RESPONSE_WEEKS",
    "layered_resilience",
    "performance_curve",
    "against_counterfactual",
    "resilience",
    "shock_window",
]

#: Layers and their indicators, in the order `layered_resilience` reports them.
LAYERS: dict[str, tuple[str, ...]] = {
    "individual": ("mean_efficacy",),
    "group": ("team_retention", "ties_used"),
    "community": ("coverage", "cohesion", "equity"),
}

NON_FAMILY = ("met_by_informal", "met_by_team", "met_by_matched")

# Indicators that are counts, not shares: their recovery band is relative.
_RELATIVE = frozenset({"ties_used"})

#: Weeks after the last shock ends in which its effect is still looked for (the
#: response window, see the module docstring): half a year.
RESPONSE_WEEKS = 26

# Float slack when comparing with the recovery band (0.8 - 0.02 != 0.78).
_EPS = 1e-9


# ---------------------------------------------------------------- helpers


def _int_arg(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and not isinstance(value, bool) \
                and float(value).is_integer():
            return int(value)
        raise ValueError(f"{name}: expected a whole number, got {value!r}")
    return int(value)


def _as_curve(q: Any, name: str = "q") -> np.ndarray:
    try:
        arr = np.asarray(q, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a sequence of numbers") from None
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a one-dimensional curve, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name}: the curve is empty")
    bad = ~np.isfinite(arr)
    if bad.any():
        weeks = (np.flatnonzero(bad) + 1)[:5].tolist()
        raise ValueError(f"{name}: not a number (NaN or infinite) at week(s) {weeks}"
                         + (" ..." if bad.sum() > 5 else ""))
    return arr


def _smooth(values: np.ndarray, smooth: int) -> np.ndarray:
    smooth = _int_arg("smooth", smooth)
    if smooth < 1:
        raise ValueError(f"smooth: must be at least 1 week (1 = no smoothing), got {smooth}")
    if smooth == 1:
        return values.astype(float, copy=True)
    return pd.Series(values).rolling(smooth, min_periods=1).mean().to_numpy(dtype=float)


def _weekly(ts: pd.DataFrame, column: str) -> np.ndarray:
    """Raw weekly values of `column`, checked to run week 1, 2, ..."""
    if not isinstance(ts, pd.DataFrame):
        raise ValueError(f"ts: expected a pandas DataFrame, got {type(ts).__name__}")
    if column not in ts.columns:
        raise ValueError(f"column: {column!r} is not a column of ts; it has "
                         + ", ".join(map(str, ts.columns)))
    if len(ts) == 0:
        raise ValueError("ts: the time series is empty")
    frame = ts
    if "week" in ts.columns:
        weeks = ts["week"].to_numpy()
        if not np.array_equal(weeks, np.arange(1, len(ts) + 1)):
            frame = ts.sort_values("week")
            weeks = frame["week"].to_numpy()
            if not np.array_equal(weeks, np.arange(1, len(ts) + 1)):
                raise ValueError("ts: its weeks must run 1, 2, 3, ... without gaps or repeats")
    return _as_curve(frame[column].to_numpy(dtype=float), name=f"ts[{column!r}]")


# ---------------------------------------------------------------- curves


def performance_curve(ts: pd.DataFrame, column: str = "coverage", smooth: int = 4) -> np.ndarray:
    """Weekly curve Q of `column`, smoothed with a trailing mean of `smooth` weeks.

    Element k is week k + 1. The first smooth - 1 weeks average the weeks there
    are. smooth=1 returns the raw column.
    """
    return _smooth(_weekly(ts, column), smooth)


def resilience(
    q: Sequence[float] | np.ndarray,
    shock_week: int,
    *,
    baseline_weeks: int = 26,
    tolerance: float = 0.02,
    horizon: int | None = None,
    relative: bool = False,
    hold_weeks: int = 4,
    window: int | None = None,
) -> dict[str, Any]:
    """Resilience figures of curve `q` (q[0] is week 1) for a shock in `shock_week`.

    `window`: weeks from the shock's start in which its trough is looked for
    (`shock_window`); None looks over the whole horizon.
    Returns a dict of plain numbers: shock_week, horizon, pre_level, depth,
    trough_week, recovered, recovery_weeks, area_lost, post_level,
    transformative (definitions in the module docstring).
    """
    q = _as_curve(q)
    n = len(q)
    s = _int_arg("shock_week", shock_week)
    if not 1 <= s <= n:
        raise ValueError(f"shock_week: {s} is outside the curve (weeks 1 .. {n})")
    if s == 1:
        raise ValueError("shock_week: 1 leaves no week before the shock for the pre-shock level")
    b = _int_arg("baseline_weeks", baseline_weeks)
    if b < 1:
        raise ValueError(f"baseline_weeks: must be at least 1, got {b}")
    h = n if horizon is None else _int_arg("horizon", horizon)
    if not s <= h <= n:
        raise ValueError(f"horizon: {h} must lie between the shock week {s} "
                         f"and the end of the curve {n}")
    hold = _int_arg("hold_weeks", hold_weeks)
    if hold < 1:
        raise ValueError(f"hold_weeks: must be at least 1, got {hold}")
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) \
            or not math.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance: must be a finite number >= 0, got {tolerance!r}")

    if window is None:
        span = h - s + 1
    else:
        span = _int_arg("window", window)
        if span < 1:
            raise ValueError(f"window: must be at least 1 week, got {span}")
        span = min(span, h - s + 1)

    pre = float(q[max(0, s - 1 - b): s - 1].mean())
    after = q[s - 1: h]                        # weeks s .. h
    k_min = int(np.argmin(after[:span]))
    trough_week = s + k_min
    depth = max(0.0, pre - float(after[k_min]))

    band = float(tolerance) * (abs(pre) if relative else 1.0)
    ok = after >= pre - band - _EPS * max(1.0, abs(pre))
    recovery_k = None
    for k in range(k_min, len(after) - hold + 1):
        if ok[k: k + hold].all():
            recovery_k = k
            break
    lost = np.maximum(0.0, pre - after)
    area = float(lost[: recovery_k if recovery_k is not None else len(after)].sum())

    post = float(q[max(s - 1, h - b): h].mean())
    return {
        "shock_week": s,
        "horizon": h,
        "pre_level": pre,
        "depth": depth,
        "trough_week": trough_week,
        "recovered": recovery_k is not None,
        "recovery_weeks": recovery_k,
        "area_lost": area,
        "post_level": post,
        "transformative": post - pre,
    }


def shock_window(shocks) -> int:
    """The response window of a run's shocks, in weeks from the first one's start:
    until the last one ends, plus RESPONSE_WEEKS. `shocks`: Shock objects or their
    settings (dicts with week and duration)."""
    spans = [(s["week"], s["duration"]) if isinstance(s, dict) else (s.week, s.duration)
             for s in shocks]
    if not spans:
        raise ValueError("shocks: none given")
    first = min(week for week, _ in spans)
    last_end = max(week + duration - 1 for week, duration in spans)
    return last_end - first + 1 + RESPONSE_WEEKS


def layered_resilience(ts: pd.DataFrame, shock_week: int, *, smooth: int = 4,
                       **kw: Any) -> dict[str, Any]:
    """Resilience figures layer by layer, plus the run's cost per need met.

    Returns {"individual": {"mean_efficacy": figures},
             "group": {"team_retention": figures (only if the run had teams),
                       "ties_used": figures},
             "community": {"coverage": ..., "cohesion": ..., "equity": ...},
             "cost_per_need_met": float or None}.
    `kw` goes to `resilience` (baseline_weeks, tolerance, horizon, ...);
    ties_used always uses a tolerance relative to its pre-shock number.
    """
    if not isinstance(ts, pd.DataFrame):
        raise ValueError(f"ts: expected a pandas DataFrame, got {type(ts).__name__}")
    needed = ["mean_efficacy", "ties_used", "coverage", "cohesion",
              "coverage_alone", "coverage_not_alone", "spent", *NON_FAMILY]
    missing = [c for c in needed if c not in ts.columns]
    if missing:
        raise ValueError("ts: missing column(s) " + ", ".join(missing))
    kw.pop("relative", None)

    def figures(name: str, raw: np.ndarray | None = None) -> dict[str, Any]:
        values = _weekly(ts, name) if raw is None else raw
        return resilience(_smooth(values, smooth), shock_week,
                          relative=name in _RELATIVE, **kw)

    out: dict[str, Any] = {"individual": {}, "group": {}, "community": {}}
    out["individual"]["mean_efficacy"] = figures("mean_efficacy")
    if "team_retention" in ts.columns and (_weekly(ts, "team_retention") != 0).any():
        out["group"]["team_retention"] = figures("team_retention")
    out["group"]["ties_used"] = figures("ties_used")
    out["community"]["coverage"] = figures("coverage")
    out["community"]["cohesion"] = figures("cohesion")
    equity = 1.0 - np.abs(_weekly(ts, "coverage_alone") - _weekly(ts, "coverage_not_alone"))
    out["community"]["equity"] = figures("equity", equity)

    h = out["community"]["coverage"]["horizon"]
    spent = float(_weekly(ts, "spent")[:h].sum())
    met = float(sum(_weekly(ts, c)[:h].sum() for c in NON_FAMILY))
    out["cost_per_need_met"] = spent / met if met > 0 else None
    return out


def against_counterfactual(ts: pd.DataFrame, twin: pd.DataFrame, shock_week: int, *,
                           baseline_weeks: int = 26) -> pd.DataFrame:
    """The shocked run measured against the same village without the shock.

    With common random numbers the two runs are identical before the shock, so
    each column becomes  twin's pre-shock mean + (shocked - twin): the curve
    keeps its pre-shock level, and any drift the village has anyway (helpers
    leaving, agency eroding) cancels out. Resilience figures of this frame
    measure the shock alone.
    """
    if len(ts) != len(twin):
        raise ValueError(f"twin: {len(twin)} weeks, but the shocked run has {len(ts)}")
    s = _int_arg("shock_week", shock_week)
    if not 2 <= s <= len(ts):
        raise ValueError(f"shock_week: {s} is outside the run (weeks 2 .. {len(ts)})")
    numeric = [c for c in ts.columns if c != "week" and pd.api.types.is_numeric_dtype(ts[c])]
    pre = twin[numeric].iloc[max(0, s - 1 - baseline_weeks): s - 1].mean()
    out = ts.copy()
    out[numeric] = (ts[numeric].astype(float) - twin[numeric].astype(float)) + pre
    return out
