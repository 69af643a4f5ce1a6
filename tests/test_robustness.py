"""Robustness over futures and PRIM scenario discovery (experiments/robustness.py,
experiments/discovery.py): the futures are a seeded Latin hypercube inside each
uncertainty's range; regret is the shortfall from the best option in the same future;
satisficing is the share of futures meeting every criterion; PRIM finds a planted
failure region and names its dimensions and sides; an advise folder's
recommendation.json, futures.csv and brief carry the results."""

import json

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments import discovery, robustness
from villageaid.experiments.advise_spec import AdviseSpec, parse_constraint
from villageaid.visualization.brief_robust import discovery_text

DIMS = robustness.uncertainties()


def test_futures_are_a_seeded_latin_hypercube_inside_the_ranges():
    a = robustness.sample_futures(10, 3, DIMS)
    b = robustness.sample_futures(10, 3, DIMS)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(robustness.sample_futures(10, 4, DIMS))
    for d in DIMS:
        x = a[d.name].to_numpy()
        assert ((d.low <= x) & (x <= d.high)).all(), d.name
        # one draw in each tenth of the range: the Latin hypercube's strata
        strata = np.floor((x - d.low) / (d.high - d.low) * 10).clip(0, 9)
        assert sorted(strata) == list(range(10)), d.name


def test_calibrated_parameters_are_uncertain_within_the_calibration_ranges():
    names = {d.name for d in DIMS if d.kind == "param"}
    assert {"willing_share", "burnout_load", "credibility"} <= names


def test_future_scenario_schedules_its_shocks_and_sets_parameters():
    from villageaid.scenarios import load_scenario

    base = load_scenario("baseline").without_shocks()
    future = {"future": 0, "grant_cut": 0.3, "migration_wave": 0.0, "cold_wave": 0.5,
              "burnout_load": 0.05}
    s = robustness.future_scenario(base, future, years=4)
    kinds = {sh["kind"]: sh for sh in s.shocks}
    assert set(kinds) == {"funding_cut", "cold_wave"}  # a zero wave is no shock
    assert kinds["funding_cut"]["week"] == 105 and kinds["funding_cut"]["severity"] == 0.3
    assert kinds["funding_cut"]["week"] + kinds["funding_cut"]["duration"] - 1 == 4 * 52
    assert s.params.burnout_load == 0.05
    assert s.problems() == []


def _spec(**kw):
    return AdviseSpec(budget=50_000, years=2, objectives=("coverage", "burnout"), **kw)


def test_regret_is_the_shortfall_from_the_best_in_each_future():
    frame = pd.DataFrame({"trial": [1, 2, 1, 2], "future": [0, 0, 1, 1],
                          "coverage": [0.8, 0.7, 0.6, 0.9], "burnout": [0.2, 0.1, 0.3, 0.3]})
    r = robustness.regrets(frame, ("coverage", "burnout"))
    assert np.allclose(r["coverage"], [0.0, 0.1, 0.3, 0.0])
    assert np.allclose(r["burnout"], [0.1, 0.0, 0.0, 0.0])  # lower is better


def test_satisficing_counts_futures_meeting_every_criterion():
    spec = _spec(constraints=(parse_constraint("coverage>=0.75"),
                              parse_constraint("burnout<=0.3")))
    frame = pd.DataFrame({"trial": [1, 1, 1, 2, 2, 2], "future": [0, 1, 2, 0, 1, 2],
                          "coverage": [0.8, 0.7, 0.9, 0.8, 0.8, 0.8],
                          "burnout": [0.1, 0.1, 0.4, 0.1, 0.1, 0.1],
                          "spent": [1e4, 1e4, 2e5, 1e4, 1e4, 1e4]})
    table = robustness.robustness_table(frame, spec).set_index("trial")
    # trial 1: future 1 misses coverage, future 2 burns helpers out; spending above the
    # budget (future 2) is a generous grant year, not a failure
    assert table.loc[1, "satisficing"] == pytest.approx(1 / 3)
    assert table.loc[2, "satisficing"] == 1.0
    assert list(robustness.robustness_table(frame, spec)["trial"]) == [2, 1]


def test_default_criterion_without_constraints():
    assert robustness.criteria(_spec()) == [robustness.DEFAULT_CRITERION]


def test_prim_finds_a_planted_failure_region():
    x = robustness.sample_futures(120, 0, DIMS).drop(columns="future")
    fails = ((x["grant_cut"] > 0.3) & (x["cold_wave"] > 0.5)).to_numpy()
    found = discovery.discover(x, fails, DIMS)
    assert found["verdict"] == "box"
    sides = {(b["name"], b["direction"]) for b in found["box"]}
    assert sides <= {("grant_cut", "above"), ("cold_wave", "above")}
    assert ("grant_cut", "above") in sides
    cut = next(b["value"] for b in found["box"] if b["name"] == "grant_cut")
    assert 0.2 < cut < 0.4
    assert 0.5 <= found["coverage"] <= 1 and found["density"] > fails.mean()
    assert "cut in the committee's income is above" in discovery.box_sentence(found)
    assert "高于" in discovery_text(found, "zh")


def test_prim_says_nothing_on_chance_or_too_few_failures():
    x = robustness.sample_futures(40, 1, DIMS).drop(columns="future")
    few = np.zeros(40, bool)
    few[:2] = True
    assert discovery.discover(x, few, DIMS)["verdict"] == "too_few_failures"
    assert discovery.discover(x, np.ones(40, bool), DIMS)["verdict"] == "fails_everywhere"
    noise = np.random.default_rng(5).random(40) < 0.4
    assert discovery.discover(x, noise, DIMS)["verdict"] in ("no_box", "box")


@pytest.fixture(scope="module")
def advised(tmp_path_factory):
    out = tmp_path_factory.mktemp("robust") / "a"
    assert main(["advise", "--budget", "60000", "--years", "1", "--trials", "4",
                 "--replicates", "1", "--seed", "2", "--residents", "150", "--futures", "5",
                 "--constraint", "coverage>=0.6", "--no-progress", "--workers", "1",
                 "--out", str(out)]) == 0
    return out


def test_advise_tests_the_pareto_options_in_common_futures(advised):
    rec = json.loads((advised / "recommendation.json").read_text())
    futures = pd.read_csv(advised / "futures.csv")
    pareto = pd.read_csv(advised / "pareto.csv")
    options = rec["robustness"]["options"]
    assert len(options) == min(len(pareto), robustness.MAX_OPTIONS)
    assert len(futures) == 5 * len(options)
    # every option sees the same futures
    per_trial = futures.groupby("trial")["grant_cut"].apply(lambda s: tuple(s.round(12)))
    assert per_trial.nunique() == 1
    for o in options:
        assert 0 <= o["satisficing"] <= 1
        assert o["regret_coverage_mean"] >= 0
    assert rec["robustness"]["criteria"][0] == "coverage>=0.6"
    assert rec["scenario_discovery"]["futures"] == 5


def test_advise_brief_has_the_futures_section(advised):
    assert main(["brief", str(advised), "--lang", "zh"]) == 0
    html = (advised / "brief.html").read_text(encoding="utf-8")
    assert "未来不如预期时" in html and "推荐组合在什么情况下会失效" in html


def test_advise_reports_in_chinese(tmp_path, capsys):
    assert main(["advise", "--budget", "60000", "--years", "1", "--trials", "3",
                 "--replicates", "1", "--seed", "2", "--residents", "150", "--futures", "4",
                 "--no-progress", "--workers", "1", "--lang", "zh",
                 "--out", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "共尝试 3 个组合" in out and "种未来情景中" in out
    assert "casework(" not in out.split("Done in")[0]  # interventions named in Chinese
