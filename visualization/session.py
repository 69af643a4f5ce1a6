"""The Explore page's state without the web page: settings, the live model and its charts.

An ExploreSession holds what a user has set (village parameters, which
interventions run with which settings, the scheduled shocks, years and seed),
the VillageModel built from it, and the PNG frames of the live charts. Every
change goes through the project's own validation: a value is checked against
its Param (range, type) and the whole candidate scenario is written as TOML
and read back with `parse_scenario`, so the dashboard refuses exactly what a
scenario file would refuse, with the same one-line messages, and a refused
value never reaches the model.

Changing a setting rebuilds the village at week 0 (like Mesa's SolaraViz
does when a model parameter changes); "shock now" is the one change applied
to the running model, by appending a shock at the next week to
`model.shocks`. The session is used by the Solara pages (app.py), by the
tests and by benchmarks/bench_dashboard.py.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..problems import Problem, ProblemError
from ..scenarios import Scenario, load_scenario, parse_scenario
from ..scenarios.schema import YEARS
from ..sim.agent_table import agent_table
from ..sim.interventions import INTERVENTIONS
from ..sim.equity import model_equity
from ..sim.model import WEEKS_PER_YEAR
from ..sim.params import PARAMETER_INDEX, make_params
from ..sim.resilience import (layered_resilience, performance_curve, resilience,
                              shock_window)
from ..sim.shocks import SHOCK_SETTINGS, make_shock
from ..sim.streams import MAX_SEED
from .canvas import combine_png
from .classroom import SLOTS
from .live import LiveCharts, Marks

SHOCK_INDEX = {p.name: p for p in SHOCK_SETTINGS}


# A value the dashboard refuses: the problems, in the model's own words (rendered in
# the user's language by visualization.problems).
SettingError = ProblemError


@dataclass
class InterventionEntry:
    kind: str
    enabled: bool
    settings: dict[str, Any] = field(default_factory=dict)


def default_settings(kind: str) -> dict[str, Any]:
    return {p.name: p.default for p in INTERVENTIONS[kind].settings()}


class ExploreSession:
    """Settings, model and live charts of one user's Explore page."""

    def __init__(self, scenario: Scenario | None = None, seed: int = 0, lang: str = "en"):
        self.lock = threading.RLock()
        self.seed = int(seed)
        self.lang = lang
        # told True while this session waits for a free run slot (classroom mode), False
        # once it runs
        self.on_wait = None
        self.load(scenario if scenario is not None else load_scenario("baseline"))

    # ------------------------------------------------------------ settings
    def load(self, scenario: Scenario) -> None:
        """Take every setting from a scenario (a preset, an uploaded file, a lesson)."""
        with self.lock:
            self.name = scenario.name
            self.description = scenario.description
            self.years = int(scenario.years)
            self.params = scenario.params.as_dict()
            self.interventions = {kind: InterventionEntry(kind, False, default_settings(kind))
                                  for kind in INTERVENTIONS}
            for kind, settings in scenario.interventions:
                self.interventions[kind] = InterventionEntry(kind, True, dict(settings))
            self.shocks = [dict(s) for s in scenario.shocks]
            # a real village file (scenario.village, scenarios/village_files), where scenarios have one
            self.village_file = getattr(scenario, "village", None)
            self.roster = getattr(scenario, "roster", None)
            self.edited = False
            self.rebuild()

    def scenario(self) -> Scenario:
        """The current settings as a Scenario (what Download writes and Compare runs)."""
        extra = {}
        if getattr(self, "village_file", None) is not None:
            extra = {"village": self.village_file, "roster": self.roster}
        return Scenario(
            name=self.name, description=self.description, years=self.years,
            params=make_params(**self.params),
            interventions=[(e.kind, dict(e.settings)) for e in self.interventions.values()
                           if e.enabled],
            shocks=[dict(s) for s in self.shocks], source="dashboard", **extra)

    def to_toml(self) -> str:
        return self.scenario().to_toml()

    def _apply(self, change) -> None:
        """Apply `change` (a function of the session) only if the result is a valid scenario."""
        with self.lock:
            saved = (dict(self.params),
                     {k: InterventionEntry(e.kind, e.enabled, dict(e.settings))
                      for k, e in self.interventions.items()},
                     [dict(s) for s in self.shocks], self.years)
            try:
                change()
                # the same checks as a scenario file: ranges and cross-field rules
                problems = self.scenario().problems()
                if problems:
                    raise ProblemError(problems)
            except ProblemError as err:
                self.params, self.interventions, self.shocks, self.years = saved
                raise ProblemError(err.problems) from None
            self.edited = True
            self.rebuild()

    def set_param(self, name: str, value: Any) -> None:
        """Set a model parameter (sim/params.py PARAMETERS); refuse values out of range."""
        p = PARAMETER_INDEX[name]

        def change():
            self.params[name] = p.check(_number(value))
        self._apply(change)

    def set_setting(self, kind: str, name: str, value: Any) -> None:
        """Set one setting of an intervention (its class's settings())."""
        p = next(q for q in INTERVENTIONS[kind].settings() if q.name == name)

        def change():
            try:
                self.interventions[kind].settings[name] = p.check(_number(value))
            except ProblemError as err:
                raise err.within(kind) from None
        self._apply(change)

    def set_enabled(self, kind: str, enabled: bool) -> None:
        def change():
            self.interventions[kind].enabled = bool(enabled)
        self._apply(change)

    def set_years(self, value: Any) -> None:
        def change():
            self.years = YEARS.check(_number(value))
        self._apply(change)

    def set_seed(self, value: Any) -> None:
        """A seed typed as text arrives as a string: convert and check it before use."""
        try:
            seed = int(str(value).strip())
        except ValueError:
            raise SettingError([Problem("seed_not_whole", "seed", value, {"high": MAX_SEED},
                                        shown=repr(value))]) from None
        if not 0 <= seed <= MAX_SEED:
            raise SettingError([Problem("seed_out_of_range", "seed", seed, {"high": MAX_SEED})])
        with self.lock:
            self.seed = seed
            self.rebuild()

    def remove_shock(self, index: int) -> None:
        def change():
            del self.shocks[index]
        self._apply(change)

    def set_lang(self, lang: str) -> None:
        with self.lock:
            if lang != self.lang:
                self.lang = lang
                self._draw_all()

    # ----------------------------------------------------------------- model
    @property
    def weeks(self) -> int:
        return self.years * WEEKS_PER_YEAR

    def rebuild(self) -> None:
        """A fresh model from the settings, at week 0 (Reset)."""
        with self.lock, SLOTS.hold(self.on_wait):
            self.model = self.scenario().model(seed=self.seed, years=self.years)
            self._resilience_cache = (None, -1, [])
            self._draw_all()

    reset = rebuild

    def marks(self) -> Marks:
        return Marks(
            interventions=[(e.kind, int(e.settings["start_week"]))
                           for e in self.interventions.values() if e.enabled],
            shocks=[(s["kind"], int(s["week"]), int(s["duration"])) for s in self.shocks],
            weeks=self.weeks)

    def _draw_all(self) -> None:
        self.charts = LiveCharts.for_model(self.model, self.marks(), self.lang,
                                           getattr(self, "charts", None))
        self.frame = self.charts.update(self.model)

    @property
    def week(self) -> int:
        return self.model.week

    @property
    def finished(self) -> bool:
        return self.model.week >= self.weeks

    def step(self, weeks: int = 1) -> int:
        """Advance up to `weeks` weeks (never past the run's end), then redraw; weeks run."""
        with self.lock, SLOTS.hold(self.on_wait):
            done = 0
            while done < weeks and not self.finished:
                self.model.step()
                done += 1
            if done:
                self.frame = self.charts.update(self.model)
            return done

    def shock_now(self, kind: str, severity: float = 0.5, duration: int = 8) -> dict:
        """Schedule a shock from next week on the running model (and in the settings)."""
        with self.lock:
            week = self.model.week + 1
            if week > self.weeks:
                raise SettingError([Problem("no_week_for_shock", "shock")])
            try:
                shock = make_shock(kind, week=week, severity=_number(severity),
                                   duration=min(int(_number(duration)), self.weeks - week + 1))
            except ProblemError as err:
                raise SettingError(err.problems) from None
            self.model.shocks.append(shock)
            self.shocks.append(shock.values())
            self.edited = True
            self.charts = LiveCharts(self.model, self.marks(), self.lang)
            self.frame = self.charts.update(self.model)
            return shock.values()

    # --------------------------------------------------------------- figures
    def kpis(self) -> dict[str, float | None]:
        """Headline figures of the latest weeks, read from the time-series arrays."""
        from .live import weekly_columns

        cols = weekly_columns(self.model, ("needs", "met", "participation", "share_withdrawn",
                                           "helpers_active", "mean_burnout", "budget_balance"))
        if not len(cols["needs"]):
            return {k: None for k in ("coverage", "participation", "withdrawn", "helpers",
                                      "burnout", "balance")}
        needs, met = cols["needs"][-4:].sum(), cols["met"][-4:].sum()
        return {
            "coverage": float(met / needs) if needs else 1.0,
            "participation": float(cols["participation"][-1]),
            "withdrawn": float(cols["share_withdrawn"][-1]),
            "helpers": int(cols["helpers_active"][-1]),
            "burnout": float(cols["mean_burnout"][-1]),
            "balance": float(cols["budget_balance"][-1]),
        }

    def resilience(self, max_age: int = 0) -> list[dict]:
        """Resilience figures of every shock that has passed (sim/resilience.py).

        `max_age`: figures computed up to that many weeks ago may be reused (the
        page recomputes them every fourth week while playing, every week otherwise).
        """
        with self.lock:
            week = self.model.week
            key = (id(self.model), len(self.shocks))
            cached_key, cached_week, cached_rows = self._resilience_cache
            if cached_key == key and 0 <= week - cached_week <= max_age:
                return cached_rows
            passed = [s for s in self.shocks
                      if 2 <= s["week"] and s["week"] + s["duration"] - 1 < week]
            rows = []
            if passed:
                ts = self.model.timeseries.to_frame()
                for s in passed:
                    window = shock_window([s])
                    figures = resilience(performance_curve(ts, "coverage"), s["week"],
                                         window=window)
                    layers = layered_resilience(ts, s["week"], window=window)
                    rows.append({"shock": s, "figures": figures, "layers": layers})
            self._resilience_cache = (key, week, rows)
            return rows

    def charts_png(self) -> bytes:
        """The network, curves and timeline of the current week in one PNG."""
        with self.lock:
            f = self.frame
            return combine_png([f["network"], f["curves"], f["timeline"]])

    def timeseries_csv(self) -> bytes:
        with self.lock:
            return self.model.timeseries.to_frame().to_csv(index=False).encode()

    def agents_csv(self) -> bytes:
        with self.lock:
            return agent_table(self.model).to_csv(index=False).encode()

    def equity(self):
        """The equity table of the run so far (sim/equity.py): one row per group of elders."""
        with self.lock:
            return model_equity(self.model)

    def equity_csv(self) -> bytes:
        return self.equity().to_csv(index=False).encode()


def _number(value: Any) -> Any:
    """Text typed into a field, as a number where it is one (Param.check does the rest)."""
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return value
    if isinstance(value, np.generic):
        return value.item()
    return value


def read_upload(name: str, data: bytes) -> Scenario:
    """An uploaded scenario file, validated like `villageaid validate` (ScenarioError)."""
    return parse_scenario(data, source=name)


__all__ = ["ExploreSession", "SettingError", "read_upload"]
