"""The disembedding cycle: self-efficacy, loneliness and withdrawal of elders.

Withdrawal feeds on itself: a withdrawn elder neither asks nor gives, so only
kin still bring help, isolation erodes self-efficacy further, and re-engaging
needs more agency (`reengage_efficacy`) than withdrawing lost
(`withdraw_efficacy`). The ways out are the ones the theory names: giving
help, being asked, and casework.

    e' = e + g_give*gave + g_asked*asked - l_unmet*unmet_share
           - l_isol*isolated + r*(e_base - e) + casework        (clipped to [0, 1])
    L' = L + rise*f_household*(1 - contact) - relief*contact*L   (clipped to [0, 1])
"""

from __future__ import annotations

import numpy as np
from numba import njit

from .params import VillageParams
from .population import ALONE, COUPLE, WITH_FAMILY

# How much faster loneliness rises without contact, by household situation:
# a spouse or family at home blunt it.
HOUSEHOLD_LONELINESS = np.zeros(3)
HOUSEHOLD_LONELINESS[[ALONE, COUPLE, WITH_FAMILY]] = [1.0, 0.6, 0.35]
ISOLATION_WEEKS = 4


# Each rule is a compiled function of one elder's numbers, so that the weekly
# update runs as one loop over the elders (update_elders) while the rules stay
# readable, and testable, one by one.

@njit(cache=True)
def efficacy_step(e, base, gave, asked, unmet_share, isolated, gain_give, gain_asked,
                  loss_unmet, loss_isolated, reversion):  # pragma: no cover - compiled
    change = (gain_give * gave + gain_asked * asked - loss_unmet * unmet_share
              - loss_isolated * isolated + reversion * (base - e))
    return min(max(e + change, 0.0), 1.0)


@njit(cache=True)
def loneliness_step(lonely, household_factor, contact, rise,
                    relief):  # pragma: no cover - compiled
    """household_factor: HOUSEHOLD_LONELINESS of the elder's household situation."""
    up = rise * household_factor * (not contact)
    down = relief * lonely * contact
    return min(max(lonely + up - down, 0.0), 1.0)


@njit(cache=True)
def withdrawal_step(withdrawn, e, lonely, withdraw_efficacy, withdraw_loneliness,
                    reengage_efficacy):  # pragma: no cover - compiled
    """Withdraw when agency is low and loneliness high; re-engage past a higher bar."""
    if withdrawn:
        return not (e > reengage_efficacy)
    return e < withdraw_efficacy and lonely > withdraw_loneliness


def rules(p: VillageParams) -> tuple:
    """The parameters the rules above take, in their order."""
    return (p.efficacy_gain_give, p.efficacy_gain_asked, p.efficacy_loss_unmet,
            p.efficacy_loss_isolated, p.efficacy_reversion, p.loneliness_rise,
            p.loneliness_relief, p.withdraw_efficacy, p.withdraw_loneliness,
            p.reengage_efficacy)


@njit(cache=True)
def update_elders(week, need, open_, asked_non_kin, gave, asked, contact, present,
                  household_factor, last_contact, efficacy, efficacy_base, loneliness,
                  withdrawn, needs_arisen, needs_met, unmet_asked, met_non_kin, gain_give,
                  gain_asked, loss_unmet, loss_isolated, reversion, rise, relief,
                  withdraw_efficacy, withdraw_loneliness,
                  reengage_efficacy):  # pragma: no cover - compiled
    """One week of the disembedding cycle for every elder (arrays indexed by elder).

    `contact` says whether the elder had any contact this week (help given or
    received, asked, visited, or everyday contact). Fills unmet_asked and
    met_non_kin (needs asked of non-kin: unmet, met) for the trust update.
    """
    for i in range(len(efficacy)):
        n_need = 0
        met = 0
        unmet_asked[i] = 0
        met_non_kin[i] = 0
        for t in range(need.shape[1]):
            if need[i, t]:
                n_need += 1
                if not open_[i, t]:
                    met += 1
                    contact[i] = True  # being helped is contact too
                    if asked_non_kin[i, t]:
                        met_non_kin[i] += 1
                elif asked_non_kin[i, t]:
                    unmet_asked[i] += 1
        if contact[i]:
            last_contact[i] = week
        unmet_share = unmet_asked[i] / n_need if n_need > 0 else 0.0
        isolated = (week - last_contact[i]) >= ISOLATION_WEEKS
        efficacy[i] = efficacy_step(efficacy[i], efficacy_base[i], gave[i], asked[i],
                                    unmet_share, isolated, gain_give, gain_asked,
                                    loss_unmet, loss_isolated, reversion)
        loneliness[i] = loneliness_step(loneliness[i], household_factor[i], contact[i],
                                        rise, relief)
        withdrawn[i] = withdrawal_step(withdrawn[i], efficacy[i], loneliness[i],
                                       withdraw_efficacy, withdraw_loneliness,
                                       reengage_efficacy) and present[i]
        needs_arisen[i] += n_need
        needs_met[i] += met
