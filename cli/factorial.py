"""`villageaid factorial`: micro x meso x macro, a 2x2x2 full factorial of the levels
(or the 2 to 4 factors --factors names), at matched spending or on the same budget.

The study is experiments/factorial.py, the report and figure
visualization/factorial_figure.py, and options.py declares the command's options;
this module checks the options, runs the cells, and prints what it wrote.
"""

from __future__ import annotations

import math
import sys
import time

from ..problems import Problem, ProblemError
from ..sim.committee import WEEKS_PER_YEAR
from ..scenarios.village_types import VILLAGE_TYPES
from .common import output_folder, print_village, read_village, village_type_named


def cmd_factorial(args) -> int:
    from ..experiments.executor import default_workers
    from ..experiments.factorial import (
        Stopped, analyse, budget_cells, first_shock_week, provenance, run_factorial,
        save_partial,
    )
    from ..experiments.factorial_design import parse_factors
    from ..experiments.factorial_spending import apply_spending

    design = parse_factors(args.factors)  # unknown or overlapping factors are refused
    roster = read_village(args, None)  # a bad file, or --residents with it, is refused
    week = first_shock_week(args.cold_wave)
    if week is not None and week > args.years * WEEKS_PER_YEAR:
        raise ProblemError([Problem("cold_wave_after_run", "--cold-wave", facts={
            "week": week, "years": args.years,
            "least": math.ceil(week / WEEKS_PER_YEAR)})])
    # the village: a village file's roster, a village type's name, or the default
    village = roster if roster is not None else village_type_named(args)
    cells, spending = apply_spending(
        budget_cells(args.years, args.cold_wave, village, args.residents, design),
        args.spending)
    output_folder(args.out)
    workers = args.workers or default_workers()
    meta = provenance(cells, args.replicates, args.seed, args.years, args.cold_wave,
                      args.village, args.residents, design, spending)
    if roster is not None:
        print_village(roster)
    elif village is not None:
        print(f"Village type {village}: {VILLAGE_TYPES[village].title_en}")
    shocks = "the presets' cold wave" if args.cold_wave else "no shocks"
    runs = len(cells) * args.replicates
    print(f"Factorial {design.label}: {len(cells)} cells x {args.replicates} replicates (seeds "
          f"{args.seed}..{args.seed + args.replicates - 1}), {args.years} years, {shocks}; "
          f"{runs} runs on {workers} worker(s)", flush=True)
    began = time.perf_counter()
    try:
        frame = run_factorial(cells, args.replicates, args.seed, args.years, workers,
                              progress=not args.no_progress)
    except Stopped as stop:
        paths = save_partial(stop, args.out, meta)
        interrupted = isinstance(stop.cause, KeyboardInterrupt)
        what = "interrupted" if interrupted else f"error: {stop.cause}"
        print(f"villageaid factorial: {what}; {len(stop.runs)} of {stop.total} runs are "
              f"saved in {paths['cells']} (no effects: they need every cell of a "
              "replicate); the same command runs the factorial again", file=sys.stderr)
        return 130 if interrupted else 1
    _report(analyse(frame, meta), args, time.perf_counter() - began)
    return 0


def _report(result, args, seconds: float) -> None:
    """The tables, factorial.png, the console report, and the files written."""
    from ..visualization.factorial_figure import format_factorial, plot_factorial

    paths = result.save(args.out)
    paths["figure"] = plot_factorial(result, args.out / "factorial.png", args.lang)
    print(format_factorial(result, args.lang))
    print(f"Done: {len(result.runs)} runs in {seconds:.1f} s")
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:10s} {path}")
