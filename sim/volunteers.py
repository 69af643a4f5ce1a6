"""Helpers' burnout, fading motivation, drop-out and return.

For a helper who is active this week, with load = hours given / hours available:

    b' = b + (1 - R)*(k_load*load*(LOAD_WEIGHT - m) + k_skill*tasks_beyond_skill)
           - k_rec*(1 - min(load, 1))*b                       (clipped to [0, 1])
    m' = m - (1 - R)*fade*m + gratitude*tasks_met              (clipped to [0, 1])

R is the recognition a helper gets this week (incentives, team supervision,
governance; 0 without them). Low motivation makes the same load weigh more. A
helper drops out when burnout reaches `dropout_burnout` or motivation falls to
`dropout_motivation`. A drop-out rests (burnout recovers at the full rate)
and, once burnout is below RETURN_BURNOUT_SHARE of the drop-out threshold,
returns with chance `return_chance` a week, motivation renewed to
RETURN_MOTIVATION.
"""

from __future__ import annotations

import numpy as np

from .params import VillageParams

RETURN_MOTIVATION = 0.6  # a returning helper's resolve: keen, less than a newcomer
RETURN_BURNOUT_SHARE = 0.5  # rested enough to return: below half the drop-out burnout
# With motivation m, load weighs (LOAD_WEIGHT - m): 0.7 at m = 0.8, 1.3 at m = 0.2.
LOAD_WEIGHT = 1.5


def update_active(p: VillageParams, burnout, motivation, load, beyond_skill, tasks_met,
                  recognition=0.0):
    """New burnout and motivation of active helpers (arrays over those helpers)."""
    strain = (p.burnout_load * load * (LOAD_WEIGHT - motivation)
              + p.burnout_beyond_skill * beyond_skill)
    rest = p.burnout_recovery * (1.0 - np.minimum(load, 1.0)) * burnout
    burnout = np.clip(burnout + strain * (1.0 - recognition) - rest, 0.0, 1.0)
    fade = p.motivation_fade * (1.0 - recognition) * motivation
    motivation = np.clip(motivation - fade + p.motivation_gratitude * tasks_met, 0.0, 1.0)
    return burnout, motivation


def drops_out(p: VillageParams, burnout, motivation):
    return (burnout >= p.dropout_burnout) | (motivation <= p.dropout_motivation)


def rest(p: VillageParams, burnout):
    return burnout * (1.0 - p.burnout_recovery)


def returns(p: VillageParams, burnout, u):
    return (burnout < RETURN_BURNOUT_SHARE * p.dropout_burnout) & (u < p.return_chance)
