"""Village types: each loads with a source for every figure, runs, is chosen by name
everywhere a village is, and differs from the default village the way it should."""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from villageaid.cli import main
from villageaid.problems import ProblemError
from villageaid.scenarios import load_scenario, parse_scenario
from villageaid.scenarios.village_types import TYPE_NAMES, VILLAGE_TYPES, apply_village_type
from villageaid.sim.params import PARAMETER_INDEX
from villageaid.sim.ties import KIN

# what a source may rest on: a judgement, or a published figure it names
SOURCED = re.compile(r"^assumed|census|source text|\b(19|20)\d\d\b")


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_each_type_loads_with_a_source_for_every_figure(name):
    kind = VILLAGE_TYPES[name]
    params = kind.village_params()
    assert kind.params, "a type sets some parameters"
    for key, value in kind.params.items():
        assert getattr(params, key) == value
        assert value != PARAMETER_INDEX[key].default, f"{name}.{key} repeats the default"
        assert SOURCED.search(kind.sources[key]), (key, kind.sources[key])
    for text in (kind.title_en, kind.title_zh, kind.description_en, kind.description_zh):
        assert text.strip()
    assert re.search(r"[\u4e00-\u9fff]", kind.title_zh + kind.description_zh)


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_each_type_runs_a_short_small_run(name):
    scenario = apply_village_type(load_scenario("teams"), name).with_params(residents=150)
    result = scenario.run(seed=1, years=1)
    assert result.summary["scenario"]["village_type"] == name
    assert result.summary["residents"] > 0
    assert scenario.interventions == load_scenario("teams").interventions
    for key, value in VILLAGE_TYPES[name].params.items():
        if key != "residents":
            assert result.summary["parameters"][key] == value


def test_a_second_type_resets_what_the_first_set():
    twice = apply_village_type(apply_village_type(load_scenario("baseline"),
                                                  "hollowed_mountain"), "single_clan")
    once = apply_village_type(load_scenario("baseline"), "single_clan")
    assert twice.params == once.params and twice.village_type == "single_clan"


def test_scenario_at_type_names_the_scenario_on_that_village():
    typed = load_scenario("teams@plains_near_town")
    assert typed.name == "teams-plains_near_town"
    assert typed.village_type == "plains_near_town"
    assert typed.params == apply_village_type(load_scenario("teams"), "plains_near_town").params
    with pytest.raises(ProblemError, match=r"'plain' is not a village type; .*plains_near_town"):
        load_scenario("teams@plain")


def test_a_scenario_file_names_a_type_and_sets_parameters_on_top():
    scenario = parse_scenario('name = "x"\nvillage_type = "hollowed_mountain"\n'
                              '[village]\ngrant = 70000.0\nresidents = 300\n')
    assert scenario.params.grant == 70000.0 and scenario.params.residents == 300
    assert scenario.params.elder_share == VILLAGE_TYPES["hollowed_mountain"].params["elder_share"]
    text = scenario.to_toml()
    assert 'village_type = "hollowed_mountain"' in text and "elder_share" not in text
    assert parse_scenario(text) == scenario
    assert scenario.problems() == []


@pytest.mark.parametrize("text, words", [
    ('village_type = "hollowed"', ["village_type", "'hollowed'", "hollowed_mountain, "
                                   "plains_near_town, single_clan"]),
    ('village_type = 3', ["village_type", "not text"]),
    ('village_type = "single_clan"\nvillage = "elsewhere"',
     ["village_type", "cannot be used with a village file"]),
])
def test_a_bad_village_type_in_a_file_is_named(text, words):
    with pytest.raises(ProblemError) as err:
        parse_scenario(f'name = "x"\n{text}\n', source="f.toml")
    for word in words:
        assert word in str(err.value), (word, str(err.value))


def test_run_takes_a_type_name_for_village(tmp_path, capsys):
    code = main(["run", "--village", "single_clan", "--residents", "200", "--years", "1",
                 "--no-plot", "--out", str(tmp_path)])
    assert code == 0
    assert "Village type single_clan" in capsys.readouterr().out
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["scenario"]["village_type"] == "single_clan"
    assert summary["parameters"]["clan_households"] == 500
    assert summary["residents"] == 200


def test_compare_takes_scenarios_on_types_and_a_type_for_every_scenario(tmp_path, capsys):
    common = ["--replicates", "2", "--years", "1", "--residents", "150", "--workers", "1",
              "--no-progress"]
    assert main(["compare", "baseline", "baseline@hollowed_mountain", *common,
                 "--out", str(tmp_path / "a")]) == 0
    files = tmp_path / "a" / "scenarios"  # the scenario files that rerun the comparison
    assert 'village_type = "hollowed_mountain"' in (
        files / "baseline-hollowed_mountain.toml").read_text()
    assert "village_type" not in (files / "baseline.toml").read_text()
    assert main(["compare", "baseline", "teams", "--village", "plains_near_town", *common,
                 "--out", str(tmp_path / "b")]) == 0
    assert "Village type plains_near_town" in capsys.readouterr().out
    for name in ("baseline", "teams"):
        text = (tmp_path / "b" / "scenarios" / f"{name}.toml").read_text()
        assert 'village_type = "plains_near_town"' in text


def test_a_sweep_spec_names_a_scenario_on_a_type(tmp_path):
    from villageaid.experiments.spec import load_spec

    path = tmp_path / "spec.toml"
    path.write_text('scenario = "teams@single_clan"\ndesign = "grid"\n[village]\n'
                    'residents = 200\n[[parameters]]\nname = "grant"\nlevels = [1.0, 2.0]\n')
    spec = load_spec(path)
    assert spec.scenario.village_type == "single_clan"
    assert spec.scenario.params.clan_households == 500 and spec.scenario.params.residents == 200
    # a scenario file of the spec's folder, on a type
    (tmp_path / "mine.toml").write_text('name = "mine"\n[village]\ngrant = 1000.0\n')
    path.write_text(path.read_text().replace("teams@single_clan", "mine.toml@hollowed_mountain"))
    spec = load_spec(path)
    assert spec.scenario.village_type == "hollowed_mountain"
    assert spec.scenario.name == "mine-hollowed_mountain" and spec.scenario.params.grant == 1000.0


@pytest.mark.parametrize("command", [
    ["run", "--years", "1"],
    ["compare", "baseline", "teams", "--replicates", "2"],
    ["factorial", "--replicates", "2", "--years", "1"],
    ["advise", "--budget", "60000", "--trials", "1"],
])
def test_an_unknown_village_name_is_refused_with_the_known_names(command, tmp_path, capsys):
    code = main([*command, "--village", "hollowed_mountian", "--out", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    for word in ("--village", "'hollowed_mountian'", "did you mean 'hollowed_mountain'",
                 "hollowed_mountain, plains_near_town, single_clan"):
        assert word in err, (word, err)
    assert not (tmp_path / "o").exists()


def test_validate_names_the_type(capsys):
    assert main(["validate", "teams@hollowed_mountain"]) == 0
    assert "village type hollowed_mountain" in capsys.readouterr().out


def test_village_types_lists_every_figure_and_its_source(capsys):
    assert main(["village", "types"]) == 0
    out = capsys.readouterr().out
    for kind in VILLAGE_TYPES.values():
        assert kind.title_en in out
        for key, source in kind.sources.items():
            assert f"{key} = {kind.params[key]}" in out and source in out


def _start(scenario, seed):
    """Working-age helpers per elder and kin ties per resident of the built village."""
    model = scenario.model(seed=seed, years=2)
    pop = model.population
    here = pop.present & pop.alive
    helpers = (here & ~pop.is_elder & pop.helper).sum() / (here & pop.is_elder).sum()
    kin = 2 * (model.ties.kind == KIN).sum() / here.sum()
    return helpers, kin


def test_the_types_differ_from_the_default_the_expected_way():
    base = replace(load_scenario("baseline").without_shocks(), years=2)
    runs = {name: base if name == "default" else apply_village_type(base, name)
            for name in ("default", *TYPE_NAMES)}
    start = {name: _start(sc, seed=3) for name, sc in runs.items()}
    met = {name: sc.run(seed=3).summary["headline"]["coverage"] for name, sc in runs.items()
           if name != "single_clan"}
    # the hollowed village: fewer working-age helpers per elder, more needs left unmet
    assert start["hollowed_mountain"][0] < 0.6 * start["default"][0]
    assert met["hollowed_mountain"] < met["default"] - 0.15
    # the plains village: more working-age helpers per elder, more needs met
    assert start["plains_near_town"][0] > start["default"][0]
    assert met["plains_near_town"] > met["default"]
    # the single-clan village: denser kin ties
    assert start["single_clan"][1] > 1.5 * start["default"][1]


def test_the_guides_table_of_built_villages_is_what_its_code_prints(capsys):
    guide = (Path(__file__).resolve().parents[1] / "docs" / "village_types.md").read_text()
    code = re.search(r"<summary>.*?```python\n(.*?)```", guide, re.S).group(1)
    exec(code, {})
    printed = capsys.readouterr().out.splitlines()
    rows = re.findall(r"^\| (?:default|`[a-z_]+`) \| ([\d,]+) \| (\d+)% \| ([\d.]+) \| "
                      r"([\d.]+) \| ([\d.]+) \|$", guide, re.M)
    assert len(rows) == len(printed) == 1 + len(TYPE_NAMES)
    for line, row in zip(printed, rows):
        numbers = [float(x) for x in re.findall(r"\d+\.?\d*(?:e[+-]\d+)?", line.split(" ", 1)[1])]
        shown = [float(x.replace(",", "")) for x in row]
        assert [round(x, d) for x, d in zip(numbers, (0, 0, 1, 2, 1))] == shown, (line, row)
