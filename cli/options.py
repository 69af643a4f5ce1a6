"""The command line's parser: every command, option and the checks of option values."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from ..problems import Problem
from ..sim.params import PARAMETER_INDEX
from ..sim.streams import MAX_SEED
from .brief import add_brief



EXIT_USAGE = 2
MAX_YEARS = 100
DEFAULT_YEARS = 10


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line on stderr and exit 2 (no usage dump)."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def bounded_int(option: str, low: int, high: int, unit: str):
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


def param_bounds(name: str):
    p = PARAMETER_INDEX[name]
    return bounded_int(name, p.low, p.high, p.unit)


def _assignment(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=VALUE")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def add_lang(parser) -> None:
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
    run.add_argument("--years", type=bounded_int("years", 1, MAX_YEARS, "years"), default=None,
                     help=f"simulated years, one step = one week (1 to {MAX_YEARS}; default "
                          f"{DEFAULT_YEARS}, or the scenario's)")
    run.add_argument("--scenario", metavar="NAME_OR_FILE", default=None,
                     help="a preset name or a scenario TOML file to run")
    run.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                     help=f"run seed; every random draw derives from it (0 to {MAX_SEED}; "
                          "default 0)")
    run.add_argument("--residents", type=param_bounds("residents"), default=None,
                     help=f"adult residents per village ({r.low} to {r.high} persons; "
                          f"default {r.default})")
    run.add_argument("--villages", type=param_bounds("villages"), default=None,
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
    add_lang(run)
    run.add_argument("--village", metavar="NAME_OR_PATH", default=None,
                     help="run a village type (`villageaid village types` lists them) or a "
                          "real village: a folder of CSV files or an .xlsx workbook (see "
                          "`villageaid village template`), which replaces --residents")

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
    compare.add_argument("--replicates", type=bounded_int("replicates", 2, 10_000, "runs"),
                         default=5, help="replicates per scenario (2 to 10000; default 5)")
    compare.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"),
                         default=0, help="seed of replicate 0; replicate i uses seed + i")
    compare.add_argument("--years", type=bounded_int("years", 1, MAX_YEARS, "years"),
                         default=None, help="override every scenario's years (1 to 100)")
    compare.add_argument("--residents", type=param_bounds("residents"), default=None,
                         help="override every scenario's residents per village")
    compare.add_argument("--workers", type=bounded_int("workers", 1, 256, "processes"),
                         default=None, help="worker processes (default: the CPU count, "
                                            "at most 8)")
    compare.add_argument("--out", type=Path, default=Path("out/compare"),
                         help="folder for the tables and figure (default ./out/compare)")
    compare.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_lang(compare)
    compare.add_argument("--village", metavar="NAME_OR_PATH", default=None,
                         help="run every scenario on this village type or village file "
                              "(folder of CSV files or .xlsx workbook); SCENARIO@TYPE runs "
                              "one scenario on a type")

    village = sub.add_parser(
        "village", help="village files: an empty template, a synthetic village, a check; "
                        "the village types",
        description="A real village for the model: residents, ties and spaces as CSV files "
                    "in a folder or sheets of one .xlsx workbook. docs/guide_village_files.md "
                    "describes the format. `villageaid village types` lists the built-in "
                    "village types (docs/village_types.md).")
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
    export.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                        help=f"seed of the synthetic village (0 to {MAX_SEED}; default 0)")
    export.add_argument("--residents", type=param_bounds("residents"), default=None,
                        help=f"adult residents ({r.low} to {r.high}; default {r.default})")
    check = vsub.add_parser(
        "check", help="check a village file and say what the model would fill",
        description="Read and validate a village file without running it: every problem "
                    "at once, with file, row and column. Exit 0 if valid, 2 otherwise.")
    check.add_argument("path", metavar="PATH", help="folder of CSV files or .xlsx workbook")
    types = vsub.add_parser(
        "types", help="list the village types with the parameters they set and sources",
        description="The built-in village types (hollowed_mountain, plains_near_town, "
                    "single_clan): what each is, every parameter it sets beside the default, "
                    "and the source of each figure. Use one with --village NAME or "
                    "SCENARIO@NAME; docs/village_types.md explains them.")
    add_lang(types)

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
    sweep.add_argument("--workers", type=bounded_int("workers", 1, 256, "processes"),
                       default=None, help="local worker processes (default: the CPU count, "
                                          "at most 8)")
    sweep.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                       help="run on a Dask distributed cluster at this scheduler address")
    sweep.add_argument("--resume", action="store_true",
                       help="finish the sweep in --out: run only the runs not stored yet")
    sweep.add_argument("--batch", type=bounded_int("batch", 1, 1_000_000, "runs"), default=64,
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
    sens.add_argument("--resamples", type=bounded_int("resamples", 10, 100_000, "resamples"),
                      default=1000, help="bootstrap resamples for the intervals (default 1000)")
    sens.add_argument("--out", type=Path, default=None,
                      help="folder for the table, warnings and figure (default: DIR)")
    sens.add_argument("--no-plot", action="store_true", help="skip the PNG figure")
    add_lang(sens)

    cal = sub.add_parser(
        "calibrate", help="fit uncertain parameters to target patterns (Optuna, resumable)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Fit the uncertain model parameters of a spec to its target patterns: each "
            "Optuna trial (TPE) runs the village for the spec's replicates (seed S + i in "
            "every trial) and scores sum((mean - value) / tolerance)^2 over the targets. "
            "Writes trials.csv, fitted.toml (best values and their range over the trials "
            "whose every target fits) and fit.png into --out.", 80),
        epilog=textwrap.dedent("""\
            The spec is a TOML file: [calibration] (years, replicates, trials, seed,
            optional scenario or village, fixed [calibration.params]), [[parameter]]
            tables (name, low, high) and [[target]] tables (metric, value, tolerance,
            source). calibration/default.toml fits the patterns of docs/ODD.md 1.2.
            Example: villageaid calibrate calibration/default.toml --out out/cal
            A stopped calibration continues with the same command and --resume.
        """))
    cal.add_argument("spec", metavar="SPEC.toml", help="the calibration spec file")
    cal.add_argument("--out", type=Path, default=Path("out/calibration"),
                     help="folder for the study and its results (new or empty; with "
                          "--resume, the folder of the study to continue; default "
                          "./out/calibration)")
    cal.add_argument("--trials", type=bounded_int("trials", 1, 100_000, "trials"),
                     default=None, help="trials in the study (default: the spec's); with "
                                        "--resume, the total to reach")
    cal.add_argument("--replicates", type=bounded_int("replicates", 1, 10_000, "runs"),
                     default=None, help="replicates per trial (default: the spec's)")
    cal.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"), default=None,
                     help="seed of replicate 0 and of the sampler (default: the spec's)")
    cal.add_argument("--workers", type=bounded_int("workers", 1, 256, "processes"),
                     default=None, help="worker processes for a trial's replicates "
                                        "(default: the CPU count, at most 8 and at most "
                                        "the replicates); results do not depend on it")
    cal.add_argument("--resume", action="store_true",
                     help="continue the calibration in --out up to --trials")
    cal.add_argument("--no-progress", action="store_true", help="no progress bar")

    fac = sub.add_parser(
        "factorial", help="2x2x2 factorial of micro, meso and macro (or 2 to 4 factors of "
                          "your choice): main effects and interactions",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Test whether the three levels of intervention reinforce each other: micro "
            "(casework), meso (teams, recognition, time bank) and macro (matching, "
            "activity centre, governance), each off or on with the presets' settings, in "
            "all 8 combinations; replicate i of every cell uses seed S + i. Writes "
            "cells.csv, means.csv, effects.csv (main effects, two- and three-way "
            "interactions with paired 95% intervals), table.csv, spending.csv, "
            "factorial.json and factorial.png into --out. --factors names other factors "
            "(levels or single interventions, 2 to 4: 2^k cells); --spending matched "
            "(the default) gives every cell the same planned spending.", 80),
        epilog=textwrap.dedent("""\
            No shocks unless --cold-wave: the question is about the levels.
            Example: villageaid factorial --replicates 3 --years 5 --out out/factorial
                     villageaid factorial --factors casework,teams,matching,governance
        """))
    fac.add_argument("--replicates", type=bounded_int("replicates", 2, 10_000, "runs"),
                     default=5, help="replicates per cell (2 to 10000; default 5)")
    fac.add_argument("--years", type=bounded_int("years", 1, MAX_YEARS, "years"),
                     default=DEFAULT_YEARS, help=f"simulated years (1 to {MAX_YEARS}; "
                                                 f"default {DEFAULT_YEARS})")
    fac.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                     help="seed of replicate 0; replicate i uses seed + i (default 0)")
    fac.add_argument("--workers", type=bounded_int("workers", 1, 256, "processes"),
                     default=None, help="worker processes (default: the CPU count, at most "
                                        "8); results do not depend on it")
    fac.add_argument("--out", type=Path, default=Path("out/factorial"),
                     help="folder for the tables and figure (default ./out/factorial)")
    fac.add_argument("--residents", type=param_bounds("residents"), default=None,
                     help=f"adult residents of the village ({r.low} to {r.high}; default "
                          f"{r.default})")
    fac.add_argument("--cold-wave", action="store_true",
                     help="add the presets' cold wave (start of year 3; needs --years 3 or "
                          "more); default: no shocks")
    fac.add_argument("--no-progress", action="store_true", help="no progress bar")
    fac.add_argument("--factors", metavar="A,B[,C[,D]]", default=None,
                     help="2 to 4 factors, each a level (micro, meso, macro) or an "
                          "intervention of the all_levels preset (casework, teams, "
                          "recognition, time_bank, matching, activity_centre, governance), "
                          "not overlapping (default micro,meso,macro)")
    fac.add_argument("--spending", choices=("matched", "budget"), default="matched",
                     help="matched (default): every cell's interventions are scaled "
                          "(intensity) to one planned cost a year, the all-on cell's or "
                          "the budget, whichever is smaller, so cells compare ways of "
                          "spending the same money; budget: the preset's settings in "
                          "every cell, on the same budget")
    add_lang(fac)
    fac.add_argument("--village", metavar="NAME_OR_PATH", default=None,
                     help="run the cells on this village type or village file (folder of "
                          "CSV files or .xlsx workbook)")

    add_advise(sub)

    dash = sub.add_parser(
        "dashboard", help="serve the dashboard (Explore, Compare, Learn) in the browser",
        description="Serve the Solara dashboard and print its address. It listens on "
                    "127.0.0.1 (this computer only) unless --host says otherwise.")
    dash.add_argument("--port", type=bounded_int("port", 1, 65535, "TCP port"), default=8765,
                      help="port to listen on (default 8765)")
    dash.add_argument("--host", default=None,
                      help="address to listen on (default 127.0.0.1, with --classroom "
                           "0.0.0.0: every network interface)")
    add_classroom(dash)
    add_brief(sub)
    return parser


def add_classroom(dash) -> None:
    """`villageaid dashboard --classroom`: one dashboard for a class on the local network."""
    room = dash.add_argument_group(
        "classroom mode", "serve on the local network behind an access code, with a class "
                          "board for the teacher and a cap on villages running at once")
    room.add_argument("--classroom", action="store_true",
                      help="classroom mode (listens on 0.0.0.0 unless --host says otherwise)")
    room.add_argument("--code", default=None,
                      help="the students' access code (default: a new one, printed)")
    room.add_argument("--teacher-code", default=None,
                      help="the teacher's code for the class board (default: a new one, "
                           "printed)")
    room.add_argument("--max-runs", type=bounded_int("max-runs", 1, 256, "runs"), default=None,
                      help="villages built, stepped or compared at once; other students wait "
                           "(default: the CPU count, at least 2)")
    room.add_argument("--board", type=Path, default=None, metavar="FILE",
                      help="keep the class board in this JSON file too (read back if it "
                           "exists)")


def add_advise(sub) -> None:
    """`villageaid advise`: portfolios for a budget (cli/advise.py)."""
    adv = sub.add_parser(
        "advise", help="search intervention portfolios for a yearly budget (NSGA-II, "
                       "resumable): Pareto set and a recommendation",
        description=textwrap.fill(
            "Search portfolios of the all_levels interventions (each on or off, with one "
            "key setting) for a committee with --budget CNY a year (grant = budget, "
            "donations = 0, no shock): each Optuna NSGA-II trial runs the portfolio for "
            "--replicates seeds (S + i in every trial). Writes trials.csv, pareto.csv, "
            "pareto.png, recommendation.json and study.db into --out. Then the Pareto "
            "options run in --futures futures (grant cuts, out-migration, cold waves, "
            "calibrated parameters within their ranges) for their regret and satisficing "
            "robustness (robustness.csv, futures.csv), and PRIM says in which futures "
            "the recommended portfolio fails.", 80))
    adv.add_argument("--budget", required=True, metavar="CNY",
                     help="the committee's yearly budget in CNY (above 0, at most 1e8)")
    adv.add_argument("--years", type=bounded_int("years", 1, MAX_YEARS, "years"), default=5,
                     help=f"simulated years of every run (1 to {MAX_YEARS}; default 5)")
    adv.add_argument("--trials", type=bounded_int("trials", 1, 100_000, "trials"), default=40,
                     help="portfolios to try (default 40); with --resume, the total to reach")
    adv.add_argument("--replicates", type=bounded_int("replicates", 1, 10_000, "runs"),
                     default=3, help="replicates per portfolio (default 3)")
    adv.add_argument("--seed", type=bounded_int("seed", 0, MAX_SEED, "integer"), default=0,
                     help="seed of replicate 0 and of the sampler (default 0)")
    adv.add_argument("--out", type=Path, default=Path("out/advise"),
                     help="folder for the study and results (new or empty; with --resume, "
                          "the folder of the study to continue; default ./out/advise)")
    adv.add_argument("--workers", type=bounded_int("workers", 1, 256, "processes"),
                     default=None, help="worker processes for a trial's replicates "
                                        "(default: the CPU count, at most 8 and at most "
                                        "the replicates); results do not depend on it")
    adv.add_argument("--scheduler", metavar="tcp://HOST:PORT", default=None,
                     help="run the replicates and futures on a Dask distributed cluster at "
                          "this scheduler address (instead of --workers)")
    adv.add_argument("--shares", action="store_true",
                     help="also search each intervention's priority, its share of the budget "
                          "when money is short (0.25 to 4 times an even share)")
    adv.add_argument("--resume", action="store_true",
                     help="continue the study in --out up to --trials")
    adv.add_argument("--objectives", default="coverage,withdrawn_final,burnout",
                     help="metrics to optimise, comma-separated; the first is primary "
                          "(default coverage,withdrawn_final,burnout)")
    adv.add_argument("--constraint", action="append", metavar="METRIC<=VALUE",
                     help="a limit on a metric's mean, e.g. withdrawn_final<=0.05 "
                          "(repeatable); spent <= budget x years always applies")
    adv.add_argument("--futures", type=bounded_int("futures", 0, 10_000, "futures"),
                     default=24, help="futures each Pareto option is tested in for "
                                      "robustness (default 24; 0 skips the test)")
    adv.add_argument("--residents", type=param_bounds("residents"), default=None,
                     help="adult residents of the village (default: the preset's)")
    adv.add_argument("--village", metavar="NAME_OR_PATH", default=None,
                     help="search on this village type or village file (folder of CSV "
                          "files or .xlsx)")
    adv.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_lang(adv)
