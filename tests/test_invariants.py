"""Invariants over many seeds and parameter draws: shares in [0, 1], no NaN, nothing negative."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from villageaid.sim.params import make_params
from villageaid.sim.run import run_village

SHARES = ["coverage", "share_giving", "share_receiving", "share_withdrawn", "participation",
          "willing", "mean_efficacy", "mean_loneliness", "mean_burnout", "mean_trust",
          "credibility", "cohesion"]

draws = st.fixed_dictionaries({
    "residents": st.integers(40, 250),
    "villages": st.integers(1, 3),
    "elder_share": st.floats(0.1, 0.9),
    "helper_share_elder": st.floats(0.0, 1.0),
    "kin_hours": st.floats(0.0, 5.0),
    "need_company": st.floats(0.0, 1.0),
    "burnout_load": st.floats(0.0, 0.5),
    "grant_cv": st.floats(0.0, 2.0),
    "tie_formation": st.floats(0.0, 0.05),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=draws, seed=st.integers(0, 2**32 - 1))
def test_invariants_hold(values, seed):
    result = run_village(make_params(**values), seed=seed, years=1, keep_model=True)
    ts, pop = result.timeseries, result.model.population
    assert not ts.isna().any().any()
    for col in SHARES:
        assert ts[col].between(0.0, 1.0).all(), col
    assert (ts["met"] <= ts["needs"]).all()
    channels = ts[["met_by_family", "met_by_informal", "met_by_team", "met_by_matched"]]
    assert (channels.sum(axis=1) == ts["met"]).all()
    types = ts[["met_daily", "met_company", "met_chronic", "met_emergency"]]
    assert (types.sum(axis=1) == ts["met"]).all()
    assert (ts["budget_balance"] >= 0).all() and (ts["spent"] >= 0).all()
    assert (ts["hours_given"] >= 0).all()
    assert (pop.hours_given >= 0).all() and (pop.needs_met <= pop.needs_arisen).all()
    for name in ("efficacy", "loneliness", "trust", "burnout", "motivation"):
        values_ = getattr(pop, name)
        assert np.isfinite(values_).all() and (values_ >= 0).all() and (values_ <= 1).all()
    assert not (pop.withdrawn & ~pop.is_elder).any()
    assert (result.model.ties.strength > 0).all() and (result.model.ties.strength <= 1).all()
