"""The interface every intervention follows.

An intervention is a small object attached to the model. The model calls its
hooks at fixed stages of the week (see `VillageModel.step`), only from its
start week on:

- `setup(model)`: once, when the model is built;
- `before_needs(model)`: pay for the week and organise (caseloads, teams);
- `help(model, week)`: a channel tried after family and informal help, for the
  needs still open (`week.open`);
- `after_help(model, week)`: effects that follow the week's help.

Costs go through `model.budget.pay(name, cost)`, which returns the share paid:
an intervention the budget cannot pay for runs at that reduced scale.
"""

from __future__ import annotations


class Intervention:
    name = "intervention"
    level = "micro"

    def __init__(self, start_week: int = 0):
        self.start_week = start_week

    def is_active(self, week: int) -> bool:
        return week >= self.start_week

    def setup(self, model) -> None:
        pass

    def before_needs(self, model) -> None:
        pass

    def help(self, model, week) -> None:
        pass

    def after_help(self, model, week) -> None:
        pass
