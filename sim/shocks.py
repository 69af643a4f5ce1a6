"""Shocks a scenario can schedule, each at a week, with a severity and a duration.

A shock's `apply(model, week)` runs at the start of every week, before
interventions and needs; it acts only in its own weeks, on the model and on
the week's modifiers (week is the sim.week.Week just begun). Random choices (who migrates, who is
lost) come from the shock's own stream, so a shock does not reshuffle the
draws of anything else.

| kind | effect while it lasts |
|---|---|
| cold_wave | every need's weekly chance x (1 + severity); daily-living and emergency x (1 + 2 x severity) |
| epidemic | chronic and emergency chances x (1 + 2 x severity), companionship x (1 + severity); helpers' hours x (1 - severity / 2) |
| out_migration | at its first week, the share `severity` of working-age residents leave, with their ties |
| funding_cut | the budget's balance falls by the share `severity` at its first week; yearly income x (1 - severity) for the years that start while it lasts |
| volunteer_loss | at its first week, the share `severity` of active helpers, those who gave most hours, leave |
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..problems import Problem
from . import demography
from .params import Param, ParameterError, check_settings
from .population import CHRONIC, COMPANY, DAILY, EMERGENCY


def _setting(name, default, unit, low, high, doc):
    return Param(name, default, unit, low, high, "set by the scenario", doc, group="shock")


SHOCK_SETTINGS = (
    _setting("week", 105, "week", 1, 5200, "first week of the shock (105 = start of year 3)"),
    _setting("duration", 8, "weeks", 1, 520, "how many weeks the shock lasts"),
    _setting("severity", 0.5, "fraction", 0.0, 1.0, "how hard it hits (0 none, 1 extreme)"),
)


class Shock:
    kind = "shock"
    title = "Shock"

    def __init__(self, **settings: Any):
        values = check_settings(self.kind, SHOCK_SETTINGS, settings)
        self.week, self.duration, self.severity = (
            values["week"], values["duration"], values["severity"])

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind, "week": self.week, "duration": self.duration,
                "severity": self.severity}

    def is_on(self, week: int) -> bool:
        return self.week <= week < self.week + self.duration

    def apply(self, model, week) -> None:
        if self.is_on(week.number):
            self.act(model, week, first=week.number == self.week)

    def act(self, model, week, first: bool) -> None:
        raise NotImplementedError


class ColdWave(Shock):
    kind = "cold_wave"
    title = "Cold wave"

    def act(self, model, week, first):
        week.need_multiplier *= 1.0 + self.severity
        week.need_multiplier[[DAILY, EMERGENCY]] *= (1.0 + 2.0 * self.severity) / (
            1.0 + self.severity)


class Epidemic(Shock):
    kind = "epidemic"
    title = "Epidemic"

    def act(self, model, week, first):
        week.need_multiplier[[CHRONIC, EMERGENCY]] *= 1.0 + 2.0 * self.severity
        week.need_multiplier[COMPANY] *= 1.0 + self.severity
        week.hours_factor *= 1.0 - self.severity / 2.0


def _leave(model, residents: np.ndarray) -> None:
    """Residents move away: they are no longer present and their ties are cut; their
    households' elders count a migrated child more and their living arrangement is
    re-read (sim/demography.py)."""
    pop = model.population
    demography.move_away(pop, residents)
    pop.active[residents] = False
    pop.withdrawn[residents] = False
    model.ties.cut_ties_of(residents)


class OutMigration(Shock):
    kind = "out_migration"
    title = "Out-migration wave"

    def act(self, model, week, first):
        if not first:
            return
        pop = model.population
        u = model.streams.at(f"shock:{self.kind}", self.week).random(pop.size)
        leaving = np.flatnonzero(pop.present & ~pop.is_elder & (u < self.severity))
        _leave(model, leaving)
        self.left = len(leaving)


class FundingCut(Shock):
    kind = "funding_cut"
    title = "Funding cut"

    def act(self, model, week, first):
        if first:
            model.budget.balance *= 1.0 - self.severity
        model.budget.income_scale = min(model.budget.income_scale, 1.0 - self.severity)


class VolunteerLoss(Shock):
    kind = "volunteer_loss"
    title = "Loss of key volunteers"

    def act(self, model, week, first):
        if not first:
            return
        pop = model.population
        active = np.flatnonzero(model.volunteering)
        k = int(round(self.severity * len(active)))
        # the most committed first: most hours given so far, lowest index on ties
        key = np.lexsort((active, -pop.hours_given[active]))
        _leave(model, active[key[:k]])
        self.left = k


SHOCKS: dict[str, type[Shock]] = {
    cls.kind: cls for cls in (ColdWave, Epidemic, OutMigration, FundingCut, VolunteerLoss)
}


def make_shock(kind: str, **settings) -> Shock:
    if kind not in SHOCKS:
        raise ParameterError([Problem("unknown_shock", "shock kind", kind,
                                      {"names": ", ".join(SHOCKS)}, shown=repr(kind))])
    return SHOCKS[kind](**settings)
