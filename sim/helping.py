"""Who helps whom this week: needs flow along ties, channel by channel.

A need is one (elder, need type) pair. Channels are tried in order: family
(kin in the village, then migrated children by phone), informal (the elder
asks up to `asks_per_need` non-kin ties, one per round), then any channel an
intervention adds (team, matched). In each round, elders take turns in the
order of a weekly priority draw, and for each of their open needs:

1. the elder asks one tie, picked with probability proportional to tie
   strength x reciprocity (exp(-r x owed): an elder is slow to ask someone
   already owed), among the ties whose person could help (willing, present,
   not withdrawn), leaving out the last person who refused this need. The
   pick is an exponential race whose uniforms are fixed per (week, round, need
   type, elder, helper): common random numbers at the level of a pair;
2. the person asked refuses when this week's hours are spent (the need stays
   open for the next round), else gives the need's hours;
3. the need is met when the helper's skill covers its difficulty (required
   skill x a uniform draw); a non-kin task beyond the helper's skill strains
   them, and a non-kin task met renews their motivation.

The round is a compiled loop (numba): it is sequential by nature, since each
ask uses up hours the next ask might have wanted.
The other uniforms used here (each elder's weekly priority, each need's
difficulty) are drawn in full-size arrays (one per elder, or per elder and
need type) from the "helping" stream, so the draw an elder gets does not
depend on who else needs help.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from .population import (
    COMPANY, FAMILY, INFORMAL, NEED_HOURS, NEED_SKILL, NEED_TYPES, Population,
)
from .ties import ACQUAINTANCE, KIN, NEIGHBOUR, TieTable

N_TYPES = len(NEED_TYPES)


@dataclass
class HelpWeek:
    """Everything the help allocation of one week produced."""

    need: np.ndarray  # bool [E, 4]: need arose
    open: np.ndarray  # bool [E, 4]: still unmet
    channel: np.ndarray  # int8 [E, 4]: channel that met it, -1 if unmet
    asked_non_kin: np.ndarray  # bool [E, 4]: the elder asked beyond kin for it
    asked: np.ndarray  # bool [n]: resident was asked to help
    tasks: np.ndarray  # int [n]: tasks taken on (kin tasks included)
    tasks_met: np.ndarray  # int [n]: non-kin tasks met (thanks that renew motivation)
    beyond_skill: np.ndarray  # int [n]: non-kin tasks taken beyond the helper's skill
    hours: np.ndarray  # float [n]: hours given beyond kin
    kin_hours: np.ndarray  # float [n]: hours given to kin
    mutual: np.ndarray  # bool [n]: gave or received non-family help
    refused: np.ndarray  # int [E, 4]: who last refused the need this week (-1 none)
    u_priority: np.ndarray  # float [E]
    difficulty: np.ndarray  # float [E, 4]


def new_week(n: int, elders: np.ndarray, need: np.ndarray, rng: np.random.Generator
             ) -> HelpWeek:
    e = len(elders)
    return HelpWeek(
        need=need, open=need.copy(), channel=np.full((e, N_TYPES), -1, np.int8),
        asked_non_kin=np.zeros((e, N_TYPES), bool), asked=np.zeros(n, bool),
        tasks=np.zeros(n, np.int64), tasks_met=np.zeros(n, np.int64),
        beyond_skill=np.zeros(n, np.int64), hours=np.zeros(n), kin_hours=np.zeros(n),
        mutual=np.zeros(n, bool), refused=np.full((e, N_TYPES), -1, np.int64),
        u_priority=rng.random(e),
        difficulty=rng.random((e, N_TYPES)) * NEED_SKILL,
    )


class AskRound:
    """Rounds of asking along ties for the week's open needs (see the module docstring)."""

    def __init__(self, pop: Population, ties: TieTable, elders: np.ndarray,
                 reciprocity: float, week: int, priority: np.ndarray, key: int):
        self.pop, self.ties, self.elders = pop, ties, elders
        self.key = key  # the run's key for the "helping" decisions
        self.reciprocity = reciprocity
        self.week = week
        # Needs are asked for in the order of each elder's weekly priority draw.
        self.order = np.argsort(priority, kind="stable")

    def run(self, hw: HelpWeek, asking: np.ndarray, round_index: int, helper_ok: np.ndarray,
            hours_left: np.ndarray, kinds: tuple[int, int], channel: int) -> None:
        """One ask for every open need of an elder in `asking`, through ties of `kinds`."""
        ties, pop = self.ties, self.pop
        hours = hw.kin_hours if channel == FAMILY else hw.hours
        _ask_round(
            self.order, asking, hw.open, hw.channel, self.key, round_index, hw.difficulty,
            self.elders, ties.indptr, ties.nbr, ties.eid, ties.sign, ties.kind, ties.strength,
            ties.flow, ties.last_used, kinds[0], kinds[1], helper_ok, hours_left, pop.skill,
            self.reciprocity, self.week, channel, channel != FAMILY,
            hw.asked, hw.tasks, hw.tasks_met, hw.beyond_skill, hours, hw.mutual, hw.refused,
        )


@njit(cache=True)
def _pair_uniform(key, week, round_index, need_type, asker, helper):  # pragma: no cover
    """A uniform in (0, 1) fixed by the run key, the week, the round, the need and the pair.

    Counter-based (splitmix64 over the tuple): the number for a pair does not
    depend on which other ties are considered, so a scenario that makes one
    helper busy changes only the asks that would have gone to that helper.
    """
    h = np.uint64(key)
    for part in (week, round_index, need_type, asker, helper):
        h = h + np.uint64(part) + np.uint64(0x9E3779B97F4A7C15)
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h = h ^ (h >> np.uint64(31))
    return ((h >> np.uint64(11)) + 0.5) * (1.0 / 9007199254740992.0)


@njit(cache=True)
def _ask_round(order, asking, open_, channel_of, key, round_index, difficulty,
               elders, indptr, nbr, eid, sign, kind, strength, flow, last_used,
               kind_lo, kind_hi, helper_ok, hours_left, skill, reciprocity, week,
               channel, mutual_aid, asked, tasks, tasks_met, beyond_skill, hours_given,
               mutual, refused):  # pragma: no cover - compiled
    for ep in order:
        if not asking[ep]:
            continue
        asker = elders[ep]
        for t in range(N_TYPES):
            if not open_[ep, t]:
                continue
            need_hours = NEED_HOURS[t]
            # An exponential race: each tie whose person could help draws
            # -log(u) / weight and the smallest wins, which picks a tie with
            # probability proportional to its weight. The last person who
            # refused this need is not asked again this week.
            best = np.inf
            chosen = -1
            for s in range(indptr[asker], indptr[asker + 1]):
                e = eid[s]
                j = nbr[s]
                if kind[e] < kind_lo or kind[e] > kind_hi:
                    continue
                if not helper_ok[j] or j == refused[ep, t]:
                    continue
                owed = -sign[s] * flow[e]
                weight = strength[e] * (np.exp(-reciprocity * owed) if owed > 0 else 1.0)
                if weight <= 0.0:
                    continue
                race = -np.log(_pair_uniform(key, week, round_index, t, asker, j)) / weight
                if race < best:
                    best = race
                    chosen = s
            if chosen < 0:
                continue
            helper = nbr[chosen]
            e = eid[chosen]
            asked[helper] = True
            if hours_left[helper] < need_hours:
                refused[ep, t] = helper  # asked, but this week's hours are spent
                continue
            _give(ep, t, asker, helper, channel, mutual_aid, open_, channel_of, difficulty,
                  skill, hours_left, hours_given, tasks, tasks_met, beyond_skill, mutual)
            # The tie carried help: it is used this week and the help is owed back.
            last_used[e] = week
            flow[e] -= sign[chosen]


@njit(cache=True)
def _give(ep, t, asker, helper, channel, mutual_aid, open_, channel_of, difficulty, skill,
          hours_left, hours_given, tasks, tasks_met, beyond_skill,
          mutual):  # pragma: no cover - compiled
    """The helper gives need t of elder position ep its hours; met if skill covers it.

    Non-kin help (mutual_aid) counts as taking part for both, strains a helper
    beyond their skill, and when it succeeds, renews the helper's motivation.
    """
    need_hours = NEED_HOURS[t]
    hours_left[helper] -= need_hours
    hours_given[helper] += need_hours
    tasks[helper] += 1
    met = skill[helper] >= difficulty[ep, t]
    if mutual_aid:
        mutual[helper] = True
        mutual[asker] = True
        if skill[helper] < NEED_SKILL[t]:
            beyond_skill[helper] += 1
        if met:
            tasks_met[helper] += 1
    if met:
        open_[ep, t] = False
        channel_of[ep, t] = channel


def family_help(rounds: AskRound, hw: HelpWeek, kin_ok: np.ndarray,
                kin_hours_left: np.ndarray) -> None:
    """Kin in the village help first, even an elder who has withdrawn."""
    everyone = np.ones(len(rounds.elders), bool)
    rounds.run(hw, everyone, 0, kin_ok, kin_hours_left, (KIN, KIN), FAMILY)


def remote_kin_company(hw: HelpWeek, children_migrated: np.ndarray, chance: float,
                       u_call: np.ndarray) -> None:
    """Migrated children phone home: each call may meet a companionship need."""
    p_call = 1.0 - (1.0 - chance) ** children_migrated
    met = hw.open[:, COMPANY] & (u_call < p_call)
    hw.open[met, COMPANY] = False
    hw.channel[met, COMPANY] = FAMILY


def informal_help(rounds: AskRound, hw: HelpWeek, asking: np.ndarray, helper_ok: np.ndarray,
                  hours_left: np.ndarray, asks: int) -> None:
    """Elders who still ask (not withdrawn, trusting enough) ask non-kin ties in turn."""
    for r in range(asks):
        open_now = hw.open & asking[:, None]
        if not open_now.any():
            break
        hw.asked_non_kin |= open_now
        rounds.run(hw, asking, 1 + r, helper_ok, hours_left, (NEIGHBOUR, ACQUAINTANCE), INFORMAL)


def serve_from_pool(hw: HelpWeek, pop: Population, elders: np.ndarray, eligible: np.ndarray,
                    order: np.ndarray, pool: np.ndarray, hours_left: np.ndarray,
                    channel: int, limit: int, credit: np.ndarray | None = None,
                    reserve: np.ndarray | None = None):
    """An organised channel: needs are assigned to the pool member with the most hours left.

    Unlike informal asking, this reaches beyond the elder's own ties: a team
    rota, a matching coordinator or a time bank assigns the need to whichever
    member of `pool` in the elder's village has the most spare hours (which
    spreads the load: rotation). Needs are served in `order` (elder positions)
    until `limit` needs were served. With `credit` (time-bank balances), an
    elder is served only while their balance covers the hours, and pays them.
    With `reserve`, a helper is only given a need if at least reserve[j] of
    their hours stay free (a coordinator who respects volunteers' limits).

    Returns (elder, helper) arrays of the services given, and the number of
    needs of eligible elders that found nobody (for a time bank: redemptions
    not honoured).
    """
    pool = np.asarray(pool, np.int64)
    use_credit = credit is not None
    balance = credit if use_credit else np.zeros(0)
    reserve = np.zeros(pop.size) if reserve is None else reserve
    pairs = np.empty((len(elders) * N_TYPES, 2), np.int64)
    served, unserved = _serve_pool(
        order, eligible, hw.open, hw.channel, hw.difficulty, pop.village[elders], pool,
        pop.village[pool], hours_left, reserve, pop.skill, channel, limit, use_credit, balance,
        hw.asked, hw.tasks, hw.tasks_met, hw.beyond_skill, hw.hours, hw.mutual, elders, pairs,
    )
    return pairs[:served, 0], pairs[:served, 1], unserved


@njit(cache=True)
def _serve_pool(order, eligible, open_, channel_of, difficulty, elder_village, pool,
                pool_village, hours_left, reserve, skill, channel, limit, use_credit, balance,
                asked, tasks, tasks_met, beyond_skill, hours_given, mutual, elders,
                pairs):  # pragma: no cover - compiled
    served = 0
    unserved = 0
    for ep in order:
        if not eligible[ep]:
            continue
        asker = elders[ep]
        for t in range(N_TYPES):
            if not open_[ep, t]:
                continue
            need_hours = NEED_HOURS[t]
            if use_credit and balance[asker] < need_hours:
                continue
            if served >= limit:
                unserved += 1
                continue
            best = -1
            best_hours = need_hours - 1e-9
            for k in range(len(pool)):
                j = pool[k]
                if j == asker or pool_village[k] != elder_village[ep]:
                    continue
                if hours_left[j] - reserve[j] > best_hours:
                    best_hours = hours_left[j] - reserve[j]
                    best = j
            if best < 0:
                unserved += 1
                continue
            asked[best] = True
            _give(ep, t, asker, best, channel, True, open_, channel_of, difficulty, skill,
                  hours_left, hours_given, tasks, tasks_met, beyond_skill, mutual)
            if use_credit:
                balance[asker] -= need_hours
            pairs[served, 0] = asker
            pairs[served, 1] = best
            served += 1
    return served, unserved
