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
2. the person asked refuses when their hours this week are spent (less than
   an hour left, or less than the need still takes: the need stays open for
   the next round), else gives what they can of the hours the need still takes;
3. the hours count when the helper's skill covers the need's difficulty
   (required skill x a uniform draw), and the need is met once all its hours
   are given; a non-kin task beyond the helper's skill strains them, and a
   non-kin task done well renews their motivation.

A need takes hours (HelpWeek.need_hours): a week of daily-living care for an
elder with a functional limitation can take more than any one helper has, so
several helpers may share it, each giving part.

The rounds are a compiled loop (numba): they are sequential by nature, since
each ask uses up hours the next ask might have wanted. The loops take records
(typed named tuples): the week's help state (HelpWeek), the tie table
(ties.TieArrays), and for each call what is asked of whom (AskWeek and Asking;
Pool and Requests for an organised channel). Records cross into compiled code
as plain tuples, which numba types faster than named ones, and are named again
as the kernel starts (`HelpWeek(*hw)`).
The other uniforms used here (each elder's weekly priority, each need's
difficulty) are drawn in full-size arrays (one per elder, or per elder and
need type) from the "helping" stream, so the draw an elder gets does not
depend on who else needs help.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit

from .population import (
    CHANNELS, COMPANY, FAMILY, INFORMAL, NEED_SKILL, NEED_TYPES, Population,
)
from .ties import ACQUAINTANCE, KIN, NEIGHBOUR, TieArrays, TieTable

N_TYPES = len(NEED_TYPES)
# The least a helper gives at a time (or what the need still takes, if less): a
# helper with less than this left this week refuses.
MIN_GIVE_HOURS = 1.0


class HelpWeek(NamedTuple):
    """Everything the help allocation of one week produced.

    A record the compiled loops take as it is: its arrays are changed in place,
    never replaced.
    """

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
    need_hours: np.ndarray  # float [E, 4]: hours each need takes this week (0: none)
    need_left: np.ndarray  # float [E, 4]: hours each need still takes
    given_by: np.ndarray  # float [E, channels]: hours given to each elder, by channel


def new_week(n: int, elders: np.ndarray, need: np.ndarray, rng: np.random.Generator,
             need_hours: np.ndarray) -> HelpWeek:
    """The week's record of help for needs `need` [E, 4] taking `need_hours` [E, 4]."""
    e = len(elders)
    need_hours = np.where(need, need_hours, 0.0)
    return HelpWeek(
        need=need, open=need.copy(), channel=np.full((e, N_TYPES), -1, np.int8),
        asked_non_kin=np.zeros((e, N_TYPES), bool), asked=np.zeros(n, bool),
        tasks=np.zeros(n, np.int64), tasks_met=np.zeros(n, np.int64),
        beyond_skill=np.zeros(n, np.int64), hours=np.zeros(n), kin_hours=np.zeros(n),
        mutual=np.zeros(n, bool), refused=np.full((e, N_TYPES), -1, np.int64),
        u_priority=rng.random(e),
        difficulty=rng.random((e, N_TYPES)) * NEED_SKILL,
        need_hours=need_hours, need_left=need_hours.copy(),
        given_by=np.zeros((e, len(CHANNELS))),
    )


class AskWeek(NamedTuple):
    """What every round of asking this week shares."""

    order: np.ndarray  # int [E]: elder positions, in the order they ask
    elders: np.ndarray  # int [E]: the resident each elder position is
    skill: np.ndarray  # float [n]
    key: int  # the run's key for the "helping" decisions (_pair_uniform)
    week: int
    reciprocity: float  # reluctance to ask someone already owed (exp(-r x owed))


class Asking(NamedTuple):
    """Rounds of asking through one channel: who asks, whom, through which ties."""

    channel: int  # recorded in HelpWeek.channel for the needs it meets
    mutual_aid: bool  # non-kin help (see _give); kin help when False
    kind_lo: int  # ties of kinds kind_lo..kind_hi are asked
    kind_hi: int
    first_round: int  # round index of the first round (it picks the pair uniforms)
    rounds: int  # at most this many rounds; non-kin rounds stop when no need is open
    asking: np.ndarray  # bool [E]: elder positions who ask
    helper_ok: np.ndarray  # bool [n]: residents who could help
    hours_left: np.ndarray  # float [n]: hours each resident has left this week


class AskRound:
    """Rounds of asking along ties for the week's open needs (see the module docstring)."""

    def __init__(self, pop: Population, ties: TieTable, elders: np.ndarray,
                 reciprocity: float, week: int, priority: np.ndarray, key: int):
        self.pop, self.ties, self.elders = pop, ties, elders
        # Needs are asked for in the order of each elder's weekly priority draw.
        self.order = np.argsort(priority, kind="stable")
        self.shared = AskWeek(order=self.order, elders=elders, skill=pop.skill, key=key,
                              week=week, reciprocity=reciprocity)

    def run(self, hw: HelpWeek, asking: np.ndarray, first_round: int, rounds: int,
            helper_ok: np.ndarray, hours_left: np.ndarray, kinds: tuple[int, int],
            channel: int) -> None:
        """Rounds of one ask for every open need of an elder in `asking`, through ties
        of `kinds`."""
        call = Asking(channel=channel, mutual_aid=channel != FAMILY, kind_lo=kinds[0],
                      kind_hi=kinds[1], first_round=first_round, rounds=rounds, asking=asking,
                      helper_ok=helper_ok, hours_left=hours_left)
        _ask_rounds(tuple(self.shared), tuple(hw), tuple(self.ties.arrays()), tuple(call))


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
def _ask_rounds(shared, hw, ties, call):  # pragma: no cover - compiled
    """call.rounds rounds of asking; a non-kin round first marks the needs it asks for
    (HelpWeek.asked_non_kin), and none is run once no asking elder has a need open."""
    shared, hw, ties, call = AskWeek(*shared), HelpWeek(*hw), TieArrays(*ties), Asking(*call)
    for r in range(call.rounds):
        if call.mutual_aid:
            any_open = False
            for ep in range(len(call.asking)):
                if call.asking[ep]:
                    for t in range(N_TYPES):
                        if hw.open[ep, t]:
                            hw.asked_non_kin[ep, t] = True
                            any_open = True
            if not any_open:
                break
        _ask_round(shared, hw, ties, call, call.first_round + r)


@njit(cache=True, inline="always")
def _ask_round(shared, hw, ties, call, round_index):  # pragma: no cover - compiled
    """One ask for every open need of an asking elder, in priority order."""
    open_, refused, asking, helper_ok = hw.open, hw.refused, call.asking, call.helper_ok
    indptr, nbr, eid, sign, kind = ties.indptr, ties.nbr, ties.eid, ties.sign, ties.kind
    strength, flow = ties.strength, ties.flow
    reciprocity, key, week = shared.reciprocity, shared.key, shared.week
    for ep in shared.order:
        if not asking[ep]:
            continue
        asker = shared.elders[ep]
        for t in range(N_TYPES):
            if not open_[ep, t]:
                continue
            need_left = hw.need_left[ep, t]
            # An exponential race: each tie whose person could help draws
            # -log(u) / weight and the smallest wins, which picks a tie with
            # probability proportional to its weight. The last person who
            # refused this need is not asked again this week.
            best = np.inf
            chosen = -1
            for s in range(indptr[asker], indptr[asker + 1]):
                e = eid[s]
                j = nbr[s]
                if kind[e] < call.kind_lo or kind[e] > call.kind_hi:
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
            hw.asked[helper] = True
            if call.hours_left[helper] < min(need_left, MIN_GIVE_HOURS):
                refused[ep, t] = helper  # asked, but this week's hours are spent
                continue
            _give(hw, call, shared.skill, call.hours_left, ep, t, asker, helper)
            # The tie carried help: it is used this week and the help is owed back.
            ties.last_used[e] = week
            flow[e] -= sign[chosen]


@njit(cache=True, inline="always")
def _give(hw, route, skill, hours_left, ep, t, asker, helper):  # pragma: no cover - compiled
    """The helper gives need t of elder position ep (resident asker) what they can of
    the hours it still takes; they count if skill covers it, and the need is met once
    none are left. route (Asking or Requests): its channel is recorded for a need
    met; non-kin help (route.mutual_aid) counts its hours in HelpWeek.hours (else
    kin_hours), counts as taking part for both, strains a helper beyond their skill,
    and when it succeeds, renews the helper's motivation. Returns the hours given."""
    give = min(hours_left[helper], hw.need_left[ep, t])
    hours_left[helper] -= give
    if route.mutual_aid:
        hw.hours[helper] += give
    else:
        hw.kin_hours[helper] += give
    hw.tasks[helper] += 1
    done = skill[helper] >= hw.difficulty[ep, t]
    if route.mutual_aid:
        hw.mutual[helper] = True
        hw.mutual[asker] = True
        if skill[helper] < NEED_SKILL[t]:
            hw.beyond_skill[helper] += 1
        if done:
            hw.tasks_met[helper] += 1
    if done:
        hw.given_by[ep, route.channel] += give
        hw.need_left[ep, t] -= give
        if hw.need_left[ep, t] <= 1e-9:
            hw.need_left[ep, t] = 0.0
            hw.open[ep, t] = False
            hw.channel[ep, t] = route.channel
    return give


def family_help(rounds: AskRound, hw: HelpWeek, kin_ok: np.ndarray,
                kin_hours_left: np.ndarray) -> None:
    """Kin in the village help first, even an elder who has withdrawn."""
    everyone = np.ones(len(rounds.elders), bool)
    rounds.run(hw, everyone, 0, 1, kin_ok, kin_hours_left, (KIN, KIN), FAMILY)


def remote_kin_company(hw: HelpWeek, children_migrated: np.ndarray, chance: float,
                       u_call: np.ndarray) -> None:
    """Migrated children phone home: each call may meet a companionship need (an elder
    with k children away is called with chance 1 - (1 - chance)^k)."""
    most = int(children_migrated.max()) if len(children_migrated) else 0
    p_call = 1.0 - (1.0 - chance) ** np.arange(most + 1)
    _phone_calls(tuple(hw), children_migrated, p_call, u_call)


@njit(cache=True)
def _phone_calls(hw, children_migrated, p_call, u_call):  # pragma: no cover - compiled
    hw = HelpWeek(*hw)
    for i in range(len(u_call)):
        if hw.open[i, COMPANY] and u_call[i] < p_call[children_migrated[i]]:
            hw.given_by[i, FAMILY] += hw.need_left[i, COMPANY]
            hw.need_left[i, COMPANY] = 0.0
            hw.open[i, COMPANY] = False
            hw.channel[i, COMPANY] = FAMILY


def informal_help(rounds: AskRound, hw: HelpWeek, asking: np.ndarray, helper_ok: np.ndarray,
                  hours_left: np.ndarray, asks: int) -> None:
    """Elders who still ask (not withdrawn, trusting enough) ask non-kin ties in turn,
    up to `asks` rounds, while any of their needs is open."""
    rounds.run(hw, asking, 1, asks, helper_ok, hours_left, (NEIGHBOUR, ACQUAINTANCE), INFORMAL)


# An organised channel splits one need between at most this many of its members.
MAX_SHARES = 4


class Pool(NamedTuple):
    """Who an organised channel can assign needs to."""

    members: np.ndarray  # int64 [k]: residents
    village: np.ndarray  # [k]: each member's village
    hours_left: np.ndarray  # float [n]: hours each resident has left this week
    reserve: np.ndarray  # float [n]: hours a resident keeps free (0: none)
    skill: np.ndarray  # float [n]


class Requests(NamedTuple):
    """Whose needs an organised channel serves, in which order, and on what terms."""

    channel: int  # recorded in HelpWeek.channel for the needs it meets
    mutual_aid: bool  # True: help from a pool counts as non-kin help (see _give)
    order: np.ndarray  # int [E]: elder positions, in the order they are served
    eligible: np.ndarray  # bool [E]: elder positions the channel serves
    elders: np.ndarray  # int [E]: the resident each elder position is
    village: np.ndarray  # [E]: each elder's village
    limit: int  # at most this many needs are served
    use_credit: bool  # elders pay the hours from `balance` (a time bank)
    balance: np.ndarray  # float [n]: credit balances (empty without use_credit)


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
    members = Pool(members=pool, village=pop.village[pool], hours_left=hours_left,
                   reserve=np.zeros(pop.size) if reserve is None else reserve,
                   skill=pop.skill)
    requests = Requests(channel=channel, mutual_aid=True, order=order,
                        eligible=eligible, elders=elders, village=pop.village[elders],
                        limit=limit, use_credit=use_credit,
                        balance=credit if use_credit else np.zeros(0))
    pairs, served, unserved = _serve_pool(tuple(hw), tuple(members), tuple(requests))
    return pairs[:served, 0], pairs[:served, 1], unserved


@njit(cache=True)
def _serve_pool(hw, pool, req):  # pragma: no cover - compiled
    """Serve the open needs of req's eligible elders from the pool, in req.order.

    Returns (pairs [served, 2] of (elder, helper) rows, served, unserved).
    """
    hw, pool, req = HelpWeek(*hw), Pool(*pool), Requests(*req)
    pairs = np.empty((len(req.elders) * N_TYPES * MAX_SHARES, 2), np.int64)
    hours_left, reserve, balance = pool.hours_left, pool.reserve, req.balance
    served = 0
    unserved = 0
    for ep in req.order:
        if not req.eligible[ep]:
            continue
        asker = req.elders[ep]
        for t in range(N_TYPES):
            for _share in range(MAX_SHARES):
                if not hw.open[ep, t]:
                    break
                least = min(hw.need_left[ep, t], MIN_GIVE_HOURS)
                if req.use_credit and balance[asker] < least:
                    break
                if served >= req.limit:
                    unserved += 1
                    break
                best = -1
                best_hours = least - 1e-9
                for k in range(len(pool.members)):
                    j = pool.members[k]
                    if j == asker or pool.village[k] != req.village[ep]:
                        continue
                    if hours_left[j] - reserve[j] > best_hours:
                        best_hours = hours_left[j] - reserve[j]
                        best = j
                if best < 0:
                    unserved += 1
                    break
                hw.asked[best] = True
                if req.use_credit:
                    # a member pays for what their credit covers, and no more is given
                    cap = min(hours_left[best], balance[asker])
                    keep = hours_left[best] - cap
                    hours_left[best] = cap
                    given = _give(hw, req, pool.skill, hours_left, ep, t, asker, best)
                    hours_left[best] += keep
                    balance[asker] -= given
                else:
                    # a member keeps their reserve: gives at most hours_left - reserve
                    keep = reserve[best]
                    hours_left[best] -= keep
                    _give(hw, req, pool.skill, hours_left, ep, t, asker, best)
                    hours_left[best] += keep
                pairs[served, 0] = asker
                pairs[served, 1] = best
                served += 1
    return pairs, served, unserved
