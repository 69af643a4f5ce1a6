"""Means and 95% intervals over replicates: single, paired and unpaired (Welch)."""

from __future__ import annotations

import math

import numpy as np

# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
         2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
         2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def t975(df: float) -> float:
    """The 97.5% quantile of Student's t (normal beyond 30 degrees of freedom)."""
    if df < 1:
        return math.nan
    if df <= 30:
        return _T975[int(math.floor(df)) - 1]
    return 1.96 + 2.4 / df  # close to the exact value (error < 0.002 for df > 30)


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
