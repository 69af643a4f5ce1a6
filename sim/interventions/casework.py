"""Casework (micro level): social workers take the elders most at risk into a caseload.

Each week the social workers fill free places in their caseload with the
elders at highest risk (withdrawn first, then living alone, then frail, then
low self-efficacy). An elder in the caseload has a strengths-based session and
a companionship visit every week: self-efficacy rises by
`casework_efficacy x (1 - e)`, loneliness falls by the share
`casework_loneliness`, and the visit counts as contact. When a case closes
after `casework_weeks`, a capable elder (healthy younger-old with
self-efficacy above 0.6) who was not yet a helper becomes one.
"""

from __future__ import annotations

import numpy as np

from ..population import ALONE
from ..village import HELPER_MAX_AGE, HELPER_MAX_FRAILTY
from .base import Intervention

PROMOTE_EFFICACY = 0.6


class Casework(Intervention):
    name = "casework"
    level = "micro"

    def __init__(self, workers: int, caseload: int, cost_per_worker: float,
                 efficacy_gain: float, loneliness_relief: float, case_weeks: int,
                 start_week: int = 0):
        super().__init__(start_week)
        self.workers = workers
        self.caseload = caseload
        self.cost_per_worker = cost_per_worker
        self.efficacy_gain = efficacy_gain
        self.loneliness_relief = loneliness_relief
        self.case_weeks = case_weeks
        self.paid_share = 1.0

    @classmethod
    def from_params(cls, p, start_week: int = 0) -> Casework:
        return cls(p.social_workers, p.caseload, p.social_worker_cost, p.casework_efficacy,
                   p.casework_loneliness, p.casework_weeks, start_week)

    def setup(self, model) -> None:
        from ...agents.social_worker import SocialWorker

        self.case_until = np.full(model.population.size, -1, np.int64)
        self.cases_opened = 0
        self.helpers_found = 0
        self.staff = [SocialWorker(model, self, k) for k in range(self.workers)]

    @property
    def in_caseload(self) -> np.ndarray:
        return self.case_until >= 0

    def before_needs(self, model) -> None:
        pop, week = model.population, model.week
        self.paid_share = model.budget.pay(self.name, self.workers * self.cost_per_worker)
        self._close_cases(model, week)
        capacity = int(np.floor(self.workers * self.caseload * self.paid_share))
        free = capacity - int(self.in_caseload.sum())
        if free <= 0:
            return
        candidates = np.flatnonzero(pop.is_elder & pop.present & ~self.in_caseload)
        risk = (
            2.0 * pop.withdrawn[candidates] + (pop.living[candidates] == ALONE)
            + pop.frailty[candidates] + (1.0 - pop.efficacy[candidates])
        )
        chosen = candidates[np.lexsort((candidates, -risk))[:free]]
        self.case_until[chosen] = week + self.case_weeks
        self.cases_opened += len(chosen)

    def _close_cases(self, model, week: int) -> None:
        pop = model.population
        closing = self.in_caseload & (self.case_until <= week)
        capable = (
            closing & ~pop.helper & (pop.age <= HELPER_MAX_AGE)
            & (pop.frailty < HELPER_MAX_FRAILTY) & (pop.efficacy > PROMOTE_EFFICACY)
        )
        model.enlist_helpers(np.flatnonzero(capable))
        self.helpers_found += int(capable.sum())
        self.case_until[closing | ~pop.present] = -1

    def after_help(self, model, week) -> None:
        pop = model.population
        cases = self.in_caseload
        pop.efficacy[cases] += self.efficacy_gain * (1.0 - pop.efficacy[cases])
        pop.loneliness[cases] *= 1.0 - self.loneliness_relief
        model.visited[cases] = True
