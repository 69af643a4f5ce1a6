"""Resource matching (macro level): a needs database, an inventory of idle helpers, a centre.

Matching: when it starts, the committee surveys the village. The needs
database registers every elder; the inventory lists the healthy residents who
are not helpers yet, and a share `inventory_share` of them would agree to be
called on occasionally (`inventory_hours` a week). The coordinator reaches them
over the months, not at once: each week each of them not yet reached agrees
with chance `recruit_rate` (draws from the "matching_recruit" stream). Each week, after the informal and
team channels, a coordinator matches open needs to the active helper of the
elder's village with the most hours left (the most idle), beyond the elder's
own ties, up to `matches_per_week` x villages needs in the township, elders
with the fewest ties first, and never filling more than `max_load` of a
helper's week. The coordinator keeps volunteers from being worn out: the
inventory records skills, so a need that takes skill (chronic care,
emergencies) goes only to a helper whose skill covers it (the most skilled
needs are matched first), a helper matched in the last `rest_weeks` weeks is
not called again until rested, and a helper showing strain (burnout at
`strain_limit` or above) is not called at all until recovered.
Withdrawn elders do not ask, but the database finds their needs with chance
`outreach` a week. A match creates a tie between the two.

Activity centre: an idle building (a vacated school) reused. Each week up to
`capacity` elders (or, for a village file that lists spaces, the capacity of
its largest space) who are not withdrawn come (each with chance `attend_chance`,
draws from the "centre" stream): the visit counts as contact and meets an open
companionship need (and counts as taking part only then), and each visitor meets
another visitor, forming a new tie with chance `tie_chance`.
"""

from __future__ import annotations

import numpy as np

from ..population import COMPANY, MATCHED, NEED_SKILL
from ..attributes import fit_to_help
from .base import Intervention, setting
from .roles import serve_in_passes

# the coordinator's passes: each level of required skill, the most skilled first, with
# the need types that require it
SKILL_PASSES = tuple((level, tuple(np.flatnonzero(NEED_SKILL == level)))
                     for level in np.unique(NEED_SKILL)[::-1])


class Matching(Intervention):
    name = "matching"
    level = "macro"
    title = "Needs-resource matching"
    channel_order = 30
    SETTINGS = (
        setting("matches_per_week", 20, "needs/week per village", 0, 10_000,
                "a part-time coordinator can arrange a few matches a day",
                "needs the coordinator can match each week"),
        setting("inventory_share", 0.3, "fraction", 0.0, 1.0,
                "source text 000: 'abundant latent human resources', unorganised",
                "share of healthy non-helpers who agree to be called on"),
        setting("inventory_hours", 2.0, "hours/week", 0.0, 40.0,
                "occasional help: an errand or a visit a week",
                "hours a week an inventory helper gives"),
        setting("recruit_rate", 0.04, "chance/week", 0.0, 1.0,
                "assumed: a coordinator visits households over months; about half the "
                "inventory is reached in four months",
                "weekly chance that a resident of the inventory not yet reached joins"),
        setting("max_load", 0.5, "fraction of a helper's hours", 0.0, 1.0,
                "calibrated: a coordinator who fills volunteers' weeks burns them out",
                "the most of a helper's weekly hours the coordinator will fill"),
        setting("rest_weeks", 1, "weeks", 0, 52,
                "assumed: a coordinator who rotates calls lets a volunteer rest a week "
                "after a match",
                "weeks after a match before the coordinator calls the same helper"),
        setting("strain_limit", 0.35, "burnout", 0.0, 1.0,
                "assumed: a coordinator in regular contact notices strain; half the "
                "burnout at which helpers quit",
                "burnout at which the coordinator stops calling a helper (1 = never)"),
        setting("outreach", 0.3, "chance/week", 0.0, 1.0,
                "calibrated: the database finds some needs of withdrawn elders",
                "weekly chance a withdrawn elder's open needs are found"),
        setting("coordinator_cost", 400.0, "CNY/week", 0.0, 1e6,
                "a part-time coordinator and a shared phone line",
                "weekly cost of matching, per village"),
    )

    def setup(self, model) -> None:
        self.matches = 0
        self.latent_enlisted = 0
        self.unmatched = 0
        self.last_matched = np.full(model.population.size, np.iinfo(np.int64).min // 2)
        self.inventory = np.zeros(0, np.int64)  # residents listed, not yet reached

    def start(self, model) -> None:
        pop = model.population
        u = model.streams.at("matching_inventory", model.week).random(pop.size)
        latent = (pop.present & ~pop.helper & ~pop.withdrawn
                  & fit_to_help(pop.is_elder, pop.age, pop.frailty)
                  & (u < self.inventory_share * min(self.intensity, 1.0)))
        self.inventory = np.flatnonzero(latent)

    def _reach_inventory(self, model) -> None:
        """This week's recruits from the inventory: those still fit, living here and not
        helpers who agree (recruit_rate); the others wait for a later week."""
        pop, inv = model.population, self.inventory
        if not len(inv):
            return
        u = model.streams.at("matching_recruit", model.week).random(pop.size)[inv]
        reached = u < self.recruit_rate
        joins = inv[reached & pop.present[inv] & ~pop.helper[inv]
                    & fit_to_help(pop.is_elder[inv], pop.age[inv], pop.frailty[inv])]
        model.enlist_helpers(joins)
        pop.hours_capacity[joins] = self.inventory_hours
        self.latent_enlisted += len(joins)
        self.inventory = inv[~reached]

    def before_needs(self, model, week) -> None:
        self._reach_inventory(model)
        villages = int(model.params.villages)
        self.share = self.pay(model, self.coordinator_cost * villages * self.intensity)

    def help(self, model, week) -> None:
        pop, E, hw = model.population, model.n_elders, week.help
        u = model.streams.at("matching_outreach", model.week).random(E)
        found = week.asking | (pop.withdrawn[:E] & pop.present[:E] & (u < self.outreach))
        # elders with the fewest ties first; the weekly priority breaks ties
        order = np.lexsort((hw.u_priority, model.ties.degree[:E]))
        limit = int(np.floor(self.matches_per_week * self.intensity * self.share
                             * model.params.villages))
        rested = ((self.last_matched < model.week - self.rest_weeks)
                  & (pop.burnout < self.strain_limit))
        pool = np.flatnonzero(model.volunteering & ~pop.withdrawn & rested)
        reserve = (1.0 - self.max_load) * pop.hours_capacity * week.hours_factor
        # the most skilled needs first, each from the helpers whose skill covers it
        passes = [(types, pool[pop.skill[pool] >= level]) for level, types in SKILL_PASSES]
        elders, helpers, unserved = serve_in_passes(model, week, MATCHED, found, passes,
                                                    order=order, limit=limit, reserve=reserve)
        self.matches += len(elders)
        self.services += len(elders)
        self.unmatched += unserved
        self.last_matched[helpers] = model.week
        model.queue_ties(elders, helpers)

    def report(self):
        return {**super().report(), "matches": self.matches,
                "inventory_helpers": self.latent_enlisted, "unmatched": self.unmatched}


class ActivityCentre(Intervention):
    name = "activity_centre"
    level = "macro"
    title = "Activity centre"
    SETTINGS = (
        setting("capacity", 40, "visitors/week per village", 0, 10_000,
                "a reused schoolroom seats a few dozen",
                "elders the centre can host each week"),
        setting("attend_chance", 0.3, "chance/week", 0.0, 1.0,
                "calibrated: regulars come about once every three weeks",
                "weekly chance an elder who is not withdrawn comes"),
        setting("tie_chance", 0.05, "chance per visit", 0.0, 1.0,
                "calibrated: acquaintance grows out of repeated meetings",
                "chance a visit forms a new tie with another visitor"),
        setting("running_cost", 150.0, "CNY/week", 0.0, 1e6,
                "heating, tea, a caretaker's allowance",
                "weekly cost of running the centre, per village"),
        setting("setup_cost", 5000.0, "CNY", 0.0, 1e7,
                "repairs and furniture for an idle building",
                "one-off cost of opening the centre, per village"),
    )

    def setup(self, model) -> None:
        self.visits = 0
        self.ties_formed = 0
        self.opened_share = 1.0

    def start(self, model) -> None:
        self.opened_share = self.pay(model, self.setup_cost * model.params.villages)

    def after_help(self, model, week) -> None:
        pop, E, hw = model.population, model.n_elders, week.help
        share = self.opened_share * self.pay(
            model, self.running_cost * model.params.villages * self.intensity)
        u = model.streams.at("centre", model.week).random((E, 3))
        come = pop.present[:E] & ~pop.withdrawn[:E] & (u[:, 0] < self.attend_chance)
        # a village file's largest space sets the size (docs/guide_village_files.md)
        site = getattr(model, "space_capacity", None)
        capacity = int(np.floor((self.capacity if site is None else site)
                                * self.intensity * share))
        visitors = []
        for v in np.unique(pop.village[:E]):
            here = np.flatnonzero(come & (pop.village[:E] == v))
            visitors.append(here[np.argsort(u[here, 1], kind="stable")][:capacity])
        visitors = np.concatenate(visitors)
        self.visits += len(visitors)
        week.visited[visitors] = True
        met = visitors[hw.open[visitors, COMPANY]]
        # the visit gives the company the need took
        hw.given_by[met, MATCHED] += hw.need_left[met, COMPANY]
        hw.need_left[met, COMPANY] = 0.0
        hw.open[met, COMPANY] = False
        hw.channel[met, COMPANY] = MATCHED
        # taking part is receiving help beyond kin: the visitors whose need for
        # company the visit met, not every visitor
        hw.mutual[met] = True
        self.services += len(met)
        if len(visitors) > 1:
            # each visitor meets the next one in a shuffled line of the day's visitors
            line = visitors[np.argsort(u[visitors, 2], kind="stable")]
            partner = np.roll(line, -1)
            same = pop.village[line] == pop.village[partner]
            u_tie = model.streams.at("centre_ties", model.week).random(E)
            forms = same & (u_tie[line] < self.tie_chance)
            model.queue_ties(line[forms], partner[forms])
            self.ties_formed += int(forms.sum())

    def report(self):
        return {**super().report(), "visits": self.visits, "ties_formed": self.ties_formed}
