"""The tie table: deduplication, CSR index, additions and the cohesion measure."""

import numpy as np

from villageaid.sim.ties import ACQUAINTANCE, KIN, NEIGHBOUR, TieTable


def neighbour_sets(t):
    return {i: sorted(t.nbr[t.indptr[i]:t.indptr[i + 1]].tolist()) for i in range(t.n)}


def test_duplicate_pairs_keep_the_closest_kind():
    t = TieTable(4, [0, 1, 2, 0], [1, 0, 3, 0], [ACQUAINTANCE, KIN, NEIGHBOUR, KIN],
                 [0.2, 0.9, 0.5, 0.9])
    assert t.size == 2  # (0,1) once, (2,3); the self-loop is dropped
    assert t.kind[(t.a == 0) & (t.b == 1)][0] == KIN
    assert neighbour_sets(t) == {0: [1], 1: [0], 2: [3], 3: [2]}


def test_added_ties_match_a_rebuilt_index_and_skip_known_pairs():
    t = TieTable(6, [0, 1, 2], [1, 2, 3], [KIN, KIN, KIN], [0.9] * 3)
    added = t.add([4, 0, 1, 5], [5, 1, 4, 0], ACQUAINTANCE, week=3)
    assert added == 3  # (0,1) exists already
    incremental = neighbour_sets(t)
    t.rebuild_index()
    assert neighbour_sets(t) == incremental
    assert incremental[0] == [1, 5] and incremental[4] == [1, 5]
    for s in range(len(t.nbr)):  # every directed slot points back at its row
        e = t.eid[s]
        assert {t.a[e], t.b[e]} == {t.nbr[s], np.searchsorted(t.indptr, s, side="right") - 1}


def test_cohesion_is_the_largest_component_of_recently_used_ties():
    # two used components: {0,1,2} and {3,4}; tie (2,3) used long ago
    t = TieTable(6, [0, 1, 3, 2], [1, 2, 4, 3], [KIN] * 4, [0.9] * 4)
    t.last_used[:] = 10
    t.last_used[(t.a == 2) & (t.b == 3)] = 1
    members = np.ones(6, bool)
    assert t.largest_component_share(members, since=7) == 3 / 6
    t.last_used[:] = 10
    assert t.largest_component_share(members, since=7) == 5 / 6


def test_cut_ties_of_removes_every_tie_of_a_resident():
    t = TieTable(4, [0, 0, 1, 2], [1, 2, 2, 3], [KIN] * 4, [0.9] * 4)
    assert t.cut_ties_of([2]) == 3
    assert neighbour_sets(t) == {0: [1], 1: [0], 2: [], 3: []}
