"""The village committee's budget and credibility.

The year's income is drawn in its first week: a grant and donations, each
mean x max(0, 1 + cv x z) with z standard normal from the "budget" stream, so
a bad year can bring nothing. Donations arrive at once (around the Spring
Festival, the year's first week); the grant arrives in GRANT_INSTALMENTS equal
instalments through the year (collect), each with a quarter of the yearly income
from new sources (extra_income) as governance sets it at that time. Unspent money
carries over.

Spending is disbursed through the year: each week the committee can spend at
most its balance, less the reserve the scenario keeps back (reserve_share),
divided by the weeks until the next instalment plus one (so some is always kept
for the last week), and when the week's requests exceed that, every item is paid
the same share of its cost (the share set from the requests of the week before),
or, where the scenario gives interventions priorities (their `priority`
setting), a share in proportion to it: no intervention flips on and off because
of the order payments are made in.

An adaptive committee (adapt_rate > 0) starts from the stated priorities and evaluates its interventions every
quarter (adapt): each one that delivers countable services (sessions, needs
met, matches, redemptions, visits) is scored by services per CNY spent in the
quarter, against the mean over all of them, and its weight moves by the factor
(score / mean) ** adapt_rate; the weights are then divided by their mean (only
shares relative to one another count) and kept within WEIGHT_MIN..WEIGHT_MAX. When money is short,
an item's share of its cost is the week's share times its weight, normalised so
that the week's requests, weighted, ask no more than before (pay): money
shifts toward what works, and with even weights (adapt_rate 0) every item is
paid the same share.

Credibility follows the share of needs met in the last four weeks:
    c' = c + rate*(coverage - c)
and villagers' trust in mutual aid moves toward trust_base + (c - credibility_neutral)
(trust_step): a committee more credible than that lifts trust, a less credible one
lowers it, whatever it started at.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .params import VillageParams

WEEKS_PER_YEAR = 52
GRANT_INSTALMENTS = 4  # quarterly: in weeks 1, 14, 27 and 40 of each year
EVALUATION_WEEKS = 13  # an adaptive committee evaluates its interventions each quarter
WEIGHT_MIN, WEIGHT_MAX = 0.25, 4.0  # no intervention cut below a quarter or raised above 4x


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
        self.instalment = 0.0  # this year's grant instalment, before income_scale
        # (extra_income, the new sources, is added to each instalment as it stands then)
        self.scale = 1.0  # this week's share of every cost the committee pays
        self.requested_week = 0.0  # costs asked this week
        self._requested_before = 0.0  # ... and the week before
        # an adaptive committee's weights by item (adapt), and the week's requests by item
        self.weights: dict[str, float] = {}
        self.asked_items: dict[str, float] = {}
        self._norm = 1.0

    def new_year(self, rng: np.random.Generator) -> float:
        """Draw the year's income; the donations arrive now, the grant in instalments
        (collect). Returns the year's income."""
        z = rng.standard_normal(2)
        grant = self.p.grant * max(0.0, 1.0 + self.p.grant_cv * self.cv_scale * z[0])
        donations = self.p.donations * max(0.0, 1.0 + self.p.donations_cv * self.cv_scale * z[1])
        self.instalment = grant / GRANT_INSTALMENTS
        self.receive(donations * self.income_scale)
        self.yearly_income.append((grant + donations + self.extra_income) * self.income_scale)
        return self.yearly_income[-1]

    def collect(self, week: int) -> None:
        """The grant instalment due in `week` (1 = the first week), if any, and this
        week's spending share: the allowance (balance / (weeks to the next instalment
        + 1)) over last week's requests, at most 1."""
        at = (week - 1) % WEEKS_PER_YEAR
        step = WEEKS_PER_YEAR // GRANT_INSTALMENTS
        if at % step == 0 and at // step < GRANT_INSTALMENTS:
            # new sources (governance) pay their instalment only while they are set
            self.receive((self.instalment + self.extra_income / GRANT_INSTALMENTS)
                         * self.income_scale)
        weeks_left = step - at % step if at // step < GRANT_INSTALMENTS - 1 else (
            WEEKS_PER_YEAR - at)
        # the reserve the scenario keeps back for emergencies is not spent
        allowance = self.balance * (1.0 - self.p.reserve_share) / (weeks_left + 1)
        self._requested_before, self.requested_week = self.requested_week, 0.0
        asked = self._requested_before
        self.scale = min(1.0, allowance / asked) if asked > 0 else 1.0
        if self.weights:
            weighted = sum(self.weights.get(k, 1.0) * v for k, v in self.asked_items.items())
            self._norm = weighted / asked if asked > 0 and weighted > 0 else 1.0
        self.asked_items = {}

    def receive(self, amount: float) -> None:
        self.balance += amount
        self.received += amount

    def start_week(self) -> None:
        self.spent_week = {}
        self.income_scale = 1.0

    def pay(self, item: str, cost: float) -> float:
        """Pay `cost` for `item` times this week's share (collect), within the balance;
        return the share paid (1.0 = in full)."""
        if cost <= 0:
            return 1.0
        self.requested_week += cost
        scale = self.scale
        if self.weights:
            self.asked_items[item] = self.asked_items.get(item, 0.0) + cost
            if scale < 1.0:
                scale = min(1.0, scale * self.weights.get(item, 1.0) / self._norm)
        paid = min(cost * scale, self.balance)
        self.balance -= paid
        self.spent_total += paid
        self.spent_week[item] = self.spent_week.get(item, 0.0) + paid
        if paid < cost:
            self.shortfall_weeks += 1
        return paid / cost


def adapt(budget: Budget, interventions, week: int, rate: float) -> None:
    """An adaptive committee's quarterly evaluation (see the module docstring): each
    intervention that counts services (`services`, since the last evaluation) is
    scored by services per CNY it was paid; weights move toward the better scores."""
    if rate <= 0 or week % EVALUATION_WEEKS:
        return
    scored = [(i, i.services - i.services_evaluated, i.spent - i.spent_evaluated)
              for i in interventions if i.evaluated and i.started]
    for i in interventions:
        i.services_evaluated, i.spent_evaluated = i.services, i.spent
    scored = [(i.name, s / c) for i, s, c in scored if c > 0]
    total = sum(v for _, v in scored)
    if len(scored) < 2 or total <= 0:
        return
    mean = total / len(scored)
    moved = {name: budget.weights.get(name, 1.0) * (max(value, 1e-9) / mean) ** rate
             for name, value in scored}
    level = sum(moved.values()) / len(moved)  # weights stay relative: their mean is 1
    for name, weight in moved.items():
        budget.weights[name] = float(np.clip(weight / level, WEIGHT_MIN, WEIGHT_MAX))


def update_credibility(p: VillageParams, credibility: float, coverage: float) -> float:
    return float(np.clip(credibility + p.credibility_rate * (coverage - credibility), 0.0, 1.0))


class TrustRules(NamedTuple):
    """This week's terms of the trust update (trust_step)."""

    credibility: float  # the committee's credibility now
    neutral: float  # the credibility at which trust drifts to each villager's own baseline
    boost: float  # publicity: raises the level trust drifts toward
    rate: float  # share of the way to that level covered in a week
    experience: float  # trust per need met by non-kin (lost per refusal)


def trust_rules(p: VillageParams, credibility: float, boost: float) -> TrustRules:
    return TrustRules(credibility=credibility, neutral=p.credibility_neutral, boost=boost,
                      rate=p.trust_rate, experience=p.trust_experience)


@njit(cache=True)
def trust_step(trust, trust_base, met_non_kin, unmet_asked,
               rules):  # pragma: no cover - compiled
    """Trust drifts toward the villager's own baseline, shifted by how far the
    committee's credibility lies above or below credibility_neutral (and raised by
    publicity, `boost`); each need met by non-kin builds it, each refusal erodes it.
    rules: TrustRules."""
    target = min(max(trust_base + (rules.credibility - rules.neutral), 0.0), 1.0)
    target = min(target + rules.boost, 1.0)
    new = (trust + rules.rate * (target - trust)
           + rules.experience * (met_non_kin - unmet_asked))
    return min(max(new, 0.0), 1.0)
