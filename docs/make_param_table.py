"""Generate the tables of docs/ODD.md from the code, so that no number is typed twice.

    python docs/make_param_table.py            print the parameter table
    python docs/make_param_table.py --all      print every generated block
    python docs/make_param_table.py --write    splice every block into docs/ODD.md
    python docs/make_param_table.py --check    exit 1 if docs/ODD.md is out of date

Each block sits in ODD.md between a pair of markers, `<!-- NAME:START -->` and
`<!-- NAME:END -->`; `--write` replaces what lies between them and leaves the
rest of the file alone. The blocks are:

- PARAMETERS: every entry of `villageaid.sim.params.PARAMETERS`, grouped by
  `group` (name, unit, default, range, meaning, source);
- INTERVENTIONS: the settings of every intervention class registered in
  `villageaid.sim.interventions.INTERVENTIONS`, after the common settings;
- SHOCKS: the settings every shock takes, and the kinds of shock;
- CONSTANTS: named constants of the model that are not parameters, with
  their current values read from the modules that define them;
- TIMESERIES and AGENTS: the output columns of `villageaid.sim.metrics`.

`tests/test_docs.py` fails when a block in ODD.md differs from what this
script generates, so a change to a parameter, a constant or an output column
must come with `--write`.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

import numpy as np

ODD = Path(__file__).resolve().parent / "ODD.md"

GROUP_TITLES = {
    "village": "Village structure",
    "needs": "Elders' needs",
    "demography": "Life course: ageing, frailty, deaths, migration",
    "help": "Help and asking",
    "wellbeing": "Disembedding cycle",
    "volunteers": "Helpers: burnout, motivation, drop-out",
    "network": "Network",
    "committee": "Village committee: budget, credibility, trust",
    "casework": "Social workers and casework",
}

# Named constants that are not parameters: (module, name, labels of the
# entries of an array constant, unit, why it has this value).
CONSTANTS = (
    ("sim.population", "NEED_SKILL", "NEED_TYPES", "skill (0-1)",
     "skill a helper needs to meet the need for certain; below it the chance of "
     "success is skill / required skill and the attempt strains the helper"),
    ("sim.wellbeing", "HOUSEHOLD_LONELINESS", "LIVING_NAMES", "factor",
     "how fast loneliness rises without contact, by household situation: a spouse "
     "or family at home blunt it"),
    ("sim.wellbeing", "ISOLATION_WEEKS", None, "weeks",
     "weeks without contact after which an elder counts as isolated and loses "
     "self-efficacy (`efficacy_loss_isolated`)"),
    ("sim.model", "NEW_HELPER_MOTIVATION", None, "motivation (0-1)",
     "motivation of a resident who joins the helper pool during a run (an elder "
     "joining on their own, casework, teams, matching): a newcomer starts keen"),
    ("sim.volunteers", "RETURN_MOTIVATION", None, "motivation (0-1)",
     "motivation of a drop-out who returns: renewed, but below a newcomer's "
     "NEW_HELPER_MOTIVATION"),
    ("sim.volunteers", "RETURN_BURNOUT_SHARE", None, "share of dropout_burnout",
     "a resting drop-out can return once burnout is below this share of "
     "dropout_burnout: rested, not merely below the threshold"),
    ("sim.volunteers", "LOAD_WEIGHT", None, "factor",
     "load strains by burnout_load x load x (LOAD_WEIGHT - motivation): 0.7 at "
     "motivation 0.8, 1.3 at 0.2, so low motivation makes the same load weigh more"),
    ("sim.ties", "INITIAL_STRENGTH", "KIND_NAMES", "strength (0-1)",
     "starting strength of each kind of tie, closest first; also the strength of a "
     "tie formed during the run (acquaintance)"),
    ("sim.ties", "STRENGTH_FLOOR", None, "strength (0-1)",
     "the floor an unused neighbour or acquaintance tie fades to; ties never vanish"),
    ("sim.model", "RECENT_WEEKS", None, "weeks",
     "window of the coverage that credibility follows and of the used ties that "
     "cohesion counts; new ties join the network, and cohesion is recomputed, every "
     "RECENT_WEEKS weeks"),
    ("sim.committee", "WEEKS_PER_YEAR", None, "weeks",
     "length of a budget year and of a year of the life course; the year's income is drawn, and "
     "from the second year the year's ageing and migration happen, in weeks 1, 53, "
     "105, ..."),
    ("sim.committee", "EVALUATION_WEEKS", None, "weeks",
     "an adaptive committee evaluates its interventions each quarter (Section 7.13)"),
    ("sim.committee", "WEIGHT_MIN", None, "weight",
     "assumed: an adaptive committee cuts no intervention below a quarter of an even "
     "share"),
    ("sim.committee", "WEIGHT_MAX", None, "weight",
     "assumed: an adaptive committee raises no intervention above four times an even "
     "share"),
    ("sim.committee", "GRANT_INSTALMENTS", None, "instalments a year",
     "the grant arrives in this many equal instalments (quarterly: weeks 1, 14, 27 and "
     "40 of each year); donations arrive in the year's first week"),
    ("sim.attributes", "OLDEST_AGE", None, "years",
     "elders' initial ages are drawn from 60 to this, from the model's own stationary "
     "age structure (equal cohorts turning 60, the model's death rates): about 47% "
     "aged 60-69, 34% 70-79, 16% 80-89 and 3% 90+ with the default rates"),
    ("sim.attributes", "FRAILTY_CONCENTRATION", None, "Beta concentration",
     "an elder's initial frailty is a Beta with mean mean_frailty(age) = 0.12 + 0.013 x "
     "(age - 60) and this concentration (a + b); the death rate's frailty hazard ratio "
     "is taken relative to its mean over this draw"),
    ("sim.demography", "ELDER_AGE", None, "years",
     "residents who reach this age join the elders at the start of each year after "
     "the first"),
    ("sim.demography", "OUT_MIGRATION_MAX_AGE", None, "years",
     "working-age residents up to this age may leave for work (out_migration)"),
    ("sim.helping", "MIN_GIVE_HOURS", None, "hours",
     "the least a helper gives at a time (or what the need still takes, if less): a "
     "helper with less left this week refuses"),
    ("sim.helping", "MAX_SHARES", None, "helpers",
     "an organised channel (team, matching, time bank) serves one need in at most this "
     "many shares a week, each from the member then most idle"),
    ("sim.attributes", "HELPER_MAX_AGE", None, "years",
     "healthy younger-old: the oldest age at which an elder can join the helper pool; "
     "older helpers stop at the next yearly review"),
    ("sim.attributes", "HELPER_MAX_FRAILTY", None, "frailty (0-1)",
     "healthy younger-old: residents at or above this frailty cannot join the helper "
     "pool, and helpers who reach it stop at the next yearly review"),
    ("sim.attributes", "KIN_HELP_MAX_FRAILTY", None, "frailty (0-1)",
     "residents at or above this frailty cannot help even their kin"),
    ("sim.attributes", "FEMALE_SHARE_ADULT", None, "share",
     "women among working-age residents: 48.8% of China's population at the 2020 "
     "(seventh) census (NBS census bulletin no. 4, 2021); sex sets the death rate and "
     "groups the equity table"),
    ("sim.attributes", "FEMALE_SHARE_ELDER", None, "share",
     "women among elders at the start, in expectation (each couple-only household is a "
     "woman and a "
     "man): assumed; women outlive men and are a majority of people aged 60+ at the "
     "2020 census, but the rural figure is not cited here"),
    ("sim.resilience", "RESPONSE_WEEKS", None, "weeks",
     "the response window runs until the last shock ends plus this: half a year for "
     "knock-on effects; later dips of a noisy curve are not taken for the shock's "
     "trough (Section 8.4)"),
    ("sim.interventions.casework", "PROMOTE_EFFICACY", None, "self-efficacy (0-1)",
     "a closed case whose elder is healthy younger-old, not yet a helper and above "
     "this self-efficacy joins the helper pool"),
    ("sim.interventions.casework", "RISK_WITHDRAWN", None, "risk points",
     "weight of withdrawal in the casework risk score: more than any one other risk "
     "(living alone 1, frailty and lack of self-efficacy at most 1 each)"),
    ("sim.interventions.casework", "RISK_ALONE", None, "risk points",
     "weight of living alone in the casework risk score"),
    ("sim.interventions.teams", "TRAINED_SHARE", None, "share of the skill added",
     "a resident counts as trained (trained_residents) while keeping this share of "
     "what team training added to their skill"),
    ("sim.interventions.staffing", "PAY_FLOOR", None, "share of market pay",
     "assumed: an unpaid week counts as pay at this share of the market in a social "
     "worker's leaving hazard, which stays finite"),
)

MARKERS = ("PARAMETERS", "INTERVENTIONS", "SHOCKS", "CONSTANTS", "TIMESERIES", "AGENTS")


def _module(name: str):
    return importlib.import_module(f"villageaid.{name}")


def _cell(text) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def fmt_number(value) -> str:
    """A number as the table shows it: thousands separated, no trailing zeros."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) < 1e-4:
        return f"{value:g}"
    return f"{value:,.6g}"


def _param_rows(params) -> list[str]:
    rows = [
        "| name | unit | default | range | meaning | source |",
        "|---|---|---|---|---|---|",
    ]
    for p in params:
        rows.append(
            f"| `{p.name}` | {_cell(p.unit)} | {fmt_number(p.default)} | "
            f"{fmt_number(p.low)} to {fmt_number(p.high)} | {_cell(p.doc)} | "
            f"{_cell(p.source)} |"
        )
    return rows


def parameter_table() -> str:
    """The PARAMETERS block: one Markdown table per group, in the order of first use."""
    from villageaid.sim.params import PARAMETERS

    groups: dict[str, list] = {}
    for p in PARAMETERS:
        groups.setdefault(p.group, []).append(p)
    parts = []
    for group, params in groups.items():
        title = GROUP_TITLES.get(group, group.capitalize())
        parts.append("\n".join([f"**{title}** (group `{group}`)", "", *_param_rows(params)]))
    return "\n\n".join(parts)


def interventions_table() -> str:
    """The INTERVENTIONS block: common settings, then each intervention's own."""
    interventions = _module("sim.interventions")
    common = getattr(interventions, "COMMON_SETTINGS", ())
    registry = getattr(interventions, "INTERVENTIONS", {})
    parts = ["\n".join(["**Every intervention**", "", *_param_rows(common)])]
    for name, cls in registry.items():
        title = getattr(cls, "title", name)
        level = getattr(cls, "level", "")
        head = f"**{title}** (`{name}`, {level} level)" if level else f"**{title}** (`{name}`)"
        own = getattr(cls, "SETTINGS", ())
        parts.append("\n".join([head, "", *_param_rows(own)]) if own
                     else f"{head}: no settings of its own.")
    return "\n\n".join(parts)


def shocks_table() -> str:
    """The SHOCKS block: the settings every shock takes, and the kinds of shock."""
    shocks = _module("sim.shocks")
    kinds = ", ".join(f"`{kind}` ({getattr(cls, 'title', kind)})"
                      for kind, cls in getattr(shocks, "SHOCKS", {}).items())
    return "\n".join([f"Kinds: {kinds}.", "", *_param_rows(shocks.SHOCK_SETTINGS)])


def _constant_value(module, name: str, labels: str | None) -> str:
    value = getattr(module, name)
    if labels is None:
        return fmt_number(value)
    names = getattr(module, labels, None)
    if names is None:
        names = getattr(_module("sim.population"), labels, None) or getattr(
            _module("sim.ties"), labels)
    values = np.asarray(value).tolist()
    return ", ".join(f"{label} {fmt_number(v)}" for label, v in zip(names, values))


def constants_table() -> str:
    """The CONSTANTS block: named constants with the values the code holds now."""
    rows = [
        "| name | defined in | value | unit | meaning and reason |",
        "|---|---|---|---|---|",
    ]
    for module_name, name, labels, unit, reason in CONSTANTS:
        module = _module(module_name)
        path = module_name.replace(".", "/") + ".py"
        rows.append(
            f"| `{name}` | `{path}` | {_constant_value(module, name, labels)} | "
            f"{_cell(unit)} | {_cell(reason)} |"
        )
    return "\n".join(rows)


def _columns_table(columns: dict[str, tuple[str, str]]) -> str:
    rows = ["| column | unit | meaning |", "|---|---|---|"]
    for name, (unit, meaning) in columns.items():
        rows.append(f"| `{name}` | {_cell(unit) or '-'} | {_cell(meaning)} |")
    return "\n".join(rows)


def timeseries_table() -> str:
    from villageaid.sim.metrics import TIMESERIES_COLUMNS

    return _columns_table(TIMESERIES_COLUMNS)


def agents_table() -> str:
    from villageaid.sim.agent_table import AGENT_COLUMNS

    return _columns_table(AGENT_COLUMNS)


def blocks() -> dict[str, str]:
    """Every generated block, by marker name."""
    return {
        "PARAMETERS": parameter_table(),
        "INTERVENTIONS": interventions_table(),
        "SHOCKS": shocks_table(),
        "CONSTANTS": constants_table(),
        "TIMESERIES": timeseries_table(),
        "AGENTS": agents_table(),
    }


def _pattern(name: str) -> re.Pattern:
    return re.compile(
        rf"(<!-- {name}:START -->)(.*?)(<!-- {name}:END -->)", re.DOTALL)


def extract(text: str, name: str) -> str | None:
    """The block `name` as it stands in `text` (None when its markers are missing)."""
    match = _pattern(name).search(text)
    return match.group(2).strip("\n") if match else None


def splice(text: str, generated: dict[str, str] | None = None) -> str:
    """`text` with every block between its markers replaced by the generated one."""
    generated = generated or blocks()
    for name, block in generated.items():
        pattern = _pattern(name)
        if not pattern.search(text):
            raise SystemExit(f"{ODD}: markers <!-- {name}:START --> and "
                             f"<!-- {name}:END --> not found")
        text = pattern.sub(lambda m: f"{m.group(1)}\n{block}\n{m.group(3)}", text, count=1)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--all", action="store_true", help="print every generated block")
    action.add_argument("--write", action="store_true",
                        help="splice the generated blocks into docs/ODD.md")
    action.add_argument("--check", action="store_true",
                        help="exit 1 if docs/ODD.md differs from the generated blocks")
    args = parser.parse_args(argv)
    if args.write or args.check:
        text = ODD.read_text(encoding="utf-8")
        new = splice(text)
        if args.check:
            if new != text:
                print(f"{ODD} is out of date: run python docs/make_param_table.py --write",
                      file=sys.stderr)
                return 1
            return 0
        if new != text:
            ODD.write_text(new, encoding="utf-8")
            print(f"updated {ODD}")
        return 0
    if args.all:
        for name, block in blocks().items():
            print(f"<!-- {name} -->\n{block}\n")
        return 0
    print(parameter_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
