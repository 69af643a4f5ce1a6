"""The committee's allocation rule as a scenario states it: interventions' priorities
share a short budget in proportion (an item at priority 4 is paid a larger share of
its cost than the same item at 1, the others less), the reserve is never spent, and
the defaults (every priority 1, no reserve) leave runs as they were."""

import numpy as np

from villageaid.scenarios import load_scenario
from villageaid.sim.interventions import Casework, Teams
from villageaid.sim.model import VillageModel

SHORT = {"grant": 8000.0, "donations": 0.0, "grant_cv": 0.0}  # far less than both cost


def village(interventions, weeks=40, **params):
    return VillageModel(seed=5, residents=300, interventions=interventions,
                        **{**SHORT, **params}).run(weeks)


def spent(model, name):
    return next(i for i in model.interventions if i.name == name).spent


def test_a_priority_takes_a_larger_share_of_a_short_budget():
    even = village([Casework(), Teams()])
    first = village([Casework(priority=4.0), Teams()])
    assert first.budget.weights == {"casework": 4.0}
    assert spent(first, "casework") > spent(even, "casework")
    assert spent(first, "teams") < spent(even, "teams")
    # the same money in all, shared differently
    assert abs(first.budget.spent_total - even.budget.spent_total) < 0.1 * even.budget.spent_total


def test_the_reserve_is_kept_back():
    plain = village([Casework(), Teams()])
    kept = village([Casework(), Teams()], reserve_share=0.5)
    assert kept.budget.spent_total < plain.budget.spent_total
    assert kept.budget.balance > plain.budget.balance


def test_defaults_leave_the_run_unchanged():
    scenario = load_scenario("all_levels")
    a = scenario.run(seed=2, years=1).timeseries
    b = scenario.with_params(reserve_share=0.0).run(seed=2, years=1).timeseries
    assert np.array_equal(a.to_numpy(float), b.to_numpy(float), equal_nan=True)
    assert scenario.model(seed=2, years=1).budget.weights == {}
