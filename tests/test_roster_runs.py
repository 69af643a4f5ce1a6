"""Runs of village files: the synthetic round trip, determinism, filled defaults,
spaces, scenario files and the command line."""

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.scenarios import ScenarioError, load_scenario
from villageaid.sim.interventions import INTERVENTIONS
from villageaid.sim.model import VillageModel
from villageaid.sim.params import make_params
from villageaid.scenarios.village_files import export_village, read_roster, write_tables
from villageaid.sim.run import run_village
from villageaid.sim.streams import RandomStreams
from villageaid.sim.village import build_village_from_roster

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "villages" / "example_300"


def _population_equal(a, b):
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name in ("household", "clan"):
            # labels differ, the grouping must not: same partition of residents
            x, y = _partition(x), _partition(y)
        assert x.dtype == y.dtype and np.array_equal(x, y), f.name


def _partition(labels):
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    return first[inverse.ravel()]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "v"
    export_village(folder, seed=5, residents=300)
    return folder


def test_round_trip_synthetic_to_files_to_model_is_the_same_run(exported):
    roster = read_roster(exported)
    assert roster.filled() == {}, "an export lists every column in full"
    synthetic = VillageModel(seed=5, residents=300)
    from_files = VillageModel(seed=5, roster=roster)
    _population_equal(synthetic.population, from_files.population)
    for name in ("a", "b", "kind", "strength"):
        assert np.array_equal(getattr(synthetic.ties, name), getattr(from_files.ties, name))
    a = run_village(make_params(residents=300), seed=5, years=3)
    b = run_village(seed=5, years=3, roster=roster)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries, check_exact=True)
    pd.testing.assert_frame_equal(a.agents, b.agents.drop(columns="roster_id"),
                                  check_exact=True)
    assert a.summary["parameters"] == b.summary["parameters"]
    assert a.summary["headline"] == b.summary["headline"]
    # the round trip is not trivially true: another seed's village runs differently
    c = run_village(make_params(residents=300), seed=6, years=3)
    assert not c.timeseries.equals(b.timeseries)


def test_an_export_lists_the_villagers_living_away(exported):
    """Residents are the villagers living here; those away are listed with lives_away
    yes, start away in the model built from the file and belong to an elder's household."""
    roster = read_roster(exported)
    synthetic = VillageModel(seed=5, residents=300).population
    assert roster.size == 300 == synthetic.present.sum()
    assert roster.listed == synthetic.size > 300 and roster.living_away == roster.listed - 300
    text = (exported / "residents.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].split(",")[4] == "lives_away"
    model = VillageModel(seed=5, roster=roster)
    assert model.params.residents == 300
    pop, order = model.population, roster.model_order()
    away = roster.away[order]
    assert np.array_equal(pop.present, ~away) and not pop.lived_here[away].any()
    assert not pop.is_elder[away].any()
    assert np.isin(pop.household[away], pop.household[pop.is_elder]).all()


def test_a_villager_living_away_in_a_file_comes_home(tmp_path):
    """lives_away yes: away at the start, home within a year when every villager away
    comes home (return_migration 1), then living in their household, so an elder who
    lived alone there no longer does."""
    rows = [["E0", 70, "H0", "no"], ["S0", 40, "H0", "yes"], ["S1", 35, "H1", "yes"]]
    rows += [[f"E{i}", 61 + i % 30, f"H{i}", ""] for i in range(1, 30)]
    rows += [[f"W{i}", 25 + i % 30, f"H{i}", "no"] for i in range(2, 30)]
    write_tables(tmp_path / "v", {"residents": (["id", "age", "household", "lives_away"], rows)})
    roster = read_roster(tmp_path / "v")
    assert (roster.size, roster.listed, roster.living_away) == (58, 60, 2)
    model = VillageModel(seed=1, roster=roster, return_migration=1.0, out_migration=0.0)
    pop, order = model.population, roster.model_order()
    row = {roster.ids[k]: i for i, k in enumerate(order)}
    son, elder = row["S0"], row["E0"]
    assert model.params.residents == 58
    assert not pop.present[son] and not pop.lived_here[son]
    assert pop.living[elder] == 0, "the son away does not count: the elder lives alone"
    model.run(2 * 52)
    assert pop.present[son] and pop.lived_here[son] and pop.lived_here[row["S1"]]
    assert pop.household[son] == pop.household[elder]
    if pop.alive[elder]:
        assert pop.living[elder] == 2, "home again: the elder lives with family"


def test_round_trip_with_interventions_and_a_shock(exported):
    teams = load_scenario("all_levels")
    params = teams.params.replace(residents=300)
    synthetic = dataclasses.replace(teams, params=params).run(seed=5, years=3)
    from_files = dataclasses.replace(teams, params=params, village=str(exported)).run(
        seed=5, years=3)
    pd.testing.assert_frame_equal(synthetic.timeseries, from_files.timeseries,
                                  check_exact=True)


def test_a_village_file_runs_deterministically():
    roster = read_roster(EXAMPLE)
    a = run_village(seed=3, years=2, roster=roster)
    b = run_village(seed=3, years=2, roster=read_roster(EXAMPLE))
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries, check_exact=True)
    pd.testing.assert_frame_equal(a.agents, b.agents, check_exact=True)
    c = run_village(seed=4, years=2, roster=roster)
    assert not a.timeseries.equals(c.timeseries)


def test_the_same_seed_gives_the_same_run_in_another_process(tmp_path):
    code = ("import sys; from villageaid.sim.run import run_village; "
            "from villageaid.scenarios.village_files import read_roster; "
            "r = run_village(seed=2, years=1, roster=read_roster(sys.argv[1])); "
            "r.timeseries.to_csv(sys.argv[2], index=False)")
    files = [tmp_path / f"{k}.csv" for k in range(2)]
    for f in files:
        subprocess.run([sys.executable, "-c", code, str(EXAMPLE), str(f)], check=True)
    assert files[0].read_bytes() == files[1].read_bytes()
    here = run_village(seed=2, years=1, roster=read_roster(EXAMPLE)).timeseries
    pd.testing.assert_frame_equal(here, pd.read_csv(files[0]), check_dtype=False)


def _minimal(folder: Path, n=60, ties=False):
    """Only the required columns: id and age."""
    rows = [[f"P{i}", 61 + i % 30 if i < n // 2 else 25 + i % 30] for i in range(n)]
    tables = {"residents": (["id", "age"], rows)}
    if ties:
        tables["ties"] = (["id_a", "id_b", "kind"], [["P0", "P1", "kin"]])
    write_tables(folder, tables)
    return read_roster(folder)


def test_blank_columns_are_filled_from_the_run_seed(tmp_path):
    roster = _minimal(tmp_path / "v")
    assert roster.filled()["frailty"] == 60 and roster.filled()["chronic"] == 30
    assert not roster.has_ties
    one, same, other = (VillageModel(seed=s, roster=roster) for s in (1, 1, 2))
    pop = one.population
    assert np.array_equal(pop.frailty, same.population.frailty)
    assert not np.array_equal(pop.frailty, other.population.frailty)
    assert ((pop.frailty >= 0) & (pop.frailty <= 1)).all()
    assert not pop.chronic[~pop.is_elder].any() and pop.chronic[pop.is_elder].any()
    assert (pop.hours_capacity[~pop.helper] == 0).all() and pop.helper.any()
    assert one.ties.size > 0 and (one.ties.kind > 0).any(), "ties drawn without a ties file"
    one.run(52)
    assert one.timeseries.to_frame()["needs"].sum() > 0


def test_filling_one_column_does_not_change_another(tmp_path):
    """Each column draws from its own stream: blanking frailty leaves trust alone.
    (The village as built, before the warm-up weeks, whose needs follow frailty.)"""
    full = _minimal(tmp_path / "a", ties=True)
    partial = dataclasses.replace(full, given=dict(full.given), values=dict(full.values))
    given = partial.given["frailty"].copy()
    given[:10] = True
    partial.given["frailty"] = given
    partial.values["frailty"] = np.where(given, 0.5, np.nan)
    a, b = (build_village_from_roster(r, make_params(), RandomStreams(1))[0]
            for r in (full, partial))
    assert not np.array_equal(a.frailty, b.frailty)
    assert np.array_equal(a.trust_base, b.trust_base)
    assert np.array_equal(a.loneliness, b.loneliness)


def test_given_cells_are_used_as_written():
    roster = read_roster(EXAMPLE)
    model = VillageModel(seed=0, roster=roster)
    pop, order = model.population, roster.model_order()
    given = roster.given["frailty"][order]
    assert np.array_equal(pop.frailty[given], roster.values["frailty"][order][given])
    assert np.array_equal(pop.age, roster.age[order])
    assert pop.is_elder[:model.n_elders].all() and not pop.is_elder[model.n_elders:].any()
    alone = roster.given["living_alone"][order] & roster.values["living_alone"][order]
    assert (pop.living[alone] == 0).all()
    assert model.params.residents == 300 and model.params.villages == 1


def test_the_largest_space_sets_the_activity_centre_capacity(tmp_path):
    def visits(capacity):
        folder = tmp_path / f"v{capacity}"
        folder.mkdir()
        for name in ("residents", "ties"):
            (folder / f"{name}.csv").write_bytes((EXAMPLE / f"{name}.csv").read_bytes())
        (folder / "spaces.csv").write_text(f"name,capacity\nhall,{capacity}\nshed,1\n")
        centre = INTERVENTIONS["activity_centre"](attend_chance=1.0)
        model = VillageModel(seed=0, roster=read_roster(folder), interventions=[centre])
        assert model.space_capacity == capacity
        model.run(10)
        return centre.visits

    assert visits(3) <= 30 < visits(20) <= 200


def test_exported_workbook_reads_back(tmp_path):
    export_village(tmp_path / "x", seed=5, residents=300, fmt="xlsx")
    export_village(tmp_path / "c", seed=5, residents=300)
    book, folder = read_roster(tmp_path / "x" / "village.xlsx"), read_roster(tmp_path / "c")
    assert book.ids == folder.ids and np.array_equal(book.age, folder.age)
    # a workbook keeps 16 significant digits (the CSV files keep every bit)
    assert np.allclose(book.values["frailty"], folder.values["frailty"], rtol=1e-15, atol=0)
    assert np.array_equal(book.tie_kind, folder.tie_kind)


# ----------------------------------------------------------- scenario files
def test_a_scenario_file_names_a_village_relative_to_itself(tmp_path):
    folder = tmp_path / "scen"
    folder.mkdir()
    relative = os.path.relpath(EXAMPLE, folder)
    (folder / "mine.toml").write_text(
        f'name = "mine"\nyears = 1\nvillage = "{relative}"\n\n'
        '[[interventions]]\ntype = "teams"\n')
    sc = load_scenario(folder / "mine.toml")
    assert sc.village == str(EXAMPLE) and sc.roster.size == 300
    assert sc.params.residents == 300
    # the table form, next to model parameters, loads the same village
    (folder / "table.toml").write_text(
        f'name = "mine"\nyears = 1\n\n[village]\npath = "{relative}"\ngrant = 50000.0\n\n'
        '[[interventions]]\ntype = "teams"\n')
    other = load_scenario(folder / "table.toml")
    assert other.village == sc.village and other.params.grant == 50000.0
    assert load_scenario(folder / "mine.toml").to_toml() == sc.to_toml()
    result = sc.run(seed=1)
    assert result.summary["village"]["residents"] == 300
    assert result.summary["scenario"]["village"] == str(EXAMPLE)


@pytest.mark.parametrize("text, words", [
    ('village = "nowhere"', ["village: ", "nowhere", "no such folder or file"]),
    ('village = 3', ["village: 3 is not a table"]),
    ('[village]\npath = ""', ["village.path: '' is not a path"]),
    ('[village]\npath = "{example}"\nresidents = 500', ["village.residents: cannot be set"]),
    ('[village]\npth = "x"', ["village.pth: unknown key; did you mean 'path'?"]),
])
def test_bad_village_keys_in_a_scenario(text, words, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('name = "s"\n' + text.replace("{example}", str(EXAMPLE)) + "\n")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert any(all(w in line for w in words) for line in exc.value.lines()), exc.value.lines()


def test_a_bad_village_file_in_a_scenario_lists_its_problems(tmp_path):
    folder = tmp_path / "v"
    folder.mkdir()
    (folder / "residents.csv").write_text("id,age\n" + "".join(
        f"R{i},{200 if i == 3 else 70}\n" for i in range(25)))
    (tmp_path / "s.toml").write_text('name = "s"\nvillage = "v"\n')
    with pytest.raises(ScenarioError) as exc:
        load_scenario(tmp_path / "s.toml")
    assert exc.value.lines() == [f"{tmp_path / 's.toml'}: village: {folder / 'residents.csv'}, "
                                 "row 5, column age: 200 is impossible; expected 18 to 119 "
                                 "(years)"]


# -------------------------------------------------------------- command line
def test_the_example_village_runs_from_the_cli(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", "--village", str(EXAMPLE), "--years", "1", "--seed", "1",
                 "--out", str(out), "--no-plot"]) == 0
    printed = capsys.readouterr().out
    assert f"Village {EXAMPLE}: 300 residents (120 elders)" in printed
    assert "filled from the model's defaults (blank cells): frailty 14, chronic 12" in printed
    assert "Running 1 village(s) x 300 residents for 1 years (seed 1)" in printed
    summary = json.loads((out / "summary.json").read_text())
    assert summary["village"]["filled"]["frailty"] == 14
    assert summary["village"]["centre_capacity"] == 40
    assert summary["village"]["living_away"] == 45 and summary["residents"] == 300
    agents = pd.read_csv(out / "agents.csv")
    deaths = pd.read_csv(out / "timeseries.csv")["deaths"].sum()
    assert len(agents) == 300 - deaths and agents["roster_id"].is_unique
    # no one comes home in the first year: the agents are the residents living here,
    # less those who died
    roster = read_roster(EXAMPLE)
    here = {rid for rid, away in zip(roster.ids, roster.away) if not away}
    assert set(agents["roster_id"]) <= here


def test_village_cannot_be_combined_with_residents(capsys, tmp_path):
    assert main(["run", "--village", str(EXAMPLE), "--residents", "500",
                 "--out", str(tmp_path / "o")]) == 2
    assert "--residents: cannot be used with a village file" in capsys.readouterr().err


def test_export_then_run_from_the_cli_repeats_the_synthetic_run(tmp_path, capsys):
    folder = tmp_path / "exported"
    assert main(["village", "export", str(folder), "--seed", "7", "--residents", "150"]) == 0
    assert main(["village", "check", str(folder)]) == 0
    for name, extra in (("synthetic", ["--residents", "150"]),
                        ("files", ["--village", str(folder)])):
        assert main(["run", "--years", "1", "--seed", "7", "--no-plot",
                     "--out", str(tmp_path / name), *extra]) == 0
    a, b = ((tmp_path / name / "timeseries.csv").read_bytes() for name in ("synthetic", "files"))
    assert a == b


def test_compare_on_a_village_file(tmp_path, capsys):
    assert main(["compare", "baseline", "teams", "--village", str(EXAMPLE), "--years", "1",
                 "--replicates", "2", "--workers", "1", "--no-progress",
                 "--out", str(tmp_path / "cmp")]) == 0
    printed = capsys.readouterr().out
    assert f"Village {EXAMPLE}: 300 residents" in printed
    replicates = pd.read_csv(tmp_path / "cmp" / "replicates.csv")
    assert len(replicates) == 4


def test_validate_reports_the_village(tmp_path, capsys):
    (tmp_path / "s.toml").write_text(f'name = "s"\nvillage = "{EXAMPLE}"\n')
    assert main(["validate", str(tmp_path / "s.toml")]) == 0
    assert "village file of 300 residents" in capsys.readouterr().out


def test_the_example_files_are_what_the_generator_writes(tmp_path):
    sys.path.insert(0, str(ROOT / "villages"))
    try:
        import make_example
    finally:
        sys.path.pop(0)
    write_tables(tmp_path, make_example.example_tables(), "csv",
                 __import__("villageaid.scenarios.village_files", fromlist=["readme_text"]).readme_text(
                     make_example.INTRO))
    for name in ("residents.csv", "ties.csv", "spaces.csv", "README.md"):
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_the_guide_shows_the_example_run_as_it_prints(tmp_path, monkeypatch, capsys):
    """docs/guide_village_files.md quotes `villageaid run --village villages/example_300
    --seed 1`; the quote must be what the command prints (all but the run time and paths)."""
    guide = (ROOT / "docs" / "guide_village_files.md").read_text()
    command = "$ villageaid run --village villages/example_300 --seed 1 --out out/example_300\n"
    quoted = guide[guide.index(command) + len(command):].split("```")[0]
    monkeypatch.chdir(ROOT)
    assert main(["run", "--village", "villages/example_300", "--seed", "1", "--no-plot",
                 "--out", str(tmp_path / "run")]) == 0
    printed = capsys.readouterr().out

    def comparable(text):
        lines = text.split("Files:")[0].rstrip("\n").splitlines()
        return [line.split(", run ")[0] if line.startswith("Residents ") else line
                for line in lines]

    assert comparable(quoted) == comparable(printed), (
        "the guide's example run is out of date: rerun `villageaid run --village "
        "villages/example_300 --seed 1 --out out/example_300` and paste its output into "
        "docs/guide_village_files.md")
