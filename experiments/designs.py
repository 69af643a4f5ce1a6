"""Design points of a sweep: a full grid, a Latin hypercube, a Sobol (Saltelli)
sample or Morris trajectories, the last three drawn with SALib from the spec's seed.

A design is a table of points, one value per varied parameter, in the order
the analysis expects (Saltelli's blocks for Sobol, whole trajectories for
Morris). The sampler's own values (`raw`) are kept beside the values applied:
a whole-number parameter is sampled on [low, high + 1) and floored, so every
whole number in its range is equally likely, and Morris's analysis needs the
unfloored steps to know which parameter each step moved.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .spec import SweepSpec, Varied


@dataclass(frozen=True)
class Design:
    kind: str
    names: tuple[str, ...]
    points: tuple[tuple, ...]              # values applied, per point
    raw: tuple[tuple[float, ...], ...] | None = None   # the sampler's values (sampled designs)
    problem: dict | None = None            # SALib's problem (names and bounds)

    def __len__(self) -> int:
        return len(self.points)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "names": list(self.names),
                "points": [list(p) for p in self.points],
                "raw": None if self.raw is None else [list(r) for r in self.raw],
                "problem": self.problem}

    @classmethod
    def from_dict(cls, data: dict) -> Design:
        return cls(kind=data["kind"], names=tuple(data["names"]),
                   points=tuple(tuple(p) for p in data["points"]),
                   raw=None if data["raw"] is None else tuple(tuple(r) for r in data["raw"]),
                   problem=data["problem"])


def salib_problem(parameters: tuple[Varied, ...]) -> dict:
    """SALib's problem: whole-number parameters span [low, high + 1) (floored later)."""
    return {
        "num_vars": len(parameters),
        "names": [p.name for p in parameters],
        "bounds": [[float(p.low), float(p.high + 1 if p.kind is int else p.high)]
                   for p in parameters],
    }


def _applied(raw: np.ndarray, parameters: tuple[Varied, ...]) -> tuple[tuple, ...]:
    columns = []
    for j, p in enumerate(parameters):
        x = raw[:, j]
        if p.kind is int:
            columns.append([min(int(np.floor(v)), p.high) for v in x])
        else:
            columns.append([min(max(float(v), float(p.low)), float(p.high)) for v in x])
    return tuple(zip(*columns)) if columns else ()


def make_design(spec: SweepSpec) -> Design:
    """The spec's design points; the same spec gives the same points, always."""
    names = tuple(spec.names)
    params = spec.parameters
    if spec.design == "grid":
        points = tuple(itertools.product(*(p.levels for p in params)))
        return Design("grid", names, points)
    problem = salib_problem(params)
    if spec.design == "lhs":
        from SALib.sample import latin

        raw = latin.sample(problem, spec.samples, seed=spec.seed)
    elif spec.design == "sobol":
        from SALib.sample import sobol

        raw = sobol.sample(problem, spec.samples, calc_second_order=False, seed=spec.seed)
    elif spec.design == "morris":
        from SALib.sample import morris

        raw = morris.sample(problem, spec.samples, num_levels=spec.morris_levels,
                            seed=spec.seed)
    else:  # pragma: no cover - the spec validates the name
        raise ValueError(f"unknown design {spec.design!r}")
    raw = np.asarray(raw, dtype=float)
    return Design(spec.design, names, _applied(raw, params),
                  tuple(tuple(float(v) for v in row) for row in raw), problem)
