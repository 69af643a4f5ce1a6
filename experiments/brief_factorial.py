"""The facts a policy brief is written from, read back from a `villageaid factorial` folder.

A factorial folder is recognised by factorial.json. The brief re-reads the runs
(cells.csv) and analyses them with the factorial's own analysis, so what it says is
what `villageaid factorial` printed; factorial.json gives the design and the command
that reproduces it. A study stopped before every run ("complete": false) is refused:
effects from an unbalanced design would mislead.

Beyond the factorial's effects, the brief answers the policymaker's form of the
theory's question, "does any single level suffice?": the cell with every level on
against the best single-level cell on each headline metric, paired by replicate
(common random numbers), 'cannot tell' when the paired interval includes 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..problems import Problem, ProblemError
from ..sim.outcomes import METRICS
from .factorial import FACTORS, Factorial, analyse
from .stats import paired_difference

MARKER = "factorial.json"
ALL = "+".join(FACTORS)  # the default design's cell with every level on
SINGLE = FACTORS  # ... and its cells with one level on (a result's own: its design)
HEADLINE = ("coverage", "participation", "withdrawn_final", "burnout")


def is_factorial(folder: Path) -> bool:
    return Path(folder).is_dir() and (Path(folder) / MARKER).is_file()


@dataclass
class FactorialFacts:
    folder: Path
    result: Factorial
    meta: dict
    figure: Path | None

    @property
    def rerun(self) -> str:
        return self.meta.get("rerun", "")


def gather_factorial(folder: Path) -> FactorialFacts:
    """The factorial's design and analysis from its folder; ProblemError when the
    folder is unreadable or the study did not finish."""
    folder = Path(folder)
    shown = repr(str(folder))
    try:
        meta = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        runs = pd.read_csv(folder / "cells.csv")
    except (ValueError, OSError) as err:
        raise ProblemError([Problem("brief_bad_factorial", "DIR", str(folder), facts={
            "reason": f"{type(err).__name__}: {err}"}, shown=shown)]) from None
    if not isinstance(meta, dict) or not meta.get("complete", False):
        raise ProblemError([Problem("brief_factorial_incomplete", "DIR", str(folder), facts={
            "rerun": meta.get("rerun", "villageaid factorial ...") if isinstance(meta, dict)
            else "villageaid factorial ..."}, shown=shown)])
    figure = folder / "factorial.png"
    return FactorialFacts(folder, analyse(runs, meta), meta,
                          figure if figure.is_file() else None)


def best_single(result: Factorial, metric: str) -> str:
    """The single-factor cell with the best mean on `metric` (its better direction)."""
    means = result.means[(result.means.metric == metric)
                         & result.means.cell.isin(result.design.factors)]
    better = METRICS[metric].better
    best = means.sort_values("mean", ascending=not better).iloc[0]
    return str(best["cell"])


def all_versus_single(result: Factorial, metric: str) -> dict:
    """All factors on against the best single factor on `metric`, paired by replicate:
    all minus single, its 95% interval, and whether all levels are better, worse or
    'cannot tell'."""
    single = best_single(result, metric)
    wide = result.runs.pivot(index="replicate", columns="cell", values=metric)
    d = paired_difference(wide[single].to_numpy(float),
                          wide[result.design.all_on].to_numpy(float),
                          METRICS[metric].bounds)
    good = (d["mean"] > 0) == bool(METRICS[metric].better)
    verdict = ("better" if good else "worse") if d["resolved"] else "cannot tell"
    return {"metric": metric, "single": single, "difference": d["mean"], "low": d["low"],
            "high": d["high"], "n": d["n"], "verdict": verdict}
