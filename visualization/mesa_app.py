"""VillageModel in Mesa's own SolaraViz: the example a Mesa user starts from.

    solara run villageaid.visualization.mesa_app
    solara run visualization/mesa_app.py          # the same, from the repository

A plain SolaraViz page, built only from Mesa's components: the village network
(`make_space_component` over `model.grid`, a mesa.discrete_space.Network with
every resident agent in its node's cell), and curves of the headline figures
(`make_plot_component` over `model.datacollector`). Reset builds a new
VillageModel from the sliders and the seed box, as SolaraViz does for any Mesa
model. The project's own dashboard (`villageaid dashboard`, visualization/app.py)
does more (scenario files, interventions, shocks, languages, comparisons); this
page shows that the model also runs in Mesa's tools unchanged.
"""

from __future__ import annotations

from mesa.visualization import SolaraViz, make_plot_component, make_space_component
from mesa.visualization.components import AgentPortrayalStyle

# Absolute imports, so that `solara run visualization/mesa_app.py` works too; sim before
# agents (sim.model imports the agents).
from villageaid.sim.model import VillageModel  # noqa: I001
from villageaid.agents import Elder, ElderState
from villageaid.sim.params import PARAMETERS
from villageaid.visualization.layout import village_layout

STATE_COLOURS = {
    ElderState.WITHDRAWN: "#7f7f7f",
    ElderState.LONELY: "#d62728",
    ElderState.HELPER: "#2ca02c",
    ElderState.ENGAGED: "#1f77b4",
}
WORKING_AGE_COLOUR = "#c8c8c8"

# What SolaraViz shows as inputs, and passes to VillageModel on Reset (with `scenario=`);
# sliders start at the parameters' defaults.
_DEFAULT = {p.name: p.default for p in PARAMETERS}
MODEL_PARAMS = {
    "rng": {"type": "InputText", "value": "42", "label": "Seed (empty: a fresh one)"},
    "residents": {"type": "SliderInt", "value": 300, "label": "Residents",
                  "min": 100, "max": 1000, "step": 50},
    "elder_share": {"type": "SliderFloat", "value": _DEFAULT["elder_share"],
                    "label": "Share aged 60+",
                    "min": 0.1, "max": 0.8, "step": 0.05},
    "helper_share_elder": {"type": "SliderFloat", "value": _DEFAULT["helper_share_elder"],
                           "label": "Elders willing to help", "min": 0.0, "max": 1.0,
                           "step": 0.05},
    "grant": {"type": "SliderFloat", "value": _DEFAULT["grant"], "label": "Grant (CNY/year)",
              "min": 0.0, "max": 200_000.0, "step": 5_000.0},
}


def resident_portrayal(agent) -> AgentPortrayalStyle:
    """Elders coloured by their state (withdrawn, lonely, helping, engaged); others small, grey."""
    if isinstance(agent, Elder):
        return AgentPortrayalStyle(color=STATE_COLOURS[agent.state], size=30, zorder=2)
    return AgentPortrayalStyle(color=WORKING_AGE_COLOUR, size=12, zorder=1)


def village_network(model):
    """Mesa's network drawing of `model.grid`, laid out by house and clan (layout.py).

    A spring layout of the whole village would take seconds per frame; the
    village layout is computed once per village and cached.
    """
    positions = dict(enumerate(village_layout(model)))
    return make_space_component(
        resident_portrayal, layout_alg=lambda graph, **_: positions, layout_kwargs={},
    )(model)


COMPONENTS = [
    village_network,
    make_plot_component({"coverage": "tab:blue", "participation": "tab:green",
                         "share_withdrawn": "tab:grey"}),
    make_plot_component({"helpers_active": "tab:green"}),
    make_plot_component({"mean_burnout": "tab:red", "mean_loneliness": "tab:purple"}),
]


def make_page(model: VillageModel | None = None):
    """The SolaraViz page (an element): `solara.render(make_page())` or serve `page`."""
    if model is None:
        model = VillageModel(**{k: v["value"] for k, v in MODEL_PARAMS.items()})
    return SolaraViz(model, components=COMPONENTS, model_params=MODEL_PARAMS,
                     name="villageaid in Mesa's SolaraViz")


page = make_page()
