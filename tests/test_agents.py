"""Mesa agents are a live view of the model's arrays."""

from villageaid.agents import Elder, ElderState, SocialWorker, VillageCommittee, WorkingAgeResident
from villageaid.sim.interventions import Casework
from villageaid.sim.model import VillageModel


def test_agents_cover_every_resident_and_read_the_arrays():
    model = VillageModel(seed=1, residents=200)
    elders = model.agents_by_type[Elder]
    adults = model.agents_by_type[WorkingAgeResident]
    pop = model.population
    # one agent per resident living in the village (not the villagers living away)
    assert len(elders) + len(adults) == pop.present.sum() == 200
    assert len(elders) == (pop.present & pop.is_elder).sum()
    assert all((r is None) == (not pop.present[i]) for i, r in enumerate(model.residents))
    elder = model.residents[0]
    assert isinstance(elder, Elder) and elder.age >= 60
    elder.efficacy = 0.123
    assert model.population.efficacy[0] == 0.123
    elder.withdrawn = True
    assert elder.state is ElderState.WITHDRAWN
    assert set(elder.ties) == set(model.ties.nbr[model.ties.indptr[0]:model.ties.indptr[1]])
    assert len(model.agents_by_type[VillageCommittee]) == 1


def test_social_workers_share_the_caseload_and_cost_money():
    casework = Casework(workers=2, caseload=10)
    model = VillageModel(seed=1, residents=300, interventions=[casework]).run(4)
    workers = list(model.agents_by_type[SocialWorker])
    assert len(workers) == 2
    cases = [set(w.cases) for w in workers]
    # full caseloads, less a case whose elder died this month
    assert 9 <= len(cases[0]) <= 10 and 9 <= len(cases[1]) <= 10
    assert not (cases[0] & cases[1])
    ts = model.timeseries.to_frame()
    # paid in full at first; then, as two workers cost more than the year's income
    # allows, at the share the committee can spread through the year
    spent = ts["spent_casework"]
    assert spent.iloc[0] == 2 * casework.cost_per_worker
    assert ((spent > 0) & (spent <= 2 * casework.cost_per_worker)).all()


def test_network_space_builds_without_a_layout():
    model = VillageModel(seed=1, residents=100)
    grid = model.grid
    assert len(grid.all_cells) == model.population.size
