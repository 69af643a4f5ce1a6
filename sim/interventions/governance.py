"""Multi-stakeholder governance (macro level): steadier funding, publicity, supervision.

- Funding: the committee pools grant, donations and other sources, which cuts
  the year-to-year variation of income by the share `funding_stability` and
  adds `extra_funding` a year (a township fund, enterprises, migrants' fund).
- Publicity: villagers hear what mutual aid does: elders' trust target rises
  by `publicity` (awareness and trust).
- Supervision and records: service is recorded and checked, so credibility
  moves toward coverage plus `supervision_credibility`, and helpers' strain
  and fading are eased by the share `supervision` (regular service).
"""

from __future__ import annotations

import numpy as np

from ..committee import WEEKS_PER_YEAR
from .base import Intervention, setting


class Governance(Intervention):
    name = "governance"
    level = "macro"
    title = "Multi-stakeholder governance"
    SETTINGS = (
        setting("funding_stability", 0.5, "fraction", 0.0, 1.0,
                "source text 001: diversified funding steadies budgets",
                "share of the year-to-year variation of income removed"),
        setting("extra_funding", 0.0, "CNY/year", 0.0, 1e8,
                "source texts 001-002: township funds, enterprises, migrants' donations",
                "yearly income from new sources"),
        setting("publicity", 0.05, "trust", 0.0, 1.0,
                "calibrated: publicity raises awareness and trust (source text 003)",
                "rise of every elder's trust target"),
        setting("supervision", 0.1, "fraction", 0.0, 1.0,
                "calibrated: supervision and records keep service regular",
                "share of strain and fading motivation taken off all helpers"),
        setting("supervision_credibility", 0.05, "credibility", 0.0, 1.0,
                "calibrated: recorded service makes the committee more credible",
                "rise of the committee's credibility target"),
        setting("cost", 250.0, "CNY/week", 0.0, 1e6,
                "meetings, records and a publicity board",
                "weekly cost of governance"),
    )

    def start(self, model) -> None:
        budget = model.budget
        budget.cv_scale = 1.0 - self.funding_stability * min(self.intensity, 1.0)
        budget.extra_income = self.extra_funding * self.intensity
        # this year's income was drawn already: the new sources pay their share
        # of the weeks left in it
        weeks_left = WEEKS_PER_YEAR - (model.week - 1) % WEEKS_PER_YEAR
        budget.receive(budget.extra_income * weeks_left / WEEKS_PER_YEAR)

    def before_needs(self, model, week) -> None:
        share = self.pay(model, self.cost * self.intensity) * min(self.intensity, 1.0)
        week.trust_boost = max(week.trust_boost, self.publicity * share)
        week.credibility_boost = max(week.credibility_boost,
                                     self.supervision_credibility * share)
        helpers = model.volunteering
        week.recognition[helpers] = np.maximum(week.recognition[helpers],
                                               self.supervision * share)
