"""Messages rendered from templates keyed by problem code, one catalogue per language.

A catalogue (messages/LANG.toml) has three tables:

    [format]    separators: after a location (": "), between problems ("; ")
    [messages]  code = template, for problems and for the phrases inside them;
                placeholders are facts of the problem, `{value}` the value as
                quoted, and `{x:n}` a number in plain words (100,000,000); a
                fact that is a Phrase, a Problem or a tuple of Problems is
                rendered in the same language
    [terms]     English words as facts carry them (a unit, "a table") and their
                translation (only in catalogues other than English)

A code missing from a catalogue falls back to English, so a new message shows
in English until it is translated; tests check that none is missing.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from collections.abc import Mapping
from typing import Any

from .record import Phrase, Problem, one_line, plain_number

CATALOG_LANGS = ("en", "zh")
FALLBACK = "en"


@dataclass(frozen=True)
class Catalog:
    lang: str
    messages: Mapping[str, str]
    terms: Mapping[str, str]
    sep: str  # after a location
    join: str  # between problems on one line
    part: str  # between the parts of a location (a file, its row, its column)


@cache
def catalog(lang: str) -> Catalog:
    """The catalogue of `lang` (an unknown language gets English)."""
    if lang not in CATALOG_LANGS:
        lang = FALLBACK
    text = resources.files(__package__).joinpath("messages", f"{lang}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    fmt = data.get("format", {})
    return Catalog(lang, data["messages"], data.get("terms", {}), fmt.get("sep", ": "),
                   fmt.get("join", "; "), fmt.get("part", ", "))


class _Formatter(string.Formatter):
    """str.format, plus the spec `n`: a number in plain words (0 to 100,000,000)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "n" and isinstance(value, (int, float)):
            return plain_number(value)
        if format_spec == "n":
            return str(value)
        return super().format_field(value, format_spec)


_FORMAT = _Formatter()


def _template(code: str, lang: str) -> str:
    own = catalog(lang).messages.get(code)
    return own if own is not None else catalog(FALLBACK).messages[code]


def _fact(value: Any, lang: str, terms: Mapping[str, str]) -> Any:
    if isinstance(value, Phrase):
        return _fill(value.code, value.facts, lang, terms)
    if isinstance(value, Problem):  # a problem inside another (why a design point fails)
        return _line(value, lang, terms)
    if isinstance(value, tuple) and value and all(isinstance(v, Problem) for v in value):
        return catalog(lang).join.join(_line(v, lang, terms) for v in value)
    if isinstance(value, str):
        return terms.get(value, value)
    return value


def _fill(code: str, facts: Mapping[str, Any], lang: str, terms: Mapping[str, str],
          value: str | None = None) -> str:
    values = {k: _fact(v, lang, terms) for k, v in facts.items()}
    if value is not None:
        values["value"] = terms.get(value, value)
    return _FORMAT.format(_template(code, lang), **values)


def _terms(lang: str, glossary: Mapping[str, str] | None) -> Mapping[str, str]:
    return {**catalog(lang).terms, **(glossary or {})} if lang != FALLBACK else {}


def _where(problem: Problem, lang: str, terms: Mapping[str, str]) -> str:
    parts = [problem.where] if problem.where else []
    for key in ("row", "column"):
        if key in problem.facts:
            parts.append(_fill(f"at_{key}", {key: problem.facts[key]}, lang, terms))
    return catalog(lang).part.join(parts)


def _line(problem: Problem, lang: str, terms: Mapping[str, str]) -> str:
    message = _fill(problem.code, problem.facts, lang, terms, problem.value_text)
    where = _where(problem, lang, terms)
    return one_line(f"{where}{catalog(lang).sep}{message}" if where else message)


def render(problem: Problem, lang: str = "en",
           glossary: Mapping[str, str] | None = None) -> str:
    """One problem as one line in `lang`: `WHERE: MESSAGE`.

    `glossary` adds translations of words the facts carry (units, say) to the
    catalogue's own terms; English needs none.
    """
    return _line(problem, lang, _terms(lang, glossary))


def render_phrase(phrase: Phrase, lang: str = "en",
                  glossary: Mapping[str, str] | None = None) -> str:
    """A phrase on its own, in `lang`."""
    return one_line(_fill(phrase.code, phrase.facts, lang, _terms(lang, glossary)))
