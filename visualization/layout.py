"""A fixed, seeded drawing layout of a village: computed once per village, not per frame.

A force-directed layout of a 1,000-resident network takes seconds (about 12 s
with networkx's spring layout on two cores), far too slow for a Reset. The
village has a structure that says where people live, so the layout uses it:

* each village of the township is a ring, villages side by side on a grid;
* along the ring sit the clans in order (clans are runs of households along
  the lane, sim/village.py), each a disc whose area grows with its size;
* inside a clan disc, households are placed on a sunflower spiral, and the
  members of a household sit in a small circle around their house.

Ties are drawn on top: household and kin ties stay inside a disc, neighbour
ties join adjacent houses and clans, acquaintance ties cross the ring. A small
jitter drawn from the run seed keeps residents of one house apart. The result
depends only on the village (who lives where) and the seed, so it is cached:
a Reset of the same village reuses it.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict

import numpy as np

GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_SIZE = 8


def village_key(model) -> str:
    """A key naming the village's structure: who lives in which house, clan and village."""
    pop = model.population
    h = hashlib.sha1()
    for arr in (pop.village, pop.clan, pop.household):
        h.update(np.ascontiguousarray(arr).tobytes())
    h.update(str(model.seed).encode())
    return h.hexdigest()


def village_layout(model) -> np.ndarray:
    """(n, 2) positions of every resident, from the cache when this village was laid out."""
    key = village_key(model)
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    pos = compute_layout(model.population.village, model.population.clan,
                         model.population.household, seed=model.seed)
    pos.setflags(write=False)
    _CACHE[key] = pos
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return pos


def compute_layout(village: np.ndarray, clan: np.ndarray, household: np.ndarray,
                   seed: int = 0) -> np.ndarray:
    """Positions on the ring-of-clans layout described in the module docstring."""
    n = len(village)
    pos = np.zeros((n, 2))
    rng = np.random.default_rng([int(seed), 0x1A7])
    villages = np.unique(village)
    cols = max(1, math.ceil(math.sqrt(len(villages))))
    for k, v in enumerate(villages):
        members = np.flatnonzero(village == v)
        local = _village_ring(clan[members], household[members], rng)
        # each ring fits in [-1, 1]; villages sit 2.4 apart on a grid
        local /= max(np.abs(local).max(), 1e-9)
        pos[members] = local + np.array([2.4 * (k % cols), -2.4 * (k // cols)])
    return pos


def _village_ring(clan: np.ndarray, household: np.ndarray, rng) -> np.ndarray:
    n = len(clan)
    out = np.zeros((n, 2))
    clans, clan_of = np.unique(clan, return_inverse=True)
    # households of each clan, in id order (ids follow the lane)
    sizes = np.array([len(np.unique(household[clan_of == c])) for c in range(len(clans))])
    radius = np.sqrt(np.maximum(sizes, 1))  # sunflower of H houses has radius ~ sqrt(H)
    ring = max(radius.sum() * 2.3 / (2 * math.pi), radius.max() * 1.5)
    angle = np.cumsum(2 * radius) - radius
    angle = 2 * math.pi * angle / (2 * radius).sum()
    for c in range(len(clans)):
        in_clan = np.flatnonzero(clan_of == c)
        centre = ring * np.array([math.cos(angle[c]), math.sin(angle[c])])
        houses, house_of = np.unique(household[in_clan], return_inverse=True)
        k = np.arange(len(houses))
        r = np.sqrt(k + 0.5)
        house_xy = centre + np.column_stack([r * np.cos(k * GOLDEN_ANGLE),
                                             r * np.sin(k * GOLDEN_ANGLE)])
        # members of a house on a small circle around it
        for h in range(len(houses)):
            who = in_clan[house_of == h]
            m = len(who)
            if m == 1:
                offs = np.zeros((1, 2))
            else:
                t = 2 * math.pi * np.arange(m) / m + rng.uniform(0, 2 * math.pi)
                offs = 0.28 * np.column_stack([np.cos(t), np.sin(t)])
            out[who] = house_xy[h] + offs + rng.normal(0.0, 0.04, size=(m, 2))
    return out
