"""Each shock shows in the curves, in its own weeks, against the same village without it."""

import pytest

from villageaid.sim.model import VillageModel
from villageaid.sim.params import ParameterError
from villageaid.sim.shocks import SHOCKS, make_shock

WEEK = 30


def pair(kind, weeks=60, **settings):
    settings.setdefault("week", WEEK)
    base = VillageModel(seed=5, residents=300).run(weeks)
    shocked = VillageModel(seed=5, residents=300, shocks=[make_shock(kind, **settings)]).run(weeks)
    return base, shocked, base.timeseries.to_frame(), shocked.timeseries.to_frame()


def before(ts):
    return ts.iloc[: WEEK - 1]


def during(ts, duration=8):
    return ts.iloc[WEEK - 1: WEEK - 1 + duration]


@pytest.mark.parametrize("kind", sorted(SHOCKS))
def test_nothing_changes_before_the_shock(kind):
    _, _, base, shocked = pair(kind)
    assert before(base).equals(before(shocked))


def test_cold_wave_raises_needs_while_it_lasts():
    _, _, base, shocked = pair("cold_wave", severity=0.8)
    # elders with a functional limitation need daily-living care every week: the cold
    # wave raises how many hours it takes, and brings needs to others
    assert during(shocked)["needs"].sum() > 1.2 * during(base)["needs"].sum()
    assert (during(shocked)["need_hours_daily"].sum()
            > 2 * during(base)["need_hours_daily"].sum())
    assert during(shocked)["unmet_hours"].sum() > 1.3 * during(base)["unmet_hours"].sum()


def test_epidemic_raises_chronic_needs_and_cuts_helpers_hours():
    _, _, base, shocked = pair("epidemic", severity=0.8)
    assert during(shocked)["needs_chronic"].sum() > 2 * during(base)["needs_chronic"].sum()
    # while it lasts, no helper gives more than their hours cut by severity / 2
    model = VillageModel(seed=5, residents=300,
                         shocks=[make_shock("epidemic", week=WEEK, severity=0.8)]).run(WEEK)
    week, pop = model.this_week, model.population
    assert week.hours_factor == pytest.approx(0.6)
    assert (week.help.hours <= pop.hours_capacity * 0.6 + 1e-9).all()


def test_out_migration_takes_working_age_residents_and_their_ties():
    base, shocked, _, _ = pair("out_migration", severity=0.5)
    left = base.population.present & ~shocked.population.present & shocked.population.alive
    assert left.sum() > 0.3 * (base.population.present & ~base.population.is_elder).sum()
    # working-age when they left (60 weeks: at most a year older now)
    assert (shocked.population.age[left] <= 60).all()
    assert shocked.ties.size < base.ties.size
    assert shocked.ties.degree[left].sum() == 0


def test_funding_cut_empties_the_budget():
    _, _, base, shocked = pair("funding_cut", severity=1.0, duration=60)
    assert during(shocked)["budget_balance"].max() == 0.0
    assert during(base)["budget_balance"].min() > 0.0


def test_losing_key_volunteers_removes_the_most_active_helpers():
    base, shocked, b, s = pair("volunteer_loss", severity=0.3)
    assert s["helpers_active"].iloc[WEEK - 1] < 0.8 * b["helpers_active"].iloc[WEEK - 1]
    gone = base.population.present & ~shocked.population.present & shocked.population.alive
    hours = base.population.hours_given
    assert hours[gone].mean() > hours[base.population.helper].mean()


def test_shock_settings_are_checked():
    with pytest.raises(ParameterError, match="cold_wave.severity"):
        make_shock("cold_wave", severity=2)
    with pytest.raises(ParameterError, match="shock kind"):
        make_shock("tsunami")
