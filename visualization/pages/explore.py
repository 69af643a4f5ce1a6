"""Explore: load a scenario, change its settings, run the village week by week."""

from __future__ import annotations

import time
from html import escape

import ipyvuetify
import ipywidgets
import solara
from solara.alias import rv

from ...scenarios import PRESETS, load_scenario
from ...scenarios.schema import YEARS
from ...sim.interventions import INTERVENTIONS
from ...sim.params import PARAMETER_INDEX, PARAMETERS
from ...sim.shocks import SHOCK_SETTINGS, SHOCKS
from ..i18n import (LEVEL_KEY, fmt_number, intervention_blurb, intervention_title, pick,
                    preset_description, shock_blurb, shock_title, tr)
from ..lessons import LESSON_INDEX
from ..problems import problems
from ..session import MAX_SEED, SettingError
from .common import (KPIS, AppState, Explanation, Notice, ParamControl, Upload, kpi_texts,
                     scenario_label, week_text)
from .classroom import ClassroomBar
from .equity import EquityPanel

BUDGET = ("grant", "grant_cv", "donations", "donations_cv")
VILLAGE = ("residents", "villages", "elder_share", "children_migrated_share")
GROUPS = ("village", "needs", "help", "wellbeing", "volunteers", "network", "committee",
          "demography")
SHOCK_PARAM = {p.name: p for p in SHOCK_SETTINGS}


# ---------------------------------------------------------------- sidebar
@solara.component
def ExploreControls(app: AppState, lang: str):
    """The sidebar: scenario, run controls, shock now, budget, village, interventions."""
    app.settings.value  # re-render after every change of settings  # noqa: B018
    session = app.session
    ScenarioCard(app, lang)
    RunControls(app, lang)
    ShockCard(app, lang)

    def setter(name):
        def set_value(raw):
            app.playing.set(False)
            session.set_param(name, raw)
            app.settings_changed()
        return set_value

    solara.Text(tr("budget", lang), classes=["va-section"])
    for name in BUDGET:
        ParamControl(PARAMETER_INDEX[name], session.params[name], setter(name), lang).key(name)
    solara.Text(tr("village", lang), classes=["va-section"])
    for name in VILLAGE:
        ParamControl(PARAMETER_INDEX[name], session.params[name], setter(name), lang).key(name)
    solara.Text(tr("interventions", lang), classes=["va-section"])
    for kind in INTERVENTIONS:
        InterventionCard(app, kind, lang).key(kind)
    AllParameters(app, lang, setter)


@solara.component
def ScenarioCard(app: AppState, lang: str):
    app.settings.value  # noqa: B018
    app.lesson.value  # noqa: B018
    session = app.session
    preset = session.name if session.name in PRESETS else None

    def choose(name):
        app.lesson.set(None)
        app.notice.set(None)
        app.load(load_scenario(name))

    with solara.Column(gap="4px"):
        solara.Text(tr("scenario", lang), classes=["va-section"])
        rv.Select(label=tr("preset", lang), v_model=preset, on_v_model=choose,
                  items=[{"text": scenario_label(name, lang), "value": name} for name in PRESETS],
                  class_="va-preset")
        name = scenario_label(session.name, lang) + (" " + tr("edited", lang)
                                                     if session.edited else "")
        solara.Text(tr("current_scenario", lang, name=name), classes=["va-scenario-name"])
        lesson = LESSON_INDEX.get(app.lesson.value or "")
        if lesson is not None and session.name == f"lesson_{lesson.key}_{lesson.preset}":
            description = pick(lesson.setup, lang)
        else:
            description = preset_description(session.name, session.description, lang)
        solara.Text(description, classes=["va-expl"])
        solara.Text(tr("upload", lang), style={"font-size": "13px"})
        Upload(app, lang)
        Notice(app, lang)
        solara.FileDownload(lambda: session.to_toml().encode("utf-8"),
                            filename=f"{session.name}.toml", label=tr("download_toml", lang),
                            mime_type="application/toml")


@solara.component
def RunControls(app: AppState, lang: str):
    session = app.session
    seed_error = solara.use_reactive(None)

    def set_seed(text):
        try:
            session.set_seed(text)
        except SettingError:
            seed_error.set(tr("seed_bad", lang, value=text, low=0, high=MAX_SEED))
            return
        seed_error.set(None)
        app.playing.set(False)
        app.settings_changed()

    def set_years(raw):
        app.playing.set(False)
        session.set_years(raw)
        app.settings_changed()

    with solara.Column(gap="4px"):
        solara.Text(tr("run", lang), classes=["va-section"])
        RunButtons(app, lang)
        with solara.Column(style={"margin-top": "10px"}):
            with solara.Tooltip(tr("seed_help", lang, low=0, high=MAX_SEED)):
                solara.InputText(tr("seed", lang), value=str(session.seed), on_value=set_seed,
                                 error=seed_error.value or False, message=seed_error.value,
                                 classes=["va-seed"], dense=True)
        ParamControl(YEARS, session.years, set_years, lang, scope="scenario")
        solara.Select(label=tr("speed", lang), value=str(app.speed.value),
                      values=["1", "2", "5", "10", "20"],
                      on_value=lambda v: app.speed.set(int(v)))


@solara.component
def RunButtons(app: AppState, lang: str):
    """Play / Pause, Step, +1 year, Reset: they follow the frame (disabled at the end)."""
    session = app.session
    app.frame.value  # noqa: B018

    def step(weeks):
        app.playing.set(False)
        session.step(weeks)
        app.redrawn()

    def reset():
        app.playing.set(False)
        session.reset()
        app.redrawn()

    with solara.Column(gap="2px", style={"margin-bottom": "10px"}):
        with solara.Row(gap="4px", style={"flex-wrap": "wrap", "row-gap": "4px"}):
            if app.playing.value:
                solara.Button(tr("pause", lang), icon_name="mdi-pause", color="primary",
                              on_click=lambda: pause(app), classes=["va-pause"])
            else:
                solara.Button(tr("play", lang), icon_name="mdi-play", color="primary",
                              on_click=lambda: app.playing.set(True),
                              disabled=session.finished, classes=["va-play"])
            solara.Button(tr("step", lang), icon_name="mdi-step-forward",
                          on_click=lambda: step(1), disabled=session.finished,
                          classes=["va-step"])
            solara.Button(tr("step_year", lang), on_click=lambda: step(52),
                          disabled=session.finished, classes=["va-year"])
            solara.Button(tr("reset", lang), icon_name="mdi-restore", on_click=reset,
                          classes=["va-reset"])
        if session.finished:
            solara.Text(tr("run_over", lang), classes=["va-expl"])


@solara.component
def ShockCard(app: AppState, lang: str):
    app.settings.value  # noqa: B018
    session = app.session
    kind, set_kind = solara.use_state("cold_wave")
    severity, set_severity = solara.use_state(0.5)
    duration, set_duration = solara.use_state(8)
    message = solara.use_reactive(None)

    def shock_now():
        try:
            s = session.shock_now(kind, severity, duration)
        except SettingError as err:
            message.set(("error", tr("refused", lang, detail=problems(err.problems, lang))))
            return
        message.set(("ok", tr("shock_added", lang, shock=shock_title(kind, lang),
                               week=s["week"], duration=s["duration"])))
        app.settings_changed()

    def check(name, setter):
        def submit(raw):
            try:
                setter(SHOCK_PARAM[name].check(raw))
            except SettingError as err:
                raise err.within("shock") from None
        return submit

    def remove(i):
        app.playing.set(False)
        session.remove_shock(i)
        app.settings_changed()

    with solara.Column(gap="4px"):
        solara.Text(tr("shock_now", lang), classes=["va-section"])
        labels = {shock_title(k, lang): k for k in SHOCKS}
        solara.Select(label=tr("shock_kind", lang), value=shock_title(kind, lang),
                      values=list(labels), on_value=lambda v: set_kind(labels[v]))
        solara.Text(shock_blurb(kind, lang), classes=["va-expl"])
        ParamControl(SHOCK_PARAM["severity"], severity, check("severity", set_severity), lang,
                     scope="shock")
        ParamControl(SHOCK_PARAM["duration"], duration, check("duration", set_duration), lang,
                     scope="shock")
        ShockButton(app, lang, shock_now)
        if message.value:
            solara.Text(message.value[1], classes=["va-refused" if message.value[0] == "error"
                                                   else "va-expl"])
        solara.Text(tr("scheduled_shocks", lang), style={"font-size": "13px"})
        if not session.shocks:
            solara.Text(tr("no_shocks", lang), classes=["va-expl"])
        for i, s in enumerate(session.shocks):
            with solara.Row(gap="4px", style={"align-items": "center"}):
                solara.Text(tr("shock_added", lang, shock=shock_title(s["kind"], lang),
                               week=s["week"], duration=s["duration"])
                            + f" ({fmt_number(s['severity'])})", classes=["va-expl"])
                solara.Button(icon_name="mdi-delete", text=True, small=True,
                              on_click=lambda i=i: remove(i))


@solara.component
def ShockButton(app: AppState, lang: str, on_click):
    app.frame.value  # noqa: B018  (disabled once the run is over)
    solara.Button(tr("shock_now", lang), icon_name="mdi-flash", color="error",
                  on_click=on_click, disabled=app.session.finished, classes=["va-shock-now"])


@solara.component
def InterventionCard(app: AppState, kind: str, lang: str):
    app.settings.value  # noqa: B018
    session = app.session
    entry = session.interventions[kind]
    cls = INTERVENTIONS[kind]
    open_, set_open = solara.use_state(False)
    error = solara.use_reactive(None)

    def toggle(on):
        app.playing.set(False)
        try:
            session.set_enabled(kind, on)
        except SettingError as err:
            error.set(tr("refused", lang, detail=problems(err.problems, lang)))
            return
        error.set(None)
        app.settings_changed()

    def setter(name):
        def set_value(raw):
            app.playing.set(False)
            session.set_setting(kind, name, raw)
            app.settings_changed()
        return set_value

    with solara.Column(gap="0px", classes=["va-intervention", f"va-intervention-{kind}"]):
        with solara.Row(gap="4px", style={"align-items": "center"}):
            with solara.Tooltip(intervention_blurb(kind, lang)):
                solara.Switch(label=intervention_title(kind, lang), value=entry.enabled,
                              on_value=toggle, classes=[f"va-switch-{kind}"])
            solara.Text(tr(LEVEL_KEY[cls.level], lang), classes=["va-level"])
            if entry.enabled:
                solara.Button(icon_name="mdi-chevron-up" if open_ else "mdi-tune", text=True,
                              small=True, on_click=lambda: set_open(not open_),
                              classes=[f"va-settings-{kind}"])
        if error.value:
            solara.Text(error.value, classes=["va-refused"])
        if entry.enabled and open_:
            for p in cls.settings():
                ParamControl(p, entry.settings[p.name], setter(p.name), lang, scope=kind,
                             years=session.years).key(f"{kind}.{p.name}")


@solara.component
def AllParameters(app: AppState, lang: str, setter):
    app.settings.value  # noqa: B018
    open_, set_open = solara.use_state(False)
    session = app.session
    with solara.Column(gap="2px"):
        solara.Button(tr("all_params", lang) + (" ▲" if open_ else " ▼"), text=True,
                      on_click=lambda: set_open(not open_), classes=["va-all-params"])
        if open_:
            for group in GROUPS:
                solara.Text(tr(f"group_{group}", lang), classes=["va-section"])
                for p in [q for q in PARAMETERS if q.group == group]:
                    ParamControl(p, session.params[p.name], setter(p.name), lang).key(p.name)


def pause(app: AppState) -> None:
    """Stop playing once the week being stepped, if any, is drawn."""
    with app.step_lock:
        app.playing.set(False)


# ------------------------------------------------------------------- main
@solara.component
def ExploreMain(app: AppState, lang: str):
    """Charts of the running village, with an explanation beside each."""
    session = app.session

    def play(cancel):
        while app.playing.value and not cancel.is_set():
            started = time.perf_counter()
            with app.step_lock:
                if not app.playing.value:  # paused while waiting for the lock
                    break
                done = session.step(1)
                app.redrawn()
            if not done or session.finished:
                app.playing.set(False)
                break
            wait = 1.0 / max(app.speed.value, 1) - (time.perf_counter() - started)
            if wait > 0:
                cancel.wait(wait)

    solara.use_thread(play, dependencies=[app.playing.value], intrusive_cancel=False)
    with solara.Column(gap="8px", classes=["va-explore"]):
        WeekHeader(app, lang)
        ClassroomBar(app, lang)
        if app.lesson.value:
            LessonBanner(app, lang)
        with solara.ColumnsResponsive(default=12, large=[5, 7]):
            with solara.Column(gap="4px", classes=["va-chart", "va-network"]):
                ChartImage(app, "network")
                Explanation(tr("chart_network_expl", lang))
            with solara.Column(gap="4px", classes=["va-chart", "va-curves"]):
                ChartImage(app, "curves")
                Explanation(tr("chart_curves_expl", lang))
        with solara.ColumnsResponsive(default=12, large=[7, 5]):
            with solara.Column(gap="4px", classes=["va-chart", "va-timeline"]):
                ChartImage(app, "timeline")
                Explanation(tr("chart_timeline_expl", lang))
            ResiliencePanel(app, lang)
        EquityPanel(app, lang)
        Exports(app, lang)


@solara.component
def ChartImage(app: AppState, key: str):
    """One live chart: the PNG of the latest frame, in a widget AppState updates in place."""
    image = app.live_widget(key, lambda: ipywidgets.Image(
        value=app.session.frame[key], format="png", layout=ipywidgets.Layout(width="100%"),
        _dom_classes=["solara-image", f"va-{key}-img"]))
    return rv.Html(tag="div", children=[image])


def live_text(app: AppState, key: str, text: str, classes: str):
    """A text widget AppState updates in place after each step."""
    return app.live_widget(key, lambda: ipyvuetify.Html(tag="span", children=[text],
                                                        class_=classes))


@solara.component
def WeekHeader(app: AppState, lang: str):
    session = app.session
    values = kpi_texts(session)
    with solara.Row(gap="10px", style={"align-items": "center", "flex-wrap": "wrap"}):
        rv.Html(tag="span", children=[live_text(app, "week", week_text(session, lang),
                                                "va-week")])
        for key in KPIS:
            with solara.Column(gap="0px", classes=["va-kpi", f"va-{key}"]):
                rv.Html(tag="span", children=[live_text(app, key, values[key],
                                                        "va-kpi-value")])
                solara.Text(tr(key, lang), classes=["va-kpi-label"])


@solara.component
def LessonBanner(app: AppState, lang: str):
    app.lesson.value  # noqa: B018
    lesson = LESSON_INDEX[app.lesson.value]
    with solara.Card(tr("lesson_active", lang, title=pick(lesson.title, lang)),
                     classes=["va-lesson-banner"]):
        items = "".join(f"<p style='margin: 0 0 3px 0'>• {escape(pick(item, lang))}</p>"
                        for item in lesson.watch)
        solara.HTML(tag="div", classes=["va-expl"],
                    unsafe_innerHTML=f"<div class='va-section'>{escape(tr('lesson_watch', lang))}"
                                     f"</div>{items}")
        solara.Button(tr("lesson_close", lang), text=True, on_click=lambda: app.lesson.set(None),
                      classes=["va-lesson-close"])


@solara.component
def ResiliencePanel(app: AppState, lang: str):
    app.frame.value  # noqa: B018
    session = app.session
    rows = session.resilience(max_age=4 if app.playing.value else 0)
    with solara.Column(gap="4px", classes=["va-resilience"]):
        solara.Text(tr("resilience", lang), classes=["va-section"])
        if not rows:
            solara.Text(tr("resilience_wait", lang), classes=["va-expl"])
            return
        solara.HTML(tag="div", unsafe_innerHTML=_resilience_html(rows, lang),
                    classes=["va-table"])
        Explanation(tr("resilience_expl", lang))


def _f(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def _resilience_html(rows, lang) -> str:
    head = [tr(k, lang) for k in ("res_shock", "res_pre", "res_depth", "res_trough",
                                  "res_recovery", "res_area", "res_after")]
    lines = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in rows:
        s, f = row["shock"], row["figures"]
        rec = (f"{f['recovery_weeks']}" if f["recovered"] else tr("res_not_yet", lang))
        cells = [f"{shock_title(s['kind'], lang)} ({tr('res_weeks', lang)} {s['week']}–"
                 f"{s['week'] + s['duration'] - 1})", _f(f["pre_level"]), _f(f["depth"]),
                 str(f["trough_week"]), rec, _f(f["area_lost"], 2), _f(f["transformative"])]
        lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    # layers of the latest shock
    layers = rows[-1]["layers"]
    head = [tr(k, lang) for k in ("res_layer", "res_indicator", "res_depth", "res_recovery",
                                  "res_after")]
    lines.append("<table style='margin-top:6px'><tr>"
                 + "".join(f"<th>{h}</th>" for h in head) + "</tr>")
    for layer in ("individual", "group", "community"):
        for indicator, f in layers.get(layer, {}).items():
            rec = (f"{f['recovery_weeks']}" if f["recovered"] else tr("res_not_yet", lang))
            cells = [tr(f"layer_{layer}", lang), tr(f"ind_{indicator}", lang),
                     _f(f["depth"]), rec, _f(f["transformative"])]
            lines.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines.append("</table>")
    return "".join(lines)


@solara.component
def Exports(app: AppState, lang: str):
    app.settings.value  # noqa: B018  (the file names follow the scenario and seed)
    session = app.session
    name = f"{session.name}_seed{session.seed}"
    with solara.Row(gap="6px", style={"flex-wrap": "wrap", "align-items": "center"}):
        solara.Text(tr("exports", lang), classes=["va-section"])
        solara.FileDownload(session.charts_png, filename=f"{name}.png",
                            label=tr("export_png", lang), mime_type="image/png")
        solara.FileDownload(session.timeseries_csv, filename=f"{name}_timeseries.csv",
                            label=tr("export_ts_csv", lang), mime_type="text/csv")
        solara.FileDownload(session.agents_csv, filename=f"{name}_agents.csv",
                            label=tr("export_agents_csv", lang), mime_type="text/csv")
        solara.FileDownload(session.equity_csv, filename=f"{name}_equity.csv",
                            label=tr("export_equity_csv", lang), mime_type="text/csv")


__all__ = ["ExploreControls", "ExploreMain", "rv"]
