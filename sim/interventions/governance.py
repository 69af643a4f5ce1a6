"""Multi-stakeholder governance (macro level): steadier funding, publicity, supervision.

- Funding: the committee pools grant, donations and other sources, which cuts
  the year-to-year variation of income by the share `funding_stability` and
  adds `extra_funding` a year (a township fund, enterprises, migrants' fund),
  both only while governance is paid: the share paid each week scales them for
  the next year's draw and the next grant instalment.
- Publicity: a campaign every `campaign_weeks` (notices, grid groups, a
  performance at the market; `campaign_cost` each) makes villagers aware of
  what mutual aid does; awareness a starts at the share of the campaign paid and
  fades by `awareness_fade` a week, and elders' trust target rises by
  `publicity x a`.
- Supervision and records: service is recorded and checked, so credibility
  moves toward coverage plus `supervision_credibility`, and helpers' strain
  and fading are eased by the share `supervision` (regular service).
"""

from __future__ import annotations

import numpy as np

from ..committee import GRANT_INSTALMENTS, WEEKS_PER_YEAR
from .base import Intervention, setting


class Governance(Intervention):
    name = "governance"
    level = "macro"
    title = "Multi-stakeholder governance"
    evaluated = False  # it serves nobody directly
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
                "meetings, records and supervision visits (assumed)",
                "weekly cost of governance"),
        setting("campaign_weeks", 13, "weeks", 1, 520,
                "assumed: a publicity campaign each quarter",
                "weeks between publicity campaigns"),
        setting("campaign_cost", 500.0, "CNY per campaign", 0.0, 1e6,
                "assumed: posters, notices in grid groups and a performance at the market",
                "cost of one publicity campaign"),
        setting("awareness_fade", 0.05, "per week", 0.0, 1.0,
                "assumed: a campaign is remembered for a few months (half-life about 14 "
                "weeks; source text 002: low public awareness)",
                "share of the awareness a campaign raised lost per week"),
    )

    def setup(self, model) -> None:
        self.opened = False
        self.awareness = 0.0
        self.campaigns = 0

    def before_needs(self, model, week) -> None:
        paid = self.pay(model, self.cost * self.intensity)
        share = paid * min(self.intensity, 1.0)
        self._fund(model, paid, share)
        self._publicise(model)
        week.trust_boost = max(week.trust_boost,
                               self.publicity * self.awareness * min(self.intensity, 1.0))
        week.credibility_boost = max(week.credibility_boost,
                                     self.supervision_credibility * share)
        helpers = model.volunteering
        week.recognition[helpers] = np.maximum(week.recognition[helpers],
                                               self.supervision * share)

    def _publicise(self, model) -> None:
        """Awareness fades, and a campaign in its week renews it (as far as paid)."""
        self.awareness *= 1.0 - self.awareness_fade
        if (model.week - self.start_week - 1) % self.campaign_weeks == 0:
            paid = self.pay(model, self.campaign_cost * self.intensity)
            self.awareness = max(self.awareness, paid)
            self.campaigns += 1

    def report(self):
        return {**super().report(), "campaigns": self.campaigns}

    def _fund(self, model, paid: float, share: float) -> None:
        """Steadier and wider funding, only as far as governance is paid this week: the
        income drawn at the next new year and the next grant instalments use it."""
        budget = model.budget
        budget.cv_scale = 1.0 - self.funding_stability * share
        budget.extra_income = self.extra_funding * self.intensity * paid
        if not self.opened:
            # this quarter's instalment came before governance: the new sources pay
            # their share of the weeks up to the next one at once
            self.opened = True
            step = WEEKS_PER_YEAR // GRANT_INSTALMENTS
            weeks_left = step - (model.week - 1) % step
            budget.receive(budget.extra_income * weeks_left / WEEKS_PER_YEAR)
