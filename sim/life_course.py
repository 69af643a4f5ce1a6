"""The life course in the weekly schedule: a year of demography, the consequences of
the week's unmet needs and deaths, and elders who start helping on their own.

These are the model's stages `_age_a_year`, `_life_course` and `_join_helpers`
(VillageModel delegates to them); the rules themselves are in sim/demography.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import demography
from .attributes import fit_to_help

if TYPE_CHECKING:
    from .week import Week


def age_a_year(model, year: int, week: Week) -> None:
    """A year of the life course (sim/demography.py); the elders' views are re-read."""
    pop = model.population
    n = pop.size
    u = {name: model.streams.at(name, year).random(n)
         for name in ("chronic", "leave", "return")}
    u["frailty"] = model.streams.at("frailty", year).standard_normal(n)
    model.year_events = demography.new_year(model.params, pop, u)
    model._set_elders()
    model._sync_agents()
    week.new_elders = model.year_events.new_elders
    week.left, week.returned = model.year_events.left, model.year_events.returned
    week.stopped_helping = model.year_events.stopped_helping


def join_helpers(model, week: Week) -> None:
    """From recipient to provider: an elder fit to help and not yet a helper, whose
    sense of agency is restored (efficacy >= join_efficacy), who trusts mutual aid
    enough to ask (ask_trust_floor) and has a tie to someone who helped beyond kin
    this week, is asked to join and does so with chance join_chance."""
    p, pop, E, t = model.params, model.population, model.n_elders, model.ties
    u = model.streams.at("join", model.week).random(E)
    gave = week.help.hours > 0
    c = np.flatnonzero(u < p.join_chance)  # the few asked this week, first
    candidates = c[pop.present[c] & ~pop.helper[c] & ~pop.withdrawn[c]
                   & (pop.efficacy[c] >= p.join_efficacy) & (pop.trust[c] >= p.ask_trust_floor)
                   & fit_to_help(pop.is_elder[c], pop.age[c], pop.frailty[c])]
    asked = t.with_tie_to(candidates, gave)
    model.enlist_helpers(asked)
    week.joined = len(asked)


def week_of_life(model, week: Week) -> None:
    """What this week's unmet needs lead to, who joins the helpers, and deaths.

    Unmet daily-living hours carry into next week (unmet_daily_carryover); with
    demography on, each unmet chronic-care need adds frailty, an unmet emergency
    may end in death (unmet_emergency_death) or leaves the elder frailer, and
    residents die at their age's, sex's and frailty's rate (sim/demography.py).
    """
    p, pop, E = model.params, model.population, model.n_elders
    u_emergency = (model.streams.at("emergency_outcome", model.week).random(E)
                   if p.demography else None)
    fatal = demography.unmet_consequences(p, week.help, pop.frailty[:E],
                                          pop.daily_backlog[:E], u_emergency)
    join_helpers(model, week)
    if not p.demography:
        return
    u_death = model.streams.at("death", model.week).random(pop.size)
    dying = demography.weekly_deaths(p, pop, u_death, model._death_by_age)
    if len(fatal):
        dying = np.union1d(dying, fatal)
    week.deaths = len(dying)
    week.widowed = demography.die(pop, dying)
    if len(dying):
        model._sync_agents()
        helpers = dying[pop.helper[dying]]
        demography.stop_helping(pop, helpers)
