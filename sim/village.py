"""Build a synthetic village (or township of villages): residents, households, clans, ties.

Every draw comes from the run's named setup streams, and networkx generators get
integer seeds derived from the run seed, so the same seed builds the same village.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

from . import attributes
from .params import VillageParams
from .population import ALONE, COUPLE, WITH_FAMILY, Population
from .streams import RandomStreams
from .ties import ACQUAINTANCE, HOUSEHOLD, INITIAL_STRENGTH, KIN, NEIGHBOUR, TieTable


def build_village(params: VillageParams, streams: RandomStreams) -> tuple[Population, TieTable]:
    rng = streams.setup("village")
    pieces = [_build_one_village(params, rng, v) for v in range(params.villages)]
    pop, position, children_local = _concatenate(pieces)
    del pieces  # joined: free the per-village copies before the ties are built
    pop.female = attributes.sex_draw(streams.setup("sex"), pop.is_elder, pop.living,
                                     pop.household)
    ties = _build_ties(params, pop, position, children_local, streams)
    return pop, ties


def _build_one_village(p: VillageParams, rng: np.random.Generator, v: int) -> dict:
    """One village's residents: `residents` who live there, then the working-age
    villagers who live away (away_share of the working-age stayers), who belong to an
    elder's household and may come home (sim/demography.py)."""
    n = p.residents
    n_elders = int(round(p.elder_share * n))
    n_alone = int(round(p.alone_share * n_elders))
    n_couple = 2 * int(round(p.couple_only_share * n_elders / 2))
    n_couple = min(n_couple, n_elders - n_alone - (n_elders - n_alone) % 2)
    n_family = n_elders - n_alone - n_couple
    n_adults = n - n_elders
    n_away = int(round(p.away_share * n_adults))
    total = n + n_away

    living = np.concatenate([
        np.full(n_alone, ALONE), np.full(n_couple, COUPLE), np.full(n_family, WITH_FAMILY),
        np.full(n_adults + n_away, WITH_FAMILY),
    ]).astype(np.int8)
    is_elder = np.arange(total) < n_elders
    away = np.arange(total) >= n

    # Households: alone = 1 elder; couple = 2 elders; a family household has one
    # or two elders and at least one working-age resident if any are left.
    household = np.empty(total, np.int64)
    household[:n_alone] = np.arange(n_alone)
    household[n_alone:n_alone + n_couple] = n_alone + np.arange(n_couple) // 2
    hh = n_alone + n_couple // 2
    family_ids = []
    i = n_alone + n_couple
    while i < n_elders:
        size = 2 if (i + 1 < n_elders and rng.random() < 0.5) else 1
        household[i:i + size] = hh
        family_ids.append(hh)
        hh += 1
        i += size
    elder_households = np.arange(hh)
    family_ids = np.array(family_ids, np.int64)
    adults = np.arange(n_elders, n)
    placed = min(n_adults, len(family_ids))
    household[adults[:placed]] = family_ids[:placed]
    # Half the remaining working-age residents join a family household (a
    # second child or a daughter-in-law); the rest live as couples of about the
    # same age whose children have grown up and left (a couple turns 60 together
    # and becomes an empty nest), pairs in age order.
    rest = adults[placed:]
    joins = rest[rng.random(len(rest)) < 0.5] if len(family_ids) else rest[:0]
    household[joins] = rng.choice(family_ids, size=len(joins)) if len(joins) else joins
    rest = np.setdiff1d(rest, joins)
    adult_age = rng.integers(25, 60, total)
    rest = rest[np.argsort(adult_age[rest], kind="stable")]
    household[rest] = hh + np.arange(len(rest)) // 2
    hh += (len(rest) + 1) // 2
    # A villager living away is an elder's migrated child: a member of that elder's
    # household, who lives there again on coming home.
    if n_away:
        household[n:] = (rng.choice(elder_households, size=n_away) if len(elder_households)
                         else hh + np.arange(n_away))
        hh = max(hh, int(household[n:].max()) + 1)

    # Shuffle households along the village's lanes, then cut into clans.
    order = rng.permutation(hh)
    position = np.empty(hh, np.int64)
    position[order] = np.arange(hh)
    clan_of_household = position // p.clan_households

    age = np.where(is_elder, attributes.elder_age_draw(rng, p, total), adult_age)
    frailty = attributes.frailty_draw(rng, age, is_elder)
    chronic = is_elder & (rng.random(total) < p.chronic_prevalence)
    children, migrated = attributes.children_draw(rng, p, np.ones(total, bool))
    skill = attributes.skill_draw(rng, total)
    helper = attributes.helper_draw(rng, p, age, is_elder, frailty)
    hours = attributes.helper_hours(p, helper, is_elder)
    efficacy_base = attributes.efficacy_draw(rng, total)
    # Initial trust: a Beta whose mass above the ask threshold is `willing_share`.
    trust_base = attributes.trust_draw(rng, total, p.willing_share, p.ask_trust_floor)
    motivation = attributes.motivation_draw(rng, total)
    loneliness = attributes.loneliness_draw(rng, living)

    return dict(
        village=np.full(total, v), household=household,
        clan_local=clan_of_household[household], n_households=hh, age=age,
        is_elder=is_elder, living=living, frailty=frailty, chronic=chronic,
        children_migrated=migrated, skill=skill, helper=helper, hours_capacity=hours,
        efficacy_base=efficacy_base, trust_base=trust_base, loneliness=loneliness,
        motivation=motivation, position=position[household], away=away,
        children_local=np.where(is_elder, children - migrated, 0),
    )


def _concatenate(pieces: list[dict]) -> Population:
    """Join the villages into one population, oldest first.

    Everyone ages alike, so the order stays oldest first over the run and the
    elders are always indices 0..E-1: the weekly rules over elders work on array
    views (`x[:E]`) instead of copies, and those turning 60 extend them.
    """
    hh_offset = np.cumsum([0] + [pc["n_households"] for pc in pieces[:-1]])
    clan_offset = np.cumsum([0] + [int(pc["clan_local"].max()) + 1 for pc in pieces[:-1]])
    for pc, hh0, clan0 in zip(pieces, hh_offset, clan_offset):
        pc["household"] = pc["household"] + hh0
        pc["clan"] = pc["clan_local"] + clan0
    age = np.concatenate([pc["age"] for pc in pieces])
    order = np.argsort(-age, kind="stable")

    def cat(key):
        return np.concatenate([pc[key] for pc in pieces])[order]

    fixed = ("village", "household", "clan", "age", "is_elder", "living", "frailty", "chronic",
             "children_migrated", "skill", "hours_capacity", "helper", "efficacy_base",
             "trust_base", "loneliness", "motivation")
    pop = _new_population(**{key: cat(key) for key in fixed}, present=~cat("away"))
    return pop, cat("position"), cat("children_local")


def _build_ties(p: VillageParams, pop: Population, position: np.ndarray,
                children_local: np.ndarray, streams: RandomStreams) -> TieTable:
    rng = streams.setup("ties")
    a_parts, b_parts, kind_parts = [], [], []

    def add(a, b, kind):
        a_parts.append(np.asarray(a, np.int64))
        b_parts.append(np.asarray(b, np.int64))
        kind_parts.append(np.full(len(a_parts[-1]), kind, np.int8))

    for a, b in _household_pairs(pop.household):
        add(a, b, HOUSEHOLD)

    # Kin: an elder's children who stayed live in other households of the clan;
    # some residents also have a kin tie (sibling, cousin) within the clan.
    clan_members = _group_index(pop.clan)
    for i in np.flatnonzero(children_local > 0):
        members = clan_members[pop.clan[i]]
        candidates = members[(~pop.is_elder[members]) & (pop.household[members] != pop.household[i])]
        if len(candidates):
            k = min(int(children_local[i]), len(candidates))
            add(np.full(k, i), rng.choice(candidates, size=k, replace=False), KIN)
    for members in clan_members.values():
        if len(members) > 1:
            partners = rng.choice(members, size=len(members))
            has = rng.random(len(members)) < p.clan_kin_share
            add(members[has], partners[has], KIN)

    # Neighbours: households along a lane (a ring lattice built with networkx);
    # each member of one household gets a tie to a random member of the next.
    for v in range(p.villages):
        in_v = np.flatnonzero(pop.village == v)
        hh_ids, first = np.unique(pop.household[in_v], return_index=True)
        positions = position[in_v][first]
        lane = hh_ids[np.argsort(positions)]
        if len(lane) > 2 and p.neighbours > 0:
            k = min(p.neighbours, len(lane) - 1 - (len(lane) - 1) % 2)
            ring = nx.circulant_graph(len(lane), range(1, k // 2 + 1))
            hh_members = _group_index(pop.household[in_v])
            for h1, h2 in ring.edges():
                m1 = in_v[hh_members[lane[h1]]]
                m2 = in_v[hh_members[lane[h2]]]
                add(m1, rng.choice(m2, size=len(m1)), NEIGHBOUR)
        # Acquaintances: village-wide weak ties, a seeded G(n, m) random graph.
        m = int(round(p.acquaintances * len(in_v) / 2))
        if m > 0 and len(in_v) > 1:
            g = nx.gnm_random_graph(len(in_v), m, seed=streams.integer_seed(f"acquaintances:{v}"))
            edges = np.array(list(g.edges()), np.int64).reshape(-1, 2)
            add(in_v[edges[:, 0]], in_v[edges[:, 1]], ACQUAINTANCE)

    # Township: a few residents know someone in another village.
    if p.villages > 1 and p.township_ties > 0:
        linked = np.flatnonzero(rng.random(pop.size) < p.township_ties)
        other = rng.integers(0, pop.size, size=len(linked))
        cross = pop.village[other] != pop.village[linked]
        add(linked[cross], other[cross], ACQUAINTANCE)

    a = np.concatenate(a_parts) if a_parts else np.zeros(0, np.int64)
    del a_parts[:]  # joined: free the pieces before the table is built
    b = np.concatenate(b_parts) if b_parts else np.zeros(0, np.int64)
    del b_parts[:]
    kind = np.concatenate(kind_parts) if kind_parts else np.zeros(0, np.int8)
    del kind_parts[:]
    return TieTable(pop.size, a, b, kind, INITIAL_STRENGTH[kind])


def _household_pairs(household: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Members of the same household: each is tied to the next three in the
    household, which ties households of up to four completely."""
    order = np.argsort(household, kind="stable")
    hh_sorted = household[order]
    pairs = []
    for gap in (1, 2, 3):
        same = hh_sorted[gap:] == hh_sorted[:-gap]
        pairs.append((order[:-gap][same], order[gap:][same]))
    return pairs


def _group_index(keys: np.ndarray) -> dict[int, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    uniq, starts = np.unique(keys[order], return_index=True)
    bounds = list(starts[1:]) + [len(order)]
    return {int(k): order[s:e] for k, s, e in zip(uniq, starts, bounds)}


# ------------------------------------------------------------ a real village
def build_village_from_roster(roster, params: VillageParams, streams: RandomStreams
                              ) -> tuple[Population, TieTable]:
    """Build the population and ties of a village read from a file (sim.roster.Roster).

    What the file gives is used as it is; every blank cell is filled with the
    synthetic village's default draw for it. Each column draws from its own
    setup stream ("setup:roster:<column>", one entry per resident whether used
    or not), so what fills one column never depends on which other cells were
    blank. Residents keep their file order, elders first (the model's rule).
    Villagers living away (lives_away) are members of their household who start
    away (`present` False) and may come home (sim/demography.py).
    """
    from .roster.columns import RULES

    p = params
    order = roster.model_order()  # elders first, file order within each group
    n = len(order)
    age = roster.age[order]
    is_elder = age >= RULES.elder_age
    present = ~roster.away[order]

    def column(name):
        return roster.values[name][order], roster.given[name][order]

    def draws(name):
        return streams.setup("roster:" + name)

    # Households: labels as written; a blank household is a household of one.
    labels, hh_given = column("household")
    household = _factorize(np.where(hh_given, "h:" + labels.astype(str),
                                    "own:" + np.arange(n).astype(str)))
    # who lives in the household now: members living away do not count
    size = np.bincount(household, present)[household]
    all_elder = np.bincount(household, ~is_elder & present)[household] == 0

    # Household situation of elders: from the file, else from the household's
    # members, else drawn with the default village's shares.
    u = draws("living").random((n, 2))
    a, c = p.alone_share, p.couple_only_share
    drawn = np.where(u[:, 0] < a, ALONE, np.where(u[:, 0] < a + c, COUPLE, WITH_FAMILY))
    from_household = np.where(size == 1, ALONE,
                              np.where((size == 2) & all_elder, COUPLE, WITH_FAMILY))
    living = np.where(hh_given, from_household, drawn).astype(np.int8)
    alone, alone_given = column("living_alone")
    nest, nest_given = column("empty_nest")
    living[alone_given & alone] = ALONE
    living[nest_given & ~nest] = WITH_FAMILY
    not_alone = alone_given & ~alone & (living == ALONE)
    couple_share = c / (1.0 - a) if a < 1.0 else 0.0
    living[not_alone] = np.where(nest_given[not_alone] & nest[not_alone], COUPLE,
                                 np.where(u[not_alone, 1] < couple_share, COUPLE, WITH_FAMILY))
    living[nest_given & nest & ~(alone_given & alone) & (living == WITH_FAMILY)] = COUPLE
    living[~is_elder] = WITH_FAMILY

    def fill(name, default):
        values, given = column(name)
        return np.where(given, values, default)

    # drawn for everyone: residents who turn 60 during the run have children too
    _, migrated_draw = attributes.children_draw(draws("children_migrated"), p,
                                                np.ones(n, bool))
    migrated = fill("children_migrated", migrated_draw).astype(np.int64)
    frailty = fill("frailty", attributes.frailty_draw(draws("frailty"), age, is_elder))
    frailty = frailty.astype(float)
    chronic = fill("chronic", is_elder & (draws("chronic").random(n) < p.chronic_prevalence))
    chronic = chronic.astype(bool)
    helper = fill("willing_to_help",
                  attributes.helper_draw(draws("willing_to_help"), p, age, is_elder,
                                         frailty)).astype(bool)
    hours = fill("hours_available", attributes.helper_hours(p, helper, is_elder))
    skill = fill("care_skill", attributes.skill_draw(draws("care_skill"), n))
    efficacy_base = fill("self_efficacy", attributes.efficacy_draw(draws("self_efficacy"), n))
    trust_base = fill("trust", attributes.trust_draw(draws("trust"), n, p.willing_share,
                                           p.ask_trust_floor))
    motivation = fill("motivation", attributes.motivation_draw(draws("motivation"), n))
    sex, sex_given = column("sex")
    female = np.where(sex_given, sex == "female",
                      attributes.sex_draw(draws("sex"), is_elder, living, household))
    loneliness = fill("loneliness", attributes.loneliness_draw(draws("loneliness"), living))

    # Households along a lane in a drawn order; clans as written, else runs of
    # clan_households households along the lane (as in the synthetic village).
    n_households = int(household.max()) + 1
    lane = draws("lane").permutation(n_households)
    position = np.empty(n_households, np.int64)
    position[lane] = np.arange(n_households)
    clans, given = column("clan")
    clan = _factorize(np.where(given, "c:" + clans.astype(str),
                               "lane:" + (position[household] // p.clan_households).astype(str)))

    pop = _new_population(
        village=np.zeros(n, np.int64), household=household, clan=clan, age=age,
        female=female.astype(bool), is_elder=is_elder, living=living, frailty=frailty,
        chronic=chronic, children_migrated=migrated, skill=skill.astype(float), helper=helper,
        hours_capacity=hours.astype(float), efficacy_base=efficacy_base.astype(float),
        trust_base=trust_base.astype(float), loneliness=loneliness.astype(float),
        motivation=motivation.astype(float), present=present)

    if not roster.has_ties:
        # No ties file: kin, neighbour and friend ties drawn as in the synthetic
        # village; an elder's children who stayed are Poisson (thinned) draws.
        stayed = draws("children_local").poisson(
            p.children_per_elder * (1.0 - p.children_migrated_share), n)
        ties = _build_ties(p.replace(villages=1), pop, position[household],
                           np.where(is_elder, stayed, 0), streams)
        return pop, ties
    where = np.empty(n, np.int64)
    where[order] = np.arange(n)  # file row -> model index
    hh_pairs = _household_pairs(household)
    a = np.concatenate([x for x, _ in hh_pairs] + [where[roster.tie_a]])
    b = np.concatenate([y for _, y in hh_pairs] + [where[roster.tie_b]])
    n_household = sum(len(x) for x, _ in hh_pairs)
    kind = np.concatenate([np.full(n_household, HOUSEHOLD, np.int8), roster.tie_kind])
    file_strength = np.where(np.isnan(roster.tie_strength),
                             INITIAL_STRENGTH[roster.tie_kind], roster.tie_strength)
    strength = np.concatenate([INITIAL_STRENGTH[np.full(n_household, HOUSEHOLD)],
                               file_strength])
    return pop, TieTable(n, a, b, kind, strength)


def _factorize(labels: np.ndarray) -> np.ndarray:
    """Integer codes 0, 1, ... in order of first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse.ravel()]


def _new_population(*, helper, efficacy_base, trust_base, loneliness, motivation,
                    female=None, present=None, **fixed) -> Population:
    """A population at the start of a run: dynamic state from the fixed values
    (`female` all False until drawn; everyone present unless `present` says)."""
    n = len(helper)
    return Population(
        **fixed, female=np.zeros(n, bool) if female is None else female, helper=helper,
        efficacy_base=efficacy_base, trust_base=trust_base,
        present=np.ones(n, bool) if present is None else present,
        lived_here=(np.ones(n, bool) if present is None else present.copy()),
        alive=np.ones(n, bool), age_at_death=np.zeros(n, np.int64), daily_backlog=np.zeros(n), efficacy=efficacy_base.copy(), loneliness=loneliness,
        withdrawn=np.zeros(n, bool), trust=trust_base.copy(), burnout=np.zeros(n),
        motivation=np.where(helper, motivation, 0.0), active=helper.copy(),
        dropouts=np.zeros(n, np.int64), returns=np.zeros(n, np.int64),
        needs_arisen=np.zeros(n, np.int64), needs_met=np.zeros(n, np.int64),
        need_hours_total=np.zeros(n), met_hours_total=np.zeros(n),
        hours_given=np.zeros(n), tasks_given=np.zeros(n, np.int64),
        last_contact=np.zeros(n, np.int64), last_mutual=np.full(n, -10_000, np.int64),
        last_gave=np.full(n, -10_000, np.int64), last_received=np.full(n, -10_000, np.int64),
    )
