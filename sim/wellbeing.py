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

from typing import NamedTuple

import numpy as np
from numba import njit

from .committee import TrustRules, trust_step
from .helping import HelpWeek
from .params import VillageParams
from .population import ALONE, COUPLE, WITH_FAMILY, Population

# How much faster loneliness rises without contact, by household situation:
# a spouse or family at home blunt it.
HOUSEHOLD_LONELINESS = np.zeros(3)
HOUSEHOLD_LONELINESS[[ALONE, COUPLE, WITH_FAMILY]] = [1.0, 0.6, 0.35]
ISOLATION_WEEKS = 4


class EfficacyRules(NamedTuple):
    gain_give: float  # a week the elder helped someone
    gain_asked: float  # a week the elder was asked to help
    loss_unmet: float  # x share of the week's needs asked of non-kin and left unmet
    loss_isolated: float  # a week without contact for ISOLATION_WEEKS or more
    reversion: float  # x distance to the elder's baseline efficacy


class LonelinessRules(NamedTuple):
    rise: float  # a week without contact (x the household's factor)
    relief: float  # a week with contact (x loneliness)


class WithdrawalRules(NamedTuple):
    withdraw_efficacy: float  # withdraw below this efficacy ...
    withdraw_loneliness: float  # ... and above this loneliness
    reengage_efficacy: float  # a withdrawn elder re-engages above this efficacy


class WellbeingRules(NamedTuple):
    """The parameters of the weekly rules, one record per rule."""

    efficacy: EfficacyRules
    loneliness: LonelinessRules
    withdrawal: WithdrawalRules


def rules(p: VillageParams) -> WellbeingRules:
    """The rules' parameters from the model's parameters (VillageParams are frozen:
    the record of the last ones asked for is kept)."""
    if _last_rules[0] is not p:
        _last_rules[:] = [p, _rules(p)]
    return _last_rules[1]


_last_rules: list = [None, None]


def _rules(p: VillageParams) -> WellbeingRules:
    return WellbeingRules(
        efficacy=EfficacyRules(
            gain_give=p.efficacy_gain_give, gain_asked=p.efficacy_gain_asked,
            loss_unmet=p.efficacy_loss_unmet, loss_isolated=p.efficacy_loss_isolated,
            reversion=p.efficacy_reversion),
        loneliness=LonelinessRules(rise=p.loneliness_rise, relief=p.loneliness_relief),
        withdrawal=WithdrawalRules(
            withdraw_efficacy=p.withdraw_efficacy, withdraw_loneliness=p.withdraw_loneliness,
            reengage_efficacy=p.reengage_efficacy),
    )


class Elders(NamedTuple):
    """The elders' rows of the population arrays (views, x[:E]), as the compiled loops
    take them."""

    present: np.ndarray
    living: np.ndarray  # ALONE, COUPLE or WITH_FAMILY
    withdrawn: np.ndarray
    efficacy: np.ndarray
    efficacy_base: np.ndarray
    loneliness: np.ndarray
    trust: np.ndarray
    trust_base: np.ndarray
    last_contact: np.ndarray  # week
    last_mutual: np.ndarray  # week
    last_gave: np.ndarray  # week: last gave non-family help
    last_received: np.ndarray  # week: last received non-family help
    needs_arisen: np.ndarray  # over the run
    needs_met: np.ndarray  # over the run
    need_hours_total: np.ndarray  # hours of help beyond the home needed, over the run
    met_hours_total: np.ndarray  # of these, hours given


def elders_of(pop: Population, n_elders: int) -> Elders:
    e = slice(0, n_elders)
    return Elders(
        present=pop.present[e], living=pop.living[e], withdrawn=pop.withdrawn[e],
        efficacy=pop.efficacy[e], efficacy_base=pop.efficacy_base[e],
        loneliness=pop.loneliness[e], trust=pop.trust[e], trust_base=pop.trust_base[e],
        last_contact=pop.last_contact[e], last_mutual=pop.last_mutual[e],
        last_gave=pop.last_gave[e], last_received=pop.last_received[e],
        needs_arisen=pop.needs_arisen[e], needs_met=pop.needs_met[e],
        need_hours_total=pop.need_hours_total[e], met_hours_total=pop.met_hours_total[e])


# Each rule is a compiled function of one elder's numbers, so that the weekly
# update runs as one loop over the elders (update_elders) while the rules stay
# readable, and testable, one by one.

@njit(cache=True)
def efficacy_step(e, base, gave, asked, unmet_share, isolated,
                  rules):  # pragma: no cover - compiled
    """rules: EfficacyRules."""
    change = (rules.gain_give * gave + rules.gain_asked * asked
              - rules.loss_unmet * unmet_share - rules.loss_isolated * isolated
              + rules.reversion * (base - e))
    return min(max(e + change, 0.0), 1.0)


@njit(cache=True)
def loneliness_step(lonely, household_factor, contact, rules):  # pragma: no cover - compiled
    """household_factor: HOUSEHOLD_LONELINESS of the elder's household situation;
    rules: LonelinessRules."""
    up = rules.rise * household_factor * (not contact)
    down = rules.relief * lonely * contact
    return min(max(lonely + up - down, 0.0), 1.0)


@njit(cache=True)
def withdrawal_step(withdrawn, e, lonely, rules):  # pragma: no cover - compiled
    """Withdraw when agency is low and loneliness high; re-engage past a higher bar
    (rules: WithdrawalRules)."""
    if withdrawn:
        return not (e > rules.reengage_efficacy)
    return e < rules.withdraw_efficacy and lonely > rules.withdraw_loneliness


def update_elders(week: int, hw, contact: np.ndarray, elders: Elders, rules: WellbeingRules,
                  trust_rules: TrustRules) -> None:
    """One week of the disembedding cycle, then of trust, for every elder.

    hw: the week's helping.HelpWeek; contact: bool [E], whether the elder had any
    contact this week (help given or received, asked, visited, or everyday
    contact), set here too for an elder whose need was met. The needs an elder
    asked of non-kin, met and unmet, move their trust (committee.trust_step).
    """
    # Records cross into compiled code as plain tuples (numba types those faster)
    # and are named again as the kernel starts.
    _update_elders(week, tuple(hw), contact, tuple(elders), tuple(rules.efficacy),
                   tuple(rules.loneliness), tuple(rules.withdrawal), tuple(trust_rules))


@njit(cache=True)
def _update_elders(week, hw, contact, elders, efficacy_rules, loneliness_rules,
                   withdrawal_rules, trust_rules):  # pragma: no cover - compiled
    hw, elders, trust_rules = HelpWeek(*hw), Elders(*elders), TrustRules(*trust_rules)
    rules = WellbeingRules(EfficacyRules(*efficacy_rules), LonelinessRules(*loneliness_rules),
                           WithdrawalRules(*withdrawal_rules))
    for i in range(len(elders.efficacy)):
        n_need = 0
        met = 0
        unmet_asked = 0
        met_non_kin = 0
        for t in range(hw.need.shape[1]):
            if hw.need[i, t]:
                n_need += 1
                if not hw.open[i, t]:
                    met += 1
                    contact[i] = True  # being helped is contact too
                    if hw.asked_non_kin[i, t]:
                        met_non_kin += 1
                elif hw.asked_non_kin[i, t]:
                    # help that came but did not cover every hour still shows that
                    # asking works; only a need nobody took on teaches the opposite
                    if hw.need_left[i, t] < hw.need_hours[i, t]:
                        met_non_kin += 1
                    else:
                        unmet_asked += 1
        if contact[i]:
            elders.last_contact[i] = week
        unmet_share = unmet_asked / n_need if n_need > 0 else 0.0
        isolated = (week - elders.last_contact[i]) >= ISOLATION_WEEKS
        elders.efficacy[i] = efficacy_step(
            elders.efficacy[i], elders.efficacy_base[i], hw.tasks[i] > 0, hw.asked[i],
            unmet_share, isolated, rules.efficacy)
        elders.loneliness[i] = loneliness_step(
            elders.loneliness[i], HOUSEHOLD_LONELINESS[elders.living[i]], contact[i],
            rules.loneliness)
        elders.withdrawn[i] = withdrawal_step(
            elders.withdrawn[i], elders.efficacy[i], elders.loneliness[i],
            rules.withdrawal) and elders.present[i]
        elders.needs_arisen[i] += n_need
        elders.needs_met[i] += met
        # hours needed and given beyond the home; help from beyond the family received
        needed = 0.0
        for t in range(hw.need_hours.shape[1]):
            needed += hw.need_hours[i, t]
        elders.need_hours_total[i] += needed
        given = hw.given_by[i, 0]
        from_others = 0.0
        for c in range(1, hw.given_by.shape[1]):
            given += hw.given_by[i, c]
            from_others += hw.given_by[i, c]
        elders.met_hours_total[i] += given
        if from_others > 0:
            elders.last_received[i] = week
        elders.trust[i] = trust_step(elders.trust[i], elders.trust_base[i], met_non_kin,
                                     unmet_asked, trust_rules)


def everyday_contact(model) -> np.ndarray:
    """Everyday contact of each elder this week (a chat over the wall, a meal
    together), beyond help: bool [E].

    An elder who has not withdrawn meets someone with chance
    1 - exp(-casual_contact x S), S the summed strength of their ties outside
    the household: as ties fade, so do everyday contacts. An elder living with a
    spouse or family also has company at home with chance household_contact:
    living alone acts through this every week, and widowhood takes it away.
    """
    pop, E = model.population, model.n_elders
    total = model.ties.outside_strength(pop.present)[:E]
    u = model.streams.at("casual_contact", model.week).random(E)
    chance = 1.0 - np.exp(-model.params.casual_contact * total)
    outside = (u < chance) & ~pop.withdrawn[:E]
    # company at home: a spouse or family, even for an elder who has withdrawn
    u_home = model.streams.at("household_contact", model.week).random(E)
    home = (pop.living[:E] != ALONE) & (u_home < model.params.household_contact)
    return (outside | home) & pop.present[:E]
