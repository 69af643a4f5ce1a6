"""What a `villageaid advise` study is asked: the budget, run length, effort,
objectives and constraints (AdviseSpec), and the parsing of the command's options
into them, every bad one a coded problem."""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass

from ..problems import Problem, ProblemError
from ..sim.outcomes import COMPARED, METRICS

DEFAULT_OBJECTIVES = ("coverage", "withdrawn_final", "burnout")
MAX_BUDGET = 1e8  # the grant's own registry range
DEFAULT_FUTURES = 24
_CONSTRAINT = re.compile(r"^\s*([a-z_]+)\s*(<=|>=)\s*([-+0-9.eE]+)\s*$")


@dataclass(frozen=True)
class Constraint:
    metric: str
    op: str  # "<=" or ">="
    value: float

    @property
    def text(self) -> str:
        return f"{self.metric}{self.op}{self.value:g}"

    def excess(self, mean: float) -> float:
        """Optuna's constraint value: <= 0 when the mean satisfies it."""
        return mean - self.value if self.op == "<=" else self.value - mean


def parse_budget(text) -> float:
    """The yearly budget in CNY, or a coded problem (a number above 0, at most 1e8)."""
    try:
        value = float(str(text).replace(",", ""))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_BUDGET):
        raise ProblemError([Problem("advise_bad_budget", "--budget", str(text),
                                    facts={"high": f"{MAX_BUDGET:,.0f}"}, shown=repr(str(text)))])
    return value


def parse_objectives(text: str) -> tuple[str, ...]:
    """Metric names that have a better direction (a compared metric of the registry)."""
    names = tuple(n.strip() for n in str(text).split(",") if n.strip())
    good = [n for n in COMPARED if METRICS[n].better is not None and not n.startswith("resil")]
    bad = [n for n in names if n not in good]
    if bad or not names or len(set(names)) != len(names):
        raise ProblemError([Problem("advise_bad_objective", "--objectives", str(text), facts={
            "names": ", ".join(good)}, shown=repr(str(text)))])
    return names


def parse_constraint(text: str) -> Constraint:
    """'metric<=value' or 'metric>=value' on a metric one run computes."""
    match = _CONSTRAINT.match(str(text))
    names = [n for n in COMPARED if METRICS[n].compute is not None]
    value = None
    if match:
        try:
            value = float(match.group(3))
        except ValueError:
            value = None
    if not match or match.group(1) not in names or value is None or not math.isfinite(value):
        raise ProblemError([Problem("advise_bad_constraint", "--constraint", str(text), facts={
            "names": ", ".join(names)}, shown=repr(str(text)))])
    return Constraint(match.group(1), match.group(2), value)


@dataclass(frozen=True)
class AdviseSpec:
    """What a study searches: the budget, run length, effort, objectives, constraints."""

    budget: float
    years: int = 5
    trials: int = 40
    replicates: int = 3
    seed: int = 0
    objectives: tuple[str, ...] = DEFAULT_OBJECTIVES
    constraints: tuple[Constraint, ...] = ()
    residents: int | None = None
    village: str | None = None
    futures: int = DEFAULT_FUTURES
    shares: bool = False  # also search each intervention's priority (budget share)

    @property
    def param_names(self) -> tuple[str, ...]:
        from .portfolio import param_names

        return param_names(self.shares)

    @property
    def seeds(self) -> list[int]:
        return [self.seed + i for i in range(self.replicates)]

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric a run must give: objectives, constrained metrics, spent."""
        names = [*self.objectives, *(c.metric for c in self.constraints), "spent"]
        return tuple(dict.fromkeys(names))

    @property
    def budget_total(self) -> float:
        return self.budget * self.years

    def fingerprint(self) -> dict:
        """What a resumed study must share with the one it continues (not `trials`)."""
        data = asdict(self)
        data.pop("trials")
        data.pop("futures")
        return json.loads(json.dumps(data))

    def base_scenario(self):
        """The all_levels preset's village and settings, no shock, income = the budget."""
        from dataclasses import replace

        from ..scenarios.loader import load_preset

        base = load_preset("all_levels")
        if self.village is not None:
            base = base.with_village(self.village)
        if self.residents is not None:
            base = base.with_params(residents=self.residents)
        base = base.with_params(grant=self.budget, donations=0.0)
        return replace(base.without_shocks(), years=self.years)

    def population_size(self) -> int:
        """NSGA-II's generation: a quarter of the trials, 4 to 50 (a few generations)."""
        return int(min(50, max(4, self.trials // 4)))
