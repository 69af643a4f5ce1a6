"""`villageaid compare`, `sweep` and `sensitivity`: studies over many seeded runs."""

from __future__ import annotations

import sys
from pathlib import Path

from ..problems import Problem
from ..sim.params import ParameterError
from ..scenarios.village_types import VILLAGE_TYPES
from .common import output_folder, print_village, read_village, village_type_named


def cmd_compare(args) -> int:
    from ..experiments.compare import compare
    from ..visualization.compare_figure import plot_comparison
    from ..visualization.report import format_report
    from ..experiments.executor import default_workers
    from ..scenarios import load_scenario

    if len(set(args.scenarios)) != len(args.scenarios):
        raise ParameterError([Problem("scenario_named_twice", "scenarios", facts={
            "names": " ".join(args.scenarios)})])
    roster = read_village(args, None)
    typed = village_type_named(args)
    scenarios = []
    for name in args.scenarios:
        sc = load_scenario(name)
        if roster is not None or typed is not None:
            sc = sc.with_village(roster if roster is not None else typed)
        elif sc.village is not None and args.residents is not None:
            raise ParameterError([Problem("residents_with_village_scenario", "--residents",
                                          facts={"scenario": name, "path": str(sc.village)})])
        if args.residents is not None:
            sc = sc.with_params(residents=args.residents)
        scenarios.append(sc)
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ParameterError([Problem("scenarios_share_a_name", "scenarios", facts={
            "names": repr(names)})])
    output_folder(args.out)
    workers = args.workers or default_workers()
    shown = set()
    for sc in scenarios:
        if sc.village is not None and sc.village not in shown:
            shown.add(sc.village)
            print_village(sc.load_roster())
    if typed is not None:
        print(f"Village type {typed}: {VILLAGE_TYPES[typed].title_en}")
    print(f"Comparing {', '.join(names)}: {args.replicates} replicates each, seeds "
          f"{args.seed}..{args.seed + args.replicates - 1}, {workers} worker(s)", flush=True)
    comparison = compare(scenarios, replicates=args.replicates, seed=args.seed,
                         years=args.years, workers=workers, progress=not args.no_progress)
    paths = comparison.save(args.out)
    paths["figure"] = plot_comparison(comparison, args.out / "comparison.png", args.lang)
    print(format_report(comparison, args.lang))
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:12s} {path}")
    return 0


def cmd_sweep(args) -> int:
    import time

    from ..experiments.executor import WorkersLost, default_workers
    from ..experiments.spec import load_spec
    from ..experiments.store import ResultStore
    from ..experiments.sweep import rate_per_minute, run_sweep

    if args.scheduler is not None and args.workers is not None:
        raise ParameterError([Problem("workers_with_scheduler", "--workers")])
    spec = load_spec(args.spec)
    counts = {}

    def started(spec, total, done, where):
        counts.update(total=total, done=done)
        print(f"Sweep {spec.name}: {spec.describe()}")
        about = f": {spec.scenario.description}" if spec.scenario.description else ""
        print(f"Scenario {spec.scenario.name}{about}")
        sys.stdout.flush()
        for note in spec.scenario.unreached():
            print(f"warning: {note}", file=sys.stderr)
        if done:
            print(f"{done} of {total} runs already in {args.out}")
        print(f"Running {total - done} run{'s' if total - done != 1 else ''} on {where} ...",
              flush=True)

    began = time.perf_counter()
    try:
        runs = run_sweep(spec, args.out, workers=args.workers or default_workers(),
                         scheduler=args.scheduler, resume=args.resume,
                         progress=not args.no_progress, batch=args.batch, on_start=started)
    except (KeyboardInterrupt, WorkersLost) as stop:
        saved = len(ResultStore.open(args.out).run_ids()) if ResultStore.exists(args.out) else 0
        what = f"error: {stop}" if isinstance(stop, WorkersLost) else "interrupted"
        print(f"villageaid sweep: {what}; {saved} of {spec.total_runs} runs are saved in "
              f"{args.out}; the same command with --resume finishes the sweep", file=sys.stderr)
        return 130 if isinstance(stop, KeyboardInterrupt) else 1
    seconds = time.perf_counter() - began
    ran = counts.get("total", 0) - counts.get("done", 0)
    print(f"Done: {ran} run{'s' if ran != 1 else ''} in {seconds:.1f} s "
          f"({rate_per_minute(ran, seconds):,.0f} runs/min); {len(runs)} of {spec.total_runs} "
          f"runs stored in {args.out}")
    print("Files:")
    print(f"  sweep.json   {args.out / 'sweep.json'}  (spec fingerprint, design points)")
    print(f"  runs         {args.out / 'runs'}/  (Parquet, one row per run)")
    if spec.timeseries_every:
        print(f"  timeseries   {args.out / 'timeseries'}/  (Parquet, curves every "
              f"{spec.timeseries_every} weeks)")
    print(f"Load them with villageaid.experiments.load_results({str(args.out)!r})")
    if spec.design in ("sobol", "morris", "lhs"):
        print(f"Sensitivity indices: villageaid sensitivity {args.out}")
    return 0


def cmd_sensitivity(args) -> int:
    from ..experiments.sensitivity import analyse
    from ..visualization.sensitivity_report import (format_header, format_sensitivity,
                                                   plot_sensitivity)
    from ..experiments.spec import SweepError

    if args.out is not None:
        output_folder(args.out)
    out = args.out or args.dir
    result = analyse(args.dir, outputs=args.outputs, resamples=args.resamples)
    if result.table.empty:
        raise SweepError([Problem("nothing_to_analyse", facts={"output": name, "reason": reason})
                          for name, reason in result.skipped.items()], str(args.dir))
    paths = result.save(out)
    if not args.no_plot:
        paths["figure"] = plot_sensitivity(result, Path(out) / "sensitivity.png", args.lang)
    print(format_header(result, args.resamples, args.lang))
    print(format_sensitivity(result, args.lang))
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:8s} {path}")
    return 0
