"""One model parameter: its name, unit, default, range and source, and the checks of
a value given for it (from a scenario file, a command line or a text field)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..problems import Phrase, Problem, ProblemError, plain_number


# A model parameter that is unknown, of the wrong type or out of range: the one
# error of every checker (villageaid.problems), under the name this module has used.
ParameterError = ProblemError


@dataclass(frozen=True)
class Param:
    name: str
    default: float | int
    unit: str
    low: float | int
    high: float | int
    source: str
    doc: str
    group: str

    @property
    def kind(self) -> type:
        return int if isinstance(self.default, int) else float

    @property
    def range_text(self) -> str:
        """The allowed values in plain words, as messages show them: "0 to 100,000,000
        (CNY/year)"."""
        return f"{plain_number(self.low)} to {plain_number(self.high)} ({self.unit})"

    def range_facts(self, quoted: Any = "") -> dict[str, Any]:
        """What a message about a value of this parameter says: its name and range."""
        return {"param": self.name, "low": self.low, "high": self.high, "unit": self.unit,
                "quoted": quoted}

    def problem(self, value: Any, strict: bool = False) -> Problem | None:
        """What is wrong with `value` for this parameter, or None (see convert)."""
        return self.convert(value, strict)[1]

    def convert(self, value: Any, strict: bool = False) -> tuple[Any, Problem | None]:
        """(value converted to this parameter's type, None) or (None, the problem).

        strict: only an int (an int or a float, for a float parameter) is taken, as
        in a scenario file; otherwise text and other numbers are converted, as from
        a command line or a text field. The problem's `where` is the parameter name.
        """
        code = "not_whole_number" if self.kind is int else "not_a_number"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if strict:
                quoted = Phrase("no_quotes") if _numeric_text(value) else ""
                return None, Problem(code, self.name, value, self.range_facts(quoted))
            try:
                value = self.kind(value)
            except (TypeError, ValueError, OverflowError):
                return None, Problem(code, self.name, value, self.range_facts(),
                                     shown=repr(value))
        if self.kind is int:
            if (not isinstance(value, int)) if strict else not float(value).is_integer():
                return None, Problem("not_whole_number", self.name, value, self.range_facts(),
                                     shown=None if strict else repr(value))
            value = int(value)
        else:
            if strict and not math.isfinite(value):
                return None, Problem("not_finite", self.name, value, self.range_facts())
            value = float(value)
        if not (self.low <= value <= self.high) or value != value:
            return None, Problem("out_of_range", self.name, value, self.range_facts(),
                                 shown=None if strict else plain_number(value))
        return value, None

    def check(self, value: Any) -> float | int:
        """Return `value` converted to this parameter's type, or raise ParameterError."""
        value, problem = self.convert(value)
        if problem is not None:
            raise ProblemError([problem])
        return value


def _numeric_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


def check_settings(owner: str, definitions: tuple[Param, ...], values: dict[str, Any]
                   ) -> dict[str, Any]:
    """Defaults overridden by `values`, each checked; problems are at 'owner.name'."""
    known = {p.name: p for p in definitions}
    checked = {p.name: p.default for p in definitions}
    problems = []
    for key, value in values.items():
        if key not in known:
            problems.append(Problem("unknown_setting", f"{owner}.{key}",
                                    facts={"names": ", ".join(sorted(known))}))
            continue
        checked[key], problem = known[key].convert(value)
        if problem is not None:
            problems.append(problem.within(owner))
    if problems:
        raise ProblemError(problems)
    return checked
