"""Scenario discovery: in which futures does the recommended option fail?

PRIM (the Patient Rule Induction Method, Friedman and Fisher 1999), as EMA
Workbench implements it, peels the space of futures down to a box where failures
concentrate. A box is judged by its coverage (the share of all failures that lie
inside it) and its density (the share of futures inside it that fail). Of the
boxes on PRIM's peeling trajectory this keeps the densest one that still covers
at least MIN_COVERAGE of the failures and restricts at most MAX_DIMENSIONS
uncertainties (fewer on a tie); of its restrictions it reports those whose
quasi-p-value (EMA Workbench's test that the restriction is not chance, Bryant
and Lempert 2010) is below 0.05, and says them in words: "fails when the cut in the committee's income is above 31% and
the cold wave's severity is above 0.42".

With a few dozen futures a box is a lead, not a finding: the report gives the
number of futures and failures, and says nothing when failures are too few to
describe (fewer than MIN_FAILURES) or are everywhere.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

MIN_COVERAGE = 0.5
MIN_FAILURES = 3
MAX_DIMENSIONS = 3  # a box a reader can hold in mind
SIGNIFICANCE = 0.05  # a restriction is reported when its quasi-p-value is below this


def discover(x: pd.DataFrame, fails: np.ndarray, dims) -> dict:
    """The PRIM box of `fails` over the futures `x` (one column per uncertainty)."""
    fails = np.asarray(fails, bool)
    n, k = len(fails), int(fails.sum())
    base = {"futures": n, "failures": k, "box": [], "coverage": None, "density": None,
            "share_failing": k / n if n else None}
    if k < MIN_FAILURES:
        return {**base, "verdict": "too_few_failures"}
    if k == n:
        return {**base, "verdict": "fails_everywhere"}
    found = _prim_box(x.reset_index(drop=True).astype(float), fails)
    if found is None:
        return {**base, "verdict": "no_box"}
    limits, qp, coverage, density = found
    words = {d.name: d for d in dims}
    restricted = []
    for name, (low, high) in limits.items():
        for direction, value, p in (("above", low, qp[name][0]), ("below", high, qp[name][1])):
            if p is None or p >= SIGNIFICANCE:
                continue
            d = words.get(name)
            restricted.append({"name": name, "direction": direction, "value": value,
                               "qp_value": p, "words": d.words if d else name,
                               "unit": d.unit if d else ""})
    if not restricted:
        return {**base, "verdict": "no_box"}
    return {**base, "verdict": "box", "box": restricted, "coverage": coverage,
            "density": density}


def _prim_box(x: pd.DataFrame, fails: np.ndarray):
    """The chosen box: ({dimension: (low, high)}, {dimension: (qp of the low bound, qp
    of the high bound)}, coverage, density) over the restricted dimensions, or None.
    The densest box on the peeling trajectory that covers MIN_COVERAGE of the
    failures with at most MAX_DIMENSIONS restricted (fewer on a tie)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # EMA Workbench's notes on optional extras
        from ema_workbench.analysis import prim

        box = prim.Prim(x, fails).find_box()
    trajectory = box.peeling_trajectory
    usable = trajectory[(trajectory["coverage"] >= MIN_COVERAGE)
                        & (trajectory["res_dim"] >= 1)
                        & (trajectory["res_dim"] <= MAX_DIMENSIONS)]
    if usable.empty:
        return None
    best = usable.sort_values(["density", "res_dim", "coverage"],
                              ascending=[False, True, False]).iloc[0]
    i = int(best["id"])
    lims, initial = box.box_lims[i], box.box_lims[0]
    # EMA's quasi-p-values per restricted side; -1 marks a side left unrestricted
    qp = {name: tuple(None if v < 0 else float(v) for v in sides)
          for name, sides in box.p_values[i].items()}
    limits = {name: (float(lims[name].iloc[0]), float(lims[name].iloc[1])) for name in qp
              if not np.allclose(lims[name].to_numpy(float), initial[name].to_numpy(float))}
    return limits, {n: qp[n] for n in limits}, float(best["coverage"]), float(best["density"])


def box_sentence(result: dict, say_value=None) -> str:
    """The box in plain English: 'fails when A is above X and B is below Y'."""
    if result is None:
        return ""
    n, k = result["futures"], result["failures"]
    if k == 0:
        return f"It meets the criteria in all {n} futures tried."
    if result["verdict"] == "too_few_failures":
        return (f"It meets the criteria in {n - k} of {n} futures; {k} failure(s) are too "
                "few to say when it fails.")
    if result["verdict"] == "fails_everywhere":
        return f"It fails a criterion in all {n} futures tried."
    if result["verdict"] == "no_box":
        return (f"It fails a criterion in {k} of {n} futures; no region of the futures "
                "holds most of them beyond what chance would give with this many futures.")
    show = say_value or _value
    parts = [f"{b['words']} is {b['direction']} {show(b)}" for b in result["box"]]
    return (f"It fails a criterion in {k} of {n} futures, mostly when " + " and ".join(parts)
            + f" (this region holds {result['coverage']:.0%} of the failures; "
            f"{result['density']:.0%} of the futures in it fail).")


def _value(b: dict) -> str:
    return f"{b['value']:.0%}" if b["unit"] == "%" else f"{b['value']:.3g}"
