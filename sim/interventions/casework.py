"""Casework (micro level): social workers take the elders most at risk into a caseload.

Each week the social workers fill free places in their caseload with the
elders at highest risk, scored as
    risk = RISK_WITHDRAWN x withdrawn + RISK_ALONE x living alone + frailty
           + (1 - self-efficacy)
(withdrawal weighs most; ties go to the lower resident index). An elder in the caseload has a strengths-based session and
a companionship visit every week: self-efficacy rises by
`efficacy_gain x (1 - e)`, loneliness falls by the share `loneliness_relief`,
and the visit counts as contact. When a case closes after `case_weeks`, a
capable elder (healthy younger-old with self-efficacy above 0.6) who was not
yet a helper becomes one.
"""

from __future__ import annotations

import numpy as np

from ..population import ALONE
from ..attributes import fit_to_help
from .base import Intervention, setting

PROMOTE_EFFICACY = 0.6  # agency a closing case needs to be asked to become a helper
RISK_WITHDRAWN = 2.0  # withdrawal outweighs any one other risk
RISK_ALONE = 1.0


class Casework(Intervention):
    name = "casework"
    level = "micro"
    title = "Casework"
    SETTINGS = (
        setting("workers", 1, "persons", 0, 100,
                "a township social-work station typically assigns one worker to a village",
                "social workers on the case"),
        setting("caseload", 25, "elders per worker", 1, 200,
                "case-management caseloads of 20-30 older clients per worker "
                "(Kan et al. 2025)",
                "elders one social worker follows at once"),
        setting("cost_per_worker", 1000.0, "CNY/week", 0.0, 1e6,
                "rural social-work station salary of about 4,000-4,500 CNY a month",
                "weekly cost of one social worker"),
        setting("efficacy_gain", 0.05, "per week", 0.0, 1.0,
                "calibrated: strengths-based sessions rebuild agency over a few months",
                "share of the gap to full self-efficacy closed per week in the caseload"),
        setting("loneliness_relief", 0.10, "per week", 0.0, 1.0,
                "calibrated: regular companionship visits relieve loneliness",
                "share of loneliness relieved per week in the caseload"),
        setting("case_weeks", 26, "weeks", 1, 520,
                "a case is closed after about six months",
                "weeks an elder stays in the caseload"),
    )

    def setup(self, model) -> None:
        from ...agents.social_worker import SocialWorker

        self.case_until = np.full(model.population.size, -1, np.int64)
        self.ever_treated = np.zeros(model.population.size, bool)
        self.cases_opened = 0
        self.helpers_found = 0
        self.staff = [SocialWorker(model, self, k) for k in range(self.workers)]

    @property
    def in_caseload(self) -> np.ndarray:
        return self.case_until >= 0

    def before_needs(self, model, week) -> None:
        pop = model.population
        share = self.pay(model, self.workers * self.cost_per_worker * self.intensity)
        self._close_cases(model, week.number)
        capacity = int(np.floor(self.workers * self.caseload * self.intensity * share))
        free = capacity - int(self.in_caseload.sum())
        if free <= 0:
            return
        candidates = np.flatnonzero(pop.is_elder & pop.present & ~self.in_caseload)
        risk = (
            RISK_WITHDRAWN * pop.withdrawn[candidates]
            + RISK_ALONE * (pop.living[candidates] == ALONE)
            + pop.frailty[candidates] + (1.0 - pop.efficacy[candidates])
        )
        chosen = candidates[np.lexsort((candidates, -risk))[:free]]
        self.case_until[chosen] = week.number + self.case_weeks
        self.ever_treated[chosen] = True
        self.cases_opened += len(chosen)

    def _close_cases(self, model, number: int) -> None:
        pop = model.population
        closing = self.in_caseload & (self.case_until <= number)
        capable = (closing & ~pop.helper & fit_to_help(pop.is_elder, pop.age, pop.frailty)
                   & (pop.efficacy > PROMOTE_EFFICACY))
        model.enlist_helpers(np.flatnonzero(capable))
        self.helpers_found += int(capable.sum())
        self.case_until[closing | ~pop.present] = -1

    def after_help(self, model, week) -> None:
        pop = model.population
        cases = self.in_caseload
        pop.efficacy[cases] += self.efficacy_gain * (1.0 - pop.efficacy[cases])
        pop.loneliness[cases] *= 1.0 - self.loneliness_relief
        week.visited[cases] = True

    def report(self):
        return {**super().report(), "cases_opened": self.cases_opened,
                "helpers_found": self.helpers_found}
