"""The agent table of a run: one row per resident alive at the end who lived in the
village at some time in the run, with the columns AGENT_COLUMNS lists (unit, meaning).

The weekly time series is in sim/metrics.py; run_village (sim/run.py) collects both
into a RunResult.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

AGENT_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("index", "resident index"),
    "kind": ("", "elder or working-age (at the end, or when they died or left)"),
    "status": ("", "at the end: living here, or away (left the village during the run)"),
    "village": ("index", "village of the township"),
    "age": ("years", "age at the end"),
    "female": ("bool", "a woman (else a man)"),
    "living_alone": ("bool", "elder living alone"),
    "empty_nest": ("bool", "elder living alone or with a spouse only"),
    "frailty": ("0-1", "frailty"),
    "efficacy": ("0-1", "self-efficacy at the end"),
    "loneliness": ("0-1", "loneliness at the end"),
    "withdrawn": ("bool", "withdrawn at the end"),
    "needs_arisen": ("needs", "needs over the run"),
    "needs_met": ("needs", "needs met over the run"),
    "hours_given": ("hours", "hours of help given over the run (kin included)"),
    "helper": ("bool", "in the volunteer pool"),
    "burnout": ("0-1", "burnout at the end"),
    "active": ("bool", "volunteering at the end"),
    "dropouts": ("times", "times dropped out"),
}


def agent_table(model) -> pd.DataFrame:
    """One row per resident alive at the end who lived in the village at some time in
    the run (those living away throughout are left out; deaths are counted in the time
    series, and the dead's needs in equity.csv), in the model's order."""
    pop = model.population
    return pd.DataFrame({
        "id": np.arange(pop.size),
        "kind": np.where(pop.is_elder, "elder", "working-age"),
        "status": np.where(pop.present, "living here", "away"),
        "village": pop.village,
        "age": pop.age,
        "female": pop.female,
        "living_alone": pop.is_elder & (pop.living == 0),
        "empty_nest": pop.is_elder & (pop.living != 2),
        "frailty": pop.frailty,
        "efficacy": pop.efficacy,
        "loneliness": pop.loneliness,
        "withdrawn": pop.withdrawn,
        "needs_arisen": pop.needs_arisen,
        "needs_met": pop.needs_met,
        "hours_given": pop.hours_given,
        "helper": pop.helper,
        "burnout": pop.burnout,
        "active": pop.active & pop.helper,
        "dropouts": pop.dropouts,
    })[pop.lived_here & pop.alive].reset_index(drop=True)


