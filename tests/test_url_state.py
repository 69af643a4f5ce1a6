"""The dashboard's state as a link (visualization/url_state.py): what a link holds, that
it reads back to the same village bit for bit, and that bad values in a link are refused
with the project's messages (in English and Chinese) while the rest is restored."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs

import solara
from pandas.testing import assert_frame_equal

from villageaid.scenarios import load_scenario
from villageaid.visualization.lessons import LESSONS
from villageaid.visualization.pages.common import AppState
from villageaid.visualization.problems import problems
from villageaid.visualization.session import default_settings
from villageaid.visualization.url_state import decode, encode

PAGES = ("explore", "compare", "learn")


def test_a_link_holds_only_what_differs_from_its_preset_and_reads_back_equal():
    base = load_scenario("teams_incentives")
    teams = dict(base.interventions)["teams"]
    changed = dataclasses.replace(
        base, years=4, params=base.params.replace(grant=12345.5, residents=300),
        interventions=[("teams", {**teams, "team_size": 5}), ("casework", {
            **default_settings("casework"), "start_week": 3})],
        shocks=[{"kind": "epidemic", "week": 20, "duration": 6, "severity": 0.30000000000000004}])
    query = encode(changed, seed=7, week=30, page="compare", lang="zh")
    fields = parse_qs(query)
    assert fields["scenario"] == ["teams_incentives"] and fields["seed"] == ["7"]
    assert fields["grant"] == ["12345.5"] and fields["teams.team_size"] == ["5"]
    assert fields["recognition"] == ["off"] and fields["casework"] == ["on"]
    assert fields["casework.start_week"] == ["3"]
    assert fields["shock"] == ["epidemic:20:0.30000000000000004:6"]  # exact, not rounded
    assert "donations" not in fields and "teams.supervision" not in fields
    link = decode(query, PAGES)
    assert link.problems == []
    assert (link.page, link.lang, link.seed, link.week, link.edited) == ("compare", "zh", 7,
                                                                         30, True)
    assert link.scenario.params == changed.params and link.scenario.years == 4
    assert dict(link.scenario.interventions) == dict(changed.interventions)
    assert link.scenario.shocks == changed.shocks
    # an unchanged preset is a short link
    assert encode(base, seed=0) == "scenario=teams_incentives&seed=0"
    assert decode("scenario=teams_incentives&seed=0", PAGES).edited is False


def test_a_lesson_link_starts_from_the_lesson_village_and_its_seed():
    lesson = LESSONS[0]
    query = encode(lesson.scenario(), seed=lesson.seed, lesson=lesson.key)
    assert "scenario=" not in query and f"lesson={lesson.key}" in query
    link = decode(f"lesson={lesson.key}", PAGES)
    assert link.scenario == lesson.scenario() and link.seed == lesson.seed


def test_bad_values_in_a_link_are_refused_with_messages_and_the_rest_restored():
    query = ("lang=zh&seed=x&grant=-3&teams.bogus=1&colour=3&week=99999&page=zz"
             "&shock=cold_wave:3:2:4&shock=flood:1:0.5:1&casework.intensity=2&scenario=nope"
             "&residents=300")
    link = decode(query, PAGES)
    where = {p.where: p.code for p in link.problems}
    assert where == {"page": "not_allowed", "scenario": "unknown_preset",
                     "seed": "seed_not_whole", "grant": "out_of_range",
                     "teams.bogus": "unknown_setting", "colour": "unknown_key",
                     "shock.severity": "out_of_range", "shock": "unknown_shock",
                     "": "intervention_not_in_scenario", "week": "out_of_range"}
    # what was fine is taken: the language and the residents
    assert link.lang == "zh" and link.scenario.params.residents == 300
    assert link.scenario.params.grant == load_scenario("baseline").params.grant
    assert (link.seed, link.week, link.scenario.shocks) == (0, 0, [])
    english, chinese = problems(link.problems, "en"), problems(link.problems, "zh")
    assert "-3 is out of range; expected 0 to 100,000,000" in english
    assert "-3 超出范围" in chinese and "周" in chinese


def test_values_fine_alone_but_not_together_keep_the_starting_scenario():
    # start_week after the run's end: each number is in range, the pair is not
    link = decode("casework=on&casework.start_week=600", PAGES)
    assert [p.code for p in link.problems] == ["start_after_end"]
    assert link.scenario == load_scenario("baseline") and link.edited is False


def test_the_app_state_from_a_link_is_the_same_village_at_the_same_week():
    app = AppState.from_link("lang=zh&scenario=teams&seed=7&residents=200&years=3"
                             "&teams.team_size=5&week=12", PAGES)
    assert (app.lang.value, app.session.seed, app.session.week) == ("zh", 7, 12)
    assert app.session.edited and app.notice.value is None
    again = AppState.from_link(app.link(), PAGES)
    assert again.link() == app.link()
    assert_frame_equal(again.session.model.timeseries.to_frame(),
                       app.session.model.timeseries.to_frame())
    refused = AppState.from_link("seed=-1&residents=200", PAGES)
    kind, lines = refused.notice.value
    assert kind == "error" and lines[0][0] == "link_refused"
    assert [p.code for p in lines[1].problems] == ["seed_out_of_range"]


def test_the_address_follows_the_dashboard():
    from villageaid.visualization.app import Layout, Page
    import ipyvuetify as v

    state = AppState.from_link("residents=200&years=2", PAGES)
    box, rc = solara.render(Layout(children=[Page(state=state)]), handle_error=False)
    try:
        share = state.live["share"]
        assert parse_qs(share.query)["seed"] == ["0"]
        rc.find(v.Btn, class_="va-step").widget.click()
        assert parse_qs(share.query)["week"] == ["1"]
        rc.find(v.Btn, class_="va-lang-zh").widget.click()
        assert parse_qs(share.query)["lang"] == ["zh"] and share.label == "复制链接"
        rc.find(v.Btn, class_="va-nav-compare").widget.click()
        assert parse_qs(share.query)["page"] == ["compare"]
    finally:
        rc.close()
