"""The `villageaid` command line.

Every bad input ends in one line naming the option, the value and what was
expected, and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from .sim.params import PARAMETER_INDEX, PARAMETERS, ParameterError, make_params

EXIT_USAGE = 2
MAX_SEED = 2**32 - 1
MAX_YEARS = 100


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
        """),
    )
    r = PARAMETER_INDEX["residents"]
    v = PARAMETER_INDEX["villages"]
    run.add_argument("--years", type=_bounded_int("years", 1, MAX_YEARS, "years"), default=10,
                     help=f"simulated years, one step = one week (1 to {MAX_YEARS}; default 10)")
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
    return parser


def _cmd_run(args) -> int:
    from .sim.run import run_village, write_result

    values = {}
    for name, value in args.assignments:
        if name not in PARAMETER_INDEX:
            raise ParameterError(
                f"--set {name}: unknown parameter; `villageaid params` lists them")
        values[name] = value
    for name in ("residents", "villages"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    params = make_params(**values)
    if args.out.exists() and not args.out.is_dir():
        raise ParameterError(f"--out: {str(args.out)!r} is a file; expected a folder")
    print(f"Running {params.villages} village(s) x {params.residents} residents for "
          f"{args.years} years (seed {args.seed}) ...", flush=True)
    result = run_village(params, seed=args.seed, years=args.years)
    paths = write_result(result, args.out, args.format)
    if not args.no_plot:
        from .visualization.figures import plot_run

        paths["figure"] = plot_run(result.timeseries, args.out / "curves.png",
                                   title=f"Default village, seed {args.seed}")
    print(format_summary(result.summary))
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
    commands = {"run": _cmd_run, "params": _cmd_params}
    try:
        return commands[args.command](args)
    except ParameterError as err:
        print(f"villageaid {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"villageaid {args.command}: error: {err.filename or ''}: {err.strerror}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
