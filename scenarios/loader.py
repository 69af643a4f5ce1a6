"""Read a scenario from a preset name or a TOML file, and validate it all at once.

Every way a file can be wrong ends in a ProblemError listing one Problem per
problem, never a traceback: a missing or unreadable file, bytes that are not
UTF-8, a TOML syntax error (with its line and column), an empty file, and all
the value errors pydantic and the cross-field rules find, together.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..problems import Phrase, Problem, ProblemError
from ..sim.params import make_params
from .scenario import Scenario
from .schema import VILLAGE_PATH_KEY
from .validation import data_problems
from .village_files import read_roster
from .village_types import (VILLAGE_TYPES, apply_village_type, split_typed, typed_name,
                            unknown_type)

# Built-in scenarios, in the order `villageaid scenarios` lists them.
PRESETS: tuple[str, ...] = (
    "baseline", "casework", "teams", "teams_incentives", "matching", "all_levels",
)



def load_scenario(name_or_path: str | os.PathLike) -> Scenario:
    """A preset by name (see PRESETS), or a scenario file by path.

    A string that is a preset name means the preset, even if a file of that
    name exists; pass a Path (or write ./name) to read the file instead.
    """
    text = os.fspath(name_or_path)
    if isinstance(name_or_path, str) and text in PRESETS:
        return load_preset(text)
    path = Path(name_or_path)
    if not path.exists():  # `SCENARIO@TYPE`, the scenario a preset name or a file
        scenario_name, type_name = split_typed(text)
        if type_name is not None:
            return _load_typed(scenario_name, type_name, text)
    if (isinstance(name_or_path, str) and not path.exists() and not path.suffix
            and os.sep not in text and "/" not in text):
        close = difflib.get_close_matches(text, PRESETS, n=1)
        hint = Phrase("did_you_mean", suggestion=repr(close[0])) if close else ""
        raise ProblemError([Problem("no_preset", facts={"hint": hint,
                                                        "names": ", ".join(PRESETS)})],
                           source=text)
    return read_scenario_file(path, source=text)


def _load_typed(scenario_name: str, type_name: str, text: str) -> Scenario:
    """`SCENARIO@TYPE`: the scenario on a village of that type, named SCENARIO-TYPE."""
    if type_name not in VILLAGE_TYPES:
        raise ProblemError([unknown_type(type_name, "village type")], source=text)
    scenario = load_scenario(scenario_name)
    typed = apply_village_type(scenario, type_name)
    return replace(typed, name=typed_name(scenario.name, type_name), source=text)


def load_preset(name: str) -> Scenario:
    if name not in PRESETS:
        raise ProblemError([Problem("unknown_preset", facts={"names": ", ".join(PRESETS)})],
                           source=name)
    resource = resources.files(__package__).joinpath("presets", f"{name}.toml")
    return parse_scenario(resource.read_bytes(), source=name)


def list_presets() -> list[tuple[str, str]]:
    """(name, description) of every preset, in order."""
    return [(name, load_preset(name).description) for name in PRESETS]


def read_scenario_file(path: str | os.PathLike, source: str | None = None) -> Scenario:
    """Read and validate one file; `source` (default: the path) names it in messages."""
    path = Path(path)
    source = source or os.fspath(path)
    raw = read_toml_bytes(path, source, "scenario")
    return parse_scenario(raw, source=source, base=path.parent)


def read_toml_bytes(path: Path, source: str, what: str) -> bytes:
    """The bytes of a TOML file, or a ProblemError saying why it cannot be read."""
    if path.is_dir():
        raise ProblemError([Problem("is_folder", facts={"what": what})], source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProblemError([Problem("no_such_file")], source) from None
    except PermissionError:
        raise ProblemError([Problem("cannot_read", facts={"reason": "permission denied"})],
                           source) from None
    except OSError as err:
        raise ProblemError([Problem("cannot_read", facts={"reason": err.strerror or str(err)})],
                           source) from None


def parse_scenario(content: bytes | str, source: str = "<scenario>",
                   base: str | os.PathLike | None = None) -> Scenario:
    """Validate TOML text (or its UTF-8 bytes) and return the Scenario it describes.

    `base`: the folder a relative village path starts from (default: the
    current folder; the scenario file's folder when read from a file).
    """
    text = decode_toml(content, source) if isinstance(content, bytes) else content
    if not text.strip():
        raise ProblemError([Problem("empty_scenario")], source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProblemError([toml_problem(err, text)], source) from None
    if not data:
        raise ProblemError([Problem("only_comments")], source)
    return scenario_from_data(data, source, base)


def scenario_from_data(data: dict[str, Any], source: str = "<scenario>",
                       base: str | os.PathLike | None = None) -> Scenario:
    """Validate parsed TOML (a dict); every problem found ends up in one ProblemError."""
    original = data
    data, village, problems = _village_path(data)
    model, found = data_problems(data)
    problems += found + _village_type_problems(data, village)
    roster = None
    if village is not None:
        shown = os.path.normpath(os.path.join(base if base is not None else os.curdir,
                                              village))
        village = os.path.abspath(shown)
        try:
            roster = read_roster(shown)
        except ProblemError as err:
            problems += [p.within("village", ": ").with_(loc=("village", VILLAGE_PATH_KEY))
                         for p in err.problems]
    if problems or model is None:
        problems.sort(key=lambda problem: file_position(original, problem.loc))
        raise ProblemError(problems, source)
    params = make_params(**model.village.model_dump())
    if model.village_type is not None:
        # the type's village, with what the file's [village] table sets on top
        given = model.village.model_dump(exclude_unset=True)
        params = make_params(**{**VILLAGE_TYPES[model.village_type].params, **given})
    if roster is not None:
        params = params.replace(residents=roster.size, villages=1)
    return Scenario(
        name=model.name,
        description=model.description,
        years=model.years,
        params=params,
        interventions=[(e.type, e.model_dump(exclude={"type"})) for e in model.interventions],
        shocks=[e.model_dump() for e in model.shocks],
        source=source,
        village=village,
        roster=roster,
        village_type=model.village_type,
    )


def _village_type_problems(data: dict[str, Any], village: str | None) -> list[Problem]:
    """A village type must be known, and cannot be combined with a village file."""
    name = data.get("village_type")
    if not isinstance(name, str):
        return []  # absent, or not text (the schema says so)
    loc = ("village_type",)
    if name not in VILLAGE_TYPES:
        return [unknown_type(name, "village_type").with_(loc=loc)]
    if village is not None:
        return [Problem("village_type_with_village_file", "village_type", name, loc=loc)]
    return []


def _village_path(data: dict[str, Any]) -> tuple[dict[str, Any], str | None, list]:
    """Take a village file's path out of the data: `village = "PATH"`, or `path` in
    the [village] table. Returns the data left to validate, the path, and problems."""
    value = data.get("village")
    if isinstance(value, str):
        path, data = value, {**data, "village": {}}
        where = "village"
    elif isinstance(value, dict) and VILLAGE_PATH_KEY in value:
        path = value[VILLAGE_PATH_KEY]
        data = {**data, "village": {k: v for k, v in value.items() if k != VILLAGE_PATH_KEY}}
        where = f"village.{VILLAGE_PATH_KEY}"
    else:
        return data, None, []
    loc = ("village", VILLAGE_PATH_KEY)
    if not isinstance(path, str) or not path.strip():
        return data, None, [Problem("not_a_path", where, path, loc=loc)]
    problems = [Problem("set_with_village_file", f"village.{name}", loc=("village", name))
                for name in ("residents", "villages") if name in data["village"]]
    return data, path, problems


def file_position(data: Any, loc: tuple) -> tuple[int, ...]:
    """Where `loc` is in the file, as a sort key: problems are listed in file order
    (tomllib keeps the order of keys; a missing key sorts at the end of its table)."""
    key = []
    for part in loc:
        if isinstance(data, dict):
            names = list(data)
            key.append(names.index(part) if part in data else len(names))
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            key.append(part)
            data = data[part]
        else:
            break
    return tuple(key)


def decode_toml(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")  # tolerate the BOM some editors write
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise ProblemError([Problem("not_utf8", facts={
            "line": line, "col": column, "byte": f"{raw[err.start]:02x}"})], source) from None


def toml_problem(err: tomllib.TOMLDecodeError, text: str) -> Problem:
    """A TOML syntax error at its line and column, as tomllib ends its message:
    "Invalid value (at line 3, column 15)" or "... (at end of document)"."""
    message, _, at = str(err).rpartition(" (at ")
    detail = message[:1].lower() + message[1:]
    hint = Phrase("toml_quotes") if detail == "invalid value" else ""
    line, _, column = at.rstrip(")").removeprefix("line ").partition(", column ")
    if not (line.isdigit() and column.isdigit()):
        line = text.rstrip(chr(10)).count(chr(10)) + 1
        return Problem("toml_syntax_end", facts={"line": line, "detail": detail, "hint": hint})
    return Problem("toml_syntax", facts={"line": int(line), "col": int(column),
                                         "detail": detail, "hint": hint})
