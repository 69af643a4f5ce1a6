"""VillageModel: one village's (or township's) mutual-aid ecosystem, one step per week."""

from __future__ import annotations

import copy
import os

import mesa
import numpy as np
from mesa.experimental.scenarios import Scenario

from ..agents import Elder, Resident, VillageCommittee, WorkingAgeResident
from . import committee, demography, life_course, needs, volunteers, wellbeing
from .attributes import KIN_HELP_MAX_FRAILTY
from .helping import (
    AskRound, family_help, informal_help, new_week, remote_kin_company, serve_from_pool,
)
from .interventions import Intervention
from .interventions.base import attach
from .metrics import TimeSeries, TimeSeriesCollector
from .params import VillageParams, make_params
from .population import NEED_TYPES
from .seeding import resolve_seed
from .streams import RandomStreams
from .ties import ACQUAINTANCE, NEIGHBOUR
from .village import build_village, build_village_from_roster
from .week import Week

WEEKS_PER_YEAR = committee.WEEKS_PER_YEAR
NEW_HELPER_MOTIVATION = 0.8  # a newly enlisted helper starts keen
RECENT_WEEKS = 4  # window for the committee's recent coverage and for cohesion
# The headline weekly figures `model.datacollector` (a mesa.DataCollector) reports, read
# from the model's own TimeSeries (sim/metrics.py): same names, same values, one row a week.
MESA_REPORTERS = (
    "coverage", "coverage_alone", "needs", "met", "unmet", "participation",
    "share_withdrawn", "mean_loneliness", "mean_efficacy", "mean_trust", "helpers_active",
    "mean_burnout", "dropouts", "credibility", "cohesion", "spent",
)
class VillageModel(mesa.Model):
    """A Mesa model of mutual aid among older adults in a village.

    Args:
        seed: the run seed; every random draw derives from it. None (the default)
            draws a fresh seed, recorded as `model.seed`.
        params: a VillageParams; keyword arguments named like parameters
            override single values (`VillageModel(seed=1, residents=300)`).
        interventions: Intervention objects to attach (sim.interventions).
        shocks: Shock objects (sim.shocks), applied at the start of every week.
        years: length of the run in years, used to size the time series.
        roster: a real village instead of a synthetic one: a sim.roster.Roster
            (scenarios.village_files.read_roster reads one from a folder of CSV
            files or an .xlsx workbook). Its residents set `residents` (and
            `villages` = 1); blank cells are
            filled with default draws from this run's seed.
        rng: Mesa 3's name for the seed (`VillageModel(rng=5)` is
            `VillageModel(seed=5)`); give seed or rng, not both. A numpy Generator
            or SeedSequence gives a seed drawn from it.
        scenario: a mesa.experimental.scenarios.Scenario (Mesa's SolaraViz passes one
            on Reset): its rng is the seed when neither seed nor rng is given, and
            its other entries override parameters.

    Interventions are copied into the model when they were already attached to
    another model, so an object reused for a second run starts as fresh as it
    was built (a first use attaches the object itself: its state after the run
    is the run's).

    Mesa's own tools run the model unchanged: `mesa.batch_run(VillageModel, ...)`
    reads `model.datacollector`, collected every week from the time series
    (MESA_REPORTERS), and `model.grid` is a mesa.discrete_space.Network of the ties
    with every resident agent in the cell of its node (for SolaraViz's space
    components; see visualization/mesa_app.py).
    """

    def __init__(self, seed: int | None = None, params: VillageParams | None = None, *,
                 rng=None, interventions=(), shocks=(), years: int = 10, roster=None,
                 scenario=None, **overrides):
        if scenario is not None:
            seed, rng, overrides = self._from_scenario(scenario, seed, rng, overrides)
        seed = resolve_seed(seed, rng)
        if scenario is not None:
            scenario = copy.copy(scenario)  # the caller's stays as it was
            object.__setattr__(scenario, "model", None)
            scenario.__dict__["rng"] = seed  # so Mesa's Model accepts it with rng=seed
        super().__init__(rng=seed, scenario=scenario)
        self.seed = seed
        self.params = (params or VillageParams()).replace(**overrides) if overrides else (
            params or make_params())
        self.streams = RandomStreams(seed)
        self._helping_key = self.streams.key("helping:pairs")
        if isinstance(roster, (str, os.PathLike)):
            # the model reads no files: a village file is read (and checked) beside
            # scenario loading, which also reports every problem in it
            raise TypeError(f"roster: {str(roster)!r} is a path; read the village file first "
                            "with villageaid.scenarios.village_files.read_roster(path) and "
                            "pass the Roster it returns")
        self.roster = roster
        if self.roster is not None:
            self.params = self.params.replace(residents=self.roster.size, villages=1)
            self.population, self.ties = build_village_from_roster(
                self.roster, self.params, self.streams)
        else:
            self.population, self.ties = build_village(self.params, self.streams)
        # The largest idle building of a village file houses the activity centre.
        space = self.roster.centre_space if self.roster is not None else None
        self.space_capacity = space[1] if space else None
        self._set_elders()
        self._need_rules = needs.need_rules(self.params)
        self.week = 0
        self.budget = committee.Budget(self.params)
        self.committee = VillageCommittee(self, self.budget, self.params.credibility)
        # Mesa agents of the residents living in the village (None for the dead and
        # those away), kept in step with the population by _sync_agents
        self.residents: list[Resident | None] = [None] * self.population.size
        self._agent_kind = np.full(self.population.size, -1, np.int8)
        self._sync_agents()
        self.interventions: list[Intervention] = []
        self.channels: list[Intervention] = []
        self.shocks = list(shocks)
        self.this_week: Week | None = None  # the week being run, or the last one run
        self.recent_met = np.zeros(RECENT_WEEKS)
        self.recent_needs = np.zeros(RECENT_WEEKS)
        self._pending_ties: list[tuple[np.ndarray, np.ndarray]] = []
        self.cohesion = 0.0  # updated every four weeks
        self._dropped_this_year = np.zeros(self.population.size, bool)
        self.ties_added = 0
        self._warm_up(self.params.warmup_years * WEEKS_PER_YEAR)
        self.interventions = [attach(i) for i in interventions]
        # the scenario's stated priorities: the weights a short budget is shared by
        self.budget.weights.update({i.name: float(i.priority) for i in self.interventions
                                    if i.priority != 1.0})
        self.channels = sorted((i for i in self.interventions if i.channel_order),
                               key=lambda i: i.channel_order)
        self.ties_added = 0
        self._year_start_active = self.population.helper & self.population.active
        self.annual_dropout: list[float] = []
        self.year_events = demography.YearEvents()  # the latest year's, for the time series
        for intervention in self.interventions:
            intervention.setup(self)
        self.timeseries = TimeSeries(self, capacity=years * WEEKS_PER_YEAR)
        # Filled by TimeSeries.record, week by week. Mesa's batch_run puts the reporters
        # after its own columns: "seed" is then the seed this run used, also where
        # batch_run passed seed=None (iterations=N).
        self.datacollector = TimeSeriesCollector(MESA_REPORTERS)
        self._grid = None
        self.running = True

    @staticmethod
    def _from_scenario(scenario, seed, rng, overrides):
        """Seed and parameter overrides from a Mesa Scenario (SolaraViz's Reset passes one)."""
        if not isinstance(scenario, Scenario):
            raise TypeError(f"scenario: expected a mesa Scenario, got {type(scenario).__name__} "
                            "(a villageaid scenario file gives params and interventions: "
                            "see villageaid.scenarios)")
        entries = {k: v for k, v in scenario.__dict__.items() if k != "rng"}
        if seed is None and rng is None:
            rng = scenario.rng
        return seed, rng, {**entries, **overrides}

    # ------------------------------------------------------------------ schedule
    def step(self) -> None:
        """One week, in a fixed order of stages (docs/ODD.md, 'Process overview')."""
        self.week += 1
        week = self._begin_week()
        for shock in self.shocks:
            shock.apply(self, week)
        if self.shocks:
            self._sync_agents()  # an out-migration wave takes residents away
        if (self.week - 1) % WEEKS_PER_YEAR == 0:
            self._new_year(week)
        self.budget.collect(self.week)  # a grant instalment due; this week's spending
        active = [i for i in self.interventions if i.is_active(self.week)]
        for intervention in active:
            if not intervention.started:
                intervention.started = True
                intervention.start(self)
            intervention.before_needs(self, week)
        self._arise_needs(week)
        self._help(week)
        for intervention in active:
            intervention.after_help(self, week)
        self._update_elders(week)
        self._update_helpers(week)
        self._life_course(week)
        self._update_ties()
        self._update_committee(week)
        self.timeseries.record(self, week)  # also fills self.datacollector (Mesa's)

    def _warm_up(self, weeks: int) -> None:
        """Run the weekly social processes for `weeks` weeks before week 1 (weeks
        -weeks..-1), with no interventions, shocks or demography, so that a run starts
        from a settled state rather than from its initial draws; then clear the
        run's running totals."""
        pop = self.population
        self.week = -weeks - 1
        pop.last_contact[:] = self.week
        for _ in range(weeks):
            self.week += 1
            week = self._begin_week()
            self._arise_needs(week)
            self._help(week)
            self._update_elders(week)
            self._update_helpers(week)
            self._join_helpers(week)
            self._update_ties()
            self._update_committee(week)
        self.week = 0
        self.this_week = None
        for name in ("needs_arisen", "needs_met", "need_hours_total", "met_hours_total",
                     "hours_given", "tasks_given", "dropouts", "returns"):
            getattr(pop, name)[:] = 0
        self._dropped_this_year[:] = False
        self.budget.start_week()

    # ------------------------------------------------------------------- stages
    def _begin_week(self) -> Week:
        """A fresh Week (sim/week.py), every modifier neutral; the budget's week record cleared."""
        self.budget.start_week()
        self.this_week = Week.fresh(self.week, self.population.size)
        return self.this_week

    def _new_year(self, week: Week) -> None:
        year = (self.week - 1) // WEEKS_PER_YEAR
        self.budget.new_year(self.streams.at("budget", year))
        if year > 0 and self.params.demography:
            self._age_a_year(year, week)
        if year > 0:
            started = self._year_start_active
            self.annual_dropout.append(
                float(self._dropped_this_year[started].mean()) if started.any() else 0.0
            )
        pop = self.population
        self._year_start_active = pop.helper & pop.active & pop.present
        self._dropped_this_year[:] = False

    def _age_a_year(self, year: int, week: Week) -> None:
        """A year of the life course (sim/life_course.py, sim/demography.py)."""
        life_course.age_a_year(self, year, week)

    def _sync_agents(self) -> None:
        """One Mesa agent per resident living in the village, of the class of their age:
        agents of those who died or left are removed, returnees get one, and a resident
        turning 60 becomes an Elder."""
        pop = self.population
        want = np.where(pop.present, pop.is_elder.astype(np.int8), -1).astype(np.int8)
        for i in np.flatnonzero(want != self._agent_kind):
            if self.residents[i] is not None:
                self.residents[i].remove()
            self.residents[i] = (None if want[i] < 0 else
                                 (Elder if want[i] else WorkingAgeResident)(self, int(i)))
        self._agent_kind = want

    def _set_elders(self) -> None:
        """The elders' rows: the population is kept oldest first, so the elders are
        its first n_elders residents and the weekly kernels take views x[:n_elders].
        Called when ages change (at the start and at each new year)."""
        self.n_elders = int(self.population.is_elder.sum())
        pop = self.population
        # the part of each resident's death rate fixed until the next birthday
        self._death_by_age = demography.death_rate_by_age(self.params, pop.age, pop.female)
        self.elders = np.arange(self.n_elders)
        self.elder_rows = tuple(wellbeing.elders_of(self.population, self.n_elders))

    def _arise_needs(self, week: Week) -> None:
        """Weekly needs by type, in hours (sim/needs.py): the week's record of help
        (week.help) starts with them; the care given at home is week.home_care."""
        pop, E = self.population, self.n_elders
        u = self.streams.at("needs", self.week).random((E, len(NEED_TYPES)))
        need, hours, week.home_care = needs.arise(
            self._need_rules, u, pop.frailty[:E], pop.loneliness[:E], pop.chronic[:E],
            pop.living[:E], pop.present[:E], pop.daily_backlog[:E], week.need_multiplier)
        week.help = new_week(pop.size, self.elders, need, self.streams.at("helping", self.week),
                             hours)

    def _help(self, week: Week) -> None:
        p, pop, hw = self.params, self.population, week.help
        asking_round = AskRound(pop, self.ties, self.elders, p.reciprocity_reluctance, self.week,
                                hw.u_priority, self._helping_key)
        kin_ok = pop.present & ~pop.withdrawn & (pop.frailty < KIN_HELP_MAX_FRAILTY)
        kin_hours = np.full(pop.size, p.kin_hours)
        family_help(asking_round, hw, kin_ok, kin_hours)
        E = self.n_elders
        u_call = self.streams.at("remote_kin", self.week).random(E)
        remote_kin_company(hw, pop.children_migrated[:E], p.remote_kin_company, u_call)
        week.asking = pop.present[:E] & ~pop.withdrawn[:E] & (pop.trust[:E] >= p.ask_trust_floor)
        week.hours_left = np.where(
            self.volunteering, pop.hours_capacity * week.hours_factor, 0.0)
        informal_help(asking_round, hw, week.asking, self.volunteering & ~pop.withdrawn,
                      week.hours_left, p.asks_per_need)
        week.priority_order = asking_round.order
        for channel in self.channels:
            if channel.is_active(self.week):
                channel.help(self, week)

    def _update_elders(self, week: Week) -> None:
        """The disembedding cycle and trust, one loop over the elders (sim/wellbeing.py),
        which also adds up each elder's hours needed and given."""
        p, pop, E, hw = self.params, self.population, self.n_elders, week.help
        contact = hw.tasks[:E] > 0
        contact |= week.visited[:E] | hw.asked[:E] | wellbeing.everyday_contact(self)
        pop.last_mutual[hw.mutual] = self.week
        pop.last_gave[hw.hours > 0] = self.week
        wellbeing.update_elders(
            self.week, hw, contact, wellbeing.Elders(*self.elder_rows), wellbeing.rules(p),
            committee.trust_rules(p, self.committee.credibility, week.trust_boost))

    def _update_helpers(self, week: Week) -> None:
        p, pop, hw = self.params, self.population, week.help
        pop.hours_given += hw.hours + hw.kin_hours
        pop.tasks_given += hw.tasks
        # Drop-outs rest, and the rested may come back ...
        resting = np.flatnonzero(pop.helper & ~pop.active & pop.present)
        pop.burnout[resting] = volunteers.rest(p, pop.burnout[resting])
        u = self.streams.at("volunteer_return", self.week).random(pop.size)
        back = resting[volunteers.returns(p, pop.burnout[resting], u[resting])]
        # ... while this week's helpers tire, lose heart, and may drop out.
        act = np.flatnonzero(self.volunteering)
        load = hw.hours[act] / np.maximum(pop.hours_capacity[act], 1e-9)
        b, m = volunteers.update_active(
            p, pop.burnout[act], pop.motivation[act], load, hw.beyond_skill[act],
            hw.tasks_met[act], week.recognition[act])
        pop.burnout[act], pop.motivation[act] = b, m
        quitting = act[volunteers.drops_out(p, b, m)]
        pop.active[quitting] = False
        pop.dropouts[quitting] += 1
        self._dropped_this_year[quitting] = True
        pop.active[back] = True
        pop.returns[back] += 1
        pop.motivation[back] = volunteers.RETURN_MOTIVATION
        week.dropouts, week.returns = len(quitting), len(back)

    def _join_helpers(self, week: Week) -> None:
        """Elders who start helping on their own (sim/life_course.py)."""
        life_course.join_helpers(self, week)

    def _life_course(self, week: Week) -> None:
        """Unmet needs' consequences, joining and deaths (sim/life_course.py)."""
        life_course.week_of_life(self, week)

    def _update_ties(self) -> None:
        """Used ties strengthen, unused non-kin ties fade, friends of friends meet."""
        p = self.params
        self.ties.evolve_strength(self.week, reinforce=p.tie_reinforce, decay=p.tie_decay,
                                 fading_kinds_from=NEIGHBOUR)
        self._form_ties(p.tie_formation)  # also refreshes cohesion monthly

    def _form_ties(self, chance: float) -> None:
        """Triadic closure: a resident meets a random neighbour of a random neighbour.

        Meetings are drawn every week; the new ties join the network at the end
        of each four-week month, which keeps re-indexing the network cheap.
        """
        pop, t = self.population, self.ties
        if chance > 0:
            u = self.streams.at("network", self.week).random((pop.size, 3))
            meets = np.flatnonzero((u[:, 0] < chance) & pop.present & (t.degree > 0))
            first = t.nbr[t.indptr[meets] + (u[meets, 1] * t.degree[meets]).astype(np.int64)]
            has = t.degree[first] > 0
            meets, first = meets[has], first[has]
            second = t.nbr[t.indptr[first] + (u[meets, 2] * t.degree[first]).astype(np.int64)]
            ok = pop.present[second] & (second != meets)
            self._pending_ties.append((meets[ok], second[ok]))
        if self.week % RECENT_WEEKS == 0:
            if self._pending_ties:
                a = np.concatenate([x for x, _ in self._pending_ties])
                b = np.concatenate([y for _, y in self._pending_ties])
                here = pop.present[a] & pop.present[b]  # nobody who left this month
                a, b = a[here], b[here]
                self.ties_added += t.add(a, b, ACQUAINTANCE, self.week)
                self._pending_ties = []
            self.cohesion = t.largest_component_share(pop.is_elder & pop.present,
                                                      self.week - RECENT_WEEKS + 1)

    def _update_committee(self, week: Week) -> None:
        slot, hw = self.week % RECENT_WEEKS, week.help
        self.recent_needs[slot] = hw.need.sum()
        self.recent_met[slot] = (hw.need & ~hw.open).sum()
        needs = self.recent_needs.sum()
        coverage = self.recent_met.sum() / needs if needs else 1.0
        self.committee.credibility = committee.update_credibility(
            self.params, self.committee.credibility, min(coverage + week.credibility_boost, 1.0))
        committee.adapt(self.budget, self.interventions, self.week, self.params.adapt_rate)

    # -------------------------------------------------------------- public API
    @property
    def volunteering(self) -> np.ndarray:
        pop = self.population
        return pop.helper & pop.active & pop.present

    @property
    def last_help(self):
        """The record of help (helping.HelpWeek) of the week run last, None before the first."""
        return self.this_week.help if self.this_week is not None else None

    def serve(self, week: Week, pool, channel: int, eligible, *, order=None,
              limit: int = 10**9, credit=None, reserve=None):
        """Run an organised channel over the week's open needs (see helping.serve_from_pool),
        in the week's priority order unless `order` is given, from the hours its helpers
        have left."""
        order = week.priority_order if order is None else order
        return serve_from_pool(week.help, self.population, self.elders, eligible, order, pool,
                               week.hours_left, channel, limit, credit, reserve)

    def intervention(self, name: str):
        """The attached intervention called `name`, or None."""
        return next((i for i in self.interventions if i.name == name), None)

    def queue_ties(self, a, b) -> None:
        """New acquaintance ties, joined to the network at the end of the month."""
        if len(a):
            self._pending_ties.append((np.asarray(a, np.int64), np.asarray(b, np.int64)))

    def enlist_helpers(self, residents: np.ndarray) -> None:
        """Make residents helpers (casework finds them; teams recruit them)."""
        pop = self.population
        new = residents[~pop.helper[residents]]
        pop.helper[new] = True
        pop.active[new] = True
        pop.motivation[new] = NEW_HELPER_MOTIVATION
        pop.hours_capacity[new] = np.where(
            pop.is_elder[new], self.params.helper_hours_elder, self.params.helper_hours_adult)

    def run(self, weeks: int) -> VillageModel:
        for _ in range(weeks):
            self.step()
        return self

    @property
    def grid(self):
        """A mesa.discrete_space.Network of this week's ties, each resident living in the
        village in its node's cell.

        Built on demand (no layout) and kept for the week; every resident agent's
        `cell` is set to its cell, as Mesa's space drawing expects.
        """
        if self._grid is not None and self._grid[0] == self.week:
            return self._grid[1]
        from mesa.discrete_space import Network

        network = Network(self.ties.to_networkx(), capacity=1, random=self.random, layout=None)
        for resident in self.residents:
            if resident is None:
                continue  # the dead and those living away are not in the village
            cell = network._cells[resident.index]
            cell.add_agent(resident)
            resident.cell = cell
        self._grid = (self.week, network)
        return network
