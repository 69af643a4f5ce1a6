"""Interventions that plug into the weekly schedule of VillageModel."""

from .base import Intervention
from .casework import Casework

__all__ = ["Intervention", "Casework"]
