"""Helpers' burnout, fading motivation, drop-out and return.

For a helper who is active this week, with load = hours given / hours available:

    b' = b + k_load*load*(1.5 - m) + k_skill*tasks_beyond_skill
           - k_rec*(1 - load)*b                              (clipped to [0, 1])
    m' = m - fade*m + gratitude*tasks_met                      (clipped to [0, 1])

Low motivation makes the same load weigh more. A helper drops out when burnout
reaches `dropout_burnout` or motivation falls to `dropout_motivation`. A drop-out
rests (burnout recovers at the full rate) and, once burnout is below half the
drop-out threshold, returns with chance `return_chance` a week, motivation
renewed to RETURN_MOTIVATION.
"""

from __future__ import annotations

import numpy as np

from .params import VillageParams

RETURN_MOTIVATION = 0.6


def update_active(p: VillageParams, burnout, motivation, load, beyond_skill, tasks_met,
                  recognition=0.0):
    """New burnout and motivation of active helpers (arrays over those helpers)."""
    strain = p.burnout_load * load * (1.5 - motivation) + p.burnout_beyond_skill * beyond_skill
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
    return (burnout < 0.5 * p.dropout_burnout) & (u < p.return_chance)
