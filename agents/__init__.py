"""Mesa agent classes: the readable face of the model's array state."""

from .committee import VillageCommittee
from .resident import Elder, ElderState, Resident, WorkingAgeResident
from .social_worker import SocialWorker

__all__ = ["Elder", "ElderState", "Resident", "SocialWorker", "VillageCommittee",
           "WorkingAgeResident"]
