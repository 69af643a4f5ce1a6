"""The problem record and the error that carries a list of them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


class _NoValue:
    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()  # a problem about a key or a file rather than a value

# Control characters (a newline in a TOML key, in a file name) shown escaped, so
# that every problem stays on one line.
_CONTROL = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F)}


def one_line(text: str) -> str:
    """Escape control characters (a newline in a TOML key or a parser message)."""
    return str(text).translate(_CONTROL)


def plain_number(x: float | int) -> str:
    """A number as a person writes it: 0 and 100,000,000, not 0.0 and 100000000.0."""
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.10g}"


def show(value: Any) -> str:
    """A value as the user wrote it in TOML, short enough for one line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return repr(value)


@dataclass(frozen=True)
class Phrase:
    """A piece of a message with its own template (a hint, a list of names), so a
    message can include it or not and each language words it its own way."""

    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, **facts: Any):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "facts", facts)

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.facts.items()))))

    def render(self, lang: str = "en", glossary: Mapping[str, str] | None = None) -> str:
        """The phrase on its own, worded in `lang` (a reason kept beside a result)."""
        from .catalog import render_phrase
        return render_phrase(self, lang, glossary)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input.

    Attributes:
        code: the kind of problem, the key of its message template in each
            catalogue ("out_of_range", "unknown_key", ...).
        where: what the problem is in, as the user names it: a key path
            (`interventions[1].team_size`), an option (`--years`), a file.
        value: the value as given (NO_VALUE when the problem is not about one).
        facts: what the message says besides the value: a range (low, high,
            unit), allowed names, a row number; a fact may be a Phrase, or
            a Problem (or a tuple of them) that this one is made of.
        shown: the value as messages quote it (default: as written in TOML).
        loc: the location in the input's data, to list problems in file order.
    """

    code: str
    where: str = ""
    value: Any = NO_VALUE
    facts: Mapping[str, Any] = field(default_factory=dict)
    shown: str | None = None
    loc: tuple = ()

    @classmethod
    def text(cls, message: str, where: str = "") -> Problem:
        """A problem with a message of its own, not from a catalogue (shown as it is)."""
        return cls("text", where, facts={"text": message})

    @property
    def value_text(self) -> str:
        if self.shown is not None:
            return self.shown
        return "" if self.value is NO_VALUE else show(self.value)

    def within(self, prefix: str, sep: str = ".") -> Problem:
        """The same problem, located inside `prefix` (`teams` + `team_size`)."""
        where = f"{prefix}{sep}{self.where}" if self.where else prefix
        return dataclasses.replace(self, where=where)

    def with_(self, **changes: Any) -> Problem:
        """A copy with some fields changed; `facts` are merged."""
        if "facts" in changes:
            changes["facts"] = {**self.facts, **changes["facts"]}
        return dataclasses.replace(self, **changes)

    def render(self, lang: str = "en", glossary: Mapping[str, str] | None = None) -> str:
        from .catalog import render
        return render(self, lang, glossary)

    def __str__(self) -> str:
        return self.render()


class ProblemError(ValueError):
    """Input that cannot be used: every problem found in it, all at once.

    Attributes:
        problems: the Problem records, in the order they are reported.
        source: the file, preset or folder they were found in (None for
            values given directly).
        prefixed: whether each line starts with the source (`FILE: key: message`).

    `str()` is the English lines joined by newlines; `lines(lang)` renders them
    in another language.
    """

    def __init__(self, problems: Iterable[Problem | str], source: Any = None,
                 prefixed: bool = True):
        if isinstance(problems, str):  # a message of its own, one line per problem
            problems = problems.splitlines()
        self.problems = [p if isinstance(p, Problem) else Problem.text(p) for p in problems]
        self.source = None if source is None else one_line(str(source))
        self.prefixed = prefixed and source is not None
        super().__init__("\n".join(self.lines()))

    def lines(self, lang: str = "en", glossary: Mapping[str, str] | None = None) -> list[str]:
        """One line per problem, each prefixed with the source: `FILE: key: message`."""
        from .catalog import catalog
        head = f"{self.source}{catalog(lang).sep}" if self.prefixed else ""
        return [head + p.render(lang, glossary) for p in self.problems]

    def within(self, prefix: str, sep: str = ".") -> ProblemError:
        """The same error with every problem located inside `prefix`."""
        return ProblemError([p.within(prefix, sep) for p in self.problems],
                            self.source, self.prefixed)

    def __reduce__(self):  # errors cross process boundaries (workers, Dask)
        return (ProblemError, (self.problems, self.source, self.prefixed))
