"""The search space of `villageaid advise`: which interventions a portfolio switches on,
and one key setting of each.

A portfolio is the all_levels preset's seven interventions, each switched on or off,
each with one setting searched over a range that sits inside the setting's own
registry range (sim/interventions, `Param.low`/`high`) and around its default, so
the search stays among plausible village programmes:

    casework.workers              1 - 3      social workers (default 1)
    teams.team_size               4 - 16     members per village (default 8)
    recognition.recognition       0.1 - 0.6  share of strain taken off (default 0.3)
    time_bank.credit_motivation   0.005 - 0.05  motivation per credited task (0.02)
    matching.matches_per_week     5 - 40     needs matched a week per village (20)
    activity_centre.capacity      10 - 80    visitors a week per village (40)
    governance.publicity          0.0 - 0.15 rise of elders' trust target (0.05)

Every other setting keeps the preset's value. With `shares` (`advise --shares`) the
search also sets each intervention's `priority`, its share of a short budget
(log-uniform from 0.25 to 4 times an even share). A switched-off intervention's setting
is still drawn (the space stays fixed, which NSGA-II's crossover needs) but unused.

Cost. `planned_cost_per_year` adds what the settings commit the committee to in a
year: weekly costs x 52 (casework, teams' coordinator, time bank, matching and the
centre per village, governance), teams' training of its members and the centre's
setup (one-off, counted in the first year). Recognition's cost depends on how many
helpers are active, so it is counted at the run's own helpers only in `spent`. The
money actually spent is a run metric (`spent`); the committee scales every item
down when the budget cannot pay it, so a portfolio that costs more than the budget
still runs, at a smaller scale.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..sim.committee import WEEKS_PER_YEAR
from ..sim.interventions import INTERVENTIONS
from ..sim.outcomes import METRICS


@dataclass(frozen=True)
class Knob:
    """One intervention's switch and its searched setting."""

    kind: str  # the intervention, a key of INTERVENTIONS
    setting: str
    low: float
    high: float
    integer: bool

    @property
    def switch(self) -> str:
        return f"on_{self.kind}"

    @property
    def name(self) -> str:
        return f"{self.kind}.{self.setting}"

    @property
    def share(self) -> str:
        """Its priority when money is short (searched with --shares)."""
        return f"{self.kind}.priority"


KNOBS: tuple[Knob, ...] = (
    Knob("casework", "workers", 1, 3, True),
    Knob("teams", "team_size", 4, 16, True),
    Knob("recognition", "recognition", 0.1, 0.6, False),
    Knob("time_bank", "credit_motivation", 0.005, 0.05, False),
    Knob("matching", "matches_per_week", 5, 40, True),
    Knob("activity_centre", "capacity", 10, 80, True),
    Knob("governance", "publicity", 0.0, 0.15, False),
)
PARAM_NAMES = tuple(n for k in KNOBS for n in (k.switch, k.name))
# Budget shares (--shares): each intervention's priority, log-uniform from a quarter
# to four times an even share, inside the setting's own range (0.1 to 10).
SHARE_LOW, SHARE_HIGH = 0.25, 4.0


def param_names(shares: bool = False) -> tuple[str, ...]:
    """The searched parameters: switches and settings, and priorities with shares."""
    return PARAM_NAMES + (tuple(k.share for k in KNOBS) if shares else ())


def _check_ranges() -> None:
    """Every searched range inside the setting's own registry range (at import, so a
    changed registry shows at once, not as a refused trial mid-study)."""
    for knob in KNOBS:
        spec = {p.name: p for p in INTERVENTIONS[knob.kind].settings()}[knob.setting]
        assert spec.low <= knob.low < knob.high <= spec.high, knob
    priority = {p.name: p for p in INTERVENTIONS["casework"].settings()}["priority"]
    assert priority.low <= SHARE_LOW < SHARE_HIGH <= priority.high


_check_ranges()


def distributions(shares: bool = False) -> dict:
    """Optuna's fixed search space: a 0/1 switch and the setting of every knob, and
    (shares) its priority."""
    from optuna.distributions import FloatDistribution, IntDistribution

    space = {}
    for knob in KNOBS:
        space[knob.switch] = IntDistribution(0, 1)
        space[knob.name] = (IntDistribution(int(knob.low), int(knob.high)) if knob.integer
                            else FloatDistribution(knob.low, knob.high))
    if shares:
        for knob in KNOBS:
            space[knob.share] = FloatDistribution(SHARE_LOW, SHARE_HIGH, log=True)
    return space


def chosen(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The switched-on interventions of a trial's params, with their searched setting
    (and their priority, where shares were searched)."""
    return {k.kind: {k.setting: params[k.name],
                     **({"priority": params[k.share]} if k.share in params else {})}
            for k in KNOBS if params[k.switch]}


def describe(params: dict[str, Any]) -> str:
    """A portfolio in one short line: 'casework(workers=2) + teams(team_size=8)'."""
    parts = [f"{kind}({', '.join(f'{s}={_short(v)}' for s, v in settings.items())})"
             for kind, settings in chosen(params).items()]
    return " + ".join(parts) or "nothing (no intervention)"


def _short(value: Any) -> str:
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def portfolio_scenario(base, params: dict[str, Any]):
    """The base scenario (the all_levels preset's village and settings) keeping only the
    portfolio's interventions, each with its searched setting."""
    on = chosen(params)
    kept = [(kind, {**settings, **on[kind]}) for kind, settings in base.interventions
            if kind in on]
    return replace(base, interventions=kept, name="portfolio",
                   description=f"portfolio: {describe(params)}")


def planned_cost_per_year(scenario) -> float:
    """CNY a year the portfolio's settings commit the committee to (module docstring):
    weekly costs x 52 plus the first year's one-off training and setup; recognition's
    per-helper cost left out (it depends on the run)."""
    villages = scenario.params.villages
    total = 0.0
    for kind, s in scenario.interventions:
        weekly = {"casework": s.get("workers", 0) * s.get("cost_per_worker", 0.0),
                  "teams": s.get("coordinator_cost", 0.0),
                  "time_bank": s.get("admin_cost", 0.0),
                  "matching": s.get("coordinator_cost", 0.0) * villages,
                  "activity_centre": s.get("running_cost", 0.0) * villages,
                  "governance": s.get("cost", 0.0)}.get(kind, 0.0)
        total += weekly * s.get("intensity", 1.0) * WEEKS_PER_YEAR
        if kind == "teams":
            total += s.get("training_cost", 0.0) * s.get("team_size", 0) * villages
        if kind == "activity_centre":
            total += s.get("setup_cost", 0.0) * villages
    return float(total)


def pareto_mask(frame, objectives) -> list[bool]:
    """True for the feasible trials no other feasible trial dominates (at least as good
    on every objective mean, better on one; directions from the registry)."""
    if frame.empty:
        return []
    feasible = frame["feasible"].astype(bool).to_numpy()
    signs = np.array([1.0 if METRICS[m].better else -1.0 for m in objectives])
    score = frame[list(objectives)].to_numpy(float) * signs  # higher is better
    mask = []
    for i in range(len(frame)):
        if not feasible[i]:
            mask.append(False)
            continue
        others = score[feasible]
        dominated = np.any(np.all(others >= score[i], axis=1) & np.any(others > score[i], axis=1))
        mask.append(not bool(dominated))
    return mask
