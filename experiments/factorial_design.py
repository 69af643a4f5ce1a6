"""The design of a factorial: its factors, its 2^k cells and the terms it estimates.

A factor is switched off or on in every combination with the others. It is either
a level of intervention (micro, meso, macro: the interventions of the all_levels
preset whose class declares that level, sim/interventions `level`) or one
intervention of that preset (casework, teams, ..., governance). The default design
is the three levels, micro x meso x macro; `villageaid factorial --factors` names
any 2 to 4 factors, which may not overlap (a level and an intervention inside it,
or a name twice), since a cell would then switch one intervention both off and on.

Cells are listed in standard (Yates) order, the first factor changing fastest, and
named by the factors switched on ('micro+meso'; 'none' with none on). The terms are
the main effects, then every interaction, two-way first, up to the k-way one, each
named by its factors in the design's order ('micro:meso'). A term's sign in a cell
is the product of its factors' codes, -1 off and +1 on.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..problems import Problem, ProblemError
from ..sim.interventions import INTERVENTIONS

LEVELS = ("micro", "meso", "macro")
PRESET = "all_levels"  # the interventions' settings, the village and the shocks
NONE = "none"  # the cell with no intervention
FEWEST, MOST = 2, 4  # factors: 2^2 to 2^4 cells
OPTION = "--factors"


def preset_kinds(preset: str = PRESET) -> tuple[str, ...]:
    """The preset's interventions, in the preset's order."""
    from ..scenarios.loader import load_preset

    return tuple(kind for kind, _ in load_preset(preset).interventions)


def members(factor: str, preset: str = PRESET) -> tuple[str, ...]:
    """The interventions a factor switches: a level's, or the intervention itself."""
    if factor in LEVELS:
        return tuple(k for k in preset_kinds(preset) if INTERVENTIONS[k].level == factor)
    return (factor,)


@dataclass(frozen=True)
class Design:
    """A 2^k full factorial of `factors` (level or intervention names, in order)."""

    factors: tuple[str, ...] = LEVELS

    def __post_init__(self):
        object.__setattr__(self, "factors", tuple(self.factors))

    @property
    def k(self) -> int:
        return len(self.factors)

    @property
    def is_levels(self) -> bool:
        """The default design, micro x meso x macro."""
        return self.factors == LEVELS

    @property
    def size(self) -> str:
        """'2x2x2'."""
        return "x".join("2" * self.k)

    @property
    def label(self) -> str:
        """'micro x meso x macro'."""
        return " x ".join(self.factors)

    @cached_property
    def cells(self) -> tuple[tuple[int, ...], ...]:
        """Every combination of 0 (off) and 1 (on), the first factor fastest."""
        return tuple(code[::-1] for code in itertools.product((0, 1), repeat=self.k))

    @cached_property
    def cell_names(self) -> tuple[str, ...]:
        return tuple(self.cell_name(c) for c in self.cells)

    @cached_property
    def terms(self) -> tuple[str, ...]:
        """Main effects, then interactions by order, up to the k-way one."""
        return tuple(":".join(c) for r in range(1, self.k + 1)
                     for c in itertools.combinations(self.factors, r))

    @cached_property
    def interactions(self) -> tuple[str, ...]:
        return tuple(t for t in self.terms if ":" in t)

    @property
    def all_on(self) -> str:
        """The name of the cell with every factor on."""
        return self.cell_names[-1]

    def cell_name(self, code) -> str:
        """'micro+meso' for (1, 1, 0); 'none' for (0, 0, 0)."""
        return "+".join(f for f, on in zip(self.factors, code) if on) or NONE

    def sign(self, term: str, code) -> int:
        """The term's sign in a cell: the product of its factors' codes (-1 off, +1 on)."""
        s = 1
        for factor in term.split(":"):
            s *= 1 if code[self.factors.index(factor)] else -1
        return s

    def contrast(self, term: str, values) -> float:
        """The effect of `term` in one replicate: mean of its + cells minus mean of its -
        cells. `values` maps each cell's code (or holds the values in cell order)."""
        get = (values.__getitem__ if isinstance(values, dict)
               else dict(zip(self.cells, values)).get)
        plus = [get(c) for c in self.cells if self.sign(term, c) > 0]
        minus = [get(c) for c in self.cells if self.sign(term, c) < 0]
        return float(np.mean(plus) - np.mean(minus))

    def kinds_on(self, code, preset: str = PRESET) -> set[str]:
        """The interventions a cell switches on."""
        return {k for f, on in zip(self.factors, code) if on for k in members(f, preset)}


DEFAULT = Design(LEVELS)


def known_factors(preset: str = PRESET) -> tuple[str, ...]:
    return LEVELS + preset_kinds(preset)


def parse_factors(text: str | None, preset: str = PRESET) -> Design:
    """The design `--factors a,b,c` names (DEFAULT for None); ProblemError naming the
    option, the value and the known names when a name is unknown, the count is not
    2 to 4, or two factors overlap."""
    if text is None:
        return DEFAULT
    names = tuple(n.strip() for n in text.split(","))
    known = known_factors(preset)
    facts = {"known": ", ".join(known)}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ProblemError([Problem("factorial_unknown_factor", OPTION, n, facts=facts,
                                    shown=repr(n)) for n in unknown])
    if not FEWEST <= len(names) <= MOST:
        raise ProblemError([Problem("factorial_factor_count", OPTION, text, facts={
            **facts, "n": len(names), "fewest": FEWEST, "most": MOST}, shown=repr(text))])
    for a, b in itertools.combinations(names, 2):
        shared = set(members(a, preset)) & set(members(b, preset))
        if shared:
            raise ProblemError([Problem("factorial_overlapping_factors", OPTION, text, facts={
                **facts, "first": a, "second": b, "shared": ", ".join(sorted(shared))},
                shown=repr(text))])
    return Design(names)


def design_of_runs(runs) -> Design:
    """The design of cells.csv rows: its factor columns sit between 'cell' and 'replicate'."""
    columns = list(runs.columns)
    if "cell" in columns and "replicate" in columns:
        factors = tuple(columns[columns.index("cell") + 1:columns.index("replicate")])
        if factors:
            return Design(factors)
    return DEFAULT
