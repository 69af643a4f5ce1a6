"""The interface every intervention follows, and its settings.

An intervention is a small object attached to the model. The model calls its
hooks at fixed stages of the week (see `VillageModel.step`), and only once
the intervention has started (weeks after `start_week`), so an intervention
starting in year 3 leaves years 1-2 exactly as they were without it:

- `start(model)`: once, in the first active week (recruit, train, open);
- `before_needs(model, week)`: pay for the week and organise (caseloads,
  rotas), setting the week's modifiers (`week.recognition`, `week.trust_boost`,
  `week.credibility_boost`);
- `help(model, week)`: a channel tried after family and informal help, for
  the needs still open (`week.help.open`), in the order of `channel_order`;
- `after_help(model, week)`: effects that follow the week's help.

`week` is the sim.week.Week being run: made fresh every week, so whatever an
intervention sets in it lasts that week only.

Costs go through `self.pay(model, cost)`, which returns the share the budget
could pay: an intervention runs at that reduced scale, and counts the weeks
it was short (`shortfall_weeks`), which the run reports. It also counts the
services it delivers (`services`), by which an adaptive committee judges it
(sim/committee.py: adapt).

Each class lists its settings as `Param`s (unit, default, range, source), like
the model's parameters; scenario files and the dashboard read them. Its own
time-series columns it lists as `Column`s (name, unit, meaning, and the value
the column holds in a run without the intervention) in `COLUMNS`, and
`record(model, week)` gives their values at the end of every week.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

from ..params import Param, check_settings


def setting(name, default, unit, low, high, source, doc) -> Param:
    return Param(name, default, unit, low, high, source, doc, group="intervention")


class Column(NamedTuple):
    """A time-series column an intervention records (sim/metrics.py writes it)."""

    name: str
    unit: str
    meaning: str
    absent: float = 0.0  # the value in a run without the intervention


COMMON_SETTINGS = (
    setting("start_week", 0, "weeks", 0, 5200,
            "0 = from the first week",
            "the intervention runs from the week after this one (104 = from year 3)"),
    setting("intensity", 1.0, "multiplier", 0.0, 3.0,
            "1 = the scale described by the other settings",
            "scales the intervention's capacity and its cost together"),
    setting("priority", 1.0, "relative weight", 0.1, 10.0,
            "set by the scenario: 1 = the same share as every other item",
            "when money is short, the share of its cost the committee pays relative to "
            "the other items (2 = twice the share of an item at 1)"),
)


class Intervention:
    name = "intervention"
    level = "micro"
    title = "Intervention"
    channel_order = 0  # order among the channels that add help
    # an adaptive committee scores it by `services` (counted by the intervention:
    # sessions, needs met, matches) per CNY; False where there is nothing to count
    evaluated = True
    SETTINGS: tuple[Param, ...] = ()
    COLUMNS: tuple[Column, ...] = ()

    def __init__(self, **settings: Any):
        for key, value in check_settings(self.name, self.settings(), settings).items():
            setattr(self, key, value)
        self.paid_share = 1.0
        self.spent = 0.0  # CNY paid to it so far
        self.services = 0  # services delivered so far (see `evaluated`)
        self.spent_evaluated = 0.0  # ... as they stood at the committee's last evaluation
        self.services_evaluated = 0
        self.shortfall_weeks = 0
        self._short_week = -1
        self.started = False

    @classmethod
    def settings(cls) -> tuple[Param, ...]:
        return COMMON_SETTINGS + cls.SETTINGS

    def values(self) -> dict[str, Any]:
        return {p.name: getattr(self, p.name) for p in self.settings()}

    def is_active(self, week: int) -> bool:
        return week > self.start_week

    def pay(self, model, cost: float) -> float:
        self.paid_share = model.budget.pay(self.name, cost)
        self.spent += max(cost, 0.0) * self.paid_share
        if self.paid_share < 1.0 and self._short_week != model.week:
            self._short_week = model.week  # one count per week, however many payments
            self.shortfall_weeks += 1
        return self.paid_share

    def setup(self, model) -> None:
        """At construction: allocate state only (no draws, no change to the village)."""

    def start(self, model) -> None:
        pass

    def before_needs(self, model, week) -> None:
        pass

    def help(self, model, week) -> None:
        pass

    def after_help(self, model, week) -> None:
        pass

    def record(self, model, week) -> dict[str, float]:
        """This week's values of the columns in COLUMNS, at the end of the week."""
        return {}

    def report(self) -> dict[str, Any]:
        """Figures for the run summary."""
        return {"shortfall_weeks": self.shortfall_weeks}


def attach(intervention: Intervention) -> Intervention:
    """The intervention a new model runs: the object itself on its first use, else a fresh copy.

    An intervention keeps its run's state (started, recruits, ledgers), so the
    same object in a second model would start that run part-way through. On first
    attach the object keeps a pristine copy of itself; later models get a copy of
    that with the object's current settings (a setting changed between runs
    counts), so every run starts as from a newly built object.
    """
    pristine = intervention.__dict__.get("_pristine")
    if pristine is None:
        intervention._pristine = copy.deepcopy(intervention)
        return intervention
    fresh = copy.deepcopy(pristine)
    fresh.__dict__.update(intervention.values())
    fresh._pristine = pristine
    return fresh
