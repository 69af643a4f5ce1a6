"""`villageaid run`: one village, its tables, figure and printed summary."""

from __future__ import annotations

import dataclasses
import sys
import textwrap

from ..problems import Problem, ProblemError
from ..sim.params import PARAMETER_INDEX
from ..scenarios.village_types import VILLAGE_TYPES
from .common import output_folder, print_village, read_village, village_type_named
from .options import DEFAULT_YEARS


def set_problem(name: str, value: str, roster) -> Problem | None:
    """What is wrong with `--set NAME=VALUE` beyond its value, or None."""
    from ..sim.interventions import INTERVENTIONS

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


def cmd_run(args) -> int:
    from ..scenarios import Scenario, load_scenario
    from ..sim.run import write_result

    named = args.scenario is not None
    scenario = (load_scenario(args.scenario) if named
                else Scenario(name="default", years=DEFAULT_YEARS))
    roster = read_village(args, scenario)
    values, problems = {}, []  # every bad --set is reported, not only the first
    for name, value in args.assignments:
        problem = set_problem(name, value, roster)
        if problem:
            problems.append(problem)
        else:
            values[name] = value
    for name in ("residents", "villages"):
        if getattr(args, name) is not None:
            values[name] = getattr(args, name)
    if args.village is not None:  # a village file's roster, or a village type's name
        scenario = scenario.with_village(roster if roster is not None else args.village)
    try:
        scenario = scenario.with_params(**values)
    except ProblemError as err:
        problems.extend(err.problems)
    if problems:
        raise ProblemError(problems)
    scenario = dataclasses.replace(scenario, years=args.years or scenario.years)
    output_folder(args.out)
    if named:
        print(f"Scenario {scenario.name}: {scenario.description}")
        sys.stdout.flush()  # keep warnings in order with the lines above them
        for note in scenario.unreached():
            print(f"warning: {note}", file=sys.stderr)
    if roster is not None:
        print_village(roster)
    typed = village_type_named(args)
    if typed is not None:
        print(f"Village type {typed}: {VILLAGE_TYPES[typed].title_en}")
    params = scenario.params
    print(f"Running {params.villages} village(s) x {params.residents} residents for "
          f"{scenario.years} years (seed {args.seed}) ...", flush=True)
    result = scenario.run(seed=args.seed)
    paths = write_result(result, args.out, args.format)
    if not args.no_plot:
        from ..visualization.figures import plot_population, plot_run

        zh = args.lang == "zh"
        title = (f"{'场景' if zh else 'Scenario'} {scenario.name}" if named else
                 f"{'村庄' if zh else 'Village'} {roster.source}" if roster is not None else
                 VILLAGE_TYPES[typed].title(args.lang) if typed is not None else
                 "默认村庄" if zh else "Default village")
        seed = f"种子 {args.seed}" if zh else f"seed {args.seed}"
        paths["figure"] = plot_run(result.timeseries, args.out / "curves.png",
                                   title=f"{title}, {seed}", lang=args.lang)
        paths["population"] = plot_population(result.timeseries, args.out / "population.png",
                                              title=f"{title}, {seed}", lang=args.lang)
    print(format_summary(result.summary, args.lang))
    if named:
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
