"""Week: what holds for one week only, made fresh at the start of every week.

`VillageModel.step` makes a new Week first thing each week and hands it to
every stage: shocks and interventions set its modifiers, help allocation fills
its help state, and the later stages and the time series read both. Nothing
in it carries over to the next week, so a modifier lasts exactly the weeks a
shock or an intervention sets it. The model keeps the latest as
`model.this_week`, for whoever watches a run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .helping import HelpWeek
from .population import NEED_TYPES


@dataclass(eq=False)
class Week:
    number: int  # 1 = the first week
    # Modifiers, neutral as made; shocks and interventions set them.
    need_multiplier: np.ndarray  # float [need types]: factor on each need type's chance
    recognition: np.ndarray  # float [n]: share of a helper's strain and fading taken off
    visited: np.ndarray  # bool [n]: contact made by an intervention
    hours_factor: float = 1.0  # factor on helpers' weekly hours
    trust_boost: float = 0.0  # added to every elder's trust target
    credibility_boost: float = 0.0  # added to the coverage credibility follows
    # Help state, filled as needs arise and help is allocated.
    help: HelpWeek | None = None  # the week's record of help
    asking: np.ndarray | None = None  # bool [E]: elders who ask beyond kin
    hours_left: np.ndarray | None = None  # float [n]: hours left for help beyond kin
    priority_order: np.ndarray | None = None  # int [E]: elder positions, in asking order
    home_care: np.ndarray | None = None  # float [E]: hours of care given at home
    # Helpers' turnover, counted when helpers are updated.
    dropouts: int = 0
    returns: int = 0
    joined: int = 0  # elders who started helping on their own
    # The life course (sim/demography.py): deaths every week, the rest at a new year.
    deaths: int = 0
    widowed: int = 0
    new_elders: int = 0
    left: int = 0
    returned: int = 0
    stopped_helping: int = 0

    @classmethod
    def fresh(cls, number: int, residents: int) -> Week:
        """Week `number` of a population of `residents`, every modifier neutral."""
        return cls(number, need_multiplier=np.ones(len(NEED_TYPES)),
                   recognition=np.zeros(residents), visited=np.zeros(residents, bool))
