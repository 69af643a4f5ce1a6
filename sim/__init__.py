"""The village model, its parameters, metrics and weekly submodels."""

from .model import VillageModel
from .params import PARAMETERS, ParameterError, VillageParams, make_params

__all__ = ["PARAMETERS", "ParameterError", "VillageModel", "VillageParams", "make_params"]
