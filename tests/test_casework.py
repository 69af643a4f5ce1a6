"""Casework raises the agency of the elders it treats (controlled, same seed)."""

import numpy as np

from villageaid.sim.interventions import Casework
from villageaid.sim.model import VillageModel


def test_treated_elders_gain_agency_against_the_same_elders_untreated():
    treated = VillageModel(seed=9, residents=300,
                           interventions=[Casework(caseload=20)]).run(26)
    cases = treated.interventions[0].case_until >= 0
    assert cases.sum() == 20
    control = VillageModel(seed=9, residents=300).run(26)
    gain = treated.population.efficacy[cases] - control.population.efficacy[cases]
    assert gain.mean() > 0.1
    lonely = treated.population.loneliness[cases] - control.population.loneliness[cases]
    assert lonely.mean() < 0


def test_an_empty_budget_runs_casework_at_reduced_scale():
    broke = VillageModel(seed=9, residents=300, grant=0.0, donations=0.0,
                         interventions=[Casework()]).run(4)
    casework = broke.interventions[0]
    assert casework.paid_share == 0.0 and casework.shortfall_weeks == 4
    assert not (casework.case_until >= 0).any()
    assert np.all(broke.timeseries.to_frame()["spent"] == 0)
