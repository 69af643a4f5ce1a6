"""The village over a life course: demography, care needs in hours and their
consequences, and elders who become helpers (and helpers who stop) on their own."""

import numpy as np
import pytest

from villageaid.sim import demography
from villageaid.sim.model import VillageModel
from villageaid.sim.params import make_params
from villageaid.sim.population import ALONE, COUPLE, DAILY
from villageaid.sim.attributes import mean_frailty

SMALL = dict(residents=300)


@pytest.fixture(scope="module")
def twenty_years():
    model = VillageModel(seed=3, years=20, **SMALL)
    model.run(20 * 52)
    return model, model.timeseries.to_frame()


def test_twenty_years_renew_the_village(twenty_years):
    model, ts = twenty_years
    pop = model.population
    for column in ("deaths", "widowed", "new_elders", "left", "returned", "joined",
                   "stopped_helping"):
        assert ts[column].sum() > 0, column
    elders = pop.present & pop.is_elder
    assert (pop.age[elders] < 65).mean() >= 0.10  # new cohorts
    assert (pop.age[elders] >= 90).mean() < 0.10  # deaths
    assert ts["residents"].iloc[-1] == pop.present.sum()


def test_elders_stay_the_first_residents(twenty_years):
    model, _ = twenty_years
    pop = model.population
    assert model.n_elders == pop.is_elder.sum()
    assert pop.is_elder[: model.n_elders].all() and not pop.is_elder[model.n_elders:].any()
    assert np.all(np.diff(pop.age) <= 0)  # oldest first, the dead ageing along
    assert (pop.age[pop.alive & pop.is_elder] >= 60).all()


def test_the_dead_are_gone_and_keep_their_age_at_death(twenty_years):
    model, ts = twenty_years
    pop = model.population
    dead = ~pop.alive
    assert dead.sum() == ts["deaths"].sum()
    assert not pop.present[dead].any() and not pop.helper[dead].any()
    assert (pop.age_at_death[dead] <= pop.age[dead]).all()
    assert len(model.agents) == 1 + pop.present.sum()  # the committee and those living here
    # those who turned 60 are Elders now, those who came home have an agent again
    from villageaid.agents import Elder, WorkingAgeResident
    for i in np.flatnonzero(pop.present):
        assert isinstance(model.residents[i], Elder if pop.is_elder[i] else WorkingAgeResident)


def test_death_rate_is_the_life_tables_at_the_mean_frailty():
    p = make_params()
    rng = np.random.default_rng(0)
    for age in (62, 75, 88):
        m = mean_frailty(np.array([age]))[0]
        frailty = rng.beta(m * 6, (1 - m) * 6, 200_000)
        rate = demography.death_rate(p, np.full(len(frailty), age), np.zeros(len(frailty), bool),
                                     frailty).mean()
        expected = p.mortality_men_62 * np.exp(p.mortality_growth * (age - 62))
        assert rate == pytest.approx(expected, rel=0.02)
    # frailer than one's age group dies faster
    frail = demography.death_rate(p, np.array([75]), np.array([True]), np.array([0.6]))
    robust = demography.death_rate(p, np.array([75]), np.array([True]), np.array([0.1]))
    assert frail[0] > 4 * robust[0]


def test_a_spouse_dying_leaves_the_other_alone():
    model = VillageModel(seed=1, years=1, **SMALL)
    pop = model.population
    couple = np.flatnonzero(pop.present & pop.is_elder & (pop.living == COUPLE))
    first = couple[0]
    spouse = couple[(pop.household[couple] == pop.household[first]) & (couple != first)][0]
    widowed = demography.die(pop, np.array([first]))
    assert widowed == 1
    assert pop.living[spouse] == ALONE and not pop.present[first]


def test_unmet_daily_care_carries_into_next_week():
    model = VillageModel(seed=2, years=1, **SMALL)
    model.step()
    hw = model.last_help
    backlog = model.population.daily_backlog[: model.n_elders]
    np.testing.assert_allclose(backlog, model.params.unmet_daily_carryover
                               * hw.need_left[:, DAILY])
    assert backlog.sum() > 0


def test_unmet_chronic_care_makes_elders_frailer():
    def frailty(rate):
        m = VillageModel(seed=4, years=2, unmet_chronic_frailty=rate, **SMALL).run(52)
        return m.population.frailty[m.population.present & m.population.is_elder].mean()

    assert frailty(0.05) > frailty(0.0) + 0.01


def test_need_hours_are_at_survey_scale():
    ts = VillageModel(seed=5, years=2, **SMALL).run(104).timeseries.to_frame()
    per_elder = (ts["need_hours"] / ts["elders"]).mean()
    assert 2 <= per_elder <= 20
    assert (ts["met_hours_at_home"] > 0).all()
    # hours met and unmet add up to the hours needed
    np.testing.assert_allclose(ts["met_hours"] + ts["unmet_hours"], ts["need_hours"])


def test_helpers_who_grow_frail_stop_and_capable_elders_join():
    model = VillageModel(seed=6, years=3)
    pop = model.population
    helper = np.flatnonzero(pop.helper & pop.present & pop.is_elder)[0]
    pop.frailty[helper] = 0.9
    model.run(53)  # into the second year: the year's review of who is fit
    assert not pop.helper[helper]
    ts = model.timeseries.to_frame()
    assert ts["joined"].sum() > 0
    assert ts["stopped_helping"].sum() >= 1


def test_no_one_joins_without_a_restored_sense_of_agency():
    def joined(efficacy):
        # no gains from helping kin or being asked: efficacy stays where it is set
        model = VillageModel(seed=6, years=2, efficacy_gain_give=0.0, efficacy_gain_asked=0.0,
                             **SMALL)
        model.population.efficacy[:] = efficacy
        model.population.efficacy_base[:] = efficacy
        return model.run(104).timeseries.to_frame()["joined"].sum()

    assert joined(0.3) == 0  # below join_efficacy (0.6)
    assert joined(0.9) > 0


def test_demography_held_fixed_holds_the_population():
    model = VillageModel(seed=7, years=3, demography=0, **SMALL).run(3 * 52)
    ts = model.timeseries.to_frame()
    assert ts["deaths"].sum() == ts["new_elders"].sum() == ts["left"].sum() == 0
    assert ts["residents"].nunique() == 1


def test_with_demography_fixed_the_first_year_and_the_tenth_agree():
    """The warm-up leaves no transient: with demography held fixed, year 1's and year
    10's means differ by less than twice the replicates' spread of that difference."""
    firsts, tenths = [], []
    for seed in range(4):
        ts = VillageModel(seed=seed, years=10, demography=0).run(520).timeseries.to_frame()
        year = (ts["week"] - 1) // 52
        firsts.append(ts[year == 0].mean())
        tenths.append(ts[year == 9].mean())
    for column in ("coverage", "participation", "helpers_active", "share_withdrawn"):
        diff = np.array([t[column] - f[column] for f, t in zip(firsts, tenths)])
        spread = np.std([f[column] for f in firsts] + [t[column] for t in tenths], ddof=1)
        assert abs(diff.mean()) <= 2 * max(spread, 1e-9), column


def test_living_alone_acts_every_week_through_company_at_home():
    model = VillageModel(seed=8, years=3).run(3 * 52)
    pop, E = model.population, model.n_elders
    here = pop.present[:E]
    alone = here & (pop.living[:E] == ALONE)
    others = here & (pop.living[:E] != ALONE)
    assert pop.loneliness[:E][alone].mean() > 1.5 * pop.loneliness[:E][others].mean()
    no_home = VillageModel(seed=8, years=3, household_contact=0.0).run(3 * 52).population
    assert (no_home.loneliness[:E][others].mean()
            > pop.loneliness[:E][others].mean())
