"""The village committee's budget and credibility.

The budget arrives once a year, at the first week of each year: a grant and
donations, each drawn as mean x max(0, 1 + cv x z) with z standard normal
from the "budget" stream, so a bad year can bring nothing. Unspent money
carries over. Each week the committee pays for what runs (social workers,
interventions); what the balance cannot cover runs at reduced scale.

Credibility follows the share of needs met in the last four weeks:
    c' = c + rate*(coverage - c)
and villagers' trust in mutual aid moves toward trust_base + (c - c0) (trust_step).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .params import VillageParams

WEEKS_PER_YEAR = 52


class Budget:
    def __init__(self, p: VillageParams):
        self.p = p
        self.balance = 0.0
        self.received = 0.0
        self.spent_total = 0.0
        self.spent_week: dict[str, float] = {}
        self.shortfall_weeks = 0
        self.yearly_income: list[float] = []
        # set by governance (steadier, wider funding) and funding-cut shocks
        self.cv_scale = 1.0
        self.extra_income = 0.0
        self.income_scale = 1.0

    def new_year(self, rng: np.random.Generator) -> float:
        z = rng.standard_normal(2)
        grant = self.p.grant * max(0.0, 1.0 + self.p.grant_cv * self.cv_scale * z[0])
        donations = self.p.donations * max(0.0, 1.0 + self.p.donations_cv * self.cv_scale * z[1])
        income = (grant + donations + self.extra_income) * self.income_scale
        self.balance += income
        self.received += income
        self.yearly_income.append(income)
        return income

    def receive(self, amount: float) -> None:
        self.balance += amount
        self.received += amount

    def start_week(self) -> None:
        self.spent_week = {}
        self.income_scale = 1.0

    def pay(self, item: str, cost: float) -> float:
        """Pay up to `cost` for `item`; return the share paid (1.0 = in full)."""
        if cost <= 0:
            return 1.0
        paid = min(cost, self.balance)
        self.balance -= paid
        self.spent_total += paid
        self.spent_week[item] = self.spent_week.get(item, 0.0) + paid
        if paid < cost:
            self.shortfall_weeks += 1
        return paid / cost


def update_credibility(p: VillageParams, credibility: float, coverage: float) -> float:
    return float(np.clip(credibility + p.credibility_rate * (coverage - credibility), 0.0, 1.0))


class TrustRules(NamedTuple):
    """This week's terms of the trust update (trust_step)."""

    credibility: float  # the committee's credibility now
    credibility0: float  # ... and at the start
    boost: float  # publicity: raises the level trust drifts toward
    rate: float  # share of the way to that level covered in a week
    experience: float  # trust per need met by non-kin (lost per refusal)


def trust_rules(p: VillageParams, credibility: float, boost: float) -> TrustRules:
    return TrustRules(credibility=credibility, credibility0=p.credibility, boost=boost,
                      rate=p.trust_rate, experience=p.trust_experience)


@njit(cache=True)
def trust_step(trust, trust_base, met_non_kin, unmet_asked,
               rules):  # pragma: no cover - compiled
    """Trust drifts toward the villager's own baseline, shifted by how far the
    committee's credibility has moved from where it started (and raised by
    publicity, `boost`); each need met by non-kin builds it, each refusal erodes it.
    rules: TrustRules."""
    target = min(max(trust_base + (rules.credibility - rules.credibility0), 0.0), 1.0)
    target = min(target + rules.boost, 1.0)
    new = (trust + rules.rate * (target - trust)
           + rules.experience * (met_non_kin - unmet_asked))
    return min(max(new, 0.0), 1.0)
