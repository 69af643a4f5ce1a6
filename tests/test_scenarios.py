"""Scenario files: presets load, validate, round-trip and run; every bad file is one
clear line per problem and exit 2, never a traceback."""

import dataclasses
import json
from importlib import resources

import pytest

from villageaid.cli import main
from villageaid.scenarios import (PRESETS, Scenario, ScenarioError, list_presets,
                                  load_scenario, parse_scenario)
from villageaid.sim.interventions import INTERVENTIONS

GOOD = """\
name = "teams_incentives"
description = "Volunteer teams with recognition and a time bank"
years = 10
[village]
residents = 1000
grant = 60000
[[interventions]]
type = "teams"
start_week = 0
team_size = 15
[[interventions]]
type = "time_bank"
[[shocks]]
kind = "cold_wave"
week = 105
duration = 8
severity = 0.5
"""

HEAD = 'name = "bad"\n'


# --- presets ----------------------------------------------------------------------

@pytest.mark.parametrize("name", PRESETS)
def test_preset_loads_validates_and_round_trips(name, tmp_path, capsys):
    scenario = load_scenario(name)
    assert scenario.name == name and scenario.years == 10
    assert scenario.shocks == [{"kind": "cold_wave", "week": 105, "duration": 8,
                                "severity": 0.5}]
    assert all(s["start_week"] == 0 for _, s in scenario.interventions)
    path = tmp_path / f"{name}.toml"
    path.write_text(scenario.to_toml(), encoding="utf-8")
    assert load_scenario(path) == scenario
    assert main(["validate", str(path)]) == 0
    assert f"{path}: valid (" in capsys.readouterr().out


def test_presets_share_village_budget_and_shock_and_differ_in_interventions():
    scenarios = [load_scenario(name) for name in PRESETS]
    assert all(s.params == scenarios[0].params for s in scenarios)
    assert scenarios[0].params.grant == 60_000.0 and scenarios[0].params.donations == 15_000.0
    types = {s.name: [t for t, _ in s.interventions] for s in scenarios}
    assert types["baseline"] == []
    assert types["teams_incentives"] == ["teams", "recognition", "time_bank"]
    assert sorted(types["all_levels"]) == sorted(INTERVENTIONS)
    for scenario in scenarios:  # default settings everywhere
        for kind, settings in scenario.interventions:
            assert settings == {p.name: p.default for p in INTERVENTIONS[kind].settings()}
    assert [n for n, _ in list_presets()] == list(PRESETS)
    assert all(d.endswith(".") and "\n" not in d for _, d in list_presets())


def test_presets_ship_as_package_data():
    folder = resources.files("villageaid.scenarios").joinpath("presets")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")) == sorted(
        f"{n}.toml" for n in PRESETS)


def test_scenarios_command_lists_presets(capsys):
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out
    for name, _ in list_presets():
        assert f"  {name} " in out


# --- API ----------------------------------------------------------------------------

def test_good_file_loads_with_defaults_filled_in_and_ints_as_floats(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    s = load_scenario(str(path))
    assert s.params.grant == 60000.0 and isinstance(s.params.grant, float)
    assert [t for t, _ in s.interventions] == ["teams", "time_bank"]
    assert s.interventions[1][1]["admin_cost"] == 200.0  # a default, filled in
    assert s.source == str(path)
    # the same scenario said with fewer words is the same scenario
    short = GOOD.replace("start_week = 0\n", "").replace("residents = 1000\n", "")
    assert parse_scenario(short) == s


def test_round_trip_keeps_changed_values_and_awkward_text():
    s = parse_scenario(GOOD)
    s = dataclasses.replace(s, description='Quote " backslash \\ tab\t line\n é 老人 \x7f',
                            params=s.params.replace(grant=1e-5, residents=321), years=3)
    again = parse_scenario(s.to_toml())
    assert again == s and again.params.grant == 1e-5


def test_a_scaled_scenario_is_a_valid_dose_of_the_same_interventions():
    s = load_scenario("all_levels")
    half = s.scaled(0.25)
    assert half.name == "all_levels-25pct"
    assert [k for k, _ in half.interventions] == [k for k, _ in s.interventions]
    for (_, before), (_, after) in zip(s.interventions, half.interventions):
        assert after == {**before, "intensity": before["intensity"] * 0.25}
    assert parse_scenario(half.to_toml()) == half  # still a valid scenario file
    assert s.interventions[0][1]["intensity"] == 1.0  # the original is untouched
    with pytest.raises(ValueError, match=r"interventions\.casework\.intensity: 4 .*0 to 3"):
        s.scaled(4)


def test_build_returns_fresh_objects_and_runs_are_repeatable():
    s = load_scenario("teams_incentives")
    first, second = s.build_interventions(), s.build_interventions()
    assert [i.name for i in first] == ["teams", "recognition", "time_bank"]
    assert all(a is not b for a, b in zip(first, second))
    assert all(a is not b for a, b in zip(s.build_shocks(), s.build_shocks()))
    small = dataclasses.replace(s, params=s.params.replace(residents=200))
    one = small.run(seed=4, years=1)
    two = small.run(seed=4, years=1)
    assert one.timeseries.equals(two.timeseries)
    assert one.summary["interventions"] == ["teams", "recognition", "time_bank"]
    assert one.summary["years"] == 1 and one.summary["residents"] == 200
    reports = one.summary["intervention_reports"]
    assert set(reports) == {"teams", "recognition", "time_bank"}
    assert all(r["shortfall_weeks"] >= 0 for r in reports.values())
    assert one.summary["scenario"]["name"] == "teams_incentives"
    json.dumps(one.summary)  # still JSON


def test_unknown_preset_name_suggests_the_closest():
    with pytest.raises(ScenarioError) as exc:
        load_scenario("teams_incentive")
    assert "did you mean 'teams_incentives'?" in str(exc.value)


def test_a_file_with_many_problems_reports_them_all_in_file_order(tmp_path, capsys):
    path = tmp_path / "many.toml"
    path.write_text(
        'name = "Bad Name"\nyears = "ten"\n[village]\nresidnts = 5\n'
        '[[interventions]]\ntype = "teams"\nteam_size = 900\n'
        '[[shocks]]\nkind = "tsunami"\n')
    assert main(["validate", str(path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "name", "years", "village.residnts", "interventions[0].team_size", "shocks[0].kind"]
    assert all(line.startswith(f"{path}: ") for line in lines)


def test_every_broken_cross_field_rule_is_reported_with_the_value_errors():
    text = (HEAD + "years = 1\n[village]\nreengage_efficacy = 0.1\nalone_share = 0.9\n"
            "couple_only_share = 0.9\nresidents = 5\n"
            '[[interventions]]\ntype = "teams"\n[[interventions]]\ntype = "teams"\n'
            '[[shocks]]\nkind = "cold_wave"\n"odd\\nkey" = 1\n')
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(text)
    problems = [str(p) for p in exc.value.problems]
    assert [p.split(":")[0] for p in problems] == [
        "village.reengage_efficacy", "village.alone_share + couple_only_share",
        "village.residents", "interventions[1].type",
        "shocks[0].odd\\nkey", "shocks[0].week"]  # the default week, after the table's keys
    assert all("\n" not in p for p in problems)


# --- CLI runs ----------------------------------------------------------------------

def test_cli_runs_a_preset_with_overrides(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["run", "--scenario", "all_levels", "--years", "1", "--residents", "200",
                 "--set", "grant=50000", "--no-plot", "--out", str(out)])
    assert code == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["years"] == 1 and summary["residents"] == 200
    assert summary["parameters"]["grant"] == 50000.0
    assert summary["scenario"]["name"] == "all_levels"
    assert summary["interventions"] == [t for t, _ in load_scenario("all_levels").interventions]
    printed = capsys.readouterr()
    assert "Scenario all_levels:" in printed.out and "interventions" in printed.out
    # the cold wave at week 105 lies beyond a one-year run, and the CLI says so
    assert "shock cold_wave at week 105" in printed.err
    for name, report in summary["intervention_reports"].items():
        warned = f"warning: {name} ran short of budget in {report['shortfall_weeks']} week"
        assert (warned in printed.err) == (report["shortfall_weeks"] > 0)


def test_cli_run_uses_the_scenario_years_and_village(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text('name = "tiny"\nyears = 1\n[village]\nresidents = 100\nkin_hours = 2\n')
    out = tmp_path / "run"
    assert main(["run", "--scenario", str(path), "--no-plot", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["years"] == 1 and summary["residents"] == 100
    assert summary["parameters"]["kin_hours"] == 2.0 and summary["interventions"] == []


def test_cli_run_with_a_bad_scenario_writes_nothing(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(HEAD + "years = 0\n[[shocks]]\nkind = 'tsunami'\n")
    out = tmp_path / "o"
    assert main(["run", "--scenario", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("villageaid run: error: ") for line in err)
    assert "years: 0 is out of range" in err[0] and "'tsunami'" in err[1]
    assert not out.exists()


# --- bad files ------------------------------------------------------------------------

BAD_FILES = {
    "years_text": (HEAD + 'years = "ten"\n',
                   ["years: 'ten' is not a whole number", "expected 1 to 100"]),
    "years_zero": (HEAD + "years = 0\n", ["years: 0 is out of range", "1 to 100"]),
    "years_float": (HEAD + "years = 2.0\n", ["years: 2.0 is not a whole number"]),
    "name_pattern": ('name = "Teams Incentives"\n', ["name: 'Teams Incentives' is not allowed"]),
    "name_missing": ("years = 3\n", ["name: missing"]),
    "name_number": ("name = 3\n", ["name: 3 is not text"]),
    "description_long": (HEAD + f'description = "{"x" * 501}"\n',
                         ["description: 'xxx", "at most 500"]),
    "top_level_typo": (HEAD + 'yeras = 3\n', ["yeras: unknown key", "did you mean 'years'?"]),
    "param_at_top_level": (HEAD + "residents = 500\n",
                           ["residents: unknown key", "under [village]"]),
    "village_typo": (HEAD + "[village]\nresidnts = 1000\n",
                     ["village.residnts: unknown key", "did you mean 'residents'?"]),
    "village_range": (HEAD + "[village]\nresidents = 10\n",
                      ["village.residents: 10 is out of range", "20 to 200,000 (persons)"]),
    "village_quoted_number": (HEAD + '[village]\nelder_share = "0.5"\n',
                              ["village.elder_share: '0.5' is not a number", "without quotes"]),
    "village_bool": (HEAD + "[village]\ngrant = true\n", ["village.grant: true is not a number"]),
    "village_int_as_float": (HEAD + "[village]\nasks_per_need = 2.5\n",
                             ["village.asks_per_need: 2.5 is not a whole number", "1 to 10"]),
    "village_nan": (HEAD + "[village]\nelder_share = nan\n",
                    ["village.elder_share: nan is not a finite number"]),
    "village_shares": (HEAD + "[village]\nalone_share = 0.8\ncouple_only_share = 0.5\n",
                       ["village.alone_share + couple_only_share: 1.300", "at most 1"]),
    "village_not_table": (HEAD + "village = 3\n", ["village: 3 is not a table"]),
    "village_array_of_tables": (HEAD + "[[village]]\nresidents = 300\n",
                                ["village: a list is not a table"]),
    "setting_range": (HEAD + '[[interventions]]\ntype = "teams"\nteam_size = 900\n',
                      ["interventions[0].team_size: 900 is out of range; "
                       "expected 0 to 500 (members per village)"]),
    "setting_typo": (HEAD + '[[interventions]]\ntype = "teams"\nteam_sise = 3\n',
                     ["interventions[0].team_sise: unknown key", "did you mean 'team_size'?"]),
    "intervention_type_typo": (HEAD + '[[interventions]]\ntype = "time-bank"\n',
                               ["interventions[0].type: 'time-bank' is not allowed",
                                "did you mean 'time_bank'?", "casework"]),
    "intervention_type_missing": (HEAD + "[[interventions]]\nstart_week = 3\n",
                                  ["interventions[0].type: missing", "teams"]),
    "intervention_duplicate": (HEAD + '[[interventions]]\ntype = "teams"\n'
                                      '[[interventions]]\ntype = "teams"\n',
                               ["interventions[1].type: 'teams' appears again", "at most once"]),
    "intervention_after_end": (HEAD + 'years = 1\n[[interventions]]\ntype = "teams"\n'
                                      "start_week = 60\n",
                               ["interventions[0].start_week: 60 is at or after", "0 to 51"]),
    "interventions_not_list": (HEAD + 'interventions = "teams"\n',
                               ["interventions: 'teams' is not a list of tables"]),
    "interventions_single_table": (HEAD + '[interventions]\ntype = "teams"\n',
                                   ["interventions: a table is not a list of tables"]),
    "intervention_not_table": (HEAD + 'interventions = ["teams"]\n',
                               ["interventions[0]: 'teams' is not a table"]),
    "shock_kind": (HEAD + '[[shocks]]\nkind = "tsunami"\n',
                   ["shocks[0].kind: 'tsunami' is not allowed; expected one of cold_wave, "
                    "epidemic, out_migration, funding_cut, volunteer_loss"]),
    "shock_after_end": (HEAD + 'years = 2\n[[shocks]]\nkind = "epidemic"\nweek = 200\n',
                        ["shocks[0].week: 200 is after the scenario ends", "1 to 104"]),
    "shock_default_week_after_end": (HEAD + 'years = 1\n[[shocks]]\nkind = "epidemic"\n',
                                     ["shocks[0].week: 105 is after the scenario ends"]),
    "shock_duration_float": (HEAD + '[[shocks]]\nkind = "cold_wave"\nduration = 2.5\n',
                             ["shocks[0].duration: 2.5 is not a whole number", "1 to 520"]),
    "shock_severity": (HEAD + '[[shocks]]\nkind = "cold_wave"\nseverity = 1.5\n',
                       ["shocks[0].severity: 1.5 is out of range", "expected 0 to 1 (fraction)"]),
    "toml_syntax": (HEAD + "years = 10\ndescription = teams\n",
                    ["line 3, column 15: not valid TOML", "quotes"]),
    "toml_unterminated": (HEAD + 'description = "teams\n',
                          ["line 2, column 21: not valid TOML", "illegal character '\\n'"]),
    "toml_duplicate_key": (HEAD + 'name = "again"\n', ["not valid TOML", "overwrite"]),
    "empty": ("", ["the file is empty"]),
    "comments_only": ("# nothing yet\n\n", ["only comments"]),
    "not_utf8": ('name = "caf'.encode() + b'\xe9"\n',
                 ["line 1, column 12: byte 0xe9 is not UTF-8"]),
    "missing_file": (None, ["no such file"]),
    "directory": ("<dir>", ["is a folder"]),
}


def write_bad_file(path, content) -> None:
    """Put a BAD_FILES entry at `path`: a folder for "<dir>", nothing for None."""
    if content == "<dir>":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("content, words", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_file_exits_2_naming_key_and_value(content, words, tmp_path, capsys):
    path = tmp_path / "scenario.toml"
    write_bad_file(path, content)
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines  # each of these files has exactly one problem
    assert lines[0].startswith(f"{path}: ")
    for word in words:
        assert word in lines[0], (word, lines[0])
    with pytest.raises(ScenarioError) as exc:  # the API raises the same problems
        load_scenario(path)
    assert exc.value.lines() == lines


def test_validate_good_file_exits_0(tmp_path, capsys):
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid (2 interventions, 1 shock, 10 years)\n"


def test_scenario_dataclass_compares_settings_not_source():
    a = parse_scenario(GOOD, source="a.toml")
    b = parse_scenario(GOOD, source="b.toml")
    assert a == b and isinstance(a, Scenario)


# ---------------------------------------------------------------- the Scenario API
def test_with_params_reports_every_problem_and_keeps_the_scenario():
    from villageaid.problems import ProblemError
    base = load_scenario("teams")
    changed = base.with_params(grant=80000)
    assert changed.params.grant == 80000 and changed.interventions == base.interventions
    on_file = base.with_village("villages/example_300")
    with pytest.raises(ProblemError) as err:
        on_file.with_params(residents=5, grant=-1)
    assert [p.where for p in err.value.problems] == ["residents", "grant"]


def test_with_village_takes_a_path_or_a_roster():
    from villageaid.scenarios.village_files import read_roster
    roster = read_roster("villages/example_300")
    by_path = load_scenario("baseline").with_village("villages/example_300")
    by_roster = load_scenario("baseline").with_village(roster)
    assert by_path.params == by_roster.params
    assert by_path.params.residents == roster.size and by_path.params.villages == 1


def test_problems_of_the_data_match_the_files_checks():
    good = load_scenario("all_levels")
    assert good.problems() == []
    bad = dataclasses.replace(good, years=1)  # its cold wave comes after the end
    from villageaid.problems import ProblemError
    with pytest.raises(ProblemError) as err:
        parse_scenario(bad.to_toml())
    assert [p.code for p in bad.problems()] == [p.code for p in err.value.problems]


def test_model_and_run_use_the_same_village_and_the_twin_has_no_shock():
    sc = load_scenario("teams").with_params(residents=200)
    model = sc.model(seed=3, years=1)
    assert model.params == sc.params and [i.name for i in model.interventions] == ["teams"]
    assert sc.without_shocks().shocks == [] and sc.shocks
    a = sc.run(seed=3, years=1).timeseries
    b = sc.model(seed=3, years=1).run(52).timeseries.to_frame()
    assert a.equals(b)
