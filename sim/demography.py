"""The life course: residents age, grow frail, fall ill, die, leave and come home.

Every rate is a model parameter (group "demography" in sim/params.py, with its
source). Deaths are drawn every week; ageing, frailty, chronic illness, turning
60, migration and the end of helping for those no longer fit are yearly, at the
start of each year after the first. Each kind of event draws from its own
stream, one number per resident whether used or not, so a death in one village
never shifts the draws of another (common random numbers).

The population arrays stay oldest first (everyone ages alike), so the elders
are always the first residents and those turning 60 extend them; the model
re-reads its elder views after a year's events (VillageModel._set_elders).

Living arrangements follow from who is in the household: when a spouse dies the
survivor lives alone (widowhood); a child who leaves or comes home changes the
household and the elder's count of migrated children.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from .committee import WEEKS_PER_YEAR
from .params import VillageParams
from .population import ALONE, COUPLE, WITH_FAMILY, Population
from .attributes import FRAILTY_CONCENTRATION, fit_to_help, mean_frailty

ELDER_AGE = 60
OUT_MIGRATION_MAX_AGE = 44  # working-age residents up to this age may leave for work


@dataclass
class YearEvents:
    """What a year's demography changed, for the time series."""

    new_elders: int = 0
    left: int = 0
    returned: int = 0
    stopped_helping: int = 0


def death_rate(p: VillageParams, age, female, frailty, by_age=None) -> np.ndarray:
    """Yearly death rate: Gompertz in age from the rate at 62 for each sex (the life
    table's rates are averages over everyone of that age), times the frailty hazard
    ratio exp(mortality_frailty x frailty) relative to its mean over the initial
    frailty draw for that age, so that a cohort frail as the initial draw dies at the
    life table's rate and one made frailer (by unmet care) dies faster. by_age: the
    year's death_rate_by_age of these residents, when already known."""
    gompertz, ratio = death_rate_by_age(p, age, female) if by_age is None else by_age
    return gompertz * np.exp(p.mortality_frailty * frailty) / ratio


def death_rate_by_age(p: VillageParams, age, female) -> tuple[np.ndarray, np.ndarray]:
    """The parts of death_rate fixed for a year: the Gompertz rate for age and sex, and
    the mean hazard ratio of frailty it is divided by."""
    at_62 = np.where(female, p.mortality_women_62, p.mortality_men_62)
    return at_62 * np.exp(p.mortality_growth * (age - 62)), _mean_hazard_ratio(p, age)


def _mean_hazard_ratio(p: VillageParams, age) -> np.ndarray:
    """E[exp(mortality_frailty x F)] for F drawn as the initial frailty of that age
    (a Beta with mean mean_frailty(age) and concentration FRAILTY_CONCENTRATION)."""
    key = p.mortality_frailty
    if _ratio_cache.get("key") != key:
        from scipy.stats import beta

        x = np.linspace(0.0005, 0.9995, 1000)
        ages = np.arange(0, 131)
        m = mean_frailty(ages)[:, None]
        pdf = beta.pdf(x[None, :], m * FRAILTY_CONCENTRATION, (1 - m) * FRAILTY_CONCENTRATION)
        ratio = (pdf * np.exp(key * x)).sum(axis=1) / pdf.sum(axis=1)
        _ratio_cache.update(key=key, ratio=ratio)
    return _ratio_cache["ratio"][np.clip(age, 0, 130)]


_ratio_cache: dict = {}


def weekly_deaths(p: VillageParams, pop: Population, u: np.ndarray,
                  by_age: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Residents present who die this week (u: one uniform per resident; by_age: this
    year's death_rate_by_age of every resident)."""
    rate = death_rate(p, pop.age, pop.female, pop.frailty, by_age)
    chance = 1.0 - np.exp(-rate / WEEKS_PER_YEAR)
    return np.flatnonzero(pop.present & (u < chance))


def die(pop: Population, who: np.ndarray) -> int:
    """Remove the dead from the village; the households they leave are re-read.
    Returns how many elders were widowed (their spouse died; they now live alone)."""
    if not len(who):
        return 0
    pop.alive[who] = False
    pop.age_at_death[who] = pop.age[who]
    pop.present[who] = False
    pop.withdrawn[who] = False
    households = np.unique(pop.household[who])
    members = members_of(pop, households)
    members = members[pop.present[members] & pop.is_elder[members]]
    couple_before = pop.living[members] == COUPLE
    update_living(pop, households)
    return int((couple_before & (pop.living[members] == ALONE)).sum())


def members_of(pop: Population, households: np.ndarray) -> np.ndarray:
    """The residents of `households` (present or not), household by household.
    Households never change members (a returnee comes home to their own), so the
    index is built once per population."""
    index = pop.__dict__.get("_household_index")
    if index is None or len(index[1]) != pop.size:
        order = np.argsort(pop.household, kind="stable")
        starts = np.searchsorted(pop.household[order], np.arange(pop.household.max() + 2))
        index = pop.__dict__["_household_index"] = (starts, order)
    starts, order = index
    households = np.asarray(households, np.int64)
    if len(households) == 1:
        h = households[0]
        return order[starts[h]:starts[h + 1]]
    return np.concatenate([order[starts[h]:starts[h + 1]] for h in households])


def update_living(pop: Population, households: np.ndarray) -> None:
    """Living arrangement of the elders present in `households`, from the household's
    present members: alone, a couple of two elders, or with family."""
    for h in households:
        members = members_of(pop, np.array([h]))
        members = members[pop.present[members]]
        elders = members[pop.is_elder[members]]
        if not len(elders):
            continue
        adults = len(members) - len(elders)
        pop.living[elders] = (ALONE if len(members) == 1 else
                              COUPLE if len(members) == 2 and adults == 0 else WITH_FAMILY)


def new_year(p: VillageParams, pop: Population, u: dict[str, np.ndarray]) -> YearEvents:
    """A year's ageing, frailty, chronic illness, new elders, migration, and helpers
    who are no longer fit. u: one array of uniforms (or normals, "frailty") per
    resident for each kind of event."""
    events = YearEvents()
    alive = pop.alive
    pop.age += 1  # the dead too: the population stays oldest first
    elder = pop.is_elder & pop.present
    pop.frailty[elder] = np.clip(pop.frailty[elder] + p.frailty_drift
                                 + p.frailty_noise * u["frailty"][elder], 0.0, 1.0)
    onset = elder & ~pop.chronic & (u["chronic"] < p.chronic_onset)
    pop.chronic[onset] = True
    turning = ~pop.is_elder & (pop.age >= ELDER_AGE)
    pop.is_elder[turning] = True
    turning &= alive
    events.new_elders = int((turning & pop.present).sum())
    events.left, events.returned = _migrate(p, pop, u["leave"], u["return"], turning)
    stop = pop.helper & pop.present & ~fit_to_help(pop.is_elder, pop.age, pop.frailty)
    stop_helping(pop, np.flatnonzero(stop))
    events.stopped_helping = int(stop.sum())
    return events


def stop_helping(pop: Population, who: np.ndarray) -> None:
    """Helpers no longer fit to help stop (they may now need help themselves)."""
    pop.helper[who] = False
    pop.active[who] = False
    pop.hours_capacity[who] = 0.0


def _migrate(p: VillageParams, pop: Population, u_leave: np.ndarray, u_return: np.ndarray,
             turning: np.ndarray) -> tuple[int, int]:
    """Working-age residents under 45 leave for work; villagers living away come home.
    A migrant's household's elders count one more (or one fewer) migrated child."""
    working = pop.alive & ~pop.is_elder
    leave = np.flatnonzero(working & pop.present & (pop.age <= OUT_MIGRATION_MAX_AGE)
                           & (u_leave < p.out_migration))
    back = np.flatnonzero(working & ~pop.present & (u_return < p.return_migration))
    pop.present[back] = True
    pop.lived_here[back] = True
    _count_migrated_children(pop, back, -1)
    move_away(pop, leave)
    update_living(pop, np.unique(np.concatenate([pop.household[back],
                                                 pop.household[turning]])))
    return len(leave), len(back)


def move_away(pop: Population, who: np.ndarray) -> None:
    """Residents leave the village (for work, or in a wave of out-migration): their
    households' elders count a migrated child more, and live as the rest now do."""
    pop.present[who] = False
    _count_migrated_children(pop, who, +1)
    update_living(pop, np.unique(pop.household[who]))


def _count_migrated_children(pop: Population, who: np.ndarray, change: int) -> None:
    """The elders of the households of `who` count one migrated child more (or fewer)."""
    if len(who):
        parents = np.unique(members_of(pop, np.unique(pop.household[who])))
        parents = parents[pop.is_elder[parents] & pop.present[parents]]
        pop.children_migrated[parents] = np.maximum(pop.children_migrated[parents] + change, 0)


def unmet_consequences(p: VillageParams, hw, frailty: np.ndarray, backlog: np.ndarray,
                       u_emergency: np.ndarray | None) -> np.ndarray:
    """What this week's unmet needs lead to, for the elders (x[:E] views): unmet
    daily-living hours carried into next week (unmet_daily_carryover) and, given
    u_emergency (demography on), frailty added by each unmet chronic-care need and
    unmet emergency; returns the elders an unmet emergency kills
    (unmet_emergency_death)."""
    health = u_emergency is not None
    return _unmet_consequences(
        hw.need, hw.open, hw.need_left, frailty, backlog, p.unmet_daily_carryover,
        p.unmet_chronic_frailty, p.unmet_emergency_frailty, p.unmet_emergency_death,
        u_emergency if health else np.ones(0), health)


@njit(cache=True)
def _unmet_consequences(need, open_, need_left, frailty, backlog, carryover, chronic_frailty,
                        emergency_frailty, emergency_death, u_emergency,
                        health):  # pragma: no cover - compiled
    fatal = np.empty(len(backlog), np.int64)
    k = 0
    for i in range(len(backlog)):
        backlog[i] = carryover * need_left[i, 0]
        if health:
            chronic = need[i, 2] and open_[i, 2]
            emergency = need[i, 3] and open_[i, 3]
            frailty[i] = min(frailty[i] + chronic_frailty * chronic
                             + emergency_frailty * emergency, 1.0)
            if emergency and u_emergency[i] < emergency_death:
                fatal[k] = i
                k += 1
    return fatal[:k]
