"""Institutionalized volunteer teams (meso level).

When the team starts, the committee recruits `team_size` members per village:
existing helpers first (they already give), then healthy younger-old elders
and working-age residents who accept with chance `accept_share` (draws from
the "team" stream). Training raises each member's skill to at least
`trained_skill`, so members can meet chronic-health and emergency needs that
informal helpers mostly cannot. Each week:

- the team is a channel after informal help: every open need of an elder who
  asks goes to the member of the elder's village with the most hours left
  (a rota: rotation spreads the load);
- supervision and belonging take the share `supervision` off members' strain
  and fading motivation (week.recognition);
- every `refill_weeks` weeks, members who dropped out or left are replaced.

Cost: `training_cost` per member trained, plus `coordinator_cost` a week.
A budget shortfall shrinks the rota: only that share of members serve.
"""

from __future__ import annotations

import numpy as np

from ..population import TEAM
from ..attributes import fit_to_help
from .base import Column, Intervention, setting


class Teams(Intervention):
    name = "teams"
    level = "meso"
    title = "Volunteer teams"
    channel_order = 10
    SETTINGS = (
        setting("team_size", 8, "members per village", 0, 500,
                "calibrated: a small trained core; source text 002 describes "
                "social-worker-driven teams 'to assist a certain number of neighbours in "
                "each block', without numbers",
                "members recruited into the team of each village"),
        setting("accept_share", 0.5, "fraction", 0.0, 1.0,
                "calibrated: about half of those asked agree to join",
                "chance a resident asked to join accepts"),
        setting("trained_skill", 0.75, "skill (0-1)", 0.0, 1.0,
                "training covers chronic-care routines and first response",
                "skill of a member after training (at least)"),
        setting("member_hours", 4.0, "hours/week", 0.0, 40.0,
                "as for helpers: 2-6 hours a week (source text 002)",
                "hours a week a member gives"),
        setting("supervision", 0.3, "fraction", 0.0, 1.0,
                "calibrated: rules, roles and supervision keep service regular",
                "share of strain and fading motivation taken off members"),
        setting("refill_weeks", 13, "weeks", 1, 520,
                "teams recruit again each quarter",
                "how often lost members are replaced"),
        setting("training_cost", 600.0, "CNY per member", 0.0, 1e6,
                "a short first-aid and chronic-care course",
                "one-off cost of training a member"),
        setting("coordinator_cost", 300.0, "CNY/week", 0.0, 1e6,
                "a part-time coordinator's allowance",
                "weekly cost of running the team"),
    )
    COLUMNS = (
        Column("team_retention", "fraction",
               "founding team members still active (0 without teams)"),
    )

    def setup(self, model) -> None:
        self.member = np.zeros(model.population.size, bool)
        self.founders = np.zeros(model.population.size, bool)
        self.recruited = 0

    def start(self, model) -> None:
        self._recruit(model)
        self.founders = self.member.copy()

    def _recruit(self, model) -> None:
        pop = model.population
        rng = model.streams.at("team", model.week)
        u = rng.random(pop.size)
        self.member &= pop.present & pop.active
        target = int(round(self.team_size * self.intensity))
        capable = (pop.present & ~pop.withdrawn
                   & fit_to_help(pop.is_elder, pop.age, pop.frailty))
        willing = capable & ~self.member & ((pop.helper & pop.active) | (u < self.accept_share))
        new = []
        for v in np.unique(pop.village):
            have = int((self.member & (pop.village == v)).sum())
            pool = np.flatnonzero(willing & (pop.village == v))
            # existing helpers first, then the others, each in order of their draw
            pool = pool[np.lexsort((u[pool], ~pop.helper[pool]))]
            new.append(pool[: max(0, target - have)])
        new = np.concatenate(new) if new else np.zeros(0, np.int64)
        share = self.pay(model, self.training_cost * len(new))
        new = new[: int(np.floor(len(new) * share))]
        model.enlist_helpers(new)
        pop.active[new] = True
        pop.skill[new] = np.maximum(pop.skill[new], self.trained_skill)
        pop.hours_capacity[new] = np.maximum(pop.hours_capacity[new], self.member_hours)
        self.member[new] = True
        self.recruited += len(new)

    def before_needs(self, model, week) -> None:
        weeks_running = model.week - self.start_week - 1
        if weeks_running > 0 and weeks_running % self.refill_weeks == 0:
            self._recruit(model)
        self.serving_share = self.pay(model, self.coordinator_cost * self.intensity)
        week.recognition[self.member] = np.maximum(week.recognition[self.member],
                                                   self.supervision * self.serving_share)

    def help(self, model, week) -> None:
        pop = model.population
        pool = np.flatnonzero(self.member & model.volunteering & ~pop.withdrawn)
        if self.serving_share < 1.0:
            pool = pool[: int(np.floor(len(pool) * self.serving_share))]
        elders, helpers, _ = model.serve(week, pool, TEAM, week.asking)
        model.queue_ties(elders, helpers)

    def retention(self, model) -> float:
        """Share of the founding members still active in the team."""
        if not self.founders.any():
            return 0.0
        pop = model.population
        return float((self.founders & self.member & pop.active & pop.present).sum()
                     / self.founders.sum())

    def record(self, model, week):
        return {"team_retention": self.retention(model)}

    def report(self):
        return {**super().report(), "recruited": self.recruited}
