"""Guided lessons for teaching multi-level practice (micro, meso, macro) with the dashboard.

This module is the one source of every lesson's definition: its village (a
preset or a mix of the presets' interventions, with a few parameters changed
so the mechanism shows within the lesson's years), the scenarios it compares,
its seeds, objectives, 90-minute plan, what to watch, the mechanism in plain
words and the discussion questions, each in English and Simplified Chinese.
The Learn page (visualization/pages/learn.py) shows them; the teacher's kit in
docs/teaching/ splices them into its lesson files, and its expected results
come from seeded runs of the same scenarios (visualization/lesson_results.py,
docs/teaching/make_expected.py), so the kit and the page cannot drift apart.

The villages were chosen by running the model: 400 adults (each dot on the
network stays visible), no cold wave unless the lesson is about the shock.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..scenarios import Scenario, load_scenario
from .lessons_text import LESSON_TEXT, T

LESSON_VILLAGE = {"residents": 400}  # every lesson's village starts from this
SCENARIO_DIR = "docs/teaching/scenarios"  # the lessons' scenario files, for the CLI
FULL_PRESET = "all_levels"  # where a mix of interventions takes its settings from

LEVEL_TEXT: dict[str, T] = {
    "micro": ("micro", "微观"), "meso": ("meso", "中观"), "macro": ("macro", "宏观"),
    "all": ("all three levels", "三个层次合一"),
}

# The name of each scenario a lesson runs, as the kit's expected-results tables show it.
VARIANT_TEXT: dict[str, T] = {
    "baseline": ("informal aid only", "仅非正式互助"),
    "casework": ("with casework", "加个案工作"),
    "teams": ("volunteer teams", "志愿服务队"),
    "teams_incentives": ("teams + recognition + time bank", "服务队＋表彰＋时间银行"),
    "matching": ("matching + activity centre", "匹配＋活动中心"),
    "all_levels": ("all levels", "三个层次全部干预"),
    "services": ("casework, teams, matching", "个案、服务队、匹配"),
    "services_governance": ("the same + governance", "以上＋协同治理"),
    "services_half_grant": ("the same, grant halved", "以上，补助减半"),
}


@dataclass(frozen=True)
class Lesson:
    key: str
    number: int
    level: str  # micro, meso, macro or all
    title: T
    setup: T  # what the set-up does, in a sentence
    objectives: tuple[T, ...]
    plan: tuple[tuple[int, T], ...]  # (minutes, activity): a 90-minute class
    watch: tuple[T, ...]
    why: tuple[T, ...]
    questions: tuple[T, ...]
    try_next: tuple[T, ...]
    preset: str  # the scenario loaded into Explore: a preset or a key of `mixes`
    compare_with: str  # the scenario to compare it with on the Compare page
    village: dict = field(default_factory=dict)  # parameter changes, for every scenario
    years: int = 3
    seed: int = 1  # the seed Explore starts with
    seeds: tuple[int, ...] = (1, 2, 3, 4, 5)  # the seeds of the expected results
    shocks: bool = False  # keep the presets' cold wave (start of year 3)
    extra: tuple[str, ...] = ()  # more scenarios in the expected results
    mixes: dict = field(default_factory=dict)  # label -> intervention types (all_levels')
    variant_village: dict = field(default_factory=dict)  # label -> more parameter changes
    figures: tuple[str, ...] = ()  # what the expected results report (lesson_results.FIGURES)

    @property
    def minutes(self) -> int:
        return sum(m for m, _ in self.plan)

    @property
    def variants(self) -> tuple[str, ...]:
        """Every scenario of the lesson: the one set up, the one compared, the extras."""
        return (self.preset, self.compare_with, *self.extra)

    def name(self, label: str | None = None) -> str:
        return f"lesson_{self.key}_{label or self.preset}"

    def scenario(self, label: str | None = None) -> Scenario:
        """The lesson's village with the interventions (and, with `shocks`, the cold
        wave) of `label`: a preset, or a mix of the all_levels preset's interventions."""
        label = label or self.preset
        if label in self.mixes:
            base = load_scenario(FULL_PRESET)
            kept = [(kind, dict(s)) for kind, s in base.interventions
                    if kind in self.mixes[label]]
            description = "Lesson mix: " + ", ".join(k for k, _ in kept)
            base = dataclasses.replace(base, interventions=kept, description=description)
        else:
            base = load_scenario(label)
        params = base.params.replace(**{**LESSON_VILLAGE, **self.village,
                                        **self.variant_village.get(label, {})})
        return dataclasses.replace(
            base, name=self.name(label), years=self.years, params=params,
            shocks=[dict(s) for s in base.shocks] if self.shocks else [],
            source=f"lesson {self.key}")

    def scenario_file(self, label: str | None = None) -> str:
        return f"{SCENARIO_DIR}/{self.name(label)}.toml"

    def cli_run(self, label: str | None = None) -> str:
        """The command that runs what Explore shows (same village, years and seed)."""
        return (f"villageaid run --scenario {self.scenario_file(label)} --seed {self.seed} "
                f"--out out/lesson{self.number}")

    def cli_compare(self) -> str:
        """The command that reproduces the expected results (same seeds)."""
        if self.key == "levels":
            return (f"villageaid factorial --replicates {len(self.seeds)} --seed "
                    f"{self.seeds[0]} --years {self.years} --residents "
                    f"{LESSON_VILLAGE['residents']} --out out/lesson{self.number}")
        files = " ".join(self.scenario_file(v) for v in self.variants)
        return (f"villageaid compare {files} --replicates {len(self.seeds)} --seed "
                f"{self.seeds[0]} --out out/lesson{self.number}")


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        key="withdrawal", number=1, level="micro", preset="baseline", compare_with="casework",
        village={"efficacy_loss_isolated": 0.02},
        figures=("withdrawn_start", "withdrawn_final", "efficacy_final", "loneliness_final",
                 "participation_last_year"),
        **LESSON_TEXT["withdrawal"]),
    Lesson(
        key="burnout", number=2, level="meso", preset="baseline",
        compare_with="teams_incentives", extra=("teams",),
        village={"helper_share_adult": 0.08, "helper_share_elder": 0.2, "burnout_load": 0.08},
        figures=("helpers_start", "helpers_final", "burnout", "dropout_per_year", "coverage"),
        **LESSON_TEXT["burnout"]),
    Lesson(
        key="matching", number=3, level="macro", preset="matching", compare_with="baseline",
        figures=("coverage", "unmet_per_week", "matched_share", "withdrawn_final",
                 "participation_last_year"),
        **LESSON_TEXT["matching"]),
    Lesson(
        key="budget", number=4, level="macro", preset="services",
        compare_with="services_governance", extra=("services_half_grant",), years=4,
        mixes={"services": ("casework", "teams", "matching"),
               "services_governance": ("casework", "teams", "matching", "governance"),
               "services_half_grant": ("casework", "teams", "matching")},
        variant_village={"services_half_grant": {"grant": 30_000.0}},
        figures=("spent_per_year", "spending_swing", "shortfalls", "trust_final",
                 "credibility_final", "coverage"),
        **LESSON_TEXT["budget"]),
    Lesson(
        key="shock", number=5, level="macro", preset="all_levels", compare_with="baseline",
        years=5, shocks=True,
        figures=("coverage_before", "coverage_lowest", "depth", "recovery_weeks",
                 "area_lost", "transformative"),
        **LESSON_TEXT["shock"]),
    Lesson(
        key="levels", number=6, level="all", preset="all_levels", compare_with="baseline",
        figures=("coverage", "withdrawn_final"),  # the factorial's cells and effects
        **LESSON_TEXT["levels"]),
)

LESSON_INDEX = {lesson.key: lesson for lesson in LESSONS}
