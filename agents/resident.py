"""Residents as Mesa agents: each reads and writes its own row of the population arrays.

The model updates everyone at once on `model.population`; these agents are how
a user, a test or the dashboard looks at one person. Setting an attribute on an
agent (`elder.efficacy = 0.2`) changes the model's state.
"""

from __future__ import annotations

from enum import Enum

import mesa



class ElderState(Enum):
    WITHDRAWN = "withdrawn"
    LONELY = "lonely"
    HELPER = "active helper"
    ENGAGED = "engaged"


class _Row:
    """A descriptor exposing population.<name>[agent.index] as an attribute."""

    def __init__(self, cast):
        self.cast = cast

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, agent, owner=None):
        if agent is None:
            return self
        return self.cast(getattr(agent.model.population, self.name)[agent.index])

    def __set__(self, agent, value):
        getattr(agent.model.population, self.name)[agent.index] = value


class Resident(mesa.Agent):
    """An adult living in the village (the base of Elder and WorkingAgeResident)."""

    age = _Row(int)
    female = _Row(bool)
    village = _Row(int)
    household = _Row(int)
    clan = _Row(int)
    frailty = _Row(float)
    skill = _Row(float)
    helper = _Row(bool)
    hours_capacity = _Row(float)
    present = _Row(bool)
    trust = _Row(float)
    burnout = _Row(float)
    motivation = _Row(float)
    active = _Row(bool)
    dropouts = _Row(int)
    returns = _Row(int)
    hours_given = _Row(float)
    tasks_given = _Row(int)

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index
        # The cell of this resident's node in `model.grid` (a mesa Network), set when
        # the grid is built: Mesa's space drawing places agents by `agent.cell`.
        self.cell = None

    @property
    def ties(self) -> list[int]:
        """Indices of the residents this one has a tie with."""
        t = self.model.ties
        return t.nbr[t.indptr[self.index]:t.indptr[self.index + 1]].tolist()

    @property
    def is_volunteering(self) -> bool:
        return self.helper and self.active and self.present


class Elder(Resident):
    """A resident aged 60 or over: has needs, a disembedding state, and may help."""

    chronic = _Row(bool)
    children_migrated = _Row(int)
    efficacy = _Row(float)
    loneliness = _Row(float)
    withdrawn = _Row(bool)
    needs_arisen = _Row(int)
    needs_met = _Row(int)

    @property
    def living(self) -> str:
        return self.model.population.living_name(self.index)

    @property
    def empty_nest(self) -> bool:
        return self.living != "with family"

    @property
    def state(self) -> ElderState:
        if self.withdrawn:
            return ElderState.WITHDRAWN
        if self.is_volunteering:
            return ElderState.HELPER
        if self.loneliness > self.model.params.withdraw_loneliness:
            return ElderState.LONELY
        return ElderState.ENGAGED


class WorkingAgeResident(Resident):
    """A resident under 60 who stayed: kin to some elders, sometimes a volunteer."""
