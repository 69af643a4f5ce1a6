"""What several commands share: the --out folder checked before any run, and village files."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from ..problems import Problem, ProblemError
from ..sim.params import ParameterError



def output_folder(path: Path) -> None:
    """Create the --out folder and check it takes files, before any run starts, so a
    bad --out costs nothing and never loses results."""
    if path.exists() and not path.is_dir():
        raise ParameterError([Problem("out_is_file", "--out", str(path), shown=repr(str(path)))])
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as err:
        raise ParameterError([Problem("out_not_writable", "--out", str(path), {
            "reason": err.strerror or str(err)}, shown=repr(str(path)))]) from None


def village_type_named(args) -> str | None:
    """The village type --village names, or None (no --village, or a village file's
    path). A name that is neither a type nor an existing file is refused, listing the
    types."""
    from ..scenarios.village_types import VILLAGE_TYPES, looks_like_a_name, unknown_type

    text = args.village
    if text is None or text in VILLAGE_TYPES:
        return text
    if looks_like_a_name(text) and not os.path.exists(text):
        raise ProblemError([unknown_type(text, "--village", or_file=True)])
    return None


def read_village(args, scenario):
    """The village file of --village (or of the scenario), read and validated, or None
    (also when --village names a village type, which replaces the scenario's village).

    A bad file raises RosterError with every problem; --residents and --villages
    cannot be combined with a village file, whose residents make the village.
    """
    if village_type_named(args) is not None:
        return None
    if args.village is None and (scenario is None or scenario.village is None):
        return None
    for name in ("residents", "villages"):
        if getattr(args, name, None) is not None:
            raise ProblemError([Problem("with_village_file_named", f"--{name}", facts={
                "path": str(args.village or scenario.village)})])
    if args.village is None:
        return scenario.load_roster()
    from ..scenarios.village_files import read_roster

    return read_roster(args.village)


def print_village_types() -> None:
    """The village types, one line each, and how to use them."""
    from ..scenarios.village_types import VILLAGE_TYPES

    width = max(len(name) for name in VILLAGE_TYPES)
    print("\nVillage types (`villageaid village types` lists their figures and sources):")
    for name, kind in VILLAGE_TYPES.items():
        print(f"  - {name:{width}}  {kind.title_en}")
    print("Run a scenario on one with --village NAME (run, compare, factorial, advise),\n"
          "SCENARIO@NAME (`villageaid compare baseline baseline@hollowed_mountain`) or\n"
          'village_type = "NAME" in a scenario file.')


def print_village(roster) -> None:
    """What the village file holds and what the model fills in; notes as warnings."""
    print("\n".join(roster.describe()), flush=True)
    for note in roster.notes:
        print(f"warning: {note}", file=sys.stderr)
    sys.stderr.flush()
