"""Residents' attributes: the default draws, and the rules on them.

The synthetic village (sim/village.py) and the blank cells of a village file
(build_village_from_roster) draw residents' attributes with the same functions,
each from the generator it is given. The rules that read the attributes during a
run live here too: who is fit to help beyond their household, and the mean
frailty of elders of an age (which the death rates refer to).
"""

from __future__ import annotations

import numpy as np

from .population import ALONE, COUPLE

OLDEST_AGE = 100
# Elders' initial frailty is a Beta with mean mean_frailty(age) and this concentration.
FRAILTY_CONCENTRATION = 6.0
# Healthy younger-old: the elders who can help beyond their own household.
HELPER_MAX_AGE = 74
HELPER_MAX_FRAILTY = 0.4
# Residents frailer than this cannot help even their kin.
KIN_HELP_MAX_FRAILTY = 0.6
# Share of women. Working-age: 48.8%, the share of women in China's population at
# the 2020 (seventh) census (NBS census bulletin no. 4, 2021). Elders: assumed 52%;
# women outlive men, so they are a majority among people aged 60+ in the same census,
# but the rural figure is not cited here.
FEMALE_SHARE_ADULT = 0.488
FEMALE_SHARE_ELDER = 0.52


def fit_to_help(is_elder, age, frailty):
    """Who is fit to help beyond their household: working-age residents and the
    healthy younger-old (elders up to HELPER_MAX_AGE), all below HELPER_MAX_FRAILTY.
    The helper pool, casework, teams and matching all recruit from these."""
    return (frailty < HELPER_MAX_FRAILTY) & (~is_elder | (age <= HELPER_MAX_AGE))


def elder_age_draw(rng, p, n):
    """Elders' ages from the model's own long-run age structure: a stationary
    population with equal cohorts turning 60 and the model's death rates (the mean of
    men's and women's at the mean frailty), so that the run starts where its
    demography would settle. With the default rates about 47% are 60-69, 34% 70-79,
    16% 80-89 and 3% 90+ (the 2020 census has 55%, 30% and 15% 80+ among rural
    elders, whose younger cohorts are larger)."""
    age = np.arange(60, OLDEST_AGE + 1)
    at_62 = 0.5 * (p.mortality_men_62 + p.mortality_women_62)
    g = p.mortality_growth
    hazard = (at_62 / g * (np.exp(g * (age - 62)) - np.exp(-2 * g)) if g > 0
              else at_62 * (age - 60))
    survival = np.exp(-hazard)
    return rng.choice(age, size=n, p=survival / survival.sum())


def mean_frailty(age):
    """Mean frailty of elders of this age in the initial draw: it rises 0.013 a year
    of age (Fried frailty prevalence about doubles per decade)."""
    return np.clip(0.12 + 0.013 * (age - 60), 0.05, 0.9)


def frailty_draw(rng, age, is_elder):
    """Elders: a Beta around mean_frailty(age); working-age residents: mostly robust."""
    frail_mean = mean_frailty(age)
    conc = FRAILTY_CONCENTRATION
    return np.where(is_elder, rng.beta(frail_mean * conc, (1 - frail_mean) * conc),
                    rng.beta(1, 12, len(age)))


def children_draw(rng, p, is_elder):
    """Adult children (Poisson) and, for elders, how many of them migrated (binomial)."""
    children = rng.poisson(p.children_per_elder, len(is_elder))
    return children, np.where(is_elder, rng.binomial(children, p.children_migrated_share), 0)


def sex_draw(rng, is_elder, living, household):
    """Who is a woman: FEMALE_SHARE_ADULT of working-age residents and, in expectation,
    FEMALE_SHARE_ELDER of elders, where each couple-only household is a woman and a man
    (a fair draw for its first member) and the other elders make up the rest. One draw
    per resident, so the stream's numbers never depend on who is in a couple."""
    u = rng.random(len(is_elder))
    couple = np.flatnonzero(is_elder & (living == COUPLE))
    n_elders, n_couple = int(is_elder.sum()), len(couple)
    others = n_elders - n_couple
    share = (float(np.clip((FEMALE_SHARE_ELDER * n_elders - 0.5 * n_couple) / others, 0, 1))
             if others else 0.0)
    female = np.where(is_elder, u < share, u < FEMALE_SHARE_ADULT)
    pairs = couple[np.argsort(household[couple], kind="stable")]
    if len(pairs) % 2 == 0 and np.all(household[pairs[0::2]] == household[pairs[1::2]]):
        female[pairs[0::2]] = u[pairs[0::2]] < 0.5
        female[pairs[1::2]] = ~female[pairs[0::2]]
    else:  # couples not in pairs of one household: each spouse drawn on their own
        female[couple] = u[couple] < 0.5
    return female


def skill_draw(rng, n):
    return rng.beta(2, 5, n)


def helper_draw(rng, p, age, is_elder, frailty):
    """The helper pool: some healthy younger-old elders and some working-age residents."""
    n = len(age)
    healthy_elder = is_elder & fit_to_help(is_elder, age, frailty)
    return np.where(
        healthy_elder, rng.random(n) < p.helper_share_elder,
        ~is_elder & (rng.random(n) < p.helper_share_adult),
    )


def helper_hours(p, helper, is_elder):
    return np.where(helper, np.where(is_elder, p.helper_hours_elder, p.helper_hours_adult), 0.0)


def efficacy_draw(rng, n):
    return rng.beta(5, 3, n)  # mean 0.63


def motivation_draw(rng, n):
    """Helpers start keen but not equally so (mean 0.71)."""
    return rng.beta(5.0, 2.0, n)


def loneliness_draw(rng, living):
    return np.clip(rng.beta(2, 5, len(living)) + np.where(living == ALONE, 0.15, 0.0), 0, 1)


def trust_draw(rng, n, willing_share, floor):
    """Trust ~ Beta(4, b) shifted so that P(trust >= floor) is willing_share."""
    raw = rng.beta(4.0, 3.0, n)
    # Shift by the quantile so the share above the floor matches exactly in
    # expectation: the (1 - willing_share) quantile of Beta(4, 3) maps to `floor`.
    q = np.quantile(rng.beta(4.0, 3.0, 20_000), 1.0 - willing_share)
    return np.clip(raw - q + floor, 0.0, 1.0)
