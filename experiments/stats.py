"""Means and 95% intervals over replicates: single, paired and unpaired (Welch), and
how far pairing could narrow a difference at most."""

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


def _clean(values) -> np.ndarray:
    x = np.asarray([v for v in values if v is not None], float)
    return x[~np.isnan(x)]


def mean_interval(values) -> dict:
    """Mean and 95% t-interval of the values (None and NaN left out)."""
    x = _clean(values)
    n = len(x)
    if n == 0:
        return {"mean": math.nan, "low": math.nan, "high": math.nan, "n": 0}
    mean = float(x.mean())
    if n == 1:
        return {"mean": mean, "low": math.nan, "high": math.nan, "n": 1}
    half = t975(n - 1) * float(x.std(ddof=1)) / math.sqrt(n)
    return {"mean": mean, "low": mean - half, "high": mean + half, "n": n}


def paired_difference(a, b) -> dict:
    """b - a, replicate by replicate (common random numbers), with its 95% interval."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    keep = ~(np.isnan(a) | np.isnan(b))
    return mean_interval(b[keep] - a[keep])


def unpaired_difference(a, b) -> dict:
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
    half = t975(df) * se
    return {"mean": diff, "low": diff - half, "high": diff + half, "n": min(len(a), len(b))}


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
