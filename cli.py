"""The `villageaid` command line.

Every bad input ends in one line naming the option, the value and what was
expected, and exit status 2; never a traceback. A scenario file can hold
several problems: each gets its own line, all at once.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import textwrap
from pathlib import Path

from .scenarios.errors import ScenarioError
from .sim.params import PARAMETER_INDEX, PARAMETERS, ParameterError, make_params

EXIT_USAGE = 2
MAX_SEED = 2**32 - 1
MAX_YEARS = 100
DEFAULT_YEARS = 10


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr and exit 2 (no usage dump)."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _bounded_int(option: str, low: int, high: int, unit: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number; expected {low} to {high} ({unit})") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{value} is out of range; expected {low} to {high} ({unit})")
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
    return parser


def _cmd_run(args) -> int:
    from .scenarios import load_scenario
    from .sim.run import run_village, write_result

    scenario = load_scenario(args.scenario) if args.scenario else None
    values = {}
    for name, value in args.assignments:
        if name not in PARAMETER_INDEX:
            raise ParameterError(
                f"--set {name}: unknown parameter; `villageaid params` lists them")
        values[name] = value
    for name in ("residents", "villages"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    if scenario is not None:
        values = {**scenario.params.as_dict(), **values}
    params = make_params(**values)
    years = args.years or (scenario.years if scenario else DEFAULT_YEARS)
    if args.out.exists() and not args.out.is_dir():
        raise ParameterError(f"--out: {str(args.out)!r} is a file; expected a folder")
    if scenario is not None:
        scenario = dataclasses.replace(scenario, params=params, years=years)
        print(f"Scenario {scenario.name}: {scenario.description}")
        sys.stdout.flush()  # keep warnings in order with the lines above them
        for note in scenario.unreached():
            print(f"warning: {note}", file=sys.stderr)
    print(f"Running {params.villages} village(s) x {params.residents} residents for "
          f"{years} years (seed {args.seed}) ...", flush=True)
    if scenario is not None:
        result = scenario.run(seed=args.seed)
    else:
        result = run_village(params, seed=args.seed, years=years)
    paths = write_result(result, args.out, args.format)
    if not args.no_plot:
        from .visualization.figures import plot_run

        title = f"Scenario {scenario.name}" if scenario else "Default village"
        paths["figure"] = plot_run(result.timeseries, args.out / "curves.png",
                                   title=f"{title}, seed {args.seed}")
    print(format_summary(result.summary))
    if scenario is not None:
        print(format_schedule(result.summary), flush=True)
        for line in shortfall_warnings(result.summary):
            print(line, file=sys.stderr)
    print("Files:")
    for name, path in paths.items():
        print(f"  {name:11s} {path}")
    return 0


def format_summary(summary: dict) -> str:
    h = summary["headline"]

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"
    lines = [
        f"Residents {summary['residents']} (elders {summary['elders']}, "
        f"empty-nest {pct(h['empty_nest_share'])}), {summary['years']} years, "
        f"run {summary['run_seconds']:.2f} s "
        f"({summary['agent_steps_per_second']:,} agent-steps/s)",
        f"  needs met            {pct(h['coverage'])} overall, "
        f"{pct(h['coverage_last_year'])} in the last year",
        f"  elders taking part   {pct(h['participation_mean'])} "
        f"(willing {pct(h['willing_mean'])}); withdrawn at the end "
        f"{pct(h['withdrawn_final'])}",
        f"  volunteers           {h['helpers_active_final']} active at the end; "
        f"drop-out {pct(h['volunteer_dropout_per_year'])} a year; "
        f"mean burnout {h['mean_burnout']:.2f}",
        f"  self-efficacy {h['mean_efficacy_final']:.2f}, loneliness "
        f"{h['mean_loneliness_final']:.2f} (elders' means at the end)",
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
    from .experiments.compare import compare, format_report
    from .experiments.replicates import default_workers
    from .scenarios import load_scenario

    if len(set(args.scenarios)) != len(args.scenarios):
        raise ParameterError(f"scenarios: {' '.join(args.scenarios)} names one twice; "
                             "expected different scenarios")
    if args.out.exists() and not args.out.is_dir():
        raise ParameterError(f"--out: {str(args.out)!r} is a file; expected a folder")
    scenarios = []
    for name in args.scenarios:
        sc = load_scenario(name)
        if args.residents is not None:
            sc = dataclasses.replace(sc, params=sc.params.replace(residents=args.residents))
        if args.years is not None:
            sc = dataclasses.replace(sc, years=args.years)
        scenarios.append(sc)
    names = [sc.name for sc in scenarios]
    if len(set(names)) != len(names):
        raise ParameterError(f"scenarios: two files share the name {names}; expected "
                             "different `name` values")
    workers = args.workers or default_workers()
    print(f"Comparing {', '.join(names)}: {args.replicates} replicates each, seeds "
          f"{args.seed}..{args.seed + args.replicates - 1}, {workers} worker(s)", flush=True)
    comparison = compare(scenarios, replicates=args.replicates, seed=args.seed,
                         workers=workers, progress=not args.no_progress)
    paths = comparison.save(args.out)
    print(format_report(comparison))
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
        except ScenarioError as err:
            for problem in err.problems:
                print(f"{name}: {problem}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        counts = [_count(len(s.interventions), "intervention"), _count(len(s.shocks), "shock"),
                  _count(s.years, "year")]
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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    commands = {"run": _cmd_run, "params": _cmd_params, "scenarios": _cmd_scenarios,
                "validate": _cmd_validate, "compare": _cmd_compare}
    try:
        return commands[args.command](args)
    except ScenarioError as err:
        for line in err.lines():
            print(f"villageaid {args.command}: error: {line}", file=sys.stderr)
        return EXIT_USAGE
    except ParameterError as err:
        print(f"villageaid {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"villageaid {args.command}: error: {err.filename or ''}: {err.strerror}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
