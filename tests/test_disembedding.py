"""The disembedding cycle: isolation deepens withdrawal; helping others is a way out."""

import numpy as np

from villageaid.sim import wellbeing
from villageaid.sim.model import VillageModel
from villageaid.sim.params import make_params
from villageaid.sim.population import ALONE

P = make_params()


def weeks_of(weeks, efficacy, loneliness, withdrawn, gave, asked, contact, isolated):
    """Apply the weekly rules to one elder living alone, with a baseline agency of 0.6."""
    rules = wellbeing.rules(P)
    household = wellbeing.HOUSEHOLD_LONELINESS[ALONE]
    for _ in range(weeks):
        efficacy = wellbeing.efficacy_step(efficacy, 0.6, gave, asked, 0.0, isolated,
                                           rules.efficacy)
        loneliness = wellbeing.loneliness_step(loneliness, household, contact,
                                               rules.loneliness)
        withdrawn = wellbeing.withdrawal_step(withdrawn, efficacy, loneliness,
                                              rules.withdrawal)
    return efficacy, loneliness, withdrawn


def test_isolated_low_efficacy_elder_withdraws_and_sinks():
    e, lon, w = weeks_of(26, 0.30, 0.55, False, False, False, False, True)
    assert w, "an isolated, lonely elder with low agency withdraws"
    assert e < 0.30 and lon > 0.55


def test_helping_others_lifts_a_withdrawn_elder_out():
    e, lon, w = weeks_of(26, 0.20, 0.70, True, True, True, True, False)
    assert not w
    assert e > P.reengage_efficacy and lon < 0.70


def _low_agency_elder(model):
    pop = model.population
    candidates = np.flatnonzero(pop.is_elder & (pop.age <= 70) & (pop.frailty < 0.3)
                                & (pop.living == ALONE) & ~pop.helper)
    return int(candidates[0])


def test_in_the_model_an_elder_cut_off_from_ties_withdraws():
    model = VillageModel(seed=4, residents=300)
    i = _low_agency_elder(model)
    model.ties.cut_ties_of([i])
    model.population.efficacy[i] = 0.30
    model.population.loneliness[i] = 0.55
    model.run(26)
    assert model.population.withdrawn[i]
    assert model.population.efficacy[i] < 0.30


def test_in_the_model_an_elder_who_helps_recovers_agency():
    """Controlled comparison: the same elder, same seed, helper or not."""
    results = {}
    for helps in (False, True):
        model = VillageModel(seed=4, residents=300)
        i = _low_agency_elder(model)
        pop = model.population
        pop.efficacy[i], pop.loneliness[i] = 0.30, 0.30
        if helps:
            model.enlist_helpers(np.array([i]))
            pop.hours_capacity[i] = 10.0
        model.run(26)
        results[helps] = (pop.efficacy[i], pop.hours_given[i])
    assert results[True][1] > 0, "the helper was asked and gave help"
    assert results[True][0] > results[False][0] + 0.1
    assert results[True][0] > 0.30
