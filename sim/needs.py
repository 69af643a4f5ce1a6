"""The week's needs, in hours: what elders' frailty, household, loneliness and illness ask for.

Daily living: the care an elder's functional limitations need (IADL from
iadl_frailty, ADL on top from adl_frailty), less what a spouse or family at home
give (household_need_couple, household_need_family), plus what was left undone
last week (unmet_daily_carryover), plus now and then a task beyond the household
(chance need_daily x frailty x the household factor). Companionship, chronic
care and emergencies arise by chance, driven by loneliness, chronic illness and
frailty, and take hours_per_<type>_need each. One compiled loop over the elders
(VillageModel._arise_needs calls it every week).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .params import VillageParams


class NeedRules(NamedTuple):
    """The parameters of needs arising, as the compiled loop takes them."""

    household: np.ndarray  # float [3]: share of care needed from beyond the household
    hours: np.ndarray  # float [4]: hours one need of each type takes
    need_daily: float
    need_company: float
    company_base: float
    need_chronic: float
    need_emergency: float
    iadl_frailty: float
    adl_frailty: float
    care_hours_iadl: float
    care_hours_adl: float


def need_hours(p: VillageParams) -> np.ndarray:
    """Hours one need of each type takes, in the order of population.NEED_TYPES."""
    return np.array([p.hours_per_daily_need, p.hours_per_company_need,
                     p.hours_per_chronic_need, p.hours_per_emergency_need])


def household_need(p: VillageParams) -> np.ndarray:
    """Factor on the daily-living need chance by living arrangement, in the order of
    population.LIVING_NAMES (alone, couple only, with family)."""
    return np.array([1.0, p.household_need_couple, p.household_need_family])


def need_rules(p: VillageParams) -> NeedRules:
    return NeedRules(household_need(p), need_hours(p), p.need_daily, p.need_company,
                     p.company_base, p.need_chronic, p.need_emergency, p.iadl_frailty,
                     p.adl_frailty, p.care_hours_iadl, p.care_hours_adl)


def arise(rules: NeedRules, u, frailty, loneliness, chronic, living, present, backlog,
          multiplier) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(need bool [E, 4], hours float [E, 4], care given at home float [E]) this week,
    from one uniform per elder and need type (u [E, 4]) and the week's factor on each
    type (multiplier [4])."""
    return _arise(tuple(rules), u, frailty, loneliness, chronic, living, present, backlog,
                  multiplier)


@njit(cache=True)
def _arise(rules, u, frailty, loneliness, chronic, living, present, backlog,
           multiplier):  # pragma: no cover - compiled
    rules = NeedRules(*rules)
    n = len(frailty)
    need = np.zeros((n, 4), np.bool_)
    hours = np.empty((n, 4))
    home = np.empty(n)
    for i in range(n):
        f = frailty[i]
        h = rules.household[living[i]]
        care = (rules.care_hours_iadl * (f >= rules.iadl_frailty)
                + rules.care_hours_adl * (f >= rules.adl_frailty)) * multiplier[0] * present[i]
        home[i] = care * (1.0 - h)
        chance_daily = rules.need_daily * f * h * multiplier[0]
        hours[i, 0] = ((u[i, 0] < chance_daily) * rules.hours[0] + care * h) + backlog[i]
        need[i, 0] = hours[i, 0] > 0 and present[i]
        chances = (rules.need_company * (rules.company_base + loneliness[i]) * multiplier[1],
                   rules.need_chronic * chronic[i] * multiplier[2],
                   rules.need_emergency * f * multiplier[3])
        for t in range(1, 4):
            hours[i, t] = rules.hours[t]
            need[i, t] = u[i, t] < chances[t - 1] and present[i]
    return need, hours, home
