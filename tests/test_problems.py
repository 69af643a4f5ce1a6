"""Problem records and their catalogues: every checker says what is wrong as a code,
where, the value and facts; each language words it from its own catalogue."""

import importlib
import string
import tomllib
from importlib import resources

import pytest

from villageaid.problems import CATALOG_LANGS, Problem, ProblemError, catalog, render
from villageaid.scenarios import ScenarioError, parse_scenario
from villageaid.sim.params import PARAMETER_INDEX, ParameterError, make_params

catalog_module = importlib.import_module("villageaid.problems.catalog")


def _messages(lang):
    path = resources.files("villageaid.problems").joinpath("messages", f"{lang}.toml")
    return tomllib.loads(path.read_text("utf-8"))["messages"]


def _fields(template):
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})


@pytest.mark.parametrize("lang", [lang for lang in CATALOG_LANGS if lang != "en"])
def test_every_english_code_exists_in_each_catalogue_with_the_same_placeholders(lang):
    english, other = _messages("en"), _messages(lang)
    assert sorted(set(english) - set(other)) == []
    assert sorted(set(other) - set(english)) == []
    assert [code for code in english if _fields(english[code]) != _fields(other[code])] == []


def test_a_parameter_problem_carries_code_where_value_and_facts():
    with pytest.raises(ParameterError) as exc:
        make_params(grant=2e8, residents="abc")
    grant, residents = exc.value.problems
    assert (grant.code, grant.where, grant.value) == ("out_of_range", "grant", 2e8)
    assert (grant.facts["low"], grant.facts["high"], grant.facts["unit"]) == (0, 1e8, "CNY/year")
    assert (residents.code, residents.where, residents.value) == (
        "not_whole_number", "residents", "abc")
    assert str(grant) == "grant: 200,000,000 is out of range; expected 0 to 100,000,000 (CNY/year)"


def test_a_scenario_problem_maps_pydantic_type_onto_the_record():
    with pytest.raises(ScenarioError) as exc:
        parse_scenario('name = "x"\n[[interventions]]\ntype = "teams"\nteam_size = 900\n'
                       'colour = 1\n', source="s.toml")
    size, colour = exc.value.problems
    assert (size.code, size.where, size.value) == ("out_of_range", "interventions[0].team_size",
                                                   900)
    assert size.loc == ("interventions", 0, "team_size")
    assert (colour.code, colour.where) == ("unknown_key", "interventions[0].colour")
    assert exc.value.lines()[0] == ("s.toml: interventions[0].team_size: 900 is out of range; "
                                    "expected 0 to 500 (members per village)")
    assert exc.value.lines("zh")[0].startswith("s.toml：interventions[0].team_size：900 超出范围")


def test_rewording_english_keeps_chinese_because_lookup_is_by_code(monkeypatch):
    problem = Problem("out_of_range", "grant", -5, PARAMETER_INDEX["grant"].range_facts())
    chinese = render(problem, "zh")
    reworded = {**catalog("en").messages,
                "out_of_range": "{value} lies outside {low:n}..{high:n}"}
    original = catalog_module.catalog

    def patched(lang):
        cat = original(lang)
        if lang == "en":
            return catalog_module.Catalog("en", reworded, cat.terms, cat.sep, cat.join, cat.part)
        return cat

    monkeypatch.setattr(catalog_module, "catalog", patched)
    assert render(problem, "en") == "grant: -5 lies outside 0..100,000,000"
    assert render(problem, "zh") == chinese == "grant：-5 超出范围；应为 0 至 100,000,000（CNY/year）"


def test_an_error_keeps_every_problem_and_a_plain_message_is_shown_as_it_is():
    err = ProblemError([Problem("no_such_file"), "something else: as it is"], source="a.toml")
    assert err.lines() == ["a.toml: no such file", "a.toml: something else: as it is"]
    assert err.lines("zh") == ["a.toml：没有这个文件", "a.toml：something else: as it is"]
    assert str(err) == "a.toml: no such file\na.toml: something else: as it is"
    inner = ProblemError([Problem("out_of_range", "team_size", 900, {
        "low": 0, "high": 500, "unit": "members per village", "quoted": ""})])
    assert str(inner.within("teams")).startswith("teams.team_size: 900 is out of range")


def test_control_characters_stay_on_one_line():
    problem = Problem("missing_required", "odd\nkey")
    assert str(problem) == "odd\\nkey: missing; this key is required"
