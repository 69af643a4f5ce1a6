"""`villageaid factorial`: the 2^3 sign table gives known effects back (main effects,
two-way and a pure three-way interaction); unresolved effects read "cannot tell";
the cells carry the presets' interventions; the same seed gives the same effects.csv
whatever the workers; the command writes every file and names every term; a bad
option is refused with a coded message; Ctrl-C keeps the finished runs.

The villages are small (200 residents, 1-2 years, 2 replicates), so the file runs in
seconds.
"""

import itertools
import json

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments import factorial
from villageaid.experiments.factorial import (
    CELL_NAMES, CELLS, FACTORS, INTERACTIONS, TERMS, analyse, cell_name, contrast,
    factorial_cells, sign,
)
from villageaid.problems import Problem, ProblemError
from villageaid.scenarios.loader import load_preset
from villageaid.visualization.factorial_figure import format_factorial, verdict_line

SMALL = ["--residents", "200", "--replicates", "2", "--no-progress"]


def coded(code: tuple) -> dict:
    """Each term's -1/+1 code in a cell, as the usual sign table has it."""
    x = {f: (1 if on else -1) for f, on in zip(FACTORS, code)}
    return {t: int(np.prod([x[f] for f in t.split(":")])) for t in TERMS}


def synthetic(coefficients: dict, metric: str, replicates: int = 3, noise=None) -> pd.DataFrame:
    """cells.csv rows of a made-up metric y = 10 + sum(b_t x_t) + u_r + e_rc: u_r is a
    replicate's own level (common to its 8 cells, so every contrast cancels it)."""
    rows = []
    for r in range(replicates):
        for k, code in enumerate(CELLS):
            y = 10 + 3.0 * r + sum(b * coded(code)[t] for t, b in coefficients.items())
            if noise is not None:
                y += noise(r, code)
            rows.append({"cell": cell_name(code), **dict(zip(FACTORS, code)),
                         "replicate": r, "seed": r, metric: y})
    return pd.DataFrame(rows)


def effects_of(result, metric):
    e = result.effects[result.effects.metric == metric]
    return dict(zip(e.effect, e.estimate)), e.set_index("effect")


# ------------------------------------------------------------------ the sign table
def test_the_sign_table_is_the_standard_2_cubed_design():
    assert CELL_NAMES == ("none", "micro", "meso", "micro+meso", "macro", "micro+macro",
                          "meso+macro", "micro+meso+macro")
    signs = np.array([[sign(t, c) for c in CELLS] for t in TERMS])
    assert (signs.sum(axis=1) == 0).all()  # each term: four + and four -
    assert (signs @ signs.T == 8 * np.eye(len(TERMS))).all()  # orthogonal columns
    assert [sign("micro:meso:macro", c) for c in CELLS] == [-1, 1, 1, -1, 1, -1, -1, 1]


def test_known_main_effects_and_interactions_come_back_as_twice_their_coefficient():
    b = {"micro": 2.0, "meso": 1.0, "macro": -0.5, "micro:meso": 0.75, "micro:macro": -0.25,
         "meso:macro": 0.4, "micro:meso:macro": 0.3}
    result = analyse(synthetic(b, "unmet_per_week"))
    got, rows = effects_of(result, "unmet_per_week")
    assert got == pytest.approx({t: 2 * v for t, v in b.items()}, abs=1e-12)
    assert rows["n"].eq(3).all() and rows["resolved"].all()  # no spread: every one resolved
    # unmet needs: lower is better, so a positive interaction means they substitute
    assert rows.loc["micro:meso", "reading"] == "substitute"
    assert rows.loc["micro:macro", "reading"] == "reinforce"
    assert rows.loc["micro", "reading"] == "worse" and rows.loc["macro", "reading"] == "better"


def test_a_pure_three_way_interaction_shows_only_in_the_three_way_term():
    result = analyse(synthetic({"micro:meso:macro": 0.5}, "spent"))
    got, _ = effects_of(result, "spent")
    assert got["micro:meso:macro"] == pytest.approx(1.0)
    assert all(abs(got[t]) < 1e-12 for t in TERMS if t != "micro:meso:macro")
    # the same with contrast() on one replicate's cells
    values = {c: 0.5 * coded(c)["micro:meso:macro"] for c in CELLS}
    assert contrast("micro:meso:macro", values) == pytest.approx(1.0)
    assert contrast("micro:meso", values) == pytest.approx(0.0)


# ------------------------------------------------------------------ readings
def test_an_interval_that_includes_0_reads_cannot_tell():
    swing = {0: 0.02, 1: -0.02, 2: 0.01}  # micro:meso's own sign changes by replicate
    frame = synthetic({"meso": 0.1}, "coverage", noise=lambda r, c: 0.0)
    frame["coverage"] = [0.5 + 0.1 * coded(c)["meso"] + swing[r] * coded(c)["micro:meso"]
                         for r in range(3) for c in CELLS]
    result = analyse(frame)
    _, rows = effects_of(result, "coverage")
    assert rows.loc["micro:meso", "low"] < 0 < rows.loc["micro:meso", "high"]
    assert rows.loc["micro:meso", "reading"] == "cannot tell"
    assert rows.loc["meso", "reading"] == "better"
    assert result.verdict("coverage")["word"] == "cannot tell"
    table = result.table()
    assert table.loc[0, "effect micro:meso"].endswith("cannot tell")
    assert not table.loc[0, "effect meso"].endswith("cannot tell")
    report = format_factorial(result)
    assert "cannot tell" in report and "no interaction is resolved" in report
    assert "无法区分" in format_factorial(result, "zh")


def test_the_plain_answer_follows_the_better_direction_and_names_its_terms():
    more = analyse(synthetic({"micro:meso": 0.01}, "coverage"))  # resolved, higher is better
    assert more.verdict("coverage")["word"] == "reinforce"
    line = verdict_line(more, "coverage")
    assert "reinforce each other: micro:meso" in line and "cannot tell for" in line
    worse = analyse(synthetic({"micro:meso": 0.01}, "burnout"))  # lower is better
    assert worse.verdict("burnout")["word"] == "substitute"
    mixed = analyse(synthetic({"micro:meso": 0.01, "meso:macro": -0.01}, "coverage"))
    assert mixed.verdict("coverage")["word"] == "cannot tell"
    assert analyse(synthetic({"micro:meso": 1.0}, "spent")).verdict("spent")["word"] == \
        "no direction"


# ------------------------------------------------------------------ the cells
def test_each_cell_runs_its_levels_with_the_presets_settings_and_no_shock():
    cells = {sc.name: sc for sc in factorial_cells(2)}
    assert tuple(cells) == CELL_NAMES
    assert cells["none"].interventions == []
    assert cells["micro"].interventions == load_preset("casework").interventions
    assert cells["meso"].interventions == load_preset("teams_incentives").interventions
    matching = load_preset("matching").interventions
    assert cells["macro"].interventions[:len(matching)] == matching
    assert [k for k, _ in cells["macro"].interventions] == [
        "matching", "activity_centre", "governance"]
    assert cells["micro+meso+macro"].interventions == load_preset("all_levels").interventions
    assert all(sc.shocks == [] and sc.years == 2 for sc in cells.values())
    assert all(sc.params == load_preset("baseline").params for sc in cells.values())
    shocked = factorial_cells(3, cold_wave=True)
    assert all(sc.shocks == load_preset("baseline").shocks for sc in shocked)


# ------------------------------------------------------------------ the command
def test_the_command_writes_every_file_and_the_same_seed_gives_the_same_effects(
        tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["factorial", *SMALL, "--years", "2", "--seed", "3", "--out", str(first),
                 "--workers", "2"]) == 0
    printed = capsys.readouterr().out
    for name in ("cells.csv", "means.csv", "effects.csv", "table.csv", "spending.csv",
                 "factorial.json", "factorial.png"):
        assert (first / name).stat().st_size > 0, name
    cells = pd.read_csv(first / "cells.csv")
    assert len(cells) == 16 and set(cells.cell) == set(CELL_NAMES)
    assert sorted(set(cells.seed)) == [3, 4]
    assert {"coverage", "participation", "micro", "meso", "macro"} <= set(cells.columns)
    effects = pd.read_csv(first / "effects.csv")
    assert set(effects.effect) == set(TERMS)
    assert {"micro", "meso", "macro", "micro:meso:macro"} <= set(effects.effect)
    assert set(effects.reading) <= {"better", "worse", "reinforce", "substitute", "resolved",
                                    "cannot tell"}
    meta = json.loads((first / "factorial.json").read_text())
    assert meta["seeds"] == [3, 4] and meta["years"] == 2 and meta["shocks"] == "none"
    assert meta["rerun"] == ("villageaid factorial --replicates 2 --years 2 --seed 3 "
                             "--residents 200 --spending matched")
    assert meta["complete"] is True and meta["factors"]["micro"] == ["casework"]
    assert "no shocks" in printed and "micro:meso:macro" in printed
    assert "Do the levels reinforce each other?" in printed

    assert main(["factorial", *SMALL, "--years", "2", "--seed", "3", "--out", str(second),
                 "--workers", "1", "--lang", "zh"]) == 0
    assert "各层次是否相互强化" in capsys.readouterr().out
    assert (first / "effects.csv").read_bytes() == (second / "effects.csv").read_bytes()
    assert (first / "cells.csv").read_bytes() == (second / "cells.csv").read_bytes()


@pytest.mark.parametrize("options, words", [
    (["--replicates", "1"], "--replicates: 1 is out of range; expected 2 to 10,000"),
    (["--years", "0"], "--years: 0 is out of range; expected 1 to 100"),
    (["--workers", "two"], "--workers: 'two' is not a whole number"),
    (["--lang", "fr"], "--lang: invalid choice: 'fr'"),
])
def test_a_bad_option_value_is_refused_in_one_line(options, words, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["factorial", "--out", str(tmp_path / "f"), *options])
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err and "Traceback" not in err
    assert not (tmp_path / "f").exists()


def test_a_cold_wave_after_the_run_is_refused_with_a_coded_problem(tmp_path, capsys):
    code = main(["factorial", "--cold-wave", "--years", "2", "--out", str(tmp_path / "f")])
    assert code == 2
    err = capsys.readouterr().err.strip()
    problem = Problem("cold_wave_after_run", "--cold-wave",
                      facts={"week": 105, "years": 2, "least": 3})
    assert err == f"villageaid factorial: error: {problem}"
    assert "week 105" in err and "--years 3 or more" in err
    assert ProblemError([problem]).lines("zh")[0].startswith("--cold-wave：预设场景的寒潮从第 105 周")
    assert not (tmp_path / "f").exists()  # nothing ran, nothing was made


def test_residents_with_a_village_file_is_refused(tmp_path, capsys):
    code = main(["factorial", "--village", "villages/example_300", "--residents", "200",
                 "--out", str(tmp_path / "f")])
    assert code == 2
    assert "--residents: cannot be used with a village file" in capsys.readouterr().err


def test_ctrl_c_keeps_the_finished_runs(tmp_path, capsys, monkeypatch):
    real, calls = factorial._run_cell, itertools.count()

    def stop_at_the_fourth(task):
        if next(calls) == 3:
            raise KeyboardInterrupt
        return real(task)

    monkeypatch.setattr(factorial, "_run_cell", stop_at_the_fourth)
    out = tmp_path / "f"
    code = main(["factorial", *SMALL, "--years", "1", "--workers", "1", "--out", str(out)])
    assert code == 130
    assert "3 of 16 runs are saved" in capsys.readouterr().err
    kept = pd.read_csv(out / "cells.csv")
    assert list(kept.cell) == ["none", "micro", "meso"] and set(kept.replicate) == {0}
    assert json.loads((out / "factorial.json").read_text())["complete"] is False
    assert not (out / "effects.csv").exists()
