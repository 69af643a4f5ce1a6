"""The equity table: needs met and unmet by group of elders, for a run and over replicates."""

import math

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments.compare import compare
from villageaid.scenarios import Scenario
from villageaid.sim.equity import (
    AGE, CLAN, EQUITY_COLUMNS, FRAILTY, LIVING, ORDERED, SEX, concentration_index,
    equity_table,
)
from villageaid.sim.params import make_params
from villageaid.sim.population import ALONE
from villageaid.sim.run import run_village
from villageaid.sim.streams import RandomStreams
from villageaid.sim.village import build_village

SHARES = ("share_met", "share_unmet", "share_withdrawn", "mean_loneliness")


@pytest.fixture(scope="module")
def run():
    return run_village(make_params(residents=200), seed=3, years=1, keep_model=True)


def test_every_grouping_and_the_groups_add_up_to_the_elders(run):
    table = run.equity
    assert list(table.columns) == list(EQUITY_COLUMNS)
    assert list(table.grouping.unique()) == [LIVING, FRAILTY, AGE, SEX, CLAN]
    # the elders living in the village at the end and those who died there aged 60+
    pop = run.model.population
    died = ~pop.alive & (pop.age_at_death >= 60)
    elders = run.summary["elders"] + int(died.sum())
    arisen = int(run.agents.loc[run.agents.kind == "elder", "needs_arisen"].sum()
                 + pop.needs_arisen[died].sum())
    for _, rows in table.groupby("grouping"):
        assert rows.elders.sum() == elders
        assert rows.needs_arisen.sum() == arisen
    assert set(table[table.grouping == SEX].group) == {"female", "male"}
    assert list(table[table.grouping == AGE].group) == ["60-69", "70-79", "80+"]
    assert "alone" in set(table[table.grouping == LIVING].group)


def test_shares_lie_in_0_1_and_the_grouping_figures(run):
    table = run.equity
    for column in SHARES:
        values = table[column].dropna()
        assert ((values >= 0) & (values <= 1)).all(), column
    ok = table.needs_arisen > 0
    assert np.allclose(table.share_met[ok] + table.share_unmet[ok], 1.0)
    for grouping, rows in table.groupby("grouping"):
        assert rows.unmet_ratio.nunique() == 1 and (rows.unmet_ratio >= 1).all()
        ci = rows.concentration_index
        if grouping in ORDERED:
            assert ci.notna().all() and (ci.abs() <= 1).all()
        else:
            assert ci.isna().all()


def _hand_made(seed=0):
    """A village whose elders living alone had every need unmet, the others half."""
    pop, _ = build_village(make_params(residents=200), RandomStreams(seed))
    E = int(pop.is_elder.sum())
    alone = pop.is_elder & (pop.living == ALONE)
    pop.needs_arisen[:E] = 4
    pop.needs_met[:E] = np.where(alone[:E], 0, 2)
    return pop, alone


def test_elders_living_alone_with_every_need_unmet():
    pop, alone = _hand_made()
    table = equity_table(pop)
    living = table[table.grouping == LIVING].set_index("group")
    assert living.loc["alone", "share_unmet"] == 1.0
    assert living.loc["alone", "elders"] == alone.sum()
    assert living.loc["with family", "share_unmet"] == 0.5
    assert living.loc["alone", "worst_group"] == "alone"
    assert living.loc["alone", "unmet_ratio"] == 2.0
    # the others with every need met: the ratio is infinite, and best_group says which
    E = int(pop.is_elder.sum())
    pop.needs_met[:E] = np.where(alone[:E], 0, 4)
    living = equity_table(pop).query("grouping == @LIVING").set_index("group")
    assert math.isinf(living.loc["alone", "unmet_ratio"])
    assert living.loc["alone", "best_group"] in ("couple only", "with family")


def test_concentration_index():
    # unmet needs spread like the people: 0; all in the last group: 1 - f_last
    assert concentration_index([10, 10], [5, 5]) == pytest.approx(0.0)
    assert concentration_index([10, 10], [0, 8]) == pytest.approx(0.5)
    assert concentration_index([10, 10], [8, 0]) == pytest.approx(-0.5)
    assert math.isnan(concentration_index([10, 10], [0, 0]))


def test_the_cli_run_writes_equity_csv(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", "--years", "1", "--residents", "120", "--seed", "2", "--no-plot",
                 "--out", str(out)]) == 0
    assert "equity" in capsys.readouterr().out
    table = pd.read_csv(out / "equity.csv")
    assert {LIVING, FRAILTY, AGE, SEX, CLAN} <= set(table.grouping)
    agents = pd.read_csv(out / "agents.csv")
    timeseries = pd.read_csv(out / "timeseries.csv")
    # the elders at the end, and those of the dead who died aged 60+
    here = ((agents.kind == "elder") & (agents.status == "living here")).sum()
    counted = table[table.grouping == SEX].elders.sum()
    assert here <= counted <= here + timeseries.deaths.sum()


def test_compare_writes_equity_csv_with_intervals_in_0_1(tmp_path):
    base = Scenario(name="base", years=1).with_params(residents=150)
    teams = Scenario(name="teams", years=1, interventions=(("teams", {}),)).with_params(
        residents=150)
    comparison = compare([base, teams], replicates=3, seed=0)
    paths = comparison.save(tmp_path / "cmp")
    table = pd.read_csv(paths["equity"])
    assert set(table.scenario) == {"base", "teams"}
    assert {LIVING, FRAILTY, AGE, SEX, CLAN} <= set(table.grouping)
    shares = table[table.figure.isin(SHARES) & table.low.notna()]
    assert len(shares) and (shares[["mean", "low", "high"]] >= 0).all().all()
    assert (shares[["mean", "low", "high"]] <= 1).all().all()
    assert (shares.low <= shares["mean"]).all() and (shares["mean"] <= shares.high).all()
    ci = table[table.figure == "concentration_index"]
    assert set(ci.grouping) == set(ORDERED)


def test_the_sex_stream_changes_no_other_draw():
    """The population with its sex left out is what the village was before sex was drawn:
    every other attribute comes from streams the new one does not touch."""
    import villageaid.sim.attributes as attributes

    params = make_params(residents=150, villages=2)
    pop, ties = build_village(params, RandomStreams(4))
    original = attributes.sex_draw
    try:
        attributes.sex_draw = lambda rng, is_elder, *a: np.zeros(len(is_elder), bool)
        bare, bare_ties = build_village(params, RandomStreams(4))
    finally:
        attributes.sex_draw = original
    for name in vars(pop):
        if name != "female":
            np.testing.assert_array_equal(getattr(pop, name), getattr(bare, name), name)
    np.testing.assert_array_equal(ties.a, bare_ties.a)
    # and with demography held fixed (deaths depend on sex) the run's tables are those
    # of the same village without the sex column
    fixed = params.replace(demography=0)
    a = run_village(fixed, seed=4, years=1)
    try:
        attributes.sex_draw = lambda rng, is_elder, *a: np.ones(len(is_elder), bool)
        b = run_village(fixed, seed=4, years=1)
    finally:
        attributes.sex_draw = original
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries, check_exact=True)
    pd.testing.assert_frame_equal(a.agents.drop(columns="female"),
                                  b.agents.drop(columns="female"), check_exact=True)
    assert a.summary["headline"] == b.summary["headline"]


def test_women_and_couples():
    pop, _ = build_village(make_params(residents=1000), RandomStreams(1))
    elders = pop.is_elder
    assert 0.45 < pop.female[elders].mean() < 0.6
    assert 0.42 < pop.female[~elders].mean() < 0.56
    couple = np.flatnonzero(elders & (pop.living == 1))
    for h in np.unique(pop.household[couple]):
        members = couple[pop.household[couple] == h]
        assert len(members) == 2 and pop.female[members].sum() == 1
