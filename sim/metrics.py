"""What every run records each week: the time series (the agent table: sim/agent_table.py).

The time series is written into preallocated arrays, one row per week, so
recording costs a few array reductions a week (Mesa's DataCollector, computing
each reporter over the agents, would cost more than the model step). The model
still offers a mesa.DataCollector (TimeSeriesCollector) for Mesa's own tools: it
copies headline columns of the row just recorded.
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import mesa
import numpy as np
import pandas as pd
from numba import njit

from .population import CHANNELS, NEED_TYPES
from .helping import HelpWeek
from .interventions import INTERVENTIONS, Column
from .wellbeing import Elders

# The columns interventions declare (Intervention.COLUMNS), each with the value
# it holds in a run without that intervention.
INTERVENTION_COLUMNS: dict[str, Column] = {
    c.name: c for cls in INTERVENTIONS.values() for c in cls.COLUMNS}

# Need hours: each need counted at the hours of help its type takes
# (hours_per_<type>_need), in the order _elder_week_stats gives them (WeekStats.hours).
HOUR_COLUMNS: dict[str, tuple[str, str]] = {
    "need_hours": ("hours", "hours of help this week's needs take, all types, the care "
                            "given at home included"),
    **{f"need_hours_{t}": ("hours", f"hours of help this week's {t} needs take")
       for t in NEED_TYPES},
    "met_hours": ("hours", "hours of help of the needs met this week"),
    **{f"met_hours_{t}": ("hours", f"hours of help of the {t} needs met this week")
       for t in NEED_TYPES},
    **{f"met_hours_by_{c}": ("hours", f"hours of help of the needs met this week through "
                                      f"the {c} channel") for c in CHANNELS},
    "met_hours_at_home": ("hours", "hours of daily-living care given by a spouse or family "
                                   "at home this week"),
    "unmet_hours": ("hours", "hours of help of the needs left unmet this week"),
    **{f"unmet_hours_{t}": ("hours", f"hours of help of the {t} needs left unmet this week")
       for t in NEED_TYPES},
}

# Column name -> (unit, meaning): the model's own columns, the interventions'
# columns, then cohesion. Spending columns per intervention are added at run
# time as spent_<name>.
TIMESERIES_COLUMNS: dict[str, tuple[str, str]] = {
    "week": ("week", "simulated week, 1 = first week"),
    **{f"needs_{t}": ("needs", f"{t} needs arising this week") for t in NEED_TYPES},
    **{f"met_{t}": ("needs", f"{t} needs met this week") for t in NEED_TYPES},
    **{f"met_by_{c}": ("needs", f"needs met this week through the {c} channel") for c in CHANNELS},
    "needs": ("needs", "all needs arising this week"),
    "met": ("needs", "all needs met this week"),
    "unmet": ("needs", "needs left unmet this week"),
    **HOUR_COLUMNS,
    "coverage": ("fraction", "share of this week's needs met (1 when none arose)"),
    "share_giving": ("fraction of elders", "elders who helped someone this week"),
    "share_receiving": ("fraction of elders", "elders who had a need met this week"),
    "share_withdrawn": ("fraction of elders", "elders who have withdrawn"),
    "participation": ("fraction of elders",
                      "elders who gave or received non-family help in the last 4 weeks"),
    "participation_giving": ("fraction of elders",
                             "elders who gave non-family help in the last 4 weeks"),
    "participation_receiving": ("fraction of elders",
                                "elders who received non-family help in the last 4 weeks"),
    "willing": ("fraction of elders",
                "elders not withdrawn whose trust is at or above the ask threshold"),
    "mean_efficacy": ("0-1", "mean self-efficacy of elders"),
    "mean_loneliness": ("0-1", "mean loneliness of elders"),
    "helpers_active": ("persons", "helpers volunteering beyond kin"),
    "mean_burnout": ("0-1", "mean burnout of active helpers"),
    "dropouts": ("persons", "helpers who dropped out this week"),
    "returns": ("persons", "drop-outs who came back this week"),
    "hours_given": ("hours", "hours of help given beyond kin this week"),
    "mean_trust": ("0-1", "mean trust of elders in mutual aid"),
    "credibility": ("0-1", "village committee's credibility"),
    "budget_balance": ("CNY", "money left in the committee's budget"),
    "spent": ("CNY", "money spent this week, all interventions"),
    "ties_used": ("ties", "ties that carried help in the last 4 weeks"),
    "coverage_alone": ("fraction", "share of needs met this week, elders living alone"),
    "coverage_not_alone": ("fraction", "share of needs met this week, other elders"),
    **{c.name: (c.unit, c.meaning) for c in INTERVENTION_COLUMNS.values()},
    "adl_without_care": ("fraction of elders", "elders with an ADL limitation who had no "
                         "care this week, at home or from anyone else"),
    "residents": ("persons", "residents living in the village (not away, not dead)"),
    "elders": ("persons", "residents aged 60 or over living in the village"),
    "deaths": ("persons", "residents who died this week"),
    "widowed": ("persons", "elders whose spouse died this week (they now live alone)"),
    "new_elders": ("persons", "residents who turned 60 (counted in a year's first week)"),
    "left": ("persons", "working-age residents who left for work (a year's first week)"),
    "returned": ("persons", "villagers who came home (a year's first week)"),
    "stopped_helping": ("persons", "helpers no longer fit to help (a year's first week; "
                                   "deaths not counted)"),
    "joined": ("persons", "elders who started helping on their own this week"),
    "cohesion": ("fraction of elders",
                 "elders in the largest component of ties used in the last 4 weeks "
                 "(computed every 4th week, carried between)"),
}


# The model's own columns that TimeSeries.record writes one by one, in its order.
OWN_COLUMNS = (
    "week", "needs", "met", "unmet", "coverage", "share_giving", "share_receiving",
    "share_withdrawn", "participation", "participation_giving", "participation_receiving",
    "adl_without_care", "residents", "elders", "deaths", "widowed", "new_elders", "left",
    "returned", "stopped_helping", "joined", "willing", "mean_efficacy", "mean_loneliness",
    "helpers_active", "mean_burnout", "dropouts", "returns", "hours_given", "mean_trust",
    "credibility", "budget_balance", "spent", "ties_used", "coverage_alone",
    "coverage_not_alone", "cohesion",
)


def _share(part, whole) -> float:
    return float(part) / float(whole) if whole else 1.0


class WeekStats(NamedTuple):
    """The week's counts and sums over the elders (_elder_week_stats)."""

    needs: np.ndarray  # [4] needs arising, by need type
    met: np.ndarray  # [4] needs met, by need type
    met_by: np.ndarray  # [4] needs met, by channel
    hours: np.ndarray  # [19] need, met and unmet hours beyond the home, in the order of
    # HOUR_COLUMNS without met_hours_at_home (the record adds the care at home)
    present: float  # elders present (the rest counts these only)
    giving: float  # ... who helped someone
    receiving: float  # ... who had a need met
    withdrawn: float
    willing: float  # ... not withdrawn, trusting enough to ask
    participating: float  # ... who gave or received non-family help in the last 4 weeks
    giving_4w: float  # ... who gave non-family help in the last 4 weeks
    receiving_4w: float  # ... who received non-family help in the last 4 weeks
    sum_efficacy: float
    sum_loneliness: float
    sum_trust: float
    needs_alone: float  # needs arising, elders living alone
    met_alone: float
    needs_other: float  # needs arising, other elders
    met_other: float
    adl: float  # elders present with an ADL limitation
    adl_without_care: float  # ... who had no care this week, at home or from anyone


@njit(cache=True)
def _elder_week_stats(hw, elders, week, trust_floor, frailty, adl_frailty,
                      home_care):  # pragma: no cover - compiled
    """One pass over the elders for the week's counts and sums, in the order of WeekStats.

    hw (helping.HelpWeek) and elders (wellbeing.Elders) come as plain tuples
    (numba types those faster) and are named again here.
    """
    hw, elders = HelpWeek(*hw), Elders(*elders)
    need, open_, channel = hw.need, hw.open, hw.channel
    needs, met, met_by = np.zeros(4), np.zeros(4), np.zeros(4)
    need_h, unmet_h, met_hours_by = np.zeros(4), np.zeros(4), np.zeros(4)
    present = giving = receiving = withdrawn = willing = participating = 0.0
    giving_4w = receiving_4w = 0.0
    adl = adl_without_care = 0.0
    sum_efficacy = sum_loneliness = sum_trust = 0.0
    needs_alone = met_alone = needs_other = met_other = 0.0
    for i in range(len(elders.present)):
        alone = elders.living[i] == 0
        got = False
        for c in range(4):
            met_hours_by[c] += hw.given_by[i, c]
        for t in range(4):
            if need[i, t]:
                need_h[t] += hw.need_hours[i, t]
                unmet_h[t] += hw.need_left[i, t]
                needs[t] += 1.0
                if alone:
                    needs_alone += 1.0
                else:
                    needs_other += 1.0
                if not open_[i, t]:
                    got = True
                    met[t] += 1.0
                    met_by[channel[i, t]] += 1.0
                    if alone:
                        met_alone += 1.0
                    else:
                        met_other += 1.0
        if not elders.present[i]:
            continue
        present += 1.0
        if frailty[i] >= adl_frailty:
            adl += 1.0
            cared = home_care[i] > 0
            for c in range(4):
                cared = cared or hw.given_by[i, c] > 0
            if not cared:
                adl_without_care += 1.0
        if hw.tasks[i] > 0:
            giving += 1.0
        if got:
            receiving += 1.0
        if elders.withdrawn[i]:
            withdrawn += 1.0
        elif elders.trust[i] >= trust_floor:
            willing += 1.0
        if week - elders.last_mutual[i] < 4:
            participating += 1.0
        if week - elders.last_gave[i] < 4:
            giving_4w += 1.0
        if week - elders.last_received[i] < 4:
            receiving_4w += 1.0
        sum_efficacy += elders.efficacy[i]
        sum_loneliness += elders.loneliness[i]
        sum_trust += elders.trust[i]
    # a plain tuple in WeekStats' field order: boxing a named tuple costs more per call
    met_h = need_h - unmet_h
    hours_row = np.empty(19)  # the 19 HOUR_COLUMNS, in their order
    hours_row[0], hours_row[1:5] = need_h.sum(), need_h
    hours_row[5], hours_row[6:10] = met_h.sum(), met_h
    hours_row[10:14] = met_hours_by
    hours_row[14], hours_row[15:19] = unmet_h.sum(), unmet_h
    return (needs, met, met_by, hours_row, present, giving, receiving, withdrawn, willing,
            participating, giving_4w, receiving_4w, sum_efficacy, sum_loneliness, sum_trust,
            needs_alone, met_alone, needs_other, met_other, adl, adl_without_care)


def _recorders(interventions) -> list:
    """The attached interventions that record columns: of two declaring the same
    column, the first attached."""
    recorders, taken = [], set()
    for intervention in interventions:
        names = {c.name for c in intervention.COLUMNS}
        if names and not names & taken:
            recorders.append(intervention)
            taken |= names
    return recorders


class TimeSeries:
    def __init__(self, model, capacity: int):
        self._recorders = _recorders(model.interventions)
        recorded = [c for i in self._recorders for c in i.COLUMNS]
        # columns of interventions not attached hold their `absent` value
        self._absent = {name: c.absent for name, c in INTERVENTION_COLUMNS.items()
                        if name not in {c.name for c in recorded}}
        self.names = (list(TIMESERIES_COLUMNS)
                      + [c.name for c in recorded if c.name not in TIMESERIES_COLUMNS]
                      + [f"spent_{i.name}" for i in model.interventions])
        self.capacity = max(capacity, 1)
        self.data = np.zeros((self.capacity, len(self.names)))
        self.rows = 0
        self._col = {name: k for k, name in enumerate(self.names)}
        # HOUR_COLUMNS lie side by side from need_hours; met_hours_at_home is added
        self._hours = [self._col[c] for c in HOUR_COLUMNS if c != "met_hours_at_home"]
        self._home = [self._col[c] for c in ("need_hours", "need_hours_daily", "met_hours",
                                             "met_hours_daily", "met_hours_at_home")]
        self._own_at = [self._col[name] for name in OWN_COLUMNS]
        # counts by need type and by channel, written as one block each week
        self._by_type = [self._col[c] for c in (
            [f"needs_{t}" for t in NEED_TYPES] + [f"met_{t}" for t in NEED_TYPES]
            + [f"met_by_{c}" for c in CHANNELS])]
        # absent interventions' columns hold a constant: written once per block of rows
        self._absent_at = [self._col[name] for name in self._absent]
        self._absent_values = np.array(list(self._absent.values()), float)
        self.data[:, self._absent_at] = self._absent_values

    def _grow(self) -> None:
        more = np.zeros_like(self.data)
        more[:, self._absent_at] = self._absent_values
        self.data = np.vstack([self.data, more])
        self.capacity = len(self.data)

    def record(self, model, week) -> None:
        """Write week's row (week: the sim.week.Week just run)."""
        if self.rows == self.capacity:
            self._grow()
        pop, hw, number = model.population, week.help, week.number
        E = model.n_elders
        home = week.home_care if week.home_care is not None else np.zeros(E)
        st = WeekStats(*_elder_week_stats(tuple(hw), model.elder_rows, number,
                                          model.params.ask_trust_floor,
                                          model.population.frailty[:E],
                                          model.params.adl_frailty, home))
        per_elder = 1.0 / max(st.present, 1.0)
        needs, met = st.needs.sum(), st.met.sum()
        volunteering = model.volunteering
        n_vol = int(volunteering.sum())
        row = self.data[self.rows]
        row[self._by_type] = np.concatenate((st.needs, st.met, st.met_by))
        values = (
            number, needs, met, needs - met, _share(met, needs),
            st.giving * per_elder, st.receiving * per_elder, st.withdrawn * per_elder,
            st.participating * per_elder, st.giving_4w * per_elder,
            st.receiving_4w * per_elder,
            _share(st.adl_without_care, st.adl) if st.adl else 0.0,
            int(pop.present.sum()), st.present,
            week.deaths, week.widowed, week.new_elders, week.left, week.returned,
            week.stopped_helping, week.joined,
            st.willing * per_elder, st.sum_efficacy * per_elder, st.sum_loneliness * per_elder,
            n_vol, pop.burnout[volunteering].mean() if n_vol else 0.0,
            week.dropouts, week.returns, hw.hours.sum(), st.sum_trust * per_elder,
            model.committee.credibility, model.budget.balance,
            sum(model.budget.spent_week.values()),
            int((model.ties.last_used > number - 4).sum()),
            _share(st.met_alone, st.needs_alone), _share(st.met_other, st.needs_other),
            model.cohesion,
        )
        row[self._own_at] = values  # in the order of OWN_COLUMNS
        values = {}
        for intervention in self._recorders:
            values.update(intervention.record(model, week))
        for i in model.interventions:
            values[f"spent_{i.name}"] = model.budget.spent_week.get(i.name, 0.0)
        for name, value in values.items():
            row[self._col[name]] = value
        row[self._hours] = st.hours
        row[self._home] += float(week.home_care.sum()) if week.home_care is not None else 0.0
        self.rows += 1
        # Mesa's DataCollector, if the model has one, takes its row from here.
        collector = getattr(model, "datacollector", None)
        if collector is not None:
            collector.collect(model)

    def latest(self, name: str) -> int | float | None:
        """The last recorded week's value of column `name` (None before the first week)."""
        if not self.rows:
            return None
        value = self.data[self.rows - 1, self._col[name]]
        return int(value) if is_count(name) else float(value)

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.data[: self.rows], columns=self.names)
        return frame.astype({c: "int64" for c in self.names if is_count(c)})


def is_count(name: str) -> bool:
    """Whether a time-series column holds whole numbers (counts, the week)."""
    return ((name.startswith(("needs", "met", "unmet")) and "hours" not in name)
            or name in ("week", "helpers_active", "dropouts", "returns", "residents", "elders",
                        "deaths", "widowed", "new_elders", "left", "returned",
                        "stopped_helping", "joined"))


def _latest(model, column: str):
    return model.timeseries.latest(column)


class TimeSeriesCollector(mesa.DataCollector):
    """A mesa.DataCollector whose model reporters are columns of the model's TimeSeries.

    Mesa's tools (batch_run, SolaraViz's plots) read it as any DataCollector: one
    row per `collect`, the reporters named like the time-series columns, plus
    "seed" (the run's seed). `collect`, called by TimeSeries.record each week,
    only notes which row of the time series was just recorded; `model_vars` copies
    those rows out when read, so a run that never reads it pays nothing. Reporters
    a user adds are collected the Mesa way from then on.
    """

    def __init__(self, columns):
        self._vars: dict[str, list] = {}
        self._rows: list[int] = []  # time-series row of each collection not yet copied
        self._timeseries = None
        self._seed = None
        reporters = {"seed": "seed", **{c: partial(_latest, column=c) for c in columns}}
        super().__init__(model_reporters=reporters)
        self._own = dict(reporters)
        self._columns = list(columns)

    @property
    def model_vars(self) -> dict[str, list]:
        self._copy_rows()
        return self._vars

    @model_vars.setter
    def model_vars(self, value: dict[str, list]) -> None:
        self._vars = value

    def _copy_rows(self) -> None:
        if not self._rows:
            return
        data, col = self._timeseries.data, self._timeseries._col
        rows, self._rows = self._rows, []
        self._vars["seed"].extend([self._seed] * len(rows))
        for name in self._columns:
            values = data[rows, col[name]]
            self._vars[name].extend((values.astype(np.int64) if is_count(name) else values)
                                    .tolist())

    def collect(self, model) -> None:
        ts = model.timeseries
        if (not ts.rows or self.agent_reporters or self.agenttype_reporters
                or self.model_reporters != self._own):
            self._copy_rows()
            super().collect(model)
            return
        self._timeseries, self._seed = ts, model.seed
        self._collection_steps.append(model.time)
        self._rows.append(ts.rows - 1)
