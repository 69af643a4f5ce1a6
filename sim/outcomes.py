"""The outcome metrics of a run: one registry, read by every report.

Each metric has one name everywhere (summary.json, the compare tables, the sweep
store, sensitivity, the dashboard and the command line), a label in English and
Chinese, a unit, a kind that sets the range its intervals stay inside, which
direction is better, and the function that computes it from a finished run
(the model and its weekly time series). The resilience metrics are read from a
run measured against its unshocked twin (experiments/replicates.py), so they
have no function of the run alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .committee import WEEKS_PER_YEAR

# kind -> the range of a metric of that kind. share: a share in [0, 1]; index: a
# 0-1 scale; amount: a count, cost or time >= 0; change: a difference of two
# shares, in [-1, 1]; runs: a share of replicates (yes/no per replicate).
KIND_BOUNDS: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0), "index": (0.0, 1.0), "amount": (0.0, math.inf),
    "change": (-1.0, 1.0), "runs": (0.0, 1.0),
}


@dataclass(frozen=True)
class Metric:
    name: str
    label: str  # English
    label_zh: str
    unit: str  # English; visualization/i18n.py translates units
    kind: str  # a key of KIND_BOUNDS
    better: bool | None  # higher is better (True), lower (False), neither (None)
    doc: str  # what it measures, for the ODD and tooltips
    compute: Callable[[object, pd.DataFrame], float | int | None] | None = None
    compared: bool = True  # a headline figure of comparisons and sweeps
    short: tuple[str, str] | None = None  # short heading (en, zh) of the console report

    @property
    def bounds(self) -> tuple[float, float]:
        return KIND_BOUNDS[self.kind]


def _share(part: float, whole: float) -> float:
    return float(part / whole) if whole else 0.0


def _needs(model, ts) -> int:
    return int(ts["needs"].sum())


def _needs_met(model, ts) -> int:
    return int(ts["met"].sum())


def _coverage(model, ts) -> float:
    needs = int(ts["needs"].sum())
    return int(ts["met"].sum()) / needs if needs else 1.0


def _coverage_last_year(model, ts) -> float:
    last = ts.tail(WEEKS_PER_YEAR)
    return _share(last["met"].sum(), last["needs"].sum())


def _empty_nest(model, ts) -> float:
    """Elders living in the village at the end who live alone or with a spouse only."""
    pop, E = model.population, model.n_elders
    living = pop.living[:E][pop.present[:E]]
    return float((living != 2).mean()) if len(living) else 0.0


def _unmet_hours_share(model, ts) -> float:
    """Hours of help needed beyond the home and left unmet, over the run."""
    beyond = float((ts["need_hours"] - ts["met_hours_at_home"]).sum())
    return _share(float(ts["unmet_hours"].sum()), beyond)


def _loneliness_ratio_alone(model, ts) -> float | None:
    """Mean loneliness of elders living alone over that of the others, at the end."""
    pop, E = model.population, model.n_elders
    here = pop.present[:E]
    alone = here & (pop.living[:E] == 0)
    others = here & (pop.living[:E] != 0)
    if not alone.any() or not others.any():
        return None
    other = float(pop.loneliness[:E][others].mean())
    return float(pop.loneliness[:E][alone].mean()) / other if other > 0 else None


def _dropout(model, ts) -> float | None:
    return float(np.mean(model.annual_dropout)) if model.annual_dropout else None


def _cost_per_need_met(model, ts) -> float | None:
    beyond_family = int(ts[["met_by_informal", "met_by_team", "met_by_matched"]].sum().sum())
    return float(model.budget.spent_total) / beyond_family if beyond_family else None


def _mean(column: str):
    return lambda model, ts: float(ts[column].mean())


def _last_year_mean(column: str):
    return lambda model, ts: float(ts[column].tail(WEEKS_PER_YEAR).mean())


def _final(column: str, kind=float):
    return lambda model, ts: kind(ts[column].iloc[-1])


METRICS: dict[str, Metric] = {m.name: m for m in (
    Metric("needs", "needs arising", "产生的需求", "needs", "amount", None,
           "needs arising over the run", _needs, compared=False),
    Metric("needs_met", "needs met (count)", "已满足的需求", "needs", "amount", True,
           "needs met over the run", _needs_met, compared=False),
    Metric("coverage", "needs met", "需求满足率", "share of needs", "share", True,
           "`needs_met / needs` over the run (1 when no needs arose)", _coverage,
           short=("needs met", "需求满足")),
    Metric("coverage_last_year", "needs met in the last year", "最后一年的需求满足率",
           "share of needs", "share", True,
           "share of needs met in the last 52 weeks (0 when none arose)", _coverage_last_year,
           compared=False),
    Metric("unmet_per_week", "unmet needs", "每周未满足需求", "needs/week", "amount", False,
           "mean of the weekly `unmet`", _mean("unmet")),
    Metric("participation", "elders taking part", "参与互助的老人", "share of elders", "share",
           True, "mean of the weekly `participation` over the run (pattern: about 30%)",
           _mean("participation"), short=("taking part", "参与")),
    Metric("participation_last_year", "elders taking part in the last year",
           "最后一年参与互助的老人", "share of elders", "share", True,
           "mean of `participation` over the last 52 weeks", _last_year_mean("participation"),
           compared=False),
    Metric("willing", "elders willing to take part", "愿意参与互助的老人", "share of elders",
           "share", True, "mean of the weekly `willing` over the run (pattern: about 87%)",
           _mean("willing"), compared=False),
    Metric("withdrawn_final", "withdrawn at the end", "期末退缩的老人", "share of elders",
           "share", False, "share of elders withdrawn in the last week",
           _final("share_withdrawn"), short=("withdrawn", "退缩")),
    Metric("empty_nest_share", "empty-nest elders", "空巢老人", "share of elders", "share", None,
           "share of elders living alone or with a spouse only (pattern: 45.6%)", _empty_nest,
           compared=False),
    Metric("unmet_hours_share", "care hours unmet", "未满足的照护时数", "share of hours",
           "share", False, "hours of help needed beyond the home and left unmet, over the "
           "run", _unmet_hours_share, compared=False),
    Metric("adl_without_care", "elders with ADL limitations without care",
           "失能老人中无人照护的比例", "share of elders", "share", False,
           "mean of the weekly `adl_without_care` (pattern: about 14%)",
           _mean("adl_without_care"), compared=False),
    Metric("loneliness_ratio_alone", "loneliness, living alone over others",
           "独居与非独居老人孤独感之比", "ratio", "amount", None,
           "elders' mean loneliness at the end, living alone over the others (pattern: "
           "about 1.76)", _loneliness_ratio_alone, compared=False),
    Metric("efficacy_final", "self-efficacy at the end", "期末自我效能感", "0-1", "index", True,
           "elders' mean self-efficacy in the last week", _final("mean_efficacy")),
    Metric("loneliness_final", "loneliness at the end", "期末孤独感", "0-1", "index", False,
           "elders' mean loneliness in the last week", _final("mean_loneliness")),
    Metric("burnout", "helpers' burnout", "帮助者倦怠", "0-1", "index", False,
           "mean of the weekly `mean_burnout`", _mean("mean_burnout"),
           short=("burnout", "倦怠")),
    Metric("dropout_per_year", "helper drop-out", "帮助者退出率", "share per year", "share", False,
           "mean yearly drop-out share of helpers (Section 7.10; pattern: about 35%); null in "
           "a one-year run", _dropout, short=("drop-out/yr", "年退出率")),
    Metric("helpers_final", "active helpers at the end", "期末活跃帮助者", "persons", "amount",
           True, "active helpers in the last week", _final("helpers_active", int)),
    Metric("cohesion", "cohesion of the helping network", "互助网络的凝聚度",
           "share of elders", "share", True, "mean of the weekly `cohesion`", _mean("cohesion"),
           compared=False),
    Metric("spent", "money spent", "支出", "CNY", "amount", None, "CNY spent over the run",
           lambda model, ts: float(model.budget.spent_total)),
    Metric("cost_per_need_met", "cost per need met beyond family", "每满足一项非家庭需求的成本",
           "CNY/need", "amount", False,
           "`spent` divided by the needs met through the informal, team and matched "
           "channels; null when there were none", _cost_per_need_met,
           short=("CNY/need", "元/需求")),
    Metric("resilience_depth", "drop after the shock", "冲击后的下降", "share of needs", "share",
           False, "`depth` of coverage after the shock, against the twin (Section 8.4)",
           short=("shock drop", "冲击下降")),
    Metric("resilience_recovered", "recovered by the end", "期末已恢复", "share of replicates",
           "runs", True, "1 if coverage recovered within the run, else 0; its mean over "
           "replicates is the share that recovered"),
    Metric("resilience_recovery_weeks", "weeks to recover (end if never)",
           "恢复周数（未恢复则计到期末）", "weeks", "amount", False,
           "`recovery_weeks` of coverage; a replicate that has not recovered by the end is "
           "counted as `H - s + 1` weeks (censored at the horizon), so it is never dropped"),
    Metric("resilience_area_lost", "needs-met lost to the shock", "冲击造成的需求满足损失",
           "share x weeks", "amount", False, "`area_lost` of coverage",
           short=("shock loss", "冲击损失")),
    Metric("resilience_transformative", "level after minus before", "冲击后减冲击前的水平",
           "share of needs", "change", True, "`transformative` of coverage"),
)}

# Computed from one run (summary.json's `headline`), and compared over replicates.
RUN_METRICS = tuple(name for name, m in METRICS.items() if m.compute is not None)
COMPARED = tuple(name for name, m in METRICS.items() if m.compared)


def headline(model, ts: pd.DataFrame) -> dict:
    """Every metric computable from one run, by name (means over the run unless said)."""
    return {name: METRICS[name].compute(model, ts) for name in RUN_METRICS}


def label(name: str, lang: str = "en") -> str:
    m = METRICS[name]
    return m.label_zh if lang == "zh" else m.label


def short_label(name: str, lang: str = "en") -> str:
    """The console report's column heading (the label where none is set)."""
    m = METRICS[name]
    if m.short is None:
        return label(name, lang)
    return m.short[1] if lang == "zh" else m.short[0]
