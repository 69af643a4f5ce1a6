"""The `villageaid` command line.

Every bad input ends in one line naming the option, the value and what was
expected, and exit status 2; never a traceback. A scenario file can hold
several problems: each gets its own line, all at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
import textwrap
from pathlib import Path

from .problems import Problem, ProblemError
from .sim.params import PARAMETER_INDEX, PARAMETERS, ParameterError, make_params
from .sim.streams import MAX_SEED

EXIT_USAGE = 2
MAX_YEARS = 100
DEFAULT_YEARS = 10


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr and exit 2 (no usage dump)."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _bounded_int(option: str, low: int, high: int, unit: str):
    facts = {"low": low, "high": high, "unit": unit, "quoted": ""}

    def parse(text: str) -> int:
        # argparse names the option in front of the message
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(str(Problem(
                "not_whole_number", "", text, facts, shown=repr(text)))) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(str(Problem(
                "out_of_range", "", value, facts, shown=f"{value:,}")))
        return value
    parse.__name__ = option
    return parse


def _param_bounds(name: str):
    p = PARAMETER_INDEX[name]
    return _bounded_int(name, p.low, p.high, p.unit)


def _assignment(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def _add_lang(parser) -> None:
    parser.add_argument("--lang", choices=("en", "zh"), default="en",
                        help="language of the printed report and the figures: en (English, "
                             "the default) or zh (简体中文)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="villageaid",
        description="Agent-based simulation of mutual aid among older adults in villages.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser(
        "run", help="run one village and write its tables and a figure",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the village model and write timeseries, agents, summary.json "
                    "and a PNG of the main curves.",
        epilog=textwrap.dedent("""\
            Any model parameter can be set with --set NAME=VALUE (repeatable);
            `villageaid params` lists them with unit, default, range and source.
            Example: villageaid run --years 5 --seed 3 --set grant=80000

            --scenario runs a preset (`villageaid scenarios` lists them) or a
            scenario TOML file: its village, interventions, shocks and years.
            --years, --residents, --villages and --set override the scenario.
            Example: villageaid run --scenario teams_incentives --years 5
        """),
    )
    r = PARAMETER_INDEX["residents"]
    v = PARAMETER_INDEX["villages"]
    run.add_argument("--years", type=_bounded_int("years", 1, MAX_YEARS, "years"), default=None,
                     help=f"simulated years, one step = one week (1 to {MAX_YEARS}; default "
                          f"{DEFAULT_YEARS}, or the scenario's)")
    run.add_argument("--scenario", metavar="NAME_OR_FILE", default=None,
                     help="a preset name or a scenario TOML file to run")
    run.add_argument("--seed", type=_bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                     help=f"run seed; every random draw derives from it (0 to {MAX_SEED}; "
                          "default 0)")
    run.add_argument("--residents", type=_param_bounds("residents"), default=None,
                     help=f"adult residents per village ({r.low} to {r.high} persons; "
                          f"default {r.default})")
    run.add_argument("--villages", type=_param_bounds("villages"), default=None,
                     help=f"villages in the township, joined by weak ties ({v.low} to "
                          f"{v.high}; default {v.default})")
    run.add_argument("--set", dest="assignments", type=_assignment, action="append",
                     default=[], metavar="NAME=VALUE",
                     help="set any model parameter (see `villageaid params`)")
    run.add_argument("--out", type=Path, default=Path("out"),
                     help="folder for the outputs (created if missing; default ./out)")
    run.add_argument("--format", choices=("csv", "parquet"), default="csv",
                     help="table format: csv or parquet (default csv)")
    run.add_argument("--no-plot", action="store_true", help="skip the PNG figure")
    _add_lang(run)
    run.add_argument("--village", metavar="PATH", default=None,
                     help="run a real village: a folder of CSV files or an .xlsx workbook "
                          "(see `villageaid village template`); replaces --residents")

    sub.add_parser("params", help="list every model parameter with unit, default, range, source")
    sub.add_parser("scenarios", help="list the preset scenarios with what each switches on")
    validate = sub.add_parser(
        "validate", help="check scenario files and report every problem, one line each",
        description="Check scenario TOML files (or preset names) without running them. "
                    "Exit 0 if all are valid, 2 otherwise.")
    validate.add_argument("files", nargs="+", metavar="FILE", help="scenario TOML file")

    compare = sub.add_parser(
        "compare", help="compare scenarios over seeded replicates",
        description="Run each scenario R times (replicate i of every scenario with seed "
                    "S + i: common random numbers) and compare headline metrics with 95% "
                    "intervals, and each scenario's paired difference from the first. "
                    "Writes CSV tables and a PNG figure.")
    compare.add_argument("scenarios", nargs="+", metavar="SCENARIO",
                         help="preset name or scenario file; the first is the reference")
    compare.add_argument("--replicates", type=_bounded_int("replicates", 2, 10_000, "runs"),
                         default=5, help="replicates per scenario (2 to 10000; default 5)")
    compare.add_argument("--seed", type=_bounded_int("seed", 0, MAX_SEED, "integer"),
                         default=0, help="seed of replicate 0; replicate i uses seed + i")
    compare.add_argument("--years", type=_bounded_int("years", 1, MAX_YEARS, "years"),
                         default=None, help="override every scenario's years (1 to 100)")
    compare.add_argument("--residents", type=_param_bounds("residents"), default=None,
                         help="override every scenario's residents per village")
    compare.add_argument("--workers", type=_bounded_int("workers", 1, 256, "processes"),
                         default=None, help="worker processes (default: the CPU count, "
                                            "at most 8)")
    compare.add_argument("--out", type=Path, default=Path("out/compare"),
                         help="folder for the tables and figure (default ./out/compare)")
    compare.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_lang(compare)
    compare.add_argument("--village", metavar="PATH", default=None,
                         help="run every scenario on this village file (folder of CSV "
                              "files or .xlsx workbook)")

    village = sub.add_parser(
        "village", help="village files: an empty template, a synthetic village, a check",
        description="A real village for the model: residents, ties and spaces as CSV files "
                    "in a folder or sheets of one .xlsx workbook. docs/guide_village_files.md "
                    "describes the format.")
    vsub = village.add_subparsers(dest="village_command", required=True, parser_class=_Parser)
    template = vsub.add_parser(
        "template", help="write empty tables with their headers and a README of every column",
        description="Write residents, ties and spaces with headers only, and README.md "
                    "explaining every column and how to pseudonymise a roster.")
    export = vsub.add_parser(
        "export", help="write the synthetic village of a seed as a village file",
        description="Write the synthetic village the model builds for --seed and "
                    "--residents in the village file format. `villageaid run --village DIR "
                    "--seed S` then repeats `villageaid run --residents N --seed S` exactly.")
    for cmd in (template, export):
        cmd.add_argument("dir", metavar="DIR", type=Path, help="folder to write (created)")
        cmd.add_argument("--format", choices=("csv", "xlsx"), default="csv",
                         help="csv: one file per table; xlsx: one workbook (default csv)")
        cmd.add_argument("--force", action="store_true", help="overwrite existing files")
    export.add_argument("--seed", type=_bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                        help=f"seed of the synthetic village (0 to {MAX_SEED}; default 0)")
    export.add_argument("--residents", type=_param_bounds("residents"), default=None,
                        help=f"adult residents ({r.low} to {r.high}; default {r.default})")
    check = vsub.add_parser(
        "check", help="check a village file and say what the model would fill",
        description="Read and validate a village file without running it: every problem "
                    "at once, with file, row and column. Exit 0 if valid, 2 otherwise.")
    check.add_argument("path", metavar="PATH", help="folder of CSV files or .xlsx workbook")

    sweep = sub.add_parser(
        "sweep", help="run a parameter sweep (grid, Latin hypercube, Sobol, Morris) into a "
                      "resumable Parquet store",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Run every design point of a sweep spec times its replicates (replicate i with "
            "seed S + i at every point), writing one row per run to a Parquet dataset under "
            "--out as runs finish.", 80),
        epilog=textwrap.dedent("""\
            The spec is a TOML file: a base scenario, the parameters to vary (model
            parameters such as grant, or intervention settings such as teams.team_size)
            with low/high or levels, the design, samples, replicates, seed, years and
            outputs. docs/guide_sweeps.md describes it with a worked example.
            Example: villageaid sweep sweep.toml --out out/sweep --workers 2
            A stopped sweep continues with the same command and --resume.
        """))
    sweep.add_argument("spec", metavar="SPEC.toml", help="the sweep spec file")
    sweep.add_argument("--out", type=Path, required=True,
                       help="folder for the result store (new or empty; with --resume, the "
                            "folder of the sweep to finish)")
    sweep.add_argument("--workers", type=_bounded_int("workers", 1, 256, "processes"),
                       default=None, help="local worker processes (default: the CPU count, "
                                          "at most 8)")
    sweep.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                       help="run on a Dask distributed cluster at this scheduler address")
    sweep.add_argument("--resume", action="store_true",
                       help="finish the sweep in --out: run only the runs not stored yet")
    sweep.add_argument("--batch", type=_bounded_int("batch", 1, 1_000_000, "runs"), default=64,
                       help="runs per Parquet file (default 64); what has finished is "
                            "written at least every 10 s")
    sweep.add_argument("--no-progress", action="store_true", help="no progress bar")

    sens = sub.add_parser(
        "sensitivity", help="Sobol, Morris or PRCC sensitivity indices of a finished sweep",
        description="Sobol first- and total-order indices (design sobol) or Morris mu*, mu "
                    "and sigma (design morris), with bootstrap confidence intervals (SALib), "
                    "or partial rank correlation coefficients with Fisher z intervals (design "
                    "lhs), of every output of the sweep in DIR; each design point's output is "
                    "its mean over replicates. Warns when the sample is too small, an index "
                    "leaves its range or an interval cannot tell. Writes sensitivity.csv, "
                    "sensitivity_warnings.csv and sensitivity.png.")
    sens.add_argument("dir", metavar="DIR", type=Path, help="the --out folder of a sweep")
    sens.add_argument("--output", dest="outputs", action="append", metavar="NAME",
                      help="analyse only this output (repeatable; default: all)")
    sens.add_argument("--resamples", type=_bounded_int("resamples", 10, 100_000, "resamples"),
                      default=1000, help="bootstrap resamples for the intervals (default 1000)")
    sens.add_argument("--out", type=Path, default=None,
                      help="folder for the table, warnings and figure (default: DIR)")
    sens.add_argument("--no-plot", action="store_true", help="skip the PNG figure")
    _add_lang(sens)

    dash = sub.add_parser(
        "dashboard", help="serve the dashboard (Explore, Compare, Learn) in the browser",
        description="Serve the Solara dashboard and print its address. It listens on "
                    "127.0.0.1 (this computer only) unless --host says otherwise.")
    dash.add_argument("--port", type=_bounded_int("port", 1, 65535, "TCP port"), default=8765,
                      help="port to listen on (default 8765)")
    dash.add_argument("--host", default="127.0.0.1",
                      help="address to listen on (default 127.0.0.1; 0.0.0.0 for every "
                           "network interface)")
    return parser


def _set_problem(name: str, value: str, roster) -> Problem | None:
    """What is wrong with `--set NAME=VALUE` beyond its value, or None."""
    from .sim.interventions import INTERVENTIONS

    kind, _, setting = name.partition(".")
    where = f"--set {name}"
    if setting and kind in INTERVENTIONS:
        return Problem("set_intervention_setting", where, value,
                       {"kind": kind, "setting": setting}, shown=value)
    if name not in PARAMETER_INDEX:
        return Problem("set_unknown_parameter", where)
    if roster is not None and name in ("residents", "villages"):
        return Problem("with_village_file", where)
    return None


def _cmd_run(args) -> int:
    from .scenarios import load_scenario
    from .sim.run import run_village, write_result

    scenario = load_scenario(args.scenario) if args.scenario else None
    roster = _read_village(args, scenario)
    values, problems = {}, []  # every bad --set is reported, not only the first
    for name, value in args.assignments:
        problem = _set_problem(name, value, roster)
        if problem:
            problems.append(problem)
        else:
            values[name] = value
    for name in ("residents", "villages"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    if scenario is not None:
        values = {**scenario.params.as_dict(), **values}
    try:
        params = make_params(**values)
    except ProblemError as err:
        problems.extend(err.problems)
    if problems:
        raise ProblemError(problems)
    if roster is not None:
        params = params.replace(residents=roster.size, villages=1)
    years = args.years or (scenario.years if scenario else DEFAULT_YEARS)
    _output_folder(args.out)
    if scenario is not None:
        scenario = dataclasses.replace(scenario, params=params, years=years)
        if args.village is not None:
            scenario = dataclasses.replace(scenario, village=os.path.abspath(args.village),
                                           roster=roster)
        print(f"Scenario {scenario.name}: {scenario.description}")
        sys.stdout.flush()  # keep warnings in order with the lines above them
        for note in scenario.unreached():
            print(f"warning: {note}", file=sys.stderr)
    if roster is not None:
        _print_village(roster)
    print(f"Running {params.villages} village(s) x {params.residents} residents for "
          f"{years} years (seed {args.seed}) ...", flush=True)
    if scenario is not None:
        result = scenario.run(seed=args.seed)
    else:
        result = run_village(params, seed=args.seed, years=years, roster=roster)
    paths = write_result(result, args.out, args.format)
    if not args.no_plot:
        from .visualization.figures import plot_run

        zh = args.lang == "zh"
        title = (f"{'场景' if zh else 'Scenario'} {scenario.name}" if scenario else
                 f"{'村庄' if zh else 'Village'} {roster.source}" if roster is not None else
                 "默认村庄" if zh else "Default village")
        seed = f"种子 {args.seed}" if zh else f"seed {args.seed}"
        paths["figure"] = plot_run(result.timeseries, args.out / "curves.png",
                                   title=f"{title}, {seed}", lang=args.lang)
    print(format_summary(result.summary, args.lang))
    if scenario is not None:
        print(format_schedule(result.summary), flush=True)
        for line in shortfall_warnings(result.summary):
            print(line, file=sys.stderr)
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:11s} {path}")
    return 0


def format_summary(summary: dict, lang: str = "en") -> str:
    h = summary["headline"]

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"
    if lang == "zh":
        return "\n".join([
            f"居民 {summary['residents']} 人（老人 {summary['elders']} 人，空巢 "
            f"{pct(h['empty_nest_share'])}），{summary['years']} 年，运行 "
            f"{summary['run_seconds']:.2f} 秒（每秒 {summary['agent_steps_per_second']:,} 个主体步）",
            f"  需求满足率        总体 {pct(h['coverage'])}，最后一年 {pct(h['coverage_last_year'])}",
            f"  参与互助的老人    {pct(h['participation'])}（愿意参与 "
            f"{pct(h['willing'])}）；期末退缩 {pct(h['withdrawn_final'])}",
            f"  志愿者            期末活跃 {h['helpers_final']} 人；每年退出 "
            f"{pct(h['dropout_per_year'])}；平均倦怠 {h['burnout']:.2f}",
            f"  期末老人平均自我效能感 {h['efficacy_final']:.2f}，孤独感 "
            f"{h['loneliness_final']:.2f}",
        ])
    lines = [
        f"Residents {summary['residents']} (elders {summary['elders']}, "
        f"empty-nest {pct(h['empty_nest_share'])}), {summary['years']} years, "
        f"run {summary['run_seconds']:.2f} s "
        f"({summary['agent_steps_per_second']:,} agent-steps/s)",
        f"  needs met            {pct(h['coverage'])} overall, "
        f"{pct(h['coverage_last_year'])} in the last year",
        f"  elders taking part   {pct(h['participation'])} "
        f"(willing {pct(h['willing'])}); withdrawn at the end "
        f"{pct(h['withdrawn_final'])}",
        f"  volunteers           {h['helpers_final']} active at the end; "
        f"drop-out {pct(h['dropout_per_year'])} a year; "
        f"mean burnout {h['burnout']:.2f}",
        f"  self-efficacy {h['efficacy_final']:.2f}, loneliness "
        f"{h['loneliness_final']:.2f} (elders' means at the end)",
    ]
    return "\n".join(lines)


def format_schedule(summary: dict) -> str:
    """The scenario's interventions and shocks, for the run's printed summary."""
    shocks = [f"{s['kind']} (week {s['week']}, {s['duration']} weeks, severity {s['severity']})"
              for s in summary["scenario"]["shocks"]]
    indent = " " * 23
    return "\n".join(
        textwrap.fill(", ".join(items) or "none", 88, initial_indent=f"  {label:21s}",
                      subsequent_indent=indent)
        for label, items in (("interventions", summary["interventions"]), ("shocks", shocks)))


def shortfall_warnings(summary: dict) -> list[str]:
    """One warning per intervention the budget could not fully pay in some weeks."""
    lines = []
    for name, report in summary.get("intervention_reports", {}).items():
        weeks = report.get("shortfall_weeks", 0)
        if weeks > 0:
            lines.append(f"warning: {name} ran short of budget in {weeks} "
                         f"week{'s' if weeks != 1 else ''} (reduced scale)")
    return lines


def _cmd_compare(args) -> int:
    from .experiments.compare import compare
    from .visualization.compare_figure import plot_comparison
    from .visualization.report import format_report
    from .experiments.executor import default_workers
    from .scenarios import load_scenario

    if len(set(args.scenarios)) != len(args.scenarios):
        raise ParameterError(f"scenarios: {' '.join(args.scenarios)} names one twice; "
                             "expected different scenarios")
    roster = _read_village(args, None)
    scenarios = []
    for name in args.scenarios:
        sc = load_scenario(name)
        if roster is not None:
            sc = dataclasses.replace(sc, village=os.path.abspath(args.village), roster=roster,
                                     params=sc.params.replace(residents=roster.size,
                                                              villages=1))
        elif sc.village is not None and args.residents is not None:
            raise ParameterError(f"--residents: cannot be used with {name}, which runs the "
                                 f"village file {sc.village}")
        if args.residents is not None:
            sc = dataclasses.replace(sc, params=sc.params.replace(residents=args.residents))
        scenarios.append(sc)
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ParameterError(f"scenarios: two files share the name {names}; expected "
                             "different `name` values")
    _output_folder(args.out)
    workers = args.workers or default_workers()
    shown = set()
    for sc in scenarios:
        if sc.village is not None and sc.village not in shown:
            shown.add(sc.village)
            _print_village(sc.load_roster())
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


def _cmd_scenarios(args) -> int:
    from .scenarios import list_presets

    presets = list_presets()
    width = max(len(name) for name, _ in presets)
    for name, description in presets:
        print(textwrap.fill(description, 88, initial_indent=f"  {name:{width}}  ",
                            subsequent_indent=" " * (width + 4)))
    print("\nRun one with `villageaid run --scenario NAME`; a TOML file of your own works "
          "too\n(copy a preset from scenarios/presets/; `villageaid validate FILE` checks it).")
    return 0


def _cmd_validate(args) -> int:
    from .scenarios import load_scenario

    status = 0
    for name in args.files:
        try:
            s = load_scenario(name)
        except ProblemError as err:
            for problem in err.problems:
                print(f"{name}: {problem}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        counts = [_count(len(s.interventions), "intervention"), _count(len(s.shocks), "shock"),
                  _count(s.years, "year")]
        if s.village is not None:
            counts.append(f"village file of {s.load_roster().size} residents")
        print(f"{name}: valid ({', '.join(counts)})")
    return status


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _cmd_params(args) -> int:
    group = None
    for p in PARAMETERS:
        if p.group != group:
            group = p.group
            print(f"\n[{group}]")
        print(f"  {p.name} = {p.default}  ({p.unit}; {p.low} to {p.high})")
        print(textwrap.fill(p.doc, 88, initial_indent="      ", subsequent_indent="      "))
        print(textwrap.fill("source: " + p.source, 88, initial_indent="      ",
                            subsequent_indent="      "))
    return 0


def _cmd_sweep(args) -> int:
    import time

    from .experiments.executor import WorkersLost, default_workers
    from .experiments.spec import load_spec
    from .experiments.store import ResultStore
    from .experiments.sweep import rate_per_minute, run_sweep

    if args.scheduler is not None and args.workers is not None:
        raise ParameterError("--workers: not used with --scheduler (the cluster's workers run "
                             "the sweep); expected one or the other")
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


def _cmd_sensitivity(args) -> int:
    from .experiments.sensitivity import analyse
    from .visualization.sensitivity_report import (format_header, format_sensitivity,
                                                   plot_sensitivity)
    from .experiments.spec import SweepError

    if args.out is not None:
        _output_folder(args.out)
    out = args.out or args.dir
    result = analyse(args.dir, outputs=args.outputs, resamples=args.resamples)
    if result.table.empty:
        raise SweepError([f"no output to analyse: {name} is {reason}"
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


def _output_folder(path: Path) -> None:
    """Create the --out folder and check it takes files, before any run starts, so a
    bad --out costs nothing and never loses results."""
    if path.exists() and not path.is_dir():
        raise ParameterError(f"--out: {str(path)!r} is a file; expected a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as err:
        raise ParameterError(f"--out: {str(path)!r} cannot be written ({err.strerror or err}); "
                             "expected a folder you can write to") from None


def _read_village(args, scenario):
    """The village file of --village (or of the scenario), read and validated, or None.

    A bad file raises RosterError with every problem; --residents and --villages
    cannot be combined with a village file, whose residents make the village.
    """
    if args.village is None and (scenario is None or scenario.village is None):
        return None
    for name in ("residents", "villages"):
        if getattr(args, name, None) is not None:
            raise ProblemError([Problem("with_village_file_named", f"--{name}", facts={
                "path": str(args.village or scenario.village)})])
    if args.village is None:
        return scenario.load_roster()
    from .scenarios.village_files import read_roster

    return read_roster(args.village)


def _print_village(roster) -> None:
    """What the village file holds and what the model fills in; notes as warnings."""
    print("\n".join(roster.describe()), flush=True)
    for note in roster.notes:
        print(f"warning: {note}", file=sys.stderr)
    sys.stderr.flush()


def _cmd_village(args) -> int:
    from .scenarios.village_files import export_village, read_roster, write_template

    if args.village_command == "check":
        roster = read_roster(args.path)
        _print_village(roster)
        print(f"{args.path}: valid")
        return 0
    if args.village_command == "template":
        paths = write_template(args.dir, args.format, force=args.force)
        print(f"Wrote an empty village file in {args.dir}:")
    else:
        paths = export_village(args.dir, seed=args.seed, residents=args.residents,
                               fmt=args.format, force=args.force)
        residents = args.residents or PARAMETER_INDEX["residents"].default
        print(f"Wrote the synthetic village of seed {args.seed} ({residents} residents) "
              f"in {args.dir}:")
    for path in paths:
        print(f"  {path}")
    target = paths[0] if args.format == "xlsx" else args.dir
    if args.village_command == "template":
        print(f"Fill it in (README.md explains every column), then: villageaid village check "
              f"{target}")
    elif args.format == "csv":
        print(f"villageaid run --village {target} --seed {args.seed} repeats villageaid run "
              f"--residents {residents} --seed {args.seed} exactly")
    else:
        print(f"villageaid run --village {target} --seed {args.seed} runs this village (a "
              "workbook keeps 16 significant digits, so the run is not bit for bit the "
              "synthetic one; --format csv is)")
    return 0


def _cmd_dashboard(args) -> int:
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in args.host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((args.host, args.port))
    except OSError as err:
        raise ParameterError(f"--host {args.host} --port {args.port}: cannot listen there "
                             f"({err.strerror or err}); expected a free port on a local "
                             "address") from None
    from .visualization.app import serve

    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"villageaid dashboard: serving on http://{shown}:{args.port}/ (Ctrl+C to stop)",
          flush=True)
    return serve(args.host, args.port)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"run": _cmd_run, "params": _cmd_params, "scenarios": _cmd_scenarios,
                "validate": _cmd_validate, "compare": _cmd_compare, "sweep": _cmd_sweep,
                "sensitivity": _cmd_sensitivity, "village": _cmd_village}
    commands["dashboard"] = _cmd_dashboard
    try:
        code = commands[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not as a warning at exit
        return code
    except ProblemError as err:
        for line in err.lines():  # one line per problem
            print(f"villageaid {args.command}: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (`villageaid params | head`): stop quietly, as a command
        # killed by SIGPIPE does; stdout goes to devnull so the exit flush cannot fail
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
    except OSError as err:
        # an OSError without a file (a timeout, a lost connection) is shown as it is
        what = f"{err.filename}: {err.strerror}" if err.filename else (
            err.strerror or str(err) or type(err).__name__)
        print(f"villageaid {args.command}: error: {what}", file=sys.stderr)
        return 1
    except RuntimeError as err:
        from .experiments.executor import WorkersLost

        if not isinstance(err, WorkersLost):
            raise
        print(f"villageaid {args.command}: error: {err}; nothing was written",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # run and compare write their files only once they finish
        print(f"villageaid {args.command}: interrupted; nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
