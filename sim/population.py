"""Residents' state as arrays, one entry per resident, updated in bulk each week.

The Mesa agents in `agents/` are the readable face of this state: an agent's
attributes read and write its row here. Rules that apply to everyone alike
(needs arising, self-efficacy, burnout) run as a few numpy lines over these
arrays, which is what makes a 20-village township fast.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

# Household situation of an elder; working-age residents are WITH_FAMILY.
ALONE, COUPLE, WITH_FAMILY = 0, 1, 2
LIVING_NAMES = ("alone", "couple only", "with family")

# Need types, in the column order used everywhere.
NEED_TYPES = ("daily", "company", "chronic", "emergency")
DAILY, COMPANY, CHRONIC, EMERGENCY = range(4)
# Hours of help one need takes: model parameters (sim/params.py, need_hours).
# Skill a helper needs to meet the need for certain; below it, the chance of
# success is skill / required skill and the attempt strains the helper.
NEED_SKILL = np.array([0.0, 0.0, 0.5, 0.6])

# Channels through which a need can be met, in the order they are tried.
CHANNELS = ("family", "informal", "team", "matched")
FAMILY, INFORMAL, TEAM, MATCHED = range(4)


@dataclass
class Population:
    """State of every resident. Index i is resident i everywhere in the model."""

    # set at construction; age, is_elder, living, frailty, chronic and
    # children_migrated change over the life course (sim/demography.py)
    village: np.ndarray  # int: village index
    household: np.ndarray  # int: household index (unique across the township)
    clan: np.ndarray  # int: clan index (unique across the township)
    age: np.ndarray  # int: years
    female: np.ndarray  # bool: a woman (else a man)
    is_elder: np.ndarray  # bool: aged 60+
    living: np.ndarray  # int8: ALONE, COUPLE or WITH_FAMILY
    frailty: np.ndarray  # float in [0, 1]
    chronic: np.ndarray  # bool: has a chronic condition to manage
    children_migrated: np.ndarray  # int: adult children living elsewhere
    efficacy_base: np.ndarray  # float in [0, 1]: personal baseline self-efficacy
    trust_base: np.ndarray  # float in [0, 1]: personal baseline trust in mutual aid
    # dynamic (interventions train, enlist and give hours)
    skill: np.ndarray  # float in [0, 1]: care skill
    helper: np.ndarray  # bool: willing to help beyond kin (the volunteer pool)
    hours_capacity: np.ndarray  # float: hours/week a helper can give beyond kin
    present: np.ndarray  # bool: living in the village (not away, not dead)
    lived_here: np.ndarray  # bool: lived in the village at some time in the run
    alive: np.ndarray  # bool: not dead (the dead keep ageing in `age`, so the
    # population stays oldest first; `age_at_death` keeps the age they died at)
    age_at_death: np.ndarray  # int: years, 0 while alive
    efficacy: np.ndarray  # float in [0, 1]: self-efficacy / sense of agency
    loneliness: np.ndarray  # float in [0, 1]
    withdrawn: np.ndarray  # bool
    trust: np.ndarray  # float in [0, 1]: trust in mutual aid
    burnout: np.ndarray  # float in [0, 1]
    motivation: np.ndarray  # float in [0, 1]
    active: np.ndarray  # bool: helper currently volunteering (not dropped out)
    dropouts: np.ndarray  # int: times dropped out
    returns: np.ndarray  # int: times returned after dropping out
    # running totals per resident
    needs_arisen: np.ndarray  # int
    needs_met: np.ndarray  # int
    need_hours_total: np.ndarray  # float: hours of help beyond the home needed
    met_hours_total: np.ndarray  # float: of these, hours given
    hours_given: np.ndarray  # float
    tasks_given: np.ndarray  # int
    last_contact: np.ndarray  # int: last week with help given or received
    last_mutual: np.ndarray  # int: last week with non-family help given or received
    last_gave: np.ndarray  # int: last week with non-family help given
    last_received: np.ndarray  # int: last week with non-family help received
    daily_backlog: np.ndarray  # float: unmet daily-living hours carried into next week

    @property
    def size(self) -> int:
        return len(self.age)

    def living_name(self, i: int) -> str:
        """Resident i's household, in words ('alone', 'couple only', 'with family')."""
        return LIVING_NAMES[self.living[i]]

    def copy(self) -> Population:
        return Population(**{f.name: getattr(self, f.name).copy() for f in fields(self)})
