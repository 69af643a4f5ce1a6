"""A village as read from a file: its tables as written, and the validated Roster.

`Table` holds one table (residents, ties or spaces) as cells of text, with the
row numbers a spreadsheet shows; `Roster` is the validated village the model is
built from (sim.village.build_village_from_roster).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import numpy as np

from .columns import RESIDENTS, RULES


@dataclass
class Table:
    """One table as read: normalised header names and rows of cell texts."""

    name: str  # residents, ties or spaces
    label: str  # how messages name it: "path/residents.csv" or "book.xlsx, sheet residents"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number, cells)
    notes: list[str] = field(default_factory=list)  # columns ignored, privacy hints

    def note(self, text: str) -> None:
        self.notes.append(f"{self.label}: {text}")


@dataclass
class Roster:
    """A validated village: residents in file order, ties, spaces.

    `values[c]` holds column c parsed (float, int, bool or str arrays, one
    entry per resident in file order) and `given[c]` which cells were filled
    in; blank cells hold a placeholder that the builder replaces.

    Every row is a member of the model's population, those who live away
    (lives_away) too; `size` counts the residents who live in the village, the
    model's `residents`, and `listed` every row.
    """

    source: str
    ids: list[str]
    age: np.ndarray
    values: dict[str, np.ndarray]
    given: dict[str, np.ndarray]
    tie_a: np.ndarray | None = None  # file-order resident indices; None: no ties file
    tie_b: np.ndarray | None = None
    tie_kind: np.ndarray | None = None  # the model's kinds (sim.ties)
    tie_strength: np.ndarray | None = None  # nan where blank
    spaces: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def listed(self) -> int:
        """Rows in the file: residents and villagers living away."""
        return len(self.ids)

    @property
    def away(self) -> np.ndarray:
        """Who lives away (lives_away yes), in file order; blank is no."""
        if "lives_away" not in self.values:
            return np.zeros(self.listed, bool)
        return self.values["lives_away"] & self.given["lives_away"]

    @property
    def size(self) -> int:
        """Residents living in the village (the model's `residents`)."""
        return self.listed - self.living_away

    @property
    def living_away(self) -> int:
        return int(self.away.sum())

    @property
    def elders(self) -> int:
        return int(((self.age >= RULES.elder_age) & ~self.away).sum())

    @property
    def has_ties(self) -> bool:
        return self.tie_a is not None

    @property
    def centre_space(self) -> tuple[str, int] | None:
        """The largest space (first listed among equals): where an activity centre opens."""
        if not self.spaces:
            return None
        return max(self.spaces, key=lambda s: s[1])

    def model_order(self) -> np.ndarray:
        """File rows in the model's order: oldest first, file order among residents of
        one age (model resident i is file row model_order()[i]). Everyone ages alike, so
        the elders stay the first residents as some turn 60."""
        return np.argsort(-self.age, kind="stable")

    def filled(self) -> dict[str, int]:
        """Blank cells the model fills with its default draws, per column (a column left
        out is blank everywhere). Columns read for elders only count elders; hours count
        residents who are or may be willing to help."""
        elder = self.age >= RULES.elder_age
        unwilling = self.given["willing_to_help"] & ~self.values["willing_to_help"]
        counts = {}
        for c in RESIDENTS:
            if c.required or not c.drawn:
                continue
            blank = ~self.given[c.name]
            if c.elders_only:
                blank &= elder
            if c.name == "hours_available":
                blank &= ~unwilling
            if blank.any():
                counts[c.name] = int(blank.sum())
        return counts

    def households(self) -> int:
        """Households with someone living in the village."""
        here = ~self.away
        given = self.given["household"] & here
        return len(set(self.values["household"][given])) + int((here & ~given).sum())

    def describe(self) -> list[str]:
        """What the file holds and what the model fills, for the CLI and summary.json."""
        ties = (f"{len(self.tie_a)} listed" if self.has_ties
                else "no ties file, so kin, neighbour and friend ties are drawn")
        space = self.centre_space
        spaces = (f"{len(self.spaces)} (an activity centre would host {space[1]} a week in "
                  f"{space[0]})" if space else "none listed")
        away = (f", and {self.living_away} working-age villagers living away who may come "
                "home" if self.living_away else "")
        lines = [f"Village {self.source}: {self.size} residents ({self.elders} elders) in "
                 f"{self.households()} households{away}",
                 f"  ties: {ties}; spaces: {spaces}"]
        filled = self.filled()
        advanced = {c.name for c in RESIDENTS if c.advanced}
        absent = [c for c in filled if c in advanced and not self.given[c].any()]
        items = ", ".join(f"{c} {k}" for c, k in filled.items() if c not in absent)
        lines.append("  filled from the model's defaults (blank cells): "
                     + (items or "none"))
        if absent:
            lines.append("  drawn by the model (advanced columns not in the file): "
                         + ", ".join(absent))
        return [textwrap.fill(line, 88, subsequent_indent="    ") for line in lines]

    def report(self) -> dict:
        space = self.centre_space
        return {"source": self.source, "residents": self.size, "elders": self.elders,
                "households": self.households(), "living_away": self.living_away,
                "ties": int(len(self.tie_a)) if self.has_ties else None,
                "spaces": [{"name": n, "capacity": c} for n, c in self.spaces],
                "centre_capacity": space[1] if space else None,
                "filled": self.filled()}
