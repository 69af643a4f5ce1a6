"""`villageaid scenarios`, `validate`, `params`, `village` and `dashboard`."""

from __future__ import annotations

import sys
import textwrap

from ..problems import Problem, ProblemError
from ..sim.params import PARAMETER_INDEX, PARAMETERS, ParameterError
from .common import print_village, print_village_types
from .options import EXIT_USAGE


def cmd_scenarios(args) -> int:
    from ..scenarios import list_presets

    presets = list_presets()
    width = max(len(name) for name, _ in presets)
    for name, description in presets:
        print(textwrap.fill(description, 88, initial_indent=f"  {name:{width}}  ",
                            subsequent_indent=" " * (width + 4)))
    print("\nRun one with `villageaid run --scenario NAME`; a TOML file of your own works "
          "too\n(copy a preset from scenarios/presets/; `villageaid validate FILE` checks it).")
    print_village_types()
    return 0


def cmd_validate(args) -> int:
    from ..scenarios import load_scenario

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
        if s.village_type is not None:
            counts.append(f"village type {s.village_type}")
        print(f"{name}: valid ({', '.join(counts)})")
    return status


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def cmd_params(args) -> int:
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


def cmd_village(args) -> int:
    from ..scenarios.village_files import export_village, read_roster, write_template
    from ..scenarios.village_types import describe_types

    if args.village_command == "types":
        print("\n".join(describe_types(args.lang)))
        return 0
    if args.village_command == "check":
        roster = read_roster(args.path)
        print_village(roster)
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
        print("Fill it in (README.md explains every column; README.zh.md in Chinese), "
              f"then: villageaid village check {target}")
    elif args.format == "csv":
        print(f"villageaid run --village {target} --seed {args.seed} repeats villageaid run "
              f"--residents {residents} --seed {args.seed} exactly")
    else:
        print(f"villageaid run --village {target} --seed {args.seed} runs this village (a "
              "workbook keeps 16 significant digits, so the run is not bit for bit the "
              "synthetic one; --format csv is)")
    return 0


def cmd_dashboard(args) -> int:
    import socket

    classroom = _classroom(args)
    host = args.host or ("0.0.0.0" if classroom is not None else "127.0.0.1")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, args.port))
    except OSError as err:
        raise ParameterError([Problem("cannot_listen", f"--host {host} --port {args.port}",
                                      facts={"reason": err.strerror or str(err)})]) from None
    shown = f"[{host}]" if ":" in host else host
    if classroom is not None:
        return _serve_classroom(host, shown, args.port, classroom, args.board)
    from ..visualization.app import serve

    print(f"villageaid dashboard: serving on http://{shown}:{args.port}/ (Ctrl+C to stop)",
          flush=True)
    return serve(host, args.port)


def _classroom(args):
    """The Classroom of `--classroom` and its options, or None (refusing them without it)."""
    import os

    options = {"--code": args.code, "--teacher-code": args.teacher_code,
               "--max-runs": args.max_runs, "--board": args.board}
    if not args.classroom:
        given = [name for name, value in options.items() if value is not None]
        if given:
            raise ParameterError([Problem("classroom_only", name) for name in given])
        return None
    from ..visualization.classroom import Classroom, check_code, new_code
    from ..visualization.classroom_board import Board

    code = check_code("--code", args.code) if args.code else new_code()
    teacher = (check_code("--teacher-code", args.teacher_code) if args.teacher_code
               else new_code(8))
    if teacher == code:
        raise ParameterError([Problem("teacher_code_same", "--teacher-code")])
    if args.board is not None and not args.board.resolve().parent.is_dir():
        raise ParameterError([Problem("no_such_file", "--board", str(args.board.parent))])
    return Classroom(code=code, teacher_code=teacher, board=Board(args.board),
                     max_runs=args.max_runs or max(2, os.cpu_count() or 2))


def _serve_classroom(host: str, shown: str, port: int, classroom, board) -> int:
    from ..visualization.classroom_server import local_address, serve_classroom

    where = local_address() if host in ("0.0.0.0", "::") else shown
    address = f"http://{where}:{port}/"
    print(f"villageaid dashboard (classroom mode): serving on {address} (Ctrl+C to stop)\n"
          f"  students: open {address} and enter the access code  {classroom.code}\n"
          f"            (or open {address}?code={classroom.code})\n"
          f"  teacher:  the class board is {address}classroom/board, teacher's code  "
          f"{classroom.teacher_code}\n"
          f"  at most {classroom.max_runs} village{'s' if classroom.max_runs > 1 else ''} "
          "run at once; the others wait their turn"
          + (f"\n  the board is kept in {board}" if board else ""), flush=True)
    return serve_classroom(host, port, classroom)
