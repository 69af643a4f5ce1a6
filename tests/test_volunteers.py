"""Burnout drives drop-out; rest brings helpers back."""

import numpy as np

from villageaid.sim import volunteers
from villageaid.sim.model import VillageModel
from villageaid.sim.params import make_params

P = make_params()


def test_full_load_beyond_skill_burns_out_a_helper():
    b, m = np.array([0.1]), np.array([0.8])
    weeks = 0
    while not volunteers.drops_out(P, b, m)[0]:
        b, m = volunteers.update_active(P, b, m, np.array([1.0]), np.array([2]), np.array([0]))
        weeks += 1
        assert weeks < 200
    assert b[0] >= P.dropout_burnout


def test_spare_capacity_lets_burnout_recover():
    b, m = volunteers.update_active(P, np.array([0.5]), np.array([0.8]), np.array([0.0]),
                                    np.array([0]), np.array([0]))
    assert b[0] < 0.5


def test_rested_drop_out_returns_only_when_recovered():
    tired, rested = np.array([0.6]), np.array([0.1])
    assert not volunteers.returns(P, tired, np.array([0.0]))[0]
    assert volunteers.returns(P, rested, np.array([0.0]))[0]
    assert not volunteers.returns(P, rested, np.array([0.99]))[0]


def test_in_the_model_heavy_load_causes_drop_outs_and_rest_brings_returns():
    # no warm-up: every drop-out and return is then counted from the start
    calm = VillageModel(seed=2, residents=300, burnout_load=0.0, burnout_beyond_skill=0.0,
                        motivation_fade=0.0, warmup_years=0).run(104)
    assert calm.population.dropouts.sum() == 0
    strained = VillageModel(seed=2, residents=300, burnout_load=0.4, burnout_beyond_skill=0.2,
                            motivation_fade=0.0, return_chance=0.1, warmup_years=0).run(104)
    pop = strained.population
    assert pop.dropouts.sum() > 0
    assert pop.returns.sum() > 0
    back = pop.returns > 0
    assert (pop.dropouts[back] >= pop.returns[back]).all()
