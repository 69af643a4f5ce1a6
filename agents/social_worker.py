"""Social workers: a caseload capacity and a weekly cost, run by the casework intervention."""

from __future__ import annotations

import mesa
import numpy as np


class SocialWorker(mesa.Agent):
    def __init__(self, model, casework, number: int):
        super().__init__(model)
        self.casework = casework
        self.number = number

    @property
    def capacity(self) -> int:
        return self.casework.caseload

    @property
    def weekly_cost(self) -> float:
        return self.casework.cost_per_worker

    @property
    def cases(self) -> list[int]:
        """Residents in this worker's share of the caseload (cases split in turn)."""
        everyone = np.flatnonzero(self.casework.in_caseload)
        return everyone[self.number::self.casework.workers].tolist()
