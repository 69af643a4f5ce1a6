"""The teacher's kit (docs/teaching/): its generated parts match the model and the
lesson definitions, each lesson's effect goes the way its text says and shows
within the lesson's years, and the English and Chinese lessons correspond.

When a test here fails after a change to the model, regenerate the kit:
`python docs/teaching/make_expected.py` (about a minute), and commit it.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from villageaid.scenarios import load_scenario
from villageaid.visualization.lesson_docs import BLOCKS, all_files, blocks_in, lesson_file
from villageaid.visualization.lesson_results import FIGURES, lesson_expected, run_figures
from villageaid.visualization.lessons import LESSON_INDEX, LESSONS

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "docs" / "teaching"
EXPECTED = json.loads((KIT / "expected.json").read_text(encoding="utf-8"))
STALE = "stale: run `python docs/teaching/make_expected.py` and commit what it writes"


def _script():
    spec = importlib.util.spec_from_file_location("make_expected", KIT / "make_expected.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def values(key: str, figure: str, variant: str) -> np.ndarray:
    return np.array(EXPECTED[key]["figures"][figure][variant]["values"])


# ------------------------------------------------------------ the kit is generated
def test_every_generated_file_holds_what_the_script_writes():
    """Lesson blocks (both languages), expected.json and the scenario files."""
    for path, text in _script().wanted(EXPECTED).items():
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)}: {STALE}"


def test_withdrawal_lesson_results_are_recomputed_exactly():
    lesson = LESSON_INDEX["withdrawal"]
    assert lesson_expected(lesson) == EXPECTED["withdrawal"], STALE


# the factorial's cells that are the all-levels lesson's two scenarios
FACTORIAL_CELL = {"all_levels": "micro+meso+macro", "baseline": "none"}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.key)
def test_first_seed_of_every_lesson_matches_the_kit(lesson):
    """A single seed per scenario, so the whole kit is checked against the model fast."""
    seed = lesson.seeds[0]
    for label in lesson.variants:
        got = run_figures(lesson, label, seed)
        for name in lesson.figures:
            if lesson.key == "levels":
                kept = EXPECTED["levels"]["cells"][name][FACTORIAL_CELL[label]]["values"][0]
            else:
                kept = EXPECTED[lesson.key]["figures"][name][label]["values"][0]
            assert round(got[name], 4) == kept, f"{lesson.key} {label} {name}: {STALE}"


def test_lesson_definitions_are_complete_and_their_scenario_files_load_back():
    assert [x.number for x in LESSONS] == list(range(1, len(LESSONS) + 1))
    assert len(LESSONS) >= 6 and len(LESSON_INDEX) == len(LESSONS)
    for lesson in LESSONS:
        assert lesson.minutes == 90, lesson.key
        assert lesson.objectives and lesson.questions and lesson.watch, lesson.key
        assert set(lesson.figures) <= set(FIGURES), lesson.key
        assert set(EXPECTED[lesson.key]["seeds"]) == set(lesson.seeds)
        for label in lesson.variants:
            scenario = lesson.scenario(label)
            assert scenario.problems() == []
            assert load_scenario(ROOT / lesson.scenario_file(label)) == scenario
            # a lesson about something else has no cold wave to explain
            assert bool(scenario.shocks) == lesson.shocks, (lesson.key, label)


# ------------------------------------------------- each lesson shows what it says
def test_micro_casework_stops_the_withdrawal_the_lesson_village_shows():
    start = values("withdrawal", "withdrawn_start", "baseline")
    without = values("withdrawal", "withdrawn_final", "baseline")
    with_casework = values("withdrawal", "withdrawn_final", "casework")
    # visible within the lesson's three years: the share withdrawn at least doubles
    assert (without >= 2 * start).all() and (without - start).mean() > 0.05
    assert (with_casework < 0.5 * without).all()


def test_meso_helpers_are_lost_and_teams_meet_more_needs():
    assert (values("burnout", "helpers_final", "baseline")
            < values("burnout", "helpers_start", "baseline")).mean() >= 0.8
    for variant in ("teams", "teams_incentives"):
        assert (values("burnout", "coverage", variant).mean()
                > values("burnout", "coverage", "baseline").mean())


def test_macro_matching_meets_more_needs_and_keeps_elders_engaged():
    assert (values("matching", "coverage", "matching")
            > values("matching", "coverage", "baseline")).all()
    assert (values("matching", "withdrawn_final", "matching").mean()
            < values("matching", "withdrawn_final", "baseline").mean())
    assert (values("matching", "matched_share", "matching") > 0).all()


def test_governance_steadies_spending_and_raises_trust_and_half_the_grant_spends_less():
    def v(figure, variant):
        return values("budget", figure, variant)

    assert v("spending_swing", "services_governance").mean() < v("spending_swing", "services").mean()
    assert v("trust_final", "services_governance").mean() > v("trust_final", "services").mean()
    assert (v("spent_per_year", "services_half_grant") < v("spent_per_year", "services")).all()


def test_the_cold_wave_shows_and_all_levels_are_better_off_at_the_worst():
    for variant in ("all_levels", "baseline"):
        assert (values("shock", "depth", variant) > 0.02).all()
    assert (values("shock", "coverage_lowest", "all_levels").mean()
            > values("shock", "coverage_lowest", "baseline").mean())


def test_factorial_every_level_raises_needs_met():
    data = EXPECTED["levels"]
    assert (np.array(data["cells"]["coverage"]["micro+meso+macro"]["values"])
            > np.array(data["cells"]["coverage"]["none"]["values"])).all()
    for level in ("meso", "macro"):
        assert data["effects"]["coverage"][level]["estimate"] > 0


# ------------------------------------------------------ English and Chinese match
def _numbers(text: str) -> list[str]:
    return re.findall(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?", text)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda x: x.key)
def test_english_and_chinese_lessons_correspond(lesson):
    en = lesson_file(KIT, lesson, "en").read_text(encoding="utf-8")
    zh = lesson_file(KIT, lesson, "zh").read_text(encoding="utf-8")
    assert lesson_file(KIT, lesson, "en").name == lesson_file(KIT, lesson, "zh").name
    blocks_en, blocks_zh = blocks_in(en, lesson.key), blocks_in(zh, lesson.key)
    assert set(blocks_en) == set(blocks_zh) == set(BLOCKS)
    for block in ("expected", "plan"):
        assert _numbers(blocks_en[block]) == _numbers(blocks_zh[block]), block
    commands = re.compile(r"```bash\n(.*?)```", re.S)
    assert commands.findall(blocks_en["setup"]) == commands.findall(blocks_zh["setup"])
    assert len(commands.findall(blocks_en["setup"])) == 2
    # the same sections and worksheet tables, and Chinese that is Chinese
    assert en.count("\n## ") == zh.count("\n## ")
    assert len(re.findall(r"[\u4e00-\u9fff]", zh)) > 300 and "目标" in zh
    assert re.search("objective", en, re.I) and re.search("question", en, re.I)


def test_every_lesson_file_is_listed_in_both_indexes():
    en_index = (KIT / "README.md").read_text(encoding="utf-8")
    zh_index = (KIT / "zh" / "README.md").read_text(encoding="utf-8")
    for lesson, lang, path in all_files(KIT):
        assert path.name in (en_index if lang == "en" else zh_index), path


def test_the_numbers_the_prose_quotes_are_the_model_defaults():
    """The budget and shock lessons quote a few defaults in words; they must still hold."""
    from villageaid.sim.committee import GRANT_INSTALMENTS
    from villageaid.sim.params import PARAMETER_INDEX

    grant, donations = (f"{PARAMETER_INDEX[n].default:,.0f}" for n in ("grant", "donations"))
    cold = LESSON_INDEX["shock"].scenario().shocks
    assert [(s["kind"], s["week"], s["duration"], s["severity"]) for s in cold] == [
        ("cold_wave", 105, 8, 0.5)]
    assert GRANT_INSTALMENTS == 4
    for lang in ("en", "zh"):
        budget = lesson_file(KIT, LESSON_INDEX["budget"], lang).read_text(encoding="utf-8")
        assert grant in budget and donations in budget and "1, 14, 27" in budget.replace("、", ", ")
        shock = lesson_file(KIT, LESSON_INDEX["shock"], lang).read_text(encoding="utf-8")
        assert "105" in shock and "0.5" in shock
