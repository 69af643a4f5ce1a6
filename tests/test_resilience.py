"""Resilience figures on hand-made curves whose answers are known by hand."""

import json

import numpy as np
import pandas as pd
import pytest

from villageaid.sim.resilience import (
    LAYERS,
    RESPONSE_WEEKS,
    layered_resilience,
    performance_curve,
    resilience,
    shock_window,
)

PLAIN = (int, float, bool, type(None))


def assert_plain(figs):
    for key, value in figs.items():
        assert type(value) in PLAIN, f"{key}: {type(value).__name__} is not a plain type"
    json.dumps(figs)


def v_curve(top=0.8, bottom=0.5, shock=21, back=10, weeks=70):
    """`top` for weeks 1 .. shock-1, `bottom` at the shock, linear back to `top` over `back` weeks."""
    q = np.full(weeks, top)
    q[shock - 1: shock + back] = np.linspace(bottom, top, back + 1)
    return q


# ---------------------------------------------------------------- resilience


def test_flat_curve_has_no_loss_and_recovers_at_once():
    figs = resilience(np.full(60, 0.7), 31)
    assert figs["pre_level"] == pytest.approx(0.7)
    assert figs["depth"] == 0.0
    assert figs["trough_week"] == 31
    assert figs["recovered"] is True
    assert figs["recovery_weeks"] == 0
    assert figs["area_lost"] == 0.0
    assert figs["post_level"] == pytest.approx(0.7)
    assert figs["transformative"] == pytest.approx(0.0)
    assert_plain(figs)


def test_v_shaped_drop():
    # Weeks 21..31: 0.50, 0.53, ..., 0.77, 0.80. Losses weeks 21..30: 0.30, 0.27, ..., 0.03.
    figs = resilience(v_curve(), 21)
    assert figs["pre_level"] == pytest.approx(0.8)
    assert figs["depth"] == pytest.approx(0.3)
    assert figs["trough_week"] == 21
    assert figs["recovered"] is True
    # Week 30 is 0.77, 0.03 short (> 0.02); week 31 is back at 0.80.
    assert figs["recovery_weeks"] == 10
    assert figs["area_lost"] == pytest.approx(0.03 * sum(range(1, 11)))   # 1.65
    assert figs["post_level"] == pytest.approx(0.8)
    assert figs["transformative"] == pytest.approx(0.0)
    assert_plain(figs)


def test_drop_that_never_recovers():
    q = np.r_[np.full(30, 0.8), np.full(30, 0.6)]
    figs = resilience(q, 31)
    assert figs["depth"] == pytest.approx(0.2)
    assert figs["recovered"] is False
    assert figs["recovery_weeks"] is None
    assert figs["area_lost"] == pytest.approx(0.2 * 30)   # weeks 31..60
    assert figs["post_level"] == pytest.approx(0.6)
    assert figs["transformative"] == pytest.approx(-0.2)
    assert_plain(figs)


def test_horizon_cuts_the_area_and_the_post_level():
    q = np.r_[np.full(30, 0.8), np.full(30, 0.6)]
    figs = resilience(q, 31, horizon=40, baseline_weeks=5)
    assert figs["horizon"] == 40
    assert figs["area_lost"] == pytest.approx(0.2 * 10)   # weeks 31..40
    assert figs["pre_level"] == pytest.approx(0.8)
    assert figs["post_level"] == pytest.approx(0.6)
    # Horizon less than baseline_weeks after the shock: post-level uses weeks 31..40 only.
    short = resilience(q, 31, horizon=40, baseline_weeks=26)
    assert short["pre_level"] == pytest.approx(0.8)
    assert short["post_level"] == pytest.approx(0.6)
    assert short["transformative"] == pytest.approx(-0.2)


def test_curve_that_ends_higher_is_transformative():
    q = np.r_[np.full(30, 0.6), np.full(4, 0.4), np.full(40, 0.8)]
    figs = resilience(q, 31)
    assert figs["pre_level"] == pytest.approx(0.6)
    assert figs["depth"] == pytest.approx(0.2)
    assert figs["recovered"] is True
    assert figs["recovery_weeks"] == 4                    # weeks 31..34 low, back at 35
    assert figs["area_lost"] == pytest.approx(0.2 * 4)
    assert figs["post_level"] == pytest.approx(0.8)
    assert figs["transformative"] == pytest.approx(0.2)
    assert figs["transformative"] > 0


def test_baseline_uses_only_the_weeks_before_the_shock():
    q = np.r_[np.full(10, 0.2), np.full(10, 0.9), np.full(10, 0.9)]
    assert resilience(q, 21, baseline_weeks=10)["pre_level"] == pytest.approx(0.9)
    assert resilience(q, 21, baseline_weeks=20)["pre_level"] == pytest.approx(0.55)
    # An early shock: fewer baseline weeks (weeks 1..4).
    assert resilience(q, 5, baseline_weeks=26)["pre_level"] == pytest.approx(0.2)


def test_tolerance_is_respected():
    # Same V: with tolerance 0.05, week 30 (0.77, 0.03 short) counts as recovered.
    figs = resilience(v_curve(), 21, tolerance=0.05)
    assert figs["recovery_weeks"] == 9
    assert figs["area_lost"] == pytest.approx(0.03 * sum(range(2, 11)))  # 1.62
    # A curve that settles 0.03 below: not recovered at 0.02, recovered at 0.03 (edge counts).
    q = np.r_[np.full(30, 0.8), np.full(3, 0.5), np.full(27, 0.77)]
    assert resilience(q, 31, tolerance=0.02)["recovered"] is False
    at_edge = resilience(q, 31, tolerance=0.03)
    assert at_edge["recovered"] is True and at_edge["recovery_weeks"] == 3
    assert resilience(q, 31, tolerance=0.0)["recovered"] is False


def test_recovery_must_hold_four_weeks():
    # Back for 3 weeks (34..36), down again 37..38, back for good from 39.
    q = np.r_[np.full(30, 0.8), np.full(3, 0.5), np.full(3, 0.8), np.full(2, 0.6),
              np.full(22, 0.8)]
    figs = resilience(q, 31)
    assert figs["recovery_weeks"] == 8
    assert figs["area_lost"] == pytest.approx(0.3 * 3 + 0.2 * 2)
    # Recovery at the very end needs its 4 weeks inside the horizon.
    tail = np.r_[np.full(30, 0.8), np.full(5, 0.5), np.full(3, 0.8)]
    assert resilience(tail, 31)["recovered"] is False
    assert resilience(np.r_[tail, 0.8], 31)["recovery_weeks"] == 5


def test_recovery_is_counted_from_the_deepest_trough():
    # A shallow dip and return, then a deeper trough at week 45.
    q = np.r_[np.full(30, 0.8), np.full(4, 0.7), np.full(10, 0.8), np.full(2, 0.4),
              np.full(14, 0.8)]
    figs = resilience(q, 31)
    assert figs["trough_week"] == 45
    assert figs["depth"] == pytest.approx(0.4)
    assert figs["recovery_weeks"] == 16                   # back at week 47
    assert figs["area_lost"] == pytest.approx(0.1 * 4 + 0.4 * 2)


def test_a_later_dip_outside_the_response_window_is_not_the_shock():
    # The shock: 0.05 down for 4 weeks from week 31. Two years on, a chance dip of
    # 0.1 (noise, as in a run measured against its twin).
    q = np.r_[np.full(30, 0.8), np.full(4, 0.75), np.full(100, 0.8), np.full(3, 0.7),
              np.full(20, 0.8)]
    whole = resilience(q, 31)
    assert whole["trough_week"] == 135 and whole["recovery_weeks"] == 107  # years
    figs = resilience(q, 31, window=30)
    assert figs["trough_week"] == 31
    assert figs["depth"] == pytest.approx(0.05)
    assert figs["recovery_weeks"] == 4
    assert figs["area_lost"] == pytest.approx(0.05 * 4)
    assert figs["transformative"] == pytest.approx(whole["transformative"])
    # a window past the horizon is the horizon; within it, the deepest trough counts
    assert resilience(q, 31, window=10_000) == whole
    assert resilience(q, 31, window=1)["trough_week"] == 31


def test_shock_window_runs_to_the_last_shock_end_plus_the_response_weeks():
    assert shock_window([{"week": 105, "duration": 8}]) == 8 + RESPONSE_WEEKS
    assert shock_window([{"week": 200, "duration": 4}, {"week": 105, "duration": 8}]) \
        == (203 - 105 + 1) + RESPONSE_WEEKS
    with pytest.raises(ValueError, match="^shocks:"):
        shock_window([])


def test_relative_tolerance_scales_with_the_pre_level():
    q = np.r_[np.full(30, 100.0), np.full(3, 50.0), np.full(27, 99.0)]
    assert resilience(q, 31)["recovered"] is False                   # 1 tie short > 0.02
    rel = resilience(q, 31, relative=True)                           # band 2 ties
    assert rel["recovered"] is True and rel["recovery_weeks"] == 3


@pytest.mark.parametrize("kwargs, arg", [
    (dict(q=[], shock_week=1), "q"),
    (dict(q=[0.5, float("nan"), 0.5], shock_week=2), "q"),
    (dict(q=[[0.5, 0.5]], shock_week=1), "q"),
    (dict(q=["a", "b"], shock_week=2), "q"),
    (dict(q=[0.5] * 10, shock_week=0), "shock_week"),
    (dict(q=[0.5] * 10, shock_week=11), "shock_week"),
    (dict(q=[0.5] * 10, shock_week=1), "shock_week"),
    (dict(q=[0.5] * 10, shock_week=3.5), "shock_week"),
    (dict(q=[0.5] * 10, shock_week=5, baseline_weeks=0), "baseline_weeks"),
    (dict(q=[0.5] * 10, shock_week=5, tolerance=-0.1), "tolerance"),
    (dict(q=[0.5] * 10, shock_week=5, tolerance=float("nan")), "tolerance"),
    (dict(q=[0.5] * 10, shock_week=5, horizon=4), "horizon"),
    (dict(q=[0.5] * 10, shock_week=5, horizon=11), "horizon"),
    (dict(q=[0.5] * 10, shock_week=5, window=0), "window"),
    (dict(q=[0.5] * 10, shock_week=5, window=2.5), "window"),
])
def test_bad_inputs_raise_naming_the_argument(kwargs, arg):
    q = kwargs.pop("q")
    with pytest.raises(ValueError, match=rf"^{arg}:"):
        resilience(q, **kwargs)


def test_nan_message_names_the_week():
    with pytest.raises(ValueError, match=r"week\(s\) \[3\]"):
        resilience([0.5, 0.5, float("nan"), 0.5], 2)


# ---------------------------------------------------------------- performance curve


def frame(**cols):
    n = len(next(iter(cols.values())))
    return pd.DataFrame({"week": np.arange(1, n + 1), **cols})


def test_smoothing_is_a_trailing_mean():
    ts = frame(coverage=[0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0])
    assert performance_curve(ts, smooth=4).tolist() == pytest.approx(
        [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0])
    assert performance_curve(ts, smooth=1).tolist() == ts["coverage"].tolist()
    # The first weeks average the weeks there are.
    ts2 = frame(coverage=[1.0, 3.0, 5.0, 7.0, 9.0])
    assert performance_curve(ts2, smooth=4).tolist() == pytest.approx([1.0, 2.0, 3.0, 4.0, 6.0])


def test_smoothing_does_not_move_the_pre_level():
    cov = np.r_[np.full(40, 0.7), np.full(10, 0.3), np.full(30, 0.7)]
    ts = frame(coverage=cov)
    q = performance_curve(ts, smooth=4)
    assert np.allclose(q[:40], 0.7)                       # flat part unchanged
    figs = resilience(q, 41)
    assert figs["pre_level"] == pytest.approx(0.7)
    assert figs["depth"] == pytest.approx(0.4)           # smoothed trough reaches 0.3
    assert figs["trough_week"] == 44                     # lagged by smooth - 1 weeks
    # Area is preserved by a trailing mean: 0.4 x 10 weeks.
    assert figs["area_lost"] == pytest.approx(0.4 * 10)


def test_performance_curve_orders_by_week_and_checks_it():
    ts = frame(coverage=[0.1, 0.2, 0.3]).iloc[::-1]
    assert performance_curve(ts, smooth=1).tolist() == pytest.approx([0.1, 0.2, 0.3])
    gap = pd.DataFrame({"week": [1, 2, 4], "coverage": [0.1, 0.2, 0.3]})
    with pytest.raises(ValueError, match="^ts:"):
        performance_curve(gap)


@pytest.mark.parametrize("ts, kwargs, arg", [
    (frame(coverage=[0.5, 0.5]), dict(column="nope"), "column"),
    (frame(coverage=[0.5, 0.5]), dict(smooth=0), "smooth"),
    (frame(coverage=[0.5, float("nan")]), {}, r"ts\['coverage'\]"),
    (pd.DataFrame({"week": [], "coverage": []}), {}, "ts"),
    ([0.5, 0.5], {}, "ts"),
])
def test_performance_curve_bad_inputs(ts, kwargs, arg):
    with pytest.raises(ValueError, match=rf"^{arg}:"):
        performance_curve(ts, **kwargs)


# ---------------------------------------------------------------- layers


def synthetic_run(teams=True, weeks=60, shock=31):
    pre, n = shock - 1, weeks - shock + 1
    drop = lambda a, b, k: np.r_[np.full(pre, a), np.full(k, b), np.full(n - k, a)]  # noqa: E731
    return pd.DataFrame({
        "week": np.arange(1, weeks + 1),
        "mean_efficacy": drop(0.6, 0.5, 5),
        "team_retention": drop(1.0, 0.75, 6) if teams else np.zeros(weeks),
        "ties_used": drop(200.0, 100.0, 3),
        "coverage": drop(0.8, 0.6, 4),
        "cohesion": np.r_[np.full(pre, 0.5), np.full(n, 0.7)],
        "coverage_alone": drop(0.8, 0.4, 2),               # equity 1 -> 0.6 for 2 weeks
        "coverage_not_alone": np.full(weeks, 0.8),
        "spent": np.full(weeks, 10.0),
        "met_by_family": np.full(weeks, 100),
        "met_by_informal": np.full(weeks, 2),
        "met_by_team": np.full(weeks, 1),
        "met_by_matched": np.full(weeks, 1),
    })


def test_layered_resilience_figures_by_layer():
    out = layered_resilience(synthetic_run(), 31, smooth=1)
    assert set(out) == {*LAYERS, "cost_per_need_met"}
    assert set(out["individual"]) == {"mean_efficacy"}
    assert set(out["group"]) == {"team_retention", "ties_used"}
    assert set(out["community"]) == {"coverage", "cohesion", "equity"}

    eff = out["individual"]["mean_efficacy"]
    assert eff["depth"] == pytest.approx(0.1) and eff["recovery_weeks"] == 5
    team = out["group"]["team_retention"]
    assert team["depth"] == pytest.approx(0.25) and team["recovery_weeks"] == 6
    ties = out["group"]["ties_used"]
    assert ties["pre_level"] == pytest.approx(200.0)
    assert ties["depth"] == pytest.approx(100.0) and ties["area_lost"] == pytest.approx(300.0)
    cov = out["community"]["coverage"]
    assert cov["depth"] == pytest.approx(0.2) and cov["area_lost"] == pytest.approx(0.8)
    coh = out["community"]["cohesion"]
    assert coh["depth"] == 0.0 and coh["transformative"] == pytest.approx(0.2)
    eq = out["community"]["equity"]
    assert eq["pre_level"] == pytest.approx(1.0)
    assert eq["depth"] == pytest.approx(0.4) and eq["recovery_weeks"] == 2
    # 600 CNY over 60 x (2 + 1 + 1) = 240 non-family needs met; family help is not counted.
    assert out["cost_per_need_met"] == pytest.approx(2.5)
    for layer in LAYERS:
        for figs in out[layer].values():
            assert_plain(figs)
    json.dumps(out)


def test_layered_resilience_ties_recover_within_two_percent():
    ts = synthetic_run()
    ts.loc[ts.week >= 34, "ties_used"] = 197.0            # 1.5% short of 200
    ties = layered_resilience(ts, 31, smooth=1)["group"]["ties_used"]
    assert ties["recovered"] is True and ties["recovery_weeks"] == 3


def test_layered_resilience_smooths_and_passes_options():
    out = layered_resilience(synthetic_run(), 31, horizon=45, baseline_weeks=10)
    cov = out["community"]["coverage"]
    assert cov["horizon"] == 45
    assert cov["trough_week"] == 34                       # raw trough 31..34, smoothed 34
    assert cov["area_lost"] == pytest.approx(0.8)         # trailing mean keeps the area
    assert out["cost_per_need_met"] == pytest.approx(450 / (45 * 4))


def test_layered_resilience_without_teams_or_non_family_help():
    ts = synthetic_run(teams=False)
    ts[["met_by_informal", "met_by_team", "met_by_matched"]] = 0
    out = layered_resilience(ts, 31)
    assert set(out["group"]) == {"ties_used"}
    assert out["cost_per_need_met"] is None
    with pytest.raises(ValueError, match="^ts: missing column.*cohesion"):
        layered_resilience(ts.drop(columns="cohesion"), 31)
