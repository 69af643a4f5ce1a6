"""Who gets help: needs met and unmet, withdrawal and loneliness by group of elders.

The equity table (equity.csv beside every run's tables) has one row per group of
elders in each grouping: living arrangement, frailty band, age band, sex and
hamlet/clan (and village, in a township). The elders are everyone who lived in
the village aged 60 or over during the run: those still there and those who
died there (grouped by their age and state at death); the shares withdrawn and
the loneliness are of those still there at the end. Each row holds the group's
elders, the needs that arose for them over the run and how many were met, the
hours of help these needs took beyond the home and how many were left unmet,
the shares met and unmet, the share withdrawn and the mean loneliness at the end. Two figures per
grouping sit on every row of it: the ratio of the worst group's unmet share to
the best group's, and, for the ordered groupings (frailty band, age band), the
concentration index of unmet needs (docs/ODD.md, section 8.6).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .population import LIVING_NAMES, Population

# Frailty bands: lower edges of the bands above the first; 0.4 and 0.6 are the
# model's own thresholds (HELPER_MAX_FRAILTY, KIN_HELP_MAX_FRAILTY).
FRAILTY_EDGES = (0.2, 0.4, 0.6)
FRAILTY_BANDS = ("robust (<0.2)", "pre-frail (0.2-0.4)", "frail (0.4-0.6)",
                 "very frail (0.6+)")
AGE_EDGES = (70, 80)
AGE_BANDS = ("60-69", "70-79", "80+")
SEXES = ("female", "male")

# The groupings, in table order; the ordered ones get a concentration index.
LIVING, FRAILTY, AGE, SEX, CLAN, VILLAGE = (
    "living arrangement", "frailty band", "age band", "sex", "hamlet/clan", "village")
ORDERED = (FRAILTY, AGE)

# Columns of equity.csv: name -> (unit, meaning).
EQUITY_COLUMNS: dict[str, tuple[str, str]] = {
    "grouping": ("", "living arrangement, frailty band, age band, sex, hamlet/clan "
                     "(and village in a township)"),
    "group": ("", "the group within the grouping (alone, pre-frail (0.2-0.4), 70-79, "
                  "female, C3, ...)"),
    "elders": ("persons", "elders in the group (a grouping's groups add up to the elders)"),
    "needs_arisen": ("needs", "needs that arose for the group's elders over the run"),
    "needs_met": ("needs", "of these, needs met (by any channel)"),
    "need_hours": ("hours", "hours of help beyond the home the group's needs took over the run"),
    "unmet_hours": ("hours", "of these, hours left unmet"),
    "share_unmet_hours": ("0-1", "unmet_hours / need_hours (empty when none were needed)"),
    "share_met": ("0-1", "needs_met / needs_arisen (empty when no need arose)"),
    "share_unmet": ("0-1", "1 - share_met (empty when no need arose)"),
    "share_withdrawn": ("0-1", "share of the group's elders still in the village who are "
                               "withdrawn at the end"),
    "mean_loneliness": ("0-1", "mean loneliness of the group's elders still in the village "
                               "at the end"),
    "unmet_ratio": ("ratio", "for the grouping: the worst group's share_unmet over the best "
                             "group's; inf when the best group has none unmet"),
    "worst_group": ("", "for the grouping: the group with the highest share_unmet"),
    "best_group": ("", "for the grouping: the group with the lowest share_unmet"),
    "concentration_index": ("-1 to 1", "for frailty band and age band: concentration index "
                                       "of unmet needs over the ordered groups (empty for "
                                       "the other groupings)"),
}


def elders_of_the_run(pop: Population, n_elders: int | None = None) -> np.ndarray:
    """The residents the equity table counts: aged 60+ (the first n_elders, by default
    every resident aged 60+) who live in the village or died there."""
    e = int(pop.is_elder.sum()) if n_elders is None else n_elders
    died_elder = ~pop.alive[:e] & (pop.age_at_death[:e] >= 60)
    return np.flatnonzero(pop.present[:e] | died_elder)


def elder_groupings(pop: Population, n_elders: int | None = None
                    ) -> dict[str, tuple[tuple[str, ...], np.ndarray]]:
    """For each grouping: the names of its groups, in order, and each elder's group
    (elders as elders_of_the_run gives them, in that order)."""
    e = elders_of_the_run(pop, n_elders)
    age = np.where(pop.alive[e], pop.age[e], pop.age_at_death[e])
    clans, clan_code = np.unique(pop.clan[e], return_inverse=True)
    # clans are named C1, C2, ... in order of first appearance, as a village export does
    first = np.array([np.flatnonzero(clan_code == k)[0] for k in range(len(clans))], int)
    rank = np.empty(len(clans), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(clans))
    groupings = {
        LIVING: (LIVING_NAMES, pop.living[e].astype(np.int64)),
        FRAILTY: (FRAILTY_BANDS, np.searchsorted(FRAILTY_EDGES, pop.frailty[e], side="right")),
        AGE: (AGE_BANDS, np.searchsorted(AGE_EDGES, age, side="right")),
        SEX: (SEXES, np.where(pop.female[e], 0, 1)),
        CLAN: (tuple(f"C{k + 1}" for k in range(len(clans))), rank[clan_code]),
    }
    villages = np.unique(pop.village[e])
    if len(villages) > 1:
        code = np.searchsorted(villages, pop.village[e])
        groupings[VILLAGE] = (tuple(f"village {v + 1}" for v in villages), code)
    return groupings


def equity_table(pop: Population, n_elders: int | None = None) -> pd.DataFrame:
    """The equity table of the elders (elders_of_the_run): one row per group of each
    grouping, columns EQUITY_COLUMNS."""
    e = elders_of_the_run(pop, n_elders)
    here = pop.present[e].astype(float)
    arisen = pop.needs_arisen[e].astype(float)
    met = pop.needs_met[e].astype(float)
    hours = pop.need_hours_total[e]
    unmet_h = hours - pop.met_hours_total[e]
    withdrawn = (pop.withdrawn[e] & pop.present[e]).astype(float)
    lonely = pop.loneliness[e] * here
    frames = []
    for grouping, (names, code) in elder_groupings(pop, n_elders).items():
        k = len(names)
        elders = np.bincount(code, minlength=k)
        still = np.bincount(code, here, minlength=k)
        a = np.bincount(code, arisen, minlength=k)
        m = np.bincount(code, met, minlength=k)
        h = np.bincount(code, hours, minlength=k)
        uh = np.bincount(code, unmet_h, minlength=k)
        with np.errstate(divide="ignore", invalid="ignore"):
            share_met = np.where(a > 0, m / a, np.nan)
            share_unmet_hours = np.where(h > 0, uh / h, np.nan)
            share_withdrawn = np.where(still > 0, np.bincount(code, withdrawn, k) / still,
                                       np.nan)
            loneliness = np.where(still > 0, np.bincount(code, lonely, k) / still, np.nan)
        share_unmet = 1.0 - share_met
        ratio, worst, best = unmet_ratio(share_unmet, names)
        ci = (concentration_index(elders, a - m) if grouping in ORDERED else math.nan)
        frames.append(pd.DataFrame({
            "grouping": grouping, "group": list(names), "elders": elders,
            "needs_arisen": a.astype(np.int64), "needs_met": m.astype(np.int64),
            "need_hours": h, "unmet_hours": uh, "share_unmet_hours": share_unmet_hours,
            "share_met": share_met, "share_unmet": share_unmet,
            "share_withdrawn": share_withdrawn, "mean_loneliness": loneliness,
            "unmet_ratio": ratio, "worst_group": worst, "best_group": best,
            "concentration_index": ci,
        }))
    return pd.concat(frames, ignore_index=True)[list(EQUITY_COLUMNS)]


def model_equity(model) -> pd.DataFrame:
    """The equity table of a model as it stands (at the end of a run, or any week)."""
    return equity_table(model.population, model.n_elders)


def unmet_ratio(share_unmet, names) -> tuple[float, str, str]:
    """The worst group's unmet share over the best group's, among the groups where needs
    arose, with the two groups' names. inf when the best has none unmet and the worst
    some (flagged by its best_group); 1 when no group has any unmet; nan (and empty
    names) when fewer than two groups had needs."""
    shares = np.asarray(share_unmet, float)
    have = np.flatnonzero(~np.isnan(shares))
    if len(have) < 2:
        return math.nan, "", ""
    worst = have[np.argmax(shares[have])]
    best = have[np.argmin(shares[have])]
    hi, lo = shares[worst], shares[best]
    ratio = 1.0 if hi == 0 else (math.inf if lo == 0 else float(hi / lo))
    return ratio, names[worst], names[best]


def concentration_index(counts, totals) -> float:
    """Concentration index of an outcome over ordered groups (Kakwani, Wagstaff and van
    Doorslaer 1997, grouped data): C = 2/mu x sum_t f_t mu_t R_t - 1, where group t holds
    the share f_t of the people, mu_t is its mean outcome (totals_t / counts_t), mu the
    overall mean and R_t = f_1 + ... + f_(t-1) + f_t / 2 its relative rank. C lies in
    (-1, 1): positive when the outcome is concentrated in the later (older, frailer)
    groups, 0 when it is spread like the people, nan when there is no outcome at all."""
    n = np.asarray(counts, float)
    y = np.asarray(totals, float)
    if n.sum() <= 0 or y.sum() <= 0:
        return math.nan
    f = n / n.sum()
    rank = np.cumsum(f) - f / 2
    mu = y.sum() / n.sum()
    # f_t mu_t = totals_t / N, so empty groups add nothing
    return float(2.0 / mu * np.sum(y / n.sum() * rank) - 1.0)
