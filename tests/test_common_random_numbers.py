"""Common random numbers: an intervention changes only what it touches, and only from
its start week."""

import pytest

from villageaid.sim.interventions import INTERVENTIONS
from villageaid.sim.model import VillageModel

START = 104  # the intervention runs from week 105, the first week of year 3


@pytest.mark.parametrize("name", sorted(INTERVENTIONS))
def test_an_intervention_from_year_3_leaves_years_1_and_2_identical(name):
    base = VillageModel(seed=8, residents=250, years=3).run(3 * 52)
    treated = VillageModel(seed=8, residents=250, years=3,
                           interventions=[INTERVENTIONS[name](start_week=START)]).run(3 * 52)
    a, b = base.timeseries.to_frame(), treated.timeseries.to_frame()
    common = [c for c in a.columns if c in b.columns]
    assert a[common].iloc[:START].equals(b[common].iloc[:START]), name
    assert (b[f"spent_{name}"].iloc[:START] == 0).all()
    assert not a[common].iloc[START:].equals(b[common].iloc[START:]), \
        f"{name} should change something once it runs"


def test_needs_arise_from_their_own_stream():
    """Switching casework on changes who is lonely, yet needs whose chance did not move
    arise for the same elders in the same weeks."""
    from villageaid.sim.interventions import Casework

    base = VillageModel(seed=3, residents=250)
    treated = VillageModel(seed=3, residents=250, interventions=[Casework()])
    same = 0
    for _ in range(20):
        base.step()
        treated.step()
        daily = base.last_help.need[:, 0] == treated.last_help.need[:, 0]
        same += daily.all()
    assert same == 20  # daily-living chances depend on frailty only: identical draws
