"""The three levels of intervention as a 2x2x2 full factorial: `villageaid factorial`.

The theory claims that the micro, meso and macro levels of intervention reinforce
each other. Each level is a factor, switched off or on:

    micro: casework
    meso:  volunteer teams, recognition and the time bank
    macro: matching, the activity centre and governance

Each intervention belongs to the level its class declares (sim/interventions,
`level`) and runs with the settings of the all_levels preset, which are those of
the single-level presets (casework, teams_incentives, matching): every preset runs
each intervention with its defaults from week 0, on the same default village and
budget. The 8 cells (none, micro, meso, micro+meso, ..., micro+meso+macro) run over
the same seeds: replicate i of every cell uses seed S + i (common random numbers),
so each replicate is a paired 2^3 experiment. By default no shock: the question is
about the levels, and a shock would add its own interactions; `cold_wave=True`
keeps the presets' cold wave (and so the resilience metrics).

Other designs. `--factors` runs any 2 to 4 factors, levels or single interventions
of the preset (experiments/factorial_design.py: cells, terms, signs), with all
2^k cells and every interaction up to the k-way one; the module's constants
(FACTORS, CELLS, CELL_NAMES, TERMS, INTERACTIONS) are the default design's.
Spending. `--spending matched` scales each cell's interventions so that every cell
plans to spend the same money a year; `budget` gives every cell the preset's
settings and the same budget (experiments/factorial_spending.py says why matched
is the default of the command).

Effects. With each factor coded -1 (off) and +1 (on), a term is a factor or the
product of two or three factors' codes (the usual 2^3 sign table), and its effect
is the mean of the 4 cells where the term is +1 minus the mean of the 4 where it is
-1 (the sum of signed cell values / 4). So a main effect is the average change a
level makes when switched on, over the other levels' four combinations; micro:meso
is half of (micro's effect with meso on minus its effect with meso off), averaged
over macro; micro:meso:macro is half the change in micro:meso when macro is
switched on. Each effect is computed per replicate from that replicate's 8 cells,
then summarised over replicates with the project's paired-difference interval
(stats.paired_difference, as compare uses for a scenario's difference from the
reference): Student's t over replicates, built on Fisher's z scale for metrics
bounded on both sides (a contrast of shares lies in [-1, 1]) and the plain
t-interval for counts and costs. An effect is `resolved` when its 95% interval
leaves out 0, and reads "cannot tell" otherwise.

Reading the interactions for the theory: an interaction resolved in the metric's
better direction (sim/outcomes.py, `better`) means the levels reinforce each other
on that metric; resolved in the worse direction, that they substitute for each
other; anything else, cannot tell.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..sim.interventions import INTERVENTIONS
from ..sim.outcomes import COMPARED, METRICS
from .compare import _fmt, metric_interval
from .executor import Executor, ProgressBar, WorkersLost
from .factorial_design import DEFAULT, PRESET, Design, design_of_runs, members
from .factorial_spending import apply_spending, spending_table
from .replicates import run_replicate

# The default design, micro x meso x macro (factorial_design.Design for any other):
# its factors, its 8 cells as (micro, meso, macro) codes, 0 off and 1 on, in standard
# (Yates) order, micro changing fastest, and its main effects, two-way and three-way
# interactions, as the effects table lists them.
FACTORS = DEFAULT.factors
CELLS: tuple[tuple[int, ...], ...] = DEFAULT.cells
TERMS = DEFAULT.terms
INTERACTIONS = DEFAULT.interactions
CELL_NAMES = DEFAULT.cell_names
NONE = CELL_NAMES[0]  # the cell with no intervention, 'none'
EFFECT_COLUMNS = ("metric", "effect", "order", "estimate", "low", "high", "n", "resolved",
                  "replicates_needed", "reading", "scale", "ratio", "ratio_low", "ratio_high",
                  "ratio_resolved")
CANNOT_TELL = "cannot tell"


def cell_name(code, design: Design = DEFAULT) -> str:
    """'micro+meso' for (1, 1, 0); 'none' for (0, 0, 0)."""
    return design.cell_name(code)


def sign(term: str, code, design: Design = DEFAULT) -> int:
    """The term's sign in a cell: the product of its factors' codes (-1 off, +1 on)."""
    return design.sign(term, code)


def contrast(term: str, values, design: Design = DEFAULT) -> float:
    """The effect of `term` in one replicate: mean of its + cells minus mean of its -
    cells. `values` maps each cell's code (or holds the values in cell order)."""
    return design.contrast(term, values)


# ------------------------------------------------------------------ the cells
def level_interventions(preset: str = PRESET) -> dict[str, list[tuple[str, dict]]]:
    """The preset's interventions grouped by the level their class declares."""
    from ..scenarios.loader import load_preset

    groups: dict[str, list[tuple[str, dict]]] = {f: [] for f in FACTORS}
    for kind, settings in load_preset(preset).interventions:
        groups[INTERVENTIONS[kind].level].append((kind, dict(settings)))
    return groups


def factorial_cells(years: int, cold_wave: bool = False, village=None,
                    residents: int | None = None, design: Design = DEFAULT,
                    spending: str = "budget") -> list:
    """The design's cells' scenarios, named as its cell names: the all_levels preset's
    village, budget and interventions (each cell keeps those its factors switch on),
    for `years`; the presets' cold wave only with `cold_wave`; on a village file (a
    path or a Roster) or with `residents` when given; their intensities scaled to one
    planned cost with `spending="matched"` (experiments/factorial_spending.py)."""
    cells = budget_cells(years, cold_wave, village, residents, design)
    return apply_spending(cells, spending)[0]


def budget_cells(years: int, cold_wave: bool = False, village=None,
                 residents: int | None = None, design: Design = DEFAULT) -> list:
    """The cells with the preset's settings, every cell on the same budget."""
    from ..scenarios.loader import load_preset

    full = load_preset(PRESET)
    if village is not None:
        full = full.with_village(village)
    if residents is not None:
        full = full.with_params(residents=residents)
    cells = []
    for code, name in zip(design.cells, design.cell_names):
        on = design.kinds_on(code)
        kept = [(kind, dict(settings)) for kind, settings in full.interventions
                if kind in on]
        cells.append(replace(full, name=name, years=years, interventions=kept,
                             shocks=[dict(s) for s in full.shocks] if cold_wave else [],
                             description=f"factorial cell {name}"))
    return cells


def first_shock_week(cold_wave: bool) -> int | None:
    """The week the presets' cold wave starts (None without it)."""
    from ..scenarios.loader import load_preset

    if not cold_wave:
        return None
    return min((s["week"] for s in load_preset(PRESET).shocks), default=None)


# ------------------------------------------------------------------ the runs
class Stopped(Exception):
    """Ctrl-C or lost workers before every run finished: `runs` holds those that did
    (cells.csv rows), `cause` the KeyboardInterrupt or WorkersLost."""

    def __init__(self, cause: BaseException, runs: pd.DataFrame, total: int):
        super().__init__(str(cause))
        self.cause, self.runs, self.total = cause, runs, total


def factorial_tasks(cells, replicates: int, seed: int, years: int) -> list[tuple]:
    """(scenario, replicate, seed, years), replicate by replicate: replicate i of every
    cell uses seed + i, and the 8 cells of a replicate run together."""
    return [(sc, i, seed + i, years) for i in range(replicates) for sc in cells]


def _run_cell(task) -> dict:
    """One cell, one seed: its compared metrics (computed as compare does)."""
    return run_replicate(*task).metrics


def run_factorial(cells, replicates: int, seed: int, years: int, workers: int = 1,
                  progress: bool | Callable = False, cancelled=None,
                  keep_workers: bool = False) -> pd.DataFrame:
    """Run every cell `replicates` times on the project's executor; the cells.csv rows.

    `progress`: True draws a bar; a function is called as progress(done, total,
    index). Ctrl-C or lost workers raise Stopped with the runs that finished."""
    tasks = factorial_tasks(cells, replicates, seed, years)
    design = Design(tuple(cells[-1].name.split("+")))  # the last cell has every factor on
    bar = ProgressBar(len(tasks), "factorial") if progress is True else None
    report = bar or (progress if callable(progress) else None)
    done: dict[int, dict] = {}
    try:
        for k, metrics in Executor(workers, keep=keep_workers).run(
                _run_cell, tasks, progress=report, cancelled=cancelled):
            done[k] = metrics
    except (KeyboardInterrupt, WorkersLost) as stop:
        raise Stopped(stop, runs_frame(tasks, done, design), len(tasks)) from stop
    finally:
        if bar is not None:
            bar.close()
    return runs_frame(tasks, done, design)


def runs_frame(tasks, done: dict[int, dict], design: Design = DEFAULT) -> pd.DataFrame:
    """One row per finished run in task order: cell, the factors (micro, meso, macro by
    default), replicate, seed and every compared metric (None -> NaN)."""
    codes = dict(zip(design.cell_names, design.cells))
    rows = []
    for k in sorted(done):
        sc, replicate, seed, _ = tasks[k]
        code = codes[sc.name]
        rows.append({"cell": sc.name, **dict(zip(design.factors, code)), "replicate": replicate,
                     "seed": seed, **{m: (np.nan if v is None else v)
                                      for m, v in done[k].items()}})
    columns = ["cell", *design.factors, "replicate", "seed"]
    frame = pd.DataFrame(rows, columns=columns + sorted(
        {m for r in rows for m in r} - set(columns), key=_metric_order))
    return frame


def _metric_order(name: str) -> int:
    return COMPARED.index(name) if name in COMPARED else len(COMPARED)


# ------------------------------------------------------------------ the analysis
@dataclass
class Factorial:
    runs: pd.DataFrame  # cells.csv: one row per cell and replicate
    means: pd.DataFrame  # cell, micro, meso, macro, metric, mean, low, high, n
    effects: pd.DataFrame  # EFFECT_COLUMNS
    provenance: dict = field(default_factory=dict)
    design: Design = DEFAULT

    @property
    def metrics(self) -> list[str]:
        return [m for m in COMPARED if m in self.runs.columns]

    @property
    def replicates(self) -> int:
        return int(self.runs["replicate"].nunique())

    def verdict(self, metric: str) -> dict:
        """The theory's question for one metric: `word` is 'reinforce' (an interaction
        resolved in the better direction, none in the worse), 'substitute' (the
        reverse), 'no direction' (neither higher nor lower is better) or 'cannot tell'
        (none resolved, or some each way); with the terms of each reading."""
        rows = self.effects[(self.effects.metric == metric)
                            & self.effects.effect.isin(self.design.interactions)]
        terms = {reading: rows[rows.reading == reading]["effect"].tolist()
                 for reading in ("reinforce", "substitute")}
        unclear = rows[~rows.reading.isin(["reinforce", "substitute"])]["effect"].tolist()
        if METRICS[metric].better is None:
            word = "no direction"
        elif terms["reinforce"] and not terms["substitute"]:
            word = "reinforce"
        elif terms["substitute"] and not terms["reinforce"]:
            word = "substitute"
        else:
            word = CANNOT_TELL
        return {"word": word, **terms, "unclear": unclear}

    def table(self) -> pd.DataFrame:
        """table.csv: one row per metric; each cell's 'mean [low, high]' (columns
        'cell NAME'), each effect's 'estimate [low, high]' with 'cannot tell' where the
        interval includes 0 (columns 'effect TERM') and the reading of the interactions
        (`levels`, or `factors` in a design of other factors: reinforce, substitute,
        cannot tell, no direction)."""
        cell_names, terms = self.design.cell_names, self.design.terms
        verdict = "levels" if self.design.is_levels else "factors"
        rows = []
        for metric in self.metrics:
            m = METRICS[metric]
            row = {"metric": m.label, "unit": m.unit}
            means = self.means[self.means.metric == metric].set_index("cell")
            for cell in cell_names:
                row[f"cell {cell}"] = _fmt(means.loc[cell]) if cell in means.index else ""
            effects = self.effects[self.effects.metric == metric].set_index("effect")
            for term in terms:
                e = effects.loc[term]
                text = _fmt({"mean": e["estimate"], "low": e["low"], "high": e["high"]})
                row[f"effect {term}"] = text if e["resolved"] else f"{text} {CANNOT_TELL}"
            row[verdict] = self.verdict(metric)["word"]
            rows.append(row)
        return pd.DataFrame(rows, columns=["metric", "unit", *(f"cell {c}" for c in cell_names),
                                           *(f"effect {t}" for t in terms), verdict])

    def save(self, out: Path) -> dict[str, Path]:
        """cells.csv, means.csv, effects.csv, table.csv, spending.csv (when the
        provenance records the spending) and factorial.json under `out` (the figure is
        visualization.factorial_figure.plot_factorial)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"cells": out / "cells.csv", "means": out / "means.csv",
                 "effects": out / "effects.csv", "table": out / "table.csv"}
        self.runs.to_csv(paths["cells"], index=False)
        self.means.to_csv(paths["means"], index=False)
        self.effects.to_csv(paths["effects"], index=False)
        self.table().to_csv(paths["table"], index=False)
        if self.provenance.get("spending"):
            paths["spending"] = out / "spending.csv"
            spending_table(self.provenance["spending"], self.means,
                           int(self.provenance.get("years", 0))).to_csv(paths["spending"],
                                                                        index=False)
        if self.provenance:
            paths["provenance"] = write_provenance(out, self.provenance, complete=True)
        return paths


def analyse(runs: pd.DataFrame, provenance: dict | None = None) -> Factorial:
    """Cell means with intervals and every factorial effect of every compared metric;
    the design is read from the runs' factor columns (cells.csv)."""
    from .factorial_effects import factorial_effects

    design = design_of_runs(runs)
    metrics = [m for m in COMPARED if m in runs.columns]
    return Factorial(runs=runs, means=cell_means(runs, metrics, design),
                     effects=factorial_effects(runs, metrics, design),
                     provenance=provenance or {}, design=design)


def cell_means(runs: pd.DataFrame, metrics, design: Design = DEFAULT) -> pd.DataFrame:
    """Each cell's mean and 95% interval over replicates, inside the metric's range."""
    rows = []
    for code, cell in zip(design.cells, design.cell_names):
        mine = runs[runs.cell == cell]
        for m in metrics:
            rows.append({"cell": cell, **dict(zip(design.factors, code)), "metric": m,
                         **metric_interval(m, mine[m].tolist())})
    return pd.DataFrame(rows, columns=["cell", *design.factors, "metric", "mean", "low",
                                       "high", "n"])


# ------------------------------------------------------------------ provenance
def provenance(cells, replicates: int, seed: int, years: int, cold_wave: bool = False,
               village: str | None = None, residents: int | None = None,
               design: Design = DEFAULT, spending: dict | None = None) -> dict:
    """What the factorial was made from, and the command that makes it again;
    `spending` is factorial_spending.apply_spending's record."""
    import mesa

    from .. import __version__

    rerun = f"villageaid factorial --replicates {replicates} --years {years} --seed {seed}"
    if residents is not None:
        rerun += f" --residents {residents}"
    if village is not None:
        rerun += f" --village {village}"
    if cold_wave:
        rerun += " --cold-wave"
    if not design.is_levels:
        rerun += f" --factors {','.join(design.factors)}"
    if spending is not None:
        rerun += f" --spending {spending['rule']}"
    return {
        "villageaid_version": __version__, "mesa_version": mesa.__version__,
        "numpy_version": np.__version__, "pandas_version": pd.__version__,
        "python_version": platform.python_version(),
        "design": f"{design.size} full factorial, common random numbers (replicate i of "
                  "every cell uses seed S + i)",
        # each factor and the interventions it switches, in the design's order
        "factors": {f: [k for k, _ in cells[-1].interventions  # the cell with all on
                        if k in members(f)] for f in design.factors},
        "replicates": replicates, "seeds": [seed, seed + replicates - 1], "years": years,
        "village": village or "default", "residents": cells[0].params.residents,
        "shocks": [dict(s) for s in cells[0].shocks] if cold_wave else "none",
        "effects": "per replicate, mean of the cells where the term is +1 minus mean of "
                   "those where it is -1; mean over replicates with the paired 95% "
                   "interval (stats.paired_difference)",
        "settings": {k: s for k, s in cells[-1].interventions},
        "cells": {sc.name: [k for k, _ in sc.interventions] for sc in cells},
        **({"spending": spending} if spending is not None else {}),
        "rerun": rerun,
    }


def write_provenance(out: Path, meta: dict, complete: bool, runs: int | None = None
                     ) -> Path:
    """factorial.json; `complete` false when the study stopped before every run."""
    data = {**meta, "complete": complete}
    if runs is not None:
        data["runs_finished"] = runs
    path = Path(out) / "factorial.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def save_partial(stop: Stopped, out: Path, meta: dict) -> dict[str, Path]:
    """What a stopped factorial keeps: the finished runs (cells.csv) and factorial.json."""
    out = Path(out)
    path = out / "cells.csv"
    stop.runs.to_csv(path, index=False)
    return {"cells": path, "provenance": write_provenance(out, meta, False, len(stop.runs))}
