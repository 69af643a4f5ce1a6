"""The kinship and acquaintance network as edge arrays, with a CSR index for asking.

Each undirected tie is one row (a < b) with a kind, a strength in [0, 1], the
last week it carried help and the balance of help along it (reciprocity).
`indptr`/`nbr` list each resident's neighbours for vectorized asking; `eid`
maps those directed slots back to the undirected row.
"""

from __future__ import annotations

from typing import NamedTuple

import networkx as nx
import numpy as np
from numba import njit

# Kinds of tie, closest first. Household members live together: they share
# the household's needs (which arise net of what the household does itself),
# so help is asked of kin outside the household first, then of non-kin.
HOUSEHOLD, KIN, NEIGHBOUR, ACQUAINTANCE = 0, 1, 2, 3
KIND_NAMES = ("household", "kin", "neighbour", "acquaintance")
# Starting strength of each kind of tie, and the floor a non-kin tie fades to.
INITIAL_STRENGTH = np.array([1.0, 0.9, 0.5, 0.2])
STRENGTH_FLOOR = 0.05
NEVER = -10_000  # last_used of a tie that has never carried help


class TieArrays(NamedTuple):
    """A tie table as the compiled loops take it: each resident's directed slots
    (CSR) and the undirected rows they map to. The arrays are the table's own."""

    indptr: np.ndarray  # int64 [n + 1]: resident i's slots are indptr[i]:indptr[i + 1]
    nbr: np.ndarray  # int64 [slots]: the neighbour at the slot
    eid: np.ndarray  # int32 [slots]: the undirected row of the slot
    sign: np.ndarray  # int8 [slots]: +1 when the owner is the row's a, -1 when its b
    kind: np.ndarray  # int8 [rows]
    strength: np.ndarray  # float [rows]
    flow: np.ndarray  # float [rows]: help given a->b minus b->a
    last_used: np.ndarray  # int64 [rows]: last week the tie carried help


class TieRules(NamedTuple):
    """How tie strength moves each week (TieTable.evolve_strength)."""

    reinforce: float  # a used tie gains this share of its distance to 1
    decay: float  # an unused tie of a fading kind loses this much ...
    floor: float  # ... but not below this
    fading_from: int  # kinds from this one on fade when unused


class TieTable:
    def __init__(self, n: int, a, b, kind, strength):
        self.n = n
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        kind = np.asarray(kind, np.int8)
        strength = np.asarray(strength, float)
        lo, hi, kind, strength = _dedupe(lo, hi, kind, strength)
        self.a, self.b, self.kind, self.strength = lo, hi, kind, strength
        self.last_used = np.full(len(lo), NEVER, np.int64)
        self.flow = np.zeros(len(lo))  # help given a->b minus b->a
        self._arrays: TieArrays | None = None
        self.rebuild_index()

    @property
    def size(self) -> int:
        return len(self.a)

    def arrays(self) -> TieArrays:
        """The table's current arrays as one record (a new record once adding or
        cutting ties replaced them)."""
        rec = self._arrays
        if (rec is None or rec.indptr is not self.indptr or rec.nbr is not self.nbr
                or rec.eid is not self.eid or rec.sign is not self.sign
                or rec.kind is not self.kind or rec.strength is not self.strength
                or rec.flow is not self.flow or rec.last_used is not self.last_used):
            rec = self._arrays = TieArrays(
                indptr=self.indptr, nbr=self.nbr, eid=self.eid, sign=self.sign,
                kind=self.kind, strength=self.strength, flow=self.flow,
                last_used=self.last_used)
        return rec

    def rebuild_index(self) -> None:
        """Rebuild the CSR index (and the sorted pair keys) after ties were added."""
        m = self.size
        owner = np.concatenate([self.a, self.b])
        order = np.argsort(owner, kind="stable")
        self.nbr = np.concatenate([self.b, self.a])[order]
        self.eid = np.concatenate([np.arange(m, dtype=np.int32), np.arange(m, dtype=np.int32)])[order]
        self.sign = np.concatenate([np.ones(m, np.int8), -np.ones(m, np.int8)])[order]
        self.indptr = np.zeros(self.n + 1, np.int64)
        np.cumsum(np.bincount(owner, minlength=self.n), out=self.indptr[1:])
        self.degree = np.diff(self.indptr)
        self._keys = np.sort(self.a * self.n + self.b)

    def add(self, a, b, kind: int, week: int) -> int:
        """Add new ties between residents a[k] and b[k]; pairs already tied are skipped."""
        a, b = np.asarray(a, np.int64), np.asarray(b, np.int64)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys = np.unique((lo * self.n + hi)[lo != hi])
        known = np.searchsorted(self._keys, keys)
        known = (known < len(self._keys)) & (self._keys[np.minimum(known, len(self._keys) - 1)] == keys)
        keys = keys[~known]
        k = len(keys)
        if k == 0:
            return 0
        # drop the record of the old arrays, so that each is freed as it is replaced
        # (a county run's ties are hundreds of MiB)
        self._arrays = None
        new_a, new_b = keys // self.n, keys % self.n
        new_ids = self.size + np.arange(k)
        self.a = np.concatenate([self.a, new_a])
        self.b = np.concatenate([self.b, new_b])
        self.kind = np.concatenate([self.kind, np.full(k, kind, np.int8)])
        self.strength = np.concatenate([self.strength, np.full(k, INITIAL_STRENGTH[kind])])
        self.last_used = np.concatenate([self.last_used, np.full(k, NEVER, np.int64)])
        self.flow = np.concatenate([self.flow, np.zeros(k)])
        # Insert the new directed slots at the end of each owner's CSR segment
        # rather than re-sorting the whole index.
        owner = np.concatenate([new_a, new_b])
        other = np.concatenate([new_b, new_a])
        order = np.argsort(owner, kind="stable")
        added = np.bincount(owner, minlength=self.n)
        self.nbr, self.eid, self.sign = _csr_insert(
            self.indptr, self.nbr, self.eid, self.sign, added, owner[order], other[order],
            np.concatenate([new_ids, new_ids])[order].astype(np.int32),
            np.concatenate([np.ones(k, np.int8), -np.ones(k, np.int8)])[order])
        self.indptr[1:] += np.cumsum(added)
        self.degree = np.diff(self.indptr)
        self._keys = np.insert(self._keys, np.searchsorted(self._keys, keys), keys)
        return k

    def evolve_strength(self, week: int, *, reinforce: float, decay: float,
                        fading_kinds_from: int) -> None:
        """Ties used this week strengthen; unused ties of the fading kinds weaken."""
        rules = TieRules(reinforce=reinforce, decay=decay, floor=STRENGTH_FLOOR,
                         fading_from=fading_kinds_from)
        _evolve_strength(tuple(self.arrays()), week, tuple(rules))

    def cut_ties_of(self, residents) -> int:
        """Remove every tie of the given residents (they left, or are cut off)."""
        gone = np.zeros(self.n, bool)
        gone[np.asarray(residents, np.int64)] = True
        keep = ~(gone[self.a] | gone[self.b])
        removed = int((~keep).sum())
        if removed:
            self._arrays = None
            for name in ("a", "b", "kind", "strength", "last_used", "flow"):
                setattr(self, name, getattr(self, name)[keep])
            self.rebuild_index()
        return removed

    def largest_component_share(self, members: np.ndarray, since: int) -> float:
        """Share of `members` (bool mask) in the largest component of ties used since `since`.

        A member with no such tie is a component of one.
        """
        total = int(members.sum())
        if total == 0:
            return 0.0
        return _largest_component(self.n, self.a, self.b, self.last_used, since, members) / total

    def with_tie_to(self, residents: np.ndarray, marked: np.ndarray) -> np.ndarray:
        """Those of `residents` with a tie to someone `marked` (bool [n])."""
        return residents[_with_tie_to(self.indptr, self.nbr, residents, marked)]

    def outside_strength(self, present: np.ndarray) -> np.ndarray:
        """Each resident's summed strength of ties outside their household, to people
        living in the village (`present`: the dead and those away are not met)."""
        return _outside_strength(self.n, self.a, self.b, self.kind, self.strength, HOUSEHOLD,
                                 present)

    def to_networkx(self) -> nx.Graph:
        graph = nx.Graph()
        graph.add_nodes_from(range(self.n))
        graph.add_edges_from(
            (int(a), int(b), {"kind": KIND_NAMES[k], "strength": float(s)})
            for a, b, k, s in zip(self.a, self.b, self.kind, self.strength)
        )
        return graph


def _dedupe(lo, hi, kind, strength):
    """Keep one row per pair: the closest kind (household, kin, neighbour, acquaintance)."""
    keep = lo != hi
    lo, hi, kind, strength = lo[keep], hi[keep], kind[keep], strength[keep]
    order = np.lexsort((kind, hi, lo))
    lo, hi, kind, strength = lo[order], hi[order], kind[order], strength[order]
    first = np.ones(len(lo), bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    return lo[first], hi[first], kind[first], strength[first]


@njit(cache=True)
def _find(parent, i):  # pragma: no cover - compiled
    while parent[i] != i:
        parent[i] = parent[parent[i]]  # path halving
        i = parent[i]
    return i


@njit(cache=True)
def _largest_component(n, a, b, last_used, since, members):  # pragma: no cover - compiled
    """Union-find over the ties used since `since`; size of the largest group of members."""
    parent = np.arange(n)
    for e in range(len(a)):
        if last_used[e] >= since:
            x, y = _find(parent, a[e]), _find(parent, b[e])
            if x != y:
                parent[max(x, y)] = min(x, y)
    counts = np.zeros(n, np.int64)
    best = 0
    for i in range(n):
        if members[i]:
            r = _find(parent, i)
            counts[r] += 1
            best = max(best, counts[r])
    return best


@njit(cache=True)
def _with_tie_to(indptr, nbr, residents, marked):  # pragma: no cover - compiled
    found = np.zeros(len(residents), np.bool_)
    for k in range(len(residents)):
        i = residents[k]
        for s in range(indptr[i], indptr[i + 1]):
            if marked[nbr[s]]:
                found[k] = True
                break
    return found


@njit(cache=True)
def _outside_strength(n, a, b, kind, strength, household,
                      present):  # pragma: no cover - compiled
    total = np.zeros(n)
    for e in range(len(a)):
        if kind[e] > household and present[a[e]] and present[b[e]]:
            total[a[e]] += strength[e]
            total[b[e]] += strength[e]
    return total


@njit(cache=True)
def _evolve_strength(ties, week, rules):  # pragma: no cover - compiled
    """ties (TieArrays) and rules (TieRules) come as plain tuples (numba types those
    faster) and are named again here."""
    ties, rules = TieArrays(*ties), TieRules(*rules)
    strength = ties.strength
    for e in range(len(strength)):
        if ties.last_used[e] == week:
            strength[e] += rules.reinforce * (1.0 - strength[e])
        elif ties.kind[e] >= rules.fading_from:
            strength[e] = max(strength[e] - rules.decay, rules.floor)


@njit(cache=True)
def _csr_insert(indptr, nbr, eid, sign, added, owners, others, eids, signs
                ):  # pragma: no cover - compiled
    """Copy the CSR arrays, appending the new slots (sorted by owner) to each segment."""
    total = len(nbr) + len(owners)
    new_nbr = np.empty(total, nbr.dtype)
    new_eid = np.empty(total, eid.dtype)
    new_sign = np.empty(total, sign.dtype)
    out = 0
    k = 0
    for i in range(len(indptr) - 1):
        for s in range(indptr[i], indptr[i + 1]):
            new_nbr[out] = nbr[s]
            new_eid[out] = eid[s]
            new_sign[out] = sign[s]
            out += 1
        for _ in range(added[i]):
            new_nbr[out] = others[k]
            new_eid[out] = eids[k]
            new_sign[out] = signs[k]
            out += 1
            k += 1
    return new_nbr, new_eid, new_sign
