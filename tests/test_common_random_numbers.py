"""Common random numbers: an intervention changes only what it touches, and only from
its start week."""

import numpy as np
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


def test_pairing_by_seed_narrows_a_difference_more_than_3x():
    """Replicate i of both scenarios on seed i: the paired interval of the difference
    in needs met is at least 3x narrower than the unpaired one. Pairing replicate i of
    one with replicate i+1 of the other (a pairing that is not by seed) loses the gain,
    so the gain comes from the shared random numbers, not from the interval formula."""
    from villageaid.experiments.compare import compare
    from villageaid.experiments.stats import paired_difference, unpaired_difference
    from villageaid.scenarios import load_scenario

    casework = load_scenario("casework").scaled(0.25)
    result = compare([load_scenario("baseline"), casework], replicates=8, years=2, workers=2)
    gain = result.pairing_gain().set_index("metric")
    assert gain.loc["coverage", "width_ratio"] >= 3.0
    assert gain.loc["participation", "width_ratio"] >= 3.0
    assert gain.loc["coverage", "correlation"] > 0.9

    reps = result.replicates.sort_values("replicate")
    a = reps[reps.scenario == "baseline"]["coverage"].to_numpy()
    b = reps[reps.scenario == casework.name]["coverage"].to_numpy()
    width = lambda d: d["high"] - d["low"]  # noqa: E731
    unpaired = width(unpaired_difference(a, b))
    assert unpaired / width(paired_difference(a, b)) >= 3.0
    assert unpaired / width(paired_difference(a, np.roll(b, 1))) < 2.0
