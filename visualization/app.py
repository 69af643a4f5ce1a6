"""The villageaid dashboard: a Solara app for policymakers and educators.

    villageaid dashboard                 # serves http://127.0.0.1:8765/
    solara run villageaid.visualization.app --production

Four pages, switched in the app bar, with the language (English / 简体中文):

* Explore (pages/explore.py): a preset or an uploaded scenario file; sliders and
  switches for the budget, the village and every intervention's settings
  (tooltips give meaning, unit, range and source; values outside the range are
  refused with the model's own message); play / step / reset; shock now; the
  village network, live curves, a timeline of interventions and shocks, the
  resilience figures once a shock has passed; downloads of the settings as a
  scenario file, the charts as PNG and the tables as CSV.
* Compare (pages/compare.py): two scenarios over seeded replicates with the
  compare engine (experiments/compare.py), run in the background with progress.
* Advise (pages/advise.py): a yearly budget in, a small `villageaid advise` study
  run in the background with progress and cancel, the Pareto set, the recommended
  portfolio with its uncertainty, robustness over futures, and the brief as PDF.
* Learn (pages/learn.py): guided lessons (lessons.py) that set up Explore.

The app is built on Solara directly rather than Mesa's SolaraViz: SolaraViz
builds a model from keyword parameters and draws Altair/Matplotlib components
per frame, while the dashboard edits whole scenarios (interventions with their
own settings, scheduled shocks), switches language, and redraws through cached
matplotlib backgrounds (live.py) to keep a step within 200 ms. The model it
runs is the Mesa model, VillageModel, and the elders' states come from its Mesa
agents.

A page is built when first shown and then stays mounted (hidden when not
shown), so a comparison keeps running while the user explores, and the
village keeps its week while the user reads a lesson.
"""

from __future__ import annotations

import reacton.core
import solara

from .i18n import LANGS, tr
from .pages.advise import AdvisePage
from .pages.common import CSS, AppState
from .pages.compare import ComparePage
from .pages.explore import ExploreControls, ExploreMain
from .pages.learn import LearnPage
from .pages.share import ShareLink

PAGES = ("explore", "compare", "advise", "learn")
DEFAULT_PORT = 8765


@solara.component
def Page(state: AppState | None = None):
    """The dashboard. `state` lets a test hold the app state it renders."""
    router = solara.use_router()
    # the dashboard's state lives in its address (url_state.py): a link opens it as it was
    app = solara.use_memo(
        lambda: state if state is not None else AppState.from_link(router.search, PAGES), [])
    app.render_context = reacton.core.get_render_context()
    lang = app.lang.value
    page = app.page.value
    app.lesson.value  # noqa: B018  (the address names the lesson)
    # A page is built when first shown (opening the dashboard builds only one) and then
    # stays mounted. A hidden page keeps the language it was last shown in, so switching
    # language re-renders only the page in view (reacton skips a component whose
    # arguments are unchanged); a page is translated when it is shown.
    shown = solara.use_ref({}).current
    shown[page] = lang
    in_lang = {key: shown.get(key) for key in PAGES}  # None: not shown yet
    solara.Title(tr("app_title", lang))
    solara.Style(CSS)
    with solara.AppBar():
        for key in PAGES:
            solara.Button(tr(f"page_{key}", lang), text=True, dark=True,
                          outlined=key == page, on_click=lambda key=key: app.page.set(key),
                          classes=[f"va-nav-{key}"], style={"margin": "0 2px"})
        solara.Text(" | ", style={"color": "white", "margin": "0 6px"})
        for code, name in LANGS.items():
            solara.Button(name, text=True, dark=True, outlined=code == lang,
                          on_click=lambda code=code: app.set_lang(code),
                          classes=[f"va-lang-{code}"], style={"margin": "0 2px"})
        ShareLink(app, lang)
    if page == "explore":
        with solara.Sidebar():
            ExploreControls(app, lang)
    with solara.Column(gap="0px", classes=["va-app"]):
        with solara.Column(classes=["va-page-explore"] + ([] if page == "explore" else ["va-hidden"])):
            if in_lang["explore"]:
                ExploreMain(app, in_lang["explore"])
        with solara.Column(classes=["va-page-compare"] + ([] if page == "compare" else ["va-hidden"])):
            if in_lang["compare"]:
                ComparePage(app, in_lang["compare"])
        with solara.Column(classes=["va-page-advise"] + ([] if page == "advise" else ["va-hidden"])):
            if in_lang["advise"]:
                AdvisePage(in_lang["advise"])
        with solara.Column(classes=["va-page-learn"] + ([] if page == "learn" else ["va-hidden"])):
            if in_lang["learn"]:
                LearnPage(app, in_lang["learn"])


@solara.component
def Layout(children=[]):  # noqa: B006  (solara's signature for a layout)
    """The page inside solara's AppLayout: app bar with pages and language, the sidebar
    (Explore's controls) as a drawer. `solara run` wraps Page in this; tests render
    Layout(children=[Page()])."""
    return solara.AppLayout(children=children, navigation=False, color="#2e6b4f")


def serve(host: str = "127.0.0.1", port: int = DEFAULT_PORT, production: bool = True) -> int:
    """Serve the app with solara's server until interrupted.

    On POSIX the process becomes the server (exec), so stopping it stops the
    server; elsewhere the server runs as a child and its exit code is returned.
    """
    import os
    import subprocess
    import sys

    command = [sys.executable, "-m", "solara", "run", "villageaid.visualization.app",
               "--host", host, "--port", str(port), "--no-open", "--no-check-version"]
    if production:
        command.append("--production")
    # no "This website runs on Solara" banner over the page's bottom right corner
    env = {**os.environ, "SOLARA_THEME_SHOW_BANNER": os.environ.get(
        "SOLARA_THEME_SHOW_BANNER", "False")}
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(sys.executable, command, env)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
