"""Roles in a volunteer team, and serving needs in passes by the skill they take.

A team of each village has one leader (a community elite: the member with the most
ties when the post is filled) and members in three roles, kept in balance as
members are recruited: chronic care, emergencies and companionship. The leader,
chronic-care and emergency members take the full course (care skill); companions
take a short one that leaves their care skill as it was. Skilled needs go only to
the members whose role covers them (`ROLE_NEEDS`); anyone on the rota can meet
daily-living and companionship needs.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from ..population import CHRONIC, COMPANY, DAILY, EMERGENCY, NEED_TYPES



class Role(IntEnum):
    """A member's role, stored as int8 in Teams.role (NONE: not a member)."""

    NONE = -1
    LEADER = 0
    CHRONIC_CARE = 1
    EMERGENCY = 2
    COMPANIONSHIP = 3

TRAINED_ROLES = (Role.LEADER, Role.CHRONIC_CARE, Role.EMERGENCY)  # take the full course
# The roles that serve each need type, in the order of the passes (emergencies first)
ROLE_NEEDS = (
    ((EMERGENCY,), (Role.LEADER, Role.EMERGENCY)),
    ((CHRONIC,), (Role.LEADER, Role.CHRONIC_CARE)),
    ((DAILY, COMPANY), tuple(r for r in Role if r is not Role.NONE)),
)
# ROLE_NEEDS as lookups: PASS_TYPES[k] marks pass k's need types, PASS_ROLES[k] (indexed
# by role + 1) the roles it calls on
PASS_TYPES = np.array([[t in types for t in range(len(NEED_TYPES))] for types, _ in ROLE_NEEDS])
PASS_ROLES = np.array([[r in roles for r in Role] for _, roles in ROLE_NEEDS])


def assign_roles(role: np.ndarray, member: np.ndarray, new: np.ndarray, village: np.ndarray,
                 active: np.ndarray, degree: np.ndarray) -> None:
    """Give the new members roles, in place: in each village without an active leader
    the member with the most ties leads (lower index on a tie); each other new member
    takes the role among chronic care, emergency and companionship that has fewest
    members in the village (in that order on a tie)."""
    for v in np.unique(village[new]):
        here = member & (village == v)
        if not (here & active & (role == Role.LEADER)).any():
            role[here & (role == Role.LEADER)] = Role.NONE
            candidates = np.flatnonzero(here & active)
            if len(candidates):
                leader = candidates[np.lexsort((candidates, -degree[candidates]))[0]]
                role[leader] = Role.LEADER
        kinds = (Role.CHRONIC_CARE, Role.EMERGENCY, Role.COMPANIONSHIP)
        counts = [int((here & (role == r)).sum()) for r in kinds]
        for j in new[(village[new] == v) & (role[new] == Role.NONE)]:
            k = int(np.argmin(counts))
            role[j] = kinds[k]
            counts[k] += 1


def serve_in_passes(model, week, channel: int, eligible, passes, **serve_settings):
    """Serve the open needs in passes: each pass (need types, pool) sees only the open
    needs of its types and calls only its pool; the passes share `limit` if one is
    given. Returns (elders, helpers, unserved) over all passes."""
    hw = week.help
    open_before = hw.open.copy()
    limit = serve_settings.pop("limit", 10**9)
    elders, helpers, unserved = [], [], 0
    for types, pool in passes:
        if not open_before[:, list(types)].any():
            continue  # nothing of these types is open: the pass would serve nobody
        others = np.ones(len(NEED_TYPES), bool)
        others[list(types)] = False
        hw.open[:, others] = False
        e, h, u = model.serve(week, pool, channel, eligible, limit=limit, **serve_settings)
        hw.open[:, others] = open_before[:, others]
        limit -= len(e)
        elders.append(e)
        helpers.append(h)
        unserved += u
    if not elders:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    return np.concatenate(elders), np.concatenate(helpers), unserved
