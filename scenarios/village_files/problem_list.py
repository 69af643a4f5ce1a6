"""The problems found in a village file, listed in file order and kept to a screen.

Each is a villageaid.problems.Problem naming the file (or sheet), the row and
the column; problems of one kind beyond a few are counted rather than listed.
"""

from __future__ import annotations

from ...problems import NO_VALUE, Phrase, Problem
from ...sim.roster.columns import TABLES
from ...sim.roster.roster import Table

# ----------------------------------------------------------------- problems
# A report longer than a screen hides its first lines, which usually name the
# cause (one broken row can make thousands of ties name unknown ids): problems of
# one kind are shown a few at a time, then counted.
MAX_PER_KIND = 5
MAX_LINES = 20


class ProblemList:
    def __init__(self):
        # (sort key, kind, problem): kind groups problems for the count of those not shown
        self.items: list[tuple[tuple, tuple[str, Phrase], Problem]] = []

    def add(self, table: Table | str, code: str, value=NO_VALUE, row: int | None = None,
            column: str | None = None, order: tuple = (), kind: Phrase | None = None,
            shown: str | None = None, **facts) -> None:
        """One problem; `kind` names what problems like it are ("ties that name
        unknown ids") for the line that counts those not shown (default: the
        problems in the same column)."""
        label = table.label if isinstance(table, Table) else table
        if row is not None:
            facts["row"] = row
        if column is not None:
            facts["column"] = column
        if value is not NO_VALUE and shown is None:
            shown = show(value)
        name = table.name if isinstance(table, Table) else next(
            (n for n in TABLES if label.lower().endswith((f"{n}.csv", f"sheet {n}"))), None)
        rank = list(TABLES).index(name) if name else -1  # whole-file problems first
        if kind is None:
            kind = (Phrase("kind_column", column=column) if column is not None
                    else Phrase("kind_problems"))
        self.items.append(((rank, row or 0, *order), (label, kind),
                           Problem(code, label, value, facts, shown=shown)))

    def lines(self) -> list[Problem]:
        shown: list[tuple[tuple, int, Problem]] = []  # (sort key, problems it stands for, ...)
        seen: dict[tuple[str, Phrase], int] = {}
        last: dict[tuple[str, Phrase], tuple] = {}
        for key, kind, line in sorted(self.items, key=lambda item: item[0]):
            seen[kind] = seen.get(kind, 0) + 1
            last[kind] = key
            if seen[kind] <= MAX_PER_KIND:
                shown.append((key, 1, line))
        for (label, kind), n in seen.items():
            if n > MAX_PER_KIND:
                more = n - MAX_PER_KIND
                shown.append((last[(label, kind)], more,
                              Problem("more_of_kind", label, facts={"count": more, "kind": kind})))
        shown.sort(key=lambda item: item[0])
        if len(shown) > MAX_LINES:
            rest = sum(n for _, n, _ in shown[MAX_LINES - 1:])
            shown = shown[:MAX_LINES - 1] + [((), rest, Problem("more_problems",
                                                                facts={"count": rest}))]
        return [line for _, _, line in shown]

    def __bool__(self) -> bool:
        return bool(self.items)


def show(text: str) -> str:
    """A cell as written: numbers bare, text quoted, long text cut."""
    try:
        float(text)
        return text
    except ValueError:
        return repr(text if len(text) <= 40 else text[:37] + "...")
