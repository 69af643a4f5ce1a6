"""Means and 95% intervals over replicates that stay inside what is possible: single,
paired and unpaired (Welch), how many replicates would resolve a difference, and how
far pairing could narrow a difference at most.

Where the intervals come from. Every figure is averaged over replicates, so its
interval starts from the mean m and its standard error se = sd / sqrt(n) with
Student's t on n - 1 degrees of freedom, as a plain t-interval would. A plain
t-interval, m +- t se, can leave the range of the figure: with three replicates a
share near its ceiling gets [0.947, 1.002]. The interval is therefore built on a
scale on which the figure is unbounded and carried back (the delta method):

    bounded on both sides (a share in [0, 1], a difference of shares in [-1, 1]):
        the logit of the figure's position in its range; the interval is
        lo + (hi - lo) expit(logit(p) +- t se / ((hi - lo) p (1 - p))),
        p = (m - lo) / (hi - lo). For a difference in [-1, 1] this is Fisher's
        z-transform (atanh).
    bounded below only (counts, costs, weeks >= 0):
        the log of the figure above its floor: lo + (m - lo) exp(+- t se / (m - lo)).
    unbounded (a difference of counts or costs): the plain t-interval.

Near the middle of the range these agree with the t-interval; near a bound they
become asymmetric and never cross it. A mean that sits on a bound (every replicate
at 0) gets the degenerate interval [m, m], as the t-interval would: the replicates
show no spread to build an interval from. A share of replicates (recovered or not)
is a binomial proportion and gets Wilson's score interval.
"""

from __future__ import annotations

import math

import numpy as np

# t(0.975, df) for df = 1 .. 29 (n = 2 .. 30 replicates).
_T975 = (
    12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
    2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
    2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452,
)
_Z975 = 1.959963984540054
_Z80 = 0.8416212335729143  # one-sided 80% quantile of the normal: 80% power

UNBOUNDED = (-math.inf, math.inf)
SHARE = (0.0, 1.0)
AMOUNT = (0.0, math.inf)


def t975(df: float) -> float:
    """The 97.5% quantile of Student's t: a table to 29 degrees of freedom, then a
    Cornish-Fisher expansion around the normal quantile (within 1e-4, and 1.96 in
    the limit). Welch's fractional degrees of freedom are rounded down."""
    if df < 1:
        return math.nan
    if df <= len(_T975):
        return _T975[int(math.floor(df)) - 1]
    z = _Z975
    return (z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3))


def difference_bounds(bounds: tuple[float, float]) -> tuple[float, float]:
    """The range of b - a when a and b both lie in `bounds`."""
    lo, hi = bounds
    return (lo - hi, hi - lo)


def bounded_interval(mean, half_width_scale, bounds=UNBOUNDED):
    """low, high of the interval around `mean` whose t-interval half-width would be
    `half_width_scale` (t x se), built on the scale that keeps it inside `bounds`
    (module docstring). Works element-wise on arrays."""
    m = np.asarray(mean, float)
    h = np.asarray(half_width_scale, float)
    lo, hi = bounds
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if math.isfinite(lo) and math.isfinite(hi):
            span = hi - lo
            p = np.clip((m - lo) / span, 0.0, 1.0)
            inside = (p > 0) & (p < 1)
            g = np.log(p) - np.log1p(-p)
            k = h / (span * p * (1 - p))
            low = np.where(inside, lo + span * _expit(g - k), m)
            high = np.where(inside, lo + span * _expit(g + k), m)
        elif math.isfinite(lo):
            above = m - lo
            inside = above > 0
            k = h / above
            low = np.where(inside, lo + above * np.exp(-k), m)
            high = np.where(inside, lo + above * np.exp(k), m)
        else:
            low, high = m - h, m + h
    low = np.where(np.isnan(h), np.nan, low)
    high = np.where(np.isnan(h), np.nan, high)
    return (float(low), float(high)) if low.ndim == 0 else (low, high)


def _expit(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # 1 / (1 + exp(-x)) without overflow


def _clean(values) -> np.ndarray:
    x = np.asarray([v for v in values if v is not None], float)
    return x[~np.isnan(x)]


def mean_interval(values, bounds: tuple[float, float] = UNBOUNDED) -> dict:
    """Mean and 95% interval of the values (None and NaN left out), inside `bounds`."""
    x = _clean(values)
    n = len(x)
    if n == 0:
        return {"mean": math.nan, "low": math.nan, "high": math.nan, "n": 0}
    mean = float(x.mean())
    if n == 1:
        return {"mean": mean, "low": math.nan, "high": math.nan, "n": 1}
    half = t975(n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    low, high = bounded_interval(mean, half, bounds)
    return {"mean": mean, "low": low, "high": high, "n": n}


def proportion_interval(values) -> dict:
    """Share of replicates where a yes/no figure is 1, with Wilson's 95% score interval."""
    x = _clean(values)
    n = len(x)
    if n == 0:
        return {"mean": math.nan, "low": math.nan, "high": math.nan, "n": 0}
    p = float(x.mean())
    z2 = _Z975 ** 2
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = _Z975 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return {"mean": p, "low": max(0.0, centre - half), "high": min(1.0, centre + half), "n": n}


def paired_difference(a, b, bounds: tuple[float, float] = UNBOUNDED) -> dict:
    """b - a, replicate by replicate (common random numbers), with its 95% interval.

    `bounds` are the figure's own (a share: (0, 1)); the difference's interval stays
    inside the range of differences, (-1, 1) for a share. Also says whether the
    interval resolves the sign (`resolved`: it leaves out 0) and, from the observed
    paired spread, about how many replicates would resolve a difference this large
    with 80% power (`replicates_needed`).
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = ~(np.isnan(a) | np.isnan(b))
    d = b[keep] - a[keep]
    out = mean_interval(d, difference_bounds(bounds))
    out["resolved"] = bool(out["low"] > 0 or out["high"] < 0)
    out["replicates_needed"] = replicates_needed(d)
    return out


def replicates_needed(differences) -> float:
    """About how many paired replicates a two-sided 95% test needs to tell this mean
    difference from 0 with 80% power, if the replicates' spread is as observed:
    the smallest n with (t(0.975, n-1) + z(0.8)) sd / sqrt(n) <= |mean|. Infinite
    when the mean difference is 0; NaN with fewer than two replicates or no spread."""
    d = _clean(differences)
    if len(d) < 2:
        return math.nan
    mean, sd = abs(float(d.mean())), float(d.std(ddof=1))
    if sd == 0:
        return math.nan if mean == 0 else 2.0
    if mean == 0:
        return math.inf
    n = max(2, math.ceil(((_Z975 + _Z80) * sd / mean) ** 2))
    while (t975(n - 1) + _Z80) * sd / math.sqrt(n) > mean:
        n += 1
    return float(n)


def unpaired_difference(a, b, bounds: tuple[float, float] = UNBOUNDED) -> dict:
    """b - a as if the replicates were independent (Welch interval), for comparison."""
    a, b = _clean(a), _clean(b)
    if len(a) < 2 or len(b) < 2:
        return {"mean": math.nan, "low": math.nan, "high": math.nan, "n": min(len(a), len(b))}
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        df = len(a) + len(b) - 2
    else:
        df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    diff = float(b.mean() - a.mean())
    low, high = bounded_interval(diff, t975(df) * se, difference_bounds(bounds))
    return {"mean": diff, "low": low, "high": high, "n": min(len(a), len(b))}
def pairing_limit(a, b) -> dict:
    """How well the replicates of b pair with those of a, and the most pairing could give.

    `correlation` is the correlation of a_i and b_i over the seeds where both are
    defined. `bound` is the largest unpaired / paired width ratio that *any* pairing
    of these two samples could reach: whatever the coupling, the spread of b_i - a_i
    is at least |sd(a) - sd(b)| (it equals sqrt(var_a + var_b - 2 cov) and
    cov <= sd(a) sd(b)). An intervention that pins a metric near its ceiling in
    every replicate (sd(b) much smaller than sd(a)) therefore caps the gain of
    common random numbers however well they are aligned: with sd(b) = sd(a) / 3
    no pairing can narrow the interval more than about 1.6 times. `bound` is
    infinite when the spreads are equal and NaN with fewer than two seeds.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = ~(np.isnan(a) | np.isnan(b))
    a, b = a[keep], b[keep]
    n = len(a)
    if n < 2:
        return {"correlation": math.nan, "bound": math.nan}
    sa, sb = float(a.std(ddof=1)), float(b.std(ddof=1))
    correlation = float(np.corrcoef(a, b)[0, 1]) if sa > 0 and sb > 0 else math.nan
    unpaired = unpaired_difference(a, b)
    unpaired_width = unpaired["high"] - unpaired["low"]
    narrowest_paired = 2 * t975(n - 1) * abs(sa - sb) / math.sqrt(n)
    if narrowest_paired == 0:
        bound = math.inf if unpaired_width > 0 else math.nan
    else:
        bound = unpaired_width / narrowest_paired
    return {"correlation": correlation, "bound": bound}
