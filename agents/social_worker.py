"""Social workers: one agent per funded post of the casework intervention; a post can
stand vacant, and a worker's effect grows with their weeks in post (rapport)."""

from __future__ import annotations

import mesa
import numpy as np


class SocialWorker(mesa.Agent):
    def __init__(self, model, casework, number: int):
        super().__init__(model)
        self.casework = casework
        self.number = number

    @property
    def in_post(self) -> bool:
        return bool(self.casework.posts.filled[self.number])

    @property
    def weeks_in_post(self) -> int:
        return int(self.casework.posts.tenure[self.number]) if self.in_post else 0

    @property
    def rapport(self) -> float:
        """This worker's effect, 0..1 (0 while the post is vacant)."""
        return float(self.casework.posts.rapport(self.casework.rapport_weeks)[self.number])

    @property
    def capacity(self) -> int:
        return self.casework.caseload if self.in_post else 0

    @property
    def weekly_cost(self) -> float:
        return self.casework.cost_per_worker if self.in_post else 0.0

    @property
    def cases(self) -> list[int]:
        """Residents in this worker's share of the caseload (cases split in turn)."""
        everyone = np.flatnonzero(self.casework.in_caseload)
        return everyone[self.number::self.casework.workers].tolist()
