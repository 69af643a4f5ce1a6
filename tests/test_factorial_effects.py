"""The factorial's ratio scale and its plain reading (experiments/factorial_effects.py,
visualization/factorial_reading.py): a multiplicative effect comes back as its ratio,
an odds ratio on shares as its odds ratio, a metric with zeros has no ratio, a ratio's
interval stays above 0 and is resolved only when it leaves out 1; "X adds Y to Z's
effect" is twice the two-way interaction, said only when resolved."""

import math

import numpy as np
import pandas as pd
import pytest

from villageaid.experiments.factorial import CELLS, FACTORS, analyse, cell_name
from villageaid.experiments.factorial_effects import conditional_effect, scale_of
from villageaid.visualization.factorial_reading import adds_lines


def cells(value, metric, replicates=4, noise=0.0, seed=0):
    """cells.csv rows with metric = value(micro, meso, macro) x replicate noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(replicates):
        shift = rng.normal(0, noise)
        for code in CELLS:
            rows.append({"cell": cell_name(code), **dict(zip(FACTORS, code)),
                         "replicate": r, "seed": r, metric: value(*code, shift)})
    return pd.DataFrame(rows)


def effect(result, metric, term):
    e = result.effects
    return e[(e.metric == metric) & (e.effect == term)].iloc[0]


def test_scales_follow_the_metric_range():
    assert scale_of("coverage") == "log-odds"
    assert scale_of("spent") == "log"


def test_a_multiplicative_effect_comes_back_as_its_ratio():
    # spent = 1000 x 3^meso x 2^macro x e^(replicate shift): meso's main effect on the
    # log scale is log 3, so the ratio of geometric means is 3; no interaction (ratio 1)
    runs = cells(lambda mi, me, ma, s: 1000 * 3.0 ** me * 2.0 ** ma * math.exp(s), "spent",
                 noise=0.3)
    result = analyse(runs)
    assert effect(result, "spent", "meso")["ratio"] == pytest.approx(3.0)
    assert effect(result, "spent", "macro")["ratio"] == pytest.approx(2.0)
    inter = effect(result, "spent", "meso:macro")
    assert inter["ratio"] == pytest.approx(1.0) and not inter["ratio_resolved"]


def test_odds_ratios_on_shares():
    def share(mi, me, ma, s):
        logit = -1.0 + math.log(4.0) * me + s  # meso multiplies the odds by 4
        return 1 / (1 + math.exp(-logit))
    result = analyse(cells(share, "coverage", noise=0.2))
    row = effect(result, "coverage", "meso")
    assert row["ratio"] == pytest.approx(4.0)
    assert 0 < row["ratio_low"] <= 4.0 <= row["ratio_high"]


def test_zeros_leave_an_amount_without_a_ratio():
    runs = cells(lambda mi, me, ma, s: 500.0 * (mi + me + ma), "spent", noise=0.1)
    assert math.isnan(effect(analyse(runs), "spent", "micro")["ratio"])


def test_noisy_ratio_interval_is_positive_and_cannot_tell_when_it_includes_1():
    runs = cells(lambda mi, me, ma, s: 1000 * math.exp(s + 0.01 * mi), "spent",
                 replicates=3, noise=0.0)
    rng = np.random.default_rng(3)
    runs["spent"] *= np.exp(rng.normal(0, 0.5, len(runs)))
    row = effect(analyse(runs), "spent", "micro")
    assert row["ratio_low"] > 0
    assert row["ratio_resolved"] == (row["ratio_low"] > 1 or row["ratio_high"] < 1)


def test_what_one_level_adds_to_another_is_twice_the_interaction():
    # coverage = 0.5 + 0.1 meso + 0.05 macro + 0.04 meso x macro (0/1 codes): macro adds
    # 4 points to meso's effect
    runs = cells(lambda mi, me, ma, s: 0.5 + 0.1 * me + 0.05 * ma + 0.04 * me * ma + s,
                 "coverage", noise=0.01)
    result = analyse(runs)
    c = conditional_effect(result.effects, "coverage", "meso:macro")
    assert c["adds"] == pytest.approx(0.04) and c["resolved"]
    assert conditional_effect(result.effects, "coverage", "meso") is None
    lines = adds_lines(result, "coverage", "en")
    assert "macro adds 4.0 points" in " ".join(lines) and "meso's effect on needs met" in " ".join(lines)
    assert any("cannot tell" in line and "micro" in line for line in lines)
    assert any("宏观" in line for line in adds_lines(result, "coverage", "zh"))
