"""Write the example village, villages/example_300/: synthetic, 300 residents, no real person.

    python villages/make_example.py            # rewrites villages/example_300/

It starts from the synthetic village the model builds for seed 2024 and makes
it look like a roster a village committee keeps: residents listed household by
household with pseudonymous codes, sex recorded, frailty rounded to two
decimals, a few cells unknown (left blank, for the model to fill), only the
columns a committee would have (no advanced ones), ties without strengths,
and two idle buildings. The output is the same on every run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from villageaid.sim.params import make_params
from villageaid.scenarios.village_files import readme_text, synthetic_tables, write_tables

SEED = 2024
RESIDENTS = 300
HERE = Path(__file__).resolve().parent
DEST = HERE / "example_300"
BASIC = ("id", "age", "sex", "household", "lives_away", "living_alone", "empty_nest",
         "children_migrated", "frailty", "chronic", "willing_to_help", "hours_available")
SPACES = [["former primary school", 40], ["ancestral hall", 25]]
INTRO = (
    "An example village: synthetic, made by `villages/make_example.py` from the model's own "
    f"generator (seed {SEED}, {RESIDENTS} residents, and the working-age members of their "
    "households who live away, listed with lives_away yes); no real person. It is laid out like "
    "a committee's roster: households together, a few cells unknown (blank), which the "
    "model fills and reports. Run it with `villageaid run --village villages/example_300`; "
    "docs/guide_village_files.md walks through it.")


def example_tables() -> dict:
    tables = synthetic_tables(SEED, make_params(residents=RESIDENTS))
    header, rows = tables["residents"]
    col = {name: i for i, name in enumerate(header)}
    rng = np.random.default_rng(SEED)
    # household by household, in the order of the household codes
    rows = sorted(rows, key=lambda r: (r[col["household"]], -r[col["age"]]))
    new_id = {r[col["id"]]: f"A{k + 1:03d}" for k, r in enumerate(rows)}
    out = []
    for r in rows:
        elder = r[col["age"]] >= 60
        values = {name: r[col[name]] for name in BASIC}
        values["id"] = new_id[r[col["id"]]]
        values["sex"] = "female" if rng.random() < (0.55 if elder else 0.45) else "male"
        values["frailty"] = round(float(values["frailty"]), 2)
        if not elder:  # living columns and chronic conditions are recorded for elders only
            values["living_alone"] = values["empty_nest"] = values["chronic"] = None
        elif rng.random() < 0.12:
            values["chronic"] = None  # not known to the committee
        if rng.random() < 0.05:
            values["frailty"] = None
        if values["willing_to_help"] and rng.random() < 0.25:
            values["hours_available"] = None  # willing, hours not asked
        elif not values["willing_to_help"]:
            values["hours_available"] = None
        out.append([values[name] for name in BASIC])
    ties = [[new_id[a], new_id[b], kind] for a, b, kind, _ in tables["ties"][1]]
    return {"residents": (list(BASIC), out),
            "ties": (["id_a", "id_b", "kind"], ties),
            "spaces": (["name", "capacity"], SPACES)}


def main() -> None:
    for path in write_tables(DEST, example_tables(), "csv", readme_text(INTRO), force=True):
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
