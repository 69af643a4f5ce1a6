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

from .params import VillageParams
from .population import ALONE, COUPLE, WITH_FAMILY

# How much faster loneliness rises without contact, by household situation:
# a spouse or family at home blunt it.
HOUSEHOLD_LONELINESS = np.zeros(3)
HOUSEHOLD_LONELINESS[[ALONE, COUPLE, WITH_FAMILY]] = [1.0, 0.6, 0.35]
ISOLATION_WEEKS = 4


def update_efficacy(p: VillageParams, efficacy, base, gave, asked, unmet_share, isolated):
    change = (
        p.efficacy_gain_give * gave
        + p.efficacy_gain_asked * asked
        - p.efficacy_loss_unmet * unmet_share
        - p.efficacy_loss_isolated * isolated
        + p.efficacy_reversion * (base - efficacy)
    )
    return np.clip(efficacy + change, 0.0, 1.0)


def update_loneliness(p: VillageParams, loneliness, household_factor, contact):
    """household_factor: HOUSEHOLD_LONELINESS of each elder's household situation."""
    rise = p.loneliness_rise * household_factor * ~contact
    relief = p.loneliness_relief * loneliness * contact
    return np.clip(loneliness + rise - relief, 0.0, 1.0)


def update_withdrawal(p: VillageParams, withdrawn, efficacy, loneliness):
    """Withdraw when agency is low and loneliness high; re-engage past a higher bar."""
    enter = ~withdrawn & (efficacy < p.withdraw_efficacy) & (loneliness > p.withdraw_loneliness)
    leave = withdrawn & (efficacy > p.reengage_efficacy)
    return (withdrawn | enter) & ~leave
