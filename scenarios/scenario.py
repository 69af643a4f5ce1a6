"""A validated scenario: a village, a schedule of interventions and shocks, a length.

A Scenario holds settings, not model objects: interventions and shocks keep
state while a model runs (caseloads, ledgers, who left), so every call of
`build_interventions()` and `build_shocks()` makes fresh ones, and two runs of
one Scenario never share state. Settings are stored in full (defaults filled
in), so two files that say the same thing in different words load equal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from ..problems import Problem, ProblemError
from ..sim.committee import WEEKS_PER_YEAR
from ..sim.interventions import COMMON_SETTINGS, INTERVENTIONS, Intervention
from ..sim.model import VillageModel
from ..sim.params import VillageParams, make_params
from ..sim.roster import Roster
from ..sim.shocks import Shock, make_shock
from .toml_writer import scenario_to_toml
from .validation import data_problems

# Parameters a village file sets itself: its residents make the village.
SET_BY_VILLAGE_FILE = ("residents", "villages")


@dataclass
class Scenario:
    """One scenario, as loaded by `load_scenario` (see scenarios/presets/ for examples).

    Attributes:
        name: short identifier, [a-z0-9_-].
        description: one sentence saying what the scenario switches on.
        years: default run length.
        params: the village's validated model parameters.
        interventions: (type, settings) pairs, type a key of INTERVENTIONS.
        shocks: settings of each shock, with its `kind` (a key of SHOCKS).
        source: the file or preset it came from (not compared).
        village: the absolute path of a village file (scenarios/village_files) the scenario
            runs instead of a synthetic village, or None.
        village_type: the village type (scenarios/village_types) whose parameters the
            synthetic village has, or None for the default village.
        roster: that file, read and validated (not compared; read from
            `village` on first use when None).
    """

    name: str
    description: str = ""
    years: int = 10
    params: VillageParams = field(default_factory=make_params)
    interventions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    shocks: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = field(default=None, compare=False)
    village: str | None = None
    roster: Any = field(default=None, compare=False, repr=False)
    village_type: str | None = None

    def load_roster(self):
        """The village file's Roster (read once), or None for a synthetic village."""
        if self.roster is None and self.village is not None:
            from .village_files import read_roster

            self.roster = read_roster(self.village)
        return self.roster

    # ------------------------------------------------ the one way to change one
    def with_params(self, **values: Any) -> Scenario:
        """The scenario with some model parameters changed (values as typed, e.g. from
        `--set`). Raises ProblemError naming every bad value at once; with a village
        file, residents and villages cannot be set (the file's residents make it)."""
        problems = [Problem("with_village_file_named", name, facts={"path": str(self.village)})
                    for name in values
                    if self.village is not None and name in SET_BY_VILLAGE_FILE]
        kept = {name: v for name, v in values.items() if name not in SET_BY_VILLAGE_FILE
                or self.village is None}
        try:
            params = make_params(**{**self.params.as_dict(), **kept})
        except ProblemError as err:
            problems += err.problems
        if problems:
            raise ProblemError(problems)
        return replace(self, params=params)

    def with_village(self, village: str | os.PathLike | Roster) -> Scenario:
        """The scenario on another village: a village type's name (see
        scenarios/village_types; its parameters replace the village's), or a village
        file (as `with_village_file`). A name that is neither is refused, listing the
        types."""
        from .village_types import choose_village

        return choose_village(self, village)

    def with_village_file(self, village: str | os.PathLike | Roster) -> Scenario:
        """The scenario on a real village: a village file's path (read and checked;
        ProblemError lists every problem in it) or a Roster already read. Its
        residents set `residents` (and `villages` = 1); it replaces a village type
        (whose other parameters stay as they are)."""
        if isinstance(village, Roster):
            roster, path = village, os.path.abspath(village.source)
        else:
            from .village_files import read_roster

            roster, path = read_roster(village), os.path.abspath(village)
        return replace(self, village=path, roster=roster, village_type=None,
                       params=self.params.replace(residents=roster.size, villages=1))

    def without_shocks(self) -> Scenario:
        """The same scenario with no shock: the twin its resilience is measured against."""
        return replace(self, shocks=[])

    def problems(self) -> list[Problem]:
        """Every problem with the settings, by the same checks as a scenario file (the
        schema and the cross-field rules), on the data itself; [] when valid."""
        return data_problems(self.to_data())[1]

    def to_data(self) -> dict[str, Any]:
        """The settings as a scenario file holds them (a village file's path aside)."""
        params = {name: value for name, value in self.params.as_dict().items()
                  if not (self.village is not None and name in SET_BY_VILLAGE_FILE)}
        typed = {} if self.village_type is None else {"village_type": self.village_type}
        return {"name": self.name, "description": self.description, "years": self.years,
                **typed, "village": params,
                "interventions": [{"type": kind, **settings}
                                  for kind, settings in self.interventions],
                "shocks": [dict(s) for s in self.shocks]}

    def scaled(self, factor: float) -> Scenario:
        """The scenario with every intervention's intensity multiplied by `factor`,
        named `NAME-25pct` for a factor of 0.25: a dose of the same interventions, for
        dose-response comparisons. The intensities must stay within their range."""
        spec = next(p for p in COMMON_SETTINGS if p.name == "intensity")
        interventions = []
        for kind, settings in self.interventions:
            intensity = settings["intensity"] * factor
            if not spec.low <= intensity <= spec.high:
                raise ValueError(
                    f"interventions.{kind}.intensity: {intensity:g} ({settings['intensity']:g}"
                    f" x {factor:g}) is outside {spec.low:g} to {spec.high:g}")
            interventions.append((kind, {**settings, "intensity": intensity}))
        percent = f"{factor * 100:g}".replace(".", "p")
        return replace(self, name=f"{self.name}-{percent}pct", interventions=interventions)

    def build_interventions(self) -> list[Intervention]:
        """Fresh intervention objects (a model run mutates them)."""
        return [INTERVENTIONS[kind](**settings) for kind, settings in self.interventions]

    def build_shocks(self) -> list[Shock]:
        """Fresh shock objects (a model run mutates them)."""
        return [make_shock(**settings) for settings in self.shocks]

    def to_toml(self) -> str:
        """The scenario as a TOML file that loads back to an equal Scenario."""
        return scenario_to_toml(self)

    def unreached(self, years: int | None = None) -> list[str]:
        """What a run of `years` (default: the scenario's) ends before reaching.

        A valid file schedules nothing after its own end, but a shorter run
        (`villageaid run --years 1`) can cut a shock or an intervention off.
        """
        weeks = (years or self.years) * WEEKS_PER_YEAR
        notes = [f"shock {s['kind']} at week {s['week']} starts after the run's last "
                 f"week ({weeks}); it will not happen"
                 for s in self.shocks if s["week"] > weeks]
        notes += [f"intervention {kind} starts after week {s['start_week']}, at or after "
                  f"the run's last week ({weeks}); it will not run"
                  for kind, s in self.interventions if s["start_week"] >= weeks]
        return notes

    def model(self, seed: int = 0, years: int | None = None) -> VillageModel:
        """A fresh VillageModel of this scenario: its village (or village file), fresh
        interventions and shocks, sized for `years` (default: the scenario's)."""
        return VillageModel(seed=seed, params=self.params,
                            interventions=self.build_interventions(),
                            shocks=self.build_shocks(), years=years or self.years,
                            roster=self.load_roster())

    def run(self, seed: int = 0, years: int | None = None, keep_model: bool = False):
        """Run the scenario once; return sim.run.RunResult.

        The summary gains `intervention_reports` (each intervention's report(),
        e.g. its budget `shortfall_weeks`) and `scenario` (name, description
        and the full schedule, so summary.json alone can reproduce the run).
        """
        import time

        from ..sim.run import run_model

        started = time.perf_counter()
        model = self.model(seed, years)
        result = run_model(model, years or self.years, keep_model=True,
                           build_seconds=time.perf_counter() - started)
        interventions = result.model.interventions
        result.summary.setdefault("intervention_reports", intervention_reports(interventions))
        result.summary["scenario"] = {
            "name": self.name,
            "description": self.description,
            "source": self.source,
            "village": self.village,
            "village_type": self.village_type,
            "interventions": [{"type": kind, **settings} for kind, settings in self.interventions],
            "shocks": [dict(s) for s in self.shocks],
        }
        if not keep_model:
            result.model = None
        return result


def _plain(value: Any) -> Any:
    """numpy scalars to Python numbers, so the summary stays JSON."""
    return value.item() if hasattr(value, "item") else value


def intervention_reports(interventions: list[Intervention]) -> dict[str, dict[str, Any]]:
    return {i.name: {key: _plain(v) for key, v in i.report().items()} for i in interventions}
