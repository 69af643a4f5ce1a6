"""`villageaid factorial --factors ... --spending ...`: any 2 to 4 factors (levels or
single interventions) give 2^k cells and every interaction up to the k-way one, read
back from made-up data; unknown, too few or overlapping factors are refused with a
coded one-line message; `matched` spending gives every cell the same planned cost
(an intensity past its bound is held there and said so), `budget` keeps the preset's
settings, as the factorial always did.

Small villages (200 residents, 1 year, 2 replicates): seconds.
"""

import json

import numpy as np
import pandas as pd
import pytest

from villageaid.cli import main
from villageaid.experiments.factorial import (
    CELL_NAMES, TERMS, analyse, budget_cells, factorial_cells, run_factorial,
)
from villageaid.experiments.factorial_design import DEFAULT, Design, parse_factors
from villageaid.experiments.factorial_spending import apply_spending
from villageaid.experiments.portfolio import planned_cost_per_year
from villageaid.problems import ProblemError
from villageaid.scenarios.loader import load_preset

SMALL = ["--residents", "200", "--replicates", "2", "--no-progress", "--years", "1"]
FOUR = Design(("casework", "teams", "matching", "governance"))


# ------------------------------------------------------------------ the design
def test_the_default_design_is_the_three_levels_the_module_names():
    assert DEFAULT.cell_names == CELL_NAMES and DEFAULT.terms == TERMS
    assert parse_factors(None) == DEFAULT == parse_factors("micro, meso,macro")


def test_a_four_factor_design_has_16_cells_and_every_interaction():
    assert len(FOUR.cells) == 16 and len(set(FOUR.cells)) == 16
    assert FOUR.cell_names[:4] == ("none", "casework", "teams", "casework+teams")
    assert len(FOUR.terms) == 15 and FOUR.terms[-1] == "casework:teams:matching:governance"
    assert [t.count(":") + 1 for t in FOUR.terms] == [1] * 4 + [2] * 6 + [3] * 4 + [4]
    signs = np.array([[FOUR.sign(t, c) for c in FOUR.cells] for t in FOUR.terms])
    assert (signs.sum(axis=1) == 0).all()  # every term balanced
    assert (signs @ signs.T == 16 * np.eye(15)).all()  # and orthogonal to every other


def test_known_effects_of_a_four_factor_design_come_back():
    """y = 10 + 2 teams - 1.5 casework:matching + 0.5 (4-way) + the replicate's level."""
    truth = {"teams": 2.0, "casework:matching": -1.5,
             "casework:teams:matching:governance": 0.5}
    rows = []
    for r in range(3):
        for code, name in zip(FOUR.cells, FOUR.cell_names):
            y = 10 + 4.0 * r + sum(b * FOUR.sign(t, code) for t, b in truth.items())
            rows.append({"cell": name, **dict(zip(FOUR.factors, code)), "replicate": r,
                         "seed": r, "spent": y + 0.01 * r * code[0]})
    result = analyse(pd.DataFrame(rows))
    assert result.design == FOUR
    effects = result.effects.set_index("effect")["estimate"]
    for term in FOUR.terms:  # an effect is twice its coefficient (+1 minus -1)
        assert effects[term] == pytest.approx(2 * truth.get(term, 0.0), abs=0.02), term
    table = result.table()
    assert f"effect {FOUR.terms[-1]}" in table.columns and "cell none" in table.columns


@pytest.mark.parametrize("text, code, words", [
    ("micro,foo", "factorial_unknown_factor", "'foo' is not a factor"),
    ("micro", "factorial_factor_count", "names 1 factor(s); expected 2 to 4"),
    ("casework,teams,matching,governance,recognition", "factorial_factor_count",
     "names 5 factor(s)"),
    ("meso,teams", "factorial_overlapping_factors", "meso and teams overlap (both switch teams)"),
    ("macro,macro", "factorial_overlapping_factors", "macro and macro overlap"),
])
def test_bad_factors_are_refused_with_a_coded_message(text, code, words, tmp_path, capsys):
    with pytest.raises(ProblemError) as err:
        parse_factors(text)
    assert err.value.problems[0].code == code
    assert main(["factorial", "--factors", text, "--out", str(tmp_path / "f")]) == 2
    message = capsys.readouterr().err.strip()
    assert message.startswith("villageaid factorial: error: --factors: ")
    assert words in message and "\n" not in message and "Traceback" not in message
    assert "micro, meso, macro, casework, teams" in message  # the known names
    assert not (tmp_path / "f").exists()


# ------------------------------------------------------------------ spending
def test_matched_cells_plan_the_same_spending():
    cells = factorial_cells(1, residents=200, spending="matched")
    preset = load_preset("all_levels")
    target = min(planned_cost_per_year(preset), preset.params.grant + preset.params.donations)
    for sc in cells[1:]:  # the none cell has nothing to spend on
        assert planned_cost_per_year(sc) == pytest.approx(target, abs=1.0), sc.name
    assert planned_cost_per_year(cells[0]) == 0.0
    micro = dict(cells[1].interventions)["casework"]
    assert micro["intensity"] > 1.0 > dict(cells[-1].interventions)["casework"]["intensity"]


def test_an_intensity_past_its_bound_is_held_there_and_said_so():
    cells, record = apply_spending(budget_cells(1, residents=200, design=FOUR), "matched")
    governance = dict(cells[FOUR.cell_names.index("governance")].interventions)["governance"]
    assert governance["intensity"] == 3.0  # its registry bound
    assert record["capped"]["governance"] == ["governance"]
    assert "governance" in record["short"]
    assert record["cells"]["governance"]["planned_cost"] < record["target"] - 1
    for name in ("casework+teams", "teams+matching+governance", FOUR.all_on):
        assert record["cells"][name]["planned_cost"] == pytest.approx(record["target"], abs=1.0)


def test_a_cell_whose_plan_cannot_grow_keeps_its_intensity_and_is_short():
    """Recognition's cost is per active helper, outside the plan: scaling it by 0 would
    switch it off, so it keeps the preset's intensity and the cell is named short."""
    design = parse_factors("recognition,micro")
    cells, record = apply_spending(budget_cells(1, residents=200, design=design), "matched")
    alone = dict(cells[design.cell_names.index("recognition")].interventions)
    assert alone["recognition"]["intensity"] == 1.0
    assert record["short"] == ["recognition"]
    assert record["cells"]["none"]["short"] is False


def test_budget_spending_keeps_the_presets_settings_and_runs(tmp_path):
    preset = dict(load_preset("all_levels").interventions)
    budget = factorial_cells(1, residents=200, spending="budget")
    assert budget == factorial_cells(1, residents=200)  # the API's default is unchanged
    for sc in budget:
        for kind, settings in sc.interventions:
            assert settings == preset[kind]
    out = tmp_path / "b"
    assert main(["factorial", *SMALL, "--seed", "5", "--workers", "1", "--spending", "budget",
                 "--out", str(out)]) == 0
    runs = run_factorial(budget, 2, 5, 1)
    cli = pd.read_csv(out / "cells.csv")
    pd.testing.assert_frame_equal(cli, pd.read_csv(_csv(runs, tmp_path)))
    meta = json.loads((out / "factorial.json").read_text())
    assert meta["spending"]["rule"] == "budget" and meta["rerun"].endswith("--spending budget")


def _csv(frame, folder):
    path = folder / "api.csv"
    frame.to_csv(path, index=False)
    return path


# ------------------------------------------------------------------ the command
def test_a_four_factor_run_writes_its_design_effects_and_spending(tmp_path, capsys):
    out = tmp_path / "four"
    assert main(["factorial", *SMALL, "--seed", "2", "--workers", "2", "--factors",
                 ",".join(FOUR.factors), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    effects = pd.read_csv(out / "effects.csv")
    assert set(effects.effect) == set(FOUR.terms)
    cells = pd.read_csv(out / "cells.csv")
    assert len(cells) == 32 and list(cells.columns[1:5]) == list(FOUR.factors)
    meta = json.loads((out / "factorial.json").read_text())
    assert list(meta["factors"]) == list(FOUR.factors) and meta["design"].startswith("2x2x2x2")
    assert meta["spending"]["rule"] == "matched"
    assert "--factors casework,teams,matching,governance" in meta["rerun"]
    spending = pd.read_csv(out / "spending.csv").set_index("cell")
    matched = spending.drop(index=["none", *meta["spending"]["short"]])
    assert np.allclose(matched["planned_cost_per_year"], meta["spending"]["target"], atol=1.0)
    assert (spending["spent_mean"] > 0).sum() == 15
    assert "Spending matched: every cell's interventions are scaled" in printed
    assert "casework:teams:matching:governance" in printed
    assert (out / "factorial.png").stat().st_size > 0
