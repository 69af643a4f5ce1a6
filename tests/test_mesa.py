"""VillageModel runs in Mesa's own tools unchanged: batch_run, DataCollector, SolaraViz.

Also: Mesa 3's seed/rng arguments, and an intervention object reused for a second run.
"""

import warnings

import ipywidgets
import ipyvuetify as v
import mesa
import numpy as np
import pandas as pd
import pytest
import solara
from mesa.visualization.solara_viz import ModelController, ModelCreator

from villageaid.sim.agent_table import agent_table
from villageaid.sim.interventions import INTERVENTIONS, Teams
from villageaid.sim.model import MESA_REPORTERS, VillageModel

SMALL = {"residents": 200}


def batch(**kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # iterations= is deprecated in Mesa
        rows = mesa.batch_run(VillageModel, parameters=SMALL, max_steps=20, number_processes=1,
                              data_collection_period=-1, display_progress=False, **kwargs)
    return pd.DataFrame(rows)


def same_run(a: VillageModel, b: VillageModel) -> bool:
    return (np.array_equal(a.timeseries.data[: a.timeseries.rows],
                           b.timeseries.data[: b.timeseries.rows])
            and agent_table(a).equals(agent_table(b)))


def test_batch_run_with_an_rng_list_gives_one_row_per_seed_from_that_seed():
    df = batch(rng=[1, 2])
    assert list(df["seed"]) == [1, 2] and list(df["Step"]) == [20, 20]
    assert df.loc[0, MESA_REPORTERS].tolist() != df.loc[1, MESA_REPORTERS].tolist()
    alone = VillageModel(seed=2, **SMALL).run(20).timeseries.to_frame().iloc[-1]
    assert df.loc[1, "coverage"] == alone["coverage"]
    assert df.loc[1, "helpers_active"] == alone["helpers_active"]


def test_batch_run_iterations_draws_fresh_seeds_and_reports_them():
    df = batch(iterations=2)
    assert len(df) == 2
    seeds = df["seed"].tolist()
    assert all(isinstance(s, int) for s in seeds) and seeds[0] != seeds[1]
    # the reported seed repeats the run
    again = VillageModel(seed=seeds[0], **SMALL).run(20).timeseries.to_frame().iloc[-1]
    assert df.loc[0, "coverage"] == again["coverage"]
    assert df.loc[0, "participation"] == again["participation"]


def test_rng_is_the_seed_bit_for_bit():
    a = VillageModel(rng=5, **SMALL).run(30)
    b = VillageModel(seed=5, **SMALL).run(30)
    assert a.seed == b.seed == 5
    assert same_run(a, b)
    assert not same_run(a, VillageModel(rng=6, **SMALL).run(30))


def test_no_seed_draws_one_and_records_it():
    first, second = VillageModel(**SMALL), VillageModel(rng=None, **SMALL)
    assert isinstance(first.seed, int) and isinstance(second.seed, int)
    assert first.seed != second.seed
    first.run(20)
    assert same_run(first, VillageModel(seed=first.seed, **SMALL).run(20))


def test_seed_and_rng_together_are_refused():
    with pytest.raises(ValueError, match="either seed or rng"):
        VillageModel(seed=1, rng=1, **SMALL)


def test_datacollector_has_one_row_a_week_equal_to_the_time_series():
    model = VillageModel(seed=3, **SMALL).run(12)
    reporters = model.datacollector.model_reporters
    for wanted in ("coverage", "participation", "share_withdrawn", "mean_burnout",
                   "helpers_active"):
        assert wanted in reporters
    collected = model.datacollector.get_model_vars_dataframe()
    ts = model.timeseries.to_frame()
    assert len(collected) == len(ts) == 12
    for name in MESA_REPORTERS:
        assert collected[name].tolist() == ts[name].tolist(), name
    assert (collected["seed"] == 3).all()


def test_reporters_a_user_adds_are_collected_the_mesa_way():
    model = VillageModel(seed=3, **SMALL)
    model.datacollector._new_model_reporter("week", "week")
    model.run(3)
    frame = model.datacollector.get_model_vars_dataframe()
    assert frame["week"].tolist() == [1, 2, 3]
    assert frame["coverage"].tolist() == model.timeseries.to_frame()["coverage"].tolist()


def test_grid_places_every_resident_in_the_cell_of_its_node():
    model = VillageModel(seed=1, **SMALL).run(4)
    grid = model.grid
    here = model.population.present
    assert len(grid.agents) == here.sum()  # the dead and those living away are not drawn
    assert all(r.cell.coordinate == r.index and r in r.cell.agents
               for r in model.residents if r is not None)
    assert model.grid is grid  # kept for the week
    model.step()
    assert model.grid is not grid


def test_solaraviz_page_renders_the_network_and_the_plots():
    from villageaid.visualization.mesa_app import COMPONENTS, make_page

    model = VillageModel(seed=1, **SMALL)
    model.run(3)
    _, rc = solara.render(make_page(model), handle_error=False)
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == len(COMPONENTS) == 4  # the network and three plots
    assert all(len(image.value) > 1000 for image in images)


def test_solaraviz_reset_builds_a_model_from_its_params_and_scenario():
    from villageaid.visualization.mesa_app import MODEL_PARAMS

    shown = VillageModel(seed=7, **SMALL)
    model, params = solara.reactive(shown), solara.reactive({})

    @solara.component
    def Controls():
        ModelController(model, model_parameters=params, play_interval=solara.reactive(100),
                        render_interval=solara.reactive(1), use_threads=solara.reactive(False))
        ModelCreator(model, MODEL_PARAMS, model_parameters=params)

    _, rc = solara.render(Controls(), handle_error=False)
    buttons = {str(b.children[0]): b for b in rc.find(v.Btn).widgets}
    buttons["Step"].click()
    assert shown.steps == 1
    buttons["Reset"].click()  # SolaraViz passes the params, rng="42" and scenario=Scenario()
    reset = model.value
    assert reset is not shown and reset.steps == 0
    assert reset.seed == 42 and reset.params.residents == MODEL_PARAMS["residents"]["value"]
    assert reset.scenario.rng == 42
    assert same_run(reset.run(10), VillageModel(seed=42, residents=reset.params.residents).run(10))
    params.value = {**params.value, "rng": "", "residents": 150}
    buttons["Reset"].click()  # an empty seed box: a fresh seed, recorded
    assert isinstance(model.value.seed, int) and model.value.params.residents == 150


def test_a_mesa_scenario_sets_seed_and_parameters():
    from mesa.experimental.scenarios import Scenario

    scenario = Scenario(rng=4, residents=150)
    model = VillageModel(scenario=scenario)
    assert model.seed == 4 and model.params.residents == 150
    assert model.scenario.rng == 4 and scenario.model is None  # the caller's is left alone
    with pytest.raises(TypeError, match="mesa Scenario"):
        VillageModel(seed=1, scenario="teams")


def test_a_reused_intervention_gives_the_results_of_a_fresh_one():
    used = INTERVENTIONS["teams"]()
    first = VillageModel(seed=1, interventions=[used], years=1, **SMALL).run(52)
    assert first.intervention("teams") is used and used.started  # first use: the object itself
    fresh = VillageModel(seed=1, interventions=[Teams()], years=1, **SMALL).run(52)
    again = VillageModel(seed=1, interventions=[used], years=1, **SMALL).run(52)
    assert same_run(again, fresh)
    assert same_run(first, fresh)
    assert again.intervention("teams") is not used


def test_a_setting_changed_between_runs_counts():
    used = Teams(team_size=4)
    VillageModel(seed=1, interventions=[used], years=1, **SMALL).run(30)
    used.team_size = 12
    again = VillageModel(seed=1, interventions=[used], years=1, **SMALL).run(30)
    fresh = VillageModel(seed=1, interventions=[Teams(team_size=12)], years=1, **SMALL).run(30)
    assert again.intervention("teams").team_size == 12
    assert same_run(again, fresh)
    assert not same_run(again, VillageModel(seed=1, interventions=[Teams(team_size=4)],
                                            years=1, **SMALL).run(30))


def test_one_intervention_object_in_two_live_models_is_not_shared():
    shared = Teams()
    a = VillageModel(seed=2, interventions=[shared], years=1, **SMALL)
    b = VillageModel(seed=2, interventions=[shared], years=1, **SMALL)
    for _ in range(40):  # stepped in turn, as a dashboard comparing two runs would
        a.step()
        b.step()
    assert a.intervention("teams") is not b.intervention("teams")
    assert same_run(a, b)
