"""Incentives (meso level): recognition and honour, and a time bank.

Recognition: public thanks, honour rolls and small gifts at a ceremony every
`renew_weeks` (festivals) honour every active helper, at `honour_cost` each.
Honour fades: a helper's honour h starts at 1 (times the share of the ceremony's
cost paid) and loses the share `honour_fade` every week until the next
ceremony; it takes `recognition x h` off the helper's strain and fading
motivation (week.recognition). A helper who starts between ceremonies waits for
the next one.

Time bank: residents register over time, each week each resident not yet a
member with chance `register_rate` ("bank_register" stream); an elder who
registers receives `starting_credits`. Every hour a member gives beyond kin
earns one credit. After the informal and team channels, a member elder whose
balance covers a need's hours redeems credits: the bank assigns the need to the
member helper of the village with the most hours left (not one showing strain:
burnout at `strain_limit` or above), who earns the credits (the ledger is conserved:
earned = redeemed + outstanding, every week). A redemption the bank cannot
honour (no helper with hours) costs trust: the bank's trust falls by
`failure_trust_loss`, and so does the elder's trust in mutual aid; an honoured
one rebuilds bank trust by `success_trust_gain`. When redemptions fail, every
elder left holding credits with a need still open loses that trust too.
Credits motivate: each task a member meets beyond kin (all credited) adds
`credit_motivation x bank trust` to their motivation, so a bank that is not
trusted stops motivating. Short of money, the bank honours only that share of
the week's open needs.
"""

from __future__ import annotations

import numpy as np

from ..population import MATCHED
from .base import Column, Intervention, setting


class Recognition(Intervention):
    name = "recognition"
    level = "meso"
    title = "Recognition and honour"
    evaluated = False  # it serves nobody directly
    SETTINGS = (
        setting("recognition", 0.3, "fraction", 0.0, 1.0,
                "calibrated: recognition slows burnout and drop-out (source texts 000, 002)",
                "share of strain and fading motivation taken off active helpers"),
        setting("renew_weeks", 13, "weeks", 1, 520,
                "assumed: a ceremony at each quarter's festival (Spring Festival, "
                "Double Ninth and others)",
                "weeks between the ceremonies that renew helpers' honour"),
        setting("honour_fade", 0.05, "per week", 0.0, 1.0,
                "assumed: the glow of public thanks lasts a few months (half-life "
                "about 14 weeks)",
                "share of a helper's honour lost per week after a ceremony"),
        setting("honour_cost", 30.0, "CNY per helper honoured", 0.0, 1e4,
                "assumed: a certificate and a small festival gift",
                "cost of honouring one active helper at a ceremony"),
    )
    COLUMNS = (
        Column("honour", "0-1", "mean honour of active helpers (0 without recognition)"),
    )

    def setup(self, model) -> None:
        self.honour = np.zeros(model.population.size)
        self.ceremonies = 0
        self.honoured = 0

    def before_needs(self, model, week) -> None:
        helpers = model.volunteering
        self.honour *= 1.0 - self.honour_fade
        if (model.week - self.start_week - 1) % self.renew_weeks == 0:
            share = self.pay(model, self.honour_cost * helpers.sum() * self.intensity)
            self.honour[helpers] = np.maximum(self.honour[helpers], share)
            self.ceremonies += 1
            self.honoured += int(helpers.sum())
        level = self.recognition * min(self.intensity, 1.0) * self.honour[helpers]
        week.recognition[helpers] = np.maximum(week.recognition[helpers], level)

    def record(self, model, week):
        helpers = model.volunteering
        return {"honour": float(self.honour[helpers].mean()) if helpers.any() else 0.0}

    def report(self):
        return {**super().report(), "ceremonies": self.ceremonies, "honoured": self.honoured}


class TimeBank(Intervention):
    name = "time_bank"
    level = "meso"
    title = "Time bank"
    channel_order = 20
    SETTINGS = (
        setting("credit_motivation", 0.02, "motivation per credited task", 0.0, 1.0,
                "calibrated: credits are a reason to keep giving (source text 002)",
                "motivation a helper gains per credited task, times bank trust"),
        setting("starting_credits", 0.0, "hours", 0.0, 1000.0,
                "a bank starts with empty accounts",
                "credits every elder receives when registering"),
        setting("register_rate", 0.05, "chance/week", 0.0, 1.0,
                "assumed: notices, grid groups and word of mouth bring residents in over "
                "months (source text 002 describes how members are informed); about half "
                "register in the first 14 weeks",
                "weekly chance a resident not yet a member registers"),
        setting("failure_trust_loss", 0.05, "trust per failure", 0.0, 1.0,
                "calibrated: a credit not honoured is remembered (source text 002)",
                "bank and elder trust lost per redemption not honoured"),
        setting("success_trust_gain", 0.01, "trust per redemption", 0.0, 1.0,
                "calibrated: trust rebuilds slowly",
                "bank trust gained per redemption honoured"),
        setting("strain_limit", 0.35, "burnout", 0.0, 1.0,
                "assumed: as matching's coordinator, the bank does not call a member "
                "showing strain; half the burnout at which helpers quit",
                "burnout at which the bank stops assigning a member (1 = never)"),
        setting("admin_cost", 200.0, "CNY/week", 0.0, 1e6,
                "a part-time bookkeeper (source text 002)",
                "weekly cost of keeping the ledger"),
    )
    COLUMNS = (
        Column("credits_earned", "hours", "time-bank credits earned so far (0 without a bank)"),
        Column("credits_redeemed", "hours", "time-bank credits redeemed so far"),
        Column("bank_liability", "hours", "time-bank credits held in accounts: the hours of "
               "help the bank owes its members"),
        Column("bank_failures", "redemptions", "redemptions the bank could not honour this "
               "week (nobody with hours for a member who asked and held credits)"),
        Column("bank_trust", "0-1", "trust in the time bank (1 without a bank)", absent=1.0),
        Column("bank_members", "persons", "residents living here who are members of the "
               "time bank (0 without a bank)"),
    )

    def setup(self, model) -> None:
        n = model.population.size
        self.member = np.zeros(n, bool)
        self.balance = np.zeros(n)
        self.earned = 0.0
        self.redeemed = 0.0
        self.trust = 1.0
        self.failures = 0
        self.failures_week = 0
        self.redemptions = 0

    def _register(self, model) -> None:
        pop = model.population
        u = model.streams.at("bank_register", model.week).random(pop.size)
        new = ~self.member & pop.present & (u < self.register_rate)
        self.member |= new
        elders = new & pop.is_elder
        self.balance[elders] += self.starting_credits
        self.earned += self.starting_credits * elders.sum()

    @property
    def outstanding(self) -> float:
        return float(self.balance.sum())

    def before_needs(self, model, week) -> None:
        self._register(model)
        self.open_share = self.pay(model, self.admin_cost * self.intensity)

    def help(self, model, week) -> None:
        pop, hw = model.population, week.help
        self.failures_week = 0
        if self.open_share <= 0:
            return
        pool = np.flatnonzero(model.volunteering & ~pop.withdrawn & self.member
                              & (pop.burnout < self.strain_limit))
        before = self.balance.copy()
        limit = 10**9 if self.open_share >= 1.0 else int(
            np.floor(self.open_share * hw.open.sum()))
        members = week.asking & self.member[: model.n_elders]
        elders, helpers, failed = model.serve(week, pool, MATCHED, members,
                                              credit=self.balance, limit=limit)
        spent = before - self.balance
        self.redeemed += spent.sum()
        self.redemptions += len(elders)
        self.services += len(elders)
        self.failures += failed
        self.failures_week = failed
        if failed:
            # the elders still holding credits and unserved lose trust
            unserved = (hw.open.any(axis=1) & week.asking
                        & (self.balance[: model.n_elders] > 0))
            pop.trust[: model.n_elders][unserved] = np.maximum(
                pop.trust[: model.n_elders][unserved] - self.failure_trust_loss, 0.0)
        self.trust = float(np.clip(self.trust + self.success_trust_gain * len(elders)
                                   - self.failure_trust_loss * failed, 0.0, 1.0))
        model.queue_ties(elders, helpers)

    def after_help(self, model, week) -> None:
        hw = week.help
        # Credits for every hour given beyond kin this week (all channels). A
        # working-age member's credits go to the elders of their household (their
        # parents), a common design of Chinese time banks: they are the ones who
        # will redeem them.
        credited = hw.hours * self.member * min(self.intensity, 1.0)
        self.earned += credited.sum()
        received = _to_parents(model.population, credited)
        self.balance += received
        self.member |= received > 0  # a parent's account opens with the first transfer
        pop = model.population
        pop.motivation[:] = np.minimum(
            pop.motivation + self.credit_motivation * self.trust * hw.tasks_met * self.member,
            1.0)

    def record(self, model, week):
        return {"credits_earned": self.earned, "credits_redeemed": self.redeemed,
                "bank_liability": self.outstanding, "bank_failures": self.failures_week,
                "bank_trust": self.trust,
                "bank_members": int((self.member & model.population.present).sum())}

    def report(self):
        return {**super().report(), "earned": self.earned, "redeemed": self.redeemed,
                "outstanding": self.outstanding, "bank_trust": self.trust,
                "redemptions": self.redemptions, "failures": self.failures}





def _to_parents(pop, credited: np.ndarray) -> np.ndarray:
    """Credits by resident after a working-age member's are moved to the elders living
    in their household (shared equally); those without such an elder keep theirs."""
    out = credited.copy()
    givers = np.flatnonzero((credited > 0) & ~pop.is_elder)
    if not len(givers):
        return out
    elder_here = pop.is_elder & pop.present
    count = np.bincount(pop.household[elder_here], minlength=pop.household.max() + 1)
    with_parents = givers[count[pop.household[givers]] > 0]
    if not len(with_parents):
        return out
    share = np.zeros(len(count))
    np.add.at(share, pop.household[with_parents], credited[with_parents])
    out[with_parents] = 0.0
    out[elder_here] += share[pop.household[elder_here]] / count[pop.household[elder_here]]
    return out
