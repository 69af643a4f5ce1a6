"""Write village files: an empty template with its README, or a synthetic village.

`write_template(dest)` writes the three tables with their headers only and a
README.md explaining every column, with README.zh.md saying the same in
Chinese. `export_village(dest, seed, residents)` builds the synthetic village
the model would build for that seed and writes it in the same format (both
READMEs too), every value in full precision (CSV) so that a run of the files
with the same seed repeats the synthetic run bit for bit.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np

from ...problems import Problem, ProblemError
from ...sim.params import VillageParams, make_params
from ...sim.population import ALONE, WITH_FAMILY, Population
from ...sim.streams import RandomStreams
from ...sim.ties import HOUSEHOLD, TieTable
from ...sim.roster.columns import RESIDENTS, SPACES, TABLE_DOCS, TABLES, TIE_KIND_NAMES, TIES, Column
from .readme_zh import README_ZH, export_intro_zh, readme_text_zh

FORMATS = ("csv", "xlsx")
WORKBOOK = "village.xlsx"

Tables = dict[str, tuple[list[str], list[list]]]


def _cell(value) -> str:
    """A value as CSV text: floats in full (shortest exact) precision."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)


def _excel_value(value):
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    return str(value)


def targets(dest: Path, fmt: str) -> list[Path]:
    files = [dest / f"{name}.csv" for name in TABLES] if fmt == "csv" else [dest / WORKBOOK]
    return [*files, dest / "README.md"]


def write_tables(dest: str | os.PathLike, tables: Tables, fmt: str = "csv",
                 readme: str | None = None, force: bool = False,
                 readme_zh: str | None = None) -> list[Path]:
    """Write the tables (and README.md, README.zh.md) under folder `dest`; return the
    files written.

    Nothing is written when `dest` is a file, or when a file would be
    overwritten without `force`.
    """
    if fmt not in FORMATS:
        raise ProblemError([Problem("unknown_format", "format", fmt, {"names": ", ".join(FORMATS)},
                                    shown=repr(fmt))], str(dest), prefixed=False)
    dest = Path(dest)
    if dest.exists() and not dest.is_dir():
        raise ProblemError([Problem("dest_is_file", str(dest))], str(dest), prefixed=False)
    paths = targets(dest, fmt)
    if readme is None:
        paths = paths[:-1]
    if readme_zh is not None:
        paths.append(dest / README_ZH)
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise ProblemError([Problem("already_exists", str(existing[0]))], str(dest),
                           prefixed=False)
    dest.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        for name, (header, rows) in tables.items():
            _atomic_write(dest / f"{name}.csv", _csv_text(header, rows))
    else:
        _write_workbook(dest / WORKBOOK, tables)
    if readme is not None:
        _atomic_write(dest / "README.md", readme)
    if readme_zh is not None:
        _atomic_write(dest / README_ZH, readme_zh)
    return paths


def _csv_text(header: list[str], rows: list[list]) -> str:
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _atomic_write(path: Path, text: str) -> None:
    # UTF-8 with a byte-order mark: spreadsheet programs then read Chinese text right.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8-sig" if path.suffix == ".csv" else "utf-8",
                   newline="")
    os.replace(tmp, path)


def _write_workbook(path: Path, tables: Tables) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([_excel_value(v) for v in row])
    tmp = path.with_name(path.name + ".tmp")
    book.save(tmp)
    os.replace(tmp, path)


# ----------------------------------------------------------------- template
def empty_tables() -> Tables:
    return {name: ([c.name for c in columns], []) for name, columns in TABLES.items()}


def write_template(dest: str | os.PathLike, fmt: str = "csv", force: bool = False
                   ) -> list[Path]:
    return write_tables(dest, empty_tables(), fmt, readme_text(), force, readme_text_zh())


# ------------------------------------------------------------------- export
def village_tables(pop: Population, ties: TieTable) -> Tables:
    """The tables of a freshly built village (before its first week), every column in full.

    Household ties are not listed: they follow from the household column. Ids
    are R001, R002, ... in the model's order (elders first), households and
    clans are numbered in order of first appearance. Villagers living away at
    the start (not present) are listed with lives_away yes.
    """
    from ...sim.village import _factorize

    n = pop.size
    width = len(str(n))
    ids = [f"R{i + 1:0{width}d}" for i in range(n)]
    household = _factorize(pop.household)
    clan = _factorize(pop.clan)
    hh_width = len(str(int(household.max()) + 1))
    elder = pop.is_elder
    living_alone = elder & (pop.living == ALONE)
    empty_nest = elder & (pop.living != WITH_FAMILY)
    columns = {
        "id": ids, "age": pop.age, "sex": np.where(pop.female, "female", "male"),
        "household": [f"H{h + 1:0{hh_width}d}" for h in household],
        "lives_away": ~pop.present, "living_alone": living_alone, "empty_nest": empty_nest,
        "children_migrated": pop.children_migrated, "frailty": pop.frailty,
        "chronic": pop.chronic, "willing_to_help": pop.helper,
        "hours_available": pop.hours_capacity,
        "clan": [f"C{c + 1}" for c in clan], "care_skill": pop.skill,
        "self_efficacy": pop.efficacy_base, "trust": pop.trust_base,
        "motivation": pop.motivation, "loneliness": pop.loneliness,
    }
    header = [c.name for c in RESIDENTS]
    residents = [[columns[c][i] for c in header] for i in range(n)]
    listed = np.flatnonzero(ties.kind != HOUSEHOLD)
    tie_rows = [[ids[ties.a[e]], ids[ties.b[e]], TIE_KIND_NAMES[int(ties.kind[e])],
                 float(ties.strength[e])] for e in listed]
    return {"residents": (header, residents),
            "ties": ([c.name for c in TIES], tie_rows),
            "spaces": ([c.name for c in SPACES], [])}


def synthetic_tables(seed: int, params: VillageParams | None = None) -> Tables:
    """The synthetic village the model builds for `seed` and `params` (one village)."""
    from ...sim.village import build_village

    params = params or make_params()
    if params.villages != 1:
        raise ProblemError([Problem("one_village_only", "villages", params.villages,
                                    shown=str(params.villages))], "export", prefixed=False)
    pop, ties = build_village(params, RandomStreams(seed))
    return village_tables(pop, ties)


def export_village(dest: str | os.PathLike, seed: int = 0, residents: int | None = None,
                   fmt: str = "csv", force: bool = False) -> list[Path]:
    params = make_params(**({"residents": residents} if residents is not None else {}))
    tables = synthetic_tables(seed, params)
    header, rows = tables["residents"]
    away = sum(1 for row in rows if row[header.index("lives_away")])
    where = os.fspath(Path(dest) / WORKBOOK) if fmt == "xlsx" else os.fspath(dest)
    repeat = ("exactly" if fmt == "csv" else "up to the 16 significant digits a workbook "
              "keeps (the CSV format repeats it exactly)")
    intro = (f"A synthetic village exported by `villageaid village export` (seed {seed}, "
             f"{params.residents} residents, and {away} working-age villagers living away "
             f"who may come home): no real person. `villageaid run --village "
             f"{where} --seed {seed}` repeats `villageaid run --residents "
             f"{params.residents} --seed {seed}` {repeat}.")
    intro_zh = export_intro_zh(seed, params.residents, away, where, fmt)
    return write_tables(dest, tables, fmt, readme_text(intro), force, readme_text_zh(intro_zh))


# ------------------------------------------------------------------- README
def column_table(columns: tuple[Column, ...]) -> list[str]:
    """Markdown rows: column, required, unit and range, meaning, what fills a blank."""
    lines = ["| column | required | values | meaning | when blank or left out |",
             "|---|---|---|---|---|"]
    for c in columns:
        required = "**yes**" if c.required else ("no (advanced)" if c.advanced else "no")
        fill = c.default or "the row is an error"
        lines.append(f"| `{c.name}` | {required} | {c.range_text} | {c.doc} | {fill} |")
    return lines


def columns_markdown(level: str = "##") -> str:
    """The three tables' columns as Markdown sections (README.md and the guide)."""
    lines = []
    for name, columns in TABLES.items():
        lines += [f"{level} {name}", "", TABLE_DOCS[name] + ".", "", *column_table(columns), ""]
    return "\n".join(lines)


PSEUDONYMISE = """\
## Privacy: pseudonymise the roster first

The model needs no names, ID-card numbers, phone numbers, addresses or dates of
birth, and the files should not hold them.

1. Give each resident a code (R001, R002, ... or any text) and keep the list of
   codes and names, if you need one at all, separately and offline, with the
   person responsible for the roster. Never put it next to these files.
2. Write households the same way (H01, H02, ...), not as house numbers or names.
3. Write ages in whole years, not dates of birth. If the files leave the village
   office, consider writing the very oldest as 95 (an age of 103 can name a person
   in a small village).
4. In ties, use the residents' codes. Space names are buildings, not people.
5. Delete columns the model does not use (names, notes); the model ignores them
   but warns about columns that look like personal data.
"""


def readme_text(intro: str | None = None) -> str:
    intro = intro or ("An empty village file written by `villageaid village template`: "
                      "fill it in for your own village.")
    lines = [
        "# Village file", "", intro, "",
        "A village is three tables, as CSV files in one folder (residents.csv, ties.csv, "
        "spaces.csv; UTF-8 or GBK) or as the sheets residents, ties and spaces of one "
        "Excel workbook (.xlsx). The first row of each names the columns, in any order; "
        "rows are read as a spreadsheet numbers them (the header is row 1).", "",
        "Only `id` and `age` are required. Any other column can be left out, or left "
        "blank in some rows: the model fills each blank cell with its default draw "
        "(listed below, parameters in `villageaid params`), from the run's seed, and "
        "says what it filled when the run starts. Yes/no columns take yes, no, y, n, "
        "true, false, 1, 0, 是 or 否. Columns marked advanced are the model's own state; "
        "leave them out unless a survey measured them (an exported village lists them so "
        "that its run repeats exactly).", "",
    ]
    lines += [columns_markdown()]
    lines += [
        "Residents aged 60 or over are elders; the others are working-age. The living "
        "columns, chronic and children_migrated matter for elders only. A working-age "
        "villager who lives and works away but belongs to a household here (an elder's "
        "migrated child) may be listed with lives_away yes: they are not among the "
        "village's residents until they come home, and the living columns leave them out. "
        "A tie kind may also be written relative or family (kin), neighbor (neighbour), "
        "acquaintance (friend), or in Chinese (亲属, 亲戚, 邻居, 朋友, 熟人). Household members are tied "
        "through the household column: do not list them in ties.", "",
        PSEUDONYMISE,
        "## Check and run", "",
        "```",
        "villageaid village check PATH          # every problem at once: file, row, column",
        "villageaid run --village PATH --seed 1",
        "villageaid compare baseline teams --village PATH",
        "```", "",
        "PATH is this folder, or the workbook's path. In a scenario file, "
        "`village = \"PATH\"` (a path relative to the scenario file) does the same.", "",
    ]
    return "\n".join(lines)
