"""Turn pydantic's validation errors into problem records, in the CLI's own words.

pydantic describes an error by its location and type ("less_than_equal at
('interventions', 1, 'teams', 'team_size')"); a person editing a TOML file
needs the key path as they wrote it, the value they wrote and what is allowed
instead, in the same phrasing as `--set` errors on the command line:

    interventions[1].team_size: 900 is out of range; expected 0 to 500 (members per village)

`describe` maps pydantic's error type and context onto a Problem (its code and
facts); the message itself comes from the catalogues of villageaid.problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from pydantic_core import ErrorDetails

from ..problems import NO_VALUE, Phrase, Problem, show
from ..sim.params import PARAMETER_INDEX, Param
from .schema import DESCRIPTION_MAX, DISCRIMINATORS, TOP_LEVEL_KEYS, allowed_keys, param_at

# Beyond this many allowed names a message points to where they are listed instead.
MAX_LISTED = 12

TABLE_KINDS = {"village": "village_table", "interventions": "intervention_table",
               "shocks": "shock_table"}

__all__ = ["describe", "file_loc", "key_path", "show", "suggest"]


def file_loc(loc: tuple) -> tuple:
    """A pydantic location without the discriminator value it inserts in list entries:
    `("interventions", 1, "teams", "team_size")` -> `("interventions", 1, "team_size")`."""
    if len(loc) >= 3 and loc[0] in DISCRIMINATORS and isinstance(loc[1], int):
        return loc[:2] + loc[3:]
    return tuple(loc)


def key_path(loc: tuple) -> str:
    """`("interventions", 1, "teams", "team_size")` -> `interventions[1].team_size`."""
    path = ""
    for part in file_loc(loc):
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(file)"


def suggest(word: Any, choices: tuple[str, ...]) -> Phrase | str:
    """A "did you mean 'x'? " phrase for the closest choice, or "" when none is close."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return Phrase("did_you_mean", suggestion=repr(close[0])) if close else ""


def quoted_hint(value: Any) -> Phrase | str:
    """The hint for a number written in quotes ("2"), or ""."""
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return Phrase("no_quotes")
    return ""


def _unknown_key(loc: tuple, key: str) -> tuple[str, dict]:
    parent = loc[:-1]
    allowed = allowed_keys(parent)
    hint = suggest(key, allowed)
    if not hint and parent == () and key in PARAMETER_INDEX:
        hint = Phrase("params_under_village")
    elif not hint and parent != () and key in TOP_LEVEL_KEYS:
        hint = Phrase("top_level_first")
    if parent == ("village",):
        listed = Phrase("param_or_path")
    elif len(allowed) > MAX_LISTED:
        listed = Phrase("one_of_count", count=len(allowed))
    else:
        listed = Phrase("one_of", names=", ".join(sorted(allowed)))
    return "unknown_key", {"hint": hint, "listed": listed}


NUMBER_CODES = {"int_type": "not_whole_number", "float_type": "not_a_number",
                "finite_number": "not_finite", "greater_than_equal": "out_of_range",
                "less_than_equal": "out_of_range", "greater_than": "out_of_range",
                "less_than": "out_of_range"}


def _code_and_facts(error: ErrorDetails, param: Param | None) -> tuple[str, dict]:
    loc, kind, value = tuple(error["loc"]), error["type"], error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(loc, str(loc[-1]))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key, tags = DISCRIMINATORS[loc[0]]
        if kind == "union_tag_not_found":
            return "missing_one_of", {"names": ", ".join(tags)}
        tag = value.get(key) if isinstance(value, dict) else value
        return "not_allowed", {"hint": suggest(tag, tags), "names": ", ".join(tags)}
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "not_a_table", {"table": Phrase(TABLE_KINDS.get(loc[0] if loc else "",
                                                               "a_table"))}
    if kind == "list_type":
        return "not_a_list_of_tables", {"table": key_path(loc)}
    if kind in NUMBER_CODES and param is not None:
        quoted = quoted_hint(value) if kind in ("int_type", "float_type") else ""
        return NUMBER_CODES[kind], param.range_facts(quoted)
    if kind == "missing":
        return "missing_required", {}
    if kind == "string_type":
        return "not_text", {}
    if kind == "string_pattern_mismatch":
        return "bad_name", {"pattern": error.get("ctx", {}).get("pattern")}
    if kind == "string_too_long":
        return "too_long", {"length": len(value), "most": DESCRIPTION_MAX}
    return "invalid", {"detail": error["msg"], "type": kind}


def describe(error: ErrorDetails,
             param_of: Callable[[tuple], Param | None] = param_at) -> Problem:
    """The Problem for one pydantic error (an item of ValidationError.errors()).

    `param_of` finds the Param behind a location, for its range and unit.
    """
    loc, kind, value = tuple(error["loc"]), error["type"], error.get("input")
    code, facts = _code_and_facts(error, param_of(loc))
    where = key_path(loc)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key = DISCRIMINATORS[loc[0]][0]
        where = f"{where}.{key}"
        value = value.get(key) if isinstance(value, dict) else value
    if code in ("unknown_key", "missing_required", "missing_one_of"):
        value = NO_VALUE  # about a key, not a value
    return Problem(code, where, value, facts, loc=file_loc(loc))
