"""The social-work talent gap: posts that fall vacant, take time to fill, and new workers
who need months to build rapport (source texts 001 and 002: rural posts are hard to fill
and to keep, because of pay and conditions).

`Posts` holds one entry per funded post (arrays, so a township's stations step at
once). Each week, with one pair of uniforms per post from the "casework_staff" stream
(the same shape every week, so common random numbers hold):

- a post vacant at the start of the week is filled with chance 1 / hire_weeks
  (at once when hire_weeks is 0); the new worker starts with tenure 0;
- a filled post falls vacant with the weekly hazard

      h = min(1, turnover / 52 x market_pay / max(pay, PAY_FLOOR x market_pay) x overload)

  where pay is what the worker was paid last week (cost_per_worker x the share the
  committee paid) and overload = hours asked of the worker / hours in the week (at
  least 1): underpaid or overloaded workers leave sooner;
- a worker's effect (rapport) rises linearly with tenure, reaching 1 after
  rapport_weeks.
"""

from __future__ import annotations

import numpy as np

from ..committee import WEEKS_PER_YEAR

PAY_FLOOR = 0.1  # unpaid weeks count as pay at a tenth of the market: the hazard stays finite


class Posts:
    def __init__(self, count: int):
        self.filled = np.ones(count, bool)  # the station assigns its workers at the start
        self.tenure = np.zeros(count, np.int64)  # weeks in post
        self.hires = 0
        self.departures = 0
        self.vacant_weeks = 0

    @property
    def staffed(self) -> int:
        return int(self.filled.sum())

    def rapport(self, rapport_weeks: int) -> np.ndarray:
        """Each post's effect, 0..1 (0 for a vacant post)."""
        if rapport_weeks <= 0:
            return self.filled.astype(float)
        return np.where(self.filled, np.minimum((self.tenure + 1) / rapport_weeks, 1.0), 0.0)

    def step(self, u: np.ndarray, hire_weeks: int, hazard: float) -> None:
        """One week: vacant posts may be filled (u[:, 1]), filled ones may be left
        (u[:, 0] < hazard), the others gain a week of tenure."""
        was_vacant = ~self.filled
        fill_chance = 1.0 if hire_weeks <= 0 else 1.0 / hire_weeks
        hired = was_vacant & (u[:, 1] < fill_chance)
        leaves = ~was_vacant & (u[:, 0] < hazard)
        self.tenure[~was_vacant] += 1
        self.filled[hired] = True
        self.tenure[hired] = 0
        self.filled[leaves] = False
        self.hires += int(hired.sum())
        self.departures += int(leaves.sum())
        self.vacant_weeks += int((~self.filled).sum())


def leaving_hazard(turnover: float, market_pay: float, pay: float, overload: float) -> float:
    """The weekly chance a worker leaves (see the module docstring)."""
    paid = max(pay, PAY_FLOOR * market_pay)
    return float(min(1.0, turnover / WEEKS_PER_YEAR * market_pay / paid * max(overload, 1.0)))
