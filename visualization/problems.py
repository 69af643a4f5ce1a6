"""Validation messages in the dashboard's language.

Every refusal is a villageaid.problems.Problem (a code, where, the value and
the facts of the message); the dashboard renders it from the catalogue of the
user's language, keeping keys, values and numbers as they are (they are what
the user typed or must type) and translating units with the dashboard's unit
table.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..problems import Problem, ProblemError, catalog, render
from .i18n import UNIT_ZH


def _glossary(lang: str) -> dict[str, str]:
    return UNIT_ZH if lang == "zh" else {}


def problem(item: Problem, lang: str) -> str:
    """One problem, worded in `lang`."""
    return render(item, lang, _glossary(lang))


def problems(items: Iterable[Problem], lang: str) -> str:
    """Several problems on one line, each worded in `lang`."""
    return catalog(lang).join.join(problem(p, lang) for p in items)


def error_lines(error: ProblemError, lang: str) -> list[str]:
    """An error's problems, one line each with its source in front, worded in `lang`."""
    return error.lines(lang, _glossary(lang))


def error_text(error: BaseException, lang: str) -> str:
    """Any error on one line: one that carries problems (ProblemError, WorkersLost)
    worded in `lang`, any other as its own message."""
    if isinstance(getattr(error, "problems", None), list) and hasattr(error, "lines"):
        return catalog(lang).join.join(error.lines(lang, _glossary(lang)))
    return str(error)
