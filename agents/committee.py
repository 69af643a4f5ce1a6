"""The village committee: holds the budget, and its credibility moves villagers' trust."""

from __future__ import annotations

import mesa


class VillageCommittee(mesa.Agent):
    def __init__(self, model, budget, credibility: float):
        super().__init__(model)
        self.budget = budget
        self.credibility = credibility

    @property
    def balance(self) -> float:
        return self.budget.balance
