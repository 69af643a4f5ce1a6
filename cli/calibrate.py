"""`villageaid calibrate`: fit uncertain model parameters to target patterns (Optuna).

The study is experiments/calibration.py and options.py declares the command's
options; this module runs the study, draws the fit and prints what it wrote.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .common import output_folder, print_village


def cmd_calibrate(args) -> int:
    from ..experiments.calibration import run_calibration
    from ..experiments.calibration_spec import load_calibration
    from ..experiments.executor import WorkersLost, default_workers

    spec = load_calibration(args.spec).override(args.trials, args.replicates, args.seed)
    if not args.resume:
        output_folder(args.out)  # a bad --out costs nothing; a folder to resume must exist
    # a trial's replicates are what runs in parallel: more workers would idle
    workers = args.workers or min(default_workers(), spec.replicates)
    counts: dict[str, int] = {}
    began = time.perf_counter()
    try:
        result = run_calibration(spec, args.out, workers=workers, resume=args.resume,
                                 progress=not args.no_progress,
                                 on_start=_announce(args.out, counts))
    except (KeyboardInterrupt, WorkersLost) as stop:
        return _stopped(stop, spec, args.out)
    _report(result, args.out, counts.get("done", 0), time.perf_counter() - began)
    return 0


def _announce(out: Path, counts: dict):
    """The on_start callback: what will run, and what a resumed study already holds."""
    def started(spec, done, where):
        counts["done"] = done
        print(f"Calibrating {spec.source}: {spec.describe()}")
        for note in spec.scenario.unreached(spec.years):
            print(f"warning: {note}", file=sys.stderr)
        if spec.scenario.village is not None:
            print_village(spec.scenario.load_roster())
        if done:
            print(f"{done} trial{'s' if done != 1 else ''} already in {out}")
        left = max(spec.trials - done, 0)
        print(f"Running {left} trial{'s' if left != 1 else ''} on {where} ...", flush=True)
    return started


def _stopped(stop: BaseException, spec, out: Path) -> int:
    """Ctrl-C or lost workers: the finished trials are in the study; say how to go on."""
    from ..experiments.calibration import output_paths, saved_trials

    what = "interrupted" if isinstance(stop, KeyboardInterrupt) else f"error: {stop}"
    print(f"villageaid calibrate: {what}; {saved_trials(out)} of {spec.trials} trials are "
          f"saved in {output_paths(out)['study']}; the same command with --resume continues "
          "the calibration", file=sys.stderr)
    return 130 if isinstance(stop, KeyboardInterrupt) else 1


def _report(result, out: Path, done_before: int, seconds: float) -> None:
    """fit.png, the console report, and the files written."""
    from ..experiments.calibration import output_paths
    from ..visualization.calibration_report import format_calibration, plot_calibration

    spec = result.spec
    paths = output_paths(out)  # run_calibration wrote the tables
    figure = plot_calibration(result, out / "fit.png")
    if figure is not None:
        paths["figure"] = figure
    print(format_calibration(result))
    ran = max(spec.trials - done_before, 0)
    print(f"Done: {ran} trial{'s' if ran != 1 else ''} ({ran * spec.replicates} runs) in "
          f"{seconds:.1f} s; {len(result.trials)} trials in {out}")
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:8s} {path}")
