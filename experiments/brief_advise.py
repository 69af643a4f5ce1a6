"""The facts a policy brief is written from, read back from a `villageaid advise` folder.

An advise folder is recognised by recommendation.json. Everything the brief says comes
from the files advise wrote: recommendation.json (the question's budget, the
recommended portfolio and the runner-up with their means and 95% intervals, how sure,
what is not yet done), pareto.csv (the other Pareto options), trials.csv (how many
trials), pareto.png, and the inputs advise stored in study.db (the study's
"fingerprint": budget, years, replicates, seed, objectives, constraints, residents,
village), read with sqlite3 so the command that reproduces the study can be written
out. Without them the brief says how to rerun with the options it does know.
"""

from __future__ import annotations

import json
import math
import shlex
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..problems import Problem, ProblemError

MARKER = "recommendation.json"
CANNOT_TELL = "cannot tell"  # experiments/advise.py's verdict when the interval holds 0


def is_advise(folder: Path) -> bool:
    return Path(folder).is_dir() and (Path(folder) / MARKER).is_file()


@dataclass
class AdviseFacts:
    folder: Path
    recommendation: dict
    pareto: pd.DataFrame
    spec: dict  # the study's stored inputs (empty when study.db cannot be read)
    trials: int
    rerun: str
    rerun_exact: bool  # True when every option comes from the stored inputs
    figure: Path | None = None
    objectives: list[str] = field(default_factory=list)

    @property
    def budget(self) -> float:
        return float(self.recommendation.get("budget_per_year", math.nan))

    @property
    def years(self) -> int | None:
        years = self.spec.get("years")
        if years is None:
            total, budget = self.recommendation.get("budget_total"), self.budget
            if total and budget:
                years = round(float(total) / budget)
        return None if years is None else int(years)

    @property
    def recommended(self) -> dict | None:
        return self.recommendation.get("recommended")

    @property
    def runner_up(self) -> dict | None:
        return self.recommendation.get("runner_up")

    @property
    def how_sure(self) -> dict:
        return self.recommendation.get("how_sure") or {}

    @property
    def cannot_tell(self) -> bool:
        """True unless the paired interval leaves out 0 (never claim more than that)."""
        h = self.how_sure
        low, high = h.get("difference_low"), h.get("difference_high")
        if h.get("verdict") == CANNOT_TELL or low is None or high is None:
            return True
        return low <= 0 <= high

    @property
    def others(self) -> pd.DataFrame:
        """Pareto options other than the recommended one and the runner-up."""
        shown = {d["trial"] for d in (self.recommended, self.runner_up) if d}
        if self.pareto.empty or "trial" not in self.pareto:
            return self.pareto
        return self.pareto[~self.pareto["trial"].isin(shown)]


def gather_advise(folder: Path) -> AdviseFacts:
    """Everything the brief says, from an advise folder; ProblemError when unreadable."""
    folder = Path(folder)
    path = folder / MARKER
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as err:
        raise ProblemError([Problem("brief_bad_recommendation", str(path), facts={
            "reason": str(err)})]) from None
    if not isinstance(rec, dict) or "budget_per_year" not in rec:
        raise ProblemError([Problem("brief_bad_recommendation", str(path), facts={
            "reason": "not the JSON object villageaid advise writes"})])
    pareto = _csv(folder / "pareto.csv")
    trials = _csv(folder / "trials.csv")
    spec = stored_spec(folder)
    rerun, exact = rerun_command(folder, rec, spec, len(trials))
    figure = folder / "pareto.png"
    objectives = list(spec.get("objectives") or [])
    if not objectives and rec.get("recommended"):
        objectives = [m for m in rec["recommended"]["objectives"] if m != "spent"]
    return AdviseFacts(folder=folder, recommendation=rec, pareto=pareto, spec=spec,
                       trials=len(trials), rerun=rerun, rerun_exact=exact,
                       figure=figure if figure.is_file() else None, objectives=objectives)


def _csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path)
    except (ValueError, OSError):
        return pd.DataFrame()


def stored_spec(folder: Path) -> dict:
    """The inputs advise stored with its study (study.db), or {} when there are none."""
    path = folder / "study.db"
    if not path.is_file():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT value_json FROM study_user_attributes "
                             "WHERE key = 'fingerprint'").fetchone()
        value = json.loads(row[0]) if row else {}
    except (sqlite3.Error, ValueError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def rerun_command(folder: Path, rec: dict, spec: dict, trials: int) -> tuple[str, bool]:
    """`villageaid advise ...` with the recorded options; exact when study.db held them."""
    exact = bool(spec) and trials > 0
    budget = spec.get("budget", rec.get("budget_per_year"))
    parts = ["villageaid", "advise", "--budget", f"{float(budget):g}"]
    years = spec.get("years")
    if years is None and rec.get("budget_total") and budget:
        years = round(float(rec["budget_total"]) / float(budget))
    for option, value in (("--years", years), ("--trials", trials or None),
                          ("--replicates", spec.get("replicates")),
                          ("--seed", spec.get("seed"))):
        if value is not None:
            parts += [option, str(value)]
    parts += ["--futures", str((rec.get("robustness") or {}).get("futures", 0))]
    if spec.get("shares"):
        parts.append("--shares")
    if spec.get("objectives"):
        parts += ["--objectives", ",".join(spec["objectives"])]
    for c in spec.get("constraints") or []:
        parts += ["--constraint", f"{c['metric']}{c['op']}{float(c['value']):g}"]
    if spec.get("residents") is not None:
        parts += ["--residents", str(spec["residents"])]
    if spec.get("village") is not None:
        parts += ["--village", str(spec["village"])]
    parts += ["--out", str(folder.parent / (folder.name + "_rerun"))]
    return " ".join(shlex.quote(p) for p in parts), exact
