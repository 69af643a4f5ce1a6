"""Turn pydantic's validation errors into one line each, in the CLI's own words.

pydantic describes an error by its location and type ("less_than_equal at
('interventions', 1, 'teams', 'team_size')"); a person editing a TOML file
needs the key path as they wrote it, the value they wrote and what is allowed
instead, in the same phrasing as `--set` errors on the command line:

    interventions[1].team_size: 900 is out of range; expected 0 to 500 (members per village)
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from ..sim.params import PARAMETER_INDEX
from .schema import (DESCRIPTION_MAX, DISCRIMINATORS, NAME_RULE, TOP_LEVEL_KEYS,
                     allowed_keys, param_at)

# Beyond this many allowed names a message points to where they are listed instead.
MAX_LISTED = 12

TABLE_KINDS = {
    "village": "a [village] table of model parameters, or village = \"PATH\" (a village file)",
    "interventions": "an [[interventions]] table with a type",
    "shocks": "a [[shocks]] table with a kind",
}


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


def suggest(word: Any, choices: tuple[str, ...]) -> str:
    """"did you mean 'x'? " for the closest choice, or "" when none is close."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? " if close else ""


def _expected_range(loc: tuple) -> str:
    p = param_at(loc)
    return f"expected {p.range_text}" if p else "expected a number"


def _quoted_number(value: Any) -> str:
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return " (write numbers without quotes)"
    return ""


def _unknown_key(loc: tuple, key: str) -> str:
    parent = loc[:-1]
    allowed = allowed_keys(parent)
    hint = suggest(key, allowed)
    if not hint and parent == () and key in PARAMETER_INDEX:
        hint = "model parameters go under [village]; "
    elif not hint and parent != () and key in TOP_LEVEL_KEYS:
        hint = "top-level keys go before the first [table]; "
    if parent == ("village",):
        listed = "a model parameter (`villageaid params` lists them) or path"
    elif len(allowed) > MAX_LISTED:
        listed = f"one of {len(allowed)} names"
    else:
        listed = "one of " + ", ".join(sorted(allowed))
    return f"{key_path(loc)}: unknown key; {hint}expected {listed}"


def describe(error: dict) -> str:
    """One line for one pydantic error (an item of ValidationError.errors())."""
    loc, kind, value = tuple(error["loc"]), error["type"], error.get("input")
    path = key_path(loc)
    if kind == "extra_forbidden":
        return _unknown_key(loc, str(loc[-1]))
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key, tags = DISCRIMINATORS[loc[0]]
        expected = "expected one of " + ", ".join(tags)
        if kind == "union_tag_not_found":
            return f"{path}.{key}: missing; {expected}"
        tag = value.get(key) if isinstance(value, dict) else value
        return f"{path}.{key}: {show(tag)} is not allowed; {suggest(tag, tags)}{expected}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        expected = TABLE_KINDS.get(loc[0] if loc else "", "a table")
        return f"{path}: {show(value)} is not a table; expected {expected}"
    if kind == "list_type":
        return (f"{path}: {show(value)} is not a list of tables; expected one "
                f"[[{path}]] table per entry")
    if kind == "int_type":
        return (f"{path}: {show(value)} is not a whole number{_quoted_number(value)}; "
                f"{_expected_range(loc)}")
    if kind == "float_type":
        return (f"{path}: {show(value)} is not a number{_quoted_number(value)}; "
                f"{_expected_range(loc)}")
    if kind == "finite_number":
        return f"{path}: {show(value)} is not a finite number; {_expected_range(loc)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{path}: {show(value)} is out of range; {_expected_range(loc)}"
    if kind == "missing":
        return f"{path}: missing; this key is required"
    if kind == "string_type":
        return f"{path}: {show(value)} is not text; expected a quoted string"
    if kind == "string_pattern_mismatch":
        return f"{path}: {show(value)} is not allowed; expected {NAME_RULE}"
    if kind == "string_too_long":
        return (f"{path}: {show(value)} is too long ({len(value)} characters); "
                f"expected at most {DESCRIPTION_MAX}")
    return f"{path}: {show(value)}: {error['msg']}"
