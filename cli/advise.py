"""`villageaid advise`: search intervention portfolios for a committee's budget.

The study is experiments/advise.py (search space: experiments/portfolio.py), the
figure and report visualization/advise_figure.py, and options.py declares the
options; this module checks them, runs the study and prints what it wrote.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..problems import Problem, ProblemError
from .common import output_folder, village_type_named


def spec_from_args(args):
    """The AdviseSpec of the options; every bad one refused at once, coded."""
    from ..experiments.advise_spec import (
        AdviseSpec, parse_budget, parse_constraint, parse_objectives,
    )

    problems, values = [], {}
    for key, parse, text in (("budget", parse_budget, args.budget),
                             ("objectives", parse_objectives, args.objectives)):
        try:
            values[key] = parse(text)
        except ProblemError as err:
            problems += err.problems
    constraints = []
    for text in args.constraint or []:
        try:
            constraints.append(parse_constraint(text))
        except ProblemError as err:
            problems += err.problems
    typed = village_type_named(args)  # a name that is no type nor file is refused
    if args.village is not None and typed is None and args.residents is not None:
        problems.append(Problem("with_village_file_named", "--residents",
                                facts={"path": str(args.village)}))
    if problems:
        raise ProblemError(problems)
    return AdviseSpec(budget=values["budget"], years=args.years, trials=args.trials,
                      replicates=args.replicates, seed=args.seed,
                      objectives=values["objectives"], constraints=tuple(constraints),
                      residents=args.residents, village=args.village,
                      futures=args.futures, shares=args.shares)


def cmd_advise(args) -> int:
    from ..experiments.advise import run_advise
    from ..experiments.executor import WorkersLost, default_workers

    spec = spec_from_args(args)
    if args.scheduler is not None and args.workers is not None:
        raise ProblemError([Problem("workers_with_scheduler", "--workers")])
    if args.village is not None:
        spec.base_scenario()  # a bad village file is refused before any folder is made
    if not args.resume:
        output_folder(args.out)
    workers = args.workers or min(default_workers(), spec.replicates)
    began = time.perf_counter()
    try:
        advice = run_advise(spec, args.out, workers=workers, resume=args.resume,
                            progress=not args.no_progress, on_start=_announce(args.out),
                            scheduler=args.scheduler)
    except (KeyboardInterrupt, WorkersLost) as stop:
        return _stopped(stop, spec, args.out)
    _report(advice, args.out, time.perf_counter() - began, args.lang)
    return 0


def _announce(out: Path):
    def started(spec, done, where):
        objectives = ", ".join(spec.objectives)
        limits = ", ".join(["spent<=budget x years", *(c.text for c in spec.constraints)])
        print(f"Advising on a budget of {spec.budget:,.0f} CNY a year for {spec.years} "
              f"year(s): NSGA-II over {spec.trials} portfolios x {spec.replicates} replicates "
              f"(seeds {spec.seeds[0]}..{spec.seeds[-1]}); objectives {objectives}; "
              f"constraints {limits}")
        if done:
            print(f"{done} trial(s) already in {out}")
        print(f"Running {max(spec.trials - done, 0)} trial(s) on {where} ...", flush=True)
    return started


def _stopped(stop: BaseException, spec, out: Path) -> int:
    """Ctrl-C or lost workers: the finished trials are in the study; say how to go on."""
    from ..experiments.advise import STUDY_FILE, _load_study, finished_trials

    try:
        saved = len(finished_trials(_load_study(Path(out))))
    except ProblemError:
        saved = 0
    what = "interrupted" if isinstance(stop, KeyboardInterrupt) else f"error: {stop}"
    print(f"villageaid advise: {what}; {saved} of {spec.trials} trials are saved in "
          f"{Path(out) / STUDY_FILE}; the same command with --resume continues the search",
          file=sys.stderr)
    return 130 if isinstance(stop, KeyboardInterrupt) else 1


def _report(advice, out: Path, seconds: float, lang: str = "en") -> None:
    from ..visualization.advise_figure import format_advice, plot_advice
    from ..visualization.robustness_report import plot_robustness

    paths = {"trials": out / "trials.csv", "pareto": out / "pareto.csv",
             "recommendation": out / "recommendation.json", "study": out / "study.db"}
    if advice.futures is not None:
        paths.update({"futures": out / "futures.csv", "robustness": out / "robustness.csv"})
    paths["figure"] = plot_advice(advice, out / "pareto.png", lang)
    robust_figure = plot_robustness(advice, out / "robustness.png", lang)
    if robust_figure is not None:
        paths["robustness figure"] = robust_figure
    print(format_advice(advice, lang))
    print(f"Done in {seconds:.1f} s; {len(advice.trials)} trials in {out}")
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:18s} {path}")
