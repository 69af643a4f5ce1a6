"""Interventions at three levels that plug into the weekly schedule of VillageModel.

| level | class | name in scenario files |
|---|---|---|
| micro | Casework | casework |
| meso | Teams | teams |
| meso | Recognition | recognition |
| meso | TimeBank | time_bank |
| macro | Matching | matching |
| macro | ActivityCentre | activity_centre |
| macro | Governance | governance |
"""

from .base import COMMON_SETTINGS, Column, Intervention
from .casework import Casework
from .governance import Governance
from .incentives import Recognition, TimeBank
from .matching import ActivityCentre, Matching
from .teams import Teams

INTERVENTIONS: dict[str, type[Intervention]] = {
    cls.name: cls
    for cls in (Casework, Teams, Recognition, TimeBank, Matching, ActivityCentre, Governance)
}

__all__ = ["COMMON_SETTINGS", "INTERVENTIONS", "ActivityCentre", "Casework", "Column",
           "Governance", "Intervention", "Matching", "Recognition", "Teams", "TimeBank"]
