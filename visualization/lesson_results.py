"""The figures a class should expect from each lesson, from seeded runs of its scenarios.

For every lesson (visualization/lessons.py) each of its scenarios is run over
the lesson's seeds, for the lesson's years, and the figures it asks students to
watch are summarised as the mean and the range (lowest, highest) over the seeds.
The all-levels lesson runs the 2x2x2 factorial of the levels instead
(experiments/factorial.py) and reports cell means and effects. The teacher's kit
(docs/teaching/make_expected.py) writes these into docs/teaching/expected.json
and into the lessons' "Expected results" sections; tests/test_teaching.py
recomputes them, so the kit stays true to the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..sim.committee import WEEKS_PER_YEAR
from ..sim.resilience import (against_counterfactual, performance_curve, resilience,
                              shock_window)
from .lessons import LESSON_VILLAGE, Lesson

DIGITS = 4  # figures are stored rounded, so the kit reads the same on every machine


@dataclass(frozen=True)
class Figure:
    label: tuple[str, str]  # (English, Chinese)
    kind: str  # share (in %), points (a drop), signed (a change), count, number, cny, weeks
    of_run: Callable | None = None  # (timeseries, summary) -> float; None: resilience


def _yearly_spent(ts) -> np.ndarray:
    spent = ts["spent"].to_numpy()
    return spent[: len(spent) // WEEKS_PER_YEAR * WEEKS_PER_YEAR].reshape(-1, WEEKS_PER_YEAR).sum(1)


def _swing(ts) -> float:
    """Year-to-year swing of spending: standard deviation over mean of the yearly sums."""
    years = _yearly_spent(ts)
    return float(years.std() / years.mean()) if years.mean() > 0 else 0.0


def _head(name: str) -> Callable:
    return lambda ts, summary: summary["headline"][name]


FIGURES: dict[str, Figure] = {
    "withdrawn_start": Figure(("elders withdrawn, first week", "第一周退缩老人比例"), "share",
                              lambda ts, s: ts["share_withdrawn"].iloc[0]),
    "withdrawn_final": Figure(("elders withdrawn, last week", "最后一周退缩老人比例"), "share",
                              _head("withdrawn_final")),
    "efficacy_final": Figure(("elders' self-efficacy, last week (0-1)",
                              "最后一周老人平均自我效能感（0-1）"), "number", _head("efficacy_final")),
    "loneliness_final": Figure(("elders' loneliness, last week (0-1)",
                                "最后一周老人平均孤独感（0-1）"), "number", _head("loneliness_final")),
    "participation_last_year": Figure(("elders taking part in mutual aid, last year",
                                       "最后一年参与互助的老人比例"), "share",
                                      _head("participation_last_year")),
    "helpers_start": Figure(("active helpers, first week", "第一周活跃帮助者人数"), "count",
                            lambda ts, s: ts["helpers_active"].iloc[0]),
    "helpers_final": Figure(("active helpers, last week", "最后一周活跃帮助者人数"), "count",
                            _head("helpers_final")),
    "burnout": Figure(("helpers' mean burnout (0-1)", "帮助者平均倦怠（0-1）"), "number",
                      _head("burnout")),
    "dropout_per_year": Figure(("helpers dropping out per year", "每年退出的帮助者比例"), "share",
                               _head("dropout_per_year")),
    "coverage": Figure(("needs met", "需求满足率"), "share", _head("coverage")),
    "unmet_per_week": Figure(("needs left unmet per week", "每周未满足的需求数"), "count",
                             _head("unmet_per_week")),
    "matched_share": Figure(("needs met through matching", "通过匹配满足的需求占比"), "share",
                            lambda ts, s: ts["met_by_matched"].sum() / max(ts["met"].sum(), 1)),
    "spent_per_year": Figure(("money spent per year (CNY)", "每年支出（元）"), "cny",
                             lambda ts, s: float(_yearly_spent(ts).mean())),
    "spending_swing": Figure(("year-to-year swing of spending", "年度支出的波动幅度"), "share",
                             lambda ts, s: _swing(ts)),
    "shortfalls": Figure(("weekly payments not made in full (all interventions)",
                          "未足额支付的周次（各项干预合计）"), "count",
                         lambda ts, s: sum(r.get("shortfall_weeks", 0)
                                           for r in s["intervention_reports"].values())),
    "trust_final": Figure(("elders' trust in mutual aid, last week (0-1)",
                           "最后一周老人对互助的信任（0-1）"), "number",
                          lambda ts, s: ts["mean_trust"].iloc[-1]),
    "credibility_final": Figure(("committee's credibility, last week (0-1)",
                                 "最后一周村委会公信力（0-1）"), "number",
                                lambda ts, s: ts["credibility"].iloc[-1]),
    "coverage_before": Figure(("needs met before the cold wave", "寒潮前的需求满足率"), "share"),
    "coverage_lowest": Figure(("needs met at the lowest point", "最低点的需求满足率"), "share"),
    "depth": Figure(("drop after the shock (points)", "冲击后的下降幅度（百分点）"), "points"),
    "recovery_weeks": Figure(("weeks to recover (to the end if never)",
                              "恢复所需周数（未恢复则计到结束）"), "weeks"),
    "area_lost": Figure(("needs met lost to the shock (share x weeks)",
                         "冲击造成的满足率损失（比例×周）"), "number"),
    "transformative": Figure(("level after minus before (points)",
                               "冲击后水平减冲击前水平（百分点）"), "signed"),
}

SHOCK_FIGURES = ("coverage_before", "coverage_lowest", "depth", "recovery_weeks",
                 "area_lost", "transformative")


def run_figures(lesson: Lesson, label: str, seed: int) -> dict[str, float]:
    """One seeded run of one of the lesson's scenarios: its figures."""
    scenario = lesson.scenario(label)
    result = scenario.run(seed=seed)
    ts, summary = result.timeseries, result.summary
    out = {name: float(FIGURES[name].of_run(ts, summary))
           for name in lesson.figures if name not in SHOCK_FIGURES}
    if any(name in SHOCK_FIGURES for name in lesson.figures):
        out.update(_shock_figures(scenario, ts, seed))
    return out


def _shock_figures(scenario, ts, seed: int) -> dict[str, float]:
    """Resilience of needs met, measured against the same village without the shock."""
    week = min(s["week"] for s in scenario.shocks)
    twin = scenario.without_shocks().run(seed=seed).timeseries
    curve = performance_curve(against_counterfactual(ts, twin, week), "coverage")
    r = resilience(curve, week, window=shock_window(scenario.shocks))
    recovery = r["recovery_weeks"] if r["recovered"] else r["horizon"] - week + 1
    return {"coverage_before": r["pre_level"], "coverage_lowest": r["pre_level"] - r["depth"],
            "depth": r["depth"], "recovery_weeks": float(recovery),
            "area_lost": r["area_lost"], "transformative": r["transformative"]}


def _summary(values: list[float]) -> dict:
    v = [round(float(x), DIGITS) for x in values]
    return {"mean": round(float(np.mean(values)), DIGITS), "low": min(v), "high": max(v),
            "values": v}


def lesson_expected(lesson: Lesson) -> dict:
    """The lesson's expected results: for each scenario and figure, the mean and range
    over its seeds (the factorial's cells and effects for the all-levels lesson)."""
    head = {"years": lesson.years, "seeds": list(lesson.seeds),
            "residents": lesson.scenario().params.residents}
    if lesson.key == "levels":
        return {**head, **_factorial_expected(lesson)}
    runs = {label: [run_figures(lesson, label, seed) for seed in lesson.seeds]
            for label in lesson.variants}
    return {**head, "figures": {name: {label: _summary([r[name] for r in runs[label]])
                                       for label in lesson.variants}
                                for name in lesson.figures}}


def _factorial_expected(lesson: Lesson) -> dict:
    from ..experiments.factorial import (CELL_NAMES, TERMS, analyse, factorial_cells,
                                         run_factorial)

    cells = factorial_cells(lesson.years, residents=LESSON_VILLAGE["residents"])
    runs = run_factorial(cells, len(lesson.seeds), lesson.seeds[0], lesson.years)
    result = analyse(runs)
    out: dict = {"cells": {}, "effects": {}}
    for name in lesson.figures:
        out["cells"][name] = {cell: _summary(runs[runs.cell == cell][name].tolist())
                              for cell in CELL_NAMES}
        rows = result.effects[result.effects.metric == name].set_index("effect")
        out["effects"][name] = {
            term: {"estimate": round(float(rows.loc[term, "estimate"]), DIGITS),
                   "low": round(float(rows.loc[term, "low"]), DIGITS),
                   "high": round(float(rows.loc[term, "high"]), DIGITS),
                   "reading": str(rows.loc[term, "reading"])}
            for term in TERMS}
    return out
