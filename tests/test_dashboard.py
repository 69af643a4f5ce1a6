"""The dashboard without a browser: its session logic, translations, and its Solara
components rendered with `solara.render` (sliders change the model, reset rebuilds it,
bad values and bad files are refused with a message).

The browser tests (headless Chromium against the served app) are in
tests/test_dashboard_browser.py.
"""

from __future__ import annotations

import base64
import io
import os
import re
import socket
import string

import ipyvue
import ipyvuetify as v
import ipywidgets
import numpy as np
import pytest
import solara
from pandas.testing import assert_frame_equal
from PIL import Image

from villageaid.cli import main as cli_main
from villageaid.sim.outcomes import METRICS
from villageaid.scenarios import PRESETS, ScenarioError, load_scenario, parse_scenario
from villageaid.sim.interventions import INTERVENTIONS
from villageaid.sim.params import PARAMETERS
from villageaid.sim.shocks import SHOCK_SETTINGS, SHOCKS
from villageaid.visualization import i18n
from browser import BAD_SCENARIO
from villageaid.visualization.compare_view import (Cancelled, curves_png, difference_table,
                                                   differences_png, run_comparison)
from villageaid.visualization.layout import village_layout
from villageaid.visualization.lessons import LESSONS
from villageaid.visualization.pages.common import AppState, slider_bounds
from villageaid.visualization.session import ExploreSession, SettingError

SMALL = {"residents": 200}



def small_scenario(preset="baseline", years=3, **village):
    sc = load_scenario(preset)
    import dataclasses

    return dataclasses.replace(sc, years=years, params=sc.params.replace(**SMALL, **village))


def png_ok(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        return img.size


# ------------------------------------------------------------------ translations
def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_ui_string_has_both_languages_with_the_same_placeholders():
    for key, (en, zh) in i18n.UI.items():
        assert en.strip() and zh.strip(), key
        assert _fields(en) == _fields(zh), key
    # Chinese text really is Chinese (not a copy of the English)
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", zh)) for _, zh in i18n.UI.values()) > 0.9 * len(i18n.UI)


def test_every_parameter_setting_unit_and_metric_has_chinese_text():
    for p in PARAMETERS:
        assert p.name in i18n.PARAM_TEXT, p.name
        assert re.search(r"[\u4e00-\u9fff]", i18n.param_label(p, "zh")), p.name
        assert i18n.param_meaning(p, "zh") != p.doc, p.name
    for kind, cls in INTERVENTIONS.items():
        assert kind in i18n.INTERVENTION_TEXT
        for p in cls.settings():
            scoped = f"{kind}.{p.name}" in i18n.SETTING_TEXT or p.name in i18n.SETTING_TEXT
            assert scoped, f"{kind}.{p.name}"
    for p in SHOCK_SETTINGS:
        assert f"shock.{p.name}" in i18n.SETTING_TEXT
    assert set(SHOCKS) <= set(i18n.SHOCK_TEXT)
    units = {p.unit for p in PARAMETERS} | {p.unit for c in INTERVENTIONS.values()
                                             for p in c.settings()}
    units |= {p.unit for p in SHOCK_SETTINGS} | {m.unit for m in METRICS.values()}
    assert units <= set(i18n.UNIT_ZH), units - set(i18n.UNIT_ZH)
    assert all(i18n.metric_label(m, 'zh') != i18n.metric_label(m, 'en') for m in METRICS)
    assert set(PRESETS) <= set(i18n.PRESET_ZH)


def test_tooltip_gives_meaning_unit_range_and_source():
    grant = next(p for p in PARAMETERS if p.name == "grant")
    en = i18n.param_tooltip(grant, "en")
    assert "Mean yearly government grant" in en and "CNY/year" in en
    assert "0 to 100,000,000" in en and grant.source in en
    zh = i18n.param_tooltip(grant, "zh")
    assert "政府补助" in zh and "元/年" in zh and "范围" in zh


def test_every_lesson_is_bilingual_and_its_scenarios_are_valid():
    for lesson in LESSONS:
        for pair in (lesson.title, lesson.setup, *lesson.watch, *lesson.why, *lesson.try_next):
            assert pair[0] and re.search(r"[\u4e00-\u9fff]", pair[1])
        for preset in (lesson.preset, lesson.compare_with):
            sc = lesson.scenario(preset)
            assert parse_scenario(sc.to_toml()) == sc


def test_withdrawal_lesson_shows_what_it_says():
    """The micro lesson: without casework elders withdraw; casework keeps them engaged."""
    lesson = next(x for x in LESSONS if x.key == "withdrawal")
    ts_without = lesson.scenario().run(seed=lesson.seed).timeseries
    ts_with = lesson.scenario(lesson.compare_with).run(seed=lesson.seed).timeseries
    assert ts_without["share_withdrawn"].iloc[-1] > 0.05
    assert ts_with["share_withdrawn"].iloc[-1] < 0.5 * ts_without["share_withdrawn"].iloc[-1]


# ---------------------------------------------------------------------- session
def test_out_of_range_values_are_refused_and_never_reach_the_model():
    s = ExploreSession(small_scenario())
    model = s.model
    for name, value in [("grant", "-5"), ("grant", 2e9), ("residents", "abc"),
                        ("alone_share", 0.9)]:  # alone + couple-only shares over 1
        with pytest.raises(SettingError) as err:
            s.set_param(name, value)
        assert name.split("_")[0] in err.value.lines()[0]
    with pytest.raises(SettingError, match="team_size: 900 is out of range"):
        s.set_setting("teams", "team_size", 900)
    with pytest.raises(SettingError, match="after the scenario ends"):
        s.set_years(1)  # the preset's cold wave is in year 3
    assert s.model is model and s.params["grant"] == 60_000.0 and s.years == 3
    s.set_param("grant", "80000")
    assert s.model is not model and s.model.params.grant == 80_000.0


def test_seed_typed_as_text_is_converted_and_checked():
    s = ExploreSession(small_scenario())
    s.set_seed(" 7 ")
    assert s.seed == 7 and s.model.seed == 7 and isinstance(s.model.seed, int)
    for bad in ("7.5", "x", "-1", str(2**32)):
        with pytest.raises(SettingError):
            s.set_seed(bad)
    assert s.seed == 7


def test_settings_download_loads_back_equal():
    s = ExploreSession(small_scenario("teams"))
    s.set_setting("teams", "team_size", 12)
    s.set_enabled("matching", True)
    s.set_param("grant", 90_000)
    back = parse_scenario(s.to_toml().encode(), source="download.toml")
    assert back == s.scenario()
    assert dict(back.interventions)["teams"]["team_size"] == 12


def test_step_reset_and_shock_now():
    s = ExploreSession(small_scenario())
    first = s.frame["curves"]
    assert s.step(3) == 3 and s.week == 3
    assert s.frame["curves"] != first
    s.shock_now("epidemic", 0.4, 3)
    shock = s.model.shocks[-1]
    assert (shock.kind, shock.week, shock.duration) == ("epidemic", 4, 3)
    assert s.resilience() == []  # not passed yet
    s.step(5)
    rows = s.resilience()
    assert [r["shock"]["kind"] for r in rows] == ["epidemic"]
    assert set(rows[0]["layers"]) >= {"individual", "group", "community"}
    old = s.model
    s.reset()
    assert s.week == 0 and s.model is not old
    assert s.shocks[-1]["kind"] == "epidemic"  # kept in the settings: Reset replays it


def test_run_stops_at_its_end():
    s = ExploreSession(small_scenario(years=1, ))
    s.shocks.clear()
    s.rebuild()
    assert s.step(60) == 52 and s.finished and s.step(1) == 0
    with pytest.raises(SettingError):
        s.shock_now("cold_wave")


def test_exports_are_png_and_csv():
    s = ExploreSession(small_scenario())
    s.step(2)
    w, h = png_ok(s.charts_png())
    assert w > 1000 and h > 500
    for key in ("network", "curves", "timeline"):
        png_ok(s.frame[key])
    ts = s.timeseries_csv().decode().splitlines()
    assert ts[0].startswith("week,") and len(ts) == 3
    agents = s.agents_csv().decode().splitlines()
    pop = s.model.population
    assert agents[0].startswith("id,") and len(agents) == 1 + (pop.lived_here & pop.alive).sum()


def test_layout_is_computed_once_per_village_and_seeded():
    a = ExploreSession(small_scenario())
    pos = village_layout(a.model)
    # everyone has a place, villagers living away included (they may come home)
    assert pos.shape == (a.model.population.size, 2) and np.isfinite(pos).all()
    a.set_param("grant", 70_000)  # same village, new model
    assert village_layout(a.model) is pos
    a.set_seed(1)
    assert not np.allclose(village_layout(a.model), pos)


def test_slider_bounds_stay_in_the_parameter_range():
    for p in PARAMETERS:
        lo, hi, step = slider_bounds(p)
        assert p.low == lo < hi <= p.high and step > 0, p.name


def test_upload_of_a_bad_file_lists_every_problem_and_changes_nothing():
    app = AppState()
    before = app.session.model
    assert not app.upload("bad.toml", BAD_SCENARIO)
    kind, lines = app.notice.value
    text = [t for line in lines if isinstance(line, ScenarioError) for t in line.lines()]
    assert kind == "error"
    assert any("grant: -10 is out of range" in t for t in text)
    assert any("team_size: 9000 is out of range" in t for t in text)
    assert app.session.model is before
    assert not app.upload("big.toml", None, size=10**7)
    good = small_scenario("casework").to_toml().encode()
    assert app.upload("mine.toml", good)
    assert app.session.interventions["casework"].enabled and app.session.week == 0


# ---------------------------------------------------------------------- compare
def test_comparison_runs_with_progress_and_can_be_cancelled():
    a, b = small_scenario(years=1), small_scenario("teams", years=1)
    a.shocks.clear()
    b.shocks.clear()
    seen = []
    c = run_comparison([a, b], 2, seed=3, progress=lambda *x: seen.append(x))
    assert [x[0] for x in seen] == [0, 1, 2, 3, 4]
    assert c.scenarios == ["baseline", "teams"]
    table = difference_table(c, "zh")
    assert "需求满足率" in set(table.iloc[:, 0])
    png_ok(curves_png(c, "en"))
    png_ok(differences_png(c, "zh"))
    with pytest.raises(Cancelled):
        run_comparison([a, b], 2, cancelled=lambda: True)


def test_comparison_on_worker_processes_equals_one_process_and_stops_on_cancel():
    a, b = small_scenario(years=1), small_scenario("matching", years=1)
    seen = []
    parallel = run_comparison([a, b], 3, seed=5, workers=2,
                              progress=lambda *x: seen.append(x))
    serial = run_comparison([a, b], 3, seed=5, workers=1)
    assert_frame_equal(parallel.replicates, serial.replicates)
    assert_frame_equal(parallel.curves, serial.curves)
    assert [x[0] for x in seen] == list(range(7))
    assert {(x[2], x[3]) for x in seen[1:]} == {(s, r) for s in ("baseline", "matching")
                                                for r in range(3)}
    seen.clear()
    with pytest.raises(Cancelled):  # Cancel once the first run has ended
        run_comparison([a, b], 10, workers=2, progress=lambda *x: seen.append(x),
                       cancelled=lambda: len(seen) > 1)
    assert len(seen) < 21  # runs not started were dropped


# ----------------------------------------------------------- Solara components
@pytest.fixture
def rendered():
    from villageaid.visualization.app import Layout, Page

    state = AppState(scenario=small_scenario(years=3))
    box, rc = solara.render(Layout(children=[Page(state=state)]), handle_error=False)
    yield state, rc
    rc.close()


def _week_text(rc) -> str:
    return rc.find(v.Html, class_="va-week").widget.children[0]


def test_render_step_and_reset(rendered):
    state, rc = rendered
    assert _week_text(rc).startswith("Week 0 of 156")
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == 3  # network, curves, timeline
    before = [w.value for w in images]
    rc.find(v.Btn, class_="va-step").widget.click()
    rc.find(v.Btn, class_="va-step").widget.click()
    assert _week_text(rc).startswith("Week 2 of 156")
    after = [w.value for w in rc.find(ipywidgets.Image).widgets]
    assert all(a != b for a, b in zip(before, after))  # every chart was redrawn
    png_ok(after[1])
    # a render caused by something else keeps the current week and charts
    rc.find(v.Btn, class_="va-all-params").widget.click()
    assert _week_text(rc).startswith("Week 2 of 156")
    assert [w.value for w in rc.find(ipywidgets.Image).widgets] == after
    assert state.session.week == 2
    model = state.session.model
    rc.find(v.Btn, class_="va-reset").widget.click()
    assert state.session.week == 0 and state.session.model is not model
    assert _week_text(rc).startswith("Week 0 of 156")


def test_slider_changes_the_model(rendered):
    state, rc = rendered
    slider = rc.find(v.Slider, class_="va-slider va-slider-grant").widget
    slider.fire_event("change", 120_000)
    assert state.session.model.params.grant == 120_000.0
    assert state.session.params["grant"] == 120_000.0
    # the number field shows it
    field = rc.find(v.TextField, class_="va-num va-num-grant").widget
    assert field.v_model == "120000"


def test_typed_value_out_of_range_is_refused_with_a_message(rendered):
    state, rc = rendered
    model = state.session.model
    field = rc.find(v.TextField, class_="va-num va-num-grant").widget
    field.v_model = "-5"
    field.fire_event("keyup.enter", None)
    message = rc.find(v.Html, class_="va-refused").widget.children[0]
    assert "Refused" in message and "grant: -5" in message and "out of range" in message
    assert state.session.model is model and model.params.grant == 60_000.0


def test_switching_an_intervention_on_attaches_it(rendered):
    state, rc = rendered
    assert state.session.model.intervention("teams") is None
    rc.find(v.Switch, class_="va-switch-teams").widget.v_model = True
    assert state.session.model.intervention("teams") is not None
    # its settings open under it, each with a control
    rc.find(v.Btn, class_="va-settings-teams").widget.click()
    team_size = rc.find(v.Slider, class_="va-slider va-slider-team_size").widget
    team_size.fire_event("change", 20)
    assert state.session.model.intervention("teams").team_size == 20


def test_language_switch_translates_the_page(rendered):
    state, rc = rendered
    rc.find(v.Btn, class_="va-lang-zh").widget.click()
    assert state.lang.value == "zh"
    assert _week_text(rc).startswith("第 0 周 / 共 156 周")
    labels = [w.children[0] for w in rc.find(v.Html, class_="va-section").widgets]
    assert "预算" in labels and "干预措施" in labels
    rc.find(v.Btn, class_="va-lang-en").widget.click()
    assert _week_text(rc).startswith("Week 0")


def test_language_switch_keeps_settings_upload_and_week_and_names_presets_in_chinese(rendered):
    state, rc = rendered
    good = load_scenario("teams").to_toml().encode()
    zone = next(w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "vue_file_data"))
    zone.vue_file_data({"name": "mine.toml", "size": len(good),
                        "data": base64.b64encode(good).decode()})
    state.session.set_param("residents", 200)
    state.settings_changed()
    rc.find(v.Btn, class_="va-step").widget.click()
    model = state.session.model
    rc.find(v.Btn, class_="va-lang-zh").widget.click()
    # the same village at the same week, the upload's notice now in Chinese
    assert state.session.model is model and state.session.week == 1
    assert state.session.name == "teams" and state.session.params["residents"] == 200
    notice = [w.children[0] for w in rc.find(v.Html, class_="va-notice-ok").widgets]
    assert notice == ["已载入场景“teams”。"]
    # preset and intervention names read in Chinese, not as keys
    items = rc.find(v.Select, class_="va-preset").widget.items
    assert [i["text"] for i in items][:3] == ["仅非正式互助", "个案工作", "志愿服务队"]
    assert {i["value"] for i in items} >= {"baseline", "teams_incentives"}
    current = rc.find(v.Html, class_="va-scenario-name").widget.children[0]
    assert "志愿服务队" in current and "teams" not in current
    switches = [w.label for w in rc.find(v.Switch).widgets]
    assert "志愿服务队" in switches and not any(re.search("[A-Za-z]", x) for x in switches)
    # a hidden page is translated when shown
    rc.find(v.Btn, class_="va-nav-compare").widget.click()
    options = [i["text"] for i in rc.find(v.Select, class_="va-cmp-a").widget.items]
    assert "服务队加激励" in options and "teams_incentives" not in options


def test_upload_widget_reports_a_bad_file_and_the_app_keeps_working(rendered):
    state, rc = rendered
    zone = next(w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "vue_file_data"))
    zone.vue_file_data({"name": "bad.toml", "size": len(BAD_SCENARIO),
                        "data": base64.b64encode(BAD_SCENARIO).decode()})
    texts = [w.children[0] for w in rc.find(v.Html, class_="va-notice-error").widgets]
    assert any("team_size: 9000 is out of range" in t for t in texts)
    rc.find(v.Btn, class_="va-step").widget.click()
    assert state.session.week == 1


def test_in_chinese_a_refused_value_and_a_bad_upload_are_explained_in_chinese(rendered):
    state, rc = rendered
    rc.find(v.Btn, class_="va-lang-zh").widget.click()
    field = rc.find(v.TextField, class_="va-num va-num-grant").widget
    field.v_model = "-5"
    field.fire_event("keyup.enter", None)
    message = rc.find(v.Html, class_="va-refused").widget.children[0]
    assert "grant：-5 超出范围" in message and "元/年" in message
    zone = next(w for w in rc.find(ipyvue.VueTemplate).widgets if hasattr(w, "vue_file_data"))
    zone.vue_file_data({"name": "bad.toml", "size": len(BAD_SCENARIO),
                        "data": base64.b64encode(BAD_SCENARIO).decode()})
    texts = [w.children[0] for w in rc.find(v.Html, class_="va-notice-error").widgets]
    assert any("team_size：9000 超出范围" in t for t in texts)
    assert not any("expected" in t for t in texts)


def test_every_kind_of_validation_message_reads_in_chinese(tmp_path):
    """Each bad scenario file of tests/test_scenarios.py, and each parameter out of
    range, gets a Chinese message that keeps the key and the value; English stays."""
    import importlib.util
    from pathlib import Path

    from villageaid.sim.params import ParameterError
    from villageaid.visualization.problems import problem

    spec = importlib.util.spec_from_file_location(
        "bad_scenario_files", Path(__file__).with_name("test_scenarios.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from villageaid.problems import Problem

    records = []
    for k, (content, _) in enumerate(module.BAD_FILES.values()):
        path = tmp_path / f"bad{k}.toml"
        module.write_bad_file(path, content)
        with pytest.raises(ScenarioError) as err:
            load_scenario(path)
        records.extend(err.value.problems)
    for p in PARAMETERS:
        try:
            p.check(p.high * 2 + 1)
        except ParameterError as err:
            records.extend(err.problems)
    assert len(records) > len(PARAMETERS) + 30
    for record in records:
        line = str(record)
        assert problem(record, "en") == line
        zh = problem(record, "zh")
        assert zh != line and "expected" not in zh, line
        head = line.split(": ")[0]
        assert head.split(", column")[0].replace("line ", "第 ") in zh or head in zh \
            or ": " not in line, (line, zh)
    unforeseen = Problem.text("something new: an unforeseen message")
    assert problem(unforeseen, "zh") == "something new: an unforeseen message"  # as it is


def test_shock_now_button_schedules_a_shock_next_week(rendered):
    state, rc = rendered
    rc.find(v.Btn, class_="va-step").widget.click()
    rc.find(v.Btn, class_="va-shock-now").widget.click()
    shock = state.session.model.shocks[-1]
    assert (shock.kind, shock.week) == ("cold_wave", 2)


def test_page_switch_keeps_the_village(rendered):
    state, rc = rendered
    rc.find(v.Btn, class_="va-step").widget.click()
    rc.find(v.Btn, class_="va-nav-learn").widget.click()
    assert state.page.value == "learn"
    rc.find(v.Btn, class_="va-lesson-setup-burnout").widget.click()
    assert state.page.value == "explore" and state.lesson.value == "burnout"
    assert state.session.name == "lesson_burnout_baseline" and state.session.week == 0
    assert state.session.params["helper_share_elder"] == 0.2
    rc.find(v.Btn, class_="va-nav-learn").widget.click()
    rc.find(v.Btn, class_="va-lesson-compare-burnout").widget.click()
    assert state.page.value == "compare"
    assert (state.cmp_a.value, state.cmp_b.value) == ("lesson_burnout_baseline",
                                                      "lesson_burnout_teams_incentives")
    b = state.extra["lesson_burnout_teams_incentives"]
    assert b.params.helper_share_elder == 0.2 and dict(b.interventions).keys() >= {"teams"}


# -------------------------------------------------------------------------- CLI
def test_cli_dashboard_refuses_a_busy_port_and_a_bad_one(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli_main(["dashboard", "--port", str(port)]) == 2
    assert "cannot listen there" in capsys.readouterr().err
    with pytest.raises(SystemExit) as err:
        cli_main(["dashboard", "--port", "70000"])
    assert err.value.code == 2


def test_scenario_error_is_what_the_cli_reports():
    with pytest.raises(ScenarioError) as err:
        parse_scenario(BAD_SCENARIO, source="bad.toml")
    assert len(err.value.lines()) == 3


def test_compare_workers_end_when_the_server_is_killed(tmp_path):
    """The Compare page's worker processes outlive no server, even one killed with
    SIGKILL (which runs no clean-up)."""
    import subprocess
    import sys
    import time

    script = tmp_path / "server.py"
    script.write_text(
        "import os, signal\n"
        "from villageaid.experiments.executor import long_lived_pool\n"
        "if __name__ == '__main__':\n"
        "    pool = long_lived_pool(2)\n"
        "    pids = set(pool.submit(os.getpid).result() for _ in range(8))\n"
        "    print(' '.join(map(str, sorted(pids))), flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    workers = [int(p) for p in out.stdout.split()]
    assert workers, out.stderr

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 20
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers)
