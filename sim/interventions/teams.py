"""Institutionalized volunteer teams (meso level).

When the team starts, the committee recruits `team_size` members per village,
over a first drive of `drive_weeks` weeks (each week the team may grow to the
share of its size the drive has reached):
existing helpers first (they already give), then healthy younger-old elders
and working-age residents who accept with chance `accept_share` (draws from
the "team" stream). Members take roles (sim/interventions/roles.py): one
leader per village (the member with the most ties), and chronic-care,
emergency and companionship members in balance. The leader, chronic-care and
emergency members take the full course, which raises their skill to at least
`trained_skill`, so they can meet chronic-health and emergency needs that
informal helpers mostly cannot; companions take a short course
(`companion_training_cost`) that leaves their care skill as it was. Each week:

- the team is a channel after informal help: every open need of an elder who
  asks goes to the member of the elder's village with the most hours left
  whose role covers it (emergencies: the leader and emergency members; chronic
  care: the leader and chronic-care members; other needs: anyone), a rota
  whose rotation spreads the load;
- supervision and belonging take the share `supervision` off members' strain
  and fading motivation (week.recognition);
- every `refill_weeks` weeks, members who dropped out or left are replaced;
- training fades: every resident ever trained loses the share `skill_fade` of
  the skill training added above their own, every week, unless a refresher
  course (every `refresher_weeks`, `refresher_cost` per member) restores the
  members' skill to `trained_skill`; former members keep fading, so a team
  does not leave a village of trained residents behind it;
- the rota holds members to account: a member still on the rota who does not
  serve (dropped out, withdrawn or away) misses the shift, and each missed
  shift costs the committee `missed_shift_credibility` of its credibility;
  a member showing strain (burnout at `strain_limit` or above) is stood down
  until recovered, which is not a missed shift.

Cost: `training_cost` per member trained in full, `companion_training_cost` per
companion, `refresher_cost` per fully trained member at each refresher, plus
`coordinator_cost` a week. A budget shortfall shrinks the rota
(only that share of members serve) and the refresher (only that share is
retrained).
"""

from __future__ import annotations

import numpy as np

from ..population import TEAM
from ..attributes import fit_to_help
from .base import Column, Intervention, setting
from .roles import (PASS_ROLES, ROLE_NEEDS, TRAINED_ROLES, Role, assign_roles,
                    serve_in_passes)

TRAINED_SHARE = 0.5  # a resident counts as trained while keeping half of what training added


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
        setting("drive_weeks", 8, "weeks", 0, 104,
                "assumed: two months of home visits to form a team",
                "weeks the first recruitment drive takes to reach the full team "
                "(a share 1 / drive_weeks more each week; 0 = at once)"),
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
        setting("companion_training_cost", 200.0, "CNY per member", 0.0, 1e6,
                "assumed: a half-day course on visiting and listening",
                "one-off cost of training a companionship member"),
        setting("coordinator_cost", 300.0, "CNY/week", 0.0, 1e6,
                "a part-time coordinator's allowance",
                "weekly cost of running the team"),
        setting("skill_fade", 0.02, "per week", 0.0, 1.0,
                "assumed: first-aid and care routines not practised fade within a year "
                "(half-life about 35 weeks)",
                "share of the skill training added that is lost per week"),
        setting("refresher_weeks", 26, "weeks", 1, 520,
                "assumed: a refresher course twice a year (source text 002: regular "
                "training)",
                "how often members take a refresher course"),
        setting("refresher_cost", 200.0, "CNY per member", 0.0, 1e6,
                "assumed: a one-day course, a third of the first course",
                "cost of one member's refresher course"),
        setting("strain_limit", 0.35, "burnout", 0.0, 1.0,
                "assumed: the rota's leader notices strain; half the burnout at which "
                "helpers quit",
                "burnout at which a member is stood down from the rota (1 = never)"),
        setting("missed_shift_credibility", 0.001, "credibility per shift", 0.0, 1.0,
                "assumed: a rota that leaves elders waiting is noticed",
                "committee credibility lost per shift a member on the rota misses"),
    )
    COLUMNS = (
        Column("team_retention", "fraction",
               "founding team members still active (0 without teams)"),
        Column("trained_residents", "persons", "residents living here who keep at least "
               "half of the skill team training added (0 without teams)"),
        Column("missed_shifts", "shifts", "shifts members on the team's rota missed "
               "this week"),
    )

    def setup(self, model) -> None:
        n = model.population.size
        self.member = np.zeros(n, bool)
        self.founders = np.zeros(n, bool)
        self.untrained_skill = np.full(n, np.nan)  # skill before the first training
        self.role = np.full(n, Role.NONE, np.int8)  # roles.ROLES
        self.recruited = 0
        self.refreshed = 0
        self.missed = 0
        self.missed_total = 0

    def start(self, model) -> None:
        self._recruit(model, self._drive_share(0))
        self.founders = self.member.copy()

    def _drive_share(self, weeks_running: int) -> float:
        """The share of the team the first recruitment drive has reached by now."""
        if self.drive_weeks <= 0:
            return 1.0
        return min((weeks_running + 1) / self.drive_weeks, 1.0)

    def _recruit(self, model, share_of_team: float = 1.0) -> None:
        pop = model.population
        rng = model.streams.at("team", model.week)
        u = rng.random(pop.size)
        self.member &= pop.present & pop.active
        self.role[~self.member] = Role.NONE
        target = int(round(self.team_size * self.intensity * share_of_team))
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
        # the course each recruit would take sets the cost; a shortfall takes fewer
        self._give_roles(model, new)
        courses = np.isin(self.role[new], TRAINED_ROLES)
        share = self.pay(model, self.training_cost * courses.sum()
                         + self.companion_training_cost * (~courses).sum())
        self.role[new] = Role.NONE
        new = new[: int(np.floor(len(new) * share))]
        model.enlist_helpers(new)
        pop.active[new] = True
        self.member[new] = True
        self._give_roles(model, new)
        self._train(pop, new[np.isin(self.role[new], TRAINED_ROLES)])
        pop.hours_capacity[new] = np.maximum(pop.hours_capacity[new], self.member_hours)
        self.recruited += len(new)

    def _give_roles(self, model, new: np.ndarray) -> None:
        pop = model.population
        member = self.member.copy()
        member[new] = True
        assign_roles(self.role, member, new, pop.village, pop.active | member,
                     model.ties.degree)

    def _train(self, pop, trainees: np.ndarray) -> None:
        """The full course: care skill up to trained_skill (fading from then on)."""
        first = trainees[np.isnan(self.untrained_skill[trainees])]
        self.untrained_skill[first] = pop.skill[first]
        pop.skill[trainees] = np.maximum(pop.skill[trainees], self.trained_skill)

    def before_needs(self, model, week) -> None:
        weeks_running = model.week - self.start_week - 1
        self._fade(model.population)
        if 0 < weeks_running < self.drive_weeks:
            # the first drive goes on: the team grows toward its size
            self._recruit(model, self._drive_share(weeks_running))
            self.founders |= self.member
        elif weeks_running > 0 and weeks_running % self.refill_weeks == 0:
            self._recruit(model)
        if weeks_running > 0 and weeks_running % self.refresher_weeks == 0:
            self._refresh(model)
        self.serving_share = self.pay(model, self.coordinator_cost * self.intensity)
        week.recognition[self.member] = np.maximum(week.recognition[self.member],
                                                   self.supervision * self.serving_share)

    def _fade(self, pop) -> None:
        """Everyone ever trained loses the share skill_fade of what training added."""
        trained = np.flatnonzero(~np.isnan(self.untrained_skill))
        if len(trained):
            base = self.untrained_skill[trained]
            pop.skill[trained] = base + (pop.skill[trained] - base) * (1.0 - self.skill_fade)

    def _refresh(self, model) -> None:
        """A refresher course restores serving members' skill (the share paid of them)."""
        pop = model.population
        serving = np.flatnonzero(self.member & pop.present & pop.active
                                 & np.isin(self.role, TRAINED_ROLES))
        share = self.pay(model, self.refresher_cost * len(serving))
        serving = serving[: int(np.floor(len(serving) * share))]
        self._train(pop, serving)
        self.refreshed += len(serving)

    def help(self, model, week) -> None:
        pop = model.population
        on_rota = np.flatnonzero(self.member)
        if self.serving_share < 1.0:
            on_rota = on_rota[: int(np.floor(len(on_rota) * self.serving_share))]
        serves = model.volunteering[on_rota] & ~pop.withdrawn[on_rota]
        pool = on_rota[serves & (pop.burnout[on_rota] < self.strain_limit)]
        held = self.role[pool] + 1  # PASS_ROLES is indexed by role + 1
        passes = [(types, pool[PASS_ROLES[k, held]]) for k, (types, _) in enumerate(ROLE_NEEDS)]
        elders, helpers, _ = serve_in_passes(model, week, TEAM, week.asking, passes)
        self.services += len(elders)
        model.queue_ties(elders, helpers)
        # accountability: a member on the rota who does not serve misses the shift
        self.missed = int((~serves).sum())
        self.missed_total += self.missed
        committee = model.committee
        committee.credibility = max(
            committee.credibility - self.missed_shift_credibility * self.missed, 0.0)

    def retention(self, model) -> float:
        """Share of the founding members still active in the team."""
        if not self.founders.any():
            return 0.0
        pop = model.population
        return float((self.founders & self.member & pop.active & pop.present).sum()
                     / self.founders.sum())

    def record(self, model, week):
        return {"team_retention": self.retention(model),
                "trained_residents": self.trained_residents(model), "missed_shifts": self.missed}

    def trained_residents(self, model) -> int:
        """Residents living here who keep at least half of what training added."""
        pop = model.population
        ever = np.flatnonzero(~np.isnan(self.untrained_skill) & pop.present)
        base = self.untrained_skill[ever]
        added = np.maximum(self.trained_skill - base, 1e-9)
        return int(((pop.skill[ever] - base) >= TRAINED_SHARE * added).sum())


    def report(self):
        return {**super().report(), "recruited": self.recruited, "refreshed": self.refreshed,
                "missed_shifts": self.missed_total}
