"""Casework (micro level): social workers take the elders most at risk into a caseload.

Each week the social workers fill free places in their caseload with the
elders at highest risk, scored as
    risk = RISK_WITHDRAWN x withdrawn + RISK_ALONE x living alone + frailty
           + (1 - self-efficacy)
(withdrawal weighs most; ties go to the lower resident index).

A worker's week is shared: `training_hours` go to their own training and, where a
volunteer team runs, `supervision_hours` to supervising it; the rest, times the share
of pay the committee could find, goes to cases at `case_hours` each. When those hours
do not cover every open case, the cases take turns (a rotating start), so a week the
committee cannot pay treats nobody. A treated elder has a strengths-based session and
a companionship visit: self-efficacy rises by `efficacy_gain x r x (1 - e)`,
loneliness falls by the share `loneliness_relief x r`, and the visit counts as
contact; r is the workers' rapport (sim/interventions/staffing.py: posts fall vacant,
take time to fill, and a new worker's effect ramps up over months).

When a case closes after `case_weeks`, a capable elder (healthy younger-old with
self-efficacy above 0.6) who was not yet a helper becomes one, and what the case
added to self-efficacy fades: each week the share `fade_rate` of the gain above the
level at intake is lost, until the elder is taken in again.
"""

from __future__ import annotations

import numpy as np

from ..population import ALONE
from ..attributes import fit_to_help
from .base import Column, Intervention, setting
from .staffing import Posts, leaving_hazard

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
                "social-work posts funded for the caseload"),
        setting("caseload", 25, "elders per worker", 1, 200,
                "case-management caseloads of 20-30 older clients per worker "
                "(Kan et al. 2025)",
                "elders one social worker follows at once"),
        setting("cost_per_worker", 1000.0, "CNY/week", 0.0, 1e6,
                "rural social-work station salary of about 4,000-4,500 CNY a month",
                "weekly cost of one social worker (a vacant post costs nothing)"),
        setting("efficacy_gain", 0.05, "per week", 0.0, 1.0,
                "calibrated: strengths-based sessions rebuild agency over a few months",
                "share of the gap to full self-efficacy closed per week of treatment"),
        setting("loneliness_relief", 0.10, "per week", 0.0, 1.0,
                "calibrated: regular companionship visits relieve loneliness",
                "share of loneliness relieved per week of treatment"),
        setting("case_weeks", 26, "weeks", 1, 520,
                "a case is closed after about six months",
                "weeks an elder stays in the caseload"),
        setting("fade_rate", 0.03, "per week", 0.0, 1.0,
                "assumed: gains of psychosocial programmes for older adults wane over "
                "months once contact ends (a half-life of about 23 weeks)",
                "share of the self-efficacy a case added lost per week after it closes"),
        setting("hours_per_week", 40.0, "hours/week", 1.0, 80.0,
                "a full-time post",
                "hours a social worker works a week"),
        setting("case_hours", 1.5, "hours per case-week", 0.1, 40.0,
                "assumed: a session and a visit, with the walk between households",
                "hours a week one treated case takes"),
        setting("supervision_hours", 4.0, "hours/week", 0.0, 40.0,
                "source text 002: social workers train and supervise volunteer teams "
                "monthly; the hours are assumed",
                "hours a week a worker spends supervising the team (where teams run)"),
        setting("training_hours", 2.0, "hours/week", 0.0, 40.0,
                "source text 001: regular professional training; the hours are assumed",
                "hours a week a worker spends in training"),
        setting("hire_weeks", 13, "weeks", 0, 520,
                "assumed: source text 001 says professionals are unwilling to work in "
                "rural areas, so a post stays open about a quarter",
                "mean weeks to fill a vacant post (0 = at once)"),
        setting("rapport_weeks", 12, "weeks", 0, 104,
                "assumed: a new worker needs about three months to win elders' trust",
                "weeks a new worker needs to reach full effect (rising linearly)"),
        setting("turnover", 0.2, "share/year", 0.0, 1.0,
                "assumed: source text 001 says rural posts are hard to keep because of "
                "pay and conditions, without a number",
                "yearly chance a worker leaves when paid market_pay and not overloaded"),
        setting("market_pay", 1000.0, "CNY/week", 1.0, 1e6,
                "the salary cost_per_worker cites",
                "pay at which turnover is `turnover`; less pay raises it in proportion"),
    )
    COLUMNS = (
        Column("caseworkers", "persons", "social-work posts filled this week "
               "(0 without casework)"),
        Column("cases_treated", "elders", "elders in the caseload who had a session "
               "this week"),
    )

    def setup(self, model) -> None:
        from ...agents.social_worker import SocialWorker

        n = model.population.size
        self.case_until = np.full(n, -1, np.int64)
        self.ever_treated = np.zeros(n, bool)
        self.intake_efficacy = np.full(n, np.nan)  # self-efficacy when the case opened
        self.treated = np.zeros(n, bool)  # this week's sessions
        self.cases_opened = 0
        self.helpers_found = 0
        self.posts = Posts(self.workers)
        self.rapport = 0.0
        self._pay = self.cost_per_worker  # last week's pay per worker
        self._overload = 1.0
        self.staff = [SocialWorker(model, self, k) for k in range(self.workers)]

    @property
    def in_caseload(self) -> np.ndarray:
        return self.case_until >= 0

    def before_needs(self, model, week) -> None:
        u = model.streams.at("casework_staff", model.week).random((self.workers, 2))
        self.posts.step(u, self.hire_weeks, leaving_hazard(
            self.turnover, self.market_pay, self._pay, self._overload))
        staffed = self.posts.staffed
        share = self.pay(model, staffed * self.cost_per_worker * self.intensity)
        self._pay = self.cost_per_worker * share
        self._close_cases(model, week.number)
        self._open_cases(model, week.number, int(np.floor(
            staffed * self.caseload * self.intensity * share)))
        self._plan_sessions(model, week.number, staffed, share)

    def _open_cases(self, model, number: int, capacity: int) -> None:
        pop = model.population
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
        self.case_until[chosen] = number + self.case_weeks
        self.intake_efficacy[chosen] = pop.efficacy[chosen]
        self.ever_treated[chosen] = True
        self.cases_opened += len(chosen)

    def _plan_sessions(self, model, number: int, staffed: int, share: float) -> None:
        """Who has a session this week: as many open cases as the workers' paid hours
        for cases cover, taking turns from a start that moves every week."""
        self.treated[:] = False
        cases = np.flatnonzero(self.in_caseload)
        teams = model.intervention("teams")
        overhead = self.training_hours + (
            self.supervision_hours if teams is not None and teams.is_active(number) else 0.0)
        for_cases = max(self.hours_per_week - overhead, 0.0) * staffed * self.intensity
        asked = len(cases) * self.case_hours + overhead * staffed * self.intensity
        self._overload = asked / max(self.hours_per_week * staffed * self.intensity, 1e-9)
        slots = int(np.floor(for_cases * share / self.case_hours + 1e-9))
        if len(cases) and slots:
            start = (number * slots) % len(cases)
            self.treated[np.roll(cases, -start)[:slots]] = True
        ramp = self.posts.rapport(self.rapport_weeks)
        self.rapport = float(ramp.sum() / staffed) if staffed else 0.0

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
        cases = self.treated
        pop.efficacy[cases] += self.efficacy_gain * self.rapport * (1.0 - pop.efficacy[cases])
        pop.loneliness[cases] *= 1.0 - self.loneliness_relief * self.rapport
        week.visited[cases] = True
        self.services += int(cases.sum())
        self._fade(pop)

    def _fade(self, pop) -> None:
        """Closed cases lose the share fade_rate of what casework added to self-efficacy."""
        closed = np.flatnonzero(~np.isnan(self.intake_efficacy) & ~self.in_caseload)
        if not len(closed):
            return
        gain = np.maximum(pop.efficacy[closed] - self.intake_efficacy[closed], 0.0)
        pop.efficacy[closed] -= self.fade_rate * gain

    def record(self, model, week):
        staffed = self.posts.staffed if self.started else 0
        return {"caseworkers": staffed, "cases_treated": int(self.treated.sum())}

    def report(self):
        return {**super().report(), "cases_opened": self.cases_opened,
                "helpers_found": self.helpers_found, "hires": self.posts.hires,
                "departures": self.posts.departures, "vacant_weeks": self.posts.vacant_weeks}
